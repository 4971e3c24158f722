#include "core/identifiers.h"

#include <gtest/gtest.h>

namespace carecoop::identifiers {
namespace {

std::vector<std::string> Kinds(const std::vector<Finding>& f) {
  std::vector<std::string> out;
  for (const auto& x : f) out.emplace_back(KindCode(x.kind));
  return out;
}

bool Has(const std::vector<Finding>& f, Kind kind, const std::string& text) {
  for (const auto& x : f)
    if (x.kind == kind && x.text == text) return true;
  return false;
}

TEST(IdentifiersTest, FindsEachKindTheFindingNamed) {
  const Known known{{"Jamie Doe"}, {Date(2012, 5, 14)}};
  const std::string text =
      "Jamie Doe was born 14/05/2012 and lives at 12 Acacia Avenue, Salford M6 5FW. "
      "Call mum on 07700 900123 or write to mum@example.org. Her brother is called Sam.";
  auto f = Find(text, known);
  EXPECT_TRUE(Has(f, Kind::kName, "Jamie Doe")) << testing::PrintToString(Kinds(f));
  EXPECT_TRUE(Has(f, Kind::kDateOfBirth, "14/05/2012"));
  EXPECT_TRUE(Has(f, Kind::kStreetAddress, "12 Acacia Avenue"));
  EXPECT_TRUE(Has(f, Kind::kPostcode, "M6 5FW"));
  EXPECT_TRUE(Has(f, Kind::kPhone, "07700 900123"));
  EXPECT_TRUE(Has(f, Kind::kEmail, "mum@example.org"));
  EXPECT_TRUE(Has(f, Kind::kName, "Sam"));
  for (const auto& x : f) EXPECT_EQ(text.substr(x.offset, x.length), x.text);
}

TEST(IdentifiersTest, DatesOfBirthInEveryCommonForm) {
  const Known known{{}, {Date(2012, 5, 4)}};
  for (std::string form :
       {"2012-05-04", "4/5/2012", "04/05/2012", "04-05-12", "4.5.2012", "4 May 2012",
        "4th May 2012", "4th of May, 2012", "May 4, 2012", "4 may 2012"}) {
    auto f = Find("born " + form + ".", known);
    ASSERT_FALSE(f.empty()) << form;
    EXPECT_EQ(f.front().kind, Kind::kDateOfBirth) << form;
  }
  // Another full date may be one too: found, as a date.
  auto f = Find("seen on 03/02/2019", known);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].kind, Kind::kDate);
}

TEST(IdentifiersTest, ADistrictOrSectorIsNoPostcodeAndPlainNeedsPassClean) {
  const Known known{{"Jamie Doe"}, {Date(2012, 5, 14)}};
  for (std::string text : {
           "Needs a calm home near M6 5 with a garden; loves football and drawing.",
           "Has an EHCP and sees CAMHS weekly. Would like to keep going to the same school.",
           "Aged 13. Settles best with consistent routines and two adults on shift.",
           "Plays for a club on Saturday mornings and wants to keep doing so.",
       })
    EXPECT_TRUE(Find(text, known).empty())
        << text << ": " << testing::PrintToString(Kinds(Find(text, known)));
}

TEST(IdentifiersTest, PhoneNumbersWithCountryCodeAndLandlines) {
  for (std::string number : {"+44 7700 900123", "0161 496 0000", "01632960001", "020-7946-0000"})
    EXPECT_EQ(Kinds(Find("ring " + number + " today", {})), std::vector<std::string>{"phone"})
        << number;
  EXPECT_TRUE(Find("needs 2 adults, 24 hours, 7 days", {}).empty());
}

}  // namespace
}  // namespace carecoop::identifiers
