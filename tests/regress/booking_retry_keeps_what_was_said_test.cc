// Regression: a booking that lost a race for a place was run again with the
// child's views (Propose) and the scrutiny reasons (Decide) already moved
// out by the first try, so the retry refused an emergency proposal for
// "childViews" and stored an approval without its reasons. Concurrent
// emergency proposals for as many places as there are must all book, each
// with the child's views it was given. PostgreSQL: SQLite's writers of one
// process queue, so they never race.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "tests/support/api_harness.h"

namespace carecoop::testing {
namespace {

TEST(BookingRetryRegression, ConcurrentEmergencyProposalsAllBookWithTheChildsViews) {
  constexpr int kPlaces = 12;
  ApiHarness h("postgresql", kPlaces);
  std::vector<std::pair<ReferralId, OfferId>> work;
  for (int i = 0; i < kPlaces; ++i) {
    ReferralId r = h.SentReferral(h.a, NeededBy::kToday);
    work.emplace_back(r, h.OfferFor(h.a, r));
  }
  const services::Principal& hub = h.a.users.at(Role::kHubOfficer);
  for (const auto& [referral, offer] : work)
    ASSERT_TRUE(h.workflow().RecordChildView(hub, offer, ChildView::kWants, "Near school").ok());
  std::atomic<int> ready{0};
  std::vector<Result<services::ProposalOutcome>> results(work.size(), Internal("not run"));
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < work.size(); ++i)
    threads.emplace_back([&, i] {
      ++ready;
      while (ready.load() < kPlaces) std::this_thread::yield();
      results[i] = h.workflow().Propose(hub, work[i].first, work[i].second,
                                        "Views of child " + std::to_string(i), "");
    });
  for (auto& t : threads) t.join();
  for (std::size_t i = 0; i < results.size(); ++i) {
    ASSERT_TRUE(results[i].ok()) << results[i].status().ToString();
    EXPECT_TRUE(results[i]->placement.has_value());
    EXPECT_EQ(results[i]->proposal.child_views, "Views of child " + std::to_string(i));
  }
}

}  // namespace
}  // namespace carecoop::testing
