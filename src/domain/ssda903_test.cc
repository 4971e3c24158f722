#include "domain/ssda903.h"

#include <gtest/gtest.h>

namespace carecoop::ssda903 {
namespace {

TEST(Ssda903Test, CodeListsAreLoadedFromTheDfeLists) {
  EXPECT_TRUE(IsValid(CodeList::kPlacementType, "K2"));
  EXPECT_TRUE(IsValid(CodeList::kPlacementType, "U4"));
  EXPECT_FALSE(IsValid(CodeList::kPlacementType, "K9"));
  EXPECT_EQ(Codes(CodeList::kPlacementProvider).size(), 6u);
  EXPECT_TRUE(IsValid(CodeList::kReasonPlaceChange, "CREQB"));
  EXPECT_TRUE(IsValid(CodeList::kReasonEpisodeCeased, "E4A"));
  EXPECT_TRUE(IsValid(CodeList::kEthnicity, "WBRI"));
  EXPECT_TRUE(IsValid(CodeList::kLegalStatus, "V2"));
  EXPECT_EQ(Meaning(CodeList::kCategoryOfNeed, "N1"), "Abuse or neglect");
}

TEST(Ssda903Test, UnknownCodeErrorNamesFieldAndColumn) {
  Status s = Check(CodeList::kPlacementType, "ZZ", "placeCode");
  EXPECT_EQ(s.field(), "placeCode");
  EXPECT_NE(s.message().find("PLACE"), std::string::npos);
}

}  // namespace
}  // namespace carecoop::ssda903
