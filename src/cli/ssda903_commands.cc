#include "cli/ssda903_commands.h"

#include <chrono>
#include <cmath>
#include <fstream>
#include <iomanip>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/fail.h"
#include "core/csv.h"
#include "domain/council.h"
#include "domain/rcc.h"
#include "forecast/areas.h"
#include "forecast/band.h"
#include "forecast/json.h"
#include "forecast/model.h"
#include "io/csc_api.h"
#include "io/ssda903_return.h"
#include "services/forecasts.h"
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
            << (args.report.empty() ? " (--report FILE lists them all)"
                                    : " (all in " + args.report + ")")
            << "\n";
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
  if (summary->dolo > 0)
    out << "  and " << summary->dolo << " DoLO rows (deprivation of liberty orders)\n";
  for (const auto& [council, year] : summary->returns)
    out << "  " << council << " " << year << "\n";
  if (report.duplicate_episodes_dropped > 0)
    out << report.duplicate_episodes_dropped
        << " episode rows repeated another row exactly and were dropped (listed as warnings)\n";
  if (!report.warnings.empty()) {
    out << report.warnings.size() << " warnings (accepted rows worth a look)"
        << (args.report.empty() ? "; --report FILE lists them" : "; see " + args.report) << ":\n";
    for (std::size_t i = 0; i < report.warnings.size() && i < 5; ++i)
      out << "  " << report.warnings[i].ToString() << "\n";
  }
  return 0;
}

int Export903(const ExportArgs& args, std::ostream& out, std::ostream& err) {
  if (args.format != "csv" && args.format != "xml" && args.format != "csc-api")
    return Fail(
        err, InvalidArgument("format", "must be csv, xml or csc-api, not '" + args.format + "'"));
  if (args.year < 1990 || args.year > 2100)
    return Fail(err, InvalidArgument(
                         "year", "must be a collection year such as 2025 (the year to 31 March)"));
  auto store = store::Store::Open(args.store_url);
  if (!store.ok()) return Fail(err, store.status());
  ssda903::Return r;
  std::string council_code;  // the DfE's LA code, in the CSC API's path
  Status s = (*store)->Read([&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(Council council, services::ResolveCouncil(tx, args.council));
    council_code = council.dfe_la_code;
    CC_ASSIGN_OR_RETURN(r, services::LoadReturn(tx, council, args.year));
    return Status::Ok();
  });
  if (!s.ok()) return Fail(err, s);
  if (r.episodes.empty())
    return Fail(err, NotFound("council " + args.council + " has no episodes in " +
                              std::to_string(args.year)));
  std::filesystem::path path = args.out;
  if (args.format == "csc-api") {
    const nlohmann::json payload = ssda903::CscApiChildren(r);
    s = Env::Default().WriteFile(path, payload.dump(2) + "\n");
    if (!s.ok()) return Fail(err, s);
    out << "Wrote " << payload.size() << " children's records (" << args.year
        << ") as the DfE's CSC API payload (specification " << ssda903::kCscApiSpecification
        << ") to " << path.string() << ", for POST /children_social_care_data/"
        << (council_code.empty() ? "{la_code}" : council_code) << "/children\n";
    return 0;
  }
  s = args.format == "xml" ? ssda903::WriteXml(r, path) : ssda903::WriteCsvPerYear(r, path);
  if (!s.ok()) return Fail(err, s);
  std::size_t breaches = 0;
  for (const auto& e : r.episodes)
    breaches += ssda903::CrossFieldBreaches(e, nullptr).empty() ? 0 : 1;
  out << "Wrote " << r.episodes.size() << " episodes of " << r.headers.size() << " children ("
      << args.year << ") to "
      << (args.format == "xml" ? path.string() : (path / std::to_string(args.year)).string())
      << "\n";
  if (!r.dolo.empty())
    out << (args.format == "xml" ? "Not written: " : "With ") << r.dolo.size()
        << " DoLO rows (deprivation of liberty orders)"
        << (args.format == "xml" ? ", which the DfE XML layout here does not carry"
                                 : " in dolo.csv")
        << "\n";
  if (breaches)
    out << breaches << " imported episodes break a DfE cross-field rule (kept as imported)\n";
  return 0;
}

namespace {

void PrintText(const forecast::Forecast& f, std::ostream& out) {
  std::size_t last = f.days.size() - 1;
  out << "Reference " << f.reference_start.ToIso() << " to " << f.reference_end.ToIso()
      << "; projection " << f.prediction_start.ToIso() << " to " << f.prediction_end.ToIso()
      << "\n";
  out << std::left << std::setw(28) << "state" << std::right << std::setw(10) << "now"
      << std::setw(12) << "forecast" << std::setw(20) << "95% band"
      << "\n";
  out << std::fixed << std::setprecision(1);
  for (std::size_t i = 0; i < f.states.size(); ++i) {
    if (forecast::CategoryOf(f.states[i]) == forecast::Category::kNotInCare) continue;
    double p = f.population[last][i], sd = std::sqrt(f.variance[last][i]);
    if (f.stock_at_start[i] == 0 && p < 0.05) continue;
    std::ostringstream band;
    auto b95 = forecast::Band95(p, sd);
    band << std::fixed << std::setprecision(1) << b95.lower << " - " << b95.upper;
    out << std::left << std::setw(28) << forecast::StateLabel(f.states[i]) << std::right
        << std::setw(10) << f.stock_at_start[i] << std::setw(12) << p << std::setw(20) << band.str()
        << "\n";
  }
  double now = 0;
  for (std::size_t i = 0; i < f.states.size(); ++i)
    if (forecast::CategoryOf(f.states[i]) != forecast::Category::kNotInCare)
      now += f.stock_at_start[i];
  std::ostringstream band;
  auto total95 = forecast::Band95(f.InCare(last), f.InCareSd(last));
  band << std::fixed << std::setprecision(1) << total95.lower << " - " << total95.upper;
  out << std::left << std::setw(28) << "in care" << std::right << std::setw(10) << now
      << std::setw(12) << f.InCare(last) << std::setw(20) << band.str() << "\n";
  double total = 0;
  for (const auto& q : f.QuarterlyCosts())
    for (double c : q.cost) total += c;
  out << std::setprecision(0)
      << "forecast cost over the horizon (GBP, default weekly costs): " << total << "\n";
  for (const auto& m : f.moves_without_stock)
    out << "note: " << m.moves << " move(s) " << forecast::StateLabel(m.from) << " -> "
        << forecast::StateLabel(m.to) << " on " << m.day.ToIso()
        << " with no child in the state the day before (an episode starting on a band"
           " birthday) are left out of the rate\n";
}

// One CSV row per month end and state: date, state, population, variance
// and the 95% band, each row opened by `prefix` (an area's columns, or "").
void StateRowsCsv(const forecast::Forecast& f, const std::string& prefix, std::ostream& out) {
  for (std::size_t d : f.MonthEnds())
    for (std::size_t i = 0; i < f.states.size(); ++i) {
      double p = f.population[d][i], sd = std::sqrt(f.variance[d][i]);
      forecast::Band band = forecast::Band95(p, sd);
      out << prefix << f.days[d].ToIso() << ',' << forecast::StateLabel(f.states[i]) << ',' << p
          << ',' << f.variance[d][i] << ',' << band.lower << ',' << band.upper << '\n';
    }
}

void PrintCsv(const forecast::Forecast& f, std::ostream& out) {
  out << "date,state,population,variance,lower95,upper95\n";
  StateRowsCsv(f, "", out);
}

Result<forecast::AreaOptions> ParseAreaOptions(const ForecastArgs& args) {
  forecast::AreaOptions o;
  if (!args.reference_end.empty()) {
    CC_ASSIGN_OR_RETURN(o.reference_end, Date::ParseIso(args.reference_end, "reference-end"));
  }
  if (!args.reference_start.empty()) {
    CC_ASSIGN_OR_RETURN(o.reference_start, Date::ParseIso(args.reference_start, "reference-start"));
  }
  o.horizon_months = args.horizon_months;
  o.threads = args.threads;
  return o;
}

Result<forecast::Forecast> RunOn(const ssda903::Return& r, std::string_view la,
                                 const ForecastArgs& args) {
  CC_ASSIGN_OR_RETURN(forecast::EpisodeSet set, forecast::PrepareEpisodes(r, la));
  CC_ASSIGN_OR_RETURN(forecast::AreaOptions o, ParseAreaOptions(args));
  return forecast::RunForecast(set, forecast::DefaultOptions(set, o));
}

// In care on a projected day, with its 95% band.
nlohmann::json InCareJson(const forecast::Forecast& f, std::size_t d) {
  double v = f.InCare(d);
  forecast::Band band = forecast::Band95(v, f.InCareSd(d));
  return {
      {"date", f.days[d].ToIso()}, {"inCare", v}, {"lower95", band.lower}, {"upper95", band.upper}};
}

double InCareNow(const forecast::Forecast& f) {
  double now = 0;
  for (std::size_t i = 0; i < f.states.size(); ++i)
    if (forecast::CategoryOf(f.states[i]) != forecast::Category::kNotInCare)
      now += f.stock_at_start[i];
  return now;
}

// Every council, every RCC and England from the store, at once.
int ForecastAll(const ForecastArgs& args, std::ostream& out, std::ostream& err) {
  auto options = ParseAreaOptions(args);
  if (!options.ok()) return Fail(err, options.status());
  auto store = store::Store::Open(args.store_url);
  if (!store.ok()) return Fail(err, store.status());
  auto every = services::ForecastEveryArea(**store, *options);
  if (!every.ok()) return Fail(err, every.status());

  if (args.format == "csv")
    out << "kind,code,name,date,state,population,variance,lower95,upper95\n";
  nlohmann::json list = nlohmann::json::array();
  if (args.format == "text")
    out << std::left << std::setw(8) << "kind" << std::setw(11) << "code" << std::setw(34) << "name"
        << std::right << std::setw(9) << "now" << std::setw(10) << "12 months" << std::setw(10)
        << "horizon" << std::setw(22) << "95% band"
        << "\n";
  std::size_t failed = 0;
  for (const services::AreaForecast& each : *every) {
    const forecast::Area& area = each.area;
    const auto& f = each.forecast;
    if (!f.ok()) ++failed;
    if (args.format == "json") {
      nlohmann::json j = {{"kind", area.kind}, {"code", area.code}, {"name", area.name}};
      if (!f.ok()) {
        j["error"] = f.status().ToString();
      } else {
        j["error"] = nullptr;
        j["referenceStart"] = f->reference_start.ToIso();
        j["referenceEnd"] = f->reference_end.ToIso();
        j["inCareNow"] = InCareNow(*f);
        nlohmann::json months = nlohmann::json::array();
        for (std::size_t d : f->MonthEnds()) months.push_back(InCareJson(*f, d));
        j["monthEnds"] = months;
      }
      list.push_back(j);
    } else if (args.format == "csv") {
      if (!f.ok()) continue;
      StateRowsCsv(*f, area.kind + ',' + CsvField(area.code) + ',' + CsvField(area.name) + ',',
                   out);
    } else {
      out << std::left << std::setw(8) << area.kind << std::setw(11) << area.code << std::setw(34)
          << area.name.substr(0, 33) << std::right;
      if (!f.ok()) {
        out << "  no forecast: " << f.status().message() << "\n";
        continue;
      }
      auto ends = f->MonthEnds();
      std::size_t year = ends[std::min<std::size_t>(11, ends.size() - 1)],
                  last = f->days.size() - 1;
      double v = f->InCare(last), sd = f->InCareSd(last);
      std::ostringstream band;
      auto b95 = forecast::Band95(v, sd);
      band << std::fixed << std::setprecision(1) << b95.lower << " - " << b95.upper;
      out << std::fixed << std::setprecision(1) << std::setw(9) << InCareNow(*f) << std::setw(10)
          << f->InCare(year) << std::setw(10) << v << std::setw(22) << band.str() << "\n";
    }
  }
  if (args.format == "json") out << nlohmann::json{{"areas", list}}.dump(2) << "\n";
  if (args.format == "text") {
    std::size_t councils = 0;
    for (const auto& each : *every) councils += each.area.kind == "council";
    out << every->size() - failed << " of " << every->size() << " areas forecast (" << councils
        << " councils, " << every->size() - councils - 1 << " RCCs, England)\n";
  }
  return 0;
}

}  // namespace

int Forecast(const ForecastArgs& args, std::ostream& out, std::ostream& err) {
  if (args.format != "text" && args.format != "json" && args.format != "csv")
    return Fail(err, InvalidArgument("format", "must be text, json or csv"));
  if (args.all) {
    if (args.store_url.empty() || !args.input.empty() || !args.council.empty() || !args.rcc.empty())
      return Fail(
          err, InvalidArgument("all", "--all forecasts every council and RCC of --store, alone"));
    return ForecastAll(args, out, err);
  }
  if (args.input.empty() == args.store_url.empty())
    return Fail(err, InvalidArgument("input", "give either --input PATH or --store URL"));
  ssda903::Return r;
  std::string la = args.council;
  if (!args.input.empty()) {
    if (!args.rcc.empty())
      return Fail(err, InvalidArgument("rcc", "--rcc needs --store (an input file has no RCCs)"));
    ssda903::ReadReport report;
    auto read = ssda903::ReadReturn(args.input, {}, report);
    if (!read.ok()) return Fail(err, read.status());
    r = std::move(*read);
  } else {
    auto store = store::Store::Open(args.store_url);
    if (!store.ok()) return Fail(err, store.status());
    auto returns = services::AreaReturns(**store, args.council, args.rcc);
    if (!returns.ok()) return Fail(err, returns.status());
    r = std::move(*returns);
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
