// `carecoop simulate` on a generated region: the world it reads is the
// store's (children placed, homes), every design gives each year's measures
// with intervals that hold their means and the later design its difference
// from the first; the output is the same on one thread as on two; a design
// file that is not one is refused naming the field; the calibration and a
// parameters file.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/run_for_test.h"
#include "cli/simulate_commands.h"
#include "tests/support/test_stores.h"

namespace carecoop::cli {
namespace {

using nlohmann::json;

std::int64_t Count(const std::string& url, const std::string& sql) {
  return testing::QueryNumber(url, sql);
}

const std::string kDesigns = std::string(CARECOOP_SOURCE_DIR) + "/data/designs/";

TEST(SimulateCli, RunsDesignsOnTheStoresWorldAndComparesThem) {
  const std::string url = testing::FreshStoreUrl("sqlite");
  ASSERT_EQ(Carecoop({"generate", "--scale", "region", "--seed", "3", "--store", url}).code, 0);
  auto run = [&](const std::string& threads) {
    return Carecoop({"simulate", "--store", url, "--design", kDesigns + "today.json", "--design",
                     kDesigns + "rcc-needs-led.json", "--years", "2", "--runs", "3", "--seed", "5",
                     "--threads", threads, "--json"});
  };
  Output two = run("2");
  ASSERT_EQ(two.code, 0) << two.err;
  const json j = json::parse(two.out);
  // The world is the store's: every child placed on the day in a home of
  // the market (a connected person's is one child's, not a place to buy).
  EXPECT_EQ(j["world"]["childrenPlaced"].get<std::int64_t>(),
            Count(url,
                  "SELECT COUNT(*) FROM placement p JOIN home h ON h.id = p.home_id WHERE "
                  "h.connected_person = 0 AND p.start_date <= '2025-03-31' AND "
                  "(p.end_date IS NULL OR p.end_date > '2025-03-31')"));
  EXPECT_EQ(j["world"]["homes"].get<std::int64_t>(),
            Count(url, "SELECT COUNT(*) FROM home WHERE connected_person = 0"));
  EXPECT_GT(j["world"]["entriesPerYear"].get<double>(), 0);
  ASSERT_EQ(j["designs"].size(), 2u);
  EXPECT_EQ(j["designs"][1]["footprint"], "rcc");
  for (std::size_t d = 0; d < 2; ++d) {
    ASSERT_EQ(j["designs"][d]["years"].size(), 2u);
    for (const json& y : j["designs"][d]["years"]) {
      for (const char* m : {"entries", "placements_made", "share_over_20_miles",
                            "share_outside_council", "share_needs_met", "spend_pounds"}) {
        const json& e = y[m];
        EXPECT_LE(e["low"].get<double>(), e["mean"].get<double>()) << m;
        EXPECT_GE(e["high"].get<double>(), e["mean"].get<double>()) << m;
        EXPECT_EQ(e.contains("differenceFromFirst"), d == 1) << m;
      }
      EXPECT_GE(y["share_needs_met"]["mean"].get<double>(), 0);
      EXPECT_LE(y["share_needs_met"]["mean"].get<double>(), 1);
      // Common random numbers: the same children enter under both designs.
      if (d == 1) {
        EXPECT_EQ(y["entries"]["differenceFromFirst"]["mean"].get<double>(), 0);
      }
    }
  }
  Output one = run("1");
  ASSERT_EQ(one.code, 0) << one.err;
  EXPECT_EQ(one.out, two.out) << "the same on one thread as on two";

  // Text: a line per measure.
  Output text = Carecoop({"simulate", "--store", url, "--design", kDesigns + "national.json",
                          "--years", "1", "--runs", "2"});
  ASSERT_EQ(text.code, 0) << text.err;
  EXPECT_NE(text.out.find("share_over_20_miles"), std::string::npos) << text.out;

  // A design that is not one.
  const std::string bad = testing::FreshStoreUrl("sqlite").substr(7) + ".design.json";
  std::ofstream(bad) << R"({"name": "x", "footprint": "county"})";
  Output refused = Carecoop({"simulate", "--store", url, "--design", bad, "--runs", "1"});
  EXPECT_NE(refused.code, 0);
  EXPECT_NE(refused.err.find("footprint"), std::string::npos) << refused.err;
  Output years =
      Carecoop({"simulate", "--store", url, "--design", kDesigns + "today.json", "--years", "0"});
  EXPECT_NE(years.code, 0);
  EXPECT_NE(years.err.find("years"), std::string::npos) << years.err;
}

// The calibration compares the baseline's first year with each published
// figure (docs/simulator.md, "Calibration"): every row's verdict agrees with
// its difference and tolerance; the baseline is data/designs/today.json.
// A parameters file sets the model's rates: with no breakdowns and no
// carers leaving there is no placement change; a field that is not one is
// refused by name.
TEST(SimulateCli, CalibratesTheBaselineAndTakesParametersFromAFile) {
  const std::string url = testing::FreshStoreUrl("sqlite");
  ASSERT_EQ(Carecoop({"generate", "--scale", "region", "--seed", "3", "--store", url}).code, 0);
  Output calibration =
      Carecoop({"simulate", "--store", url, "--calibration", "--runs", "3", "--json"});
  ASSERT_EQ(calibration.code, 0) << calibration.err;
  const json c = json::parse(calibration.out);
  ASSERT_EQ(c["figures"].size(), 8u);
  int outside = 0;
  for (const json& f : c["figures"]) {
    const double difference = f["simulated"]["mean"].get<double>() - f["published"].get<double>();
    EXPECT_NEAR(f["difference"].get<double>(), difference, 1e-9);
    EXPECT_EQ(f["within"].get<bool>(), std::abs(difference) <= f["tolerance"].get<double>());
    outside += f["target"].get<bool>() && !f["within"].get<bool>();
    EXPECT_FALSE(f["source"].get<std::string>().empty());
  }
  EXPECT_EQ(c["outside"].get<int>(), outside);
  std::ifstream today(kDesigns + "today.json");
  std::stringstream text;
  text << today.rdbuf();
  auto design = ParseDesign(text.str(), "today.json", {});
  ASSERT_TRUE(design.ok());
  const sim::Design baseline = sim::TodayDesign();
  EXPECT_EQ(design->footprint, baseline.footprint);
  EXPECT_EQ(design->sourcing, baseline.sourcing);
  EXPECT_EQ(design->contracted_share, baseline.contracted_share);

  const std::string dir = testing::FreshStoreUrl("sqlite").substr(7);
  std::ofstream(dir + ".still.json") << R"({"breakdownPerYear": 0, "carersLeavePerYear": 0})";
  Output still =
      Carecoop({"simulate", "--store", url, "--design", kDesigns + "today.json", "--parameters",
                dir + ".still.json", "--years", "1", "--runs", "2", "--json"});
  ASSERT_EQ(still.code, 0) << still.err;
  EXPECT_EQ(json::parse(still.out)["designs"][0]["years"][0]["placement_changes"]["mean"], 0.0);
  std::ofstream(dir + ".bad.json") << R"({"availableShare": {"fostering": 1.5}})";
  Output bad = Carecoop({"simulate", "--store", url, "--calibration", "--parameters",
                         dir + ".bad.json", "--runs", "1"});
  EXPECT_NE(bad.code, 0);
  EXPECT_NE(bad.err.find("availableShare.fostering"), std::string::npos) << bad.err;
  std::ofstream(dir + ".unknown.json") << R"({"breakdown": 1})";
  Output unknown = Carecoop({"simulate", "--store", url, "--calibration", "--parameters",
                             dir + ".unknown.json", "--runs", "1"});
  EXPECT_NE(unknown.code, 0);
  EXPECT_NE(unknown.err.find("breakdown is not a parameter"), std::string::npos) << unknown.err;
}

// A pathfinder on the region (its one RCC, NW-GM): the design applies in
// the RCCs it names, the focus counts their children; an RCC the world has
// not is refused naming the field.
TEST(SimulateCli, RunsAPathfinderDesignAndCountsTheFocus) {
  const std::string url = testing::FreshStoreUrl("sqlite");
  ASSERT_EQ(Carecoop({"generate", "--scale", "region", "--seed", "3", "--store", url}).code, 0);
  const std::string dir = testing::FreshStoreUrl("sqlite").substr(7);
  std::ofstream(dir + ".gm.json")
      << R"({"name": "gm", "footprint": "rcc", "sourcing": "needs_led", "contractedShare": 0.6,
            "blockShare": 0.2, "nationalRareNeeds": true, "rccs": ["NW-GM"]})";
  Output run =
      Carecoop({"simulate", "--store", url, "--design", kDesigns + "today.json", "--design",
                dir + ".gm.json", "--focus", "NW-GM", "--years", "1", "--runs", "2", "--json"});
  ASSERT_EQ(run.code, 0) << run.err;
  const json j = json::parse(run.out);
  EXPECT_EQ(j["focus"], json::array({"NW-GM"}));
  EXPECT_EQ(j["designs"][1]["rccs"], json::array({"NW-GM"}));
  EXPECT_EQ(j["designs"][1]["blockShare"], 0.2);
  EXPECT_EQ(j["designs"][1]["nationalRareNeeds"], true);
  // Every council of the region is NW-GM's: the focus counts every entry.
  Output all = Carecoop({"simulate", "--store", url, "--design", kDesigns + "today.json", "--years",
                         "1", "--runs", "2", "--json"});
  ASSERT_EQ(all.code, 0) << all.err;
  EXPECT_EQ(json::parse(all.out)["designs"][0]["years"][0]["entries"],
            j["designs"][0]["years"][0]["entries"]);

  Output elsewhere = Carecoop({"simulate", "--store", url, "--design",
                               kDesigns + "pathfinders-only.json", "--runs", "1", "--years", "1"});
  EXPECT_NE(elsewhere.code, 0);
  EXPECT_NE(elsewhere.err.find("rccs SE is not an RCC of the world"), std::string::npos)
      << elsewhere.err;
  Output focus = Carecoop({"simulate", "--store", url, "--design", kDesigns + "today.json",
                           "--focus", "XX", "--runs", "1", "--years", "1"});
  EXPECT_NE(focus.code, 0);
  EXPECT_NE(focus.err.find("focus XX is not an RCC"), std::string::npos) << focus.err;
}

}  // namespace
}  // namespace carecoop::cli
