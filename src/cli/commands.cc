#include "cli/commands.h"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <map>
#include <memory>

#include "cli/demo_commands.h"
#include "cli/fail.h"
#include "cli/market_commands.h"
#include "cli/match_commands.h"
#include "cli/national_commands.h"
#include "cli/oversight_commands.h"
#include "cli/progress_bar.h"
#include "cli/serve_commands.h"
#include "cli/simulate_commands.h"
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
      << "  " << summary->councils << " councils, " << summary->rccs
      << (summary->rccs == 1 ? " RCC, " : " RCCs, ") << summary->providers << " providers, "
      << summary->homes << " homes with " << summary->places << " places (" << summary->vacancies
      << " vacancies)\n"
      << "  " << summary->children_in_care << " children in care (" << summary->children
      << " with those who left in the year), " << summary->placements << " placements, "
      << summary->contracts << " contracts, " << summary->open_referrals << " open referrals\n";
  return 0;
}

int Calibration(const std::string& store_url, const std::string& as_at, bool strict,
                std::ostream& out, std::ostream& err) {
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

int Summary(const std::string& store_url, std::ostream& out, std::ostream& err) {
  auto store = store::Store::Open(store_url);
  if (!store.ok()) return Fail(err, store.status());
  auto s = Summarise(**store);
  if (!s.ok()) return Fail(err, s.status());
  out << FormatSummary(*s);
  return 0;
}

int Rccs(std::ostream& out) {
  for (const auto& r : synth::RccPlan())
    out << r.code << "\t" << r.name << "\t" << r.councils.size() << " councils\n";
  return 0;
}

// Adds --store, bound to `url`, with its default shown.
void StoreOption(CLI::App& app, std::string& url, const char* help = "store URL") {
  app.add_option("--store", url, help)->capture_default_str();
}

// The match sub-commands' shared options.
void MatchOptions(CLI::App& app, MatchArgs& a) {
  StoreOption(app, a.store_url);
  app.add_option("--as-at", a.as_at, "the date to match as at, YYYY-MM-DD")->capture_default_str();
  app.add_flag("--json", a.json, "print JSON instead of text");
}

// Each row binds its options to state of its own (held by the returned
// runner), so rows share nothing.
template <class State>
std::shared_ptr<State> Make(State init = {}) {
  return std::make_shared<State>(std::move(init));
}

}  // namespace

const std::vector<CommandGroup>& CommandGroups() {
  static const std::vector<CommandGroup> kGroups = {
      {"match", "Rank homes for a referral, place an RCC's open referrals, compare policies"},
      {"user", "Manage users"},
      {"audit", "The audit trail"},
      {"store", "The store itself"},
      {"demo", "Synthetic activity for the demo"},
      {"market", "Money and provision: fair prices, contracts, payments runs"},
      {"oversight",
       "Market oversight: prices, concentration, provider groups, returns, risk, the profit cap, "
       "failure scenarios"},
      {"national", "The national layer: RCC returns built and received, the national overview"},
  };
  return kGroups;
}

const std::vector<Command>& Commands() {
  static const std::vector<Command> kCommands = {
      {"generate", "Write a synthetic England (or one RCC of it) into an empty store",
       [](CLI::App& app) -> Runner {
         struct State {
           std::string store = kDefaultStore, scale = "region", rcc = "NW-GM", as_at = "2025-03-31";
           std::uint64_t seed = 1;
         };
         auto a = Make<State>();
         app.add_option("--scale", a->scale, "region (one RCC) or national (all of England)")
             ->check(CLI::IsMember({"region", "national"}))
             ->capture_default_str();
         app.add_option("--seed", a->seed, "random seed: the same seed gives the same data")
             ->capture_default_str();
         StoreOption(app, a->store, "store URL: sqlite:PATH or postgresql://...");
         app.add_option("--rcc", a->rcc, "region scale: the RCC to generate (see `carecoop rccs`)")
             ->capture_default_str();
         app.add_option("--as-at", a->as_at, "snapshot date, YYYY-MM-DD")->capture_default_str();
         return [a](Io& io) {
           return Generate(a->store, a->scale, a->seed, a->rcc, a->as_at, io.out, io.err);
         };
       }},
      {"calibration", "Compare a store's synthetic England with published figures",
       [](CLI::App& app) -> Runner {
         struct State {
           std::string store = kDefaultStore, as_at = "2025-03-31";
           bool strict = false;
         };
         auto a = Make<State>();
         StoreOption(app, a->store);
         app.add_option("--as-at", a->as_at, "the snapshot date it was generated for")
             ->capture_default_str();
         app.add_flag("--check", a->strict, "exit 1 when a targeted figure is more than 5% off");
         return [a](Io& io) { return Calibration(a->store, a->as_at, a->strict, io.out, io.err); };
       }},
      {"summary", "Print a short summary of a store",
       [](CLI::App& app) -> Runner {
         auto store = Make<std::string>(kDefaultStore);
         StoreOption(app, *store);
         return [store](Io& io) { return Summary(*store, io.out, io.err); };
       }},
      {"rccs", "List the RCCs of synthetic England and their councils",
       [](CLI::App&) -> Runner { return [](Io& io) { return Rccs(io.out); }; }},
      {"match rank",
       "The best homes for one referral, each explained, and the homes excluded by reason",
       [](CLI::App& app) -> Runner {
         struct State {
           MatchArgs match{kDefaultStore, "2025-03-31", false};
           std::int64_t referral = 0;
           int top = 10;
         };
         auto a = Make<State>();
         app.add_option("--referral", a->referral, "the referral's id")->required();
         app.add_option("--top", a->top, "how many options")->capture_default_str();
         MatchOptions(app, a->match);
         return [a](Io& io) { return MatchRank(a->match, a->referral, a->top, io.out, io.err); };
       }},
      {"match assign", "Place every open referral of an RCC at once (needs-led: exact optimum)",
       [](CLI::App& app) -> Runner {
         struct State {
           MatchArgs match{kDefaultStore, "2025-03-31", false};
           std::string rcc, policy = "needs-led";
         };
         auto a = Make<State>();
         app.add_option("--rcc", a->rcc, "the RCC's code (e.g. NW-GM) or id")->required();
         app.add_option("--policy", a->policy,
                        "needs-led, or sequential (cheapest first, to compare)")
             ->capture_default_str();
         MatchOptions(app, a->match);
         return [a](Io& io) { return MatchAssign(a->match, a->rcc, a->policy, io.out, io.err); };
       }},
      {"match compare", "Needs-led and sequential sourcing side by side on an RCC's open referrals",
       [](CLI::App& app) -> Runner {
         struct State {
           MatchArgs match{kDefaultStore, "2025-03-31", false};
           std::string rcc;
         };
         auto a = Make<State>();
         app.add_option("--rcc", a->rcc, "the RCC's code (e.g. NW-GM) or id")->required();
         MatchOptions(app, a->match);
         return [a](Io& io) { return MatchCompare(a->match, a->rcc, io.out, io.err); };
       }},
      {"simulate",
       "Run commissioning designs on the store's England: each year's measures over runs with "
       "their 95% intervals, and each later design against the first",
       [](CLI::App& app) -> Runner {
         auto a = Make<SimulateArgs>({kDefaultStore});
         app.add_option("--design", a->designs,
                        "a design file (JSON); give two or more to compare");
         app.add_option("--focus", a->focus,
                        "an RCC's code: outcomes of its councils' children only (give several "
                        "for several RCCs)");
         app.add_option(
             "--parameters", a->parameters,
             "a parameters file (JSON): the model's rates and rules, if not the defaults");
         app.add_flag("--calibration", a->calibration,
                      "run the baseline (today's design) for a year and compare it with the "
                      "published figures");
         app.add_option("--as-at", a->as_at, "the day the world is read as at, YYYY-MM-DD")
             ->capture_default_str();
         app.add_option("--years", a->years, "years simulated")->capture_default_str();
         app.add_option("--runs", a->runs, "runs (seeds) per design")->capture_default_str();
         app.add_option("--seed", a->seed, "the simulation's seed")->capture_default_str();
         app.add_option("--threads", a->threads, "threads the runs are spread over")
             ->capture_default_str();
         app.add_flag("--json", a->json, "JSON for programs");
         app.add_flag("--csv", a->csv, "CSV, one row per design, year and measure");
         StoreOption(app, a->store_url);
         return [a](Io& io) { return Simulate(*a, io.out, io.err); };
       }},
      {"serve", "Serve the HTTP API (JSON under /api/, OpenAPI at /openapi.json)",
       [](CLI::App& app) -> Runner {
         auto a = Make<ServeArgs>({kDefaultStore});
         StoreOption(app, a->store_url, "store URL: sqlite:PATH or postgresql://...");
         app.add_option("--host", a->host, "address to listen on")->capture_default_str();
         app.add_option("--port", a->port, "port to listen on")->capture_default_str();
         app.add_option("--threads", a->threads, "request threads")->capture_default_str();
         app.add_option("--max-connections", a->max_connections, "open connections at most")
             ->capture_default_str();
         app.add_option("--max-connections-per-address", a->max_connections_per_address,
                        "open connections from one client address at most")
             ->capture_default_str();
         app.add_option("--max-queue", a->max_queue,
                        "requests waiting for a thread at most; beyond, 503 at once")
             ->capture_default_str();
         app.add_flag("!--no-access-log", a->access_log,
                      "no JSON line a request on standard error");
         app.add_flag("--secure-cookies", a->secure_cookies,
                      "browser session cookies carry Secure (the API is reached over TLS)");
         app.add_option("--web", a->web,
                        "serve the built web app from this folder at / (the API stays at /api/)");
         app.add_option(
             "--today", a->today,
             "run the clock from this day (YYYY-MM-DD), e.g. a synthetic store's as-at date");
         return [a](Io& io) { return Serve(*a, io.out, io.err); };
       }},
      {"demo activity",
       "Walk some of a synthetic region's open referrals through the workflow (sent, offered, "
       "proposed, booked) so every role's views have work in them",
       [](CLI::App& app) -> Runner {
         auto a = Make<DemoActivityArgs>({kDefaultStore});
         StoreOption(app, a->store_url);
         app.add_option("--rcc", a->rcc, "the RCC's code, e.g. NW-GM")->required();
         app.add_option("--today", a->today, "the day the demo's clock runs from (YYYY-MM-DD)")
             ->required();
         app.add_option("--provider", a->provider,
                        "the demo provider's id: some referrals await its answer");
         app.add_option("--referrals", a->referrals, "how many open referrals to walk")
             ->capture_default_str();
         return [a](Io& io) { return DemoActivity(*a, io.out, io.err); };
       }},
      {"user add", "Add a user with a role and the scope it needs",
       [](CLI::App& app) -> Runner {
         auto a = Make<UserAddArgs>({kDefaultStore});
         StoreOption(app, a->store_url);
         app.add_option("--username", a->username, "lower-case letters, digits, . _ -")->required();
         app.add_option("--role", a->role,
                        "social_worker, hub_officer, scrutiny_officer, provider, commissioner, "
                        "national_analyst, market_oversight, national_commissioner or admin")
             ->required();
         app.add_option("--council", a->council, "social_worker: the council's ONS or DfE code");
         app.add_option("--rcc", a->rcc,
                        "hub_officer, scrutiny_officer, commissioner: the RCC's code");
         app.add_option("--provider", a->provider, "provider: the provider's id");
         app.add_flag("--password-stdin", a->password_stdin,
                      "read the password from standard input (else one is made and printed once)");
         return [a](Io& io) { return UserAdd(*a, io.in, io.out, io.err); };
       }},
      {"audit verify",
       "Recompute the hash chain: exit 1 if any record was edited, removed or moved",
       [](CLI::App& app) -> Runner {
         auto store = Make<std::string>(kDefaultStore);
         StoreOption(app, *store);
         return [store](Io& io) { return AuditVerify(*store, io.out, io.err); };
       }},
      {"audit refusals",
       "Refused requests and sign-ins since a time, by person and kind: bursts show who is probing",
       [](CLI::App& app) -> Runner {
         struct State {
           std::string store = kDefaultStore, since;
         };
         auto a = Make<State>();
         app.add_option("--since", a->since, "YYYY-MM-DD or an ISO timestamp")->required();
         StoreOption(app, a->store);
         return [a](Io& io) { return AuditRefusals(a->store, a->since, io.out, io.err); };
       }},
      {"backup",
       "Copy a SQLite store to a new file while it is served, and check the copy (PostgreSQL: "
       "pg_dump)",
       [](CLI::App& app) -> Runner {
         struct State {
           std::string store = kDefaultStore, out;
         };
         auto a = Make<State>();
         StoreOption(app, a->store);
         app.add_option("--out", a->out, "the new file (never overwritten)")->required();
         return [a](Io& io) { return Backup(a->store, a->out, io.out, io.err); };
       }},
      {"store check",
       "The database's own integrity check (SQLite integrity_check, PostgreSQL amcheck): exit 1 "
       "on a problem",
       [](CLI::App& app) -> Runner {
         auto store = Make<std::string>(kDefaultStore);
         StoreOption(app, *store);
         return [store](Io& io) { return StoreCheck(*store, io.out, io.err); };
       }},
      {"import-903",
       "Import a council's SSDA903 return (CSV per year or pooled, or DfE XML): all or nothing",
       [](CLI::App& app) -> Runner {
         auto a = Make<ImportArgs>({kDefaultStore, "", "", std::nullopt, false, ""});
         app.add_option("path", a->path,
                        "a folder of CSV files (per-year or pooled) or a DfE XML file")
             ->required();
         app.add_option("--council", a->council,
                        "the council (ONS code, DfE LA code or name); pooled files name it in "
                        "their LA column");
         app.add_option("--year", a->year, "collection year of a single-year folder or XML file");
         app.add_flag("--replace", a->replace,
                      "replace a council's return for a year already imported");
         app.add_option("--report", a->report,
                        "write every rejected row and warning to this CSV file");
         StoreOption(app, a->store_url);
         return [a](Io& io) { return Import903(*a, io.out, io.err); };
       }},
      {"export-903",
       "Write a council's SSDA903 return for a year from the store (imported rows and placements)",
       [](CLI::App& app) -> Runner {
         auto a = Make<ExportArgs>({kDefaultStore});
         app.add_option("--council", a->council, "ONS code, DfE LA code or name")->required();
         app.add_option("--year", a->year,
                        "collection year, e.g. 2025 for April 2024 to March 2025")
             ->required();
         app.add_option("--format", a->format,
                        "csv (OUT/<YEAR>/*.csv), xml (OUT is the file) or csc-api (the DfE CSC API "
                        "JSON payload, OUT is the file)")
             ->capture_default_str();
         app.add_option("--out", a->out, "where to write")->required();
         StoreOption(app, a->store_url);
         return [a](Io& io) { return Export903(*a, io.out, io.err); };
       }},
      {"forecast",
       "Forecast children in care by age band and placement category (stock-and-flow model)",
       [](CLI::App& app) -> Runner {
         struct State {
           ForecastArgs forecast;
           bool json = false, csv = false;
         };
         auto a = Make<State>();
         ForecastArgs& f = a->forecast;
         app.add_option("--input", f.input, "an SSDA903 return (any layout) to forecast from");
         app.add_option("--store", f.store_url, "or: the store to forecast from");
         app.add_option("--council", f.council, "one council (with --input: an LA value)");
         app.add_option("--rcc", f.rcc, "one RCC's councils together (with --store)");
         app.add_flag("--all", f.all,
                      "every council, every RCC and England at once (with --store)");
         app.add_option("--threads", f.threads, "threads for --all (default: one per core)");
         app.add_option(
             "--reference-start", f.reference_start,
             "start of the period rates are measured over (default: a year before its end)");
         app.add_option(
             "--reference-end", f.reference_end,
             "end of that period, where the projection starts (default: the data's end)");
         app.add_option("--horizon-months", f.horizon_months, "months to project")
             ->capture_default_str();
         app.add_flag("--json", a->json, "print the whole forecast as JSON");
         app.add_flag("--csv", a->csv, "print month-end predictions as CSV");
         return [a](Io& io) {
           a->forecast.format = a->json ? "json" : a->csv ? "csv" : "text";
           return Forecast(a->forecast, io.out, io.err);
         };
       }},
      {"market fair-price",
       "What a place should cost a week, built up from staffing, property, running costs, "
       "overhead and margin",
       [](CLI::App& app) -> Runner {
         auto a = Make<FairPriceArgs>();
         app.add_option("--setting", a->setting,
                        "fostering_household, childrens_home, secure_childrens_home or "
                        "supported_accommodation")
             ->capture_default_str();
         app.add_option("--places", a->places, "the home's registered places")
             ->capture_default_str();
         app.add_option("--ratio", a->ratio, "the child's adult:child ratio")
             ->capture_default_str();
         app.add_option("--band", a->band, "the child's need band")->capture_default_str();
         app.add_option("--age", a->age, "the child's age (the foster allowance)")
             ->capture_default_str();
         app.add_option("--occupancy", a->occupancy,
                        "share of places filled over a year (default: the model's 85%)");
         app.add_option("--region", a->region, "the region, for the pay factor (e.g. London)");
         app.add_option("--quoted", a->quoted_pounds, "a quoted weekly fee in pounds, to compare");
         app.add_option("--threshold", a->threshold_percent,
                        "percent above the estimate that is flagged")
             ->capture_default_str();
         app.add_flag("--json", a->json, "print it as JSON");
         return [a](Io& io) { return MarketFairPrice(*a, io.out, io.err); };
       }},
      {"market payments-run",
       "Pay every placement of an RCC in force for a week (once: a week run again pays nothing)",
       [](CLI::App& app) -> Runner {
         auto a = Make<PaymentsRunArgs>({kDefaultStore});
         app.add_option("--rcc", a->rcc, "the RCC's code (e.g. NW-GM) or id")->required();
         app.add_option("--week-from", a->week_from, "the first day of the week, YYYY-MM-DD")
             ->required();
         app.add_option("--weeks", a->weeks, "run this many weeks, one after another")
             ->capture_default_str();
         StoreOption(app, a->store_url);
         app.add_flag("--json", a->json, "print the runs as JSON");
         return [a](Io& io) { return MarketPaymentsRun(*a, io.out, io.err); };
       }},
      {"market contracts",
       "An RCC's contracts register: route, status, the council it came from, the decision, "
       "places, spend",
       [](CLI::App& app) -> Runner {
         auto a = Make<MarketReadArgs>({kDefaultStore});
         a->what = "contracts";
         app.add_option("--rcc", a->rcc, "the RCC's code (e.g. NW-GM) or id")->required();
         app.add_option("--day", a->day, "the day figures are measured on (default today)");
         StoreOption(app, a->store_url);
         app.add_flag("--json", a->json, "print it as JSON");
         return [a](Io& io) { return MarketRead(*a, io.out, io.err); };
       }},
      {"market frameworks",
       "An RCC's frameworks and DPS: lots, the next admission day, providers admitted with their "
       "fee per lot",
       [](CLI::App& app) -> Runner {
         auto a = Make<MarketReadArgs>({kDefaultStore});
         a->what = "frameworks";
         app.add_option("--rcc", a->rcc, "the RCC's code (e.g. NW-GM) or id")->required();
         app.add_option("--day", a->day,
                        "the day the next admission is counted from (default today)");
         StoreOption(app, a->store_url);
         app.add_flag("--json", a->json, "print it as JSON");
         return [a](Io& io) { return MarketRead(*a, io.out, io.err); };
       }},
      {"market budget",
       "An RCC's pooled budget by council: budget, spend to date, forecast to year end, variance",
       [](CLI::App& app) -> Runner {
         auto a = Make<MarketReadArgs>({kDefaultStore});
         a->what = "budget";
         app.add_option("--rcc", a->rcc, "the RCC's code (e.g. NW-GM) or id")->required();
         app.add_option("--day", a->day, "the day figures are measured on (default today)");
         app.add_option("--year", a->year,
                        "the financial year (e.g. 2024: April 2024 to March 2025)");
         StoreOption(app, a->store_url);
         app.add_flag("--json", a->json, "print it as JSON");
         return [a](Io& io) { return MarketRead(*a, io.out, io.err); };
       }},
      {"market recruitment",
       "An RCC's foster-carer recruitment funnel over the last year, and its carers' places",
       [](CLI::App& app) -> Runner {
         auto a = Make<MarketReadArgs>({kDefaultStore});
         a->what = "recruitment";
         app.add_option("--rcc", a->rcc, "the RCC's code (e.g. NW-GM) or id")->required();
         app.add_option("--day", a->day, "the day figures are measured on (default today)");
         StoreOption(app, a->store_url);
         app.add_flag("--json", a->json, "print it as JSON");
         return [a](Io& io) { return MarketRead(*a, io.out, io.err); };
       }},
      {"oversight prices",
       "Prices paid by setting and need band: quartiles, spot shares, fee against fair price",
       [](CLI::App& app) -> Runner {
         auto a = Make<OversightArgs>({kDefaultStore});
         a->what = "prices";
         app.add_option("--rcc", a->rcc, "an RCC's code or id (default: England)");
         StoreOption(app, a->store_url);
         app.add_flag("--json", a->json, "print it as JSON");
         return [a](Io& io) { return Oversight(*a, io.out, io.err); };
       }},
      {"oversight concentration",
       "Concentration: HHI of places and spend by ultimate owner, by setting, scarce settings, per "
       "RCC",
       [](CLI::App& app) -> Runner {
         auto a = Make<OversightArgs>({kDefaultStore});
         a->what = "concentration";
         app.add_option("--rcc", a->rcc, "an RCC's code or id (default: England)");
         StoreOption(app, a->store_url);
         app.add_flag("--json", a->json, "print it as JSON");
         return [a](Io& io) { return Oversight(*a, io.out, io.err); };
       }},
      {"oversight groups",
       "Provider groups: footprint, the oversight regime's entry test with reasons, stage, quality",
       [](CLI::App& app) -> Runner {
         auto a = Make<OversightArgs>({kDefaultStore});
         a->what = "groups";
         app.add_option("--rcc", a->rcc, "an RCC's code or id (default: England)");
         StoreOption(app, a->store_url);
         app.add_flag("--json", a->json, "print it as JSON");
         return [a](Io& io) { return Oversight(*a, io.out, io.err); };
       }},
      {"oversight returns-import",
       "Imports groups' annual financial returns from CSV (docs/formats/financial-return.md), "
       "whole or not at all",
       [](CLI::App& app) -> Runner {
         auto a = Make<OversightArgs>({kDefaultStore});
         a->what = "returns-import";
         app.add_option("file", a->file, "the returns CSV")->required();
         StoreOption(app, a->store_url);
         app.add_flag("--json", a->json, "print it as JSON");
         return [a](Io& io) { return Oversight(*a, io.out, io.err); };
       }},
      {"oversight risk", "Risk stages of the groups in scope, with the reason for each",
       [](CLI::App& app) -> Runner {
         auto a = Make<OversightArgs>({kDefaultStore});
         a->what = "risk";
         app.add_option("--rcc", a->rcc, "an RCC's code or id (default: England)");
         StoreOption(app, a->store_url);
         app.add_flag("--json", a->json, "print it as JSON");
         return [a](Io& io) { return Oversight(*a, io.out, io.err); };
       }},
      {"oversight profit-cap",
       "Every group's regulated profit (disguised profit added back) against a margin cap",
       [](CLI::App& app) -> Runner {
         auto a = Make<OversightArgs>({kDefaultStore});
         a->what = "profit-cap";
         app.add_option("--cap", a->cap, "the cap as a margin of revenue (default 0.10)")
             ->check(CLI::Range(0.0, 1.0));
         StoreOption(app, a->store_url);
         app.add_flag("--json", a->json, "print it as JSON");
         return [a](Io& io) { return Oversight(*a, io.out, io.err); };
       }},
      {"oversight what-if",
       "The profit cap at 0% to 25%: repaid, and by the exit rule the places leaving and where "
       "children could go",
       [](CLI::App& app) -> Runner {
         auto a = Make<OversightArgs>({kDefaultStore});
         a->what = "what-if";
         app.add_option("--today", a->today, "the day children are re-placed on (default today)");
         StoreOption(app, a->store_url);
         app.add_flag("--json", a->json, "print it as JSON");
         return [a](Io& io) { return Oversight(*a, io.out, io.err); };
       }},
      {"oversight failure",
       "If a group failed: where the children in its homes could live, per RCC, and the weekly "
       "cost change",
       [](CLI::App& app) -> Runner {
         auto a = Make<OversightArgs>({kDefaultStore});
         a->what = "failure";
         app.add_option("--group", a->group, "the provider group's id")->required();
         app.add_option("--today", a->today, "the day children are re-placed on (default today)");
         StoreOption(app, a->store_url);
         app.add_flag("--json", a->json, "print it as JSON");
         return [a](Io& io) { return Oversight(*a, io.out, io.err); };
       }},
      {"national return",
       "An RCC's quarterly return to the national body, pseudonymised and suppressed "
       "(docs/formats/rcc-return.md)",
       [](CLI::App& app) -> Runner {
         auto a = Make<NationalArgs>({kDefaultStore});
         a->what = "return";
         app.add_option("--rcc", a->rcc, "the RCC's code (e.g. NW-GM) or id")->required();
         app.add_option("--quarter", a->quarter, "the quarter, e.g. 2026Q3 (it must have ended)")
             ->required();
         app.add_option("--out", a->out, "the file written: CSV if it ends .csv, else JSON")
             ->required();
         app.add_option("--today", a->today, "the day it is built on (default today)");
         StoreOption(app, a->store_url);
         return [a](Io& io) { return National(*a, io.out, io.err); };
       }},
      {"national receive",
       "Receives an RCC's return (JSON or CSV): checked whole, kept, a resubmission replacing the "
       "quarter's",
       [](CLI::App& app) -> Runner {
         auto a = Make<NationalArgs>({kDefaultStore});
         a->what = "receive";
         app.add_option("file", a->file, "the return, as `national return` writes it")->required();
         app.add_option("--today", a->today, "the day it is received on (default today)");
         StoreOption(app, a->store_url);
         app.add_flag("--json", a->json, "print it as JSON");
         return [a](Io& io) { return National(*a, io.out, io.err); };
       }},
      {"national overview",
       "England from the returns received: each RCC's measures and England's, for a quarter",
       [](CLI::App& app) -> Runner {
         auto a = Make<NationalArgs>({kDefaultStore});
         a->what = "overview";
         app.add_option("--quarter", a->quarter, "the quarter (default the latest received)");
         StoreOption(app, a->store_url);
         app.add_flag("--json", a->json, "print it as JSON");
         return [a](Io& io) { return National(*a, io.out, io.err); };
       }},
      {"national report",
       "The national report for a quarter as one HTML file that reads offline: England and each "
       "RCC, the RCCs compared (charts and tables), the inspection summary, rare needs",
       [](CLI::App& app) -> Runner {
         auto a = Make<NationalArgs>({kDefaultStore});
         a->what = "report";
         app.add_option("--quarter", a->quarter, "the quarter, e.g. 2026Q3")->required();
         app.add_option("--out", a->out, "the HTML file written")->required();
         app.add_option("--today", a->today, "the day it is produced on (default today)");
         StoreOption(app, a->store_url);
         return [a](Io& io) { return National(*a, io.out, io.err); };
       }},
      {"national rare-needs",
       "Need profiles rare in every RCC but common enough in England to commission nationally, "
       "from the returns received",
       [](CLI::App& app) -> Runner {
         auto a = Make<NationalArgs>({kDefaultStore});
         a->what = "rare-needs";
         app.add_option("--quarter", a->quarter, "the window's last quarter, e.g. 2026Q3")
             ->required();
         app.add_option("--rare-at-most", a->rules["rare_at_most"],
                        "children a year in every RCC at most (default 3)");
         app.add_option("--national-at-least", a->rules["national_at_least"],
                        "children a year in England at least (default 20)");
         app.add_option("--quarters", a->rules["quarters"], "quarters in the window (default 4)");
         app.add_option("--parts", a->rules["parts"],
                        "the profile parts kept, comma-separated (default "
                        "setting,age,ratio,risks,needs)");
         app.add_option("--order", a->order, "rank by children, cost or distance")
             ->default_val("children");
         StoreOption(app, a->store_url);
         app.add_flag("--json", a->json, "print it as JSON");
         return [a](Io& io) { return National(*a, io.out, io.err); };
       }},
      {"sufficiency",
       "An RCC's forecast need for homes against its supply, and where children are placed far "
       "away",
       [](CLI::App& app) -> Runner {
         auto a = Make<SufficiencyArgs>({kDefaultStore});
         app.add_option("--rcc", a->rcc, "the RCC's code, e.g. NW-GM")->required();
         StoreOption(app, a->store_url);
         app.add_flag("--json", a->json, "print it as JSON (as the API serves it)");
         app.add_option("--strategy", a->strategy,
                        "write the published sufficiency strategy (small numbers suppressed) "
                        "to this file: HTML, or CSV when it ends in .csv");
         return [a](Io& io) { return Sufficiency(*a, io.out, io.err); };
       }},
  };
  return kCommands;
}

int Run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  return Run(args, std::cin, out, err);
}

int Run(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
        std::ostream& err) {
  CLI::App app{
      "CareCoop: finding homes for children in care, for Regional Care Co-operatives and the "
      "national body.\n"
      "All data in this build is synthetic.",
      "carecoop"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "carecoop 0.1.0");

  // The table, in order: groups first where a command names one ("match rank").
  std::map<std::string, CLI::App*> groups;
  std::vector<std::pair<CLI::App*, Runner>> runners;
  for (const Command& c : Commands()) {
    CLI::App* parent = &app;
    std::string name(c.name);
    if (auto space = name.find(' '); space != std::string::npos) {
      std::string group = name.substr(0, space);
      name = name.substr(space + 1);
      auto it = groups.find(group);
      if (it == groups.end()) {
        std::string help;
        for (const CommandGroup& g : CommandGroups())
          if (g.name == group) help = g.help;
        CLI::App* sub = app.add_subcommand(group, help);
        sub->require_subcommand(1);
        it = groups.emplace(group, sub).first;
      }
      parent = it->second;
    }
    CLI::App* sub = parent->add_subcommand(name, std::string(c.help));
    runners.emplace_back(sub, c.define(*sub));
  }

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
  Io io{in, out, err};
  for (auto& [sub, run] : runners)
    if (sub->parsed()) return run(io);
  err << "carecoop: no command was given.\nRun 'carecoop --help' for usage.\n";
  return 2;
}

}  // namespace carecoop::cli
