#include "core/date.h"

#include <gtest/gtest.h>

namespace carecoop {
namespace {

TEST(DateTest, ParsesAndPrintsIsoAndUkForms) {
  Date d = Date::ParseIso("2025-03-31").value();
  EXPECT_EQ(d, Date(2025, 3, 31));
  EXPECT_EQ(d.ToUk(), "31/03/2025");
  EXPECT_EQ(Date::ParseUk("31/03/2025").value(), d);
  EXPECT_EQ(d.ToIso(), "2025-03-31");
}

TEST(DateTest, RejectsImpossibleDatesNamingTheField) {
  auto r = Date::ParseIso("2025-02-30", "dob");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().field(), "dob");
  EXPECT_FALSE(Date::ParseIso("2025-3-31").ok());
  EXPECT_FALSE(Date::ParseUk("2025-03-31").ok());
  EXPECT_FALSE(Date::ParseIso("20x5-03-31").ok());
}

TEST(DateTest, AgeCountsCompletedYears) {
  EXPECT_EQ(AgeInYears(Date(2010, 4, 1), Date(2025, 3, 31)), 14);
  EXPECT_EQ(AgeInYears(Date(2010, 3, 31), Date(2025, 3, 31)), 15);
  EXPECT_EQ(AgeInYears(Date(2008, 2, 29), Date(2025, 2, 28)), 16);
  EXPECT_EQ(AddYears(Date(2008, 2, 29), 1), Date(2009, 3, 1));
}

TEST(DateTest, DayArithmetic) {
  Date d(2024, 2, 28);
  EXPECT_EQ(d.AddDays(1), Date(2024, 2, 29));
  EXPECT_EQ(Date(2025, 3, 31).DaysSince(Date(2024, 3, 31)), 365);
}

TEST(TimestampTest, RoundTripsAndAcceptsPostgresForm) {
  auto t = ParseTimestamp("2025-03-31T09:15:07Z").value();
  EXPECT_EQ(FormatTimestamp(t), "2025-03-31T09:15:07Z");
  EXPECT_EQ(ParseTimestamp("2025-03-31 09:15:07.123+00").value(), t);
  EXPECT_FALSE(ParseTimestamp("2025-03-31T25:00:00Z").ok());
  EXPECT_FALSE(ParseTimestamp("2025-03-31T09:15:07+01").ok());
}

}  // namespace
}  // namespace carecoop
