#include "core/england.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace carecoop {
namespace {

TEST(EnglandTest, Has153CouncilsInNineRegions) {
  const auto& councils = EnglandCouncils();
  ASSERT_EQ(councils.size(), 153u);
  std::set<std::string> region_names;
  for (const auto& r : EnglandRegions()) region_names.insert(r.name);
  ASSERT_EQ(region_names.size(), 9u);
  std::set<std::string> la_codes;
  int cla = 0;
  for (const auto& c : councils) {
    EXPECT_TRUE(region_names.count(c.region)) << c.name << " has region " << c.region;
    EXPECT_EQ(c.dfe_la_code.size(), 3u);
    EXPECT_TRUE(ValidateInEngland(c.centre, "centre").ok()) << c.name;
    la_codes.insert(c.dfe_la_code);
    cla += c.cla_2024;
  }
  EXPECT_EQ(la_codes.size(), 153u);
  EXPECT_EQ(cla, 83529);  // the DfE total the data notes quote
}

TEST(EnglandTest, CalibrationFileIsEmbedded) {
  EXPECT_NE(EmbeddedCalibrationCsv().find("CLA on 31 March 2025"), std::string_view::npos);
}

}  // namespace
}  // namespace carecoop
