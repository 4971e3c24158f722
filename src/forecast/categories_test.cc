// Every SSDA903 PLACE code falls in the category, and (with an in-house or an
// external provider) the cost item, that the sector's regional model gives it:
// data/codes/demand_model_categories.csv, read here row by row. Finding 4 of
// issue 15: K3 (supported accommodation) was counted as Other; the regional
// model counts it as Supported, at the supported-accommodation cost.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "core/csv.h"
#include "forecast/model.h"

namespace carecoop::forecast {
namespace {

TEST(PlacementCategories, EveryPlaceCodeIsWhereTheRegionalModelPutsIt) {
  std::ifstream in(std::string(CARECOOP_DATA) + "/codes/demand_model_categories.csv");
  ASSERT_TRUE(in) << "data/codes/demand_model_categories.csv";
  std::stringstream text;
  text << in.rdbuf();
  auto table = ParseCsv(text.str(), "demand_model_categories.csv");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  auto column = [&](std::string_view name) {
    auto it = std::find(table->header.begin(), table->header.end(), name);
    EXPECT_NE(it, table->header.end()) << name;
    return static_cast<std::size_t>(it - table->header.begin());
  };
  std::size_t place = column("PLACE"), category = column("cs_demand_model_regional"),
              in_house = column("regional_cost_item_PR1_PR3"),
              external = column("regional_cost_item_PR4_PR5");
  ASSERT_GE(table->rows.size(), 30u);
  for (const auto& row : table->rows) {
    const std::string& code = row.fields[place];
    SCOPED_TRACE(code);
    EXPECT_EQ(CategoryLabel(CategoryOfPlace(code)), row.fields[category]);
    EXPECT_EQ(CostItemLabel(CostItemOf(code, "PR1")), row.fields[in_house]);
    EXPECT_EQ(CostItemLabel(CostItemOf(code, "PR4")), row.fields[external]);
  }
  EXPECT_EQ(CategoryOfPlace("K3"), Category::kSupported);
}

}  // namespace
}  // namespace carecoop::forecast
