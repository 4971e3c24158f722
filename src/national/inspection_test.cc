// The inspection summary by hand: which measures are strengths and which
// need improvement, against absolute and England-relative thresholds.
#include "national/inspection.h"

#include <gtest/gtest.h>

namespace carecoop::national {
namespace {

QuarterOverview ThreeRccs() {
  QuarterOverview q;
  q.quarter = {2026, 3};
  q.rccs = {"A", "B", "C"};
  const double near[] = {0.90, 0.80, 0.60};
  const double spend[] = {100'000, 120'000, 90'000};  // England's median 100,000
  const double moved_twice[] = {0.07, 0.10, 0.15};    // two or more moves in the year
  for (int i = 0; i < 3; ++i) {
    Measures m;
    m.rcc_code = q.rccs[static_cast<std::size_t>(i)];
    m.quarter = q.quarter;
    m.started_within_20_miles = near[i];
    m.spend_per_child_week = spend[i];
    m.two_or_more_moves_in_year = moved_twice[i];
    if (i > 0) m.views_recorded = 0.99;  // A's is suppressed
    q.by_rcc.push_back(m);
  }
  return q;
}

std::vector<std::string> Measured(const std::vector<Finding>& f) {
  std::vector<std::string> out;
  for (const auto& x : f) out.push_back(x.measure);
  return out;
}

TEST(InspectionTest, StrengthsAndImprovementsFollowTheThresholds) {
  const auto& thresholds = DefaultInspectionThresholds();
  ASSERT_EQ(thresholds.size(), 12u) << "docs/inspection-thresholds.csv is built in";
  const auto summaries = Inspect(ThreeRccs(), thresholds);
  ASSERT_EQ(summaries.size(), 3u);
  // A: 90% within 20 miles (>= 85%: a strength); spend at England's median
  // (neither); views suppressed (not known); 7% moved twice or more in the
  // year (<= 8%: a strength).
  EXPECT_EQ(Measured(summaries[0].strengths),
            (std::vector<std::string>{"started_within_20_miles", "two_or_more_moves_in_year"}));
  EXPECT_TRUE(summaries[0].improvements.empty());
  EXPECT_NE(
      std::find(summaries[0].not_known.begin(), summaries[0].not_known.end(), "views_recorded"),
      summaries[0].not_known.end());
  EXPECT_EQ(summaries[0].strengths[0].rank, 1);
  EXPECT_DOUBLE_EQ(summaries[0].strengths[0].level, 0.85);
  // B: 80% (between 70% and 85%: neither); spend 1.2 x the median (> 1.10:
  // improvement, the level 110,000); views 99% (>= 95%: strength).
  EXPECT_EQ(Measured(summaries[1].strengths), (std::vector<std::string>{"views_recorded"}));
  EXPECT_EQ(Measured(summaries[1].improvements),
            (std::vector<std::string>{"spend_per_child_week"}));
  EXPECT_DOUBLE_EQ(summaries[1].improvements[0].level, 110'000);
  // C: 60% (< 70%: improvement); spend 0.9 x (<= 0.95: strength); 15%
  // moved twice or more (> 12%: improvement). B's 10% is neither.
  EXPECT_EQ(Measured(summaries[2].improvements),
            (std::vector<std::string>{"started_within_20_miles", "two_or_more_moves_in_year"}));
  EXPECT_EQ(summaries[2].improvements[1].rank, 3);
  EXPECT_DOUBLE_EQ(summaries[2].improvements[1].level, 0.12);
  EXPECT_EQ(Measured(summaries[2].strengths),
            (std::vector<std::string>{"views_recorded", "spend_per_child_week"}));
  EXPECT_EQ(summaries[2].improvements[0].rank, 3);
  EXPECT_EQ(summaries[2].improvements[0].of, 3);
}

TEST(InspectionTest, ThresholdFilesAreCheckedNamingLineAndField) {
  const std::string head = "measure,better,basis,strength,improvement,label\n";
  auto error = [&](const std::string& rows) {
    return ParseInspectionThresholds(head + rows, "t.csv").status().ToString();
  };
  EXPECT_NE(error("a,up,value,1,0,A\n").find("better"), std::string::npos);
  EXPECT_NE(error("a,higher,percent,1,0,A\n").find("basis"), std::string::npos);
  EXPECT_NE(error("a,higher,value,x,0,A\n").find("strength"), std::string::npos);
  EXPECT_NE(error("a,higher,value,0.5,0.8,A\n").find("t.csv:2"), std::string::npos);
  EXPECT_NE(error("a,lower,value,0.8,0.5,A\n").find("strength"), std::string::npos);
  EXPECT_NE(error("a,higher,value,1,0,A\na,higher,value,1,0,A\n").find("twice"), std::string::npos);
  EXPECT_TRUE(ParseInspectionThresholds(head + "a,lower,value,0.2,0.4,A\n", "t.csv").ok());
}

}  // namespace
}  // namespace carecoop::national
