// Regression (issue 14, finding 10, low): a user could hold any number of
// live sessions and expired ones stayed in the store. Now a sign-in revokes
// the user's oldest sessions beyond kMaxSessionsPerUser (audited; the server
// forgets them at once, not after its cache's 30 s) and removes every expired
// session.
#include <gtest/gtest.h>

#include "services/audit.h"
#include "services/users.h"
#include "store/raw_access.h"
#include "tests/support/api_harness.h"

namespace carecoop::testing {
namespace {

TEST(SessionsTest, TheOldestSessionBeyondTheCapIsRevokedAtOnce) {
  ApiHarness h("sqlite", 2);
  const std::string user = h.a.users.at(Role::kHubOfficer).username;
  std::vector<std::string> tokens;
  for (int i = 0; i < services::kMaxSessionsPerUser; ++i) {
    h.Advance(std::chrono::seconds(1));
    tokens.push_back(h.SignIn(user));
  }
  // Each is live, and now in the server's session cache.
  for (const std::string& t : tokens) ASSERT_EQ(h.Do("GET", "/api/me", t).status, 200);
  h.Advance(std::chrono::seconds(1));
  const std::string newest = h.SignIn(user);
  // The harness's own first token and tokens[0] are older than the rest; both are gone.
  EXPECT_EQ(h.Do("GET", "/api/me", tokens[0]).status, 401);
  EXPECT_EQ(h.Do("GET", "/api/me", h.a.tokens[Role::kHubOfficer]).status, 401);
  for (std::size_t i = 1; i < tokens.size(); ++i)
    EXPECT_EQ(h.Do("GET", "/api/me", tokens[i]).status, 200) << i;
  EXPECT_EQ(h.Do("GET", "/api/me", newest).status, 200);
  int revocations = 0;
  ASSERT_TRUE(h.store()
                  .Read([&](store::Tx& tx) -> Status {
                    CC_ASSIGN_OR_RETURN(auto records, services::ListAudit(tx, 0, 100000));
                    for (const auto& r : records)
                      revocations += r.action == "session.revoke_oldest" && r.actor == user;
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_GE(revocations, 1);
}

TEST(SessionsTest, ExpiredSessionsArePrunedOnTheNextSignIn) {
  ApiHarness h("sqlite", 2);
  auto live_sessions = [&] {
    std::int64_t n = 0;
    EXPECT_TRUE(h.store()
                    .Read([&](store::Tx& tx) -> Status {
                      return store::RawConnection(tx).Query("SELECT COUNT(*) FROM user_session", {},
                                                            [&](const store::SqlRow& r) {
                                                              n = r.Int(0);
                                                              return Status::Ok();
                                                            });
                    })
                    .ok());
    return n;
  };
  const std::int64_t before = live_sessions();
  ASSERT_GE(before, 12);  // every harness user signed in
  h.Advance(services::kSessionLifetime + std::chrono::hours(1));
  h.SignIn("admin");
  EXPECT_EQ(live_sessions(), 1);
}

}  // namespace
}  // namespace carecoop::testing
