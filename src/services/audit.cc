#include "services/audit.h"

#include <sodium.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <set>

namespace carecoop::services {
namespace {

constexpr std::size_t kHashBytes = 32;

std::string Hex(const unsigned char* bytes, std::size_t n) {
  std::string out(n * 2, '0');
  sodium_bin2hex(out.data(), out.size() + 1, bytes, n);
  return out;
}

// Feeds one field as "<length>:<bytes>;" so that no two field lists hash alike.
void Feed(crypto_generichash_state& st, std::string_view field) {
  std::string prefix = std::to_string(field.size()) + ":";
  crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(prefix.data()),
                            prefix.size());
  crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(field.data()),
                            field.size());
  crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(";"), 1);
}

std::string Final(crypto_generichash_state& st) {
  unsigned char out[kHashBytes];
  crypto_generichash_final(&st, out, kHashBytes);
  return Hex(out, kHashBytes);
}

}  // namespace

std::string DigestOfParams(const store::SqlParams& params) {
  crypto_generichash_state st;
  crypto_generichash_init(&st, nullptr, 0, kHashBytes);
  for (const store::SqlValue& v : params) {
    if (std::holds_alternative<std::monostate>(v)) {
      Feed(st, "N");
    } else if (const auto* i = std::get_if<std::int64_t>(&v)) {
      Feed(st, "I" + std::to_string(*i));
    } else if (const auto* d = std::get_if<double>(&v)) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "R%.17g", *d);
      Feed(st, buf);
    } else {
      Feed(st, "T" + std::get<std::string>(v));
    }
  }
  return Final(st);
}

std::string ChainHash(const AuditRecord& r) {
  crypto_generichash_state st;
  crypto_generichash_init(&st, nullptr, 0, kHashBytes);
  Feed(st, r.prev_hash);
  Feed(st, std::to_string(r.seq));
  Feed(st, r.at);
  Feed(st, r.actor);
  Feed(st, r.action);
  Feed(st, r.resource);
  Feed(st, std::to_string(r.resource_id));
  Feed(st, r.before_digest);
  Feed(st, r.after_digest);
  return Final(st);
}

Status AppendAudit(store::Tx& tx, Timestamp at, const AuditEvent& event) {
  CC_ASSIGN_OR_RETURN(store::AuditHead head, store::LockAuditHead(tx));
  AuditRecord r;
  r.seq = head.seq + 1;
  r.prev_hash = head.hash;
  r.at = FormatTimestamp(at);
  r.actor = event.actor;
  r.action = event.action;
  r.resource = event.resource;
  r.resource_id = event.resource_id;
  r.before_digest = event.before_digest;
  r.after_digest = event.after_digest;
  r.hash = ChainHash(r);
  return store::AppendAuditRecord(tx, r);
}

Result<AuditReport> VerifyAudit(store::Tx& tx) {
  AuditReport report;
  auto problem = [&](std::string p) {
    if (report.problems.size() < 20) report.problems.push_back(std::move(p));
  };
  std::int64_t expected_seq = 1;
  std::string prev_hash;
  CC_RETURN_IF_ERROR(store::ForEachAuditRecord(tx, [&](const AuditRecord& r) {
    std::string at = "record " + std::to_string(r.seq) + ": ";
    if (r.seq != expected_seq)
      problem(at + "expected record " + std::to_string(expected_seq) +
              " here: records are missing");
    if (r.prev_hash != prev_hash)
      problem(at + "does not follow the record before it (reordered or removed)");
    if (ChainHash(r) != r.hash) problem(at + "its contents do not match its hash (edited)");
    ++report.records;
    expected_seq = r.seq + 1;
    prev_hash = r.hash;
    return Status::Ok();
  }));
  CC_ASSIGN_OR_RETURN(auto head, store::ReadAuditHead(tx));
  if (!head) {
    problem("the audit head is missing");
  } else if (head->seq != expected_seq - 1 || head->hash != prev_hash) {
    problem("the head says the trail ends at record " + std::to_string(head->seq) +
            ", but it ends at " + std::to_string(expected_seq - 1) +
            " (records removed from the end, or the head edited)");
  }
  report.head_hash = prev_hash;
  return report;
}

namespace {

// What makes an audit record a refusal: how its action ends.
const std::vector<std::string>& RefusalEndings() {
  static const std::vector<std::string> kEndings = {".denied", ".out_of_scope", ".unauthenticated",
                                                    "session.fail", "session.throttled"};
  return kEndings;
}

}  // namespace

bool IsRefusal(const AuditRecord& r) {
  for (const std::string& ending : RefusalEndings())
    if (r.action.ends_with(ending)) return true;
  return false;
}

Result<std::vector<RefusalRow>> SummariseRefusals(store::Tx& tx, Timestamp since) {
  CC_ASSIGN_OR_RETURN(auto records,
                      store::ListAuditRecordsSince(tx, FormatTimestamp(since), RefusalEndings()));
  struct Tally {
    RefusalRow row;
    std::set<std::int64_t> ids;
  };
  std::map<std::pair<std::string, std::string>, Tally> tallies;
  for (const AuditRecord& r : records) {
    Tally& t = tallies[{r.actor, r.action}];
    if (t.row.count == 0) t.row = {r.actor, r.action, 0, r.at, r.at, 0};
    ++t.row.count;
    t.row.last_at = r.at;
    t.ids.insert(r.resource_id);
  }
  std::vector<RefusalRow> out;
  for (auto& [key, t] : tallies) {
    t.row.distinct_records = static_cast<std::int64_t>(t.ids.size());
    out.push_back(std::move(t.row));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const RefusalRow& a, const RefusalRow& b) { return a.count > b.count; });
  return out;
}

Result<std::vector<AuditRecord>> ListAudit(store::Tx& tx, std::int64_t after_seq,
                                           std::int64_t limit) {
  return store::ListAuditRecords(tx, after_seq, limit);
}

}  // namespace carecoop::services
