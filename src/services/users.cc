#include "services/users.h"

#include <sodium.h>

#include "services/audit.h"

namespace carecoop::services {
namespace {

Status InitSodium() {
  static const int kInit = sodium_init();
  if (kInit < 0) return Internal("libsodium could not start");
  return Status::Ok();
}

std::string TokenHash(std::string_view token) {
  unsigned char out[32];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(token.data()), token.size(), nullptr,
                     0);
  std::string hex(64, '0');
  sodium_bin2hex(hex.data(), hex.size() + 1, out, sizeof out);
  return hex;
}

bool ValidUsername(std::string_view u) {
  if (u.size() < 3 || u.size() > 64) return false;
  for (char c : u)
    if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '.' ||
          c == '_' || c == '-'))
      return false;
  return true;
}

Status CheckScope(const NewUser& u) {
  bool wants_council = u.role == Role::kSocialWorker;
  bool wants_rcc = u.role == Role::kHubOfficer || u.role == Role::kScrutinyOfficer || u.role == Role::kCommissioner;
  bool wants_provider = u.role == Role::kProvider;
  std::string role(EnumCode(u.role));
  if (wants_council != u.council.has_value())
    return InvalidArgument("council", wants_council ? "a " + role + " needs their council"
                                                    : "a " + role + " has no council");
  if (wants_rcc != u.rcc.has_value())
    return InvalidArgument("rcc", wants_rcc ? "a " + role + " needs their RCC" : "a " + role + " has no RCC");
  if (wants_provider != u.provider.has_value())
    return InvalidArgument("provider",
                           wants_provider ? "a provider user needs their provider" : "a " + role + " has no provider");
  return Status::Ok();
}

store::SqlValue Optional(const auto& id) {
  if (!id) return std::monostate{};
  return id->value();
}

constexpr const char* kPrincipalColumns = "u.id, u.username, u.role, u.council_id, u.rcc_id, u.provider_id";

Result<Principal> RowToPrincipal(const store::SqlRow& row) {
  Principal p;
  p.user_id = row.Int(0);
  p.username = row.Text(1);
  auto role = ParseEnumCode<Role>(row.Text(2));
  if (!role) return Internal("stored role of user " + p.username + " is not a known role");
  p.role = *role;
  if (!row.IsNull(3)) p.council = CouncilId(row.Int(3));
  if (!row.IsNull(4)) p.rcc = RccId(row.Int(4));
  if (!row.IsNull(5)) p.provider = ProviderId(row.Int(5));
  return p;
}

}  // namespace

Result<std::string> HashPassword(std::string_view password, PasswordCost cost) {
  CC_RETURN_IF_ERROR(InitSodium());
  char out[crypto_pwhash_STRBYTES];
  bool minimum = cost == PasswordCost::kTestOnlyMinimum;
  unsigned long long ops = minimum ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE;
  std::size_t mem = minimum ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE;
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), ops, mem, crypto_pwhash_ALG_ARGON2ID13) != 0)
    return Internal("out of memory hashing a password");
  return std::string(out);
}

bool VerifyPassword(const std::string& hash, std::string_view password) {
  if (!InitSodium().ok()) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

Result<Principal> AddUser(store::Store& store, const NewUser& user, Timestamp now, std::string_view actor,
                          PasswordCost cost) {
  if (!ValidUsername(user.username))
    return InvalidArgument("username", "must be 3 to 64 characters: lower-case letters, digits, '.', '_' or '-'");
  if (user.password.size() < kMinPasswordLength)
    return InvalidArgument("password", "must be at least " + std::to_string(kMinPasswordLength) + " characters");
  if (!IsKnownEnumValue(user.role)) return InvalidArgument("role", "must be one of " + EnumCodeList<Role>());
  CC_RETURN_IF_ERROR(CheckScope(user));
  CC_ASSIGN_OR_RETURN(std::string hash, HashPassword(user.password, cost));
  Principal out;
  CC_RETURN_IF_ERROR(store.Write([&](store::Tx& tx) -> Status {
    if (user.council && !tx.Get<Council>(*user.council).ok())
      return InvalidArgument("council", "there is no council with id " + std::to_string(user.council->value()));
    if (user.rcc && !tx.Get<Rcc>(*user.rcc).ok())
      return InvalidArgument("rcc", "there is no RCC with id " + std::to_string(user.rcc->value()));
    if (user.provider && !tx.Get<Provider>(*user.provider).ok())
      return InvalidArgument("provider", "there is no provider with id " + std::to_string(user.provider->value()));
    bool taken = false;
    CC_RETURN_IF_ERROR(tx.connection().Query("SELECT 1 FROM app_user WHERE username = $1", {user.username},
                                             [&](const store::SqlRow&) {
                                               taken = true;
                                               return Status::Ok();
                                             }));
    if (taken) return Conflict("the username '" + user.username + "' is taken", "username");
    std::int64_t id = 0;
    CC_RETURN_IF_ERROR(tx.connection().Query(
        "INSERT INTO app_user (username, password_hash, role, council_id, rcc_id, provider_id, created_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        {user.username, hash, std::string(EnumCode(user.role)), Optional(user.council), Optional(user.rcc),
         Optional(user.provider), FormatTimestamp(now)},
        [&](const store::SqlRow& row) {
          id = row.Int(0);
          return Status::Ok();
        }));
    out = {id, user.username, user.role, user.council, user.rcc, user.provider};
    std::string after = DigestOfParams({id, user.username, std::string(EnumCode(user.role)),
                                        Optional(user.council), Optional(user.rcc), Optional(user.provider)});
    return AppendAudit(tx, now, {std::string(actor), "user.create", "user", id, "", after});
  }));
  return out;
}

Result<Session> SignIn(store::Store& store, std::string_view username, std::string_view password, Timestamp now,
                       std::chrono::seconds lifetime) {
  CC_RETURN_IF_ERROR(InitSodium());
  Session session;
  std::string hash;
  bool found = false;
  CC_RETURN_IF_ERROR(store.Read([&](store::Tx& tx) -> Status {
    return tx.connection().Query(std::string("SELECT ") + kPrincipalColumns +
                                     ", u.password_hash FROM app_user u WHERE u.username = $1",
                                 {std::string(username)}, [&](const store::SqlRow& row) {
                                   CC_ASSIGN_OR_RETURN(session.who, RowToPrincipal(row));
                                   hash = row.Text(6);
                                   found = true;
                                   return Status::Ok();
                                 });
  }));
  // An unknown user costs a hash too, so timing does not tell which part was wrong.
  static const std::string kDummy = HashPassword("not a real password", PasswordCost::kInteractive).value();
  bool ok = VerifyPassword(found ? hash : kDummy, password) && found;
  if (!ok) return Unauthenticated("the username or password is wrong");
  unsigned char raw[32];
  randombytes_buf(raw, sizeof raw);
  session.token.assign(64, '0');
  sodium_bin2hex(session.token.data(), session.token.size() + 1, raw, sizeof raw);
  session.expires_at = now + lifetime;
  CC_RETURN_IF_ERROR(store.Write([&](store::Tx& tx) -> Status {
    CC_RETURN_IF_ERROR(tx.connection()
                           .Exec("DELETE FROM user_session WHERE user_id = $1 AND expires_at < $2",
                                 {session.who.user_id, FormatTimestamp(now)})
                           .status());
    std::string token_hash = TokenHash(session.token);
    CC_RETURN_IF_ERROR(tx.connection()
                           .Exec("INSERT INTO user_session (token_hash, user_id, created_at, expires_at) "
                                 "VALUES ($1, $2, $3, $4)",
                                 {token_hash, session.who.user_id, FormatTimestamp(now),
                                  FormatTimestamp(session.expires_at)})
                           .status());
    return AppendAudit(tx, now,
                       {session.who.username, "session.create", "user", session.who.user_id, "",
                        DigestOfParams({token_hash})});
  }));
  return session;
}

Result<Session> AuthenticateSession(store::Store& store, std::string_view token, Timestamp now) {
  if (token.size() != 64) return Unauthenticated("sign in first: the session token is missing or malformed");
  std::optional<Session> session;
  CC_RETURN_IF_ERROR(store.Read([&](store::Tx& tx) -> Status {
    return tx.connection().Query(std::string("SELECT ") + kPrincipalColumns +
                                     ", s.expires_at FROM user_session s JOIN app_user u ON u.id = s.user_id "
                                     "WHERE s.token_hash = $1 AND s.expires_at > $2",
                                 {TokenHash(token), FormatTimestamp(now)}, [&](const store::SqlRow& row) {
                                   Session s;
                                   CC_ASSIGN_OR_RETURN(s.who, RowToPrincipal(row));
                                   CC_ASSIGN_OR_RETURN(s.expires_at, ParseTimestamp(row.Text(6), "expires_at"));
                                   session = std::move(s);
                                   return Status::Ok();
                                 });
  }));
  if (!session) return Unauthenticated("the session has expired or was never valid: sign in again");
  return *session;
}

Result<Principal> Authenticate(store::Store& store, std::string_view token, Timestamp now) {
  CC_ASSIGN_OR_RETURN(Session s, AuthenticateSession(store, token, now));
  return s.who;
}

Status SignOut(store::Store& store, std::string_view token) {
  return store.Write([&](store::Tx& tx) -> Status {
    return tx.connection().Exec("DELETE FROM user_session WHERE token_hash = $1", {TokenHash(token)}).status();
  });
}

}  // namespace carecoop::services
