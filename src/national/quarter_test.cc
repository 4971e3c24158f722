#include "national/quarter.h"

#include <gtest/gtest.h>

namespace carecoop::national {
namespace {

TEST(QuarterTest, ParsesWritesAndBoundsCalendarQuarters) {
  auto q = Quarter::Parse("2026Q3");
  ASSERT_TRUE(q.ok()) << q.status().ToString();
  EXPECT_EQ(q->year, 2026);
  EXPECT_EQ(q->q, 3);
  EXPECT_EQ(q->ToString(), "2026Q3");
  EXPECT_EQ(q->First(), Date(2026, 7, 1));
  EXPECT_EQ(q->Last(), Date(2026, 9, 30));
  EXPECT_EQ(q->Next(), (Quarter{2026, 4}));
  EXPECT_EQ((Quarter{2026, 4}).Next(), (Quarter{2027, 1}));
  EXPECT_EQ((Quarter{2027, 1}).Previous(), (Quarter{2026, 4}));
  EXPECT_EQ((Quarter{2024, 1}).Last(), Date(2024, 3, 31));
  EXPECT_EQ((Quarter{2024, 4}).Last(), Date(2024, 12, 31));
  EXPECT_EQ(Quarter::Of(Date(2026, 9, 30)), (Quarter{2026, 3}));
  EXPECT_EQ(Quarter::Of(Date(2026, 10, 1)), (Quarter{2026, 4}));
  EXPECT_TRUE(q->Contains(Date(2026, 8, 15)));
  EXPECT_FALSE(q->Contains(Date(2026, 10, 1)));
  EXPECT_LT((Quarter{2025, 4}), (Quarter{2026, 1}));
}

TEST(QuarterTest, RefusesAnythingElseNamingTheField) {
  for (const char* bad : {"2026Q5", "2026Q0", "2026-3", "26Q3", "2026Q", "1999Q1", "abcdQ1", ""}) {
    auto q = Quarter::Parse(bad, "quarter");
    ASSERT_FALSE(q.ok()) << bad;
    EXPECT_EQ(q.status().field(), "quarter");
  }
  EXPECT_TRUE(Quarter::Parse("2026q1").ok());
}

}  // namespace
}  // namespace carecoop::national
