// Users, passwords and sessions.
//
// Passwords are hashed with libsodium's argon2id (crypto_pwhash_str_alg);
// only the hash is stored. A session token is 32 random bytes (hex); only
// its BLAKE2b hash is stored, and it expires. Signing in answers the same
// for an unknown user and a wrong password.
#ifndef CARECOOP_SERVICES_USERS_H_
#define CARECOOP_SERVICES_USERS_H_

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "services/access.h"
#include "store/store.h"

namespace carecoop::services {

// How hard a password hash is to compute. kInteractive is libsodium's
// interactive limit (64 MiB, about 0.1 s), the default everywhere real; the
// minimum exists so that tests creating many users stay fast.
enum class PasswordCost { kInteractive, kTestOnlyMinimum };

inline constexpr std::size_t kMinPasswordLength = 12;

struct NewUser {
  std::string username;
  std::string password;
  Role role = Role::kSocialWorker;
  std::optional<CouncilId> council;    // social_worker
  std::optional<RccId> rcc;            // hub_officer, scrutiny_officer, commissioner
  std::optional<ProviderId> provider;  // provider
};

// Checks the user (the scope its role needs, and no other) and stores it;
// Conflict naming username when taken. Audited as user.create by `actor`.
Result<Principal> AddUser(store::Store& store, const NewUser& user, Timestamp now,
                          std::string_view actor, PasswordCost cost = PasswordCost::kInteractive);

// Separation of duties (docs/api.md, "Separation of duties"). An admin adds
// a user over the API without a password: the user gets a one-time
// enrolment code (shown once, kept only as its hash, valid
// kEnrolmentLifetime) and sets their own. An account whose role can reach
// children's records (reads referrals, offers' referrals, proposals or
// placements, per the access matrix) or can add users is created
// "awaiting_approval": it cannot sign in until a second admin, not the one
// who added it, approves it.
inline constexpr std::chrono::hours kEnrolmentLifetime{72};
bool NeedsSecondApproval(Role role, const AccessPolicy& policy);

struct Invitation {
  Principal user;
  std::string status;  // "active" or "awaiting_approval"
  std::string enrolment_code;
  Timestamp enrolment_expires_at{};
};
// `user.password` must be empty. Audited as user.create by the admin.
Result<Invitation> InviteUser(store::Store& store, const NewUser& user, Timestamp now,
                              const Principal& admin, const AccessPolicy& policy);
// PermissionDenied when `admin` added the user; Conflict when not awaiting
// approval; NotFound when there is no such user. Audited as user.approve.
Result<Principal> ApproveUser(store::Store& store, std::int64_t user_id, const Principal& admin,
                              Timestamp now);
// Sets the password of the user whose unexpired code this is, and spends
// the code; Unauthenticated when the code is wrong, spent or expired.
// Audited as user.enrol.
Result<Principal> Enrol(store::Store& store, std::string_view code, std::string_view password,
                        Timestamp now, PasswordCost cost = PasswordCost::kInteractive);

struct Session {
  std::string token;  // give it back as "Authorization: Bearer <token>"
  Timestamp expires_at{};
  Principal who;
  // The user's oldest sessions this sign-in revoked (kMaxSessionsPerUser), as token hashes.
  std::vector<std::string> revoked;
};

inline constexpr std::chrono::hours kSessionLifetime{12};
// Live sessions a user may hold; signing in once more revokes the oldest.
inline constexpr int kMaxSessionsPerUser = 10;

// The digest a token is stored and looked up by (BLAKE2b, hex).
std::string TokenHash(std::string_view token);

// Unauthenticated when the username or password is wrong; PermissionDenied,
// after a right password, while the account awaits approval. A sign-in also
// removes every expired session (anyone's) and revokes the user's oldest
// sessions beyond kMaxSessionsPerUser, each revocation audited.
Result<Session> SignIn(store::Store& store, std::string_view username, std::string_view password,
                       Timestamp now, std::chrono::seconds lifetime = kSessionLifetime);

// Records a refused sign-in in the audit trail, one record per action, in
// one transaction: "session.fail" (a wrong username or password),
// "session.lock" (that failure locked the username or the address) or
// "session.throttled" (refused while locked). The actor is the username
// tried (at most 64 characters); the client address is kept as a digest.
// services/sign_in_throttle.h has the rule.
Status AuditSignInRefusal(store::Store& store, std::string_view username, std::string_view address,
                          const std::vector<std::string_view>& actions, Timestamp now);

// Records a request refused 401 (no token, or one unknown or expired):
// action "request.unauthenticated", resource the route's pattern and the id
// in its path (0 when none); the actor is "address:" and the first 16 hex
// digits of the client address's digest, so a burst from one address shows
// as one row of `carecoop audit refusals`.
// A change asked with a browser session's cookie but without its CSRF
// token (or from another origin), refused: audited as
// request.csrf_refused, actor the signed-in user.
Status AuditCsrfRefusal(store::Store& store, std::string_view username, std::string_view route,
                        std::int64_t id, std::string_view address, Timestamp now);
Status AuditUnauthenticated(store::Store& store, std::string_view route, std::int64_t id,
                            std::string_view address, Timestamp now);

// The person a token belongs to; Unauthenticated when it is unknown or expired.
Result<Principal> Authenticate(store::Store& store, std::string_view token, Timestamp now);
// The same, with the session's expiry (Session::token is left empty).
Result<Session> AuthenticateSession(store::Store& store, std::string_view token, Timestamp now);

// Ends the session (idempotent).
Status SignOut(store::Store& store, std::string_view token);
// Ends every session of `who` (sign out everywhere), audited as
// session.end_all; the token hashes ended, for the server to forget.
// A user as an admin manages them: the principal, the account's status
// (active, awaiting_approval, disabled), whether they have enrolled, who
// added and who approved them.
struct UserRecord {
  Principal principal;
  std::string status;
  bool enrolled = false;
  std::string created_by;
  std::string approved_by;
};

// Every user, by username (admins; gated by the caller).
Result<std::vector<UserRecord>> ListUsers(store::Store& store);

// A change an admin makes to a user: a role with its scope (the scope the
// role needs, and no other), or disabling / enabling the account. Any change
// ends the user's sessions (their hashes are returned, for the server's
// cache); a new role that needs a second admin's approval (AccessPolicy)
// leaves the account awaiting it, with the changing admin as the maker (so
// another admin must approve). An admin cannot change their own account.
// Audited as user.update.
struct UserChange {
  std::optional<Role> role;
  std::optional<CouncilId> council;
  std::optional<RccId> rcc;
  std::optional<ProviderId> provider;
  std::optional<bool> disabled;
};
struct ChangedUser {
  UserRecord user;
  std::vector<std::string> ended_sessions;
};
Result<ChangedUser> ChangeUser(store::Store& store, std::int64_t user_id, const UserChange& change,
                               const Principal& admin, Timestamp now,
                               const AccessPolicy& policy = AccessPolicy::Default());

Result<std::vector<std::string>> SignOutEverywhere(store::Store& store, const Principal& who,
                                                   Timestamp now);

// The hash a password verifies against (exposed for tests).
Result<std::string> HashPassword(std::string_view password, PasswordCost cost);
bool VerifyPassword(const std::string& hash, std::string_view password);

}  // namespace carecoop::services

#endif  // CARECOOP_SERVICES_USERS_H_
