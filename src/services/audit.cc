#include "services/audit.h"

#include <sodium.h>

#include <cstring>

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
  crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(prefix.data()), prefix.size());
  crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(field.data()), field.size());
  crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(";"), 1);
}

std::string Final(crypto_generichash_state& st) {
  unsigned char out[kHashBytes];
  crypto_generichash_final(&st, out, kHashBytes);
  return Hex(out, kHashBytes);
}

constexpr const char* kColumns =
    "seq, at, actor, action, resource, resource_id, before_digest, after_digest, prev_hash, hash";

AuditRecord RowToRecord(const store::SqlRow& row) {
  return {row.Int(0),  row.Text(1), row.Text(2), row.Text(3), row.Text(4),
          row.Int(5),  row.Text(6), row.Text(7), row.Text(8), row.Text(9)};
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
  auto& conn = tx.connection();
  std::string lock = conn.dialect() == store::Dialect::kPostgres
                         ? "SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE"
                         : "SELECT seq, hash FROM audit_head WHERE id = 1";
  AuditRecord r;
  bool found = false;
  CC_RETURN_IF_ERROR(conn.Query(lock, {}, [&](const store::SqlRow& row) {
    r.seq = row.Int(0) + 1;
    r.prev_hash = row.Text(1);
    found = true;
    return Status::Ok();
  }));
  if (!found) return Internal("the audit head is missing");
  r.at = FormatTimestamp(at);
  r.actor = event.actor;
  r.action = event.action;
  r.resource = event.resource;
  r.resource_id = event.resource_id;
  r.before_digest = event.before_digest;
  r.after_digest = event.after_digest;
  r.hash = ChainHash(r);
  CC_RETURN_IF_ERROR(conn.Exec(std::string("INSERT INTO audit_log (") + kColumns +
                                   ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                               {r.seq, r.at, r.actor, r.action, r.resource, r.resource_id, r.before_digest,
                                r.after_digest, r.prev_hash, r.hash})
                         .status());
  return conn.Exec("UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1", {r.seq, r.hash}).status();
}

Result<AuditReport> VerifyAudit(store::Tx& tx) {
  AuditReport report;
  auto problem = [&](std::string p) {
    if (report.problems.size() < 20) report.problems.push_back(std::move(p));
  };
  std::int64_t expected_seq = 1;
  std::string prev_hash;
  CC_RETURN_IF_ERROR(tx.connection().Query(
      std::string("SELECT ") + kColumns + " FROM audit_log ORDER BY seq", {}, [&](const store::SqlRow& row) {
        AuditRecord r = RowToRecord(row);
        std::string at = "record " + std::to_string(r.seq) + ": ";
        if (r.seq != expected_seq)
          problem(at + "expected record " + std::to_string(expected_seq) + " here: records are missing");
        if (r.prev_hash != prev_hash) problem(at + "does not follow the record before it (reordered or removed)");
        if (ChainHash(r) != r.hash) problem(at + "its contents do not match its hash (edited)");
        ++report.records;
        expected_seq = r.seq + 1;
        prev_hash = r.hash;
        return Status::Ok();
      }));
  bool head = false;
  CC_RETURN_IF_ERROR(tx.connection().Query("SELECT seq, hash FROM audit_head WHERE id = 1", {},
                                           [&](const store::SqlRow& row) {
                                             head = true;
                                             if (row.Int(0) != expected_seq - 1 || row.Text(1) != prev_hash)
                                               problem("the head says the trail ends at record " +
                                                       std::to_string(row.Int(0)) + ", but it ends at " +
                                                       std::to_string(expected_seq - 1) +
                                                       " (records removed from the end, or the head edited)");
                                             return Status::Ok();
                                           }));
  if (!head) problem("the audit head is missing");
  report.head_hash = prev_hash;
  return report;
}

Result<std::vector<AuditRecord>> ListAudit(store::Tx& tx, std::int64_t after_seq, std::int64_t limit) {
  std::vector<AuditRecord> out;
  CC_RETURN_IF_ERROR(tx.connection().Query(
      std::string("SELECT ") + kColumns + " FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2",
      {after_seq, limit}, [&](const store::SqlRow& row) {
        out.push_back(RowToRecord(row));
        return Status::Ok();
      }));
  return out;
}

}  // namespace carecoop::services
