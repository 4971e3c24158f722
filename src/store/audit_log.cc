#include "store/audit_log.h"

#include "store/raw_access.h"

namespace carecoop::store {
namespace {

constexpr const char* kColumns =
    "seq, at, actor, action, resource, resource_id, before_digest, after_digest, prev_hash, hash";

AuditRecord RowToRecord(const SqlRow& row) {
  return {row.Int(0), row.Text(1), row.Text(2), row.Text(3), row.Text(4),
          row.Int(5), row.Text(6), row.Text(7), row.Text(8), row.Text(9)};
}

}  // namespace

Result<AuditHead> LockAuditHead(Tx& tx) {
  auto& conn = RawConnection(tx);
  std::string lock = conn.dialect() == Dialect::kPostgres
                         ? "SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE"
                         : "SELECT seq, hash FROM audit_head WHERE id = 1";
  std::optional<AuditHead> head;
  CC_RETURN_IF_ERROR(conn.Query(lock, {}, [&](const SqlRow& row) {
    head = AuditHead{row.Int(0), row.Text(1)};
    return Status::Ok();
  }));
  if (!head) return Internal("the audit head is missing");
  return *head;
}

Status AppendAuditRecord(Tx& tx, const AuditRecord& r) {
  auto& conn = RawConnection(tx);
  CC_RETURN_IF_ERROR(conn.Exec(std::string("INSERT INTO audit_log (") + kColumns +
                                   ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                               {r.seq, r.at, r.actor, r.action, r.resource, r.resource_id,
                                r.before_digest, r.after_digest, r.prev_hash, r.hash})
                         .status());
  return conn.Exec("UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1", {r.seq, r.hash})
      .status();
}

Result<std::optional<AuditHead>> ReadAuditHead(Tx& tx) {
  std::optional<AuditHead> head;
  CC_RETURN_IF_ERROR(RawConnection(tx).Query("SELECT seq, hash FROM audit_head WHERE id = 1", {},
                                             [&](const SqlRow& row) {
                                               head = AuditHead{row.Int(0), row.Text(1)};
                                               return Status::Ok();
                                             }));
  return head;
}

Status ForEachAuditRecord(Tx& tx, const std::function<Status(const AuditRecord&)>& fn) {
  return RawConnection(tx).Query(std::string("SELECT ") + kColumns + " FROM audit_log ORDER BY seq",
                                 {}, [&](const SqlRow& row) { return fn(RowToRecord(row)); });
}

Result<std::vector<AuditRecord>> ListAuditRecordsSince(
    Tx& tx, const std::string& at, const std::vector<std::string>& action_endings) {
  std::vector<AuditRecord> out;
  if (action_endings.empty()) return out;
  // substr(...) = ending, not LIKE: an ending such as ".out_of_scope" holds
  // '_', which LIKE reads as any character.
  std::string sql = std::string("SELECT ") + kColumns + " FROM audit_log WHERE at >= $1 AND (";
  SqlParams params{at};
  for (const std::string& ending : action_endings) {
    params.emplace_back(ending);
    const std::string p = "$" + std::to_string(params.size());
    sql += (params.size() > 2 ? " OR " : "") +
           std::string("substr(action, length(action) - length(") + p + ") + 1) = " + p;
  }
  sql += ") ORDER BY seq";
  CC_RETURN_IF_ERROR(RawConnection(tx).Query(sql, params, [&](const SqlRow& row) {
    out.push_back(RowToRecord(row));
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<AuditRecord>> ListAuditRecordsAbout(
    Tx& tx, const std::vector<std::pair<std::string, std::int64_t>>& records) {
  std::vector<AuditRecord> out;
  if (records.empty()) return out;
  std::string sql = std::string("SELECT ") + kColumns + " FROM audit_log WHERE ";
  SqlParams params;
  for (const auto& [resource, id] : records) {
    params.emplace_back(resource);
    params.emplace_back(id);
    sql += (params.size() > 2 ? " OR " : "") + std::string("(resource = $") +
           std::to_string(params.size() - 1) + " AND resource_id = $" +
           std::to_string(params.size()) + ")";
  }
  sql += " ORDER BY seq";
  CC_RETURN_IF_ERROR(RawConnection(tx).Query(sql, params, [&](const SqlRow& row) {
    out.push_back(RowToRecord(row));
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<AuditRecord>> ListAuditRecords(Tx& tx, std::int64_t after_seq,
                                                  std::int64_t limit) {
  std::vector<AuditRecord> out;
  CC_RETURN_IF_ERROR(RawConnection(tx).Query(
      std::string("SELECT ") + kColumns + " FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2",
      {after_seq, limit}, [&](const SqlRow& row) {
        out.push_back(RowToRecord(row));
        return Status::Ok();
      }));
  return out;
}

}  // namespace carecoop::store
