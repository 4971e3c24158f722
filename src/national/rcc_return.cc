#include "national/rcc_return.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>

#include "core/suppression.h"
#include "domain/ssda903.h"

namespace carecoop::national {
namespace {

constexpr double kKmPerMile = 1.609344;

template <class E>
std::vector<std::string> CodesOf() {
  std::vector<std::string> out;
  for (const auto& e : EnumInfo<E>::kEntries) out.emplace_back(e.code);
  return out;
}

std::size_t IndexOf(const std::vector<std::string>& codes, const std::string& code) {
  return static_cast<std::size_t>(std::find(codes.begin(), codes.end(), code) - codes.begin());
}

// One tally into a table: row code, column code and the amount (1 for counts).
using Tally =
    std::function<void(const std::string& row, const std::string& column, std::int64_t amount)>;
using Tabulator = std::function<void(const ReturnFacts&, const Tally&)>;

struct LayoutEntry {
  TableLayout layout;
  Tabulator tabulate;
  // For an amounts table: the count table whose hidden cells it takes.
  std::string twin;
};

std::string Code(Setting s) { return std::string(EnumCode(s)); }
std::string Code(NeedBand b) { return std::string(EnumCode(b)); }
std::string Location(bool inside) { return inside ? "inside_rcc" : "outside_rcc"; }

const std::vector<LayoutEntry>& Entries() {
  static const std::vector<LayoutEntry> entries = [] {
    const auto settings = dimension::Settings();
    const auto bands = dimension::NeedBands();
    std::vector<LayoutEntry> e;
    e.push_back(
        {{"started_by_setting_and_band", "started", false, "setting", "need_band", settings, bands},
         [](const ReturnFacts& f, const Tally& t) {
           for (const auto& p : f.started) t(Code(p.setting), Code(p.band), 1);
         },
         ""});
    e.push_back({{"started_by_age_and_distance", "started", false, "age", "distance",
                  dimension::kAge, dimension::kDistance},
                 [](const ReturnFacts& f, const Tally& t) {
                   for (const auto& p : f.started)
                     t(AgeBand(p.age_years), DistanceBand(p.km_from_home), 1);
                 },
                 ""});
    e.push_back({{"started_by_route_and_location", "started", false, "route", "location",
                  dimension::kRoute, dimension::kLocation},
                 [](const ReturnFacts& f, const Tally& t) {
                   for (const auto& p : f.started) t(p.route, Location(p.inside_rcc), 1);
                 },
                 ""});
    e.push_back(
        {{"at_end_by_setting_and_band", "at_end", false, "setting", "need_band", settings, bands},
         [](const ReturnFacts& f, const Tally& t) {
           for (const auto& p : f.at_end) t(Code(p.setting), Code(p.band), 1);
         },
         ""});
    e.push_back({{"at_end_by_distance_and_location", "at_end", false, "distance", "location",
                  dimension::kDistance, dimension::kLocation},
                 [](const ReturnFacts& f, const Tally& t) {
                   for (const auto& p : f.at_end)
                     t(DistanceBand(p.km_from_home), Location(p.inside_rcc), 1);
                 },
                 ""});
    e.push_back({{"at_end_by_route_and_setting", "at_end", false, "route", "setting",
                  dimension::kRoute, settings},
                 [](const ReturnFacts& f, const Tally& t) {
                   for (const auto& p : f.at_end) t(p.route, Code(p.setting), 1);
                 },
                 ""});
    e.push_back({{"weekly_spend_at_end_by_route_and_setting", "at_end", true, "route", "setting",
                  dimension::kRoute, settings, "weekly_spend"},
                 [](const ReturnFacts& f, const Tally& t) {
                   for (const auto& p : f.at_end) t(p.route, Code(p.setting), p.weekly_fee_pence);
                 },
                 "at_end_by_route_and_setting"});
    e.push_back({{"referrals_by_outcome_and_views", "referrals", false, "outcome", "views",
                  dimension::kOutcome, dimension::kViews},
                 [](const ReturnFacts& f, const Tally& t) {
                   for (const auto& r : f.referrals)
                     t(r.outcome, r.views_recorded ? "recorded" : "not_recorded", 1);
                 },
                 ""});
    e.push_back({{"placed_by_wait_and_scrutiny", "placed", false, "wait", "scrutiny",
                  dimension::kWait, dimension::kScrutiny},
                 [](const ReturnFacts& f, const Tally& t) {
                   for (const auto& r : f.referrals)
                     if (r.outcome == "placed")
                       t(WaitBand(r.days_to_placement.value_or(0)), r.scrutiny, 1);
                 },
                 ""});
    e.push_back(
        {{"unmet_by_setting_and_band", "unmet", false, "setting", "need_band", settings, bands},
         [](const ReturnFacts& f, const Tally& t) {
           for (const auto& u : f.unmet) t(Code(u.setting), Code(u.band), 1);
         },
         ""});
    e.push_back({{"moves_by_reason_and_setting", "moves", false, "reason", "setting",
                  dimension::MoveReasons(), settings},
                 [](const ReturnFacts& f, const Tally& t) {
                   for (const auto& m : f.moves) t(m.reason, Code(m.from), 1);
                 },
                 ""});
    // Version 2.
    e.push_back({{"fair_price_at_end_by_route_and_setting", "at_end", true, "route", "setting",
                  dimension::kRoute, settings, "fair_price", 2},
                 [](const ReturnFacts& f, const Tally& t) {
                   for (const auto& p : f.at_end) t(p.route, Code(p.setting), p.fair_price_pence);
                 },
                 "at_end_by_route_and_setting"});
    e.push_back(
        {{"children_by_moves_in_year_and_two_years", "children_at_end", false, "moves_in_year",
          "moves_in_two_years", dimension::kMovesInYear, dimension::kMovesInTwoYears, "", 2},
         [](const ReturnFacts& f, const Tally& t) {
           for (const auto& c : f.children_at_end)
             t(dimension::kMovesInYear[static_cast<std::size_t>(std::clamp(c.moves_in_year, 0, 2))],
               dimension::kMovesInTwoYears[c.moves_in_two_years >= 3 ? 1 : 0], 1);
         },
         ""});
    return e;
  }();
  return entries;
}

// The table whose suppression pattern table `t` takes: its count table for
// an amounts table, itself otherwise.
std::size_t PatternOf(std::size_t t) {
  const auto& entries = Entries();
  for (std::size_t u = 0; u < entries.size(); ++u)
    if (!entries[t].twin.empty() && entries[u].layout.name == entries[t].twin) return u;
  return t;
}

// The quantity a population's total is: the placed and the unmet referrals
// are rows of the referrals table, so their totals are those rows' totals.
std::string TotalKey(const std::string& population) {
  if (population == "placed") return "referrals|outcome=placed";
  if (population == "unmet") return "referrals|outcome=unmet";
  return population;
}

// Every position of a table (its cells row-major, then the row totals, the
// column totals, the total) and the quantity it shows: positions of tables
// of one population that show the same children have the same key.
std::vector<std::string> Keys(const TableLayout& l) {
  const std::string pre = (l.amounts ? l.amount + ":" : "") + l.population + "|";
  std::vector<std::string> keys;
  for (const auto& r : l.rows)
    for (const auto& c : l.columns) {
      std::string a = l.row_dimension + "=" + r, b = l.column_dimension + "=" + c;
      if (b < a) std::swap(a, b);
      keys.push_back(pre + a + "|" + b);
    }
  for (const auto& r : l.rows) keys.push_back(pre + l.row_dimension + "=" + r);
  for (const auto& c : l.columns) keys.push_back(pre + l.column_dimension + "=" + c);
  keys.push_back((l.amounts ? l.amount + ":" : "") + TotalKey(l.population));
  return keys;
}

// The field a position is written in: "tables[2].cells[1][3]" (row 1,
// column 3), "tables[2].row_totals[1]".
std::string FieldOf(std::size_t table, const TableLayout& l, std::size_t pos) {
  const std::size_t n = l.rows.size() * l.columns.size();
  std::string t = "tables[" + std::to_string(table) + "].";
  if (pos < n)
    return t + "cells[" + std::to_string(pos / l.columns.size()) + "][" +
           std::to_string(pos % l.columns.size()) + "]";
  pos -= n;
  if (pos < l.rows.size()) return t + "row_totals[" + std::to_string(pos) + "]";
  pos -= l.rows.size();
  if (pos < l.columns.size()) return t + "column_totals[" + std::to_string(pos) + "]";
  return t + "total";
}

std::optional<std::int64_t>& At(ReturnTable& t, std::size_t pos) {
  const std::size_t n = t.cells.size();
  if (pos < n) return t.cells[pos];
  pos -= n;
  if (pos < t.row_totals.size()) return t.row_totals[pos];
  pos -= t.row_totals.size();
  if (pos < t.column_totals.size()) return t.column_totals[pos];
  return t.total;
}

const std::optional<std::int64_t>& At(const ReturnTable& t, std::size_t pos) {
  return At(const_cast<ReturnTable&>(t), pos);
}

std::size_t Positions(const TableLayout& l) {
  return l.rows.size() * l.columns.size() + l.rows.size() + l.columns.size() + 1;
}

// The equations of one table over the variables `var` (by position): every
// row total the sum of its row, every column total of its column, the total
// the sum of the row totals and of the column totals.
void AddEquations(const TableLayout& l, const std::vector<int>& var, suppression::Table& s) {
  const std::size_t rows = l.rows.size(), cols = l.columns.size(), n = rows * cols;
  std::vector<int> row_totals, col_totals;
  for (std::size_t r = 0; r < rows; ++r) {
    std::vector<int> parts;
    for (std::size_t c = 0; c < cols; ++c) parts.push_back(var[r * cols + c]);
    s.Sum(var[n + r], parts);
    row_totals.push_back(var[n + r]);
  }
  for (std::size_t c = 0; c < cols; ++c) {
    std::vector<int> parts;
    for (std::size_t r = 0; r < rows; ++r) parts.push_back(var[r * cols + c]);
    s.Sum(var[n + rows + c], parts);
    col_totals.push_back(var[n + rows + c]);
  }
  s.Sum(var[n + rows + cols], row_totals);
  s.Sum(var[n + rows + cols], col_totals);
}

// The tables' quantities as one system of cells and equations: positions
// with the same key are one cell. `value(t, pos)` gives a position's value,
// `hide(t, pos)` whether it starts hidden. Returns the cell of every position.
std::vector<std::vector<int>> System(const std::function<double(std::size_t, std::size_t)>& value,
                                     const std::function<bool(std::size_t, std::size_t)>& hide,
                                     suppression::Table& s) {
  const auto& entries = Entries();
  std::map<std::string, int> cell_of;
  std::vector<std::vector<int>> vars(entries.size());
  for (std::size_t t = 0; t < entries.size(); ++t) {
    const TableLayout& l = entries[t].layout;
    const auto keys = Keys(l);
    for (std::size_t pos = 0; pos < keys.size(); ++pos) {
      auto [it, fresh] = cell_of.try_emplace(keys[pos], -1);
      if (fresh) {
        it->second = s.Cell(value(t, pos), hide(t, pos));
      } else if (hide(t, pos)) {
        // Shown anywhere is shown: a quantity is hidden only where every
        // table that has it hides it.
      } else {
        s.primary[static_cast<std::size_t>(it->second)] = false;
      }
      vars[t].push_back(it->second);
    }
    AddEquations(l, vars[t], s);
  }
  return vars;
}

}  // namespace

namespace dimension {
std::vector<std::string> Settings() { return CodesOf<Setting>(); }
std::vector<std::string> NeedBands() { return CodesOf<NeedBand>(); }
std::vector<std::string> MoveReasons() {
  return ssda903::Codes(ssda903::CodeList::kReasonPlaceChange);
}
}  // namespace dimension

std::string DistanceBand(std::optional<double> km) {
  if (!km) return "not_known";
  const double miles = *km / kKmPerMile;
  if (miles < 5) return "under_5";
  if (miles <= 20) return "5_to_20";
  if (miles <= 50) return "over_20_to_50";
  return "over_50";
}

std::string AgeBand(int years) {
  if (years < 1) return "under_1";
  if (years <= 4) return "1_to_4";
  if (years <= 9) return "5_to_9";
  if (years <= 15) return "10_to_15";
  return "16_and_over";
}

std::string WaitBand(std::int64_t days) {
  if (days <= 7) return "0_to_7";
  if (days <= 28) return "8_to_28";
  if (days <= 90) return "29_to_90";
  return "over_90";
}

const ReturnTable* RccReturn::Find(const std::string& name) const {
  for (const auto& t : tables)
    if (t.name == name) return &t;
  return nullptr;
}

ReturnTable EmptyTable(const TableLayout& l, std::optional<std::int64_t> fill) {
  return {l.name,
          l.population,
          l.amounts,
          l.row_dimension,
          l.column_dimension,
          l.rows,
          l.columns,
          std::vector<std::optional<std::int64_t>>(l.rows.size() * l.columns.size(), fill),
          std::vector<std::optional<std::int64_t>>(l.rows.size(), fill),
          std::vector<std::optional<std::int64_t>>(l.columns.size(), fill),
          fill};
}

void AddLaterTables(RccReturn& r) {
  if (r.version >= kReturnVersion) return;
  const auto& entries = Entries();
  for (std::size_t t = 0; t < entries.size(); ++t) {
    const TableLayout& l = entries[t].layout;
    if (l.since <= r.version) continue;
    const bool present = std::any_of(r.tables.begin(), r.tables.end(),
                                     [&](const ReturnTable& x) { return x.name == l.name; });
    if (!present && t <= r.tables.size())
      r.tables.insert(r.tables.begin() + static_cast<std::ptrdiff_t>(t), EmptyTable(l));
  }
}

const std::vector<TableLayout>& Layouts() {
  static const std::vector<TableLayout> layouts = [] {
    std::vector<TableLayout> out;
    for (const auto& e : Entries()) out.push_back(e.layout);
    return out;
  }();
  return layouts;
}

RccReturn BuildReturn(const ReturnFacts& facts, Date produced) {
  const auto& entries = Entries();
  // Tabulate: every position's value (codes outside a dimension are not
  // counted; the fact builders only make known codes).
  std::vector<std::vector<std::int64_t>> values(entries.size());
  for (std::size_t t = 0; t < entries.size(); ++t) {
    const TableLayout& l = entries[t].layout;
    const std::size_t rows = l.rows.size(), cols = l.columns.size(), n = rows * cols;
    std::vector<std::int64_t>& v = values[t];
    v.assign(Positions(l), 0);
    entries[t].tabulate(
        facts, [&](const std::string& row, const std::string& column, std::int64_t amount) {
          const std::size_t r = IndexOf(l.rows, row), c = IndexOf(l.columns, column);
          if (r >= rows || c >= cols) return;
          v[r * cols + c] += amount;
          v[n + r] += amount;
          v[n + rows + c] += amount;
          v[n + rows + cols] += amount;
        });
  }
  // Suppress the counts jointly.
  suppression::Table s;
  auto is_small = [](std::int64_t x) { return x > 0 && x < kSuppressBelow; };
  const auto vars = System(
      [&](std::size_t t, std::size_t pos) {
        return entries[t].layout.amounts ? 0.0 : static_cast<double>(values[t][pos]);
      },
      [&](std::size_t t, std::size_t pos) {
        return !entries[t].layout.amounts && is_small(values[t][pos]);
      },
      s);
  const std::vector<bool> hidden = suppression::Protect(s);

  RccReturn out;
  out.rcc_code = facts.rcc_code;
  out.quarter = facts.quarter;
  out.produced = produced;
  for (std::size_t t = 0; t < entries.size(); ++t) {
    const TableLayout& l = entries[t].layout;
    ReturnTable table = EmptyTable(l);
    // An amounts table hides what its count table hides.
    const std::size_t pattern = PatternOf(t);
    for (std::size_t pos = 0; pos < values[t].size(); ++pos)
      if (!hidden[static_cast<std::size_t>(vars[pattern][pos])]) At(table, pos) = values[t][pos];
    out.tables.push_back(std::move(table));
  }
  // The restricted section: counts by need profile, unsuppressed.
  std::map<std::string, NeedProfileCount> profiles;
  for (const ProfileFact& p : facts.profiles) {
    NeedProfileCount& c = profiles[p.profile.Key()];
    c.profile = p.profile;
    if (p.unmet) {
      ++c.unmet;
      continue;
    }
    ++c.hard_to_place;
    c.weekly_fees_pence += p.weekly_fee_pence;
    if (p.miles_from_home) {
      ++c.with_distance;
      c.miles += std::llround(*p.miles_from_home);
    }
  }
  for (auto& [key, c] : profiles) out.need_profiles.push_back(std::move(c));
  // The median wait, from five placed children or more, and only when their
  // number is shown (a median beside a suppressed count would say it is 5+).
  const ReturnTable& referrals = *out.Find("referrals_by_outcome_and_views");
  const auto& placed = referrals.row_totals[IndexOf(dimension::kOutcome, "placed")];
  if (!placed || *placed < kSuppressBelow) return out;
  std::vector<std::int64_t> days;
  for (const auto& r : facts.referrals)
    if (r.outcome == "placed" && r.days_to_placement) days.push_back(*r.days_to_placement);
  if (static_cast<std::int64_t>(days.size()) >= kSuppressBelow) {
    std::sort(days.begin(), days.end());
    const std::size_t m = days.size() / 2;
    out.median_days_to_placement = days.size() % 2 == 1
                                       ? static_cast<double>(days[m])
                                       : static_cast<double>(days[m - 1] + days[m]) / 2.0;
  }
  return out;
}

std::vector<std::pair<std::size_t, std::size_t>> RecoverableCells(const RccReturn& r) {
  const auto& entries = Entries();
  std::vector<std::pair<std::size_t, std::size_t>> out;
  if (r.tables.size() != entries.size()) return out;
  suppression::Table s;
  const auto vars =
      System([](std::size_t, std::size_t) { return 0.0; },
             [&](std::size_t t, std::size_t pos) { return !At(r.tables[t], pos).has_value(); }, s);
  const std::vector<int> fixed = suppression::Recoverable(s, s.primary);
  std::vector<bool> is_fixed(s.values.size(), false);
  for (int c : fixed) is_fixed[static_cast<std::size_t>(c)] = true;
  for (std::size_t t = 0; t < entries.size(); ++t)
    for (std::size_t pos = 0; pos < vars[t].size(); ++pos)
      if (!At(r.tables[t], pos) && is_fixed[static_cast<std::size_t>(vars[t][pos])])
        out.emplace_back(t, pos);
  return out;
}

Status Validate(const RccReturn& r) {
  if (r.version < kFirstReturnVersion || r.version > kReturnVersion)
    return InvalidArgument("version", "must be " + std::to_string(kFirstReturnVersion) + " to " +
                                          std::to_string(kReturnVersion) +
                                          " (the return formats this service reads), not " +
                                          std::to_string(r.version));
  if (r.rcc_code.empty() || r.rcc_code.size() > 16 ||
      !std::all_of(r.rcc_code.begin(), r.rcc_code.end(), [](char ch) {
        return (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_';
      }))
    return InvalidArgument("rcc_code",
                           "must be an RCC code of 1 to 16 capital letters, digits, '-' or '_'");
  if (r.produced <= r.quarter.Last())
    return InvalidArgument("produced", "is " + r.produced.ToIso() + ", but a return for " +
                                           r.quarter.ToString() +
                                           " can only be produced after the quarter ends (" +
                                           r.quarter.Last().ToIso() + ")");
  const auto& entries = Entries();
  if (r.tables.size() != entries.size())
    return InvalidArgument(
        "tables", "must hold the " + std::to_string(entries.size()) + " tables of return format " +
                      std::to_string(kReturnVersion) + ", not " + std::to_string(r.tables.size()));
  // Shape.
  for (std::size_t t = 0; t < entries.size(); ++t) {
    const TableLayout& l = entries[t].layout;
    const ReturnTable& x = r.tables[t];
    const std::string f = "tables[" + std::to_string(t) + "]";
    if (x.name != l.name)
      return InvalidArgument(f + ".name", "must be '" + l.name + "', not '" + x.name + "'");
    if (x.population != l.population || x.amounts != l.amounts ||
        x.row_dimension != l.row_dimension || x.column_dimension != l.column_dimension)
      return InvalidArgument(f, "must be the " + l.population + " by " + l.row_dimension + " and " +
                                    l.column_dimension + " as the format sets out");
    if (x.rows != l.rows)
      return InvalidArgument(
          f + ".rows", "must be the " + l.row_dimension + " codes of the format, in its order");
    if (x.columns != l.columns)
      return InvalidArgument(f + ".columns", "must be the " + l.column_dimension +
                                                 " codes of the format, in its order");
    if (x.cells.size() != l.rows.size() * l.columns.size())
      return InvalidArgument(f + ".cells", "must hold " +
                                               std::to_string(l.rows.size() * l.columns.size()) +
                                               " cells, one a row and column, row by row");
    if (x.row_totals.size() != l.rows.size())
      return InvalidArgument(f + ".row_totals", "must hold one total a row");
    if (x.column_totals.size() != l.columns.size())
      return InvalidArgument(f + ".column_totals", "must hold one total a column");
  }
  // A table a later version added is wholly unknown in an earlier return.
  for (std::size_t t = 0; t < entries.size(); ++t) {
    const TableLayout& l = entries[t].layout;
    if (l.since <= r.version) continue;
    for (std::size_t pos = 0; pos < Positions(l); ++pos)
      if (At(r.tables[t], pos))
        return InvalidArgument(FieldOf(t, l, pos),
                               "is in a table format " + std::to_string(l.since) +
                                   " added, so a version " + std::to_string(r.version) +
                                   " return cannot hold it");
  }
  // Values: never negative, no small count shown.
  for (std::size_t t = 0; t < entries.size(); ++t) {
    const TableLayout& l = entries[t].layout;
    for (std::size_t pos = 0; pos < Positions(l); ++pos) {
      const auto& v = At(r.tables[t], pos);
      if (!v) continue;
      if (*v < 0) return InvalidArgument(FieldOf(t, l, pos), "must not be negative");
      if (!l.amounts && *v > 0 && *v < kSuppressBelow)
        return InvalidArgument(FieldOf(t, l, pos), "is " + std::to_string(*v) +
                                                       ": a count from 1 to " +
                                                       std::to_string(kSuppressBelow - 1) +
                                                       " must be suppressed (null)");
    }
  }
  // Margins add up where they and all their parts are shown.
  for (std::size_t t = 0; t < entries.size(); ++t) {
    const TableLayout& l = entries[t].layout;
    const ReturnTable& x = r.tables[t];
    const std::size_t rows = l.rows.size(), cols = l.columns.size(), n = rows * cols;
    auto check = [&](std::size_t total_pos, const std::vector<std::size_t>& parts) -> Status {
      const auto& total = At(x, total_pos);
      if (!total) return Status::Ok();
      std::int64_t sum = 0;
      for (std::size_t p : parts) {
        if (!At(x, p)) return Status::Ok();
        sum += *At(x, p);
      }
      if (sum != *total)
        return InvalidArgument(FieldOf(t, l, total_pos),
                               "is " + std::to_string(*total) +
                                   " but its parts, all shown, add up to " + std::to_string(sum));
      return Status::Ok();
    };
    std::vector<std::size_t> row_totals, col_totals;
    for (std::size_t i = 0; i < rows; ++i) {
      std::vector<std::size_t> parts;
      for (std::size_t c = 0; c < cols; ++c) parts.push_back(i * cols + c);
      CC_RETURN_IF_ERROR(check(n + i, parts));
      row_totals.push_back(n + i);
    }
    for (std::size_t c = 0; c < cols; ++c) {
      std::vector<std::size_t> parts;
      for (std::size_t i = 0; i < rows; ++i) parts.push_back(i * cols + c);
      CC_RETURN_IF_ERROR(check(n + rows + c, parts));
      col_totals.push_back(n + rows + c);
    }
    CC_RETURN_IF_ERROR(check(n + rows + cols, row_totals));
    CC_RETURN_IF_ERROR(check(n + rows + cols, col_totals));
  }
  // The same quantity in two tables: shown alike, with one value.
  std::map<std::string, std::pair<std::size_t, std::size_t>> first;
  for (std::size_t t = 0; t < entries.size(); ++t) {
    const TableLayout& l = entries[t].layout;
    const auto keys = Keys(l);
    for (std::size_t pos = 0; pos < keys.size(); ++pos) {
      auto [it, fresh] = first.try_emplace(keys[pos], t, pos);
      if (fresh) continue;
      const auto [u, q] = it->second;
      const auto& a = At(r.tables[t], pos);
      const auto& b = At(r.tables[u], q);
      if (a.has_value() != b.has_value() || (a && *a != *b))
        return InvalidArgument(
            FieldOf(t, l, pos),
            "counts the same children as " + FieldOf(u, entries[u].layout, q) +
                ", so it must be shown or suppressed alike and, when shown, be the same number");
    }
  }
  // An amounts table hides exactly what its count table hides, and has no
  // spend where there is no one.
  for (std::size_t t = 0; t < entries.size(); ++t) {
    // (A table newer than the return is wholly unknown, checked above.)
    if (!entries[t].layout.amounts || entries[t].layout.since > r.version) continue;
    const std::size_t u = PatternOf(t);
    for (std::size_t pos = 0; pos < Positions(entries[t].layout); ++pos) {
      const auto& a = At(r.tables[t], pos);
      const auto& c = At(r.tables[u], pos);
      if (a.has_value() != c.has_value())
        return InvalidArgument(
            FieldOf(t, entries[t].layout, pos),
            "must be suppressed exactly where " + FieldOf(u, entries[u].layout, pos) + " is");
      if (a && *c == 0 && *a != 0)
        return InvalidArgument(
            FieldOf(t, entries[t].layout, pos),
            "is spend on no placements (" + FieldOf(u, entries[u].layout, pos) + " is 0)");
    }
  }
  // Nothing suppressed can be worked out.
  const auto exposed = RecoverableCells(r);
  if (!exposed.empty()) {
    const auto [t, pos] = exposed.front();
    return InvalidArgument(FieldOf(t, entries[t].layout, pos),
                           "is suppressed but can be worked out from the cells and totals shown; "
                           "suppress more cells (secondary suppression)");
  }
  if (r.median_days_to_placement) {
    const ReturnTable& referrals = *r.Find("referrals_by_outcome_and_views");
    const auto& placed = referrals.row_totals[IndexOf(dimension::kOutcome, "placed")];
    if (*r.median_days_to_placement < 0)
      return InvalidArgument("median_days_to_placement", "must not be negative");
    if (!placed || *placed < kSuppressBelow)
      return InvalidArgument("median_days_to_placement",
                             "must be null unless " + std::to_string(kSuppressBelow) +
                                 " or more referrals were placed (shown in the referrals table)");
  }
  // The restricted section: well formed, in key order, and no more
  // children than the tables count where they show it.
  CC_RETURN_IF_ERROR(ValidateNeedProfiles(r.need_profiles));
  for (std::size_t i = 1; i < r.need_profiles.size(); ++i)
    if (r.need_profiles[i - 1].profile.Key() > r.need_profiles[i].profile.Key())
      return InvalidArgument("need_profiles[" + std::to_string(i) + "].profile",
                             "the profiles must be in the order of their keys");
  std::int64_t unmet = 0, hard = 0;
  for (const auto& c : r.need_profiles) {
    unmet += c.unmet;
    hard += c.hard_to_place;
  }
  const ReturnTable& referrals = *r.Find("referrals_by_outcome_and_views");
  const auto& unmet_shown = referrals.row_totals[IndexOf(dimension::kOutcome, "unmet")];
  const auto& placed_shown = referrals.row_totals[IndexOf(dimension::kOutcome, "placed")];
  if (unmet_shown && unmet != *unmet_shown)
    return InvalidArgument("need_profiles", "count " + std::to_string(unmet) +
                                                " unmet referrals, but the referrals table shows " +
                                                std::to_string(*unmet_shown));
  if (placed_shown && hard > *placed_shown)
    return InvalidArgument("need_profiles", "count " + std::to_string(hard) +
                                                " hard-to-place referrals, more than the " +
                                                std::to_string(*placed_shown) + " placed");
  return Status::Ok();
}

}  // namespace carecoop::national
