#include "cli/simulate_commands.h"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/fail.h"
#include "cli/progress_bar.h"
#include "services/simulation.h"
#include "sim/report.h"
#include "store/store.h"

namespace carecoop::cli {
namespace {

using nlohmann::json;

std::string Fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string Show(const sim::Measure& m, double v) {
  return m.share ? Fixed(100 * v, 1) + "%" : Fixed(v, 0);
}

int Calibrate(const SimulateArgs& a, const sim::World& world, const sim::Parameters& parameters,
              std::ostream& out, std::ostream& err) {
  const sim::Design baseline = sim::TodayDesign();
  ProgressBar bar(err, isatty(STDERR_FILENO) != 0);
  const auto runs = sim::RunMany(world, baseline, parameters, 1, a.runs, a.seed, a.threads,
                                 [&](int done) { bar.Update("calibrating", done, a.runs); });
  bar.Finish();
  int outside = 0;
  json rows = json::array();
  std::ostringstream table;
  for (const sim::CalibrationRow& row : sim::Calibrate(runs)) {
    const sim::Published& p = *row.figure;
    const sim::Estimate& e = row.simulated;
    outside += p.target && !row.within;
    auto show = [&](double v) { return p.share ? Fixed(100 * v, 1) + "%" : Fixed(v, 0); };
    const std::string diff = p.share ? Fixed(100 * row.difference, 1) + " points"
                                     : Fixed(100 * row.difference / p.value, 1) + "%";
    const std::string tol = p.share ? "3 points" : "5%";
    table << "  " << p.figure << ": published " << show(p.value) << ", simulated " << show(e.mean)
          << " [" << show(e.low) << ", " << show(e.high) << "], difference " << diff
          << (p.target ? " (tolerance " + tol + "): " + (row.within ? "within" : "OUTSIDE")
                       : std::string(" (context, not a target)"))
          << "\n"
          << "    source: " << p.source << "\n";
    rows.push_back({{"figure", p.figure},
                    {"published", p.value},
                    {"simulated", {{"mean", e.mean}, {"low", e.low}, {"high", e.high}}},
                    {"difference", row.difference},
                    {"tolerance", row.tolerance},
                    {"within", row.within},
                    {"target", p.target},
                    {"source", p.source}});
  }
  if (a.json) {
    out << json({{"design", baseline.name},
                 {"runs", a.runs},
                 {"seed", a.seed},
                 {"figures", rows},
                 {"outside", outside}})
               .dump(2)
        << "\n";
    return 0;
  }
  out << "Calibration: the baseline (" << baseline.name << ": " << EnumLabel(baseline.footprint)
      << ", " << EnumLabel(baseline.sourcing) << ", " << Fixed(100 * baseline.contracted_share, 0)
      << "% contracted), first simulated year, " << a.runs << " runs, seed " << a.seed
      << "; simulated: mean [95% interval]\n"
      << table.str()
      << (outside == 0 ? "Every figure within its tolerance.\n"
                       : std::to_string(outside) + " figure(s) outside their tolerance.\n");
  return 0;
}

}  // namespace

Result<sim::Parameters> ParseParameters(const std::string& text, const std::string& file) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded()) return InvalidArgument("parameters", file + " is not a JSON object");
  return sim::ParametersFromJson(j, file);
}

Result<sim::Design> ParseDesign(const std::string& text, const std::string& file,
                                const std::vector<std::string>& rcc_codes) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded()) return InvalidArgument("design", file + " is not a JSON object");
  return sim::DesignFromJson(j, file, rcc_codes);
}

int Simulate(const SimulateArgs& a, std::ostream& out, std::ostream& err) {
  if (a.designs.empty() && !a.calibration)
    return Fail(err, InvalidArgument("design", "give at least one design, or --calibration"));
  if (!a.designs.empty() && a.calibration)
    return Fail(err, InvalidArgument("calibration", "runs the baseline: give no --design"));
  if (a.years < 1 || a.years > 50)
    return Fail(err, InvalidArgument("years", "must be from 1 to 50"));
  if (a.runs < 1 || a.runs > 10'000)
    return Fail(err, InvalidArgument("runs", "must be from 1 to 10000"));
  if (a.threads < 1 || a.threads > 256)
    return Fail(err, InvalidArgument("threads", "must be from 1 to 256"));
  if (a.json && a.csv) return Fail(err, InvalidArgument("csv", "choose --json or --csv"));
  // Design files are read now and parsed once the world is (their RCCs
  // are the world's); a design that is not one is refused before that.
  std::vector<std::string> design_texts;
  for (const std::string& file : a.designs) {
    std::ifstream in(file);
    if (!in) return Fail(err, InvalidArgument("design", "cannot read " + file));
    std::stringstream text;
    text << in.rdbuf();
    design_texts.push_back(text.str());
    json j = json::parse(design_texts.back(), nullptr, false);
    std::vector<std::string> any_rcc;
    if (j.is_object() && j.contains("rccs") && j["rccs"].is_array())
      for (const json& code : j["rccs"])
        if (code.is_string()) any_rcc.push_back(code.get<std::string>());
    auto d = ParseDesign(design_texts.back(), file, any_rcc);
    if (!d.ok()) return Fail(err, d.status());
  }
  sim::Parameters parameters;
  if (!a.parameters.empty()) {
    std::ifstream in(a.parameters);
    if (!in) return Fail(err, InvalidArgument("parameters", "cannot read " + a.parameters));
    std::stringstream text;
    text << in.rdbuf();
    auto p = ParseParameters(text.str(), a.parameters);
    if (!p.ok()) return Fail(err, p.status());
    parameters = *p;
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
  std::vector<sim::Design> designs;
  for (std::size_t i = 0; i < design_texts.size(); ++i) {
    auto d = ParseDesign(design_texts[i], a.designs[i], world->rcc_codes);
    if (!d.ok()) return Fail(err, d.status());
    designs.push_back(*d);
  }
  std::vector<std::int32_t> focus;
  for (const std::string& code : a.focus) {
    auto rcc = sim::RccIndex(code, world->rcc_codes, "focus", "--focus");
    if (!rcc.ok()) return Fail(err, rcc.status());
    focus.push_back(*rcc);
  }
  if (a.calibration) return Calibrate(a, *world, parameters, out, err);
  ProgressBar bar(err, isatty(STDERR_FILENO) != 0);
  std::vector<std::vector<sim::RunOutcome>> runs;
  for (const sim::Design& d : designs) {
    runs.push_back(sim::RunMany(
        *world, d, parameters, a.years, a.runs, a.seed, a.threads,
        [&](int done) { bar.Update("simulating " + d.name, done, a.runs); }, focus));
  }
  bar.Finish();
  const auto& measures = sim::Measures();
  if (a.json) {
    json j = {{"asAt", as_at->ToIso()},
              {"years", a.years},
              {"runs", a.runs},
              {"seed", a.seed},
              {"focus", a.focus},
              {"world", services::FactsJson(facts)},
              {"designs", sim::DesignsJson(designs, runs, world->rcc_codes)}};
    out << j.dump(2) << "\n";
    return 0;
  }
  if (a.csv) {
    out << "design,year,measure,mean,low,high,difference_from_first,difference_low,"
           "difference_high\n";
    for (std::size_t d = 0; d < designs.size(); ++d)
      for (std::size_t y = 0; y < static_cast<std::size_t>(a.years); ++y)
        for (const sim::Measure& m : measures) {
          const sim::Estimate e = sim::Over(runs[d], y, m.of_run);
          out << designs[d].name << "," << y + 1 << "," << m.name << "," << Fixed(e.mean, 6) << ","
              << Fixed(e.low, 6) << "," << Fixed(e.high, 6);
          if (d > 0) {
            const sim::Estimate diff = sim::Difference(runs[0], runs[d], y, m.of_run);
            out << "," << Fixed(diff.mean, 6) << "," << Fixed(diff.low, 6) << ","
                << Fixed(diff.high, 6);
          } else {
            out << ",,,";
          }
          out << "\n";
        }
    return 0;
  }
  out << "World as at " << as_at->ToIso() << ": " << facts.homes << " homes, " << facts.places
      << " places (and " << facts.potential_homes << " potential homes), " << facts.councils
      << " councils, " << facts.children << " children placed, " << Fixed(facts.entries_per_year, 0)
      << " entering care a year, " << facts.profiles << " need profiles\n"
      << a.runs << " runs of " << a.years << " years, seed " << a.seed
      << "; each figure the mean over runs [95% interval]\n";
  if (!a.focus.empty()) {
    out << "Outcomes of the children of the councils of";
    for (const std::string& code : a.focus) out << " " << code;
    out << " (supply counts: England's)\n";
  }
  for (std::size_t d = 0; d < designs.size(); ++d) {
    out << "\n"
        << designs[d].name << " (" << EnumLabel(designs[d].footprint) << ", "
        << EnumLabel(designs[d].sourcing) << ", " << Fixed(100 * designs[d].contracted_share, 0)
        << "% contracted";
    if (designs[d].block_share > 0)
      out << ", " << Fixed(100 * designs[d].block_share, 0) << "% under block contracts";
    if (designs[d].national_rare_needs) out << ", national contracts for rare needs";
    if (!designs[d].rccs.empty()) {
      out << ", in";
      for (std::int32_t r : designs[d].rccs)
        out << " " << world->rcc_codes[static_cast<std::size_t>(r)];
      out << " only";
    }
    out << ")" << (d > 0 ? "; difference from " + designs[0].name : "") << "\n";
    for (std::size_t y = 0; y < static_cast<std::size_t>(a.years); ++y) {
      out << "  year " << y + 1 << ":";
      for (const sim::Measure& m : measures) {
        const sim::Estimate e = sim::Over(runs[d], y, m.of_run);
        out << "\n    " << m.name << " " << Show(m, e.mean) << " [" << Show(m, e.low) << ", "
            << Show(m, e.high) << "]";
        if (d > 0) {
          const sim::Estimate diff = sim::Difference(runs[0], runs[d], y, m.of_run);
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
