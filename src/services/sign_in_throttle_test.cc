// The sign-in throttling rule, step by step on a clock the test moves.
#include "services/sign_in_throttle.h"

#include <gtest/gtest.h>

namespace carecoop::services {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;
const Timestamp kStart = ParseTimestamp("2025-04-01T09:00:00Z").value();

TEST(SignInThrottleTest, AUsernameLocksFromItsFifthFailureForLongerEachTime) {
  SignInThrottle t;
  Timestamp now = kStart;
  for (int i = 1; i < SignInThrottle::kUserFailures; ++i) {
    EXPECT_FALSE(t.Wait("amy", "10.0.0.1", now)) << "failure " << i << " already locked";
    EXPECT_FALSE(t.RecordFailure("amy", "10.0.0.1", now).locked_user);
    now += seconds(1);
  }
  auto f = t.RecordFailure("amy", "10.0.0.1", now);  // the fifth
  EXPECT_TRUE(f.locked_user);
  EXPECT_EQ(f.until, now + minutes(1));
  EXPECT_EQ(t.Wait("amy", "10.0.0.9", now), seconds(60)) << "from any address";
  EXPECT_EQ(t.Wait("amy", "10.0.0.1", now + seconds(59)), seconds(1));
  EXPECT_FALSE(t.Wait("amy", "10.0.0.1", now + seconds(60))) << "a lock ends";
  EXPECT_FALSE(t.Wait("bob", "10.0.0.9", now)) << "another user is not locked";
  // Each failure after the threshold doubles the lock: 2, 4, 8 minutes, then 15 at most.
  now += minutes(1);
  std::vector<minutes> locks;
  for (int i = 0; i < 6; ++i) {
    auto g = t.RecordFailure("amy", "10.0.0.1", now);
    locks.push_back(std::chrono::duration_cast<minutes>(g.until - now));
    now = g.until;  // wait it out each time
  }
  EXPECT_EQ(locks, (std::vector<minutes>{minutes(2), minutes(4), minutes(8), minutes(15),
                                         minutes(15), minutes(15)}));
}

TEST(SignInThrottleTest, FailuresOlderThanTheWindowAreForgotten) {
  SignInThrottle t;
  Timestamp now = kStart;
  for (int i = 0; i < SignInThrottle::kUserFailures - 1; ++i) t.RecordFailure("amy", "a", now);
  now += SignInThrottle::kWindow;  // all four now out of the window
  EXPECT_FALSE(t.RecordFailure("amy", "a", now).locked_user);
}

TEST(SignInThrottleTest, ASuccessClearsTheUsernamesFailures) {
  SignInThrottle t;
  for (int i = 0; i < SignInThrottle::kUserFailures - 1; ++i) t.RecordFailure("amy", "a", kStart);
  t.RecordSuccess("amy");
  EXPECT_FALSE(t.RecordFailure("amy", "a", kStart).locked_user);
}

TEST(SignInThrottleTest, AnAddressSprayingManyUsernamesIsLockedButOthersAreNot) {
  SignInThrottle t;
  Timestamp now = kStart;
  SignInThrottle::Failure last;
  for (int i = 0; i < SignInThrottle::kAddressFailures; ++i)
    last = t.RecordFailure("user" + std::to_string(i), "10.6.6.6", now);
  EXPECT_TRUE(last.locked_address);
  EXPECT_FALSE(last.locked_user) << "one failure each: no username is locked";
  EXPECT_TRUE(t.Wait("user0", "10.6.6.6", now)) << "the address is locked for every username";
  EXPECT_FALSE(t.Wait("user0", "10.0.0.1", now)) << "the same user from elsewhere is not";
}

}  // namespace
}  // namespace carecoop::services
