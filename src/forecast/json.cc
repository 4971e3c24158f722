#include "forecast/json.h"

#include <algorithm>
#include <cmath>
#include <functional>

#include "forecast/band.h"

namespace carecoop::forecast {

using nlohmann::json;

nlohmann::json ForecastJson(const Forecast& f) {
  json j;
  j["dataStart"] = f.data_start.ToIso();
  j["dataEnd"] = f.data_end.ToIso();
  j["referenceStart"] = f.reference_start.ToIso();
  j["referenceEnd"] = f.reference_end.ToIso();
  j["predictionStart"] = f.prediction_start.ToIso();
  j["predictionEnd"] = f.prediction_end.ToIso();
  json states = json::array();
  for (std::size_t i = 0; i < f.states.size(); ++i)
    states.push_back({{"state", StateLabel(f.states[i])},
                      {"stockAtStart", f.stock_at_start[i]},
                      {"entryRatePerDay", f.entry_rate[i]}});
  j["states"] = states;
  json rates = json::array();
  for (auto [i, k] : f.observed_pairs)
    rates.push_back(
        {{"from", StateLabel(f.states[static_cast<std::size_t>(i)])},
         {"to", StateLabel(f.states[static_cast<std::size_t>(k)])},
         {"dailyRate", f.transition[static_cast<std::size_t>(i)][static_cast<std::size_t>(k)]}});
  j["transitionRates"] = rates;
  json months = json::array();
  for (std::size_t d : f.MonthEnds()) {
    json m;
    m["date"] = f.days[d].ToIso();
    m["inCare"] = f.InCare(d);
    Band b95 = Band95(f.InCare(d), f.InCareSd(d));
    m["inCareLower95"] = b95.lower;
    m["inCareUpper95"] = b95.upper;
    json by_state = json::object();
    for (std::size_t i = 0; i < f.states.size(); ++i)
      by_state[StateLabel(f.states[i])] = {{"population", f.population[d][i]},
                                           {"variance", f.variance[d][i]}};
    m["states"] = by_state;
    months.push_back(m);
  }
  j["monthEnds"] = months;
  json costs = json::array();
  for (const auto& q : f.QuarterlyCosts()) {
    json row = {{"quarter", q.label}};
    double total = 0;
    for (int i = 0; i < kCostItems; ++i) {
      row[std::string(CostItemLabel(static_cast<CostItem>(i)))] =
          q.cost[static_cast<std::size_t>(i)];
      total += q.cost[static_cast<std::size_t>(i)];
    }
    row["total"] = total;
    costs.push_back(row);
  }
  j["quarterlyCosts"] = costs;
  json props = json::object();
  for (int i = 0; i < kCostItems; ++i)
    props[std::string(CostItemLabel(static_cast<CostItem>(i)))] = {
        {"proportion", f.proportion[static_cast<std::size_t>(i)]},
        {"weeklyCost", f.weekly_cost[static_cast<std::size_t>(i)]}};
  j["costItems"] = props;
  return j;
}

namespace {

json BandedJson(const std::optional<Banded>& b) {
  if (!b) return nullptr;
  return {{"value", b->value}, {"lower95", b->lower}, {"upper95", b->upper}};
}

json ReasonsJson(const FarReasons& r, const std::function<json(int)>& count) {
  return {{"noHomeNearby", count(r.no_home_nearby)},
          {"nearbyHomesFull", count(r.nearby_homes_full)},
          {"nearbyVacancy", count(r.nearby_vacancy)}};
}

}  // namespace

json SufficiencyJson(const Sufficiency& s) {
  const bool suppressing = s.suppress_below > 0;
  auto hidden = [&](double n) { return suppressing && n < s.suppress_below; };
  // A count of children, or null under the small-number threshold.
  std::function<json(int)> count = [&](int n) { return hidden(n) ? json(nullptr) : json(n); };
  json j;
  j["rcc"] = {{"code", s.rcc_code}, {"name", s.rcc_name}};
  j["asOf"] = s.as_of.ToIso();
  j["predictionStart"] = s.prediction_start ? json(s.prediction_start->ToIso()) : json(nullptr);
  j["forecastUnavailable"] =
      s.no_forecast_reason.empty() ? json(nullptr) : json(s.no_forecast_reason);
  j["farKm"] = kFarKm;
  j["smallNumbersSuppressedBelow"] = suppressing ? json(s.suppress_below) : json(nullptr);
  json rows = json::array();
  for (const GapRow& r : s.rows) {
    json need = json::object(), gap = json::object();
    for (std::size_t h = 0; h < kSufficiencyMonths.size(); ++h) {
      std::string key = h == 0 ? "now" : "months" + std::to_string(kSufficiencyMonths[h]);
      // Need now is a count of children: hidden when small, and the gap with it.
      bool hide = h == 0 && r.need[h] && hidden(r.need[h]->value) && r.need[h]->value > 0;
      need[key] = hide ? json(nullptr) : BandedJson(r.need[h]);
      gap[key] = hide ? json(nullptr) : BandedJson(r.gap[h]);
    }
    rows.push_back({{"ageBand", std::string(AgeBandLabel(r.band))},
                    {"category", std::string(CategoryLabel(r.category))},
                    {"registeredPlaces", r.registered_places},
                    {"occupied", count(static_cast<int>(r.occupied))},
                    {"occupiedByOwn", count(static_cast<int>(r.occupied_by_own))},
                    {"vacant", r.vacant},
                    {"available", hidden(r.occupied_by_own) ? json(nullptr) : json(r.available)},
                    {"need", need},
                    {"gap", gap}});
  }
  j["rows"] = rows;
  json councils = json::array();
  for (const CouncilDistance& c : s.councils) {
    json states = json::array();
    for (const FarState& f : c.states)
      states.push_back({{"ageBand", std::string(AgeBandLabel(f.band))},
                        {"category", std::string(CategoryLabel(f.category))},
                        {"children", count(f.children)},
                        {"reasons", ReasonsJson(f.reasons, count)}});
    councils.push_back({{"council", c.council},
                        {"placed", count(c.placed)},
                        {"placedFar", count(c.placed_far)},
                        {"outsideRcc", count(c.outside_rcc)},
                        {"medianKm", hidden(c.placed) ? json(nullptr) : json(c.median_km)},
                        {"reasons", ReasonsJson(c.reasons, count)},
                        {"placedFarByState", states}});
  }
  j["councils"] = councils;
  return j;
}

}  // namespace carecoop::forecast
