// Placement stability by hand: moves counted in their windows, the DfE's
// two measures, the groups, and the early-warning signals.
#include "national/stability.h"

#include <gtest/gtest.h>

namespace carecoop::national {
namespace {

const Date kDay(2026, 3, 31);

StabilityPlacement P(std::int64_t child, const char* council, Date start,
                     std::optional<Date> end = std::nullopt, const char* reason = "",
                     bool emergency = false) {
  return {child, council, start, end, reason, emergency};
}

TEST(StabilityTest, MovesAndTheDfeMeasuresByHand) {
  const std::vector<StabilityPlacement> p = {
      // Child 1 (A): moves ending 2025-06-01 and 2025-12-01 (both in the
      // year), and 2024-06-01 (in two years only): 2 in the year, 3 in two.
      P(1, "A", Date(2024, 1, 1), Date(2024, 6, 1), "CARPL"),
      P(1, "A", Date(2024, 6, 1), Date(2025, 6, 1), "PLACE"),
      P(1, "A", Date(2025, 6, 1), Date(2025, 12, 1), "CARPL"),
      P(1, "A", Date(2025, 12, 1)),
      // Child 2 (A): one move, 10 days ago; placed in an emergency.
      P(2, "A", Date(2025, 1, 1), Date(2026, 3, 21), "ALLEG"),
      P(2, "A", Date(2026, 3, 21), std::nullopt, "", true),
      // Child 3 (B): no move; an ending without a move is not one.
      P(3, "B", Date(2023, 1, 1), Date(2025, 1, 1)),
      P(3, "B", Date(2025, 1, 1)),
      // Child 4 (B): left care before the day: not counted.
      P(4, "B", Date(2025, 1, 1), Date(2025, 6, 1), "CARPL"),
      // Child 5 (B): a move after the day does not count.
      P(5, "B", Date(2025, 1, 1), Date(2026, 4, 10), "CARPL"),
  };
  const Stability s = MeasureStability(p, kDay);
  EXPECT_EQ(s.all.children, 4);  // 1, 2, 3, 5
  EXPECT_EQ(s.all.moves_in_year, 3);
  EXPECT_EQ(s.all.two_or_more_in_year, 1);
  EXPECT_EQ(s.all.three_or_more_in_two_years, 1);
  EXPECT_EQ(s.all.moves_by_reason,
            (std::map<std::string, int>{{"ALLEG", 1}, {"CARPL", 1}, {"PLACE", 1}}));
  ASSERT_EQ(s.by_group.size(), 2u);
  EXPECT_EQ(s.by_group[0].group, "A");
  EXPECT_EQ(s.by_group[0].children, 2);
  EXPECT_EQ(s.by_group[0].moves_in_year, 3);
  EXPECT_EQ(s.by_group[1].group, "B");
  EXPECT_EQ(s.by_group[1].children, 2);
  EXPECT_EQ(s.by_group[1].moves_in_year, 0);
  // At risk: child 1 (two moves), then child 2 (moved 10 days ago, emergency).
  ASSERT_EQ(s.at_risk.size(), 2u);
  EXPECT_EQ(s.at_risk[0].child, 1);
  EXPECT_EQ(s.at_risk[0].placed_since, Date(2025, 12, 1));
  EXPECT_NE(s.at_risk[0].signals[0].find("would make 3"), std::string::npos);
  EXPECT_EQ(s.at_risk[1].child, 2);
  EXPECT_EQ(
      s.at_risk[1].signals,
      (std::vector<std::string>{"moved 10 days ago", "placed as an emergency, before scrutiny"}));
}

TEST(StabilityTest, TheYearIsTheDayAndThe365BeforeIt) {
  // A move ending exactly 365 days before the day is outside the year; 364 inside.
  const Stability out = MeasureStability(
      {P(1, "A", Date(2024, 1, 1), kDay.AddDays(-365), "CARPL"), P(1, "A", kDay.AddDays(-365))},
      kDay);
  EXPECT_EQ(out.all.moves_in_year, 0);
  const Stability in = MeasureStability(
      {P(1, "A", Date(2024, 1, 1), kDay.AddDays(-364), "CARPL"), P(1, "A", kDay.AddDays(-364))},
      kDay);
  EXPECT_EQ(in.all.moves_in_year, 1);
}

}  // namespace
}  // namespace carecoop::national
