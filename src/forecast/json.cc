#include "forecast/json.h"

#include <algorithm>
#include <cmath>
#include <functional>

#include "core/suppression.h"
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
  json unrated = json::array();
  for (const auto& m : f.moves_without_stock)
    unrated.push_back({{"from", StateLabel(m.from)},
                       {"to", StateLabel(m.to)},
                       {"date", m.day.ToIso()},
                       {"moves", m.moves}});
  j["movesWithoutStock"] = unrated;
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

// The counts of a published table, each at a place in the JSON, and the
// sums that tie them (core/suppression.h): hidden cells become null.
class Cells {
 public:
  explicit Cells(int threshold) : threshold_(threshold) {}
  // A count of children at `pointer` (a JSON pointer), hidden when under the
  // threshold (zero too when `zero_hidden`).
  int Count(const std::string& pointer, double value, bool zero_hidden = true) {
    const bool hide = threshold_ > 0 && value < threshold_ && (zero_hidden || value > 0);
    pointers_.push_back(pointer);
    return table_.Cell(value, hide);
  }
  void Sum(int total, const std::vector<int>& parts) { table_.Sum(total, parts); }
  // total = a - b.
  void Difference(int total, int a, int b) {
    table_.equations.push_back({{total, -1.0}, {a, 1.0}, {b, -1.0}});
  }
  // Nulls every hidden cell in `j`; whether the cell `c` ended hidden.
  std::vector<bool> Apply(json& j) const {
    if (threshold_ <= 0) return std::vector<bool>(pointers_.size(), false);
    std::vector<bool> hidden = suppression::Protect(table_);
    for (std::size_t c = 0; c < hidden.size(); ++c)
      if (hidden[c]) j[json::json_pointer(pointers_[c])] = nullptr;
    return hidden;
  }

 private:
  int threshold_;
  suppression::Table table_;
  std::vector<std::string> pointers_;
};

std::vector<int> ReasonCells(Cells& cells, const std::string& at, const FarReasons& r) {
  return {cells.Count(at + "/noHomeNearby", r.no_home_nearby),
          cells.Count(at + "/nearbyHomesFull", r.nearby_homes_full),
          cells.Count(at + "/nearbyVacancy", r.nearby_vacancy)};
}

json ReasonsJson(const FarReasons& r) {
  return {{"noHomeNearby", r.no_home_nearby},
          {"nearbyHomesFull", r.nearby_homes_full},
          {"nearbyVacancy", r.nearby_vacancy}};
}

}  // namespace

json SufficiencyJson(const Sufficiency& s) {
  const bool suppressing = s.suppress_below > 0;
  // Every count of children is a cell; every sum the table publishes is an
  // equation, so that secondary suppression leaves no hidden count that can
  // be worked out from the visible ones (docs/forecast.md, "Small numbers").
  Cells cells(s.suppress_below);
  json j;
  j["rcc"] = {{"code", s.rcc_code}, {"name", s.rcc_name}};
  j["asOf"] = s.as_of.ToIso();
  j["predictionStart"] = s.prediction_start ? json(s.prediction_start->ToIso()) : json(nullptr);
  j["forecastUnavailable"] =
      s.no_forecast_reason.empty() ? json(nullptr) : json(s.no_forecast_reason);
  j["farKm"] = kFarKm;
  j["smallNumbersSuppressedBelow"] = suppressing ? json(s.suppress_below) : json(nullptr);
  json rows = json::array();
  for (std::size_t i = 0; i < s.rows.size(); ++i) {
    const GapRow& r = s.rows[i];
    const std::string at = "/rows/" + std::to_string(i);
    json need = json::object(), gap = json::object();
    for (std::size_t h = 0; h < kSufficiencyMonths.size(); ++h) {
      std::string key = h == 0 ? "now" : "months" + std::to_string(kSufficiencyMonths[h]);
      need[key] = BandedJson(r.need[h]);
      gap[key] = BandedJson(r.gap[h]);
    }
    rows.push_back({{"ageBand", std::string(AgeBandLabel(r.band))},
                    {"category", std::string(CategoryLabel(r.category))},
                    {"registeredPlaces", r.registered_places},
                    {"occupied", static_cast<int>(r.occupied)},
                    {"occupiedByOwn", static_cast<int>(r.occupied_by_own)},
                    {"vacant", r.vacant},
                    {"available", r.available},
                    {"need", need},
                    {"gap", gap}});
    cells.Count(at + "/occupied", static_cast<int>(r.occupied));
    const int own = cells.Count(at + "/occupiedByOwn", static_cast<int>(r.occupied_by_own));
    // Vacancies are places, not children: never hidden for themselves, but
    // they may be hidden to protect a count beside them.
    const int vacant = cells.Count(at + "/vacant", r.vacant, false);
    const int available = cells.Count(at + "/available", r.available, false);
    cells.Sum(available, {own, vacant});
    if (r.need[0]) {
      // Need now is a count of children (placed now, or in care at the
      // forecast's start); its gap is need less what is available.
      const int need_now = cells.Count(at + "/need/now", r.need[0]->value, false);
      if (r.gap[0])
        cells.Difference(cells.Count(at + "/gap/now", r.gap[0]->value, false), need_now, available);
    }
  }
  j["rows"] = rows;
  json councils = json::array();
  std::vector<int> placed_cells;
  for (std::size_t i = 0; i < s.councils.size(); ++i) {
    const CouncilDistance& c = s.councils[i];
    const std::string at = "/councils/" + std::to_string(i);
    placed_cells.push_back(cells.Count(at + "/placed", c.placed));
    const int far = cells.Count(at + "/placedFar", c.placed_far);
    cells.Count(at + "/outsideRcc", c.outside_rcc);
    cells.Sum(far, ReasonCells(cells, at + "/reasons", c.reasons));
    json states = json::array();
    std::vector<int> by_state;
    for (std::size_t k = 0; k < c.states.size(); ++k) {
      const FarState& f = c.states[k];
      states.push_back({{"ageBand", std::string(AgeBandLabel(f.band))},
                        {"category", std::string(CategoryLabel(f.category))},
                        {"children", f.children},
                        {"reasons", ReasonsJson(f.reasons)}});
      const std::string st = at + "/placedFarByState/" + std::to_string(k);
      by_state.push_back(cells.Count(st + "/children", f.children));
      cells.Sum(by_state.back(), ReasonCells(cells, st + "/reasons", f.reasons));
    }
    if (!by_state.empty()) cells.Sum(far, by_state);
    councils.push_back({{"council", c.council},
                        {"placed", c.placed},
                        {"placedFar", c.placed_far},
                        {"outsideRcc", c.outside_rcc},
                        {"medianKm", c.median_km},
                        {"reasons", ReasonsJson(c.reasons)},
                        {"placedFarByState", states}});
  }
  j["councils"] = councils;
  std::vector<bool> hidden = cells.Apply(j);
  if (suppressing) {
    for (std::size_t i = 0; i < s.rows.size(); ++i) {
      json& row = j["rows"][i];
      // A hidden need hides its whole band, and the gap's with it.
      if (row["need"]["now"].is_null() && s.rows[i].need[0]) row["gap"]["now"] = nullptr;
    }
    for (std::size_t i = 0; i < s.councils.size(); ++i)
      if (hidden[static_cast<std::size_t>(placed_cells[i])]) j["councils"][i]["medianKm"] = nullptr;
  }
  return j;
}

}  // namespace carecoop::forecast
