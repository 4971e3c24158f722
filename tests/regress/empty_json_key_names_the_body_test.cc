// Regression: a JSON body with an empty key ({"": 1}) was refused 422 with
// an error whose field was the key itself, "", so the error named nothing a
// client could fix (every refusal must name its field). The referral_json
// fuzz target found it (its oracle: every refusal names a field). Both the
// record readers (api/json.h) and the small action bodies (OnlyKeys) now
// name "body" for an empty key.
#include <gtest/gtest.h>

#include "tests/support/api_harness.h"

namespace carecoop::testing {
namespace {

TEST(EmptyJsonKeyRegression, TheRefusalNamesTheBody) {
  ApiHarness h("sqlite", 2);
  json referral = ApiHarness::PlainReferral(h.NewChild(h.a));
  referral[""] = false;
  HttpReply r = h.Do("POST", "/api/referrals", h.a.tokens[Role::kSocialWorker], referral);
  EXPECT_EQ(r.status, 422) << r.text;
  EXPECT_EQ(r.body["error"]["field"], "body") << r.text;
  HttpReply s = h.Do("POST", "/api/sessions", "", {{"", 1}, {"username", "admin"}});
  EXPECT_EQ(s.status, 422) << s.text;
  EXPECT_EQ(s.body["error"]["field"], "body") << s.text;
}

}  // namespace
}  // namespace carecoop::testing
