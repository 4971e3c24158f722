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
  int mix = -1;  // for a share of the placement mix: the Setting (estimate null)
};

// The summary's estimate of measure `m`.
const sim::Estimate& EstimateOf(const sim::YearSummary& s, const Measure& m) {
  return m.estimate ? s.*(m.estimate) : s.share_placed_in[static_cast<std::size_t>(m.mix)];
}

double Ratio(std::int64_t part, std::int64_t whole) {
  return whole > 0 ? static_cast<double>(part) / static_cast<double>(whole) : 0.0;
}

// Of the children placed at the year's end, the share in `setting`.
double PlacedShare(const sim::YearOutcome& y, Setting setting) {
  std::int64_t placed = 0;
  for (std::int64_t n : y.placed_at_end) placed += n;
  return Ratio(y.placed_at_end[static_cast<std::size_t>(setting)], placed);
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
      {"carers_joined", false, &sim::YearSummary::carers_joined,
       [](const sim::YearOutcome& y) { return static_cast<double>(y.carers_joined); }},
      {"carers_left", false, &sim::YearSummary::carers_left,
       [](const sim::YearOutcome& y) { return static_cast<double>(y.carers_left); }},
      {"homes_opened", false, &sim::YearSummary::homes_opened,
       [](const sim::YearOutcome& y) { return static_cast<double>(y.homes_opened); }},
      {"homes_closed", false, &sim::YearSummary::homes_closed,
       [](const sim::YearOutcome& y) { return static_cast<double>(y.homes_closed); }},
      {"share_placed_fostering", true, nullptr,
       [](const sim::YearOutcome& y) { return PlacedShare(y, Setting::kFosteringHousehold); },
       static_cast<int>(Setting::kFosteringHousehold)},
      {"share_placed_childrens_home", true, nullptr,
       [](const sim::YearOutcome& y) { return PlacedShare(y, Setting::kChildrensHome); },
       static_cast<int>(Setting::kChildrensHome)},
      {"share_placed_secure", true, nullptr,
       [](const sim::YearOutcome& y) { return PlacedShare(y, Setting::kSecureChildrensHome); },
       static_cast<int>(Setting::kSecureChildrensHome)},
      {"share_placed_supported", true, nullptr,
       [](const sim::YearOutcome& y) { return PlacedShare(y, Setting::kSupportedAccommodation); },
       static_cast<int>(Setting::kSupportedAccommodation)},
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

// A published figure the baseline's first year is checked against
// (docs/simulator.md, "Calibration"): shares within 3 percentage points,
// counts and money within 5%.
struct Published {
  const char* figure;
  double value;
  bool share;  // tolerance 3 points; else 5%
  double (*of_run)(const sim::YearOutcome&);
  const char* source;
  bool target = true;  // false: shown for context, not comparable as it stands
};

const std::vector<Published>& CalibrationFigures() {
  static const std::vector<Published> kFigures = {
      {"new placements over 20 miles from home", (4310.0 + 14560) / (90900 - 11840), true,
       [](const sim::YearOutcome& y) { return Ratio(y.far, y.placements); },
       "DfE CLA 2025, new placements 2024-25 by location: 18,870 over 20 miles of 79,060 with a "
       "known distance: 4,310 inside the council and 14,560 outside (21% of all 90,900; 13% have "
       "none)"},
      {"new placements outside the council", (18220.0 + 14560) / (90900 - 11840), true,
       [](const sim::YearOutcome& y) { return Ratio(y.outside_council, y.placements); },
       "the same table: 32,780 outside the council of 79,060 with a known location (36% of all)"},
      {"placement changes a year", 66070, false,
       [](const sim::YearOutcome& y) { return static_cast<double>(y.changes); },
       "DfE CLA 2024, reason for placement change during the year: 66,070"},
      {"placement changes from fostering", 36560.0 / 66070, true,
       [](const sim::YearOutcome& y) {
         return Ratio(y.changes_from[static_cast<std::size_t>(Setting::kFosteringHousehold)],
                      y.changes);
       },
       "the same: 36,560 of the 66,070 from foster placements; context, not a target: the "
       "published count's fostering includes kinship care and its other placements include "
       "children placed with parents and for adoption, none of them in the model",
       false},
      {"placed in fostering (not kinship)", 52.0 / 71, true,
       [](const sim::YearOutcome& y) { return PlacedShare(y, Setting::kFosteringHousehold); },
       "DfE CLA at 31 March (approx.; unverified): fostering 68% less kinship 16%, of the 71% "
       "in the settings modelled (fostering 52%, children's homes and secure 12%, supported 7%)"},
      {"placed in children's homes and secure homes", 12.0 / 71, true,
       [](const sim::YearOutcome& y) {
         return PlacedShare(y, Setting::kChildrensHome) +
                PlacedShare(y, Setting::kSecureChildrensHome);
       },
       "the same: 12% of the 71%"},
      {"placed in supported accommodation", 7.0 / 71, true,
       [](const sim::YearOutcome& y) { return PlacedShare(y, Setting::kSupportedAccommodation); },
       "the same: 7% of the 71%"},
      {"spend on placements a year (pounds)", 5.4e9, false,
       [](const sim::YearOutcome& y) { return y.spend; },
       "LGA high-cost placements survey 2023: councils' placements spend projected for 2023-24"},
  };
  return kFigures;
}

sim::Estimate EstimateOver(const std::vector<sim::RunOutcome>& runs, std::size_t year,
                           double (*of_run)(const sim::YearOutcome&)) {
  std::vector<double> xs;
  for (const sim::RunOutcome& r : runs) xs.push_back(of_run(r.years[year]));
  sim::Estimate e;
  const double n = static_cast<double>(xs.size());
  for (double x : xs) e.mean += x / n;
  double ss = 0;
  for (double x : xs) ss += (x - e.mean) * (x - e.mean);
  const double half = xs.size() > 1 ? 1.96 * std::sqrt(ss / (n - 1) / n) : 0.0;
  e.low = e.mean - half;
  e.high = e.mean + half;
  return e;
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
  for (const Published& p : CalibrationFigures()) {
    const sim::Estimate e = EstimateOver(runs, 0, p.of_run);
    const double difference = e.mean - p.value;
    const double tolerance = p.share ? 0.03 : 0.05 * p.value;
    const bool within = std::abs(difference) <= tolerance;
    outside += p.target && !within;
    auto show = [&](double v) { return p.share ? Fixed(100 * v, 1) + "%" : Fixed(v, 0); };
    const std::string diff = p.share ? Fixed(100 * difference, 1) + " points"
                                     : Fixed(100 * difference / p.value, 1) + "%";
    const std::string tol = p.share ? "3 points" : "5%";
    table << "  " << p.figure << ": published " << show(p.value) << ", simulated " << show(e.mean)
          << " [" << show(e.low) << ", " << show(e.high) << "], difference " << diff
          << (p.target ? " (tolerance " + tol + "): " + (within ? "within" : "OUTSIDE")
                       : std::string(" (context, not a target)"))
          << "\n"
          << "    source: " << p.source << "\n";
    rows.push_back({{"figure", p.figure},
                    {"published", p.value},
                    {"simulated", {{"mean", e.mean}, {"low", e.low}, {"high", e.high}}},
                    {"difference", difference},
                    {"tolerance", tolerance},
                    {"within", within},
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
  if (j.is_discarded() || !j.is_object())
    return InvalidArgument("parameters", file + " is not a JSON object");
  sim::Parameters p;
  const std::map<std::string, double*> numbers = {
      {"meanStayYears", &p.mean_stay_years},
      {"breakdownPerYear", &p.breakdown_per_year},
      {"unmetNeedsFactor", &p.unmet_needs_factor},
      {"farFactor", &p.far_factor},
      {"spotPremium", &p.spot_premium},
      {"scarcityFrom", &p.scarcity_from},
      {"scarcitySlope", &p.scarcity_slope},
      {"carersJoinPerYear", &p.carers_join_per_year},
      {"carersLeavePerYear", &p.carers_leave_per_year},
      {"openAbove", &p.open_above},
      {"closeBelow", &p.close_below},
      {"responsePerYear", &p.response_per_year},
      {"supportedPlan16Plus", &p.supported_plan_16_plus}};
  const std::map<std::string, int*> counts = {{"candidates", &p.candidates},
                                              {"sequentialCandidates", &p.sequential_candidates},
                                              {"maxWaitWeeks", &p.max_wait_weeks}};
  const std::map<std::string, Setting> settings = {{"fostering", Setting::kFosteringHousehold},
                                                   {"childrensHome", Setting::kChildrensHome},
                                                   {"secure", Setting::kSecureChildrensHome},
                                                   {"supported", Setting::kSupportedAccommodation}};
  for (const auto& [key, value] : j.items()) {
    auto bad = [&](const std::string& field, const std::string& what) {
      return InvalidArgument(field, file + ": " + field + " " + what);
    };
    if (auto n = numbers.find(key); n != numbers.end()) {
      if (!value.is_number()) return bad(key, "must be a number");
      *n->second = value.get<double>();
    } else if (auto c = counts.find(key); c != counts.end()) {
      if (!value.is_number_integer() || value.get<std::int64_t>() < 1 ||
          value.get<std::int64_t>() > 1'000'000)
        return bad(key, "must be a whole number from 1 to 1000000");
      *c->second = value.get<int>();
    } else if (key == "entryAgeShare") {
      if (!value.is_array() || value.size() != sim::kAgeGroups)
        return bad(key, "must be 5 shares: under 1, 1-4, 5-9, 10-15, 16-17");
      for (std::size_t g = 0; g < sim::kAgeGroups; ++g) {
        if (!value[g].is_number())
          return bad(key + "[" + std::to_string(g) + "]", "must be a number");
        p.entry_age_share[g] = value[g].get<double>();
      }
    } else if (key == "availableShare" || key == "breakdownSettingFactor") {
      auto& by_setting = key == "availableShare" ? p.available_share : p.breakdown_setting_factor;
      if (!value.is_object()) return bad(key, "must be an object of numbers by setting");
      for (const auto& [setting, share] : value.items()) {
        auto s = settings.find(setting);
        if (s == settings.end())
          return bad(key + "." + setting,
                     "is not a setting (fostering, childrensHome, secure, supported)");
        if (!share.is_number()) return bad(key + "." + setting, "must be a number");
        by_setting[static_cast<std::size_t>(s->second)] = share.get<double>();
      }
    } else {
      return InvalidArgument(key, file + ": " + key + " is not a parameter of the model");
    }
  }
  Status valid = sim::Validate(p);
  if (!valid.ok()) return InvalidArgument(valid.field(), file + ": " + valid.message());
  return p;
}

// The index of RCC `code` among the world's, or NotFound naming `field`.
Result<std::int32_t> RccIndex(const std::string& code, const std::vector<std::string>& codes,
                              const std::string& field, const std::string& file) {
  auto at = std::find(codes.begin(), codes.end(), code);
  if (at == codes.end() || code.empty())
    return InvalidArgument(field, file + ": " + field + " " + code + " is not an RCC of the world");
  return static_cast<std::int32_t>(at - codes.begin());
}

Result<sim::Design> ParseDesign(const std::string& text, const std::string& file,
                                const std::vector<std::string>& rcc_codes) {
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
    } else if (key == "blockShare") {
      if (!value.is_number()) return bad("must be a number from 0 to the contracted share");
      d.block_share = value.get<double>();
    } else if (key == "nationalRareNeeds") {
      if (!value.is_boolean()) return bad("must be true or false");
      d.national_rare_needs = value.get<bool>();
    } else if (key == "rccs") {
      if (!value.is_array() || value.empty()) return bad("must be a list of RCC codes");
      for (const json& code : value) {
        if (!code.is_string()) return bad("must be a list of RCC codes");
        CC_ASSIGN_OR_RETURN(std::int32_t rcc,
                            RccIndex(code.get<std::string>(), rcc_codes, key, file));
        d.rccs.push_back(rcc);
      }
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
    auto rcc = RccIndex(code, world->rcc_codes, "focus", "--focus");
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
  const auto& measures = Measures();
  if (a.json) {
    json j = {{"asAt", as_at->ToIso()},
              {"years", a.years},
              {"runs", a.runs},
              {"seed", a.seed},
              {"focus", a.focus},
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
          const sim::Estimate& e = EstimateOf(summary[y], m);
          row[m.name] = {{"mean", e.mean}, {"low", e.low}, {"high", e.high}};
          if (d > 0) {
            const sim::Estimate diff = Difference(runs[0], runs[d], y, m);
            row[m.name]["differenceFromFirst"] = {
                {"mean", diff.mean}, {"low", diff.low}, {"high", diff.high}};
          }
        }
        years.push_back(std::move(row));
      }
      json rccs = json::array();
      for (std::int32_t r : designs[d].rccs)
        rccs.push_back(world->rcc_codes[static_cast<std::size_t>(r)]);
      j["designs"].push_back({{"name", designs[d].name},
                              {"footprint", std::string(EnumCode(designs[d].footprint))},
                              {"sourcing", std::string(EnumCode(designs[d].sourcing))},
                              {"contractedShare", designs[d].contracted_share},
                              {"blockShare", designs[d].block_share},
                              {"nationalRareNeeds", designs[d].national_rare_needs},
                              {"rccs", rccs},
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
          const sim::Estimate& e = EstimateOf(summary[y], m);
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
    const auto summary = sim::Summarise(runs[d]);
    out << "\n"
        << designs[d].name << " (" << EnumLabel(designs[d].footprint) << ", "
        << EnumLabel(designs[d].sourcing) << ", " << Fixed(100 * designs[d].contracted_share, 0)
        << "% contracted)" << (d > 0 ? "; difference from " + designs[0].name : "") << "\n";
    for (std::size_t y = 0; y < summary.size(); ++y) {
      out << "  year " << summary[y].year << ":";
      for (const Measure& m : measures) {
        const sim::Estimate& e = EstimateOf(summary[y], m);
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
