// The RCC return: tabulation against a direct count, suppression against an
// attacker who solves the published tables another way (the kernel of the
// system by Eigen, with the links between tables written out here from what
// the tables mean, not from the engine's keys), the checks on receipt, and
// the files.
#include "national/rcc_return.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>
#include <sstream>

#include "national/rcc_return_json.h"
#include "tests/support/kernel_attack.h"

namespace carecoop::national {
namespace {

const Date kProduced(2026, 10, 10);
const Quarter kQ{2026, 3};

// What a position of a table means, written from the tables' definitions:
// two positions with the same meaning show the same number.
std::string Meaning(const ReturnTable& t, std::size_t pos) {
  const std::size_t rows = t.rows.size(), cols = t.columns.size(), n = rows * cols;
  std::string population = t.population;
  // Two quantities of money: what the places cost and what they should.
  std::string prefix = !t.amounts                           ? ""
                       : t.name.rfind("fair_price", 0) == 0 ? "fair price "
                                                            : "spend ";
  auto total = [&] {
    if (population == "placed") return prefix + "referrals outcome=placed";
    if (population == "unmet") return prefix + "referrals outcome=unmet";
    return prefix + population;
  };
  if (pos < n) {
    std::set<std::string> both = {t.row_dimension + "=" + t.rows[pos / cols],
                                  t.column_dimension + "=" + t.columns[pos % cols]};
    return prefix + population + " " + *both.begin() + " " + *both.rbegin();
  }
  pos -= n;
  if (pos < rows) return prefix + population + " " + t.row_dimension + "=" + t.rows[pos];
  pos -= rows;
  if (pos < cols) return prefix + population + " " + t.column_dimension + "=" + t.columns[pos];
  return total();
}

std::optional<std::int64_t> Value(const ReturnTable& t, std::size_t pos) {
  const std::size_t n = t.cells.size();
  if (pos < n) return t.cells[pos];
  pos -= n;
  if (pos < t.row_totals.size()) return t.row_totals[pos];
  pos -= t.row_totals.size();
  if (pos < t.column_totals.size()) return t.column_totals[pos];
  return t.total;
}

std::size_t Positions(const ReturnTable& t) {
  return t.cells.size() + t.row_totals.size() + t.column_totals.size() + 1;
}

// The attacker: every hidden position an unknown; each table's sums; every
// two positions with one meaning equal. Returns the hidden positions fixed.
std::vector<std::pair<std::size_t, std::size_t>> Attack(const RccReturn& r) {
  std::map<std::pair<std::size_t, std::size_t>, std::size_t> unknown;
  for (std::size_t t = 0; t < r.tables.size(); ++t)
    for (std::size_t pos = 0; pos < Positions(r.tables[t]); ++pos)
      if (!Value(r.tables[t], pos)) unknown.emplace(std::pair{t, pos}, unknown.size());
  std::vector<std::vector<std::pair<std::size_t, double>>> eqs;
  auto term = [&](std::vector<std::pair<std::size_t, double>>& eq, std::size_t t, std::size_t pos,
                  double coef) {
    auto it = unknown.find({t, pos});
    if (it != unknown.end()) eq.emplace_back(it->second, coef);
  };
  std::map<std::string, std::pair<std::size_t, std::size_t>> first_with;
  for (std::size_t t = 0; t < r.tables.size(); ++t) {
    const ReturnTable& x = r.tables[t];
    const std::size_t rows = x.rows.size(), cols = x.columns.size(), n = rows * cols;
    for (std::size_t i = 0; i < rows; ++i) {
      std::vector<std::pair<std::size_t, double>> eq;
      term(eq, t, n + i, -1);
      for (std::size_t c = 0; c < cols; ++c) term(eq, t, i * cols + c, 1);
      eqs.push_back(eq);
    }
    for (std::size_t c = 0; c < cols; ++c) {
      std::vector<std::pair<std::size_t, double>> eq;
      term(eq, t, n + rows + c, -1);
      for (std::size_t i = 0; i < rows; ++i) term(eq, t, i * cols + c, 1);
      eqs.push_back(eq);
    }
    for (int side = 0; side < 2; ++side) {
      std::vector<std::pair<std::size_t, double>> eq;
      term(eq, t, n + rows + cols, -1);
      const std::size_t from = side == 0 ? n : n + rows, count = side == 0 ? rows : cols;
      for (std::size_t k = 0; k < count; ++k) term(eq, t, from + k, 1);
      eqs.push_back(eq);
    }
    for (std::size_t pos = 0; pos < Positions(x); ++pos) {
      auto [it, fresh] = first_with.try_emplace(Meaning(x, pos), std::pair{t, pos});
      if (fresh) continue;
      std::vector<std::pair<std::size_t, double>> eq;
      term(eq, t, pos, 1);
      term(eq, it->second.first, it->second.second, -1);
      eqs.push_back(eq);
    }
  }
  std::vector<std::pair<std::size_t, std::size_t>> by_column(unknown.size());
  for (const auto& [where, column] : unknown) by_column[column] = where;
  std::vector<std::pair<std::size_t, std::size_t>> out;
  for (std::size_t column : testing::FixedUnknowns(eqs, unknown.size()))
    out.push_back(by_column[column]);
  return out;
}

// A synthetic quarter: `n` placements and referrals with random attributes,
// skewed so that some cells are small, some large and many empty.
ReturnFacts RandomFacts(std::mt19937_64& rng, int n) {
  ReturnFacts f;
  f.rcc_code = "RCC-T";
  f.quarter = kQ;
  auto pick = [&](std::size_t size) {
    // Skewed: low indices far more often.
    std::geometric_distribution<std::size_t> g(0.55);
    return std::min(g(rng), size - 1);
  };
  std::uniform_real_distribution<double> km(0.5, 140);
  const auto settings = EnumInfo<Setting>::kEntries;
  const auto bands = EnumInfo<NeedBand>::kEntries;
  auto placement = [&] {
    PlacementFact p;
    p.setting = settings[pick(settings.size())].value;
    p.band = bands[pick(bands.size())].value;
    p.age_years = static_cast<int>(rng() % 18);
    if (rng() % 10 != 0) p.km_from_home = km(rng);
    p.inside_rcc = rng() % 3 != 0;
    p.route = dimension::kRoute[pick(dimension::kRoute.size())];
    p.weekly_fee_pence = 50'000 + static_cast<std::int64_t>(rng() % 900'000);
    p.fair_price_pence = 40'000 + static_cast<std::int64_t>(rng() % 700'000);
    return p;
  };
  for (int i = 0; i < n; ++i) f.started.push_back(placement());
  for (int i = 0; i < 3 * n; ++i) f.at_end.push_back(placement());
  for (int i = 0; i < n + n / 2; ++i) {
    ReferralFact r;
    r.outcome = dimension::kOutcome[pick(dimension::kOutcome.size())];
    r.views_recorded = rng() % 4 != 0;
    if (r.outcome == "placed") {
      r.days_to_placement = static_cast<std::int64_t>(rng() % 120);
      r.scrutiny = dimension::kScrutiny[pick(dimension::kScrutiny.size())];
    }
    if (r.outcome == "unmet") {
      f.unmet.push_back({settings[pick(settings.size())].value, bands[pick(bands.size())].value});
      // Its need profile (national/rare_needs.h), one of a few.
      NeedProfile p;
      p.setting = std::string(EnumCode(f.unmet.back().setting));
      p.age = dimension::kAge[pick(dimension::kAge.size())];
      f.profiles.push_back({p, true, 0, std::nullopt});
    }
    f.referrals.push_back(r);
  }
  const auto reasons = dimension::MoveReasons();
  for (int i = 0; i < n / 2; ++i)
    f.moves.push_back({reasons[pick(reasons.size())], settings[pick(settings.size())].value});
  for (int i = 0; i < 3 * n; ++i) {
    const int year = static_cast<int>(pick(4));
    f.children_at_end.push_back({year, year + static_cast<int>(pick(3))});
  }
  return f;
}

// The same tables counted directly, the plain way, position by position.
std::vector<std::int64_t> DirectCount(const ReturnFacts& f, const ReturnTable& t) {
  const std::size_t rows = t.rows.size(), cols = t.columns.size();
  std::vector<std::int64_t> v(rows * cols + rows + cols + 1, 0);
  auto add = [&](const std::string& row, const std::string& col, std::int64_t amount) {
    std::size_t r = 0, c = 0;
    while (t.rows[r] != row) ++r;
    while (t.columns[c] != col) ++c;
    v[r * cols + c] += amount;
    v[rows * cols + r] += amount;
    v[rows * cols + rows + c] += amount;
    v.back() += amount;
  };
  auto setting = [](Setting s) { return std::string(EnumCode(s)); };
  auto band = [](NeedBand b) { return std::string(EnumCode(b)); };
  auto miles = [](const PlacementFact& p) -> std::string {
    if (!p.km_from_home) return "not_known";
    const double m = *p.km_from_home / 1.609344;
    return m < 5 ? "under_5" : m <= 20 ? "5_to_20" : m <= 50 ? "over_20_to_50" : "over_50";
  };
  auto loc = [](const PlacementFact& p) { return p.inside_rcc ? "inside_rcc" : "outside_rcc"; };
  if (t.name == "started_by_setting_and_band")
    for (const auto& p : f.started) add(setting(p.setting), band(p.band), 1);
  if (t.name == "started_by_age_and_distance")
    for (const auto& p : f.started) add(AgeBand(p.age_years), miles(p), 1);
  if (t.name == "started_by_route_and_location")
    for (const auto& p : f.started) add(p.route, loc(p), 1);
  if (t.name == "at_end_by_setting_and_band")
    for (const auto& p : f.at_end) add(setting(p.setting), band(p.band), 1);
  if (t.name == "at_end_by_distance_and_location")
    for (const auto& p : f.at_end) add(miles(p), loc(p), 1);
  if (t.name == "at_end_by_route_and_setting")
    for (const auto& p : f.at_end) add(p.route, setting(p.setting), 1);
  if (t.name == "weekly_spend_at_end_by_route_and_setting")
    for (const auto& p : f.at_end) add(p.route, setting(p.setting), p.weekly_fee_pence);
  if (t.name == "referrals_by_outcome_and_views")
    for (const auto& r : f.referrals)
      add(r.outcome, r.views_recorded ? "recorded" : "not_recorded", 1);
  if (t.name == "placed_by_wait_and_scrutiny")
    for (const auto& r : f.referrals)
      if (r.outcome == "placed") add(WaitBand(*r.days_to_placement), r.scrutiny, 1);
  if (t.name == "unmet_by_setting_and_band")
    for (const auto& u : f.unmet) add(setting(u.setting), band(u.band), 1);
  if (t.name == "moves_by_reason_and_setting")
    for (const auto& m : f.moves) add(m.reason, setting(m.from), 1);
  if (t.name == "fair_price_at_end_by_route_and_setting")
    for (const auto& p : f.at_end) add(p.route, setting(p.setting), p.fair_price_pence);
  if (t.name == "children_by_moves_in_year_and_two_years")
    for (const auto& c : f.children_at_end)
      add(c.moves_in_year == 0   ? "0"
          : c.moves_in_year == 1 ? "1"
                                 : "2_or_more",
          c.moves_in_two_years >= 3 ? "3_or_more" : "0_to_2", 1);
  return v;
}

TEST(RccReturnTest, BandsFollowTheDfEsDefinitions) {
  const double mile = 1.609344;
  EXPECT_EQ(DistanceBand(std::nullopt), "not_known");
  EXPECT_EQ(DistanceBand(4.99 * mile), "under_5");
  EXPECT_EQ(DistanceBand(5.0 * mile), "5_to_20");
  EXPECT_EQ(DistanceBand(20.0 * mile), "5_to_20");
  EXPECT_EQ(DistanceBand(20.01 * mile), "over_20_to_50");  // "more than 20 miles"
  EXPECT_EQ(DistanceBand(50.0 * mile), "over_20_to_50");
  EXPECT_EQ(DistanceBand(50.01 * mile), "over_50");
  EXPECT_EQ(AgeBand(0), "under_1");
  EXPECT_EQ(AgeBand(4), "1_to_4");
  EXPECT_EQ(AgeBand(5), "5_to_9");
  EXPECT_EQ(AgeBand(15), "10_to_15");
  EXPECT_EQ(AgeBand(16), "16_and_over");
  EXPECT_EQ(WaitBand(7), "0_to_7");
  EXPECT_EQ(WaitBand(8), "8_to_28");
  EXPECT_EQ(WaitBand(90), "29_to_90");
  EXPECT_EQ(WaitBand(91), "over_90");
}

// One child: every count of the started population is 1, so all of them
// are hidden and the zeros shown; nothing hidden can be worked out (every
// hidden number of one table is the same unknown).
TEST(RccReturnTest, OneChildIsHiddenEverywhereAndZerosAreShown) {
  ReturnFacts f;
  f.rcc_code = "RCC-T";
  f.quarter = kQ;
  PlacementFact p;
  p.setting = Setting::kChildrensHome;
  p.band = NeedBand::kComplex;
  p.age_years = 14;
  p.km_from_home = 40;
  f.started.push_back(p);
  RccReturn r = BuildReturn(f, kProduced);
  const ReturnTable* t = r.Find("started_by_setting_and_band");
  ASSERT_NE(t, nullptr);
  EXPECT_FALSE(t->total.has_value());
  for (std::size_t i = 0; i < t->rows.size(); ++i)
    for (std::size_t c = 0; c < t->columns.size(); ++c) {
      const bool the_child = t->rows[i] == "childrens_home" && t->columns[c] == "complex";
      EXPECT_EQ(t->Cell(i, c).has_value(), !the_child) << i << "," << c;
      if (!the_child) {
        EXPECT_EQ(t->Cell(i, c), 0);
      }
    }
  EXPECT_TRUE(Attack(r).empty());
  EXPECT_TRUE(RecoverableCells(r).empty());
  EXPECT_TRUE(Validate(r).ok()) << Validate(r).ToString();
  // No one placed: no median.
  EXPECT_FALSE(r.median_days_to_placement.has_value());
}

// Hand-worked: 10 fostering and 3 children's home placements, all standard.
// The 3 is hidden (primary); then 13 - 10 would give it away, so a second
// number of that sum (the 10, the column's 13 or the total) is hidden too;
// and the total is one number in all three started tables, so whatever is
// hidden there, no table may show what another hides.
TEST(RccReturnTest, HandWorkedSecondarySuppressionStopsTheDifference) {
  ReturnFacts f;
  f.rcc_code = "RCC-T";
  f.quarter = kQ;
  for (int i = 0; i < 13; ++i) {
    PlacementFact p;
    p.setting = i < 10 ? Setting::kFosteringHousehold : Setting::kChildrensHome;
    p.age_years = 10;
    p.km_from_home = 3;
    f.started.push_back(p);
  }
  RccReturn r = BuildReturn(f, kProduced);
  const ReturnTable& t = *r.Find("started_by_setting_and_band");
  const std::size_t fh = 0, ch = 1, standard = 0;
  EXPECT_FALSE(t.Cell(ch, standard).has_value());
  EXPECT_FALSE(t.row_totals[ch].has_value());
  const int shown = t.Cell(fh, standard).has_value() + t.column_totals[standard].has_value() +
                    t.row_totals[fh].has_value();
  EXPECT_LE(shown, 1) << "10 and 13 both shown give the 3 away";
  EXPECT_TRUE(Attack(r).empty());
  EXPECT_TRUE(Validate(r).ok()) << Validate(r).ToString();
  // Every started table shows the total alike.
  for (const auto& x : r.tables)
    if (x.population == "started") {
      EXPECT_EQ(x.total.has_value(), t.total.has_value()) << x.name;
    }
}

// Many random quarters: every shown number is the direct count, no count of
// 1 to 4 is shown, the attacker fixes no hidden number, the engine's own
// audit agrees, and the return passes its checks on receipt.
TEST(RccReturnTest, RandomQuartersShowTrueCountsAndHideNothingRecoverable) {
  std::mt19937_64 rng(20261203);
  int hidden_secondary = 0;
  for (int run = 0; run < 40; ++run) {
    const int n = 3 + static_cast<int>(rng() % 80);
    ReturnFacts f = RandomFacts(rng, n);
    RccReturn r = BuildReturn(f, kProduced);
    ASSERT_EQ(r.tables.size(), Layouts().size());
    for (const auto& t : r.tables) {
      const auto truth = DirectCount(f, t);
      for (std::size_t pos = 0; pos < truth.size(); ++pos) {
        const auto v = Value(t, pos);
        if (v) {
          EXPECT_EQ(*v, truth[pos]) << t.name << " " << pos;
        }
        if (!t.amounts && truth[pos] > 0 && truth[pos] < kSuppressBelow) {
          EXPECT_FALSE(v.has_value()) << t.name << " " << pos;
        }
        if (!t.amounts && !v && (truth[pos] == 0 || truth[pos] >= kSuppressBelow))
          ++hidden_secondary;
      }
    }
    EXPECT_TRUE(Attack(r).empty()) << "run " << run;
    EXPECT_TRUE(RecoverableCells(r).empty()) << "run " << run;
    Status ok = Validate(r);
    EXPECT_TRUE(ok.ok()) << "run " << run << ": " << ok.ToString();
    // The median of the placed, when five or more were.
    std::vector<std::int64_t> days;
    for (const auto& x : f.referrals)
      if (x.outcome == "placed") days.push_back(*x.days_to_placement);
    // ... and only beside a shown number placed.
    const auto& placed = r.Find("referrals_by_outcome_and_views")->row_totals[0];
    EXPECT_EQ(r.median_days_to_placement.has_value(), days.size() >= 5 && placed.has_value());
  }
  EXPECT_GT(hidden_secondary, 0) << "the cases never needed secondary suppression";
}

// Primary suppression alone is not enough, and both the engine's audit and
// Validate see it: show every secondary-suppressed number again.
TEST(RccReturnTest, PrimaryOnlyIsCaughtByTheAttackerTheAuditAndTheCheck) {
  std::mt19937_64 rng(7);
  int caught = 0;
  for (int run = 0; run < 20; ++run) {
    ReturnFacts f = RandomFacts(rng, 10 + static_cast<int>(rng() % 40));
    RccReturn r = BuildReturn(f, kProduced);
    RccReturn primary_only = r;
    for (std::size_t t = 0; t < r.tables.size(); ++t) {
      ReturnTable& x = primary_only.tables[t];
      const auto truth = DirectCount(f, x);
      std::vector<std::optional<std::int64_t>*> slots;
      for (auto& c : x.cells) slots.push_back(&c);
      for (auto& c : x.row_totals) slots.push_back(&c);
      for (auto& c : x.column_totals) slots.push_back(&c);
      slots.push_back(&x.total);
      // Amount tables are unhidden where their count table is not small.
      const ReturnTable* counts = x.amounts ? primary_only.Find("at_end_by_route_and_setting") : &x;
      const auto count_truth = DirectCount(f, *counts);
      for (std::size_t pos = 0; pos < slots.size(); ++pos)
        if (!(count_truth[pos] > 0 && count_truth[pos] < kSuppressBelow)) *slots[pos] = truth[pos];
    }
    const auto attacked = Attack(primary_only);
    const auto audited = RecoverableCells(primary_only);
    EXPECT_EQ(std::set(attacked.begin(), attacked.end()), std::set(audited.begin(), audited.end()));
    if (!attacked.empty()) {
      ++caught;
      Status s = Validate(primary_only);
      EXPECT_FALSE(s.ok());
      EXPECT_NE(s.message().find("worked out"), std::string::npos) << s.ToString();
    }
  }
  EXPECT_GT(caught, 5);
}

Status Broken(const std::function<void(RccReturn&)>& change, RccReturn r) {
  change(r);
  return Validate(r);
}

TEST(RccReturnTest, ValidateRefusesEachBrokenRuleNamingTheField) {
  std::mt19937_64 rng(11);
  const RccReturn good = BuildReturn(RandomFacts(rng, 300), kProduced);
  ASSERT_TRUE(Validate(good).ok());
  // A count table with a shown count of 5 or more whose row and row total
  // are all shown.
  std::size_t at_end_index = 0, big = 0;
  bool found = false;
  for (std::size_t t = 0; t < good.tables.size() && !found; ++t) {
    const national::ReturnTable& x = good.tables[t];
    if (x.amounts) continue;
    const std::size_t cols = x.columns.size();
    for (std::size_t pos = 0; pos < x.cells.size() && !found; ++pos) {
      const std::size_t row = pos / cols;
      bool whole = x.row_totals[row].has_value() && x.cells[pos] && *x.cells[pos] >= 5;
      for (std::size_t c = 0; c < cols && whole; ++c) whole = x.cells[row * cols + c].has_value();
      if (whole) {
        at_end_index = t;
        big = pos;
        found = true;
      }
    }
  }
  ASSERT_TRUE(found);
  const national::ReturnTable& at_end = good.tables[at_end_index];
  const std::string cell = "tables[" + std::to_string(at_end_index) + "].cells[" +
                           std::to_string(big / at_end.columns.size()) + "][" +
                           std::to_string(big % at_end.columns.size()) + "]";

  struct Case {
    std::function<void(RccReturn&)> change;
    std::string field, words;
  };
  const std::vector<Case> cases = {
      {[](RccReturn& r) { r.version = 3; }, "version", "must be 1 to 2"},
      {[](RccReturn& r) { r.version = 0; }, "version", "must be 1 to 2"},
      {[](RccReturn& r) { r.rcc_code = "rcc lower"; }, "rcc_code", "capital"},
      {[](RccReturn& r) { r.produced = Date(2026, 9, 30); }, "produced", "after the quarter"},
      {[](RccReturn& r) { r.tables.pop_back(); }, "tables", "must hold"},
      {[&](RccReturn& r) { r.tables[at_end_index].name = "x"; },
       "tables[" + std::to_string(at_end_index) + "].name", "must be"},
      {[&](RccReturn& r) {
         std::swap(r.tables[at_end_index].rows[0], r.tables[at_end_index].rows[1]);
       },
       "tables[" + std::to_string(at_end_index) + "].rows", "order"},
      {[&](RccReturn& r) { r.tables[at_end_index].cells[big] = -1; }, cell, "negative"},
      {[&](RccReturn& r) { r.tables[at_end_index].cells[big] = 3; }, cell, "must be suppressed"},
      {[&](RccReturn& r) { *r.tables[at_end_index].cells[big] += 1; },
       "tables[" + std::to_string(at_end_index) + "].row_totals[" +
           std::to_string(big / at_end.columns.size()) + "]",
       "add up"},
      {[](RccReturn& r) { r.median_days_to_placement = -2; }, "median_days_to_placement",
       "negative"},
  };
  for (const auto& c : cases) {
    Status s = Broken(c.change, good);
    ASSERT_FALSE(s.ok()) << c.field;
    if (!c.field.empty()) {
      EXPECT_EQ(s.field(), c.field) << s.ToString();
    }
    EXPECT_NE(s.message().find(c.words), std::string::npos) << s.ToString();
  }
}

TEST(RccReturnTest, ValidateRefusesTablesThatDisagreeAboutTheSameChildren) {
  std::mt19937_64 rng(12);
  RccReturn r = BuildReturn(RandomFacts(rng, 70), kProduced);
  ASSERT_TRUE(Validate(r).ok());
  // The at_end total is in four tables; change it in the route table only,
  // with a row of its own changed to match, so its sums still add up.
  const std::size_t route =
      static_cast<std::size_t>(r.Find("at_end_by_route_and_setting") - r.tables.data());
  ReturnTable& t = r.tables[route];
  ASSERT_TRUE(t.total.has_value());
  // Make every figure of this table shown and consistent, 5 larger in one cell.
  std::size_t c0 = 0;
  while (!(t.cells[c0] && *t.cells[c0] >= 5 && t.row_totals[c0 / t.columns.size()] &&
           t.column_totals[c0 % t.columns.size()]))
    ++c0;
  *t.cells[c0] += 5;
  *t.row_totals[c0 / t.columns.size()] += 5;
  *t.column_totals[c0 % t.columns.size()] += 5;
  *t.total += 5;
  Status s = Validate(r);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("same children"), std::string::npos) << s.ToString();
}

TEST(RccReturnTest, SpendIsHiddenWhereItsCountIsAndNeverWithoutPlacements) {
  std::mt19937_64 rng(13);
  RccReturn r = BuildReturn(RandomFacts(rng, 50), kProduced);
  const std::size_t spend = static_cast<std::size_t>(
      r.Find("weekly_spend_at_end_by_route_and_setting") - r.tables.data());
  const std::size_t counts =
      static_cast<std::size_t>(r.Find("at_end_by_route_and_setting") - r.tables.data());
  bool found_hidden = false;
  for (std::size_t i = 0; i < r.tables[counts].cells.size(); ++i) {
    EXPECT_EQ(r.tables[counts].cells[i].has_value(), r.tables[spend].cells[i].has_value());
    if (!r.tables[counts].cells[i] && !found_hidden) {
      found_hidden = true;
      RccReturn leak = r;
      leak.tables[spend].cells[i] = 123'456;
      Status s = Validate(leak);
      ASSERT_FALSE(s.ok());
      EXPECT_NE(s.message().find("suppressed exactly where"), std::string::npos) << s.ToString();
    }
  }
  EXPECT_TRUE(found_hidden);
}

TEST(RccReturnFilesTest, JsonAndCsvReadBackTheSameReturn) {
  std::mt19937_64 rng(14);
  const RccReturn r = BuildReturn(RandomFacts(rng, 45), kProduced);
  for (const std::string& text : {ReturnJson(r).dump(2), ReturnCsv(r)}) {
    auto back = ReadReturn(text, "return");
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    EXPECT_EQ(back->rcc_code, r.rcc_code);
    EXPECT_EQ(back->quarter, r.quarter);
    EXPECT_EQ(back->produced, r.produced);
    EXPECT_EQ(back->median_days_to_placement, r.median_days_to_placement);
    ASSERT_EQ(back->tables.size(), r.tables.size());
    for (std::size_t t = 0; t < r.tables.size(); ++t) {
      EXPECT_EQ(back->tables[t].cells, r.tables[t].cells);
      EXPECT_EQ(back->tables[t].row_totals, r.tables[t].row_totals);
      EXPECT_EQ(back->tables[t].column_totals, r.tables[t].column_totals);
      EXPECT_EQ(back->tables[t].total, r.tables[t].total);
    }
    EXPECT_TRUE(Validate(*back).ok());
  }
}

// Format version 1 (before the fair-price and stability tables): read and
// valid with those tables unknown, in their places, in JSON and CSV; a
// version 1 return that gives a number in them, or a version 3, is refused.
TEST(RccReturnFilesTest, VersionOneReturnsAreReadWithTheLaterTablesUnknown) {
  std::mt19937_64 rng(16);
  const RccReturn r = BuildReturn(RandomFacts(rng, 40), kProduced);
  ASSERT_EQ(r.version, 2);
  nlohmann::json v1 = ReturnJson(r);
  v1["version"] = 1;
  nlohmann::json tables = nlohmann::json::array();
  std::size_t later = 0;
  for (std::size_t t = 0; t < Layouts().size(); ++t)
    if (Layouts()[t].since == 1) {
      tables.push_back(v1["tables"][t]);
    } else {
      ++later;
    }
  ASSERT_EQ(later, 2u);
  v1["tables"] = tables;
  std::string csv;
  {
    std::istringstream in(ReturnCsv(r));
    for (std::string line; std::getline(in, line);) {
      if (line.find(",fair_price_at_end_by_route_and_setting,") != std::string::npos ||
          line.find(",children_by_moves_in_year_and_two_years,") != std::string::npos)
        continue;
      const auto comma = line.find(',');
      if (line.rfind("carecoop-rcc-return,2,", 0) == 0) line.replace(comma + 1, 1, "1");
      csv += line + "\n";
    }
  }
  for (const std::string& text : {v1.dump(), csv}) {
    auto back = ReadReturn(text, "return");
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    EXPECT_EQ(back->version, 1);
    ASSERT_EQ(back->tables.size(), Layouts().size());
    for (std::size_t t = 0; t < Layouts().size(); ++t) {
      EXPECT_EQ(back->tables[t].name, Layouts()[t].name);
      if (Layouts()[t].since > 1) {
        EXPECT_FALSE(back->tables[t].total.has_value()) << back->tables[t].name;
      } else {
        EXPECT_EQ(back->tables[t].cells, r.tables[t].cells);
      }
    }
    EXPECT_TRUE(Validate(*back).ok()) << Validate(*back).ToString();
  }
  RccReturn bad = *ReadReturn(v1.dump(), "return");
  for (std::size_t t = 0; t < bad.tables.size(); ++t)
    if (Layouts()[t].since > 1) bad.tables[t].total = 0;
  EXPECT_EQ(Validate(bad).code(), StatusCode::kInvalidArgument);
  EXPECT_NE(Validate(bad).message().find("version 1"), std::string::npos);
  RccReturn future = r;
  future.version = 3;
  EXPECT_EQ(Validate(future).field(), "version");
}

// The stability table, by hand: 26 children in placement at the end, by
// moves in the year (0, 1, 2 or more) and in two years (3 or more).
TEST(RccReturnTest, StabilityTableCountsChildrenByTheirMoves) {
  ReturnFacts f;
  f.rcc_code = "RCC-T";
  f.quarter = kQ;
  // (moves in the year / in two years) 0/0 x5, 1/1 x5, 2/3 x5, 4/4 x5,
  // 0/3 x5, 1/2 x1.
  for (auto [year, two] : std::vector<std::pair<int, int>>{{0, 0}, {1, 1}, {2, 3}, {4, 4}, {0, 3}})
    for (int i = 0; i < 5; ++i) f.children_at_end.push_back({year, two});
  f.children_at_end.push_back({1, 2});
  const RccReturn r = BuildReturn(f, kProduced);
  const ReturnTable* t = r.Find("children_by_moves_in_year_and_two_years");
  ASSERT_NE(t, nullptr);
  // rows 0, 1, 2_or_more; columns 0_to_2, 3_or_more.
  EXPECT_EQ(t->Cell(0, 0), 5);
  EXPECT_EQ(t->Cell(0, 1), 5);
  EXPECT_EQ(t->Cell(1, 0), 6);
  EXPECT_EQ(t->Cell(1, 1), 0);
  EXPECT_EQ(t->Cell(2, 0), 0);  // zeros are shown
  EXPECT_EQ(t->Cell(2, 1), 10);
  EXPECT_EQ(t->row_totals[1], 6);
  EXPECT_EQ(t->row_totals[2], 10);
  EXPECT_EQ(t->column_totals[1], 15);
  EXPECT_EQ(t->total, 26);
  EXPECT_TRUE(Validate(r).ok()) << Validate(r).ToString();
}

TEST(RccReturnFilesTest, MalformedFilesAreRefusedNamingTheField) {
  std::mt19937_64 rng(15);
  const RccReturn r = BuildReturn(RandomFacts(rng, 30), kProduced);
  nlohmann::json j = ReturnJson(r);
  {
    auto x = j;
    x["tables"][2]["cells"][1][0] = "five";
    auto s = ReturnFromJson(x);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.status().field(), "tables[2].cells[1][0]");
  }
  {
    auto x = j;
    x.erase("quarter");
    EXPECT_EQ(ReturnFromJson(x).status().field(), "quarter");
  }
  {
    auto x = j;
    x["quarter"] = "2026Q9";
    EXPECT_EQ(ReturnFromJson(x).status().field(), "quarter");
  }
  {
    auto x = j;
    x["format"] = "something-else";
    EXPECT_EQ(ReturnFromJson(x).status().field(), "format");
  }
  EXPECT_EQ(ReadReturn("{ not json", "f.json").status().field(), "return");
  const std::string csv = ReturnCsv(r);
  {
    // A row given twice.
    const std::size_t second_line = csv.find('\n') + 1;
    const std::string row = csv.substr(second_line, csv.find('\n', second_line) - second_line + 1);
    auto s = ReturnFromCsv(csv + row, "f.csv");
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.status().message().find("twice"), std::string::npos) << s.status().ToString();
  }
  {
    // A row left out.
    const std::size_t second_line = csv.find('\n') + 1;
    const std::string without =
        csv.substr(0, second_line) + csv.substr(csv.find('\n', second_line) + 1);
    auto s = ReturnFromCsv(without, "f.csv");
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.status().message().find("missing"), std::string::npos) << s.status().ToString();
  }
  {
    auto s =
        ReturnFromCsv(csv + "carecoop-rcc-return,2,RCC-T,2026Q3,2026-10-10,nope,a,b,1\n", "f.csv");
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.status().field(), "table");
  }
}

}  // namespace
}  // namespace carecoop::national
