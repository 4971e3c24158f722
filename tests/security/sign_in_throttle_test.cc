// Regression (issue 14, finding 4): 110 wrong passwords for one account were
// checked at about 5 a second, none refused and none audited, and the right
// password still worked at once. Now, over HTTP: from the fifth failure the
// account is locked (429 with Retry-After, the password not even checked),
// the right password is refused while it lasts and works once it ends, and
// every failure, lock and refusal is in the audit trail.
#include "services/sign_in_throttle.h"

#include <gtest/gtest.h>

#include "services/audit.h"
#include "tests/support/api_harness.h"

namespace carecoop::testing {
namespace {

TEST(SignInThrottleRegression, ThirtyWrongPasswordsLockTheAccountAndAreAudited) {
  ApiHarness h("sqlite", 2);
  const std::string user = h.a.users.at(Role::kHubOfficer).username;
  std::map<int, int> statuses;
  std::string retry_after;
  for (int i = 0; i < 30; ++i) {
    HttpReply r = h.Do("POST", "/api/sessions", "",
                       {{"username", user}, {"password", "wrong " + std::to_string(i)}});
    ++statuses[r.status];
    if (r.status == 429) {
      auto it = r.headers.find("Retry-After");
      ASSERT_NE(it, r.headers.end()) << "a 429 says when to come back";
      retry_after = it->second;
      EXPECT_EQ(r.body["error"]["code"], "resource_exhausted") << r.text;
    }
  }
  EXPECT_EQ(statuses[401], services::SignInThrottle::kUserFailures) << "checked until the lock";
  EXPECT_EQ(statuses[429], 30 - services::SignInThrottle::kUserFailures);
  EXPECT_EQ(retry_after, "60");
  // The right password is refused while the lock lasts...
  HttpReply during = h.Do("POST", "/api/sessions", "",
                          {{"username", user}, {"password", "correct horse battery"}});
  EXPECT_EQ(during.status, 429) << during.text;
  // ...and works once it has ended: nobody is locked out for good.
  h.Advance(std::chrono::seconds(61));
  HttpReply after = h.Do("POST", "/api/sessions", "",
                         {{"username", user}, {"password", "correct horse battery"}});
  EXPECT_EQ(after.status, 201) << after.text;

  std::map<std::string, int> audited;
  ASSERT_TRUE(h.store()
                  .Read([&](store::Tx& tx) -> Status {
                    CC_ASSIGN_OR_RETURN(auto records, services::ListAudit(tx, 0, 100000));
                    for (const auto& r : records)
                      if (r.actor == user && r.action.starts_with("session.")) ++audited[r.action];
                    CC_ASSIGN_OR_RETURN(auto report, services::VerifyAudit(tx));
                    EXPECT_TRUE(report.ok());
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(audited["session.fail"], services::SignInThrottle::kUserFailures);
  EXPECT_EQ(audited["session.lock"], 1);
  EXPECT_EQ(audited["session.throttled"], 30 - services::SignInThrottle::kUserFailures + 1);
  EXPECT_EQ(audited["session.create"], 1 + 1) << "the harness's sign-in and the one after the lock";
}

}  // namespace
}  // namespace carecoop::testing
