// The people who sign in, and their sessions: the app_user and user_session
// tables as typed accessors. Passwords and tokens arrive here already hashed
// (services/users.h hashes them); roles are stored by their code.
#ifndef CARECOOP_STORE_USERS_H_
#define CARECOOP_STORE_USERS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/store.h"

namespace carecoop::store {

// One row of app_user.
struct UserRow {
  std::int64_t id = 0;
  std::string username;
  std::string role;  // the role's code, "hub_officer"
  std::optional<CouncilId> council;
  std::optional<RccId> rcc;
  std::optional<ProviderId> provider;
  std::string password_hash;      // argon2id, as libsodium writes it; "" until enrolled
  std::string status = "active";  // or "awaiting_approval"
  std::string created_by;         // the admin (or "carecoop user add")
  std::string approved_by;        // the second admin, when one approved
};

Result<bool> UsernameTaken(Tx& tx, const std::string& username);

// Inserts `user` (its id is ignored) created at `now`; returns the new id.
Result<std::int64_t> InsertUser(Tx& tx, const UserRow& user, Timestamp now);

// Keeps `code_hash` as the user's one-time enrolment code until `expires`.
Status SetEnrolment(Tx& tx, std::int64_t user_id, const std::string& code_hash, Timestamp expires);
// The user whose unexpired enrolment code hashes to `code_hash`, if any.
Result<std::optional<UserRow>> FindByEnrolment(Tx& tx, const std::string& code_hash, Timestamp now);
// Sets the password and spends the enrolment code.
Status CompleteEnrolment(Tx& tx, std::int64_t user_id, const std::string& password_hash);
// Marks the user approved by `approver` (status active).
Status ApproveUser(Tx& tx, std::int64_t user_id, const std::string& approver);
// The user with this id, if any (password_hash left empty).
Result<std::optional<UserRow>> GetUser(Tx& tx, std::int64_t user_id);

// The user called `username`, if any.
Result<std::optional<UserRow>> FindUser(Tx& tx, const std::string& username);

// Every user, by username, with whether they have set a password.
struct ListedUser {
  UserRow user;
  bool enrolled = false;
};
Result<std::vector<ListedUser>> ListUsers(Tx& tx);
// Sets the role, scope, status, who made and who approved the access of
// user `id`, as `user` holds them.
Status UpdateUserAccess(Tx& tx, const UserRow& user);

// A session: whose it is, and until when.
struct SessionRow {
  UserRow user;  // password_hash left empty
  Timestamp expires_at{};
};

// Removes every session that expired before `now`, whoever's it was.
Status DeleteExpiredSessions(Tx& tx, Timestamp now);
// Removes `user_id`'s sessions but the `keep` newest; the token hashes removed.
Result<std::vector<std::string>> DeleteOldestSessions(Tx& tx, std::int64_t user_id,
                                                      std::int64_t keep);
Status InsertSession(Tx& tx, const std::string& token_hash, std::int64_t user_id, Timestamp created,
                     Timestamp expires);
// The session with this token hash that is still valid at `now`, if any.
Result<std::optional<SessionRow>> FindSession(Tx& tx, const std::string& token_hash, Timestamp now);
Status DeleteSession(Tx& tx, const std::string& token_hash);

}  // namespace carecoop::store

#endif  // CARECOOP_STORE_USERS_H_
