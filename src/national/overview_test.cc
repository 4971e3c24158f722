// The overview from returns: England's tables are the RCCs' added where every
// RCC shows a number, measures are read from shown numbers only, and the
// comparison ranks by hand.
#include "national/overview.h"

#include <gtest/gtest.h>

#include <tuple>

namespace carecoop::national {
namespace {

const Date kProduced(2026, 10, 10);

PlacementFact Placed(Setting s, double km, bool inside, const char* route, std::int64_t fee) {
  PlacementFact p;
  p.setting = s;
  p.age_years = 12;
  p.km_from_home = km;
  p.inside_rcc = inside;
  p.route = route;
  p.weekly_fee_pence = fee;
  return p;
}

// 20 started placements: 15 within 20 miles (10 km), 5 over 50 miles; 14
// inside the RCC; 40 at the end: 30 framework at 1,000 a week, 10 spot at
// 4,000; referrals: 10 placed (all within a week, 5 scrutinised before
// agreement), 5 unmet, all with views recorded; 10 moves. No number is
// from 1 to 4, so nothing is suppressed.
ReturnFacts Facts(const std::string& code, Quarter q) {
  ReturnFacts f;
  f.rcc_code = code;
  f.quarter = q;
  for (int i = 0; i < 20; ++i)
    f.started.push_back(
        Placed(Setting::kFosteringHousehold, i < 15 ? 10 : 100, i < 14, "framework", 100'000));
  for (int i = 0; i < 40; ++i)
    f.at_end.push_back(Placed(i < 30 ? Setting::kFosteringHousehold : Setting::kChildrensHome, 10,
                              true, i < 30 ? "framework" : "spot", i < 30 ? 100'000 : 400'000));
  for (int i = 0; i < 15; ++i) {
    ReferralFact r;
    r.views_recorded = true;
    if (i < 10) {
      r.outcome = "placed";
      r.days_to_placement = 3;
      r.scrutiny = i < 5 ? "before_agreement" : "after_agreement";
    } else {
      r.outcome = "unmet";
      f.unmet.push_back({Setting::kChildrensHome, NeedBand::kComplex});
    }
    f.referrals.push_back(r);
  }
  for (int i = 0; i < 10; ++i) f.moves.push_back({"CARPL", Setting::kFosteringHousehold});
  return f;
}

TEST(OverviewTest, MeasuresAreTheHandWorkedRatios) {
  const RccReturn r = BuildReturn(Facts("A", {2026, 3}), kProduced);
  for (const auto& t : r.tables)
    for (const auto& c : t.cells) ASSERT_TRUE(c.has_value()) << t.name;
  const Measures m = MeasuresOf(r);
  EXPECT_EQ(m.started, 20);
  EXPECT_EQ(m.at_end, 40);
  EXPECT_EQ(m.referrals, 15);
  EXPECT_EQ(m.placed, 10);
  EXPECT_EQ(m.unmet, 5);
  EXPECT_EQ(m.moves, 10);
  EXPECT_DOUBLE_EQ(*m.started_within_20_miles, 15.0 / 20);
  EXPECT_DOUBLE_EQ(*m.started_inside_rcc, 14.0 / 20);
  EXPECT_DOUBLE_EQ(*m.at_end_over_20_miles, 0.0);
  EXPECT_DOUBLE_EQ(*m.spot_share, 10.0 / 40);
  EXPECT_DOUBLE_EQ(*m.spot_share_of_spend, 4'000'000.0 / 7'000'000.0);
  EXPECT_EQ(m.weekly_spend, 7'000'000);
  EXPECT_DOUBLE_EQ(*m.spend_per_child_week, 7'000'000.0 / 40);
  EXPECT_DOUBLE_EQ(*m.views_recorded, 1.0);
  EXPECT_DOUBLE_EQ(*m.scrutiny_before_agreement, 0.5);
  EXPECT_DOUBLE_EQ(*m.placed_within_28_days, 1.0);
  EXPECT_DOUBLE_EQ(*m.moves_per_child, 10.0 / 40);
  EXPECT_DOUBLE_EQ(*m.median_days_to_placement, 3.0);
}

TEST(OverviewTest, EnglandAddsRccsAndStaysUnknownWhereAnyRccSuppressed) {
  ReturnFacts a = Facts("A", {2026, 3});
  ReturnFacts b = Facts("B", {2026, 3});
  // B has 2 secure placements at the end: suppressed in B, so unknown for England.
  b.at_end.push_back(Placed(Setting::kSecureChildrensHome, 10, true, "block", 700'000));
  b.at_end.push_back(Placed(Setting::kSecureChildrensHome, 10, true, "block", 700'000));
  ReturnFacts older = Facts("A", {2026, 2});
  const Overview o = BuildOverview({BuildReturn(a, kProduced), BuildReturn(b, kProduced),
                                    BuildReturn(older, Date(2026, 7, 10))});
  ASSERT_EQ(o.quarters.size(), 2u);
  EXPECT_EQ(o.quarters[0].quarter, (Quarter{2026, 2}));
  const QuarterOverview& q = o.quarters[1];
  EXPECT_EQ(q.rccs, (std::vector<std::string>{"A", "B"}));
  const ReturnTable& started = q.england[0];
  ASSERT_EQ(started.name, "started_by_setting_and_band");
  EXPECT_EQ(started.total, 40);
  EXPECT_EQ(q.england_measures.started, 40);
  EXPECT_DOUBLE_EQ(*q.england_measures.started_within_20_miles, 30.0 / 40);
  const ReturnTable* at_end = nullptr;
  for (const auto& t : q.england)
    if (t.name == "at_end_by_setting_and_band") at_end = &t;
  ASSERT_NE(at_end, nullptr);
  const std::size_t secure = 2;
  EXPECT_FALSE(at_end->row_totals[secure].has_value());
  // A's 0 and B's hidden 2: unknown, not 0.
  EXPECT_EQ(q.england_measures.rcc_code, kEngland);
  // England has no median (medians do not add).
  EXPECT_FALSE(q.england_measures.median_days_to_placement.has_value());
}

TEST(OverviewTest, ComparisonRanksInTheBetterDirectionWithTies) {
  QuarterOverview q;
  q.quarter = {2026, 3};
  for (auto [code, near, spot] : {std::tuple{"A", 0.9, 0.2}, std::tuple{"B", 0.7, 0.5},
                                  std::tuple{"C", 0.9, 0.1}, std::tuple{"D", -1.0, 0.3}}) {
    Measures m;
    m.rcc_code = code;
    if (near >= 0) m.started_within_20_miles = near;
    m.spot_share = spot;
    q.by_rcc.push_back(m);
  }
  const auto comparisons = Compare(q);
  auto find = [&](const std::string& name) {
    for (const auto& c : comparisons)
      if (c.measure == name) return c;
    ADD_FAILURE() << name;
    return Comparison{};
  };
  const Comparison near = find("started_within_20_miles");
  EXPECT_TRUE(near.higher_is_better);
  EXPECT_EQ(near.rows[0].rank, 1);              // A, tied with C
  EXPECT_EQ(near.rows[2].rank, 1);              // C
  EXPECT_EQ(near.rows[1].rank, 3);              // B
  EXPECT_FALSE(near.rows[3].rank.has_value());  // D unknown
  EXPECT_DOUBLE_EQ(*near.england_median, 0.9);  // of 0.7, 0.9, 0.9
  const Comparison spot = find("spot_share");
  EXPECT_FALSE(spot.higher_is_better);
  EXPECT_EQ(spot.rows[2].rank, 1);  // C 0.1
  EXPECT_EQ(spot.rows[0].rank, 2);  // A 0.2
  EXPECT_EQ(spot.rows[3].rank, 3);  // D 0.3
  EXPECT_EQ(spot.rows[1].rank, 4);  // B 0.5
  EXPECT_DOUBLE_EQ(*spot.england_median, 0.25);
}

TEST(OverviewTest, DfeCategoriesNameThePlacementTypeCodes) {
  EXPECT_EQ(DfeCategory("fostering_household"), "Foster placements (U1-U6)");
  EXPECT_EQ(DfeCategory("secure_childrens_home"), "Secure children's homes (K1)");
  for (const auto& s : dimension::Settings()) EXPECT_NE(DfeCategory(s), "Other placements") << s;
}

}  // namespace
}  // namespace carecoop::national
