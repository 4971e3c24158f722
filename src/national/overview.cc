#include "national/overview.h"

#include <algorithm>
#include <functional>

namespace carecoop::national {
namespace {

using Count = std::optional<std::int64_t>;

std::size_t Index(const std::vector<std::string>& codes, const std::string& code) {
  return static_cast<std::size_t>(std::find(codes.begin(), codes.end(), code) - codes.begin());
}

// A sum of shown numbers; none when any is suppressed.
Count Sum(std::initializer_list<Count> parts) {
  std::int64_t s = 0;
  for (const Count& p : parts) {
    if (!p) return std::nullopt;
    s += *p;
  }
  return s;
}

std::optional<double> Ratio(Count part, Count whole) {
  if (!part || !whole || *whole <= 0) return std::nullopt;
  return static_cast<double>(*part) / static_cast<double>(*whole);
}

Count Difference(Count a, Count b) {
  if (!a || !b) return std::nullopt;
  return *a - *b;
}

struct Reader {
  const std::vector<ReturnTable>& tables;
  const ReturnTable* Table(const std::string& name) const {
    for (const auto& t : tables)
      if (t.name == name) return &t;
    return nullptr;
  }
  Count Total(const std::string& table) const {
    const ReturnTable* t = Table(table);
    return t ? t->total : std::nullopt;
  }
  Count Row(const std::string& table, const std::string& row) const {
    const ReturnTable* t = Table(table);
    if (!t) return std::nullopt;
    const std::size_t i = Index(t->rows, row);
    return i < t->rows.size() ? t->row_totals[i] : std::nullopt;
  }
  Count Column(const std::string& table, const std::string& column) const {
    const ReturnTable* t = Table(table);
    if (!t) return std::nullopt;
    const std::size_t i = Index(t->columns, column);
    return i < t->columns.size() ? t->column_totals[i] : std::nullopt;
  }
};

Measures FromTables(const std::vector<ReturnTable>& tables) {
  Reader r{tables};
  Measures m;
  m.started = r.Total("started_by_setting_and_band");
  m.at_end = r.Total("at_end_by_setting_and_band");
  m.referrals = r.Total("referrals_by_outcome_and_views");
  m.placed = r.Row("referrals_by_outcome_and_views", "placed");
  m.unmet = r.Row("referrals_by_outcome_and_views", "unmet");
  m.moves = r.Total("moves_by_reason_and_setting");
  const std::string sd = "started_by_age_and_distance";
  const Count started_known = Difference(r.Total(sd), r.Column(sd, "not_known"));
  m.started_within_20_miles =
      Ratio(Sum({r.Column(sd, "under_5"), r.Column(sd, "5_to_20")}), started_known);
  m.started_inside_rcc = Ratio(r.Column("started_by_route_and_location", "inside_rcc"),
                               r.Total("started_by_route_and_location"));
  const std::string ed = "at_end_by_distance_and_location";
  const Count end_known = Difference(r.Total(ed), r.Row(ed, "not_known"));
  m.at_end_over_20_miles =
      Ratio(Sum({r.Row(ed, "over_20_to_50"), r.Row(ed, "over_50")}), end_known);
  m.at_end_outside_rcc = Ratio(r.Column(ed, "outside_rcc"), r.Total(ed));
  const std::string route = "at_end_by_route_and_setting";
  const std::string spend = "weekly_spend_at_end_by_route_and_setting";
  m.spot_share = Ratio(r.Row(route, "spot"), r.Total(route));
  m.spot_share_of_spend = Ratio(r.Row(spend, "spot"), r.Total(spend));
  m.weekly_spend = r.Total(spend);
  if (m.weekly_spend && m.at_end && *m.at_end > 0)
    m.spend_per_child_week = static_cast<double>(*m.weekly_spend) / static_cast<double>(*m.at_end);
  m.views_recorded = Ratio(r.Column("referrals_by_outcome_and_views", "recorded"), m.referrals);
  const std::string ws = "placed_by_wait_and_scrutiny";
  m.scrutiny_before_agreement = Ratio(r.Column(ws, "before_agreement"), r.Total(ws));
  m.placed_within_28_days = Ratio(Sum({r.Row(ws, "0_to_7"), r.Row(ws, "8_to_28")}), r.Total(ws));
  m.moves_per_child = Ratio(m.moves, m.at_end);
  const std::string st = "children_by_moves_in_year_and_two_years";
  m.children_at_end = r.Total(st);
  m.two_or_more_moves_in_year = Ratio(r.Row(st, "2_or_more"), m.children_at_end);
  m.three_or_more_moves_in_two_years = Ratio(r.Column(st, "3_or_more"), m.children_at_end);
  m.weekly_fair_price = r.Total("fair_price_at_end_by_route_and_setting");
  m.price_to_fair_price = Ratio(m.weekly_spend, m.weekly_fair_price);
  return m;
}

std::optional<double> Median(std::vector<double> v) {
  if (v.empty()) return std::nullopt;
  std::sort(v.begin(), v.end());
  const std::size_t m = v.size() / 2;
  return v.size() % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2.0;
}

}  // namespace

Measures MeasuresOf(const RccReturn& r) {
  Measures m = FromTables(r.tables);
  m.rcc_code = r.rcc_code;
  m.quarter = r.quarter;
  m.median_days_to_placement = r.median_days_to_placement;
  return m;
}

Overview BuildOverview(const std::vector<RccReturn>& returns) {
  std::map<Quarter, std::vector<const RccReturn*>> by_quarter;
  for (const auto& r : returns) by_quarter[r.quarter].push_back(&r);
  Overview out;
  for (auto& [quarter, rs] : by_quarter) {
    std::sort(rs.begin(), rs.end(),
              [](const RccReturn* a, const RccReturn* b) { return a->rcc_code < b->rcc_code; });
    QuarterOverview q;
    q.quarter = quarter;
    // England: position by position, shown where every RCC shows it.
    for (const TableLayout& l : Layouts()) {
      ReturnTable t = EmptyTable(l, 0);
      auto add = [](Count& into, const Count& v) {
        into = into && v ? Count(*into + *v) : std::nullopt;
      };
      for (const RccReturn* r : rs) {
        const ReturnTable* x = r->Find(l.name);
        if (!x) continue;
        for (std::size_t i = 0; i < t.cells.size(); ++i) add(t.cells[i], x->cells[i]);
        for (std::size_t i = 0; i < t.row_totals.size(); ++i)
          add(t.row_totals[i], x->row_totals[i]);
        for (std::size_t i = 0; i < t.column_totals.size(); ++i)
          add(t.column_totals[i], x->column_totals[i]);
        add(t.total, x->total);
      }
      q.england.push_back(std::move(t));
    }
    q.england_measures = FromTables(q.england);
    q.england_measures.rcc_code = kEngland;
    q.england_measures.quarter = quarter;
    for (const RccReturn* r : rs) {
      q.rccs.push_back(r->rcc_code);
      q.by_rcc.push_back(MeasuresOf(*r));
    }
    out.quarters.push_back(std::move(q));
  }
  return out;
}

std::string DfeCategory(const std::string& setting_code) {
  if (setting_code == "fostering_household") return "Foster placements (U1-U6)";
  if (setting_code == "childrens_home") return "Children's homes (K2)";
  if (setting_code == "secure_childrens_home") return "Secure children's homes (K1)";
  if (setting_code == "supported_accommodation")
    return "Independent and semi-independent living (K3, H5, P2)";
  return "Other placements";
}

std::vector<Comparison> Compare(const QuarterOverview& q) {
  struct Spec {
    const char* name;
    bool higher_is_better;
    std::function<std::optional<double>(const Measures&)> get;
  };
  const std::vector<Spec> specs = {
      {"started_within_20_miles", true,
       [](const Measures& m) { return m.started_within_20_miles; }},
      {"started_inside_rcc", true, [](const Measures& m) { return m.started_inside_rcc; }},
      {"moves_per_child", false, [](const Measures& m) { return m.moves_per_child; }},
      {"placed_within_28_days", true, [](const Measures& m) { return m.placed_within_28_days; }},
      {"median_days_to_placement", false,
       [](const Measures& m) { return m.median_days_to_placement; }},
      {"scrutiny_before_agreement", true,
       [](const Measures& m) { return m.scrutiny_before_agreement; }},
      {"views_recorded", true, [](const Measures& m) { return m.views_recorded; }},
      {"spot_share", false, [](const Measures& m) { return m.spot_share; }},
      {"spend_per_child_week", false, [](const Measures& m) { return m.spend_per_child_week; }},
      {"two_or_more_moves_in_year", false,
       [](const Measures& m) { return m.two_or_more_moves_in_year; }},
      {"three_or_more_moves_in_two_years", false,
       [](const Measures& m) { return m.three_or_more_moves_in_two_years; }},
      {"price_to_fair_price", false, [](const Measures& m) { return m.price_to_fair_price; }},
  };
  std::vector<Comparison> out;
  for (const Spec& s : specs) {
    Comparison c;
    c.measure = s.name;
    c.higher_is_better = s.higher_is_better;
    std::vector<double> known;
    for (const Measures& m : q.by_rcc) {
      c.rows.push_back({m.rcc_code, s.get(m), std::nullopt});
      if (c.rows.back().value) known.push_back(*c.rows.back().value);
    }
    c.england_median = Median(known);
    // Rank: 1 + how many known values are strictly better.
    for (auto& row : c.rows) {
      if (!row.value) continue;
      int better = 0;
      for (double v : known)
        if (s.higher_is_better ? v > *row.value : v < *row.value) ++better;
      row.rank = 1 + better;
    }
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace carecoop::national
