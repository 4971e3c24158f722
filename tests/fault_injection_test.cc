// Failures on purpose: a store that fails its nth write or its commit, and
// an Env whose files cannot be read or written. For a booking (with its 52
// payments), the close of a payment schedule and a 903 import, every write
// of the change is failed in turn, and the commit: each failure must leave
// the store exactly as it was (rows, versions and the audit head), and the
// change must then succeed untouched. On SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <filesystem>

#include "core/env.h"
#include "services/audit.h"
#include "services/ssda903_store.h"
#include "tests/support/api_harness.h"
#include "tests/support/temp_dir.h"

namespace carecoop::testing {
namespace {

class FaultInjectionTest : public ::testing::TestWithParam<std::string> {
 protected:
  // Runs `change` with its 1st, 2nd, ... write failing until a run fires no
  // fault, then with its commit failing; every failed run must leave the
  // fingerprint as it was. Returns the writes the whole change makes.
  int FailEachWriteThenTheCommit(ApiHarness& h, store::FaultPlan& plan,
                                 const std::function<Status()>& change) {
    int writes = 0;
    for (int k = 1;; ++k) {
      SCOPED_TRACE("write " + std::to_string(k) + " fails");
      const std::string before = h.Fingerprint();
      plan.FailWrite(k);
      Status s = change();
      bool fired = plan.fired();
      plan.Disarm();
      if (!fired) {
        writes = k - 1;
        // The change that was not broken went through; undo nothing, but
        // the caller's change must still be repeatable, so report and stop.
        EXPECT_TRUE(s.ok()) << s.ToString();
        return writes;
      }
      EXPECT_FALSE(s.ok());
      EXPECT_NE(s.message().find("injected fault"), std::string::npos) << s.ToString();
      EXPECT_EQ(h.Fingerprint(), before) << "a failed write left the store changed";
      if (k == 1) {
        SCOPED_TRACE("commit fails");
        plan.FailCommit(1);
        Status c = change();
        bool commit_fired = plan.fired();
        plan.Disarm();
        EXPECT_TRUE(commit_fired);
        EXPECT_FALSE(c.ok());
        EXPECT_EQ(h.Fingerprint(), before) << "a failed commit left the store changed";
      }
    }
  }
};

TEST_P(FaultInjectionTest, AFailureAnywhereInABookingLeavesTheStoreUnchanged) {
  auto plan = std::make_shared<store::FaultPlan>();
  ApiHarness h(GetParam(), /*places=*/2, plan);
  ReferralId r = h.SentReferral(h.a);
  ProposalId p = h.ProposalFor(h.a, r, h.OfferFor(h.a, r));
  const services::Principal& scrutiny = h.a.users.at(Role::kScrutinyOfficer);
  int writes = FailEachWriteThenTheCommit(h, *plan, [&] {
    return h.workflow().Decide(scrutiny, p, ScrutinyOutcome::kApproved, "").status();
  });
  // The proposal, the decision, the placement, the place, 52 payments, the
  // offer, the referral, the audit record and its head: each failed once.
  EXPECT_GE(writes, 52 + 7);
  ASSERT_TRUE(h.store()
                  .Read([&](store::Tx& tx) -> Status {
                    CC_ASSIGN_OR_RETURN(auto placements, tx.ListBy<Placement>(r));
                    EXPECT_EQ(placements.size(), 1u) << "booked once, by the run nothing broke";
                    CC_ASSIGN_OR_RETURN(std::int64_t payments, tx.Count<Payment>());
                    EXPECT_EQ(payments, 52);
                    CC_ASSIGN_OR_RETURN(auto report, services::VerifyAudit(tx));
                    EXPECT_TRUE(report.ok());
                    return Status::Ok();
                  })
                  .ok());
}

TEST_P(FaultInjectionTest, AFailureWhileClosingAPaymentScheduleLeavesTheStoreUnchanged) {
  auto plan = std::make_shared<store::FaultPlan>();
  ApiHarness h(GetParam(), /*places=*/2, plan);
  PlacementId placement = h.PlacementFor(h.a);
  const services::Principal& hub = h.a.users.at(Role::kHubOfficer);
  // Ends in the middle of a week: later weeks cancelled, that week pro rata.
  const services::EndRequest end{Date(2025, 6, 4), "CHILD", ""};
  int writes = FailEachWriteThenTheCommit(
      h, *plan, [&] { return h.workflow().EndPlacement(hub, placement, end).status(); });
  EXPECT_GE(writes, 40);  // the placement, the freed place, ~43 payments, the audit record and head
  ASSERT_TRUE(h.store()
                  .Read([&](store::Tx& tx) -> Status {
                    CC_ASSIGN_OR_RETURN(auto payments, tx.ListBy<Payment>(placement));
                    int cancelled = 0;
                    for (const Payment& pay : payments)
                      cancelled += pay.status == PaymentStatus::kCancelled;
                    EXPECT_GT(cancelled, 40);
                    return Status::Ok();
                  })
                  .ok());
}

TEST_P(FaultInjectionTest, AFailureInTheMiddleOfAnImportLeavesTheStoreUnchanged) {
  auto plan = std::make_shared<store::FaultPlan>();
  ApiHarness h(GetParam(), /*places=*/2, plan);
  std::string council;
  ASSERT_TRUE(h.store()
                  .Read([&](store::Tx& tx) -> Status {
                    CC_ASSIGN_OR_RETURN(Council c, tx.Get<Council>(h.a.council));
                    council = c.ons_code;
                    return Status::Ok();
                  })
                  .ok());
  // 450 children with one episode each: three statements of rows a table.
  ssda903::Return r;
  for (int i = 0; i < 450; ++i) {
    ssda903::HeaderRow hd;
    hd.year = 2025;
    hd.child = std::to_string(100000 + i);
    hd.sex = "1";
    hd.dob = Date(2012, 1, 1).AddDays(i);
    hd.ethnic = "WBRI";
    r.headers.push_back(hd);
    ssda903::EpisodeRow e;
    e.year = 2025;
    e.child = hd.child;
    e.decom = Date(2024, 5, 1);
    e.rne = "S";
    e.ls = "C2";
    e.cin = "N1";
    e.place = "U1";
    e.place_provider = "PR1";
    r.episodes.push_back(e);
  }
  FaultyEnv env;
  env.SetNow(ParseTimestamp("2025-04-02T10:00:00Z").value());
  int writes = FailEachWriteThenTheCommit(h, *plan, [&] {
    return services::ImportReturn(h.store(), r, council, /*replace=*/false, "importer", env)
        .status();
  });
  EXPECT_GE(writes,
            3 + 3 + 3 + 2);  // three deletes, header and episode rows, the audit record and head
  ASSERT_TRUE(h.store()
                  .Read([&](store::Tx& tx) -> Status {
                    CC_ASSIGN_OR_RETURN(auto audit, services::ListAudit(tx, 0, 100000));
                    EXPECT_EQ(audit.back().action, "ssda903.import");
                    EXPECT_EQ(audit.back().at, "2025-04-02T10:00:00Z")
                        << "the import's time is the Env's";
                    return Status::Ok();
                  })
                  .ok());
}

INSTANTIATE_TEST_SUITE_P(Backends, FaultInjectionTest, ::testing::Values("sqlite", "postgresql"),
                         [](const ::testing::TestParamInfo<std::string>& p) { return p.param; });

// Files: a return whose second table cannot be read is refused whole, naming
// the file; an export whose second file cannot be written says which, and
// leaves no half-written file behind.
TEST(FaultyEnvTest, AnUnreadableOrUnwritableFileIsAnErrorNamingIt) {
  const std::filesystem::path sample =
      std::filesystem::path(CARECOOP_TEST_DATA) / "peers/cs-demand-model/data/2017";
  ssda903::ReadReport report;
  ssda903::ReadOptions options;
  FaultyEnv env;
  options.env = &env;
  auto whole = ssda903::ReadReturn(sample, options, report);
  ASSERT_TRUE(whole.ok()) << whole.status().ToString();
  env.FailRead(2);
  report = {};
  auto broken = ssda903::ReadReturn(sample, options, report);
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.status().field(), "path");
  EXPECT_NE(broken.status().message().find("cannot read"), std::string::npos)
      << broken.status().ToString();

  std::filesystem::path out = FreshTempDir("faulty-env");
  env.FailWrite(2);
  Status s = ssda903::WriteCsvPooled(*whole, out, env);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.field(), "output");
  int files = 0;
  for (const auto& f : std::filesystem::directory_iterator(out)) {
    ++files;
    EXPECT_NE(f.path().extension(), ".tmp") << "no half-written file is left";
  }
  EXPECT_EQ(files, 1) << "the first file was written whole; the second was not written";
}

}  // namespace
}  // namespace carecoop::testing
