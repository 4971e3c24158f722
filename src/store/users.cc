#include "store/users.h"

#include "store/raw_access.h"

namespace carecoop::store {
namespace {

constexpr const char* kUserColumns =
    "u.id, u.username, u.role, u.council_id, u.rcc_id, u.provider_id, u.status, "
    "COALESCE(u.created_by, ''), COALESCE(u.approved_by, '')";
constexpr int kUserColumnCount = 9;

SqlValue Optional(const auto& id) {
  if (!id) return std::monostate{};
  return id->value();
}

UserRow RowToUser(const SqlRow& row) {
  UserRow u;
  u.id = row.Int(0);
  u.username = row.Text(1);
  u.role = row.Text(2);
  if (!row.IsNull(3)) u.council = CouncilId(row.Int(3));
  if (!row.IsNull(4)) u.rcc = RccId(row.Int(4));
  if (!row.IsNull(5)) u.provider = ProviderId(row.Int(5));
  u.status = row.Text(6);
  u.created_by = row.Text(7);
  u.approved_by = row.Text(8);
  return u;
}

// The one user matching `where` (on app_user u), if any; with its password hash when asked.
Result<std::optional<UserRow>> OneUser(Tx& tx, const std::string& where, const SqlParams& params,
                                       bool with_password_hash = false) {
  std::optional<UserRow> out;
  CC_RETURN_IF_ERROR(RawConnection(tx).Query(std::string("SELECT ") + kUserColumns +
                                                 (with_password_hash ? ", u.password_hash" : "") +
                                                 " FROM app_user u WHERE " + where,
                                             params, [&](const SqlRow& row) {
                                               out = RowToUser(row);
                                               if (with_password_hash)
                                                 out->password_hash = row.Text(kUserColumnCount);
                                               return Status::Ok();
                                             }));
  return out;
}

}  // namespace

Result<bool> UsernameTaken(Tx& tx, const std::string& username) {
  bool taken = false;
  CC_RETURN_IF_ERROR(RawConnection(tx).Query("SELECT 1 FROM app_user WHERE username = $1",
                                             {username}, [&](const SqlRow&) {
                                               taken = true;
                                               return Status::Ok();
                                             }));
  return taken;
}

Result<std::int64_t> InsertUser(Tx& tx, const UserRow& u, Timestamp now) {
  std::int64_t id = 0;
  CC_RETURN_IF_ERROR(RawConnection(tx).Query(
      "INSERT INTO app_user (username, password_hash, role, council_id, "
      "rcc_id, provider_id, created_at, status, created_by) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
      {u.username, u.password_hash, u.role, Optional(u.council), Optional(u.rcc),
       Optional(u.provider), FormatTimestamp(now), u.status, u.created_by},
      [&](const SqlRow& row) {
        id = row.Int(0);
        return Status::Ok();
      }));
  return id;
}

Result<std::optional<UserRow>> FindUser(Tx& tx, const std::string& username) {
  return OneUser(tx, "u.username = $1", {username}, /*with_password_hash=*/true);
}

Status DeleteExpiredSessions(Tx& tx, Timestamp now) {
  return RawConnection(tx)
      .Exec("DELETE FROM user_session WHERE expires_at < $1", {FormatTimestamp(now)})
      .status();
}

Result<std::vector<std::string>> DeleteOldestSessions(Tx& tx, std::int64_t user_id,
                                                      std::int64_t keep) {
  std::vector<std::string> hashes;
  CC_RETURN_IF_ERROR(RawConnection(tx).Query(
      "SELECT token_hash FROM user_session WHERE user_id = $1 ORDER BY created_at DESC, "
      "token_hash DESC",
      {user_id}, [&](const SqlRow& row) -> Status {
        hashes.push_back(row.Text(0));
        return Status::Ok();
      }));
  if (static_cast<std::int64_t>(hashes.size()) <= keep) return std::vector<std::string>{};
  std::vector<std::string> removed(hashes.begin() + keep, hashes.end());
  for (const std::string& h : removed) CC_RETURN_IF_ERROR(DeleteSession(tx, h));
  return removed;
}

Status InsertSession(Tx& tx, const std::string& token_hash, std::int64_t user_id, Timestamp created,
                     Timestamp expires) {
  return RawConnection(tx)
      .Exec(
          "INSERT INTO user_session (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, "
          "$3, $4)",
          {token_hash, user_id, FormatTimestamp(created), FormatTimestamp(expires)})
      .status();
}

Result<std::optional<SessionRow>> FindSession(Tx& tx, const std::string& token_hash,
                                              Timestamp now) {
  std::optional<SessionRow> out;
  CC_RETURN_IF_ERROR(RawConnection(tx).Query(
      std::string("SELECT ") + kUserColumns +
          ", s.expires_at FROM user_session s JOIN app_user u ON u.id = s.user_id "
          "WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.status = 'active'",
      {token_hash, FormatTimestamp(now)}, [&](const SqlRow& row) -> Status {
        SessionRow s;
        s.user = RowToUser(row);
        CC_ASSIGN_OR_RETURN(s.expires_at, ParseTimestamp(row.Text(kUserColumnCount), "expires_at"));
        out = std::move(s);
        return Status::Ok();
      }));
  return out;
}

Status SetEnrolment(Tx& tx, std::int64_t user_id, const std::string& code_hash, Timestamp expires) {
  return RawConnection(tx)
      .Exec("UPDATE app_user SET enrolment_hash = $1, enrolment_expires_at = $2 WHERE id = $3",
            {code_hash, FormatTimestamp(expires), user_id})
      .status();
}

Result<std::optional<UserRow>> FindByEnrolment(Tx& tx, const std::string& code_hash,
                                               Timestamp now) {
  return OneUser(tx, "u.enrolment_hash = $1 AND u.enrolment_expires_at > $2",
                 {code_hash, FormatTimestamp(now)});
}

Status CompleteEnrolment(Tx& tx, std::int64_t user_id, const std::string& password_hash) {
  return RawConnection(tx)
      .Exec(
          "UPDATE app_user SET password_hash = $1, enrolment_hash = NULL, enrolment_expires_at = "
          "NULL WHERE id = $2",
          {password_hash, user_id})
      .status();
}

Result<std::vector<ListedUser>> ListUsers(Tx& tx) {
  std::vector<ListedUser> out;
  CC_RETURN_IF_ERROR(RawConnection(tx).Query(
      std::string("SELECT ") + kUserColumns +
          ", CASE WHEN u.password_hash IS NULL OR u.password_hash = '' THEN 0 ELSE 1 END "
          "FROM app_user u ORDER BY u.username",
      {}, [&](const SqlRow& row) {
        out.push_back({RowToUser(row), row.Int(kUserColumnCount) != 0});
        return Status::Ok();
      }));
  return out;
}

Status UpdateUserAccess(Tx& tx, const UserRow& u) {
  return RawConnection(tx)
      .Exec(
          "UPDATE app_user SET role = $1, council_id = $2, rcc_id = $3, provider_id = $4, "
          "status = $5, created_by = $6, approved_by = $7 WHERE id = $8",
          {u.role, Optional(u.council), Optional(u.rcc), Optional(u.provider), u.status,
           u.created_by, u.approved_by, u.id})
      .status();
}

Status ApproveUser(Tx& tx, std::int64_t user_id, const std::string& approver) {
  return RawConnection(tx)
      .Exec("UPDATE app_user SET status = 'active', approved_by = $1 WHERE id = $2",
            {approver, user_id})
      .status();
}

Result<std::optional<UserRow>> GetUser(Tx& tx, std::int64_t user_id) {
  return OneUser(tx, "u.id = $1", {user_id});
}

Status DeleteSession(Tx& tx, const std::string& token_hash) {
  return RawConnection(tx)
      .Exec("DELETE FROM user_session WHERE token_hash = $1", {token_hash})
      .status();
}

}  // namespace carecoop::store
