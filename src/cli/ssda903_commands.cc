#include "cli/ssda903_commands.h"

#include <chrono>
#include <cmath>
#include <fstream>
#include <iomanip>
#include <map>
#include <sstream>

#include "cli/fail.h"
#include "core/csv.h"
#include "domain/rcc.h"
#include "forecast/json.h"
#include "forecast/model.h"
#include "io/ssda903_return.h"
#include "services/ssda903_store.h"
#include "store/store.h"

namespace carecoop::cli {
namespace {

Status WriteReport(const std::string& file, const ssda903::ReadReport& report) {
  std::ofstream out(file);
  if (!out) return InvalidArgument("report", "cannot write " + file);
  out << "kind,file,line,column,reason\n";
  for (const auto& p : report.rejected)
    out << "rejected," << CsvField(p.file) << ',' << p.line << ',' << CsvField(p.column) << ','
        << CsvField(p.reason) << '\n';
  for (const auto& p : report.warnings)
    out << "warning," << CsvField(p.file) << ',' << p.line << ',' << CsvField(p.column) << ','
        << CsvField(p.reason) << '\n';
  return Status::Ok();
}

}  // namespace

int Import903(const ImportArgs& args, std::ostream& out, std::ostream& err) {
  ssda903::ReadOptions options;
  options.year = args.year;
  ssda903::ReadReport report;
  ssda903::Layout layout{};
  auto r = ssda903::ReadReturn(args.path, options, report, &layout);
  if (!args.report.empty()) {
    Status s = WriteReport(args.report, report);
    if (!s.ok()) return Fail(err, s);
  }
  if (!r.ok()) {
    err << "carecoop: " << args.path << " was not imported: " << report.rejected.size()
        << " rejected rows; nothing was stored.\n";
    std::size_t shown = 0;
    for (const auto& p : report.rejected) {
      if (shown++ == 20) {
        err << "  ... and " << report.rejected.size() - 20 << " more"
            << (args.report.empty() ? " (--report FILE lists them all)" : " (all in " + args.report + ")") << "\n";
        break;
      }
      err << "  " << p.ToString() << "\n";
    }
    if (report.rejected.empty()) err << "  " << r.status().ToString() << "\n";
    return 1;
  }
  auto store = store::Store::Open(args.store_url);
  if (!store.ok()) return Fail(err, store.status());
  auto summary = services::ImportReturn(**store, *r, args.council, args.replace, "cli:import-903");
  if (!summary.ok()) {
    err << "carecoop: nothing was stored: " << summary.status().ToString() << "\n";
    return 1;
  }
  out << "Imported " << ssda903::LayoutName(layout) << " " << args.path << ": " << summary->episodes
      << " episodes, " << summary->headers << " header rows, " << summary->uasc << " UASC rows\n";
  for (const auto& [council, year] : summary->returns) out << "  " << council << " " << year << "\n";
  if (!report.warnings.empty()) {
    out << report.warnings.size() << " warnings (accepted rows worth a look)"
        << (args.report.empty() ? "; --report FILE lists them" : "; see " + args.report) << ":\n";
    for (std::size_t i = 0; i < report.warnings.size() && i < 5; ++i) out << "  " << report.warnings[i].ToString() << "\n";
  }
  return 0;
}

int Export903(const ExportArgs& args, std::ostream& out, std::ostream& err) {
  if (args.format != "csv" && args.format != "xml")
    return Fail(err, InvalidArgument("format", "must be csv or xml, not '" + args.format + "'"));
  if (args.year < 1990 || args.year > 2100)
    return Fail(err, InvalidArgument("year", "must be a collection year such as 2025 (the year to 31 March)"));
  auto store = store::Store::Open(args.store_url);
  if (!store.ok()) return Fail(err, store.status());
  ssda903::Return r;
  Status s = (*store)->Read([&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(Council council, services::ResolveCouncil(tx, args.council));
    CC_ASSIGN_OR_RETURN(r, services::LoadReturn(tx, council, args.year));
    return Status::Ok();
  });
  if (!s.ok()) return Fail(err, s);
  if (r.episodes.empty())
    return Fail(err, NotFound("council " + args.council + " has no episodes in " + std::to_string(args.year)));
  std::filesystem::path path = args.out;
  s = args.format == "xml" ? ssda903::WriteXml(r, path) : ssda903::WriteCsvPerYear(r, path);
  if (!s.ok()) return Fail(err, s);
  std::size_t breaches = 0;
  for (const auto& e : r.episodes) breaches += ssda903::CrossFieldBreaches(e, nullptr).empty() ? 0 : 1;
  out << "Wrote " << r.episodes.size() << " episodes of " << r.headers.size() << " children (" << args.year
      << ") to " << (args.format == "xml" ? path.string() : (path / std::to_string(args.year)).string()) << "\n";
  if (breaches) out << breaches << " imported episodes break a DfE cross-field rule (kept as imported)\n";
  return 0;
}

namespace {

void PrintText(const forecast::Forecast& f, std::ostream& out) {
  std::size_t last = f.days.size() - 1;
  out << "Reference " << f.reference_start.ToIso() << " to " << f.reference_end.ToIso() << "; projection "
      << f.prediction_start.ToIso() << " to " << f.prediction_end.ToIso() << "\n";
  out << std::left << std::setw(28) << "state" << std::right << std::setw(10) << "now" << std::setw(12) << "forecast"
      << std::setw(20) << "95% band" << "\n";
  out << std::fixed << std::setprecision(1);
  for (std::size_t i = 0; i < f.states.size(); ++i) {
    if (forecast::CategoryOf(f.states[i]) == forecast::Category::kNotInCare) continue;
    double p = f.population[last][i], sd = std::sqrt(f.variance[last][i]);
    if (f.stock_at_start[i] == 0 && p < 0.05) continue;
    std::ostringstream band;
    band << std::fixed << std::setprecision(1) << std::max(0.0, p - 1.96 * sd) << " - " << p + 1.96 * sd;
    out << std::left << std::setw(28) << forecast::StateLabel(f.states[i]) << std::right << std::setw(10)
        << f.stock_at_start[i] << std::setw(12) << p << std::setw(20) << band.str() << "\n";
  }
  double now = 0;
  for (std::size_t i = 0; i < f.states.size(); ++i)
    if (forecast::CategoryOf(f.states[i]) != forecast::Category::kNotInCare) now += f.stock_at_start[i];
  std::ostringstream band;
  band << std::fixed << std::setprecision(1) << std::max(0.0, f.InCare(last) - 1.96 * f.InCareSd(last)) << " - "
       << f.InCare(last) + 1.96 * f.InCareSd(last);
  out << std::left << std::setw(28) << "in care" << std::right << std::setw(10) << now << std::setw(12)
      << f.InCare(last) << std::setw(20) << band.str() << "\n";
  double total = 0;
  for (const auto& q : f.QuarterlyCosts())
    for (double c : q.cost) total += c;
  out << std::setprecision(0) << "forecast cost over the horizon (GBP, default weekly costs): " << total << "\n";
}

void PrintCsv(const forecast::Forecast& f, std::ostream& out) {
  out << "date,state,population,variance,lower95,upper95\n";
  for (std::size_t d : f.MonthEnds())
    for (std::size_t i = 0; i < f.states.size(); ++i) {
      double p = f.population[d][i], sd = std::sqrt(f.variance[d][i]);
      out << f.days[d].ToIso() << ',' << forecast::StateLabel(f.states[i]) << ',' << p << ',' << f.variance[d][i]
          << ',' << std::max(0.0, p - 1.96 * sd) << ',' << p + 1.96 * sd << '\n';
    }
}

Result<forecast::Forecast> RunOn(const ssda903::Return& r, std::string_view la, const ForecastArgs& args) {
  CC_ASSIGN_OR_RETURN(forecast::EpisodeSet set, forecast::PrepareEpisodes(r, la));
  forecast::Options o;
  if (args.reference_end.empty()) {
    o.reference_end = set.data_end;
  } else {
    CC_ASSIGN_OR_RETURN(o.reference_end, Date::ParseIso(args.reference_end, "reference-end"));
  }
  if (args.reference_start.empty()) {
    o.reference_start = AddYears(o.reference_end, -1).AddDays(1);
  } else {
    CC_ASSIGN_OR_RETURN(o.reference_start, Date::ParseIso(args.reference_start, "reference-start"));
  }
  o.horizon_months = args.horizon_months;
  return forecast::RunForecast(set, o);
}

}  // namespace

int Forecast(const ForecastArgs& args, std::ostream& out, std::ostream& err) {
  if (args.format != "text" && args.format != "json" && args.format != "csv")
    return Fail(err, InvalidArgument("format", "must be text, json or csv"));
  if (args.input.empty() == args.store_url.empty())
    return Fail(err, InvalidArgument("input", "give either --input PATH or --store URL"));
  ssda903::Return r;
  std::string la = args.council;
  if (!args.input.empty()) {
    if (!args.rcc.empty()) return Fail(err, InvalidArgument("rcc", "--rcc needs --store (an input file has no RCCs)"));
    ssda903::ReadReport report;
    auto read = ssda903::ReadReturn(args.input, {}, report);
    if (!read.ok()) return Fail(err, read.status());
    r = std::move(*read);
  } else {
    auto store = store::Store::Open(args.store_url);
    if (!store.ok()) return Fail(err, store.status());
    Status s = (*store)->Read([&](store::Tx& tx) -> Status {
      std::vector<Council> councils;
      if (!args.council.empty()) {
        CC_ASSIGN_OR_RETURN(Council c, services::ResolveCouncil(tx, args.council));
        councils.push_back(c);
      } else if (!args.rcc.empty()) {
        CC_ASSIGN_OR_RETURN(auto rcc, tx.FindRcc(args.rcc));
        if (!rcc) return InvalidArgument("rcc", "'" + args.rcc + "' is not an RCC in the store");
        for (CouncilId id : rcc->member_councils) {
          CC_ASSIGN_OR_RETURN(Council c, tx.Get(id));
          councils.push_back(c);
        }
      } else {
        CC_ASSIGN_OR_RETURN(councils, tx.List<Council>());
      }
      CC_ASSIGN_OR_RETURN(r, services::LoadReturns(tx, councils));
      return Status::Ok();
    });
    if (!s.ok()) return Fail(err, s);
    la.clear();
  }
  auto f = RunOn(r, la, args);
  if (!f.ok()) return Fail(err, f.status());
  if (args.format == "json") {
    out << forecast::ForecastJson(*f).dump(2) << "\n";
  } else if (args.format == "csv") {
    PrintCsv(*f, out);
  } else {
    PrintText(*f, out);
  }
  return 0;
}

}  // namespace carecoop::cli
