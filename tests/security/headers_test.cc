// Regression (issue 14, finding 10): answers carried no Cache-Control, so a
// browser or proxy could keep a child's referral or a session token, and no
// X-Content-Type-Options, Referrer-Policy or Content-Security-Policy. Every
// route's answer, success and error alike, now carries all four.
#include <gtest/gtest.h>

#include <regex>

#include "api/server.h"
#include "tests/support/api_harness.h"

namespace carecoop::testing {
namespace {

void ExpectSecurityHeaders(const HttpReply& r, const std::string& what) {
  for (const auto& [name, value] : api::ResponseHeaders()) {
    auto found = r.headers.find(name);
    ASSERT_NE(found, r.headers.end()) << what << " (" << r.status << ") has no " << name;
    EXPECT_EQ(found->second, value) << what << ": " << name;
    EXPECT_EQ(r.headers.count(name), 1u) << what << ": " << name << " sent twice";
  }
}

TEST(SecurityHeadersTest, EveryRouteAnswersWithThemSuccessOrError) {
  ApiHarness h("sqlite", 3);
  PlacementId placement = h.PlacementFor(h.a);
  const std::string id = std::to_string(placement.value());
  ASSERT_GE(api::Routes().size(), 29u);
  std::map<std::string, std::string> as = {{"GET /api/rccs/{id}/sufficiency", h.national_token},
                                           {"GET /api/national/overview", h.national_token},
                                           {"GET /api/audit/verify", h.admin_token},
                                           {"POST /api/users", h.admin_token}};
  for (const api::RouteInfo& route : api::Routes()) {
    const std::string key = route.method + " " + route.path;
    const std::string path = std::regex_replace(route.path, std::regex("\\{id\\}"), id);
    std::string token = route.signed_in ? h.SignIn(h.a.users.at(Role::kHubOfficer).username) : "";
    if (as.count(key)) token = as[key];
    // Signed in (whatever the answer: 200, 404, 422, ...) and not (401).
    ExpectSecurityHeaders(h.Do(route.method, path, token), key);
    if (route.signed_in) ExpectSecurityHeaders(h.Do(route.method, path, ""), key + " signed out");
  }
  // The server's own errors too: an unknown route, a body too large.
  ExpectSecurityHeaders(h.Do("GET", "/api/no-such-route", ""), "an unknown route");
  ExpectSecurityHeaders(h.DoRaw("POST", "/api/sessions", "", std::string(100 * 1024, 'x')),
                        "a body over the limit");
}

TEST(SecurityHeadersTest, SignInAndAReferralAreNeverCached) {
  ApiHarness h("sqlite", 2);
  HttpReply signin =
      h.Do("POST", "/api/sessions", "", {{"username", "admin"}, {"password", "not the password"}});
  EXPECT_EQ(signin.headers.find("Cache-Control")->second, "no-store");
  ReferralId r = h.DraftReferral(h.a);
  HttpReply read =
      h.Do("GET", "/api/referrals/" + std::to_string(r.value()), h.a.tokens[Role::kSocialWorker]);
  ASSERT_EQ(read.status, 200) << read.text;
  EXPECT_EQ(read.headers.find("Cache-Control")->second, "no-store");
}

}  // namespace
}  // namespace carecoop::testing
