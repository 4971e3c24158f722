#include "synth/rcc_plan.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "core/england.h"

namespace carecoop::synth {
namespace {

TEST(RccPlanTest, EveryCouncilIsInExactlyOneOfTwentyRccs) {
  const auto& plan = RccPlan();
  EXPECT_EQ(plan.size(), 20u);
  std::map<std::size_t, int> seen;
  for (const auto& rcc : plan)
    for (auto c : rcc.councils) ++seen[c];
  EXPECT_EQ(seen.size(), EnglandCouncils().size());
  for (const auto& [council, times] : seen) EXPECT_EQ(times, 1) << EnglandCouncils()[council].name;
}

TEST(RccPlanTest, EachRccLiesWithinOneRegionAndHasAPlausibleSize) {
  std::set<std::string> codes;
  for (const auto& rcc : RccPlan()) {
    EXPECT_TRUE(codes.insert(rcc.code).second) << "duplicate code " << rcc.code;
    EXPECT_GE(rcc.councils.size(), 5u) << rcc.code;
    EXPECT_LE(rcc.councils.size(), 19u) << rcc.code;
    for (auto c : rcc.councils) EXPECT_EQ(EnglandCouncils()[c].region, rcc.region) << rcc.code;
  }
}

TEST(RccPlanTest, PathfindersAreGreaterManchesterAndTheSouthEast) {
  std::map<std::string, const PlannedRcc*> by_code;
  for (const auto& rcc : RccPlan()) by_code[rcc.code] = &rcc;
  ASSERT_TRUE(by_code.count("NW-GM"));
  ASSERT_TRUE(by_code.count("SE"));
  EXPECT_EQ(by_code["NW-GM"]->councils.size(), 10u);
  EXPECT_EQ(by_code["SE"]->councils.size(), 19u);
  std::set<std::string> gm;
  for (auto c : by_code["NW-GM"]->councils) gm.insert(EnglandCouncils()[c].name);
  EXPECT_TRUE(gm.count("Manchester"));
  EXPECT_TRUE(gm.count("Wigan"));
}

}  // namespace
}  // namespace carecoop::synth
