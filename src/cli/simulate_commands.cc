#include "cli/simulate_commands.h"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/fail.h"
#include "cli/progress_bar.h"
#include "services/simulation.h"
#include "store/store.h"

namespace carecoop::cli {
namespace {

using nlohmann::json;

std::string Fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

// A measure of a year: its name, whether a share (printed as a percentage)
// and how to read it from the summary and from one run.
struct Measure {
  const char* name;
  bool share;
  sim::Estimate sim::YearSummary::*estimate;
  double (*of_run)(const sim::YearOutcome&);
};

double Ratio(std::int64_t part, std::int64_t whole) {
  return whole > 0 ? static_cast<double>(part) / static_cast<double>(whole) : 0.0;
}

const std::vector<Measure>& Measures() {
  static const std::vector<Measure> kMeasures = {
      {"entries", false, &sim::YearSummary::entries,
       [](const sim::YearOutcome& y) { return static_cast<double>(y.entries); }},
      {"placement_changes", false, &sim::YearSummary::changes,
       [](const sim::YearOutcome& y) { return static_cast<double>(y.changes); }},
      {"placements_made", false, &sim::YearSummary::placements,
       [](const sim::YearOutcome& y) { return static_cast<double>(y.placements); }},
      {"share_over_20_miles", true, &sim::YearSummary::share_far,
       [](const sim::YearOutcome& y) { return Ratio(y.far, y.placements); }},
      {"share_outside_council", true, &sim::YearSummary::share_outside_council,
       [](const sim::YearOutcome& y) { return Ratio(y.outside_council, y.placements); }},
      {"share_outside_rcc", true, &sim::YearSummary::share_outside_rcc,
       [](const sim::YearOutcome& y) { return Ratio(y.outside_rcc, y.placements); }},
      {"share_needs_met", true, &sim::YearSummary::share_needs_met,
       [](const sim::YearOutcome& y) { return Ratio(y.needs_met, y.placements); }},
      {"share_spot", true, &sim::YearSummary::share_spot,
       [](const sim::YearOutcome& y) { return Ratio(y.spot, y.placements); }},
      {"spend_pounds", false, &sim::YearSummary::spend,
       [](const sim::YearOutcome& y) { return y.spend; }},
      {"in_care_at_end", false, &sim::YearSummary::in_care_at_end,
       [](const sim::YearOutcome& y) { return static_cast<double>(y.in_care_at_end); }},
  };
  return kMeasures;
}

std::string Show(const Measure& m, double v) {
  return m.share ? Fixed(100 * v, 1) + "%" : Fixed(v, 0);
}

// The difference B - A of a measure in a year over paired runs (run i of
// each design has the same seed: common random numbers), mean and 95%
// interval.
sim::Estimate Difference(const std::vector<sim::RunOutcome>& a,
                         const std::vector<sim::RunOutcome>& b, std::size_t year,
                         const Measure& m) {
  std::vector<double> d;
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i)
    d.push_back(m.of_run(b[i].years[year]) - m.of_run(a[i].years[year]));
  sim::Estimate e;
  if (d.empty()) return e;
  const double n = static_cast<double>(d.size());
  double sum = 0, ss = 0;
  for (double x : d) sum += x;
  e.mean = sum / n;
  for (double x : d) ss += (x - e.mean) * (x - e.mean);
  const double half = d.size() > 1 ? 1.96 * std::sqrt(ss / (n - 1) / n) : 0.0;
  e.low = e.mean - half;
  e.high = e.mean + half;
  return e;
}

}  // namespace

Result<sim::Design> ParseDesign(const std::string& text, const std::string& file) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    return InvalidArgument("design", file + " is not a JSON object");
  sim::Design d;
  for (const auto& [key, value] : j.items()) {
    auto bad = [&](const std::string& what) {
      return InvalidArgument(key, file + ": " + key + " " + what);
    };
    if (key == "name") {
      if (!value.is_string()) return bad("must be text");
      d.name = value.get<std::string>();
    } else if (key == "footprint") {
      auto f = value.is_string() ? ParseEnumCode<sim::Footprint>(value.get<std::string>())
                                 : std::nullopt;
      if (!f) return bad("must be council, rcc or national");
      d.footprint = *f;
    } else if (key == "sourcing") {
      auto s =
          value.is_string() ? ParseEnumCode<sim::Sourcing>(value.get<std::string>()) : std::nullopt;
      if (!s) return bad("must be sequential or needs_led");
      d.sourcing = *s;
    } else if (key == "contractedShare") {
      if (!value.is_number()) return bad("must be a number from 0 to 1");
      d.contracted_share = value.get<double>();
    } else {
      return InvalidArgument(key, file + ": " + key + " is not a field of a design");
    }
  }
  if (d.name.empty()) return InvalidArgument("name", file + ": a design needs a name");
  Status valid = sim::Validate(d);
  if (!valid.ok()) return InvalidArgument(valid.field(), file + ": " + valid.message());
  return d;
}

int Simulate(const SimulateArgs& a, std::ostream& out, std::ostream& err) {
  if (a.designs.empty()) return Fail(err, InvalidArgument("design", "give at least one design"));
  if (a.years < 1 || a.years > 50)
    return Fail(err, InvalidArgument("years", "must be from 1 to 50"));
  if (a.runs < 1 || a.runs > 10'000)
    return Fail(err, InvalidArgument("runs", "must be from 1 to 10000"));
  if (a.threads < 1 || a.threads > 256)
    return Fail(err, InvalidArgument("threads", "must be from 1 to 256"));
  if (a.json && a.csv) return Fail(err, InvalidArgument("csv", "choose --json or --csv"));
  std::vector<sim::Design> designs;
  for (const std::string& file : a.designs) {
    std::ifstream in(file);
    if (!in) return Fail(err, InvalidArgument("design", "cannot read " + file));
    std::stringstream text;
    text << in.rdbuf();
    auto d = ParseDesign(text.str(), file);
    if (!d.ok()) return Fail(err, d.status());
    designs.push_back(*d);
  }
  auto as_at = Date::ParseIso(a.as_at, "as-at");
  if (!as_at.ok()) return Fail(err, as_at.status());
  auto store = store::Store::Open(a.store_url);
  if (!store.ok()) return Fail(err, store.status());
  services::SimulationWorldFacts facts;
  Result<sim::World> world = InvalidArgument("store", "not read");
  Status read = (*store)->Read([&](store::Tx& tx) -> Status {
    world = services::LoadSimulationWorld(tx, *as_at, &facts);
    return world.status();
  });
  if (!read.ok()) return Fail(err, read);
  const sim::Parameters parameters;
  ProgressBar bar(err, isatty(STDERR_FILENO) != 0);
  std::vector<std::vector<sim::RunOutcome>> runs;
  for (const sim::Design& d : designs) {
    runs.push_back(
        sim::RunMany(*world, d, parameters, a.years, a.runs, a.seed, a.threads,
                     [&](int done) { bar.Update("simulating " + d.name, done, a.runs); }));
  }
  bar.Finish();
  const auto& measures = Measures();
  if (a.json) {
    json j = {{"asAt", as_at->ToIso()},
              {"years", a.years},
              {"runs", a.runs},
              {"seed", a.seed},
              {"world",
               {{"homes", facts.homes},
                {"places", facts.places},
                {"councils", facts.councils},
                {"needProfiles", facts.profiles},
                {"childrenPlaced", facts.children},
                {"entriesPerYear", facts.entries_per_year}}},
              {"designs", json::array()}};
    for (std::size_t d = 0; d < designs.size(); ++d) {
      json years = json::array();
      const auto summary = sim::Summarise(runs[d]);
      for (std::size_t y = 0; y < summary.size(); ++y) {
        json row = {{"year", summary[y].year}};
        for (const Measure& m : measures) {
          const sim::Estimate& e = summary[y].*(m.estimate);
          row[m.name] = {{"mean", e.mean}, {"low", e.low}, {"high", e.high}};
          if (d > 0) {
            const sim::Estimate diff = Difference(runs[0], runs[d], y, m);
            row[m.name]["differenceFromFirst"] = {
                {"mean", diff.mean}, {"low", diff.low}, {"high", diff.high}};
          }
        }
        years.push_back(std::move(row));
      }
      j["designs"].push_back({{"name", designs[d].name},
                              {"footprint", std::string(EnumCode(designs[d].footprint))},
                              {"sourcing", std::string(EnumCode(designs[d].sourcing))},
                              {"contractedShare", designs[d].contracted_share},
                              {"years", std::move(years)}});
    }
    out << j.dump(2) << "\n";
    return 0;
  }
  if (a.csv) {
    out << "design,year,measure,mean,low,high,difference_from_first,difference_low,"
           "difference_high\n";
    for (std::size_t d = 0; d < designs.size(); ++d) {
      const auto summary = sim::Summarise(runs[d]);
      for (std::size_t y = 0; y < summary.size(); ++y)
        for (const Measure& m : measures) {
          const sim::Estimate& e = summary[y].*(m.estimate);
          out << designs[d].name << "," << summary[y].year << "," << m.name << ","
              << Fixed(e.mean, 6) << "," << Fixed(e.low, 6) << "," << Fixed(e.high, 6);
          if (d > 0) {
            const sim::Estimate diff = Difference(runs[0], runs[d], y, m);
            out << "," << Fixed(diff.mean, 6) << "," << Fixed(diff.low, 6) << ","
                << Fixed(diff.high, 6);
          } else {
            out << ",,,";
          }
          out << "\n";
        }
    }
    return 0;
  }
  out << "World as at " << as_at->ToIso() << ": " << facts.homes << " homes, " << facts.places
      << " places, " << facts.councils << " councils, " << facts.children << " children placed, "
      << Fixed(facts.entries_per_year, 0) << " entering care a year, " << facts.profiles
      << " need profiles\n"
      << a.runs << " runs of " << a.years << " years, seed " << a.seed
      << "; each figure the mean over runs [95% interval]\n";
  for (std::size_t d = 0; d < designs.size(); ++d) {
    const auto summary = sim::Summarise(runs[d]);
    out << "\n"
        << designs[d].name << " (" << EnumLabel(designs[d].footprint) << ", "
        << EnumLabel(designs[d].sourcing) << ", " << Fixed(100 * designs[d].contracted_share, 0)
        << "% contracted)" << (d > 0 ? "; difference from " + designs[0].name : "") << "\n";
    for (std::size_t y = 0; y < summary.size(); ++y) {
      out << "  year " << summary[y].year << ":";
      for (const Measure& m : measures) {
        const sim::Estimate& e = summary[y].*(m.estimate);
        out << "\n    " << m.name << " " << Show(m, e.mean) << " [" << Show(m, e.low) << ", "
            << Show(m, e.high) << "]";
        if (d > 0) {
          const sim::Estimate diff = Difference(runs[0], runs[d], y, m);
          out << "  difference " << Show(m, diff.mean) << " [" << Show(m, diff.low) << ", "
              << Show(m, diff.high) << "]";
        }
      }
      out << "\n";
    }
  }
  return 0;
}

}  // namespace carecoop::cli
