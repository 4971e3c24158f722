// The use-case skeleton's promises (services/step.h), each shown failing
// the way it should: a role that may never act is refused before its
// function runs; a record outside the person's scope is answered exactly as
// a missing one; an audited step that commits without its audit record
// fails and changes nothing; a read step needs no audit record.
#include "services/step.h"

#include <gtest/gtest.h>

#include "tests/support/api_harness.h"

namespace carecoop::testing {
namespace {

using services::Step;

TEST(StepTest, ARoleThatMayNeverActIsRefusedBeforeAnyLookup) {
  ApiHarness h("sqlite", 2);
  ReferralId r = h.SentReferral(h.a);
  const services::Principal& provider = h.a.users.at(Role::kProvider);
  Step step =
      Step::OnRecord(services::AccessPolicy::Default(), provider, h.Now(), "proposal", "decide");
  bool ran = false;
  Status s = step.Run(h.store(), Step::Mode::kAudited, [&](store::Tx&) {
    ran = true;
    return Status::Ok();
  });
  EXPECT_EQ(s.code(), StatusCode::kPermissionDenied) << s.ToString();
  EXPECT_FALSE(ran) << "the step looked something up before refusing";
  (void)r;
}

TEST(StepTest, ARecordOutOfScopeIsAnsweredExactlyAsAMissingOne) {
  ApiHarness h("sqlite", 2);
  ReferralId of_b = h.DraftReferral(h.b);
  const services::Principal& sw = h.a.users.at(Role::kSocialWorker);
  Step step = Step::OnRecord(services::AccessPolicy::Default(), sw, h.Now(), "referral", "read");
  Status other, missing;
  ASSERT_TRUE(h.store()
                  .Read([&](store::Tx& tx) -> Status {
                    other = step.Fetch(tx, of_b).status();
                    missing = step.Fetch(tx, ReferralId(of_b.value() + 1000)).status();
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(other.code(), StatusCode::kNotFound);
  EXPECT_EQ(missing.code(), StatusCode::kNotFound);
  // Same words but the id: nothing tells a record that exists from one that does not.
  EXPECT_EQ(other.message(), "no referral " + std::to_string(of_b.value()));
  EXPECT_EQ(missing.message(), "no referral " + std::to_string(of_b.value() + 1000));
}

TEST(StepTest, AnAuditedStepThatForgetsItsAuditRecordFailsAndChangesNothing) {
  ApiHarness h("sqlite", 2);
  ReferralId r = h.OpenReferral(h.a);
  const services::Principal& sw = h.a.users.at(Role::kSocialWorker);
  const std::string before = h.Fingerprint();
  Step step = Step::OnRecord(services::AccessPolicy::Default(), sw, h.Now(), "referral", "update");
  Status s = step.Run(h.store(), Step::Mode::kAudited, [&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(Referral referral, step.Fetch(tx, r));
    referral.preferred_location = "changed without a trace";
    return tx.Update(referral);  // and no step.Audit(...)
  });
  EXPECT_EQ(s.code(), StatusCode::kInternal) << s.ToString();
  EXPECT_NE(s.message().find("without its audit record"), std::string::npos) << s.ToString();
  EXPECT_EQ(h.Fingerprint(), before) << "the unaudited change was kept";

  // The same change with its audit record goes through, and is chained.
  Status audited = step.Run(h.store(), Step::Mode::kAudited, [&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(Referral referral, step.Fetch(tx, r));
    std::string digest = services::RecordDigest(referral);
    referral.preferred_location = "changed, and audited";
    CC_RETURN_IF_ERROR(tx.Update(referral));
    return step.Audit(tx, "referral", r.value(), digest, services::RecordDigest(referral));
  });
  EXPECT_TRUE(audited.ok()) << audited.ToString();
  EXPECT_NE(h.Fingerprint(), before);
  ASSERT_TRUE(h.store()
                  .Read([&](store::Tx& tx) -> Status {
                    CC_ASSIGN_OR_RETURN(auto records, services::ListAudit(tx, 0, 100000));
                    EXPECT_EQ(records.back().action, "referral.update");
                    EXPECT_EQ(records.back().actor, sw.username);
                    CC_ASSIGN_OR_RETURN(auto report, services::VerifyAudit(tx));
                    EXPECT_TRUE(report.ok());
                    return Status::Ok();
                  })
                  .ok());
}

TEST(StepTest, AReadStepNeedsNoAuditRecord) {
  ApiHarness h("sqlite", 2);
  ReferralId r = h.SentReferral(h.a);
  const services::Principal& hub = h.a.users.at(Role::kHubOfficer);
  Step step = Step::OnRecord(services::AccessPolicy::Default(), hub, h.Now(), "offer", "list");
  Status s = step.Run(h.store(), Step::Mode::kRead,
                      [&](store::Tx& tx) -> Status { return step.Fetch(tx, r).status(); });
  EXPECT_TRUE(s.ok()) << s.ToString();
}

}  // namespace
}  // namespace carecoop::testing
