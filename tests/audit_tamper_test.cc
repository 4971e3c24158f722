// The audit trail's hash chain detects every tampering: 1,000 random edits,
// deletions and reorderings, each made in a transaction that is then rolled
// back, on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <random>

#include "services/audit.h"
#include "store/raw_access.h"
#include "tests/support/api_harness.h"

namespace carecoop::testing {
namespace {

class AuditTamperTest : public ::testing::TestWithParam<std::string> {};

constexpr const char* kTextColumns[] = {
    "at", "actor", "action", "resource", "before_digest", "after_digest", "prev_hash", "hash"};

TEST_P(AuditTamperTest, DetectsEveryOneOfAThousandRandomTamperings) {
  ApiHarness h(GetParam(), 10);
  for (int i = 0; i < 4; ++i) h.PlacementFor(h.a);
  std::int64_t records = 0;
  ASSERT_TRUE(h.store()
                  .Read([&](store::Tx& tx) -> Status {
                    CC_ASSIGN_OR_RETURN(auto report, services::VerifyAudit(tx));
                    EXPECT_TRUE(report.ok());
                    records = report.records;
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_GT(records, 30);

  std::mt19937_64 rng(20261123);
  auto pick = [&](std::int64_t n) {
    return std::uniform_int_distribution<std::int64_t>(1, n)(rng);
  };
  const Status kRollBack(StatusCode::kConflict, "roll back the tampering", "tamper");
  int detected = 0;
  std::map<std::string, int> kinds;
  for (int trial = 0; trial < 1000; ++trial) {
    std::string kind;
    bool verified_broken = false;
    Status s = h.store().Write([&](store::Tx& tx) -> Status {
      auto& c = store::RawConnection(tx);
      std::int64_t seq = pick(records);
      switch (rng() % 5) {
        case 0: {  // edit a text field: append one character
          const char* col = kTextColumns[rng() % std::size(kTextColumns)];
          kind = std::string("edit ") + col;
          CC_RETURN_IF_ERROR(c.Exec(std::string("UPDATE audit_log SET ") + col + " = " + col +
                                        " || 'x' WHERE seq = $1",
                                    {seq})
                                 .status());
          break;
        }
        case 1: {  // edit the resource id
          kind = "edit resource_id";
          CC_RETURN_IF_ERROR(
              c.Exec("UPDATE audit_log SET resource_id = resource_id + 1 WHERE seq = $1", {seq})
                  .status());
          break;
        }
        case 2: {  // delete a record (the last one too)
          kind = seq == records ? "delete last" : "delete";
          CC_RETURN_IF_ERROR(c.Exec("DELETE FROM audit_log WHERE seq = $1", {seq}).status());
          break;
        }
        case 3: {  // reorder: swap two records' places in the sequence
          kind = "reorder";
          std::int64_t other = pick(records);
          if (other == seq) other = seq == records ? seq - 1 : seq + 1;
          CC_RETURN_IF_ERROR(
              c.Exec("UPDATE audit_log SET seq = -1 WHERE seq = $1", {seq}).status());
          CC_RETURN_IF_ERROR(
              c.Exec("UPDATE audit_log SET seq = $1 WHERE seq = $2", {seq, other}).status());
          CC_RETURN_IF_ERROR(
              c.Exec("UPDATE audit_log SET seq = $1 WHERE seq = -1", {other}).status());
          break;
        }
        default: {  // delete records from the end and move the head back
          kind = "truncate and move head";
          std::int64_t keep = pick(records) - 1;
          CC_RETURN_IF_ERROR(c.Exec("DELETE FROM audit_log WHERE seq > $1", {keep}).status());
          CC_RETURN_IF_ERROR(
              c.Exec("UPDATE audit_head SET seq = $1 WHERE id = 1", {keep}).status());
          break;
        }
      }
      CC_ASSIGN_OR_RETURN(auto report, services::VerifyAudit(tx));
      verified_broken = !report.ok();
      return kRollBack;
    });
    ASSERT_EQ(s.field(), "tamper") << s.ToString();
    ++kinds[kind];
    if (verified_broken)
      ++detected;
    else
      ADD_FAILURE() << "not detected: " << kind;
  }
  EXPECT_EQ(detected, 1000);
  EXPECT_GE(kinds.size(), 6u);
  // Every tampering was rolled back: the trail is intact again.
  ASSERT_TRUE(h.store()
                  .Read([&](store::Tx& tx) -> Status {
                    CC_ASSIGN_OR_RETURN(auto report, services::VerifyAudit(tx));
                    EXPECT_TRUE(report.ok());
                    EXPECT_EQ(report.records, records);
                    return Status::Ok();
                  })
                  .ok());
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditTamperTest, ::testing::Values("sqlite", "postgresql"),
                         [](const ::testing::TestParamInfo<std::string>& p) { return p.param; });

}  // namespace
}  // namespace carecoop::testing
