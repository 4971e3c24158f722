// match::Assign against the exact integer program (COIN-OR CBC) on
// instances with sibling groups: CBC's optimum always lies between Assign's
// answer and the bound Assign reports, and equals the answer whenever
// Assign says it is optimal.
#include "bench/cbc_assign.h"

#include <gtest/gtest.h>

#include <random>

#include "bench/match_instances.h"

namespace carecoop::bench {
namespace {

using match::Assignment;
using match::AssignOutcome;

// (weighted, -cost): larger is better.
std::pair<std::int64_t, std::int64_t> Value(std::int64_t weighted, std::int64_t cost) {
  return {weighted, -cost};
}

void ExpectBracketed(const std::vector<match::ReferralNeeds>& refs, const match::Snapshot& s,
                     int max_nodes, int* proved) {
  match::ArcSet arcs = match::BuildArcs(refs, s, match::DefaultPolicy());
  Assignment ours = match::Assign(refs, s, arcs, match::DefaultPolicy(),
                                  {.max_nodes = max_nodes, .explain = false});
  CbcAssignment exact = AssignWithCbc(refs, arcs, match::DefaultPolicy(), 120);
  ASSERT_TRUE(exact.optimal);
  auto answer = Value(ours.weighted_placed, ours.total_cost);
  auto optimum = Value(exact.weighted_placed, exact.total_cost);
  auto bound = Value(ours.bound_weighted, ours.bound_cost);
  EXPECT_LE(answer, optimum);
  EXPECT_LE(optimum, bound);
  if (ours.outcome == AssignOutcome::kOptimal) {
    EXPECT_EQ(answer, optimum);
    ++*proved;
  }
}

TEST(CbcAssignTest, TheOptimumLiesBetweenTheAnswerAndItsBoundOnRandomSubsetsOfARegion) {
  MatchInstance region = MakeMatchInstance(InstanceA());
  std::mt19937 rng(3);
  int proved = 0;
  for (int round = 0; round < 12; ++round) {
    std::vector<match::ReferralNeeds> refs;
    int groups = 0;
    for (const auto& r : region.referrals)
      if (rng() % 20 == 0) {
        refs.push_back(r);
        groups += r.places > 1;
      }
    ASSERT_GT(groups, 0);
    ExpectBracketed(refs, region.snapshot, 200, &proved);
  }
  EXPECT_GT(proved, 0);  // small instances are usually proved
}

TEST(CbcAssignTest, OnAThirdOfTheRegionTheGapIsUnderOnePercentOfChildrenPlaced) {
  MatchInstance region = MakeMatchInstance(InstanceA());
  region.referrals.resize(600);
  match::ArcSet arcs = match::BuildArcs(region.referrals, region.snapshot, match::DefaultPolicy());
  Assignment ours = match::Assign(region.referrals, region.snapshot, arcs, match::DefaultPolicy(),
                                  {.max_nodes = 50, .explain = false});
  CbcAssignment exact = AssignWithCbc(region.referrals, arcs, match::DefaultPolicy(), 300);
  ASSERT_TRUE(exact.optimal);
  EXPECT_LE(Value(ours.weighted_placed, ours.total_cost),
            Value(exact.weighted_placed, exact.total_cost));
  EXPECT_GE(static_cast<double>(ours.weighted_placed),
            0.99 * static_cast<double>(exact.weighted_placed));
}

}  // namespace
}  // namespace carecoop::bench
