// The audit trail: one record for every change, and for every read of a
// child's referral, written in the same transaction as what it records.
//
// Records are hash-chained. Record n holds hash_n = BLAKE2b-256(hash_{n-1},
// seq, at, actor, action, resource, resource id, before digest, after
// digest); audit_head holds the last seq and hash. VerifyAudit recomputes the
// chain and so detects any edited, deleted (anywhere, the last included) or
// reordered record. A digest is BLAKE2b-256 of a record's stored columns, so
// the trail says what a record was before and after without copying a
// child's data into it.
//
// The chain is unkeyed: it proves the trail has not been changed since the
// head was last seen. Keep the head `carecoop audit verify` prints somewhere
// else (a ticket, a log) to anchor it against someone who rewrites it whole.
#ifndef CARECOOP_SERVICES_AUDIT_H_
#define CARECOOP_SERVICES_AUDIT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "store/audit_log.h"
#include "store/store.h"

namespace carecoop::services {

// One record of the trail (store/audit_log.h holds its rows).
using store::AuditRecord;

// BLAKE2b-256, hex, over the bound column values (and id and version).
std::string DigestOfParams(const store::SqlParams& params);
template <class T>
std::string RecordDigest(const T& value) {
  store::SqlParams params{value.id.value(), value.version};
  store::Binder binder{params, {}};
  store::Mapping<T>::Fields(binder, value);
  return DigestOfParams(params);
}

// What one audit record says; AppendAudit fills seq, at and the hashes.
struct AuditEvent {
  std::string actor;
  std::string action;
  std::string resource;
  std::int64_t resource_id = 0;
  std::string before_digest;
  std::string after_digest;
};

// Appends one record in `tx` (taking the head's row lock on PostgreSQL, so
// concurrent writers chain one after another).
Status AppendAudit(store::Tx& tx, Timestamp at, const AuditEvent& event);

// The hash record n must carry, given the fields and the previous hash.
std::string ChainHash(const AuditRecord& r);

struct AuditReport {
  std::int64_t records = 0;
  std::string head_hash;
  std::vector<std::string> problems;  // empty when the chain is intact (first 20 shown)
  bool ok() const { return problems.empty(); }
};

// Recomputes the chain in `tx`.
Result<AuditReport> VerifyAudit(store::Tx& tx);

// Refusals since a time, one row per person and kind of refusal, most first:
// what `carecoop audit refusals` prints. A refusal is an audit record whose
// action ends ".denied" (403) or ".out_of_scope" (404 for a record outside
// the person's scope; services/step.h), ".unauthenticated" (401; by client
// address, services/users.h), or a refused sign-in ("session.fail",
// "session.throttled"; services/sign_in_throttle.h).
struct RefusalRow {
  std::string actor;
  std::string action;
  std::int64_t count = 0;
  std::string first_at, last_at;
  std::int64_t distinct_records = 0;  // ids tried: many, in a burst, is someone iterating
};
bool IsRefusal(const AuditRecord& r);
Result<std::vector<RefusalRow>> SummariseRefusals(store::Tx& tx, Timestamp since);

// Records in seq order, from `after_seq` (exclusive), at most `limit`.
Result<std::vector<AuditRecord>> ListAudit(store::Tx& tx, std::int64_t after_seq,
                                           std::int64_t limit);

}  // namespace carecoop::services

#endif  // CARECOOP_SERVICES_AUDIT_H_
