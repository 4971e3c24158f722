// `carecoop sufficiency` on a generated region, checked against the store it
// read: places, occupancy, need now and distances add up to what is there.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "cli/run_for_test.h"
#include "cli/sufficiency_commands.h"
#include "store/raw_access.h"
#include "store/store.h"
#include "tests/support/test_stores.h"

namespace carecoop::cli {
namespace {

using nlohmann::json;

double Sql(const std::string& url, const std::string& sql) {
  auto store = store::Store::Open(url);
  double n = -1;
  Status s = (*store)->Read([&](store::Tx& tx) {
    return store::RawConnection(tx).Query(sql, {}, [&](const store::SqlRow& row) {
      n = row.IsNull(0) ? 0 : row.Real(0);
      return Status::Ok();
    });
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  return n;
}

class SufficiencyCli : public ::testing::TestWithParam<std::string> {};

TEST_P(SufficiencyCli, AddsUpToTheStore) {
  std::string url = testing::FreshStoreUrl(GetParam());
  ASSERT_EQ(Carecoop({"generate", "--scale", "region", "--seed", "5", "--store", url}).code, 0);
  Output o = Carecoop({"sufficiency", "--store", url, "--rcc", "NW-GM", "--json"});
  ASSERT_EQ(o.code, 0) << o.err;
  json j = json::parse(o.out);
  EXPECT_EQ(j["rcc"]["code"], "NW-GM");
  EXPECT_TRUE(j["forecastUnavailable"].is_null()) << j["forecastUnavailable"];
  ASSERT_EQ(j["rows"].size(), 20u);

  const std::string in_rcc =
      " JOIN rcc_member m ON m.council_id = h.council_id JOIN rcc r ON r.id = m.rcc_id WHERE "
      "r.code = 'NW-GM'";
  const std::string own =
      " JOIN rcc_member m ON m.council_id = p.council_id JOIN rcc r ON r.id = m.rcc_id WHERE "
      "r.code = 'NW-GM'";
  std::map<std::string, std::string> setting = {{"Fostering", "fostering_household"},
                                                {"Residential", "childrens_home"},
                                                {"Supported", "supported_accommodation"},
                                                {"Other", "secure_childrens_home"}};
  std::map<std::string, double> places;
  double occupied = 0, need_now = 0;
  for (const json& row : j["rows"]) {
    places[row["category"]] += row["registeredPlaces"].get<double>();
    occupied += row["occupied"].get<double>();
    need_now += row["need"]["now"]["value"].get<double>();
    if (row["category"] == "Other") {
      EXPECT_TRUE(row["gap"]["months12"].is_null());
      continue;
    }
    double available = row["occupiedByOwn"].get<double>() + row["vacant"].get<double>();
    EXPECT_NEAR(row["available"].get<double>(), available, 1e-9);
    for (const char* h : {"now", "months12", "months24"}) {
      EXPECT_NEAR(row["gap"][h]["value"].get<double>(),
                  row["need"][h]["value"].get<double>() - available, 1e-6);
      EXPECT_LE(row["need"][h]["lower95"].get<double>(), row["need"][h]["value"].get<double>());
    }
  }
  for (const auto& [category, code] : setting)
    EXPECT_NEAR(places[category],
                Sql(url, "SELECT SUM(h.registered_places) FROM home h" + in_rcc +
                             " AND h.setting = '" + code + "'"),
                1e-6)
        << category;
  EXPECT_GT(places["Fostering"], 0);
  EXPECT_EQ(occupied, Sql(url, "SELECT COUNT(*) FROM placement p JOIN home h ON h.id = p.home_id" +
                                   in_rcc + " AND p.end_date IS NULL"));
  EXPECT_EQ(need_now, Sql(url, "SELECT COUNT(DISTINCT p.child_id) FROM placement p" + own +
                                   " AND p.end_date IS NULL"));

  double placed = 0, far = 0;
  for (const json& c : j["councils"]) {
    placed += c["placed"].get<double>();
    far += c["placedFar"].get<double>();
    const json& r = c["reasons"];
    EXPECT_EQ(c["placedFar"], r["noHomeNearby"].get<int>() + r["nearbyHomesFull"].get<int>() +
                                  r["nearbyVacancy"].get<int>());
  }
  EXPECT_EQ(j["councils"].size(), 10u);
  EXPECT_EQ(placed, Sql(url, "SELECT COUNT(*) FROM placement p" + own +
                                 " AND p.end_date IS NULL AND p.home_id IS NOT NULL"));
  EXPECT_GT(far, 0);

  Output text = Carecoop({"sufficiency", "--store", url, "--rcc", "NW-GM"});
  ASSERT_EQ(text.code, 0) << text.err;
  EXPECT_NE(text.out.find("10 to 16 - Residential"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("placed more than 20 miles"), std::string::npos) << text.out;

  // The published strategy: the same figures, suppressed; CSV and a page.
  const std::string dir = ::testing::TempDir();
  const std::string csv_file = dir + "/strategy-" + GetParam() + ".csv";
  const std::string html_file = dir + "/strategy-" + GetParam() + ".html";
  for (const std::string& file : {csv_file, html_file}) {
    Output w = Carecoop({"sufficiency", "--store", url, "--rcc", "NW-GM", "--strategy", file});
    ASSERT_EQ(w.code, 0) << w.err;
    EXPECT_NE(w.out.find("counts under 5 suppressed"), std::string::npos) << w.out;
  }
  std::ifstream csv_in(csv_file), html_in(html_file);
  std::string csv((std::istreambuf_iterator<char>(csv_in)), {}),
      html((std::istreambuf_iterator<char>(html_in)), {});
  EXPECT_EQ(csv.rfind("rcc,rcc_name,as_of,section,category,age_band,council,measure,value", 0), 0u);
  // Each council's children placed now: the full figure, or empty where
  // suppressed (never another number); and never one from 1 to 4.
  int shown = 0;
  for (const json& c : j["councils"]) {
    const std::string key = ",placed_far,,," + c["council"].get<std::string>() + ",placed,";
    const std::size_t at = csv.find(key);
    ASSERT_NE(at, std::string::npos) << key;
    const std::string value =
        csv.substr(at + key.size(), csv.find(',', at + key.size()) - (at + key.size()));
    if (value.empty()) continue;
    ++shown;
    EXPECT_EQ(value, std::to_string(c["placed"].get<int>())) << key;
    EXPECT_FALSE(c["placed"].get<int>() > 0 && c["placed"].get<int>() < 5) << key;
  }
  EXPECT_GT(shown, 0);
  EXPECT_NE(html.find("<h1>Sufficiency strategy: "), std::string::npos);

  Output bad = Carecoop({"sufficiency", "--store", url, "--rcc", "XX-NONE"});
  EXPECT_EQ(bad.code, 1);
  EXPECT_NE(bad.err.find("rcc"), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("XX-NONE"), std::string::npos) << bad.err;
}

INSTANTIATE_TEST_SUITE_P(Backends, SufficiencyCli, ::testing::Values("sqlite", "postgresql"));

}  // namespace
}  // namespace carecoop::cli
