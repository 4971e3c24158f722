#include "api/server.h"

#include <atomic>
#include <cmath>
#include <functional>
#include <iostream>
#include <mutex>
#include <unordered_map>

#include "api/http_edge.h"
#include "api/json.h"
#include "api/ranking_json.h"
#include "api/route_kit.h"
#include "forecast/json.h"
#include "national/sufficiency_strategy.h"
#include "services/audit.h"
#include "services/log.h"
#include "services/sign_in_throttle.h"

namespace carecoop::embedded {
std::string_view openapi_json();
}

namespace carecoop::api {
namespace {

json BudgetJson(const services::Budget& b) {
  auto row = [](const services::BudgetRow& r) {
    return json{{"councilId", r.council.valid() ? json(r.council.value()) : json(nullptr)},
                {"name", r.name},
                {"budget", r.budget.value()},
                {"spendToDate", r.spend_to_date.value()},
                {"forecast", r.forecast.value()},
                {"variance", r.variance.value()},
                {"forecastMethod", r.forecast_method}};
  };
  json councils = json::array();
  for (const auto& r : b.councils) councils.push_back(row(r));
  return {{"year", b.year},       {"day", b.day.ToIso()},
          {"set", b.set},         {"basis", EnumCode(b.basis)},
          {"councils", councils}, {"total", row(b.total)}};
}

using services::Principal;

// Deepest nesting of arrays and objects accepted in a request body.
constexpr int kMaxJsonDepth = 32;

struct Route {
  RouteInfo info;
  Handler handler;
};

json ErrorJson(const Status& s, const std::string& message) {
  return api::ErrorJson(StatusCodeName(s.code()), message, s.field());
}

// ---------------------------------------------------------------------------
// Reading small action bodies strictly.

// The date in query parameter `name`, or today by `clock` when it is absent.
template <class Clock>
Result<Date> DayParam(const Call& c, const char* name, const Clock& clock) {
  if (const std::string* v = c.req.Param(name)) return Date::ParseIso(*v, name);
  return Date::FromTimestamp(clock());
}

// An offer's or a placement's fee beside its fair price, or null when not known.
json FairPriceJson(const std::optional<market::FeeAgainstFairPrice>& fair) {
  if (!fair) return nullptr;
  return {{"weekly", fair->fair.value()},
          {"difference", fair->difference.value()},
          {"percent", fair->percent},
          {"aboveThreshold", fair->above_threshold}};
}

// ---------------------------------------------------------------------------
// Views.

json PrincipalJson(const Principal& p) {
  json j = {{"id", p.user_id}, {"username", p.username}, {"role", std::string(EnumCode(p.role))}};
  j["councilId"] = p.council ? json(p.council->value()) : json(nullptr);
  j["rccId"] = p.rcc ? json(p.rcc->value()) : json(nullptr);
  j["providerId"] = p.provider ? json(p.provider->value()) : json(nullptr);
  return j;
}

// What a provider sees: no child or council record, no officers, no points,
// and none of the free text the social worker typed (the child's views and own
// wishes, the preferred location, the other risks, why withdrawn): the
// provider summary instead, written for providers and checked before it was sent (docs/api.md,
// "What providers see").
json AnonymisedJson(const services::AnonymisedReferral& a) {
  json j = ToJson(a.referral);
  for (const char* k :
       {"childId", "councilId", "referralOfficerName", "placementOfficerName", "costOfficerName",
        "actualPlacement", "placementDate", "costDate", "createdAt", "childViews", "childOwnWishes",
        "withdrawalReason", "preferredLocation", "riskOther", "riskToOthersOther"})
    j.erase(k);
  auto labels = [](json& place) {
    if (place.is_object()) place = place["label"];
    if (place.is_array())
      for (json& p : place) p = p["label"];
  };
  for (const char* k :
       {"primaryFamilyLocation", "schoolLocation", "otherImportantLocations", "locationsToAvoid"})
    labels(j[k]);
  j["ageYears"] = a.age_years;
  j["sex"] = std::string(EnumCode(a.sex));
  j["area"] = a.area;
  j["offersClose"] = FormatTimestamp(a.offers_close);
  json homes = json::array();
  for (HomeId h : a.eligible_homes) homes.push_back(h.value());
  j["yourEligibleHomes"] = homes;
  return j;
}

template <class T>
json ListJson(const std::vector<T>& items) {
  json a = json::array();
  for (const T& x : items) a.push_back(ToJson(x));
  return a;
}

// One structured log line for a refused sign-in (the address in clear, for
// operators; the audit record holds only its digest).
void LogSignIn(std::string_view event, const std::string& username, const std::string& address) {
  services::log::Event(
      {{"event", event}, {"username", username.substr(0, 64)}, {"address", address}});
}

// ---------------------------------------------------------------------------
// The route table.

// `forget` drops a signed-out or revoked session (by token hash) from the server's cache;
// `throttle` counts failed sign-ins (services/sign_in_throttle.h).
// Browser sessions (docs/api.md, "Browser sessions"): the session token in
// an HttpOnly, SameSite=Strict cookie the page's script cannot read, and a
// CSRF token the page sends back in a header on every change. The CSRF token
// is derived one way from the session's (a keyed hash would add nothing: the
// session token is the secret), so the server keeps nothing more.
constexpr std::string_view kSessionCookie = "carecoop_session";
constexpr std::string_view kCsrfHeader = "X-CSRF-Token";

std::string CsrfTokenOf(std::string_view session_token) {
  return services::TokenHash("csrf\x1f" + std::string(session_token));
}

std::string SessionCookie(std::string_view value, std::int64_t max_age_s, bool secure) {
  std::string c = std::string(kSessionCookie) + "=" + std::string(value) +
                  "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age_s);
  if (secure) c += "; Secure";
  return c;
}

// The value of cookie `name` in the request's Cookie header, or "".
std::string CookieValue(const HttpRequest& req, std::string_view name) {
  const std::string header = req.Header("Cookie");
  std::string_view all = header;
  while (!all.empty()) {
    std::size_t semi = all.find(';');
    std::string_view part = all.substr(0, semi);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    if (part.size() > name.size() && part.substr(0, name.size()) == name &&
        part[name.size()] == '=')
      return std::string(part.substr(name.size() + 1));
    if (semi == std::string_view::npos) break;
    all.remove_prefix(semi + 1);
  }
  return "";
}

std::vector<Route> Table(store::Store* store, services::Workflow* wf,
                         std::function<void(const std::string&)> forget,
                         services::SignInThrottle* throttle, bool secure_cookies = false) {
  auto clock = [wf] { return wf->options().clock(); };
  std::vector<Route> routes;
  auto add = [&](std::string method, std::string path, bool signed_in, Handler h,
                 std::vector<std::string> query = {}) {
    routes.push_back(
        {{std::move(method), std::move(path), signed_in, std::move(query)}, std::move(h)});
  };

  add("GET", "/api/health", false, [store](Call&) -> Result<Reply> {
    return Reply{200, {{"status", "ok"}, {"store", std::string(store->backend())}}};
  });

  // Sessions and users.
  add("POST", "/api/sessions", false,
      [store, clock, throttle, forget, secure_cookies](Call& c) -> Result<Reply> {
        CC_RETURN_IF_ERROR(OnlyKeys(c.body, {"username", "password", "cookie"}));
        if (c.body.contains("cookie") && !c.body["cookie"].is_boolean())
          return InvalidArgument("cookie", "must be true or false");
        const bool cookie = c.body.value("cookie", false);
        std::string username, password;
        CC_RETURN_IF_ERROR(Required(c.body, "username", username));
        CC_RETURN_IF_ERROR(Required(c.body, "password", password));
        const Timestamp now = clock();
        const std::string& address = c.req.remote_address;
        // Locked: refused before the password is checked (docs/api.md, "Sign-in throttling").
        if (auto wait = throttle->Wait(username, address, now)) {
          CC_RETURN_IF_ERROR(
              services::AuditSignInRefusal(*store, username, address, {"session.throttled"}, now));
          LogSignIn("sign_in_throttled", username, address);
          Status s(StatusCode::kResourceExhausted,
                   "too many failed sign-ins: try again in " + std::to_string(wait->count()) + " s",
                   "username");
          return Reply{
              429, ErrorJson(s, s.message()), {{"Retry-After", std::to_string(wait->count())}}};
        }
        auto signed_in = services::SignIn(*store, username, password, now);
        if (!signed_in.ok() && signed_in.status().code() == StatusCode::kUnauthenticated) {
          auto failure = throttle->RecordFailure(username, address, now);
          const bool locked = failure.locked_user || failure.locked_address;
          std::vector<std::string_view> actions = {"session.fail"};
          if (locked) actions.push_back("session.lock");
          CC_RETURN_IF_ERROR(services::AuditSignInRefusal(*store, username, address, actions, now));
          LogSignIn("sign_in_failed", username, address);
          if (locked)
            LogSignIn(failure.locked_user ? "sign_in_locked_user" : "sign_in_locked_address",
                      username, address);
          return signed_in.status();
        }
        CC_ASSIGN_OR_RETURN(auto session, std::move(signed_in));
        throttle->RecordSuccess(username);
        for (const std::string& revoked : session.revoked) forget(revoked);
        if (cookie) {
          // For a browser: the token only in the cookie, never where script can
          // read it; the CSRF token for the page to send back.
          auto max_age =
              std::chrono::duration_cast<std::chrono::seconds>(session.expires_at - clock());
          return Reply{201,
                       {{"csrfToken", CsrfTokenOf(session.token)},
                        {"expiresAt", FormatTimestamp(session.expires_at)},
                        {"user", PrincipalJson(session.who)}},
                       {{"Set-Cookie",
                         SessionCookie(session.token, std::max<std::int64_t>(0, max_age.count()),
                                       secure_cookies)}}};
        }
        return Reply{201,
                     {{"token", session.token},
                      {"expiresAt", FormatTimestamp(session.expires_at)},
                      {"user", PrincipalJson(session.who)}}};
      });
  add("DELETE", "/api/sessions/current", true,
      [store, forget, secure_cookies](Call& c) -> Result<Reply> {
        const std::string auth = c.req.Header("Authorization");
        const bool by_cookie = !auth.starts_with("Bearer ");
        std::string token = by_cookie ? CookieValue(c.req, kSessionCookie) : auth.substr(7);
        forget(services::TokenHash(token));
        CC_RETURN_IF_ERROR(services::SignOut(*store, token));
        if (by_cookie)
          return Reply{
              200, {{"signedOut", true}}, {{"Set-Cookie", SessionCookie("", 0, secure_cookies)}}};
        return Reply{200, {{"signedOut", true}}};
      });
  add("DELETE", "/api/sessions", true,
      [store, forget, clock, secure_cookies](Call& c) -> Result<Reply> {
        CC_ASSIGN_OR_RETURN(auto ended, services::SignOutEverywhere(*store, c.who, clock()));
        for (const std::string& hash : ended) forget(hash);
        return Reply{200,
                     {{"signedOut", true}, {"sessionsEnded", ended.size()}},
                     {{"Set-Cookie", SessionCookie("", 0, secure_cookies)}}};
      });
  add("GET", "/api/me", true, [clock](Call& c) -> Result<Reply> {
    json me = PrincipalJson(c.who);
    me["today"] = Date::FromTimestamp(clock()).ToIso();  // the server's day, for forms' defaults
    // A page reloaded in the browser gets its CSRF token again here: it is
    // derived from the cookie's session token, which script cannot read.
    if (!c.req.Header("Authorization").starts_with("Bearer "))
      me["csrfToken"] = CsrfTokenOf(CookieValue(c.req, kSessionCookie));
    return Reply{200, me};
  });
  add("POST", "/api/users", true, [store, wf, clock](Call& c) -> Result<Reply> {
    CC_RETURN_IF_ERROR(wf->policy().Check(c.who, Relation::kAny, "user", "create", "users"));
    CC_RETURN_IF_ERROR(
        OnlyKeys(c.body, {"username", "password", "role", "councilId", "rccId", "providerId"}));
    services::NewUser u;
    CC_RETURN_IF_ERROR(Required(c.body, "username", u.username));
    CC_RETURN_IF_ERROR(Optional(c.body, "password", u.password));
    CC_RETURN_IF_ERROR(Required(c.body, "role", u.role));
    CC_RETURN_IF_ERROR(Optional(c.body, "councilId", u.council));
    CC_RETURN_IF_ERROR(Optional(c.body, "rccId", u.rcc));
    CC_RETURN_IF_ERROR(Optional(c.body, "providerId", u.provider));
    auto added = services::InviteUser(*store, u, clock(), c.who, wf->policy());
    if (!added.ok()) {
      Status s = added.status();
      if (s.field() == "council" || s.field() == "rcc" || s.field() == "provider")
        s = Status(s.code(), s.message(), s.field() + "Id");
      return s;
    }
    json j = PrincipalJson(added->user);
    j["status"] = added->status;
    j["enrolmentCode"] = added->enrolment_code;
    j["enrolmentExpiresAt"] = FormatTimestamp(added->enrolment_expires_at);
    return Reply{201, j};
  });
  add("POST", "/api/users/{id}/approval", true, [store, wf, clock](Call& c) -> Result<Reply> {
    CC_RETURN_IF_ERROR(wf->policy().Check(c.who, Relation::kAny, "user", "approve", "users"));
    CC_RETURN_IF_ERROR(OnlyKeys(c.body, {}));
    CC_ASSIGN_OR_RETURN(auto approved, services::ApproveUser(*store, c.id, c.who, clock()));
    json j = PrincipalJson(approved);
    j["status"] = "active";
    j["approvedBy"] = c.who.username;
    return Reply{200, j};
  });
  auto user_json = [](const services::UserRecord& u) {
    json j = PrincipalJson(u.principal);
    j["status"] = u.status;
    j["enrolled"] = u.enrolled;
    j["createdBy"] = u.created_by;
    j["approvedBy"] = u.approved_by;
    return j;
  };
  add("GET", "/api/users", true, [store, wf, user_json](Call& c) -> Result<Reply> {
    CC_RETURN_IF_ERROR(wf->policy().Check(c.who, Relation::kAny, "user", "list", "users"));
    CC_ASSIGN_OR_RETURN(auto users, services::ListUsers(*store));
    json items = json::array();
    for (const auto& u : users) items.push_back(user_json(u));
    return Reply{200, {{"users", items}}};
  });
  add("PATCH", "/api/users/{id}", true,
      [store, wf, clock, forget, user_json](Call& c) -> Result<Reply> {
        CC_RETURN_IF_ERROR(wf->policy().Check(c.who, Relation::kAny, "user", "update", "users"));
        CC_RETURN_IF_ERROR(
            OnlyKeys(c.body, {"role", "councilId", "rccId", "providerId", "disabled"}));
        services::UserChange change;
        CC_RETURN_IF_ERROR(Optional(c.body, "role", change.role));
        CC_RETURN_IF_ERROR(Optional(c.body, "councilId", change.council));
        CC_RETURN_IF_ERROR(Optional(c.body, "rccId", change.rcc));
        CC_RETURN_IF_ERROR(Optional(c.body, "providerId", change.provider));
        CC_RETURN_IF_ERROR(Optional(c.body, "disabled", change.disabled));
        if (!change.role && !change.disabled)
          return InvalidArgument("body", "give a role (with its scope) or disabled");
        auto changed = services::ChangeUser(*store, c.id, change, c.who, clock(), wf->policy());
        if (!changed.ok()) {
          Status st = changed.status();
          if (st.field() == "council" || st.field() == "rcc" || st.field() == "provider")
            st = Status(st.code(), st.message(), st.field() + "Id");
          return st;
        }
        for (const std::string& hash : changed->ended_sessions) forget(hash);
        return Reply{200, user_json(changed->user)};
      });
  add("POST", "/api/enrolment", false, [store, clock](Call& c) -> Result<Reply> {
    CC_RETURN_IF_ERROR(OnlyKeys(c.body, {"code", "password"}));
    std::string code, password;
    CC_RETURN_IF_ERROR(Required(c.body, "code", code));
    CC_RETURN_IF_ERROR(Required(c.body, "password", password));
    CC_ASSIGN_OR_RETURN(auto enrolled, services::Enrol(*store, code, password, clock()));
    return Reply{200, {{"enrolled", true}, {"user", PrincipalJson(enrolled)}}};
  });

  // 1. Referrals.
  static const std::set<std::string> kReferralServerFields = {
      "councilId", "status", "createdAt", "actualPlacement", "withdrawalReason"};
  add("GET", "/api/referrals", true,
      [wf](Call& c) -> Result<Reply> {
        CC_ASSIGN_OR_RETURN(auto status, EnumParam<ReferralStatus>(c.req, "status"));
        CC_ASSIGN_OR_RETURN(auto list, wf->ListReferrals(c.who, status));
        return Reply{200, {{"referrals", ListJson(list)}}};
      },
      {"status"});
  add("POST", "/api/referrals", true, [wf](Call& c) -> Result<Reply> {
    Referral draft;
    CC_RETURN_IF_ERROR(FromJson(c.body, draft, kReferralServerFields, /*require_all=*/true));
    CC_ASSIGN_OR_RETURN(Referral created, wf->CreateReferral(c.who, draft));
    return Reply{201, ToJson(created)};
  });
  add("GET", "/api/referrals/{id}", true, [wf](Call& c) -> Result<Reply> {
    CC_ASSIGN_OR_RETURN(Referral r, wf->GetReferral(c.who, ReferralId(c.id)));
    return Reply{200, ToJson(r)};
  });
  add("PATCH", "/api/referrals/{id}", true, [wf](Call& c) -> Result<Reply> {
    if (!c.body.is_object()) return InvalidArgument("body", "must be a JSON object");
    std::int64_t version = 0;
    CC_RETURN_IF_ERROR(Required(c.body, "version", version));
    std::set<std::string> fixed = kReferralServerFields;
    fixed.insert("childId");
    // Check the whole body before touching the record, so a bad field is
    // reported even when the referral cannot be found or edited.
    Referral probe;
    CC_RETURN_IF_ERROR(FromJson(c.body, probe, fixed, false, {"version"}));
    CC_ASSIGN_OR_RETURN(Referral updated,
                        wf->UpdateReferral(c.who, ReferralId(c.id), version, [&](Referral& r) {
                          return FromJson(c.body, r, fixed, false, {"version"});
                        }));
    return Reply{200, ToJson(updated)};
  });
  add("POST", "/api/referrals/{id}/submit", true, [wf](Call& c) -> Result<Reply> {
    CC_RETURN_IF_ERROR(OnlyKeys(c.body, {}));
    CC_ASSIGN_OR_RETURN(Referral r, wf->SubmitReferral(c.who, ReferralId(c.id)));
    return Reply{200, ToJson(r)};
  });

  // 2. The hub.
  add("GET", "/api/children", true, [wf](Call& c) -> Result<Reply> {
    CC_ASSIGN_OR_RETURN(auto children, wf->Children(c.who));
    json items = json::array();
    for (const auto& e : children)
      items.push_back(
          {{"id", e.child.id.value()},
           {"pseudonym", e.child.pseudonym},
           {"ageYears", e.age_years},
           {"sex", std::string(EnumCode(e.child.sex))},
           {"careStarted", e.child.care_started.ToIso()},
           {"categoryOfNeed", e.child.category_of_need},
           {"uasc", e.child.uasc},
           {"referralId", e.referral ? json(e.referral->id.value()) : json(nullptr)},
           {"referralStatus",
            e.referral ? json(std::string(EnumCode(e.referral->status))) : json(nullptr)}});
    return Reply{200, {{"children", items}}};
  });
  add("POST", "/api/referrals/{id}/withdraw", true, [wf](Call& c) -> Result<Reply> {
    CC_RETURN_IF_ERROR(OnlyKeys(c.body, {"reason"}));
    std::string reason;
    CC_RETURN_IF_ERROR(Required(c.body, "reason", reason));
    CC_ASSIGN_OR_RETURN(auto r, wf->WithdrawReferral(c.who, ReferralId(c.id), reason));
    return Reply{200, ToJson(r)};
  });
  add("GET", "/api/referrals/{id}/timeline", true, [wf](Call& c) -> Result<Reply> {
    CC_ASSIGN_OR_RETURN(auto steps, wf->Timeline(c.who, ReferralId(c.id)));
    json items = json::array();
    for (const auto& t : steps)
      items.push_back({{"at", t.at},
                       {"actor", t.actor},
                       {"action", t.action},
                       {"resource", t.resource},
                       {"resourceId", t.resource_id}});
    return Reply{200, {{"timeline", items}}};
  });
  add("GET", "/api/queue", true, [wf](Call& c) -> Result<Reply> {
    CC_ASSIGN_OR_RETURN(auto queue, wf->Queue(c.who));
    json items = json::array();
    for (const auto& e : queue)
      items.push_back({{"referralId", e.referral.id.value()},
                       {"council", e.council},
                       {"neededBy", std::string(EnumCode(e.referral.needed_by))},
                       {"status", std::string(EnumCode(e.referral.status))},
                       {"createdAt", FormatTimestamp(e.referral.created_at)},
                       {"waitingDays", e.waiting_days},
                       {"siblingCount", e.referral.sibling_count},
                       {"latestStartDate", e.referral.latest_start_date.ToIso()}});
    return Reply{200, {{"queue", items}}};
  });
  add("GET", "/api/referrals/{id}/options", true,
      [wf](Call& c) -> Result<Reply> {
        int top = 10;
        if (const std::string* param = c.req.Param("top")) {
          const std::string& text = *param;
          char* end = nullptr;
          long v = std::strtol(text.c_str(), &end, 10);
          if (text.empty() || *end != '\0' || v < 1 || v > 100)
            return InvalidArgument("top", "must be a whole number from 1 to 100");
          top = static_cast<int>(v);
        }
        CC_ASSIGN_OR_RETURN(auto ranked, wf->Options(c.who, ReferralId(c.id), top));
        return Reply{200, RankingJson(ranked, wf->options().match_policy)};
      },
      {"top"});
  add("POST", "/api/referrals/{id}/send", true, [wf](Call& c) -> Result<Reply> {
    CC_RETURN_IF_ERROR(OnlyKeys(c.body, {"deadline", "providerSummary", "confirmIdentifiers"}));
    services::Workflow::SendOptions send;
    CC_RETURN_IF_ERROR(Optional(c.body, "deadline", send.deadline));
    CC_RETURN_IF_ERROR(Optional(c.body, "providerSummary", send.provider_summary));
    CC_RETURN_IF_ERROR(Optional(c.body, "confirmIdentifiers", send.confirm_identifiers));
    CC_ASSIGN_OR_RETURN(auto sent, wf->SendToProviders(c.who, ReferralId(c.id), send));
    json recipients = json::array();
    for (const auto& x : sent.recipients)
      recipients.push_back({{"providerId", x.provider.value()},
                            {"name", x.name},
                            {"eligibleHomes", x.eligible_homes}});
    return Reply{200,
                 {{"referral", ToJson(sent.referral)},
                  {"offersClose", FormatTimestamp(sent.deadline)},
                  {"sentTo", recipients}}};
  });
  add("GET", "/api/referrals/{id}/offers", true, [wf](Call& c) -> Result<Reply> {
    CC_ASSIGN_OR_RETURN(auto offers, wf->ListOffersPriced(c.who, ReferralId(c.id)));
    json list = json::array();
    for (const services::PricedOffer& p : offers) {
      const Offer& o = p.offer;
      json j = ToJson(o);
      auto fee = o.WeeklyFee();
      j["weeklyFee"] = fee.ok() ? json(fee->value()) : json(nullptr);
      j["fairPrice"] = FairPriceJson(p.fair);
      list.push_back(j);
    }
    return Reply{200, {{"offers", list}}};
  });

  // 3. Providers.
  add("GET", "/api/provider/referrals", true, [wf](Call& c) -> Result<Reply> {
    CC_ASSIGN_OR_RETURN(auto list, wf->ProviderReferrals(c.who));
    json items = json::array();
    for (const auto& a : list) items.push_back(AnonymisedJson(a));
    return Reply{200, {{"referrals", items}}};
  });
  add("GET", "/api/provider/referrals/{id}", true, [wf](Call& c) -> Result<Reply> {
    CC_ASSIGN_OR_RETURN(auto a, wf->ProviderReferral(c.who, ReferralId(c.id)));
    return Reply{200, AnonymisedJson(a)};
  });
  add("POST", "/api/referrals/{id}/offers", true, [wf](Call& c) -> Result<Reply> {
    if (!c.body.is_object()) return InvalidArgument("body", "must be a JSON object");
    std::string decision;
    CC_RETURN_IF_ERROR(Required(c.body, "decision", decision));
    Offer offer;
    if (decision == "offer") {
      offer.status = OfferStatus::kOffered;
    } else if (decision == "decline") {
      offer.status = OfferStatus::kDeclined;
    } else {
      return InvalidArgument("decision", "must be offer or decline");
    }
    static const std::set<std::string> kServer = {"referralId",  "status",           "deadline",
                                                  "createdAt",   "withdrawalReason", "childView",
                                                  "childViewWhy"};
    CC_RETURN_IF_ERROR(FromJson(c.body, offer, kServer, false, {"decision"}));
    if (!c.body.contains("homeId")) return InvalidArgument("homeId", "is required");
    if (decision == "offer") {
      for (const char* k : {"coreFee", "startDate"})
        if (!c.body.contains(k)) return InvalidArgument(k, "is required for an offer");
    } else if (!c.body.contains("declineReason")) {
      return InvalidArgument("declineReason", "is required for a decline");
    }
    CC_ASSIGN_OR_RETURN(Offer made, wf->Respond(c.who, ReferralId(c.id), offer));
    return Reply{201, ToJson(made)};
  });

  add("POST", "/api/offers/{id}/withdraw", true, [wf](Call& c) -> Result<Reply> {
    CC_RETURN_IF_ERROR(OnlyKeys(c.body, {"reason"}));
    std::string reason;
    CC_RETURN_IF_ERROR(Required(c.body, "reason", reason));
    CC_ASSIGN_OR_RETURN(auto o, wf->WithdrawOffer(c.who, OfferId(c.id), reason));
    return Reply{200, ToJson(o)};
  });
  add("GET", "/api/provider/offers", true, [wf](Call& c) -> Result<Reply> {
    CC_ASSIGN_OR_RETURN(auto offers, wf->ProviderOffers(c.who));
    json list = json::array();
    for (const Offer& o : offers) {
      json j = ToJson(o);
      j.erase("childView");  // the child's view of the home is the hub's, not the provider's
      j.erase("childViewWhy");
      auto fee = o.WeeklyFee();
      j["weeklyFee"] = fee.ok() ? json(fee->value()) : json(nullptr);
      list.push_back(j);
    }
    return Reply{200, {{"offers", list}}};
  });
  add("GET", "/api/provider/placements", true, [wf](Call& c) -> Result<Reply> {
    CC_ASSIGN_OR_RETURN(auto placements, wf->ProviderPlacements(c.who));
    json list = json::array();
    // The child's record, council and postcode stay with the council.
    for (const Placement& p : placements) {
      json j;
      j["id"] = p.id.value();
      j["homeId"] = p.home ? json(p.home->value()) : json(nullptr);
      j["referralId"] = p.referral ? json(p.referral->value()) : json(nullptr);
      j["startDate"] = p.start.ToIso();
      j["needBand"] = std::string(EnumCode(p.need_band));
      j["weeklyFee"] = p.weekly_fee.value();
      j["emergency"] = p.emergency;
      list.push_back(std::move(j));
    }
    return Reply{200, {{"placements", list}}};
  });
  auto managed_json = [](const services::ManagedHome& m) {
    json j = ToJson(m.home);
    j["vacancies"] = ListJson(m.vacancies);
    j["currentPlacements"] = m.current_placements;
    return j;
  };
  add("GET", "/api/provider/homes", true, [wf, managed_json](Call& c) -> Result<Reply> {
    CC_ASSIGN_OR_RETURN(auto homes, wf->ProviderHomes(c.who));
    json list = json::array();
    for (const auto& m : homes) list.push_back(managed_json(m));
    return Reply{200, {{"homes", list}}};
  });
  add("PATCH", "/api/provider/homes/{id}", true, [wf, managed_json](Call& c) -> Result<Reply> {
    CC_RETURN_IF_ERROR(
        OnlyKeys(c.body, {"version", "registeredPlaces", "minAge", "maxAge", "needsMet",
                          "risksManaged", "maxSiblings", "hasPets", "parentAndChild"}));
    std::int64_t version = 0;
    CC_RETURN_IF_ERROR(Required(c.body, "version", version));
    services::HomeEdit edit;
    CC_RETURN_IF_ERROR(Optional(c.body, "registeredPlaces", edit.registered_places));
    CC_RETURN_IF_ERROR(Optional(c.body, "minAge", edit.min_age));
    CC_RETURN_IF_ERROR(Optional(c.body, "maxAge", edit.max_age));
    CC_RETURN_IF_ERROR(Optional(c.body, "needsMet", edit.needs_met));
    CC_RETURN_IF_ERROR(Optional(c.body, "risksManaged", edit.risks_managed));
    CC_RETURN_IF_ERROR(Optional(c.body, "maxSiblings", edit.max_siblings));
    CC_RETURN_IF_ERROR(Optional(c.body, "hasPets", edit.has_pets));
    CC_RETURN_IF_ERROR(Optional(c.body, "parentAndChild", edit.parent_and_child));
    CC_ASSIGN_OR_RETURN(auto m, wf->EditHome(c.who, HomeId(c.id), version, edit));
    return Reply{200, managed_json(m)};
  });
  add("POST", "/api/provider/homes/{id}/vacancies", true, [wf](Call& c) -> Result<Reply> {
    CC_RETURN_IF_ERROR(OnlyKeys(c.body, {"availableFrom"}));
    Date from;
    CC_RETURN_IF_ERROR(Required(c.body, "availableFrom", from));
    CC_ASSIGN_OR_RETURN(auto v, wf->PublishVacancy(c.who, HomeId(c.id), from));
    return Reply{201, ToJson(v)};
  });
  add("POST", "/api/vacancies/{id}/withdraw", true, [wf](Call& c) -> Result<Reply> {
    CC_RETURN_IF_ERROR(OnlyKeys(c.body, {}));
    CC_ASSIGN_OR_RETURN(auto v, wf->WithdrawVacancy(c.who, VacancyId(c.id)));
    return Reply{200, ToJson(v)};
  });

  // 4-6. Proposal and scrutiny.
  add("POST", "/api/offers/{id}/child-view", true, [wf](Call& c) -> Result<Reply> {
    CC_RETURN_IF_ERROR(OnlyKeys(c.body, {"view", "why"}));
    ChildView view = ChildView::kNotRecorded;
    std::string why;
    CC_RETURN_IF_ERROR(Required(c.body, "view", view));
    CC_RETURN_IF_ERROR(Required(c.body, "why", why));
    CC_ASSIGN_OR_RETURN(auto o, wf->RecordChildView(c.who, OfferId(c.id), view, why));
    return Reply{200, ToJson(o)};
  });
  add("POST", "/api/referrals/{id}/proposals", true, [wf](Call& c) -> Result<Reply> {
    CC_RETURN_IF_ERROR(
        OnlyKeys(c.body, {"offerId", "childViews", "reasonNotTop", "reasonAgainstChildView"}));
    OfferId offer;
    std::string views, reason, against;
    CC_RETURN_IF_ERROR(Required(c.body, "offerId", offer));
    CC_RETURN_IF_ERROR(Optional(c.body, "childViews", views));
    CC_RETURN_IF_ERROR(Optional(c.body, "reasonNotTop", reason));
    CC_RETURN_IF_ERROR(Optional(c.body, "reasonAgainstChildView", against));
    CC_ASSIGN_OR_RETURN(auto out,
                        wf->Propose(c.who, ReferralId(c.id), offer, views, reason, against));
    json j = {{"proposal", ToJson(out.proposal)}};
    j["placement"] = out.placement ? ToJson(*out.placement) : json(nullptr);
    return Reply{201, j};
  });
  add("GET", "/api/proposals", true,
      [wf](Call& c) -> Result<Reply> {
        CC_ASSIGN_OR_RETURN(auto status, EnumParam<ProposalStatus>(c.req, "status"));
        CC_ASSIGN_OR_RETURN(auto list, wf->ListProposals(c.who, status));
        return Reply{200, {{"proposals", ListJson(list)}}};
      },
      {"status"});
  add("GET", "/api/proposals/{id}", true, [wf](Call& c) -> Result<Reply> {
    CC_ASSIGN_OR_RETURN(auto p, wf->GetProposal(c.who, ProposalId(c.id)));
    return Reply{200, ToJson(p)};
  });
  add("POST", "/api/proposals/{id}/decision", true, [wf](Call& c) -> Result<Reply> {
    CC_RETURN_IF_ERROR(OnlyKeys(c.body, {"outcome", "reasons"}));
    ScrutinyOutcome outcome{};
    std::string reasons;
    CC_RETURN_IF_ERROR(Required(c.body, "outcome", outcome));
    CC_RETURN_IF_ERROR(Optional(c.body, "reasons", reasons));
    CC_ASSIGN_OR_RETURN(auto out, wf->Decide(c.who, ProposalId(c.id), outcome, reasons));
    json j = {{"proposal", ToJson(out.proposal)}, {"decision", ToJson(out.decision)}};
    j["placement"] = out.placement ? ToJson(*out.placement) : json(nullptr);
    return Reply{200, j};
  });
  add("GET", "/api/scrutiny/overdue", true, [wf](Call& c) -> Result<Reply> {
    CC_ASSIGN_OR_RETURN(auto list, wf->OverdueScrutinies(c.who));
    json items = json::array();
    for (const auto& o : list)
      items.push_back({{"proposal", ToJson(o.proposal)},
                       {"placement", ToJson(o.placement)},
                       {"due", FormatTimestamp(o.due)}});
    return Reply{200, {{"overdue", items}}};
  });

  // 7-8. Placements and payments.
  add("GET", "/api/placements", true,
      [wf](Call& c) -> Result<Reply> {
        bool current = false;
        if (const std::string* param = c.req.Param("current")) {
          const std::string& v = *param;
          if (v != "true" && v != "false")
            return InvalidArgument("current", "must be true or false");
          current = v == "true";
        }
        CC_ASSIGN_OR_RETURN(auto list, wf->ListPlacementsPriced(c.who, current));
        json placements = json::array();
        for (const services::PricedPlacement& p : list) {
          json j = ToJson(p.placement);
          j["fairPrice"] = FairPriceJson(p.fair);
          placements.push_back(std::move(j));
        }
        return Reply{200, {{"placements", placements}}};
      },
      {"current"});
  add("GET", "/api/placements/{id}", true, [wf](Call& c) -> Result<Reply> {
    CC_ASSIGN_OR_RETURN(auto p, wf->GetPlacement(c.who, PlacementId(c.id)));
    return Reply{200, ToJson(p)};
  });
  add("POST", "/api/placements/{id}/end", true, [wf](Call& c) -> Result<Reply> {
    CC_RETURN_IF_ERROR(OnlyKeys(c.body, {"endDate", "reasonPlaceChange", "reasonCeased"}));
    services::EndRequest e;
    CC_RETURN_IF_ERROR(Required(c.body, "endDate", e.end));
    CC_RETURN_IF_ERROR(Optional(c.body, "reasonPlaceChange", e.reason_place_change));
    CC_RETURN_IF_ERROR(Optional(c.body, "reasonCeased", e.reason_ceased));
    CC_ASSIGN_OR_RETURN(auto p, wf->EndPlacement(c.who, PlacementId(c.id), e));
    return Reply{200, ToJson(p)};
  });
  add("GET", "/api/placements/{id}/payments", true, [wf](Call& c) -> Result<Reply> {
    CC_ASSIGN_OR_RETURN(auto list, wf->ListPayments(c.who, PlacementId(c.id)));
    return Reply{200, {{"payments", ListJson(list)}}};
  });

  // National layer and administration.
  add("GET", "/api/national/overview", true, [wf](Call& c) -> Result<Reply> {
    CC_ASSIGN_OR_RETURN(auto rows, wf->National(c.who));
    json items = json::array();
    auto opt = [](const std::optional<std::int64_t>& v) { return v ? json(*v) : json(nullptr); };
    for (const auto& n : rows)
      items.push_back({{"rcc", n.rcc_code},
                       {"rccId", n.rcc.value()},
                       {"name", n.rcc_name},
                       {"openReferrals", opt(n.open_referrals)},
                       {"currentPlacements", opt(n.current_placements)},
                       {"emergencyPlacements", opt(n.emergency_placements)},
                       {"meanWeeklyFee",
                        n.mean_weekly_fee ? json(n.mean_weekly_fee->value()) : json(nullptr)}});
    return Reply{200, {{"smallNumbersSuppressedBelow", services::kSmallNumber}, {"rccs", items}}};
  });
  add("GET", "/api/rccs/{id}/sufficiency", true, [wf](Call& c) -> Result<Reply> {
    CC_ASSIGN_OR_RETURN(auto s, wf->Sufficiency(c.who, RccId(c.id)));
    return Reply{200, forecast::SufficiencyJson(s)};
  });
  add("GET", "/api/rccs", true, [wf](Call& c) -> Result<Reply> {
    CC_ASSIGN_OR_RETURN(auto rccs, wf->ListRccs(c.who));
    json a = json::array();
    for (const Rcc& r : rccs)
      a.push_back({{"id", r.id.value()}, {"code", r.code}, {"name", r.name}});
    return Reply{200, {{"rccs", a}}};
  });
  add("GET", "/api/rccs/{id}/sufficiency-strategy", true,
      [wf, clock](Call& c) -> Result<Reply> {
        std::string format = "json";
        if (const std::string* v = c.req.Param("format")) format = *v;
        if (format != "json" && format != "csv" && format != "html")
          return InvalidArgument("format", "must be json, csv or html, not '" + format + "'");
        CC_ASSIGN_OR_RETURN(auto s, wf->SufficiencyStrategy(c.who, RccId(c.id)));
        json published = forecast::SufficiencyJson(s);
        if (format == "json") return Reply{200, published};
        Reply r;
        const std::string file = "sufficiency-strategy-" + s.rcc_code;
        if (format == "csv") {
          r.content_type = "text/csv; charset=utf-8";
          r.text = national::SufficiencyStrategyCsv(published);
          r.headers = {{"Content-Disposition", "attachment; filename=\"" + file + ".csv\""}};
        } else {
          r.content_type = "text/html; charset=utf-8";
          r.text = national::SufficiencyStrategyHtml(published, Date::FromTimestamp(clock()));
        }
        return r;
      },
      {"format"});
  add("GET", "/api/rccs/{id}/spend", true,
      [wf, clock](Call& c) -> Result<Reply> {
        // Unless given: the twelve months from the first of this month (the
        // weeks paid lately and those scheduled: the RCC's commitments).
        const Date today = Date::FromTimestamp(clock());
        Date from(today.year(), today.month(), 1), to(today.year() + 1, today.month(), 1);
        if (const std::string* v = c.req.Param("from")) {
          CC_ASSIGN_OR_RETURN(from, Date::ParseIso(*v, "from"));
        }
        if (const std::string* v = c.req.Param("to")) {
          CC_ASSIGN_OR_RETURN(to, Date::ParseIso(*v, "to"));
        }
        CC_ASSIGN_OR_RETURN(auto spend, wf->SpendOf(c.who, RccId(c.id), from, to));
        auto lines = [](const std::vector<services::SpendLine>& v) {
          json a = json::array();
          for (const auto& l : v)
            a.push_back({{"key", l.key},
                         {"label", l.label},
                         {"amount", l.amount.value()},
                         {"weeks", l.weeks}});
          return a;
        };
        return Reply{200,
                     {{"rccId", c.id},
                      {"from", spend.from.ToIso()},
                      {"to", spend.to.ToIso()},
                      {"total", spend.total.value()},
                      {"byCouncil", lines(spend.by_council)},
                      {"byRoute", lines(spend.by_route)}}};
      },
      {"from", "to"});
  add("GET", "/api/rccs/{id}/contracts", true,
      [wf, clock](Call& c) -> Result<Reply> {
        CC_ASSIGN_OR_RETURN(Date on, DayParam(c, "on", clock));
        CC_ASSIGN_OR_RETURN(auto rows, wf->ContractRegister(c.who, RccId(c.id), on));
        json a = json::array();
        for (const services::ContractRow& r : rows) {
          json row = ToJson(r.contract);
          row["provider"] = r.provider;
          row["inheritedFrom"] = r.inherited_from;
          row["placementsInForce"] = r.placements_in_force;
          row["places"] = r.places;
          row["spendLastYear"] = r.spend_last_year.value();
          row["standardFeeNow"] = r.standard_fee_now.value();
          a.push_back(std::move(row));
        }
        return Reply{200, {{"rccId", c.id}, {"on", on.ToIso()}, {"contracts", a}}};
      },
      {"on"});
  add("POST", "/api/rccs/{id}/contracts", true, [wf](Call& c) -> Result<Reply> {
    Contract contract;
    // An admission to a framework is made by POST /api/frameworks/{id}/admissions.
    static const std::set<std::string> kServer = {"rccId", "frameworkId", "national",
                                                  "voidShareBp"};
    CC_RETURN_IF_ERROR(FromJson(c.body, contract, kServer, false));
    for (const char* field : {"providerId", "type", "reference", "startDate", "fees"})
      if (!c.body.contains(field)) return InvalidArgument(field, "is required");
    CC_ASSIGN_OR_RETURN(auto made, wf->CreateContract(c.who, RccId(c.id), contract));
    return Reply{201, ToJson(made)};
  });
  add("PATCH", "/api/contracts/{id}", true, [wf](Call& c) -> Result<Reply> {
    CC_RETURN_IF_ERROR(OnlyKeys(c.body, {"version", "status", "decision"}));
    std::int64_t version = 0;
    CC_RETURN_IF_ERROR(Required(c.body, "version", version));
    std::optional<ContractStatus> status;
    std::optional<RegisterDecision> decision;
    if (c.body.contains("status")) {
      ContractStatus s{};
      CC_RETURN_IF_ERROR(Required(c.body, "status", s));
      status = s;
    }
    if (c.body.contains("decision")) {
      RegisterDecision d{};
      CC_RETURN_IF_ERROR(Required(c.body, "decision", d));
      decision = d;
    }
    if (!status && !decision) return InvalidArgument("body", "give a status or a decision");
    CC_ASSIGN_OR_RETURN(auto changed,
                        wf->ChangeContract(c.who, ContractId(c.id), version, status, decision));
    return Reply{200, ToJson(changed)};
  });
  add("GET", "/api/rccs/{id}/invoices", true,
      [wf, clock](Call& c) -> Result<Reply> {
        const Date today = Date::FromTimestamp(clock());
        Date from = today.AddDays(-28), to = today.AddDays(1);
        if (const std::string* v = c.req.Param("from")) {
          CC_ASSIGN_OR_RETURN(from, Date::ParseIso(*v, "from"));
        }
        if (const std::string* v = c.req.Param("to")) {
          CC_ASSIGN_OR_RETURN(to, Date::ParseIso(*v, "to"));
        }
        CC_ASSIGN_OR_RETURN(auto inv, wf->InvoicesOf(c.who, RccId(c.id), from, to));
        json list = json::array();
        for (const services::InvoiceRow& r : inv.invoices) {
          json lines = json::array();
          for (const market::InvoiceLine& l : r.invoice.lines)
            lines.push_back({{"paymentId", l.payment.value()},
                             {"placementId", l.placement.value()},
                             {"weekStart", l.week_start.ToIso()},
                             {"amount", l.amount.value()}});
          list.push_back({{"councilId", r.invoice.council.value()},
                          {"council", r.council},
                          {"payer", EnumCode(r.invoice.payer)},
                          {"payerName", r.payer},
                          {"total", r.invoice.total.value()},
                          {"lines", lines}});
        }
        return Reply{200,
                     {{"rccId", c.id},
                      {"from", inv.from.ToIso()},
                      {"to", inv.to.ToIso()},
                      {"total", inv.total.value()},
                      {"invoices", list}}};
      },
      {"from", "to"});
  add("PATCH", "/api/placements/{id}/funding", true, [wf](Call& c) -> Result<Reply> {
    CC_RETURN_IF_ERROR(OnlyKeys(c.body, {"version", "healthShareBp", "educationShareBp"}));
    std::int64_t version = 0;
    int health = 0, education = 0;
    CC_RETURN_IF_ERROR(Required(c.body, "version", version));
    CC_RETURN_IF_ERROR(Required(c.body, "healthShareBp", health));
    CC_RETURN_IF_ERROR(Required(c.body, "educationShareBp", education));
    CC_ASSIGN_OR_RETURN(auto p,
                        wf->SetFundingShares(c.who, PlacementId(c.id), version, health, education));
    return Reply{200, ToJson(p)};
  });
  add("GET", "/api/rccs/{id}/frameworks", true,
      [wf, clock](Call& c) -> Result<Reply> {
        CC_ASSIGN_OR_RETURN(Date on, DayParam(c, "on", clock));
        CC_ASSIGN_OR_RETURN(auto rows, wf->Frameworks(c.who, RccId(c.id), on));
        json a = json::array();
        for (const services::FrameworkRow& r : rows) {
          json row = ToJson(r.framework);
          row["nextAdmission"] = r.next_admission ? json(r.next_admission->ToIso()) : json();
          json admitted = json::array();
          for (const services::FrameworkAdmission& ad : r.admissions) {
            json one = ToJson(ad.contract);
            one["provider"] = ad.provider;
            admitted.push_back(std::move(one));
          }
          row["admissions"] = std::move(admitted);
          a.push_back(std::move(row));
        }
        return Reply{200, {{"rccId", c.id}, {"on", on.ToIso()}, {"frameworks", a}}};
      },
      {"on"});
  add("POST", "/api/rccs/{id}/frameworks", true, [wf](Call& c) -> Result<Reply> {
    Framework framework;
    static const std::set<std::string> kServer = {"rccId"};
    CC_RETURN_IF_ERROR(FromJson(c.body, framework, kServer, false));
    for (const char* field : {"route", "reference", "title", "startDate", "endDate", "lots"})
      if (!c.body.contains(field)) return InvalidArgument(field, "is required");
    CC_ASSIGN_OR_RETURN(auto made, wf->CreateFramework(c.who, RccId(c.id), framework));
    return Reply{201, ToJson(made)};
  });
  add("POST", "/api/frameworks/{id}/admissions", true, [wf](Call& c) -> Result<Reply> {
    CC_RETURN_IF_ERROR(OnlyKeys(c.body, {"providerId", "admittedOn", "lots"}));
    ProviderId provider;
    Date on;
    CC_RETURN_IF_ERROR(Required(c.body, "providerId", provider));
    CC_RETURN_IF_ERROR(Required(c.body, "admittedOn", on));
    if (!c.body.contains("lots")) return InvalidArgument("lots", "is required");
    const json& given = c.body["lots"];
    if (!given.is_array()) return InvalidArgument("lots", "must be a list");
    std::vector<market::LotFee> lots;
    for (std::size_t i = 0; i < given.size(); ++i) {
      const std::string f = "lots[" + std::to_string(i) + "]";
      const json& e = given[i];
      if (!e.is_object() || e.size() != 2 || !e.contains("lot") || !e.contains("weeklyFee"))
        return InvalidArgument(f, "must be {\"lot\": code, \"weeklyFee\": pence}");
      market::LotFee lot;
      CC_RETURN_IF_ERROR(jsoncodec::From(e["lot"], lot.lot, f + ".lot"));
      CC_RETURN_IF_ERROR(jsoncodec::From(e["weeklyFee"], lot.weekly_fee, f + ".weeklyFee"));
      lots.push_back(std::move(lot));
    }
    CC_ASSIGN_OR_RETURN(auto admitted, wf->Admit(c.who, FrameworkId(c.id), provider, on, lots));
    return Reply{201, ToJson(admitted)};
  });
  add("GET", "/api/provider/contracts", true,
      [wf, clock](Call& c) -> Result<Reply> {
        CC_ASSIGN_OR_RETURN(Date on, DayParam(c, "on", clock));
        CC_ASSIGN_OR_RETURN(auto rows, wf->ProviderContracts(c.who, on));
        json a = json::array();
        for (const services::ProviderContract& r : rows) {
          json row = ToJson(r.contract);
          row["rcc"] = r.rcc;
          row["framework"] = r.framework;
          row["standardFeeNow"] = r.standard_fee_now.value();
          a.push_back(std::move(row));
        }
        return Reply{200, {{"on", on.ToIso()}, {"contracts", a}}};
      },
      {"on"});
  add("POST", "/api/rccs/{id}/payment-runs", true, [wf](Call& c) -> Result<Reply> {
    CC_RETURN_IF_ERROR(OnlyKeys(c.body, {"weekFrom"}));
    Date from;
    CC_RETURN_IF_ERROR(Required(c.body, "weekFrom", from));
    CC_ASSIGN_OR_RETURN(auto outcome, wf->RunPayments(c.who, RccId(c.id), from));
    json blocks = json::array();
    for (const BlockUtilisation& b : outcome.blocks) blocks.push_back(ToJson(b));
    json j = ToJson(outcome.run);
    j["alreadyRun"] = outcome.already_run;
    j["blocks"] = blocks;
    return Reply{outcome.already_run ? 200 : 201, j};
  });
  add("GET", "/api/rccs/{id}/payment-runs", true, [wf](Call& c) -> Result<Reply> {
    CC_ASSIGN_OR_RETURN(auto runs, wf->PaymentRuns(c.who, RccId(c.id)));
    json list = json::array();
    for (const PaymentRun& r : runs) list.push_back(ToJson(r));
    return Reply{200, list};
  });
  add("GET", "/api/provider/remittances", true, [wf](Call& c) -> Result<Reply> {
    CC_ASSIGN_OR_RETURN(auto remittances, wf->Remittances(c.who));
    json list = json::array();
    for (const services::Remittance& r : remittances) {
      json lines = json::array();
      for (const services::RemittanceLine& l : r.lines)
        lines.push_back(
            {{"kind", l.kind},
             {"paymentId", l.payment.valid() ? json(l.payment.value()) : json(nullptr)},
             {"placementId", l.placement.valid() ? json(l.placement.value()) : json(nullptr)},
             {"home", l.home},
             {"weekStart", l.week_start.ToIso()},
             {"core", l.core.value()},
             {"staffing", l.staffing.value()},
             {"education", l.education.value()},
             {"transport", l.transport.value()},
             {"amount", l.amount.value()}});
      list.push_back({{"runId", r.run.value()},
                      {"weekFrom", r.week_from.ToIso()},
                      {"paidOn", r.paid_on.ToIso()},
                      {"total", r.total.value()},
                      {"lines", lines}});
    }
    return Reply{200, list};
  });
  add("GET", "/api/rccs/{id}/budget", true,
      [wf, clock](Call& c) -> Result<Reply> {
        // Unless given: the financial year the day falls in (April to March).
        const Date today = Date::FromTimestamp(clock());
        int year = today.month() >= 4 ? today.year() : today.year() - 1;
        if (const std::string* v = c.req.Param("year")) {
          try {
            std::size_t used = 0;
            year = std::stoi(*v, &used);
            if (used != v->size()) throw std::invalid_argument(*v);
          } catch (const std::exception&) {
            return InvalidArgument("year",
                                   "must be a year, e.g. 2024 for April 2024 to March 2025");
          }
        }
        CC_ASSIGN_OR_RETURN(auto b, wf->BudgetOf(c.who, RccId(c.id), year, today));
        return Reply{200, BudgetJson(b)};
      },
      {"year"});
  add("POST", "/api/rccs/{id}/budget", true, [wf](Call& c) -> Result<Reply> {
    CC_RETURN_IF_ERROR(OnlyKeys(c.body, {"year", "total", "basis", "shares"}));
    int year = 0;
    Pence total;
    ContributionBasis basis = ContributionBasis::kChildrenInCare;
    CC_RETURN_IF_ERROR(Required(c.body, "year", year));
    CC_RETURN_IF_ERROR(Required(c.body, "total", total));
    CC_RETURN_IF_ERROR(Required(c.body, "basis", basis));
    std::map<CouncilId, std::int64_t> shares;
    if (c.body.contains("shares")) {
      const json& s = c.body["shares"];
      if (!s.is_array()) return InvalidArgument("shares", "must be a list of {councilId, shareBp}");
      for (std::size_t i = 0; i < s.size(); ++i) {
        const std::string f = "shares[" + std::to_string(i) + "]";
        if (!s[i].is_object() || !s[i].contains("councilId") || !s[i].contains("shareBp") ||
            !s[i]["councilId"].is_number_integer() || !s[i]["shareBp"].is_number_integer())
          return InvalidArgument(f, "must be {\"councilId\": id, \"shareBp\": basis points}");
        const auto bp = s[i]["shareBp"].get<std::int64_t>();
        if (bp < 0 || bp > 10'000) return InvalidArgument(f + ".shareBp", "must be 0 to 10000");
        if (!shares.emplace(CouncilId(s[i]["councilId"].get<std::int64_t>()), bp).second)
          return InvalidArgument(f + ".councilId", "names a council twice");
      }
    }
    CC_ASSIGN_OR_RETURN(auto b, wf->SetBudget(c.who, RccId(c.id), year, total, basis, shares));
    return Reply{200, BudgetJson(b)};
  });
  add("GET", "/api/rccs/{id}/fostering", true,
      [wf, clock](Call& c) -> Result<Reply> {
        const Date today = Date::FromTimestamp(clock());
        Date from = today.AddDays(-365), to = today.AddDays(1);
        if (const std::string* v = c.req.Param("from")) {
          CC_ASSIGN_OR_RETURN(from, Date::ParseIso(*v, "from"));
        }
        if (const std::string* v = c.req.Param("to")) {
          CC_ASSIGN_OR_RETURN(to, Date::ParseIso(*v, "to"));
        }
        CC_ASSIGN_OR_RETURN(auto f, wf->FosteringOf(c.who, RccId(c.id), from, to, today));
        json stages = json::array();
        for (const auto& s : f.funnel.stages)
          stages.push_back(
              {{"stage", s.stage},
               {"reached", s.reached},
               {"conversion", s.conversion},
               {"medianDaysToNext",
                s.median_days_to_next ? json(*s.median_days_to_next) : json(nullptr)}});
        return Reply{200,
                     {{"rccId", c.id},
                      {"from", f.from.ToIso()},
                      {"to", f.to.ToIso()},
                      {"day", f.day.ToIso()},
                      {"funnel", stages},
                      {"resignations", f.funnel.resignations},
                      {"households", f.households},
                      {"approvedPlaces", f.approved_places},
                      {"filled", f.filled},
                      {"vacant", f.vacant},
                      {"unavailable", f.unavailable}}};
      },
      {"from", "to"});
  add("GET", "/api/assignment", true,
      [wf](Call& c) -> Result<Reply> {
        auto sourcing = services::SourcingPolicy::kNeedsLed;
        if (const std::string* v = c.req.Param("policy")) {
          auto parsed = services::ParseSourcingPolicy(*v);
          if (!parsed.ok()) return InvalidArgument("policy", "must be needs-led or sequential");
          sourcing = *parsed;
        }
        CC_ASSIGN_OR_RETURN(auto plan, wf->Assignment(c.who, sourcing));
        return Reply{200, PlanJson(plan)};
      },
      {"policy"});
  add("GET", "/api/assignment/comparison", true, [wf](Call& c) -> Result<Reply> {
    CC_ASSIGN_OR_RETURN(auto cmp, wf->CompareSourcing(c.who));
    return Reply{200,
                 {{"rcc", cmp.needs_led.rcc.code},
                  {"referrals", cmp.needs_led.referrals.size()},
                  {"needsLed", MetricsJson(cmp.needs_led.metrics)},
                  {"sequential", MetricsJson(cmp.sequential.metrics)}}};
  });
  add("GET", "/api/audit/verify", true, [store, wf](Call& c) -> Result<Reply> {
    CC_RETURN_IF_ERROR(wf->policy().Check(c.who, Relation::kAny, "audit", "verify", "audit"));
    services::AuditReport report;
    CC_RETURN_IF_ERROR(store->Read([&](store::Tx& tx) -> Status {
      CC_ASSIGN_OR_RETURN(report, services::VerifyAudit(tx));
      return Status::Ok();
    }));
    return Reply{200,
                 {{"intact", report.ok()},
                  {"records", report.records},
                  {"headHash", report.head_hash},
                  {"problems", report.problems}}};
  });
  const AddRoute add_route = [&](std::string method, std::string path, bool signed_in, Handler h,
                                 std::vector<std::string> query) {
    add(std::move(method), std::move(path), signed_in, std::move(h), std::move(query));
  };
  AddOversightRoutes(add_route, wf);
  AddNationalRoutes(add_route, wf);
  AddSimulationRoutes(add_route, wf);
  add("GET", "/openapi.json", false, [](Call&) -> Result<Reply> {
    return Reply{200, json::parse(embedded::openapi_json())};
  });
  return routes;
}

// A route's path split at '/', with "{id}" matching 1 to 18 digits.
struct PathPattern {
  std::vector<std::string> segments;
  bool Match(std::string_view path, std::int64_t& id) const {
    if (path.empty() || path[0] != '/') return false;
    path.remove_prefix(1);
    for (std::size_t i = 0; i < segments.size(); ++i) {
      const auto slash = path.find('/');
      std::string_view seg = path.substr(0, slash);
      if (segments[i] == "{id}") {
        if (seg.empty() || seg.size() > 18) return false;
        for (char ch : seg)
          if (ch < '0' || ch > '9') return false;
        id = std::stoll(std::string(seg));
      } else if (seg != segments[i]) {
        return false;
      }
      if (i + 1 == segments.size()) return slash == std::string_view::npos;
      if (slash == std::string_view::npos) return false;
      path.remove_prefix(slash + 1);
    }
    return false;
  }
};

PathPattern Compile(const std::string& path) {
  PathPattern p;
  std::string_view rest(path);
  rest.remove_prefix(1);
  while (true) {
    const auto slash = rest.find('/');
    p.segments.emplace_back(rest.substr(0, slash));
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  return p;
}

// The deepest nesting of arrays and objects in a JSON text, outside strings,
// stopping once past `limit` (the parser is recursive: a body of 64 KiB of
// '[' must not reach it).
bool NestingWithin(std::string_view text, int limit) {
  int depth = 0;
  bool in_string = false, escaped = false;
  for (char ch : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (ch == '\\') {
        escaped = true;
      } else if (ch == '"') {
        in_string = false;
      }
    } else if (ch == '"') {
      in_string = true;
    } else if (ch == '[' || ch == '{') {
      if (++depth > limit) return false;
    } else if (ch == ']' || ch == '}') {
      --depth;
    }
  }
  return true;
}

}  // namespace

std::vector<RouteInfo> Routes() {
  std::vector<RouteInfo> out;
  for (const Route& r : Table(nullptr, nullptr, nullptr, nullptr, false)) out.push_back(r.info);
  return out;
}

std::string_view OpenApiDocument() { return embedded::openapi_json(); }

const std::vector<std::pair<std::string, std::string>>& ResponseHeaders() {
  static const std::vector<std::pair<std::string, std::string>> kHeaders = {
      {"Cache-Control", "no-store"},
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "no-referrer"},
      {"Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"},
  };
  return kHeaders;
}

struct Server::Impl {
  Impl(store::Store& s, services::Workflow& w, ServerOptions o)
      : store(s), workflow(w), options(o) {}
  store::Store& store;
  services::Workflow& workflow;
  ServerOptions options;
  Metrics metrics;
  std::atomic<std::int64_t> next_reference{1};
  services::SignInThrottle throttle;
  std::vector<Route> routes;
  std::vector<PathPattern> patterns;  // one per route
  std::unique_ptr<HttpEdge> edge;

  // Signed-in sessions seen lately, by token hash, so that a request does not
  // read the store to learn who is asking. An entry lives kSessionCacheTtl at
  // most and never past the session's expiry; signing out, or a sign-in that
  // revokes the user's oldest session, drops it at once.
  static constexpr std::chrono::seconds kSessionCacheTtl{30};
  struct CachedSession {
    services::Principal who;
    Timestamp valid_until{};
    std::chrono::steady_clock::time_point cached_at;
  };
  std::mutex sessions_mu;
  std::unordered_map<std::string, CachedSession> sessions;

  // 401s audited per client address: at most kUnauthenticatedAudits a
  // minute, so that a flood of unsigned requests cannot flood the store;
  // past that they are logged and counted only.
  static constexpr int kUnauthenticatedAudits = 60;
  std::mutex unauthenticated_mu;
  std::unordered_map<std::string, std::pair<std::chrono::steady_clock::time_point, int>>
      unauthenticated;

  Result<services::Principal> Authenticate(const std::string& token) {
    Timestamp now = workflow.options().clock();
    auto steady = std::chrono::steady_clock::now();
    const std::string key = services::TokenHash(token);
    {
      std::lock_guard lock(sessions_mu);
      auto it = sessions.find(key);
      if (it != sessions.end()) {
        if (now < it->second.valid_until && steady - it->second.cached_at < kSessionCacheTtl)
          return it->second.who;
        sessions.erase(it);
      }
    }
    CC_ASSIGN_OR_RETURN(services::Session s, services::AuthenticateSession(store, token, now));
    std::lock_guard lock(sessions_mu);
    if (sessions.size() > 100000) sessions.clear();
    sessions[key] = {s.who, s.expires_at, steady};
    return s.who;
  }

  void Forget(const std::string& token_hash) {
    std::lock_guard lock(sessions_mu);
    sessions.erase(token_hash);
  }

  bool AuditThisUnauthenticated(const std::string& address) {
    const auto now = std::chrono::steady_clock::now();
    std::lock_guard lock(unauthenticated_mu);
    if (unauthenticated.size() > 10000) unauthenticated.clear();
    auto& [window, count] = unauthenticated[address];
    if (now - window > std::chrono::minutes(1)) {
      window = now;
      count = 0;
    }
    return ++count <= kUnauthenticatedAudits;
  }

  static HttpResponse JsonResponse(int status, const json& body) {
    return {status, "application/json", body.dump(), {}};
  }

  HttpResponse ErrorResponse(const Status& s) {
    std::string message = s.message();
    if (s.code() == StatusCode::kInternal || s.code() == StatusCode::kUnavailable) {
      std::int64_t ref = next_reference++;
      services::log::Event({{"event", "error"}, {"reference", ref}, {"status", s.ToString()}});
      message = s.code() == StatusCode::kInternal
                    ? "internal error (reference " + std::to_string(ref) + ")"
                    : "the store is unavailable (reference " + std::to_string(ref) + ")";
      return JsonResponse(s.HttpStatus(), ErrorJson(Status(s.code(), message), message));
    }
    return JsonResponse(s.HttpStatus(), ErrorJson(s, message));
  }

  // The route's answer, or the refusal; `route` is set to the pattern matched.
  HttpResponse Answer(const HttpRequest& req, std::string& route_name, std::string& who) {
    std::int64_t id = 0;
    const Route* route = nullptr;
    bool path_known = false;
    for (std::size_t i = 0; i < routes.size(); ++i) {
      std::int64_t matched_id = 0;
      if (!patterns[i].Match(req.path, matched_id)) continue;
      path_known = true;
      if (routes[i].info.method != req.method) continue;
      route = &routes[i];
      id = matched_id;
      break;
    }
    if (!route && req.method == "GET" && req.path == "/metrics") {
      route_name = "/metrics";
      return {200, "text/plain; version=0.0.4", metrics.Text(), {}};
    }
    if (!route && options.web && (req.method == "GET" || req.method == "HEAD") &&
        !req.path.starts_with("/api/") && req.path != "/api") {
      if (auto page = options.web->Answer(req.path)) {
        route_name = "web";
        return *std::move(page);
      }
    }
    if (!route) {
      route_name = "unmatched";
      if (path_known)
        return JsonResponse(405, ErrorJson(Status(StatusCode::kMalformed, ""),
                                           req.method + " is not a method of " + req.path));
      return JsonResponse(404, ErrorJson(NotFound(""), "no such route"));
    }
    route_name = route->info.path;
    Call call{req, {}, json(), id};
    if (route->info.signed_in) {
      const std::string auth = req.Header("Authorization");
      const std::string cookie = auth.empty() ? CookieValue(req, kSessionCookie) : std::string();
      Status refused = Status::Ok();
      if (!auth.starts_with("Bearer ") && cookie.empty()) {
        refused = Unauthenticated("sign in first: send Authorization: Bearer <token>");
      } else if (auto signed_in = Authenticate(cookie.empty() ? auth.substr(7) : cookie);
                 !signed_in.ok()) {
        refused = signed_in.status();
      } else {
        call.who = *signed_in;
        // A change asked with the browser's cookie must carry the session's
        // CSRF token, and come from this origin if it names one.
        if (!cookie.empty() && req.method != "GET" && req.method != "HEAD" &&
            req.method != "OPTIONS") {
          std::string origin = req.Header("Origin");
          std::string host = req.Header("Host");
          bool same_origin =
              origin.empty() || origin == "http://" + host || origin == "https://" + host;
          if (req.Header(kCsrfHeader) != CsrfTokenOf(cookie) || !same_origin) {
            Status csrf(StatusCode::kPermissionDenied,
                        same_origin ? "a change made with the session cookie needs the "
                                      "session's CSRF token in the X-CSRF-Token header"
                                    : "a change made with the session cookie must come from "
                                      "this origin, not " +
                                          origin,
                        std::string(kCsrfHeader));
            Status audited = services::AuditCsrfRefusal(store, call.who.username, route->info.path,
                                                        id, req.remote_address, clock());
            if (!audited.ok()) return ErrorResponse(audited);
            return ErrorResponse(csrf);
          }
        }
      }
      if (!refused.ok()) {
        if (refused.code() == StatusCode::kUnauthenticated) {
          services::log::Event({{"event", "unauthenticated"},
                                {"route", route->info.path},
                                {"id", id},
                                {"address", req.remote_address}});
          if (AuditThisUnauthenticated(req.remote_address)) {
            Status audited = services::AuditUnauthenticated(store, route->info.path, id,
                                                            req.remote_address, clock());
            if (!audited.ok()) return ErrorResponse(audited);
          }
        }
        HttpResponse r = ErrorResponse(refused);
        r.headers.emplace_back("WWW-Authenticate", "Bearer");
        return r;
      }
      who = call.who.username;
    }
    for (const auto& [name, value] : req.query)
      if (std::find(route->info.query.begin(), route->info.query.end(), name) ==
          route->info.query.end())
        return ErrorResponse(InvalidArgument(
            name, "is not a parameter of " + route->info.method + " " + route->info.path));
    if (req.method == "POST" || req.method == "PATCH") {
      if (req.body.empty()) {
        call.body = json::object();
      } else {
        if (!NestingWithin(req.body, kMaxJsonDepth))
          return ErrorResponse(Malformed("the request body nests arrays and objects deeper than " +
                                             std::to_string(kMaxJsonDepth),
                                         "body"));
        call.body = json::parse(req.body, nullptr, /*allow_exceptions=*/false);
        if (call.body.is_discarded())
          return ErrorResponse(Malformed("the request body is not valid JSON", "body"));
      }
    }
    Result<Reply> reply = route->handler(call);
    if (!reply.ok()) return ErrorResponse(reply.status());
    HttpResponse r = reply->content_type.empty()
                         ? JsonResponse(reply->status, reply->body)
                         : HttpResponse{reply->status, reply->content_type, reply->text, {}};
    r.headers = std::move(reply->headers);
    return r;
  }

  Timestamp clock() const { return workflow.options().clock(); }

  HttpResponse Handle(const HttpRequest& req) {
    services::log::RequestScope scope(req.request_id);
    const auto started = std::chrono::steady_clock::now();
    std::string route_name, who;
    HttpResponse r;
    try {
      r = Answer(req, route_name, who);
    } catch (const std::exception& e) {
      r = ErrorResponse(Internal(e.what()));
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    metrics.Request(req.method, route_name, r.status, seconds);
    if (route_name == "/api/sessions" && (r.status == 401 || r.status == 429))
      metrics.SignInFailure();
    if (options.access_log) {
      json line = {{"event", "request"},
                   {"method", req.method},
                   {"route", route_name},
                   {"status", r.status},
                   {"ms", std::round(seconds * 1e5) / 100}};
      if (!who.empty()) line["user"] = who;
      services::log::Event(std::move(line));
    }
    return r;
  }
};

Server::Server(store::Store& store, services::Workflow& workflow, ServerOptions options)
    : impl_(std::make_unique<Impl>(store, workflow, options)) {
  Impl* impl = impl_.get();
  impl->routes = Table(
      &store, &workflow, [impl](const std::string& token_hash) { impl->Forget(token_hash); },
      &impl->throttle, options.secure_cookies);
  for (const Route& r : impl->routes) impl->patterns.push_back(Compile(r.info.path));
  EdgeOptions edge = options.edge;
  edge.max_body_bytes = options.max_body_bytes;
  edge.workers = options.threads;
  // On every answer, errors included (docs/api.md, "Headers"): nothing the
  // API says is kept by a cache (its answers carry children's records and
  // session tokens), sniffed as another type, framed, or sent on as a referrer.
  edge.headers = ResponseHeaders();
  impl->edge = std::make_unique<HttpEdge>(
      std::move(edge), [impl](const HttpRequest& req) { return impl->Handle(req); }, impl->metrics);
}

Server::~Server() { Stop(); }

Result<int> Server::Bind(const std::string& host, int port) {
  return impl_->edge->Bind(host, port);
}

Status Server::Serve() { return impl_->edge->Serve(); }

void Server::Stop() { impl_->edge->Stop(); }

const Metrics& Server::metrics() const { return impl_->metrics; }

HttpResponse Server::Answer(const HttpRequest& request) { return impl_->Handle(request); }

}  // namespace carecoop::api
