// The secure welfare daily match: hand-worked cases and, on random small
// queues, the optimum of every possible assignment found by brute force.
#include "national/secure_welfare.h"

#include <gtest/gtest.h>

#include <random>
#include <tuple>

namespace carecoop::national {
namespace {

TEST(SecureWelfareTest, NoBedIsLeftEmptyWhileAChildWhoCouldUseItWaits) {
  // A has waited 10 days and could go to either home (home 0 cheaper); B, 1
  // day, only to home 0. Longest-first greedy gives A home 0 and leaves B
  // waiting beside an empty bed; the match places both.
  BedMatchInput in{{10, 1}, {1, 1}, {{0, 0, 100}, {0, 1, 900}, {1, 0, 100}}};
  const BedMatch m = MatchBeds(in);
  ASSERT_EQ(m.error, "");
  EXPECT_EQ(m.placed, 2);
  EXPECT_EQ(m.home_of, (std::vector<int>{1, 0}));
  EXPECT_EQ(m.days_of_placed, 11);
  EXPECT_EQ(m.total_cost, 1000);
}

TEST(SecureWelfareTest, OneBedGoesToTheChildWaitingLongestWhateverTheCost) {
  BedMatchInput in{{3, 40, 7}, {1}, {{0, 0, 10}, {1, 0, 5000}, {2, 0, 10}}};
  const BedMatch m = MatchBeds(in);
  EXPECT_EQ(m.home_of, (std::vector<int>{-1, 0, -1}));
  EXPECT_EQ(m.days_of_placed, 40);
}

TEST(SecureWelfareTest, EqualWaitsGoToTheNearerHomes) {
  BedMatchInput in{{5, 5}, {1, 1}, {{0, 0, 300}, {0, 1, 100}, {1, 0, 100}, {1, 1, 300}}};
  const BedMatch m = MatchBeds(in);
  EXPECT_EQ(m.home_of, (std::vector<int>{1, 0}));
  EXPECT_EQ(m.total_cost, 200);
}

TEST(SecureWelfareTest, BadInputIsRefusedNamingIt) {
  EXPECT_NE(MatchBeds({{-1}, {1}, {}}).error.find("days_waiting[0]"), std::string::npos);
  EXPECT_NE(MatchBeds({{1}, {-1}, {}}).error.find("beds[0]"), std::string::npos);
  EXPECT_NE(MatchBeds({{1}, {1}, {{0, 3, 1}}}).error.find("pairs[0]"), std::string::npos);
  EXPECT_NE(MatchBeds({{1}, {1}, {{0, 0, 1}, {0, 0, 2}}}).error.find("pairs[1]"),
            std::string::npos);
  EXPECT_NE(MatchBeds({{1}, {1}, {{0, 0, -5}}}).error.find("cost"), std::string::npos);
  const BedMatch none = MatchBeds({{4, 2}, {3}, {}});
  EXPECT_EQ(none.placed, 0);
  EXPECT_EQ(none.home_of, (std::vector<int>{-1, -1}));
}

// Every assignment of children to homes (or none) within the beds, best by
// (placed, days of those placed, - cost).
std::tuple<int, std::int64_t, std::int64_t> BruteForce(const BedMatchInput& in) {
  const int n = static_cast<int>(in.days_waiting.size());
  std::vector<std::vector<std::pair<int, std::int64_t>>> options(static_cast<std::size_t>(n));
  for (const BedPair& p : in.pairs)
    options[static_cast<std::size_t>(p.child)].push_back({p.home, p.cost});
  std::tuple<int, std::int64_t, std::int64_t> best{0, 0, 0};
  std::vector<int> left = in.beds;
  auto go = [&](auto&& self, int i, int placed, std::int64_t days, std::int64_t cost) -> void {
    if (i == n) {
      best = std::max(best, std::make_tuple(placed, days, -cost));
      return;
    }
    self(self, i + 1, placed, days, cost);
    for (auto [h, c] : options[static_cast<std::size_t>(i)]) {
      if (left[static_cast<std::size_t>(h)] == 0) continue;
      --left[static_cast<std::size_t>(h)];
      self(self, i + 1, placed + 1, days + in.days_waiting[static_cast<std::size_t>(i)], cost + c);
      ++left[static_cast<std::size_t>(h)];
    }
  };
  go(go, 0, 0, 0, 0);
  return best;
}

TEST(SecureWelfareTest, RandomQueuesMatchTheBruteForceOptimum) {
  std::mt19937_64 rng(19);
  for (int run = 0; run < 300; ++run) {
    BedMatchInput in;
    const int n = 1 + static_cast<int>(rng() % 6), m = 1 + static_cast<int>(rng() % 3);
    for (int i = 0; i < n; ++i) in.days_waiting.push_back(static_cast<std::int64_t>(rng() % 30));
    for (int j = 0; j < m; ++j) in.beds.push_back(static_cast<int>(rng() % 3));
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < m; ++j)
        if (rng() % 3 != 0) in.pairs.push_back({i, j, static_cast<std::int64_t>(rng() % 1000)});
    const BedMatch m_ = MatchBeds(in);
    ASSERT_EQ(m_.error, "");
    const auto [placed, days, neg_cost] = BruteForce(in);
    EXPECT_EQ(m_.placed, placed) << "run " << run;
    EXPECT_EQ(m_.days_of_placed, days) << "run " << run;
    EXPECT_EQ(m_.total_cost, -neg_cost) << "run " << run;
    // The answer is itself a valid assignment of the pairs and beds.
    std::vector<int> used(in.beds.size(), 0);
    for (int i = 0; i < n; ++i) {
      const int h = m_.home_of[static_cast<std::size_t>(i)];
      if (h < 0) continue;
      ++used[static_cast<std::size_t>(h)];
      bool feasible = false;
      for (const BedPair& p : in.pairs) feasible |= p.child == i && p.home == h;
      EXPECT_TRUE(feasible);
    }
    for (std::size_t j = 0; j < used.size(); ++j) EXPECT_LE(used[j], in.beds[j]);
  }
}

}  // namespace
}  // namespace carecoop::national
