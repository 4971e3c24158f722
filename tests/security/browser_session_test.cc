// Browser sessions (issue 16's first step, docs/api.md "Browser sessions"):
// a sign-in that asks for a cookie gets the session in an HttpOnly,
// SameSite=Strict cookie and never sees the token; a change made with that
// cookie needs the session's CSRF token in X-CSRF-Token and, when the
// browser names an origin, this one; a refusal is audited. Bearer tokens work
// as before, with no CSRF token (no browser sends them on its own).
#include <gtest/gtest.h>
#include <httplib.h>

#include "services/audit.h"
#include "tests/support/api_harness.h"

namespace carecoop::testing {
namespace {

struct Browser {
  int port;
  std::string cookie;  // "carecoop_session=..."
  std::string csrf;

  httplib::Result Send(const std::string& method, const std::string& path, const json& body,
                       bool with_csrf, const std::string& origin = "") {
    httplib::Client client("127.0.0.1", port);
    httplib::Headers headers;
    if (!cookie.empty()) headers.emplace("Cookie", "theme=dark; " + cookie);
    if (with_csrf) headers.emplace("X-CSRF-Token", csrf);
    if (!origin.empty()) headers.emplace("Origin", origin);
    std::string text = body.is_null() ? "" : body.dump();
    if (method == "GET") return client.Get(path, headers);
    if (method == "DELETE") return client.Delete(path, headers);
    return client.Post(path, headers, text, "application/json");
  }
};

int CountAudit(ApiHarness& h, std::string_view action, std::string_view actor) {
  int n = 0;
  EXPECT_TRUE(h.store()
                  .Read([&](store::Tx& tx) -> Status {
                    CC_ASSIGN_OR_RETURN(auto records, services::ListAudit(tx, 0, 100000));
                    for (const auto& r : records) n += r.action == action && r.actor == actor;
                    return Status::Ok();
                  })
                  .ok());
  return n;
}

void BrowserSessions(bool secure) {
  api::ServerOptions options{.threads = 4, .access_log = false};
  options.secure_cookies = secure;
  ApiHarness h("sqlite", 4, nullptr, options);
  const std::string sw = h.a.users.at(Role::kSocialWorker).username;
  Browser b{h.port(), "", ""};

  auto signed_in =
      b.Send("POST", "/api/sessions",
             {{"username", sw}, {"password", "correct horse battery"}, {"cookie", true}}, false);
  ASSERT_TRUE(signed_in);
  ASSERT_EQ(signed_in->status, 201) << signed_in->body;
  json body = json::parse(signed_in->body);
  EXPECT_FALSE(body.contains("token")) << "the token stays in the cookie, out of script's reach";
  ASSERT_TRUE(body.contains("csrfToken"));
  b.csrf = body["csrfToken"];
  std::string set_cookie = signed_in->get_header_value("Set-Cookie");
  EXPECT_NE(set_cookie.find("HttpOnly"), std::string::npos) << set_cookie;
  EXPECT_NE(set_cookie.find("SameSite=Strict"), std::string::npos) << set_cookie;
  EXPECT_NE(set_cookie.find("Path=/"), std::string::npos) << set_cookie;
  EXPECT_EQ(set_cookie.find("Secure") != std::string::npos, secure) << set_cookie;
  b.cookie = set_cookie.substr(0, set_cookie.find(';'));
  ASSERT_EQ(b.cookie.rfind("carecoop_session=", 0), 0u);

  // Reads need the cookie only.
  auto me = b.Send("GET", "/api/me", nullptr, false);
  ASSERT_TRUE(me);
  EXPECT_EQ(me->status, 200) << me->body;
  // A reloaded page gets the same CSRF token back from /api/me.
  EXPECT_EQ(json::parse(me->body).value("csrfToken", ""), b.csrf) << me->body;

  // A change without the CSRF token, with a wrong one, or from another
  // origin is refused (403 naming the header) and audited; nothing stored.
  json referral = ApiHarness::PlainReferral(h.NewChild(h.a));
  const int before = CountAudit(h, "referral.create", sw);
  for (auto [with_csrf, origin, csrf] :
       {std::tuple<bool, std::string, std::string>{false, "", b.csrf},
        {true, "", std::string(64, '0')},
        {true, "https://evil.example", b.csrf}}) {
    Browser attacker = b;
    attacker.csrf = csrf;
    auto r = attacker.Send("POST", "/api/referrals", referral, with_csrf, origin);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 403) << r->body;
    EXPECT_EQ(json::parse(r->body)["error"]["field"], "X-CSRF-Token") << r->body;
  }
  EXPECT_EQ(CountAudit(h, "request.csrf_refused", sw), 3);
  EXPECT_EQ(CountAudit(h, "referral.create", sw), before);

  // With the token (and this origin, or none named) the change is made.
  auto made = b.Send("POST", "/api/referrals", referral, true,
                     "http://127.0.0.1:" + std::to_string(h.port()));
  ASSERT_TRUE(made);
  EXPECT_EQ(made->status, 201) << made->body;

  // Bearer clients need no CSRF token.
  auto bearer = h.Do("POST", "/api/referrals", h.a.tokens.at(Role::kSocialWorker),
                     ApiHarness::PlainReferral(h.NewChild(h.a)));
  EXPECT_EQ(bearer.status, 201) << bearer.text;

  // Signing out clears the cookie and ends the session.
  auto out = b.Send("DELETE", "/api/sessions/current", nullptr, true);
  ASSERT_TRUE(out);
  EXPECT_EQ(out->status, 200) << out->body;
  EXPECT_NE(out->get_header_value("Set-Cookie").find("Max-Age=0"), std::string::npos);
  auto after = b.Send("GET", "/api/me", nullptr, false);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 401);

  // "cookie" must be a boolean.
  auto bad =
      b.Send("POST", "/api/sessions",
             {{"username", sw}, {"password", "correct horse battery"}, {"cookie", "yes"}}, false);
  ASSERT_TRUE(bad);
  EXPECT_EQ(json::parse(bad->body)["error"]["field"], "cookie") << bad->body;
}

TEST(BrowserSessionTest, CookieSessionsNeedTheCsrfTokenForChanges) { BrowserSessions(false); }

// Sign out everywhere ends every session of the user (this browser's and a
// bearer client's), clears the cookie, and leaves other users signed in.
TEST(BrowserSessionTest, SignOutEverywhereEndsEverySessionOfTheUser) {
  api::ServerOptions options{.threads = 4, .access_log = false};
  ApiHarness h("sqlite", 4, nullptr, options);
  const std::string sw = h.a.users.at(Role::kSocialWorker).username;
  const std::string bearer = h.a.tokens.at(Role::kSocialWorker);
  Browser b{h.port()};
  auto signed_in =
      b.Send("POST", "/api/sessions",
             {{"username", sw}, {"password", "correct horse battery"}, {"cookie", true}}, false);
  ASSERT_TRUE(signed_in);
  ASSERT_EQ(signed_in->status, 201) << signed_in->body;
  b.csrf = json::parse(signed_in->body)["csrfToken"];
  std::string set_cookie = signed_in->get_header_value("Set-Cookie");
  b.cookie = set_cookie.substr(0, set_cookie.find(';'));
  ASSERT_EQ(h.Do("GET", "/api/me", bearer).status, 200);

  // Without the CSRF token, refused like any change made with the cookie.
  auto refused = b.Send("DELETE", "/api/sessions", nullptr, false);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403);
  EXPECT_EQ(h.Do("GET", "/api/me", bearer).status, 200);

  auto out = b.Send("DELETE", "/api/sessions", nullptr, true);
  ASSERT_TRUE(out);
  EXPECT_EQ(out->status, 200) << out->body;
  EXPECT_EQ(json::parse(out->body)["sessionsEnded"], 2) << out->body;
  EXPECT_NE(out->get_header_value("Set-Cookie").find("Max-Age=0"), std::string::npos);
  auto me = b.Send("GET", "/api/me", nullptr, false);
  ASSERT_TRUE(me);
  EXPECT_EQ(me->status, 401);
  EXPECT_EQ(h.Do("GET", "/api/me", bearer).status, 401) << "the bearer session ended too";
  EXPECT_EQ(h.Do("GET", "/api/me", h.a.tokens.at(Role::kHubOfficer)).status, 200)
      << "another user's session is untouched";
  EXPECT_EQ(CountAudit(h, "session.end_all", sw), 1);
}
TEST(BrowserSessionTest, BehindTlsTheCookieIsSecure) { BrowserSessions(true); }

}  // namespace
}  // namespace carecoop::testing
