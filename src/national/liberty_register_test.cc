#include "national/liberty_register.h"

#include <gtest/gtest.h>

#include <random>

namespace carecoop::national {
namespace {

const Date kDay(2026, 9, 30);

// Hand-worked: three orders and three stays in two RCCs on 30 September 2026.
TEST(LibertyRegisterTest, CountsAHandWorkedRegister) {
  std::vector<OrderFact> orders = {
      // In force, unregistered setting, begun in the year, review passed.
      {"North", Date(2026, 6, 1), std::nullopt, Date(2026, 9, 1), false},
      // In force, registered, begun over a year ago, review ahead.
      {"North", Date(2025, 1, 10), std::nullopt, Date(2026, 12, 1), true},
      // Ended the day before: not in force, but begun in the year.
      {"South", Date(2026, 2, 1), Date(2026, 9, 29), Date(2026, 5, 1), true},
  };
  std::vector<StayFact> stays = {
      // 121 days there (3 to 6 months), exit date passed, with an order.
      {"North", Date(2026, 6, 1), std::nullopt, Date(2026, 8, 31), 1'200'000, true},
      // 9 days there, exit date ahead.
      {"South", Date(2026, 9, 21), std::nullopt, Date(2026, 10, 31), 800'000, false},
      // Left on 1 September: not counted.
      {"South", Date(2026, 1, 1), Date(2026, 9, 1), Date(2026, 3, 1), 900'000, false},
  };
  LibertySummary s = CountLiberty(orders, stays, kDay);
  const LibertyCounts& e = s.england;
  EXPECT_EQ(e.orders_in_force, 2);
  EXPECT_EQ(e.orders_in_unregistered_settings, 1);
  EXPECT_EQ(e.orders_begun_in_year, 2);
  EXPECT_EQ(e.reviews_overdue, 1);
  EXPECT_EQ(e.children_unregistered, 2);
  EXPECT_EQ(e.unregistered_with_order, 1);
  EXPECT_EQ(e.by_stay_band, (std::vector<int>{1, 0, 1, 0}));
  EXPECT_EQ(e.exit_date_passed, 1);
  ASSERT_TRUE(e.median_days.has_value());
  EXPECT_DOUBLE_EQ(*e.median_days, (121 + 9) / 2.0);
  EXPECT_EQ(e.longest_days, 121);
  EXPECT_EQ(e.weekly_cost_pence, 2'000'000);
  EXPECT_EQ(e.mean_weekly_cost_pence, 1'000'000);

  ASSERT_EQ(s.by_rcc.size(), 2u);
  EXPECT_EQ(s.by_rcc[0].rcc, "North");
  EXPECT_EQ(s.by_rcc[0].orders_in_force, 2);
  EXPECT_EQ(s.by_rcc[0].children_unregistered, 1);
  EXPECT_EQ(s.by_rcc[1].rcc, "South");
  EXPECT_EQ(s.by_rcc[1].orders_in_force, 0);
  EXPECT_EQ(s.by_rcc[1].orders_begun_in_year, 1);
  EXPECT_EQ(s.by_rcc[1].longest_days, 9);
}

TEST(LibertyRegisterTest, StayBandsMeetAtTheirEdges) {
  EXPECT_EQ(StayBand(0), "under_4_weeks");
  EXPECT_EQ(StayBand(27), "under_4_weeks");
  EXPECT_EQ(StayBand(28), "4_weeks_to_3_months");
  EXPECT_EQ(StayBand(90), "4_weeks_to_3_months");
  EXPECT_EQ(StayBand(91), "3_to_6_months");
  EXPECT_EQ(StayBand(182), "3_to_6_months");
  EXPECT_EQ(StayBand(183), "over_6_months");
}

TEST(LibertyRegisterTest, AnEmptyRegisterHasNoMedianAndNoMean) {
  LibertySummary s = CountLiberty({}, {}, kDay);
  EXPECT_EQ(s.england.children_unregistered, 0);
  EXPECT_FALSE(s.england.median_days.has_value());
  EXPECT_FALSE(s.england.mean_weekly_cost_pence.has_value());
  EXPECT_TRUE(s.by_rcc.empty());
}

// Properties on random registers: England is the sum of the RCCs, the bands
// partition the children there, and each count agrees with a direct filter.
TEST(LibertyRegisterTest, EnglandIsTheSumOfTheRccsOnRandomRegisters) {
  std::mt19937_64 rng(7);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  for (int round = 0; round < 50; ++round) {
    std::vector<OrderFact> orders;
    std::vector<StayFact> stays;
    for (int i = pick(0, 30); i > 0; --i) {
      Date start = kDay.AddDays(-pick(-30, 800));
      std::optional<Date> end;
      if (pick(0, 2) == 0) end = start.AddDays(pick(0, 400));
      orders.push_back({"R" + std::to_string(pick(1, 4)), start, end, start.AddDays(pick(0, 300)),
                        pick(0, 1) == 1});
    }
    int there = 0;
    for (int i = pick(0, 30); i > 0; --i) {
      Date start = kDay.AddDays(-pick(-30, 400));
      std::optional<Date> end;
      if (pick(0, 2) == 0) end = start.AddDays(pick(0, 200));
      StayFact st{"R" + std::to_string(pick(1, 4)),
                  start,
                  end,
                  start.AddDays(pick(0, 200)),
                  pick(0, 2'000'000),
                  pick(0, 1) == 1};
      if (st.start <= kDay && (!st.end || kDay <= *st.end)) ++there;
      stays.push_back(st);
    }
    LibertySummary s = CountLiberty(orders, stays, kDay);
    EXPECT_EQ(s.england.children_unregistered, there);
    int bands = 0;
    for (int b : s.england.by_stay_band) bands += b;
    EXPECT_EQ(bands, there);
    LibertyCounts sum;
    for (const auto& r : s.by_rcc) {
      sum.orders_in_force += r.orders_in_force;
      sum.orders_in_unregistered_settings += r.orders_in_unregistered_settings;
      sum.orders_begun_in_year += r.orders_begun_in_year;
      sum.reviews_overdue += r.reviews_overdue;
      sum.children_unregistered += r.children_unregistered;
      sum.exit_date_passed += r.exit_date_passed;
      sum.weekly_cost_pence += r.weekly_cost_pence;
      sum.longest_days = std::max(sum.longest_days, r.longest_days);
    }
    EXPECT_EQ(sum.orders_in_force, s.england.orders_in_force);
    EXPECT_EQ(sum.orders_in_unregistered_settings, s.england.orders_in_unregistered_settings);
    EXPECT_EQ(sum.orders_begun_in_year, s.england.orders_begun_in_year);
    EXPECT_EQ(sum.reviews_overdue, s.england.reviews_overdue);
    EXPECT_EQ(sum.children_unregistered, s.england.children_unregistered);
    EXPECT_EQ(sum.exit_date_passed, s.england.exit_date_passed);
    EXPECT_EQ(sum.weekly_cost_pence, s.england.weekly_cost_pence);
    EXPECT_EQ(sum.longest_days, s.england.longest_days);
  }
}

}  // namespace
}  // namespace carecoop::national
