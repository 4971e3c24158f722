// Regression (issue 14, finding 8): refused reads and failed sign-ins wrote
// no audit record and no log line, so someone probing ids left no trace.
// Now a role refused (403) and a record outside the person's scope (404)
// each write an audit record naming the record tried, alongside the refused
// sign-ins, and `carecoop audit refusals` shows the burst; a record that
// does not exist at all is not a refusal. A request with no session (401)
// is audited too, by client address.
#include <gtest/gtest.h>

#include <sstream>

#include "cli/commands.h"
#include "services/audit.h"
#include "tests/support/api_harness.h"

namespace carecoop::testing {
namespace {

class RefusalsRegression : public ::testing::TestWithParam<std::string> {};

TEST_P(RefusalsRegression, DeniedAndOutOfScopeRequestsAreAuditedAndReported) {
  ApiHarness h(GetParam(), 3);
  // Three of B's referrals, tried by A's social worker: out of scope, each a 404.
  std::vector<ReferralId> of_b;
  for (int i = 0; i < 3; ++i) of_b.push_back(h.DraftReferral(h.b));
  const std::string sw = h.a.tokens[Role::kSocialWorker];
  for (ReferralId r : of_b)
    EXPECT_EQ(h.Do("GET", "/api/referrals/" + std::to_string(r.value()), sw).status, 404);
  // A referral that does not exist: 404 too, but nobody's record was reached.
  EXPECT_EQ(h.Do("GET", "/api/referrals/999999", sw).status, 404);
  // A provider may never decide a proposal: 403, before any lookup.
  EXPECT_EQ(h.Do("POST", "/api/proposals/1/decision", h.a.tokens[Role::kProvider],
                 {{"outcome", "approved"}})
                .status,
            403);

  std::vector<services::AuditRecord> refusals;
  ASSERT_TRUE(h.store()
                  .Read([&](store::Tx& tx) -> Status {
                    CC_ASSIGN_OR_RETURN(auto records, services::ListAudit(tx, 0, 100000));
                    for (const auto& r : records)
                      if (services::IsRefusal(r)) refusals.push_back(r);
                    CC_ASSIGN_OR_RETURN(auto report, services::VerifyAudit(tx));
                    EXPECT_TRUE(report.ok());
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_EQ(refusals.size(), 4u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(refusals[i].actor, h.a.users.at(Role::kSocialWorker).username);
    EXPECT_EQ(refusals[i].action, "referral.read.out_of_scope");
    EXPECT_EQ(refusals[i].resource, "referral");
    EXPECT_EQ(refusals[i].resource_id, of_b[i].value());
  }
  EXPECT_EQ(refusals[3].action, "proposal.decide.denied");
  EXPECT_EQ(refusals[3].actor, h.a.users.at(Role::kProvider).username);

  // The report: one line for the social worker's burst over 3 records.
  std::ostringstream out, err;
  ASSERT_EQ(cli::Run({"carecoop", "audit", "refusals", "--since", "2025-04-01", "--store",
                      h.store().display_url()},
                     out, err),
            0)
      << err.str();
  EXPECT_NE(out.str().find("4 refusals since 2025-04-01T00:00:00Z"), std::string::npos)
      << out.str();
  EXPECT_NE(out.str().find("3\t" + h.a.users.at(Role::kSocialWorker).username +
                           "\treferral.read.out_of_scope\t3 records"),
            std::string::npos)
      << out.str();
}

TEST_P(RefusalsRegression, UnauthenticatedRequestsAreAuditedByAddressUpToARate) {
  ApiHarness h(GetParam(), 2);
  ReferralId r = h.DraftReferral(h.a);
  const std::string path = "/api/referrals/" + std::to_string(r.value());
  EXPECT_EQ(h.Do("GET", path, "").status, 401);
  EXPECT_EQ(h.Do("GET", path, "not-a-token").status, 401);
  auto unauthenticated = [&] {
    std::vector<services::AuditRecord> out;
    EXPECT_TRUE(h.store()
                    .Read([&](store::Tx& tx) -> Status {
                      CC_ASSIGN_OR_RETURN(auto records, services::ListAudit(tx, 0, 100000));
                      for (const auto& x : records)
                        if (x.action == "request.unauthenticated") out.push_back(x);
                      return Status::Ok();
                    })
                    .ok());
    return out;
  };
  auto records = unauthenticated();
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].resource, "/api/referrals/{id}");
  EXPECT_EQ(records[0].resource_id, r.value());
  EXPECT_TRUE(records[0].actor.starts_with("address:")) << records[0].actor;
  EXPECT_EQ(records[0].actor, records[1].actor);
  EXPECT_TRUE(services::IsRefusal(records[0]));
  // A flood from one address: at most 60 a minute reach the store.
  for (int i = 0; i < 100; ++i) EXPECT_EQ(h.Do("GET", path, "").status, 401);
  EXPECT_EQ(unauthenticated().size(), 60u);
}

INSTANTIATE_TEST_SUITE_P(Backends, RefusalsRegression, ::testing::Values("sqlite", "postgresql"),
                         [](const ::testing::TestParamInfo<std::string>& p) { return p.param; });

}  // namespace
}  // namespace carecoop::testing
