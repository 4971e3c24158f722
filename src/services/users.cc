#include "services/users.h"

#include <sodium.h>

#include "services/audit.h"
#include "store/users.h"

namespace carecoop::services {
namespace {

Status InitSodium() {
  static const int kInit = sodium_init();
  if (kInit < 0) return Internal("libsodium could not start");
  return Status::Ok();
}

}  // namespace

std::string TokenHash(std::string_view token) {
  unsigned char out[32];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  std::string hex(64, '0');
  sodium_bin2hex(hex.data(), hex.size() + 1, out, sizeof out);
  return hex;
}

namespace {

bool ValidUsername(std::string_view u) {
  if (u.size() < 3 || u.size() > 64) return false;
  for (char c : u)
    if (!(std::islower(static_cast<unsigned char>(c)) ||
          std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-'))
      return false;
  return true;
}

Status CheckScope(const NewUser& u) {
  bool wants_council = u.role == Role::kSocialWorker;
  bool wants_rcc = u.role == Role::kHubOfficer || u.role == Role::kScrutinyOfficer ||
                   u.role == Role::kCommissioner;
  bool wants_provider = u.role == Role::kProvider;
  std::string role(EnumCode(u.role));
  if (wants_council != u.council.has_value())
    return InvalidArgument("council", wants_council ? "a " + role + " needs their council"
                                                    : "a " + role + " has no council");
  if (wants_rcc != u.rcc.has_value())
    return InvalidArgument(
        "rcc", wants_rcc ? "a " + role + " needs their RCC" : "a " + role + " has no RCC");
  if (wants_provider != u.provider.has_value())
    return InvalidArgument("provider", wants_provider ? "a provider user needs their provider"
                                                      : "a " + role + " has no provider");
  return Status::Ok();
}

Result<Principal> ToPrincipal(const store::UserRow& row) {
  Principal p;
  p.user_id = row.id;
  p.username = row.username;
  auto role = ParseEnumCode<Role>(row.role);
  if (!role) return Internal("stored role of user " + p.username + " is not a known role");
  p.role = *role;
  p.council = row.council;
  p.rcc = row.rcc;
  p.provider = row.provider;
  return p;
}

store::SqlValue Optional(const auto& id) {
  if (!id) return std::monostate{};
  return id->value();
}

}  // namespace

Result<std::string> HashPassword(std::string_view password, PasswordCost cost) {
  CC_RETURN_IF_ERROR(InitSodium());
  char out[crypto_pwhash_STRBYTES];
  bool minimum = cost == PasswordCost::kTestOnlyMinimum;
  unsigned long long ops =
      minimum ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE;
  std::size_t mem = minimum ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE;
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), ops, mem,
                            crypto_pwhash_ALG_ARGON2ID13) != 0)
    return Internal("out of memory hashing a password");
  return std::string(out);
}

bool VerifyPassword(const std::string& hash, std::string_view password) {
  if (!InitSodium().ok()) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

namespace {

// The checks every new user passes, password aside.
Status CheckNewUser(const NewUser& user) {
  if (!ValidUsername(user.username))
    return InvalidArgument(
        "username", "must be 3 to 64 characters: lower-case letters, digits, '.', '_' or '-'");
  if (!IsKnownEnumValue(user.role))
    return InvalidArgument("role", "must be one of " + EnumCodeList<Role>());
  return CheckScope(user);
}

// Stores the user in `tx` (its scope's records must exist); its principal.
Result<Principal> InsertNewUser(store::Tx& tx, const NewUser& user, const std::string& hash,
                                const std::string& status, std::string_view actor, Timestamp now) {
  if (user.council && !tx.Get<Council>(*user.council).ok())
    return InvalidArgument("council",
                           "there is no council with id " + std::to_string(user.council->value()));
  if (user.rcc && !tx.Get<Rcc>(*user.rcc).ok())
    return InvalidArgument("rcc", "there is no RCC with id " + std::to_string(user.rcc->value()));
  if (user.provider && !tx.Get<Provider>(*user.provider).ok())
    return InvalidArgument(
        "provider", "there is no provider with id " + std::to_string(user.provider->value()));
  CC_ASSIGN_OR_RETURN(bool taken, store::UsernameTaken(tx, user.username));
  if (taken) return Conflict("the username '" + user.username + "' is taken", "username");
  store::UserRow row{0,
                     user.username,
                     std::string(EnumCode(user.role)),
                     user.council,
                     user.rcc,
                     user.provider,
                     hash,
                     status,
                     std::string(actor),
                     ""};
  CC_ASSIGN_OR_RETURN(std::int64_t id, store::InsertUser(tx, row, now));
  std::string after =
      DigestOfParams({id, user.username, std::string(EnumCode(user.role)), Optional(user.council),
                      Optional(user.rcc), Optional(user.provider), status});
  CC_RETURN_IF_ERROR(
      AppendAudit(tx, now, {std::string(actor), "user.create", "user", id, "", after}));
  return Principal{id, user.username, user.role, user.council, user.rcc, user.provider};
}

std::string RandomHex(std::size_t bytes) {
  std::vector<unsigned char> raw(bytes);
  randombytes_buf(raw.data(), raw.size());
  std::string hex(bytes * 2, '0');
  sodium_bin2hex(hex.data(), hex.size() + 1, raw.data(), raw.size());
  return hex;
}

}  // namespace

Result<Principal> AddUser(store::Store& store, const NewUser& user, Timestamp now,
                          std::string_view actor, PasswordCost cost) {
  CC_RETURN_IF_ERROR(CheckNewUser(user));
  if (user.password.size() < kMinPasswordLength)
    return InvalidArgument(
        "password", "must be at least " + std::to_string(kMinPasswordLength) + " characters");
  CC_ASSIGN_OR_RETURN(std::string hash, HashPassword(user.password, cost));
  Principal out;
  CC_RETURN_IF_ERROR(store.Write([&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(out, InsertNewUser(tx, user, hash, "active", actor, now));
    return Status::Ok();
  }));
  return out;
}

bool NeedsSecondApproval(Role role, const AccessPolicy& policy) {
  for (const char* resource : {"referral", "provider_referral", "proposal", "placement"})
    if (policy.Allows(role, Relation::kOwn, resource, "read")) return true;
  return policy.Allows(role, Relation::kAny, "user", "create");
}

Result<Invitation> InviteUser(store::Store& store, const NewUser& user, Timestamp now,
                              const Principal& admin, const AccessPolicy& policy) {
  if (!user.password.empty())
    return InvalidArgument("password",
                           "an admin never sets a password: the user sets their own with the "
                           "enrolment code");
  CC_RETURN_IF_ERROR(CheckNewUser(user));
  CC_RETURN_IF_ERROR(InitSodium());
  Invitation out;
  out.status = NeedsSecondApproval(user.role, policy) ? "awaiting_approval" : "active";
  out.enrolment_code = RandomHex(32);
  out.enrolment_expires_at = now + kEnrolmentLifetime;
  CC_RETURN_IF_ERROR(store.Write([&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(out.user, InsertNewUser(tx, user, "", out.status, admin.username, now));
    return store::SetEnrolment(tx, out.user.user_id, TokenHash(out.enrolment_code),
                               out.enrolment_expires_at);
  }));
  return out;
}

Result<Principal> ApproveUser(store::Store& store, std::int64_t user_id, const Principal& admin,
                              Timestamp now) {
  Principal out;
  CC_RETURN_IF_ERROR(store.Write([&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(auto row, store::GetUser(tx, user_id));
    if (!row) return NotFound("no user " + std::to_string(user_id));
    if (row->created_by == admin.username)
      return PermissionDenied("a second admin must approve: " + admin.username + " added " +
                              row->username);
    if (row->status != "awaiting_approval")
      return Conflict(row->username + " is not awaiting approval", "status");
    CC_RETURN_IF_ERROR(store::ApproveUser(tx, user_id, admin.username));
    CC_ASSIGN_OR_RETURN(out, ToPrincipal(*row));
    return AppendAudit(tx, now, {admin.username, "user.approve", "user", user_id, "", ""});
  }));
  return out;
}

Result<Principal> Enrol(store::Store& store, std::string_view code, std::string_view password,
                        Timestamp now, PasswordCost cost) {
  if (password.size() < kMinPasswordLength)
    return InvalidArgument(
        "password", "must be at least " + std::to_string(kMinPasswordLength) + " characters");
  const std::string code_hash = TokenHash(code);
  const Status wrong = Unauthenticated("the enrolment code is wrong, spent or expired");
  // A wrong code costs a lookup, not a password hash: this route is public.
  bool known = false;
  CC_RETURN_IF_ERROR(store.Read([&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(auto row, store::FindByEnrolment(tx, code_hash, now));
    known = row.has_value();
    return Status::Ok();
  }));
  if (!known) return wrong;
  CC_ASSIGN_OR_RETURN(std::string hash, HashPassword(password, cost));
  Principal out;
  CC_RETURN_IF_ERROR(store.Write([&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(auto row, store::FindByEnrolment(tx, code_hash, now));
    if (!row) return wrong;  // spent meanwhile
    CC_RETURN_IF_ERROR(store::CompleteEnrolment(tx, row->id, hash));
    CC_ASSIGN_OR_RETURN(out, ToPrincipal(*row));
    return AppendAudit(tx, now, {row->username, "user.enrol", "user", row->id, "", ""});
  }));
  return out;
}

Result<Session> SignIn(store::Store& store, std::string_view username, std::string_view password,
                       Timestamp now, std::chrono::seconds lifetime) {
  CC_RETURN_IF_ERROR(InitSodium());
  Session session;
  std::string hash, status;
  bool found = false;
  CC_RETURN_IF_ERROR(store.Read([&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(auto row, store::FindUser(tx, std::string(username)));
    if (!row) return Status::Ok();
    CC_ASSIGN_OR_RETURN(session.who, ToPrincipal(*row));
    hash = row->password_hash;
    status = row->status;
    found = true;
    return Status::Ok();
  }));
  // An unknown user costs a hash too, so timing does not tell which part was wrong.
  static const std::string kDummy =
      HashPassword("not a real password", PasswordCost::kInteractive).value();
  bool ok =
      VerifyPassword(found && !hash.empty() ? hash : kDummy, password) && found && !hash.empty();
  if (!ok) return Unauthenticated("the username or password is wrong");
  if (status == "disabled") return PermissionDenied("this account is disabled: ask an admin");
  if (status != "active") return PermissionDenied("this account awaits a second admin's approval");
  session.token = RandomHex(32);
  session.expires_at = now + lifetime;
  CC_RETURN_IF_ERROR(store.Write([&](store::Tx& tx) -> Status {
    CC_RETURN_IF_ERROR(store::DeleteExpiredSessions(tx, now));
    std::string token_hash = TokenHash(session.token);
    CC_RETURN_IF_ERROR(
        store::InsertSession(tx, token_hash, session.who.user_id, now, session.expires_at));
    CC_RETURN_IF_ERROR(AppendAudit(tx, now,
                                   {session.who.username, "session.create", "user",
                                    session.who.user_id, "", DigestOfParams({token_hash})}));
    CC_ASSIGN_OR_RETURN(session.revoked,
                        store::DeleteOldestSessions(tx, session.who.user_id, kMaxSessionsPerUser));
    for (const std::string& revoked : session.revoked)
      CC_RETURN_IF_ERROR(AppendAudit(tx, now,
                                     {session.who.username, "session.revoke_oldest", "user",
                                      session.who.user_id, DigestOfParams({revoked}), ""}));
    return Status::Ok();
  }));
  return session;
}

Result<Session> AuthenticateSession(store::Store& store, std::string_view token, Timestamp now) {
  if (token.size() != 64)
    return Unauthenticated("sign in first: the session token is missing or malformed");
  std::optional<Session> session;
  CC_RETURN_IF_ERROR(store.Read([&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(auto row, store::FindSession(tx, TokenHash(token), now));
    if (!row) return Status::Ok();
    Session s;
    CC_ASSIGN_OR_RETURN(s.who, ToPrincipal(row->user));
    s.expires_at = row->expires_at;
    session = std::move(s);
    return Status::Ok();
  }));
  if (!session) return Unauthenticated("the session has expired or was never valid: sign in again");
  return *session;
}

Status AuditSignInRefusal(store::Store& store, std::string_view username, std::string_view address,
                          const std::vector<std::string_view>& actions, Timestamp now) {
  const std::string actor(username.substr(0, 64));
  const std::string from = DigestOfParams({std::string(address)});
  return store.Write([&](store::Tx& tx) -> Status {
    for (std::string_view action : actions)
      CC_RETURN_IF_ERROR(
          AppendAudit(tx, now, {actor, std::string(action), "session", 0, "", from}));
    return Status::Ok();
  });
}

Status AuditUnauthenticated(store::Store& store, std::string_view route, std::int64_t id,
                            std::string_view address, Timestamp now) {
  const std::string from = DigestOfParams({std::string(address)});
  const std::string actor = "address:" + from.substr(0, 16);
  return store.Write([&](store::Tx& tx) -> Status {
    return AppendAudit(tx, now,
                       {actor, "request.unauthenticated", std::string(route), id, "", from});
  });
}

Status AuditCsrfRefusal(store::Store& store, std::string_view username, std::string_view route,
                        std::int64_t id, std::string_view address, Timestamp now) {
  const std::string from = DigestOfParams({std::string(address)});
  return store.Write([&](store::Tx& tx) -> Status {
    return AppendAudit(
        tx, now, {std::string(username), "request.csrf_refused", std::string(route), id, "", from});
  });
}

Result<Principal> Authenticate(store::Store& store, std::string_view token, Timestamp now) {
  CC_ASSIGN_OR_RETURN(Session s, AuthenticateSession(store, token, now));
  return s.who;
}

Status SignOut(store::Store& store, std::string_view token) {
  return store.Write(
      [&](store::Tx& tx) -> Status { return store::DeleteSession(tx, TokenHash(token)); });
}

Result<std::vector<UserRecord>> ListUsers(store::Store& store) {
  std::vector<UserRecord> out;
  CC_RETURN_IF_ERROR(store.Read([&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(auto rows, store::ListUsers(tx));
    for (const auto& r : rows) {
      CC_ASSIGN_OR_RETURN(Principal p, ToPrincipal(r.user));
      out.push_back({p, r.user.status, r.enrolled, r.user.created_by, r.user.approved_by});
    }
    return Status::Ok();
  }));
  return out;
}

Result<ChangedUser> ChangeUser(store::Store& store, std::int64_t user_id, const UserChange& change,
                               const Principal& admin, Timestamp now, const AccessPolicy& policy) {
  if (user_id == admin.user_id)
    return InvalidArgument("id", "an admin cannot change their own account: ask another admin");
  if (change.role && !IsKnownEnumValue(*change.role))
    return InvalidArgument("role", "must be one of " + EnumCodeList<Role>());
  ChangedUser out;
  CC_RETURN_IF_ERROR(store.Write([&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(auto row, store::GetUser(tx, user_id));
    if (!row) return NotFound("no user " + std::to_string(user_id));
    CC_ASSIGN_OR_RETURN(Principal before, ToPrincipal(*row));
    store::UserRow after = *row;
    if (change.role) {
      // A new role takes the scope given with it, and no other.
      NewUser scoped{row->username, "", *change.role, change.council, change.rcc, change.provider};
      CC_RETURN_IF_ERROR(CheckScope(scoped));
      if (scoped.council && !tx.Get<Council>(*scoped.council).ok())
        return InvalidArgument(
            "councilId", "there is no council with id " + std::to_string(scoped.council->value()));
      if (scoped.rcc && !tx.Get<Rcc>(*scoped.rcc).ok())
        return InvalidArgument("rccId",
                               "there is no RCC with id " + std::to_string(scoped.rcc->value()));
      if (scoped.provider && !tx.Get<Provider>(*scoped.provider).ok())
        return InvalidArgument("providerId", "there is no provider with id " +
                                                 std::to_string(scoped.provider->value()));
      after.role = std::string(EnumCode(*change.role));
      after.council = scoped.council;
      after.rcc = scoped.rcc;
      after.provider = scoped.provider;
      if (*change.role != before.role && NeedsSecondApproval(*change.role, policy)) {
        // The admin who grants the access is its maker: another must approve.
        after.status = "awaiting_approval";
        after.created_by = admin.username;
        after.approved_by.clear();
      }
    } else if (change.council || change.rcc || change.provider) {
      return InvalidArgument("role", "give the role with its scope");
    }
    if (change.disabled) {
      if (*change.disabled) {
        after.status = "disabled";
      } else if (row->status == "disabled") {
        after.status = NeedsSecondApproval(before.role, policy) && row->approved_by.empty() &&
                               !row->created_by.empty()
                           ? "awaiting_approval"
                           : "active";
      }
    }
    CC_RETURN_IF_ERROR(store::UpdateUserAccess(tx, after));
    CC_ASSIGN_OR_RETURN(out.ended_sessions, store::DeleteOldestSessions(tx, user_id, 0));
    CC_ASSIGN_OR_RETURN(Principal p, ToPrincipal(after));
    CC_ASSIGN_OR_RETURN(auto with_hash, store::FindUser(tx, row->username));  // has a password?
    const bool enrolled = with_hash && !with_hash->password_hash.empty();
    out.user = {p, after.status, enrolled, after.created_by, after.approved_by};
    auto digest = [](const store::UserRow& u) {
      return DigestOfParams({u.id, u.username, u.role, Optional(u.council), Optional(u.rcc),
                             Optional(u.provider), u.status});
    };
    return AppendAudit(
        tx, now, {admin.username, "user.update", "user", user_id, digest(*row), digest(after)});
  }));
  return out;
}

Result<std::vector<std::string>> SignOutEverywhere(store::Store& store, const Principal& who,
                                                   Timestamp now) {
  std::vector<std::string> ended;
  CC_RETURN_IF_ERROR(store.Write([&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(ended, store::DeleteOldestSessions(tx, who.user_id, 0));
    store::SqlParams hashes(ended.begin(), ended.end());
    return AppendAudit(
        tx, now,
        {who.username, "session.end_all", "user", who.user_id, DigestOfParams(hashes), ""});
  }));
  return ended;
}

}  // namespace carecoop::services
