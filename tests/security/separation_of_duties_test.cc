// Regression (issue 14, finding 7): an admin could create a social worker
// for any council with a password the admin chose, and read referrals
// through it. Now an admin adds a user without a password (the user sets
// their own with a one-time enrolment code), an account that can reach
// children's records cannot sign in until a second admin approves it, and
// an admin cannot read a referral by any route.
#include <gtest/gtest.h>

#include <regex>

#include "tests/support/api_harness.h"

namespace carecoop::testing {
namespace {

TEST(SeparationOfDutiesTest, AnAdminCannotSetAPasswordNorApproveTheirOwnUser) {
  ApiHarness h("sqlite", 2);
  // A password in the body is refused, and nothing is stored.
  const std::string before = h.Fingerprint();
  HttpReply with_password = h.Do("POST", "/api/users", h.admin_token,
                                 {{"username", "sw.new"},
                                  {"password", "chosen by the admin"},
                                  {"role", "social_worker"},
                                  {"councilId", h.a.council.value()}});
  EXPECT_EQ(with_password.status, 422);
  EXPECT_EQ(with_password.body["error"]["field"], "password");
  EXPECT_EQ(h.Fingerprint(), before);

  HttpReply added =
      h.Do("POST", "/api/users", h.admin_token,
           {{"username", "sw.new"}, {"role", "social_worker"}, {"councilId", h.a.council.value()}});
  ASSERT_EQ(added.status, 201) << added.text;
  EXPECT_EQ(added.body["status"], "awaiting_approval");
  const std::string code = added.body["enrolmentCode"];
  EXPECT_EQ(code.size(), 64u);
  const std::string id = std::to_string(added.body["id"].get<std::int64_t>());

  // The admin who added it enrols it with a password of their choosing...
  ASSERT_EQ(
      h.Do("POST", "/api/enrolment", "", {{"code", code}, {"password", "chosen by the admin"}})
          .status,
      200);
  // ...but it cannot sign in, and the same admin cannot approve it.
  HttpReply signin = h.Do("POST", "/api/sessions", "",
                          {{"username", "sw.new"}, {"password", "chosen by the admin"}});
  EXPECT_EQ(signin.status, 403) << signin.text;
  EXPECT_FALSE(signin.body.contains("token"));
  HttpReply own = h.Do("POST", "/api/users/" + id + "/approval", h.admin_token, json::object());
  EXPECT_EQ(own.status, 403) << own.text;
  // The code is spent.
  EXPECT_EQ(h.Do("POST", "/api/enrolment", "", {{"code", code}, {"password", "another password 1"}})
                .status,
            401);

  // A second admin approves it; then it signs in and works as a social worker.
  auto added_second =
      services::AddUser(h.store(), {"admin.two", "correct horse battery", Role::kAdmin, {}, {}, {}},
                        h.Now(), "test", services::PasswordCost::kTestOnlyMinimum);
  ASSERT_TRUE(added_second.ok()) << added_second.status().ToString();
  const services::Principal second = *added_second;
  const std::string second_token = h.SignIn(second.username);
  HttpReply approved = h.Do("POST", "/api/users/" + id + "/approval", second_token, json::object());
  ASSERT_EQ(approved.status, 200) << approved.text;
  EXPECT_EQ(approved.body["approvedBy"], "admin.two");
  EXPECT_EQ(h.Do("POST", "/api/users/" + id + "/approval", second_token, json::object()).status,
            409);
  signin = h.Do("POST", "/api/sessions", "",
                {{"username", "sw.new"}, {"password", "chosen by the admin"}});
  ASSERT_EQ(signin.status, 201) << signin.text;
  EXPECT_EQ(h.Do("GET", "/api/referrals", signin.body["token"]).status, 200);
}

TEST(SeparationOfDutiesTest, AnAggregatesOnlyRoleNeedsNoSecondApprovalAndCodesExpire) {
  ApiHarness h("sqlite", 2);
  HttpReply added = h.Do("POST", "/api/users", h.admin_token,
                         {{"username", "analyst.two"}, {"role", "national_analyst"}});
  ASSERT_EQ(added.status, 201) << added.text;
  EXPECT_EQ(added.body["status"], "active");
  HttpReply late = h.Do("POST", "/api/users", h.admin_token,
                        {{"username", "analyst.three"}, {"role", "national_analyst"}});
  ASSERT_EQ(late.status, 201);
  ASSERT_EQ(h.Do("POST", "/api/enrolment", "",
                 {{"code", added.body["enrolmentCode"]}, {"password", "my own password 1"}})
                .status,
            200);
  EXPECT_EQ(h.Do("POST", "/api/sessions", "",
                 {{"username", "analyst.two"}, {"password", "my own password 1"}})
                .status,
            201);
  // Not enrolled: no password works. Past 72 hours the code is no good.
  EXPECT_EQ(h.Do("POST", "/api/sessions", "",
                 {{"username", "analyst.three"}, {"password", "correct horse battery"}})
                .status,
            401);
  h.Advance(services::kEnrolmentLifetime + std::chrono::hours(1));
  EXPECT_EQ(h.Do("POST", "/api/enrolment", "",
                 {{"code", late.body["enrolmentCode"]}, {"password", "my own password 1"}})
                .status,
            401);
}

TEST(SeparationOfDutiesTest, AnAdminReadsNoReferralByAnyRoute) {
  ApiHarness h("sqlite", 3);
  // A referral sent to providers, with an offer and a proposal, so that every route has something.
  ReferralId referral = h.SentReferral(h.a);
  OfferId offer = h.OfferFor(h.a, referral);
  h.ProposalFor(h.a, referral, offer);
  const std::string marker = "keep my football club";  // in the child's views
  int routes = 0;
  for (const api::RouteInfo& route : api::Routes()) {
    if (route.method != "GET") continue;  // reads; the writes are gated the same way
    for (std::int64_t id : {referral.value(), offer.value(), std::int64_t{1}}) {
      const std::string path =
          std::regex_replace(route.path, std::regex("\\{id\\}"), std::to_string(id));
      HttpReply r = h.Do("GET", path, h.admin_token);
      EXPECT_EQ(r.text.find(marker), std::string::npos) << path;
      EXPECT_EQ(r.text.find("A. Social Worker"), std::string::npos) << path;
      if (route.path.find("referral") != std::string::npos ||
          route.path.find("proposal") != std::string::npos ||
          route.path.find("placement") != std::string::npos) {
        EXPECT_TRUE(r.status == 403 || r.status == 404) << path << " " << r.status;
      }
    }
    ++routes;
  }
  EXPECT_GT(routes, 15);
}

}  // namespace
}  // namespace carecoop::testing
