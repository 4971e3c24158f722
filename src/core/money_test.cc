#include "core/money.h"

#include <gtest/gtest.h>

#include <cstdint>

namespace carecoop {
namespace {

TEST(PenceTest, FormatsPoundsWithThousands) {
  EXPECT_EQ(Pence(485000).ToString(), "£4,850.00");
  EXPECT_EQ(Pence(-1250).ToString(), "-£12.50");
  EXPECT_EQ(Pence(485049).ToPoundsString(), "£4,850");
  EXPECT_EQ(Pence(485050).ToPoundsString(), "£4,851");
  EXPECT_EQ(Pence(INT64_MIN).ToString().substr(0, 3), "-£");
}

TEST(PenceTest, ParsesPoundsStrictly) {
  EXPECT_EQ(Pence::ParsePounds("4850").value(), Pence(485000));
  EXPECT_EQ(Pence::ParsePounds("£4,850.5").value(), Pence(485050));
  EXPECT_EQ(Pence::ParsePounds("-12.50").value(), Pence(-1250));
  auto bad = Pence::ParsePounds("12.505", "weeklyFee");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().field(), "weeklyFee");
  EXPECT_FALSE(Pence::ParsePounds("abc").ok());
  EXPECT_FALSE(Pence::ParsePounds("").ok());
  EXPECT_FALSE(Pence::ParsePounds("99999999999999999999").ok());
}

TEST(PenceTest, ArithmeticIsCheckedNotWrapped) {
  EXPECT_EQ(Add(Pence(1), Pence(2)).value(), Pence(3));
  EXPECT_FALSE(Add(Pence(INT64_MAX), Pence(1)).ok());
  EXPECT_FALSE(Subtract(Pence(INT64_MIN), Pence(1)).ok());
  EXPECT_FALSE(Multiply(Pence(INT64_MAX / 2 + 1), 2).ok());
  EXPECT_EQ(Multiply(Pence(500000), 52).value(), Pence(26000000));
}

}  // namespace
}  // namespace carecoop
