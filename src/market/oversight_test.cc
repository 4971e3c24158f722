// Market oversight (market/oversight.h): each measure on a case worked by
// hand, and properties checked on random cases against a direct recount.
#include "market/oversight.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

namespace carecoop::market {
namespace {

// ---------------------------------------------------------------------------
// HHI and concentration.

TEST(HhiTest, WorkedByHand) {
  // Shares 50%, 30%, 20%: 2,500 + 900 + 400.
  EXPECT_NEAR(Hhi({50, 30, 20}), 3800, 1e-9);
  EXPECT_NEAR(Hhi({5, 3, 2}), 3800, 1e-9);  // scale does not matter
  EXPECT_NEAR(Hhi({7}), 10000, 1e-9);       // a monopoly
  EXPECT_EQ(Hhi({}), 0);
  EXPECT_EQ(Hhi({0, 0}), 0);
  EXPECT_EQ(HhiBand(999.9), "unconcentrated");
  EXPECT_EQ(HhiBand(1000), "moderately concentrated");
  EXPECT_EQ(HhiBand(1800.5), "highly concentrated");
}

TEST(HhiTest, NEqualFirmsGive10000OverN) {
  for (int n = 1; n <= 40; ++n)
    EXPECT_NEAR(Hhi(std::vector<std::int64_t>(static_cast<std::size_t>(n), 17)), 10000.0 / n, 1e-6);
}

TEST(ConcentrationTest, HoldingsOfOneFirmAreSummedAndRankedBySize) {
  // Two providers under one owner (key "g1") hold 6 places; two others 3 and 1.
  std::vector<Holding> h = {{"g1", "Owner plc", 4, 4000},
                            {"p7", "Small Ltd", 1, 3000},
                            {"g1", "Owner plc", 2, 2000},
                            {"p9", "Middle Ltd", 3, 1000}};
  Concentration c = Concentrate(h, 2);
  EXPECT_EQ(c.firms, 3);
  EXPECT_EQ(c.places, 10);
  EXPECT_EQ(c.spend, 10000);
  EXPECT_NEAR(c.hhi_places, 60 * 60 + 30 * 30 + 10 * 10, 1e-9);  // 4,600
  EXPECT_NEAR(c.hhi_spend, 60 * 60 + 30 * 30 + 10 * 10, 1e-9);   // 60/30/10 of spend too
  ASSERT_EQ(c.largest.size(), 2u);
  EXPECT_EQ(c.largest[0].firm, "Owner plc");
  EXPECT_NEAR(c.largest[0].places_share, 0.6, 1e-12);
  EXPECT_EQ(c.largest[1].firm, "Middle Ltd");
  EXPECT_NEAR(c.largest[1].spend_share, 0.1, 1e-12);
}

TEST(ConcentrationTest, RandomMarketsAgreeWithADirectRecount) {
  std::mt19937_64 rng(7);
  for (int trial = 0; trial < 200; ++trial) {
    std::vector<Holding> h;
    std::map<std::string, std::int64_t> places;
    int n = static_cast<int>(rng() % 30) + 1;
    for (int i = 0; i < n; ++i) {
      std::string key = "f" + std::to_string(rng() % 8);
      std::int64_t p = static_cast<std::int64_t>(rng() % 20);
      h.push_back({key, key, p, p * 100});
      places[key] += p;
    }
    std::int64_t total = 0;
    for (auto& [k, p] : places) total += p;
    double expected = 0;
    for (auto& [k, p] : places)
      if (total > 0)
        expected += std::pow(100.0 * static_cast<double>(p) / static_cast<double>(total), 2);
    Concentration c = Concentrate(h, 100);
    EXPECT_NEAR(c.hhi_places, expected, 1e-6);
    EXPECT_NEAR(c.hhi_spend, expected, 1e-6);  // spend is 100 x places
    EXPECT_LE(c.hhi_places, 10000 + 1e-9);
    // The largest firms are in order.
    for (std::size_t i = 1; i < c.largest.size(); ++i)
      EXPECT_GE(c.largest[i - 1].places, c.largest[i].places);
  }
}

// ---------------------------------------------------------------------------
// Prices.

TEST(PricesTest, QuartilesInterpolateBetweenOrderStatistics) {
  Quartiles q = QuartilesOf({Pence(400), Pence(100), Pence(300), Pence(200)});
  EXPECT_EQ(q.count, 4);
  EXPECT_EQ(q.q1, Pence(175));  // 100 + 0.75 x 100
  EXPECT_EQ(q.median, Pence(250));
  EXPECT_EQ(q.q3, Pence(325));
  EXPECT_EQ(QuartilesOf({Pence(9)}).median, Pence(9));
  EXPECT_EQ(QuartilesOf({}).count, 0);
}

TEST(PricesTest, SpotSharesByCountAndSpendAndTheRatioToFairPrice) {
  const Date q1(2026, 2, 1), q3(2026, 8, 1);
  std::vector<PricePoint> p = {
      {Setting::kChildrensHome, NeedBand::kComplex, ContractType::kSpot, q1, Pence(600000),
       Pence(400000)},
      {Setting::kChildrensHome, NeedBand::kComplex, ContractType::kFramework, q3, Pence(400000),
       Pence(400000)},
      {Setting::kChildrensHome, NeedBand::kComplex, ContractType::kBlock, q3, Pence(500000),
       std::nullopt},
      {Setting::kFosteringHousehold, NeedBand::kStandard, ContractType::kSpot, q1, Pence(100000),
       Pence(80000)},
  };
  PriceSummary s = SummarisePrices(p);
  EXPECT_EQ(s.placements, 4);
  EXPECT_NEAR(s.spot_share_placements, 0.5, 1e-12);
  EXPECT_NEAR(s.spot_share_spend, 700000.0 / 1600000.0, 1e-12);
  ASSERT_EQ(s.cells.size(), 2u);
  const PriceCell& ch = s.cells[1].setting == Setting::kChildrensHome ? s.cells[1] : s.cells[0];
  EXPECT_EQ(ch.fees.median, Pence(500000));
  EXPECT_NEAR(ch.spot_share_placements, 1.0 / 3, 1e-12);
  EXPECT_NEAR(ch.spot_share_spend, 0.4, 1e-12);
  ASSERT_EQ(ch.by_quarter.size(), 2u);
  EXPECT_EQ(ch.by_quarter[0].quarter, "2026Q1");
  EXPECT_EQ(ch.by_quarter[1].quarter, "2026Q3");
  EXPECT_EQ(ch.by_quarter[1].fees.median, Pence(450000));
  ASSERT_EQ(ch.by_route.size(), 3u);  // framework, block, spot
  EXPECT_EQ(ch.by_route[0].route, ContractType::kFramework);
  EXPECT_EQ(ch.with_fair_price, 2);
  ASSERT_TRUE(ch.median_fee_to_fair);
  EXPECT_NEAR(*ch.median_fee_to_fair, (1.5 + 1.0) / 2, 1e-12);
}

// ---------------------------------------------------------------------------
// Groups.

ProviderGroup Group(std::int64_t id, std::optional<std::int64_t> parent) {
  ProviderGroup g;
  g.id = ProviderGroupId(id);
  g.name = "G" + std::to_string(id);
  g.company_number = "1000000" + std::to_string(id % 10);
  if (parent) g.parent = ProviderGroupId(*parent);
  return g;
}

TEST(GroupTreeTest, UltimateOwnersAndDescendants) {
  auto tree = GroupTree::Build({Group(1, {}), Group(2, 1), Group(3, 2), Group(4, {})});
  ASSERT_TRUE(tree.ok()) << tree.status().message();
  EXPECT_EQ(tree->Ultimate(ProviderGroupId(3)), ProviderGroupId(1));
  EXPECT_EQ(tree->Ultimate(ProviderGroupId(4)), ProviderGroupId(4));
  auto under = tree->WithDescendants(ProviderGroupId(2));
  EXPECT_EQ(under, (std::vector<ProviderGroupId>{ProviderGroupId(2), ProviderGroupId(3)}));
  EXPECT_EQ(tree->WithDescendants(ProviderGroupId(1)).size(), 3u);
}

TEST(GroupTreeTest, AGroupThatOwnsItselfIsRefused) {
  auto loop = GroupTree::Build({Group(1, 3), Group(2, 1), Group(3, 2)});
  ASSERT_FALSE(loop.ok());
  EXPECT_EQ(loop.status().field(), "parentId");
  EXPECT_NE(loop.status().message().find("own itself"), std::string::npos);
  auto missing = GroupTree::Build({Group(1, 9)});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().field(), "parentId");
  ProviderGroup self = Group(5, 5);
  EXPECT_EQ(Validate(self).field(), "parentId");
}

// ---------------------------------------------------------------------------
// The entry test.

TEST(EntryTest, EachConditionIsAReasonWithItsFigure) {
  Footprint f;
  f.homes = 12;
  f.places = 40;
  f.group_places[Setting::kChildrensHome] = {{"North West", 30}, {"London", 10}};
  f.market_places[Setting::kChildrensHome] = {{"North West", 200}, {"London", 1800}};
  EntryConditions c;  // 50 homes, 250 places, 2% of England, 10% of a region
  EntryVerdict v = EntryTest(f, c);
  // 40 of 2,000 places is 2.0% of England; 30 of 200 is 15% of the North West.
  EXPECT_TRUE(v.in_scope);
  EXPECT_NEAR(v.market_share, 0.02, 1e-12);
  EXPECT_NEAR(v.region_share, 0.15, 1e-12);
  EXPECT_EQ(v.region, "North West");
  ASSERT_EQ(v.reasons.size(), 2u);
  EXPECT_NE(v.reasons[0].find("2.0% of a setting's places in England"), std::string::npos);
  EXPECT_NE(v.reasons[1].find("15.0%"), std::string::npos);

  c.min_market_share = 0.05;
  c.min_region_share = 0.2;
  EXPECT_FALSE(EntryTest(f, c).in_scope);
  c.min_homes = 12;  // exactly at the threshold counts
  v = EntryTest(f, c);
  EXPECT_TRUE(v.in_scope);
  ASSERT_EQ(v.reasons.size(), 1u);
  EXPECT_EQ(v.reasons[0], "12 homes (the test: 12 or more)");
}

// ---------------------------------------------------------------------------
// Returns, staging and profit.

FinancialReturn Healthy() {
  FinancialReturn r;
  r.group = ProviderGroupId(1);
  r.year = 2026;
  r.revenue = Pence::FromPounds(10'000'000);
  r.staff_costs = Pence::FromPounds(5'000'000);
  r.property_costs = Pence::FromPounds(500'000);
  r.related_party_rent = Pence::FromPounds(600'000);
  r.management_charges = Pence::FromPounds(400'000);
  r.other_costs = Pence::FromPounds(1'500'000);
  r.operating_profit = Pence::FromPounds(2'000'000);  // 20%
  r.market_rent = Pence::FromPounds(450'000);
  r.debt = Pence::FromPounds(4'000'000);  // 2x profit
  r.connected_debt = Pence::FromPounds(1'000'000);
  r.interest = Pence::FromPounds(340'000);  // cover 5.9x
  r.connected_interest = Pence::FromPounds(100'000);
  r.cash = Pence::FromPounds(2'000'000);  // 3 months of 8m costs
  r.capital_employed = Pence::FromPounds(7'000'000);
  r.submitted = Date(2026, 6, 30);
  return r;
}

TEST(FinancialReturnTest, AReturnThatDoesNotAddUpIsRefusedNamingTheRule) {
  EXPECT_TRUE(Validate(Healthy()).ok());
  FinancialReturn r = Healthy();
  r.operating_profit = Pence::FromPounds(2'100'000);
  Status s = Validate(r);
  EXPECT_EQ(s.field(), "operatingProfit");
  EXPECT_NE(s.message().find("does not add up"), std::string::npos);
  r = Healthy();
  r.debt = Pence(-1);
  EXPECT_EQ(Validate(r).field(), "debt");
  r = Healthy();
  r.connected_interest = Pence::FromPounds(400'000);
  EXPECT_EQ(Validate(r).field(), "connectedInterest");
  r = Healthy();
  r.year = 1999;
  EXPECT_EQ(Validate(r).field(), "year");
}

TEST(RiskTest, StagesFollowFromConcernsAndSevereReasons) {
  RiskAssessment a = StageRisk(Healthy(), 0.3);
  EXPECT_EQ(a.stage, RiskStage::kNoConcern) << (a.concerns.empty() ? "" : a.concerns[0]);
  EXPECT_NEAR(a.ratios.cash_months, 3.0, 1e-9);
  EXPECT_NEAR(*a.ratios.leverage, 2.0, 1e-9);

  // One concern: 90% of places in one region.
  EXPECT_EQ(StageRisk(Healthy(), 0.9).stage, RiskStage::kMonitor);

  // Two concerns: cash of 1.5 months and debt 5x profit.
  FinancialReturn r = Healthy();
  r.cash = Pence::FromPounds(1'000'000);
  r.debt = Pence::FromPounds(10'000'000);
  a = StageRisk(r, 0.3);
  EXPECT_EQ(a.concerns.size(), 2u);
  EXPECT_EQ(a.stage, RiskStage::kSignificant);

  // Two severe: debt 8x profit and interest cover below 1.
  r = Healthy();
  r.debt = Pence::FromPounds(16'000'000);
  r.interest = Pence::FromPounds(2'500'000);
  a = StageRisk(r, 0.3);
  ASSERT_EQ(a.severe.size(), 2u);
  EXPECT_EQ(a.stage, RiskStage::kFailureRisk);
  EXPECT_NE(a.severe[0].find("8.0 times operating profit"), std::string::npos);
  EXPECT_NE(a.severe[1].find("covers interest 0.8 times"), std::string::npos);

  // A loss of 6% of revenue with debt: two severe reasons.
  r = Healthy();
  r.other_costs = Pence::FromPounds(4'100'000);
  r.operating_profit = Pence::FromPounds(-600'000);
  ASSERT_TRUE(Validate(r).ok());
  a = StageRisk(r, 0.3);
  EXPECT_EQ(a.stage, RiskStage::kFailureRisk);
}

TEST(ProfitTest, DisguisedProfitIsAddedBackLineByLine) {
  RegulatedProfit p = MeasureProfit(Healthy());
  // £2,000,000 operating profit - £340,000 interest = £1,660,000 before tax;
  // + £150,000 rent above the market's + £400,000 charges + £100,000
  // connected interest = £2,310,000, 23.1% of revenue.
  EXPECT_EQ(p.profit_before_tax, Pence::FromPounds(1'660'000));
  ASSERT_EQ(p.adjustments.size(), 3u);
  EXPECT_EQ(p.adjustments[0].amount, Pence::FromPounds(150'000));
  EXPECT_EQ(p.adjustments[1].amount, Pence::FromPounds(400'000));
  EXPECT_EQ(p.adjustments[2].amount, Pence::FromPounds(100'000));
  EXPECT_EQ(p.profit, Pence::FromPounds(2'310'000));
  EXPECT_NEAR(p.margin, 0.231, 1e-12);
  // Rent below the market rate adds nothing back.
  FinancialReturn r = Healthy();
  r.market_rent = Pence::FromPounds(900'000);
  EXPECT_EQ(MeasureProfit(r).adjustments[0].amount, Pence(0));
}

TEST(ProfitCapTest, TheExcessAndTheExitRuleWorkedByHand) {
  RegulatedProfit p = MeasureProfit(Healthy());  // 23.1% of £10m
  ProfitCap cap{ProfitCap::Kind::kMargin, 0.10, {}};
  CapOutcome o = ApplyCap(p, cap);
  EXPECT_TRUE(o.breach);
  EXPECT_EQ(o.allowed, Pence::FromPounds(1'000'000));
  EXPECT_EQ(o.excess, Pence::FromPounds(1'310'000));
  EXPECT_NEAR(o.capped_margin, 0.10, 1e-12);
  // Cost of capital 8%: the cap leaves 10%, no exit.
  EXPECT_EQ(ExitShare(p, o, 0.08), 0);
  // Cost of capital 12%: (12 - 10) / 12 of its places close.
  EXPECT_NEAR(ExitShare(p, o, 0.12), 2.0 / 12, 1e-12);
  // A zero cap closes every place; a cap above its margin closes none.
  EXPECT_NEAR(ExitShare(p, ApplyCap(p, {ProfitCap::Kind::kMargin, 0, {}}), 0.08), 1.0, 1e-12);
  CapOutcome none = ApplyCap(p, {ProfitCap::Kind::kMargin, 0.25, {}});
  EXPECT_FALSE(none.breach);
  EXPECT_EQ(none.excess, Pence(0));
  EXPECT_EQ(ExitShare(p, none, 0.5), 0);
  // An amount cap.
  CapOutcome amount = ApplyCap(p, {ProfitCap::Kind::kAmount, 0, Pence::FromPounds(2'000'000)});
  EXPECT_EQ(amount.excess, Pence::FromPounds(310'000));
  EXPECT_NEAR(amount.capped_margin, 0.2, 1e-12);
  EXPECT_EQ(Validate(ProfitCap{ProfitCap::Kind::kMargin, 1.5, {}}).field(), "cap");
}

TEST(ProfitCapTest, RepaymentFallsAsTheCapRises) {
  RegulatedProfit p = MeasureProfit(Healthy());
  std::int64_t last = INT64_MAX;
  double last_exit = 2;
  for (int level = 0; level <= 25; ++level) {
    CapOutcome o = ApplyCap(p, {ProfitCap::Kind::kMargin, level / 100.0, {}});
    EXPECT_LE(o.excess.value(), last);
    last = o.excess.value();
    // What is kept plus what is repaid is the profit.
    EXPECT_EQ(o.excess.value() + std::min(p.profit.value(), o.allowed.value()), p.profit.value());
    double exit = ExitShare(p, o, 0.12);
    EXPECT_LE(exit, last_exit);
    last_exit = exit;
  }
}

TEST(HomesToCloseTest, EmptiestFirstUntilTheShareIsClosed) {
  std::vector<GroupHome> homes = {
      {HomeId(1), 4, 3}, {HomeId(2), 2, 0}, {HomeId(3), 4, 0}, {HomeId(4), 2, 2}};
  // 12 places; a quarter is 3: home 2 (2 places, empty) then home 3.
  EXPECT_EQ(HomesToClose(homes, 0.25), (std::vector<HomeId>{HomeId(2), HomeId(3)}));
  EXPECT_TRUE(HomesToClose(homes, 0).empty());
  EXPECT_EQ(HomesToClose(homes, 1).size(), 4u);
  EXPECT_EQ(HomesToClose(homes, 1.0 / 6), (std::vector<HomeId>{HomeId(2)}));  // exactly 2 places
}

// ---------------------------------------------------------------------------
// Quality.

TEST(QualityTest, TwoSettingsBelowGoodTriggerAnImprovementPlan) {
  std::vector<HomeGrade> homes = {
      {HomeId(1), "SC1", OfstedRating::kGood, Date(2026, 1, 5)},
      {HomeId(2), "SC2", OfstedRating::kRequiresImprovement, Date(2025, 6, 1)},
      {HomeId(3), "SC3", OfstedRating::kOutstanding, Date(2026, 3, 1)},
      {HomeId(4), "SC4", OfstedRating::kNotYetInspected, std::nullopt},
  };
  QualityRollup q = RollUpQuality(homes);
  EXPECT_EQ(q.homes, 4);
  EXPECT_EQ(q.below_good, 1);
  EXPECT_FALSE(q.improvement_trigger);
  EXPECT_EQ(q.oldest_inspection, Date(2025, 6, 1));
  EXPECT_NEAR(q.good_or_better_share, 2.0 / 3, 1e-12);
  homes.push_back({HomeId(5), "SC5", OfstedRating::kInadequate, Date(2026, 2, 1)});
  q = RollUpQuality(homes);
  EXPECT_EQ(q.below_good, 2);
  EXPECT_TRUE(q.improvement_trigger);
  EXPECT_EQ(q.by_rating[static_cast<std::size_t>(OfstedRating::kInadequate)], 1);
}

}  // namespace
}  // namespace carecoop::market
