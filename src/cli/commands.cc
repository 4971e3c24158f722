#include "cli/commands.h"

#include <unistd.h>

#include <iostream>

#include <CLI/CLI.hpp>

#include "cli/fail.h"
#include "cli/match_commands.h"
#include "cli/progress_bar.h"
#include "cli/serve_commands.h"
#include "cli/ssda903_commands.h"
#include "cli/sufficiency_commands.h"
#include "cli/summary.h"
#include "store/store.h"
#include "synth/calibration.h"
#include "synth/generator.h"
#include "synth/rcc_plan.h"

namespace carecoop::cli {
namespace {

constexpr const char* kDefaultStore = "sqlite:carecoop.sqlite";

Result<Date> ParseAsAt(const std::string& text) { return Date::ParseIso(text, "as-at"); }

int Generate(const std::string& store_url, const std::string& scale, std::uint64_t seed,
             const std::string& rcc, const std::string& as_at_text, std::ostream& out,
             std::ostream& err) {
  synth::GenerateOptions options;
  if (scale == "national")
    options.scale = synth::Scale::kNational;
  else if (scale == "region")
    options.scale = synth::Scale::kRegion;
  else
    return Fail(err, InvalidArgument("scale", "must be region or national, not '" + scale + "'"));
  options.seed = seed;
  options.rcc = rcc;
  auto as_at = ParseAsAt(as_at_text);
  if (!as_at.ok()) return Fail(err, as_at.status());
  options.as_at = *as_at;
  auto store = store::Store::Open(store_url);
  if (!store.ok()) return Fail(err, store.status());
  ProgressBar bar(err, isatty(STDERR_FILENO) != 0);
  options.progress = [&](std::string_view stage, std::int64_t done, std::int64_t total) {
    bar.Update(stage, done, total);
  };
  auto summary = synth::Generate(**store, options);
  bar.Finish();
  if (!summary.ok()) return Fail(err, summary.status());
  out << "Generated synthetic England (" << scale << ", seed " << seed << ") into "
      << (*store)->display_url() << ":\n"
      << "  " << summary->councils << " councils, " << summary->rccs << (summary->rccs == 1 ? " RCC, " : " RCCs, ")
      << summary->providers << " providers, " << summary->homes << " homes with " << summary->places
      << " places (" << summary->vacancies << " vacancies)\n"
      << "  " << summary->children_in_care << " children in care (" << summary->children
      << " with those who left in the year), " << summary->placements << " placements, "
      << summary->contracts << " contracts, " << summary->open_referrals << " open referrals\n";
  return 0;
}

}  // namespace

int Run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  CLI::App app{
      "CareCoop: finding homes for children in care, for Regional Care Co-operatives and the "
      "national "
      "body.\nAll data in this build is synthetic.",
      "carecoop"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "carecoop 0.1.0");

  std::string store_url = kDefaultStore;
  std::string as_at = "2025-03-31";

  auto* generate = app.add_subcommand(
      "generate", "Write a synthetic England (or one RCC of it) into an empty store");
  std::string scale = "region";
  std::uint64_t seed = 1;
  std::string rcc = "NW-GM";
  generate->add_option("--scale", scale, "region (one RCC) or national (all of England)")
      ->check(CLI::IsMember({"region", "national"}))
      ->capture_default_str();
  generate->add_option("--seed", seed, "random seed: the same seed gives the same data")
      ->capture_default_str();
  generate->add_option("--store", store_url, "store URL: sqlite:PATH or postgresql://...")
      ->capture_default_str();
  generate->add_option("--rcc", rcc, "region scale: the RCC to generate (see `carecoop rccs`)")
      ->capture_default_str();
  generate->add_option("--as-at", as_at, "snapshot date, YYYY-MM-DD")->capture_default_str();

  auto* calibration = app.add_subcommand(
      "calibration", "Compare a store's synthetic England with published figures");
  calibration->add_option("--store", store_url, "store URL")->capture_default_str();
  calibration->add_option("--as-at", as_at, "the snapshot date it was generated for")
      ->capture_default_str();
  bool strict = false;
  calibration->add_flag("--check", strict, "exit 1 when a targeted figure is more than 5% off");

  auto* summary = app.add_subcommand("summary", "Print a short summary of a store");
  summary->add_option("--store", store_url, "store URL")->capture_default_str();

  app.add_subcommand("rccs", "List the RCCs of synthetic England and their councils");

  auto* match = app.add_subcommand(
      "match", "Rank homes for a referral, place an RCC's open referrals, compare policies");
  match->require_subcommand(1);
  MatchArgs match_args{kDefaultStore, "2025-03-31", false};
  auto common = [&](CLI::App* sub) {
    sub->add_option("--store", match_args.store_url, "store URL")->capture_default_str();
    sub->add_option("--as-at", match_args.as_at, "the date to match as at, YYYY-MM-DD")
        ->capture_default_str();
    sub->add_flag("--json", match_args.json, "print JSON instead of text");
  };
  auto* rank = match->add_subcommand(
      "rank", "The best homes for one referral, each explained, and the homes excluded by reason");
  std::int64_t referral_id = 0;
  int top = 10;
  rank->add_option("--referral", referral_id, "the referral's id")->required();
  rank->add_option("--top", top, "how many options")->capture_default_str();
  common(rank);
  auto* assign = match->add_subcommand(
      "assign", "Place every open referral of an RCC at once (needs-led: exact optimum)");
  std::string match_rcc, policy = "needs-led";
  assign->add_option("--rcc", match_rcc, "the RCC's code (e.g. NW-GM) or id")->required();
  assign->add_option("--policy", policy, "needs-led, or sequential (cheapest first, to compare)")
      ->capture_default_str();
  common(assign);
  auto* compare = match->add_subcommand(
      "compare", "Needs-led and sequential sourcing side by side on an RCC's open referrals");
  compare->add_option("--rcc", match_rcc, "the RCC's code (e.g. NW-GM) or id")->required();
  common(compare);

  auto* serve = app.add_subcommand("serve", "Serve the HTTP API (JSON under /api/, OpenAPI at /openapi.json)");
  ServeArgs serve_args{kDefaultStore};
  serve->add_option("--store", serve_args.store_url, "store URL: sqlite:PATH or postgresql://...")
      ->capture_default_str();
  serve->add_option("--host", serve_args.host, "address to listen on")->capture_default_str();
  serve->add_option("--port", serve_args.port, "port to listen on")->capture_default_str();
  serve->add_option("--threads", serve_args.threads, "request threads")->capture_default_str();
  serve->add_option("--today", serve_args.today,
                    "run the clock from this day (YYYY-MM-DD), e.g. a synthetic store's as-at date");

  auto* user = app.add_subcommand("user", "Manage users");
  user->require_subcommand(1);
  auto* user_add = user->add_subcommand("add", "Add a user with a role and the scope it needs");
  UserAddArgs user_args{kDefaultStore};
  user_add->add_option("--store", user_args.store_url, "store URL")->capture_default_str();
  user_add->add_option("--username", user_args.username, "lower-case letters, digits, . _ -")->required();
  user_add->add_option("--role", user_args.role,
                       "social_worker, hub_officer, scrutiny_officer, provider, commissioner, "
                       "national_analyst or admin")
      ->required();
  user_add->add_option("--council", user_args.council, "social_worker: the council's ONS or DfE code");
  user_add->add_option("--rcc", user_args.rcc, "hub_officer, scrutiny_officer, commissioner: the RCC's code");
  user_add->add_option("--provider", user_args.provider, "provider: the provider's id");
  user_add->add_flag("--password-stdin", user_args.password_stdin,
                     "read the password from standard input (else one is made and printed once)");

  auto* audit = app.add_subcommand("audit", "The audit trail");
  audit->require_subcommand(1);
  std::string audit_store = kDefaultStore;
  auto* audit_verify =
      audit->add_subcommand("verify", "Recompute the hash chain: exit 1 if any record was edited, removed or moved");
  audit_verify->add_option("--store", audit_store, "store URL")->capture_default_str();

  auto* import903 = app.add_subcommand(
      "import-903", "Import a council's SSDA903 return (CSV per year or pooled, or DfE XML): all or nothing");
  ImportArgs import_args{kDefaultStore, "", "", std::nullopt, false, ""};
  import903->add_option("path", import_args.path, "a folder of CSV files (per-year or pooled) or a DfE XML file")
      ->required();
  import903->add_option("--council", import_args.council,
                        "the council (ONS code, DfE LA code or name); pooled files name it in their LA column");
  import903->add_option("--year", import_args.year, "collection year of a single-year folder or XML file");
  import903->add_flag("--replace", import_args.replace, "replace a council's return for a year already imported");
  import903->add_option("--report", import_args.report, "write every rejected row and warning to this CSV file");
  import903->add_option("--store", import_args.store_url, "store URL")->capture_default_str();

  auto* export903 = app.add_subcommand(
      "export-903", "Write a council's SSDA903 return for a year from the store (imported rows and placements)");
  ExportArgs export_args{kDefaultStore};
  export903->add_option("--council", export_args.council, "ONS code, DfE LA code or name")->required();
  export903->add_option("--year", export_args.year, "collection year, e.g. 2025 for April 2024 to March 2025")
      ->required();
  export903->add_option("--format", export_args.format, "csv (OUT/<YEAR>/*.csv) or xml (OUT is the file)")
      ->capture_default_str();
  export903->add_option("--out", export_args.out, "where to write")->required();
  export903->add_option("--store", export_args.store_url, "store URL")->capture_default_str();

  auto* forecast_cmd = app.add_subcommand(
      "forecast", "Forecast children in care by age band and placement category (stock-and-flow model)");
  ForecastArgs forecast_args;
  forecast_cmd->add_option("--input", forecast_args.input, "an SSDA903 return (any layout) to forecast from");
  forecast_cmd->add_option("--store", forecast_args.store_url, "or: the store to forecast from");
  forecast_cmd->add_option("--council", forecast_args.council, "one council (with --input: an LA value)");
  forecast_cmd->add_option("--rcc", forecast_args.rcc, "one RCC's councils together (with --store)");
  forecast_cmd->add_flag("--all", forecast_args.all, "every council, every RCC and England at once (with --store)");
  forecast_cmd->add_option("--threads", forecast_args.threads, "threads for --all (default: one per core)");
  forecast_cmd->add_option("--reference-start", forecast_args.reference_start,
                           "start of the period rates are measured over (default: a year before its end)");
  forecast_cmd->add_option("--reference-end", forecast_args.reference_end,
                           "end of that period, where the projection starts (default: the data's end)");
  forecast_cmd->add_option("--horizon-months", forecast_args.horizon_months, "months to project")
      ->capture_default_str();
  bool forecast_json = false, forecast_csv = false;
  forecast_cmd->add_flag("--json", forecast_json, "print the whole forecast as JSON");
  forecast_cmd->add_flag("--csv", forecast_csv, "print month-end predictions as CSV");

  auto* sufficiency_cmd = app.add_subcommand(
      "sufficiency", "An RCC's forecast need for homes against its supply, and where children are placed far away");
  SufficiencyArgs sufficiency_args{kDefaultStore};
  sufficiency_cmd->add_option("--rcc", sufficiency_args.rcc, "the RCC's code, e.g. NW-GM")->required();
  sufficiency_cmd->add_option("--store", sufficiency_args.store_url, "store URL")->capture_default_str();
  sufficiency_cmd->add_flag("--json", sufficiency_args.json, "print it as JSON (as the API serves it)");

  if (args.size() > 1 && !args[1].starts_with("-")) {
    std::string names;
    bool known = false;
    for (const auto* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
      names += (names.empty() ? "" : ", ") + sub->get_name();
      known = known || sub->get_name() == args[1];
    }
    if (!known) {
      err << "carecoop: '" << args[1] << "' is not a carecoop command (commands: " << names
          << ").\nRun 'carecoop --help' for usage.\n";
      return 2;
    }
  }
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  try {
    app.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const CLI::CallForHelp&) {
    out << app.help();
    return 0;
  } catch (const CLI::CallForVersion&) {
    out << app.version() << "\n";
    return 0;
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {
      out << app.help();
      return 0;
    }
    err << "carecoop: " << e.what() << "\nRun 'carecoop --help' for usage.\n";
    return 2;
  }

  if (import903->parsed()) return Import903(import_args, out, err);
  if (export903->parsed()) return Export903(export_args, out, err);
  if (forecast_cmd->parsed()) {
    forecast_args.format = forecast_json ? "json" : forecast_csv ? "csv" : "text";
    return Forecast(forecast_args, out, err);
  }
  if (sufficiency_cmd->parsed()) return Sufficiency(sufficiency_args, out, err);
  if (serve->parsed()) return Serve(serve_args, out, err);
  if (user_add->parsed()) return UserAdd(user_args, std::cin, out, err);
  if (audit_verify->parsed()) return AuditVerify(audit_store, out, err);
  if (rank->parsed()) return MatchRank(match_args, referral_id, top, out, err);
  if (assign->parsed()) return MatchAssign(match_args, match_rcc, policy, out, err);
  if (compare->parsed()) return MatchCompare(match_args, match_rcc, out, err);
  if (generate->parsed()) return Generate(store_url, scale, seed, rcc, as_at, out, err);
  if (calibration->parsed()) {
    auto date = ParseAsAt(as_at);
    if (!date.ok()) return Fail(err, date.status());
    auto store = store::Store::Open(store_url);
    if (!store.ok()) return Fail(err, store.status());
    auto result = synth::Calibrate(**store, *date);
    if (!result.ok()) return Fail(err, result.status());
    out << synth::FormatCalibration(*result);
    if (strict) {
      for (const auto& row : result->rows) {
        if (row.figure->targeted && std::abs(row.DifferencePercent()) > 5.0) {
          err << "carecoop: " << row.figure->name << " is " << row.DifferencePercent() << "% off\n";
          return 1;
        }
      }
    }
    return 0;
  }
  if (summary->parsed()) {
    auto store = store::Store::Open(store_url);
    if (!store.ok()) return Fail(err, store.status());
    auto s = Summarise(**store);
    if (!s.ok()) return Fail(err, s.status());
    out << FormatSummary(*s);
    return 0;
  }
  for (const auto& r : synth::RccPlan())
    out << r.code << "\t" << r.name << "\t" << r.councils.size() << " councils\n";
  return 0;
}

}  // namespace carecoop::cli
