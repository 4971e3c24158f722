// The audit trail's two tables, audit_log and audit_head, as typed
// accessors: the chain's rules live in services/audit.h; this file only
// reads and writes rows (docs/formats/audit-chain.md).
#ifndef CARECOOP_STORE_AUDIT_LOG_H_
#define CARECOOP_STORE_AUDIT_LOG_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/store.h"

namespace carecoop::store {

// One row of audit_log.
struct AuditRecord {
  std::int64_t seq = 0;
  std::string at;  // ISO timestamp, as stored
  std::string actor;
  std::string action;    // "referral.update", "proposal.decide", ...
  std::string resource;  // "referral"
  std::int64_t resource_id = 0;
  std::string before_digest;  // "" when the record is new or only read
  std::string after_digest;
  std::string prev_hash;
  std::string hash;
};

// The last record's seq and hash, as audit_head holds them.
struct AuditHead {
  std::int64_t seq = 0;
  std::string hash;
};

// Reads the head for appending: on PostgreSQL it takes the head's row lock
// (SELECT ... FOR UPDATE), so concurrent writers chain one after another;
// SQLite's write transaction already holds the only write lock.
// Internal when the head row is missing.
Result<AuditHead> LockAuditHead(Tx& tx);

// Inserts `record` and moves the head to it.
Status AppendAuditRecord(Tx& tx, const AuditRecord& record);

// The head as stored, or nullopt when its row is missing.
Result<std::optional<AuditHead>> ReadAuditHead(Tx& tx);

// Calls fn with every record in seq order; stops at fn's first error.
Status ForEachAuditRecord(Tx& tx, const std::function<Status(const AuditRecord&)>& fn);

// Records written at or after `at` (ISO 8601, as stored) whose action ends
// with one of `action_endings` ("...denied", "session.fail"), in seq order.
// The database does the filtering: a trail holds far more than refusals.
Result<std::vector<AuditRecord>> ListAuditRecordsSince(
    Tx& tx, const std::string& at, const std::vector<std::string>& action_endings);

// Records about any of `records` (resource, resource id), in seq order.
Result<std::vector<AuditRecord>> ListAuditRecordsAbout(
    Tx& tx, const std::vector<std::pair<std::string, std::int64_t>>& records);

// Records with seq > after_seq, in seq order, at most `limit`.
Result<std::vector<AuditRecord>> ListAuditRecords(Tx& tx, std::int64_t after_seq,
                                                  std::int64_t limit);

}  // namespace carecoop::store

#endif  // CARECOOP_STORE_AUDIT_LOG_H_
