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
  std::string password_hash;  // argon2id, as libsodium writes it
};

Result<bool> UsernameTaken(Tx& tx, const std::string& username);

// Inserts `user` (its id is ignored) created at `now`; returns the new id.
Result<std::int64_t> InsertUser(Tx& tx, const UserRow& user, Timestamp now);

// The user called `username`, if any.
Result<std::optional<UserRow>> FindUser(Tx& tx, const std::string& username);

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
