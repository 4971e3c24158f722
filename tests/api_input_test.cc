// Bad input on every endpoint: a 4xx that names the field, and nothing
// stored. And the OpenAPI document: true to the routes and the records.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "api/json.h"
#include "domain/examples.h"
#include "forecast/json.h"
#include "tests/support/api_harness.h"

namespace carecoop::testing {
namespace {

std::string S(std::int64_t id) { return std::to_string(id); }

struct BadCase {
  std::string route;  // "METHOD /openapi/path" it exercises
  std::string method;
  std::string path;
  std::string token;
  std::string body;  // raw, so that malformed JSON can be sent
  int status;
  std::string field;
};

TEST(ApiInputTest, EveryEndpointRefusesBadInputNamingTheFieldAndStoresNothing) {
  ApiHarness h("sqlite", 10);
  const std::string sw = h.a.tokens[Role::kSocialWorker], hub = h.a.tokens[Role::kHubOfficer],
                    scrutiny = h.a.tokens[Role::kScrutinyOfficer],
                    provider = h.a.tokens[Role::kProvider];
  ReferralId draft = h.DraftReferral(h.a);
  ReferralId open = h.OpenReferral(h.a);
  ReferralId sent = h.SentReferral(h.a);
  OfferId offer = h.OfferFor(h.a, sent);
  ReferralId other_sent = h.SentReferral(h.a);
  OfferId other_offer = h.OfferFor(h.a, other_sent);
  ProposalId proposal = h.ProposalFor(h.a, other_sent, other_offer);
  PlacementId placement = h.PlacementFor(h.a);
  (void)offer;

  json referral = ApiHarness::PlainReferral(h.NewChild(h.a));
  auto with = [&](const std::string& key, const json& value) {
    json j = referral;
    if (value.is_discarded())
      j.erase(key);
    else
      j[key] = value;
    return j.dump();
  };
  const json kDrop = json::value_t::discarded;
  json good_offer = {{"decision", "offer"},
                     {"homeId", h.a.home.value()},
                     {"coreFee", 400000},
                     {"startDate", "2025-04-02"}};
  auto offer_with = [&](const std::string& key, const json& value) {
    json j = good_offer;
    if (value.is_discarded())
      j.erase(key);
    else
      j[key] = value;
    return j.dump();
  };
  const std::string r = "/api/referrals/";
  std::vector<BadCase> cases = {
      {"GET /api/health", "GET", "/api/health?verbose=1", "", "", 422, "verbose"},
      {"POST /api/sessions", "POST", "/api/sessions", "", R"({"username": 5, "password": "x"})",
       422, "username"},
      {"POST /api/sessions", "POST", "/api/sessions", "", R"({"username": "admin"})", 422,
       "password"},
      {"POST /api/sessions", "POST", "/api/sessions", "",
       R"({"username": "admin", "password": "x", "otp": 1})", 422, "otp"},
      {"DELETE /api/sessions/current", "DELETE", "/api/sessions/current?all=1", hub, "", 422,
       "all"},
      {"DELETE /api/sessions", "DELETE", "/api/sessions?keep=1", hub, "", 422, "keep"},
      {"GET /api/me", "GET", "/api/me?verbose=1", hub, "", 422, "verbose"},
      {"POST /api/users", "POST", "/api/users", h.admin_token,
       R"({"username": "Bad Name", "role": "admin"})", 422, "username"},
      {"POST /api/users", "POST", "/api/users", h.admin_token,
       R"({"username": "setspw", "password": "a long enough password", "role": "admin"})", 422,
       "password"},
      {"POST /api/users", "POST", "/api/users", h.admin_token,
       R"({"username": "wiz", "role": "wizard"})", 422, "role"},
      {"POST /api/users", "POST", "/api/users", h.admin_token,
       R"({"username": "sw2", "role": "social_worker"})", 422, "councilId"},
      {"POST /api/users", "POST", "/api/users", h.admin_token,
       R"({"username": "sw2", "role": "social_worker", "councilId": 999})", 422, "councilId"},
      {"POST /api/users/{id}/approval", "POST", "/api/users/1/approval", h.admin_token,
       R"({"note": "x"})", 422, "note"},
      {"POST /api/enrolment", "POST", "/api/enrolment", "", R"({"code": "x"})", 422, "password"},
      {"POST /api/enrolment", "POST", "/api/enrolment", "", R"({"code": 5, "password": "x"})", 422,
       "code"},
      {"GET /api/referrals", "GET", "/api/referrals?status=lost", sw, "", 422, "status"},
      {"POST /api/referrals", "POST", "/api/referrals", sw, with("siblingCount", "two"), 422,
       "siblingCount"},
      {"POST /api/referrals", "POST", "/api/referrals", sw, with("siblingCount", 9), 422,
       "siblingCount"},
      {"POST /api/referrals", "POST", "/api/referrals", sw, with("latestStartDate", kDrop), 422,
       "latestStartDate"},
      {"POST /api/referrals", "POST", "/api/referrals", sw, with("neededBy", "soon"), 422,
       "neededBy"},
      {"POST /api/referrals", "POST", "/api/referrals", sw, with("referralDate", "31/03/2025"), 422,
       "referralDate"},
      {"POST /api/referrals", "POST", "/api/referrals", sw, with("risks", json::array({"dragons"})),
       422, "risks[0]"},
      {"POST /api/referrals", "POST", "/api/referrals", sw, with("favouriteColour", "blue"), 422,
       "favouriteColour"},
      {"POST /api/referrals", "POST", "/api/referrals", sw, with("status", "placed"), 422,
       "status"},
      {"POST /api/referrals", "POST", "/api/referrals", sw,
       with("childId", h.NewChild(h.b).value()), 422, "childId"},
      {"POST /api/referrals", "POST", "/api/referrals", sw, R"({"childId": 1,)", 400, "body"},
      {"POST /api/referrals", "POST", "/api/referrals", sw, std::string(70000, ' ') + "{}", 413,
       "body"},
      {"PATCH /api/referrals/{id}", "PATCH", r + S(draft.value()), sw,
       R"({"preferredLocation": "x"})", 422, "version"},
      {"PATCH /api/referrals/{id}", "PATCH", r + S(draft.value()), sw,
       R"({"version": 7, "preferredLocation": "x"})", 409, "version"},
      {"PATCH /api/referrals/{id}", "PATCH", r + S(draft.value()), sw,
       R"({"version": 1, "neededBy": "soon"})", 422, "neededBy"},
      {"PATCH /api/referrals/{id}", "PATCH", r + S(draft.value()), sw,
       R"({"version": 1, "childId": 1})", 422, "childId"},
      {"POST /api/referrals/{id}/submit", "POST", r + S(draft.value()) + "/submit", sw,
       R"({"now": true})", 422, "now"},
      {"GET /api/referrals/{id}", "GET", r + S(draft.value()) + "?fields=all", sw, "", 422,
       "fields"},
      {"GET /api/queue", "GET", "/api/queue?sort=age", hub, "", 422, "sort"},
      {"GET /api/referrals/{id}/options", "GET", r + S(open.value()) + "/options?top=0", hub, "",
       422, "top"},
      {"GET /api/referrals/{id}/options", "GET", r + S(open.value()) + "/options?top=ten", hub, "",
       422, "top"},
      {"POST /api/referrals/{id}/send", "POST", r + S(open.value()) + "/send", hub,
       R"({"deadline": "tomorrow"})", 422, "deadline"},
      {"POST /api/referrals/{id}/send", "POST", r + S(open.value()) + "/send", hub,
       R"({"deadline": "2025-03-01T00:00:00Z"})", 422, "deadline"},
      {"GET /api/referrals/{id}/offers", "GET", r + S(sent.value()) + "/offers?all=1", hub, "", 422,
       "all"},
      {"GET /api/provider/referrals", "GET", "/api/provider/referrals?council=1", provider, "", 422,
       "council"},
      {"GET /api/provider/referrals/{id}", "GET",
       "/api/provider/referrals/" + S(sent.value()) + "?x=1", provider, "", 422, "x"},
      {"POST /api/referrals/{id}/offers", "POST", r + S(sent.value()) + "/offers", provider,
       offer_with("decision", "maybe"), 422, "decision"},
      {"POST /api/referrals/{id}/offers", "POST", r + S(sent.value()) + "/offers", provider,
       offer_with("coreFee", kDrop), 422, "coreFee"},
      {"POST /api/referrals/{id}/offers", "POST", r + S(sent.value()) + "/offers", provider,
       offer_with("coreFee", -5), 422, "coreFee"},
      {"POST /api/referrals/{id}/offers", "POST", r + S(sent.value()) + "/offers", provider,
       offer_with("homeId", h.b.home.value()), 422, "homeId"},
      {"POST /api/referrals/{id}/offers", "POST", r + S(sent.value()) + "/offers", provider,
       offer_with("startDate", "02/04/2025"), 422, "startDate"},
      {"POST /api/referrals/{id}/offers", "POST", r + S(sent.value()) + "/offers", provider,
       offer_with("status", "accepted"), 422, "status"},
      {"POST /api/referrals/{id}/proposals", "POST", r + S(sent.value()) + "/proposals", hub,
       json({{"offerId", offer.value()}}).dump(), 422, "childView"},
      {"POST /api/referrals/{id}/proposals", "POST", r + S(sent.value()) + "/proposals", hub,
       json({{"offerId", other_offer.value()}, {"childViews", "ok"}}).dump(), 422, "offerId"},
      {"POST /api/referrals/{id}/proposals", "POST", r + S(sent.value()) + "/proposals", hub,
       R"({"offerId": "seven", "childViews": "ok"})", 422, "offerId"},
      {"GET /api/proposals", "GET", "/api/proposals?status=pending", hub, "", 422, "status"},
      {"GET /api/proposals/{id}", "GET", "/api/proposals/" + S(proposal.value()) + "?x=1", hub, "",
       422, "x"},
      {"POST /api/proposals/{id}/decision", "POST",
       "/api/proposals/" + S(proposal.value()) + "/decision", scrutiny, R"({"outcome": "yes"})",
       422, "outcome"},
      {"POST /api/proposals/{id}/decision", "POST",
       "/api/proposals/" + S(proposal.value()) + "/decision", scrutiny,
       R"({"outcome": "sent_back", "reasons": "  "})", 422, "reasons"},
      {"GET /api/scrutiny/overdue", "GET", "/api/scrutiny/overdue?hours=1", scrutiny, "", 422,
       "hours"},
      {"GET /api/placements", "GET", "/api/placements?current=maybe", hub, "", 422, "current"},
      {"GET /api/placements/{id}", "GET", "/api/placements/" + S(placement.value()) + "?x=1", hub,
       "", 422, "x"},
      {"POST /api/placements/{id}/end", "POST", "/api/placements/" + S(placement.value()) + "/end",
       hub, R"({"endDate": "12/04/2025", "reasonPlaceChange": "CARPL"})", 422, "endDate"},
      {"POST /api/placements/{id}/end", "POST", "/api/placements/" + S(placement.value()) + "/end",
       hub, R"({"endDate": "2025-04-12", "reasonPlaceChange": "NOPE"})", 422, "reasonPlaceChange"},
      {"POST /api/placements/{id}/end", "POST", "/api/placements/" + S(placement.value()) + "/end",
       hub, R"({"endDate": "2025-03-01", "reasonPlaceChange": "CARPL"})", 422, "endDate"},
      {"POST /api/placements/{id}/end", "POST", "/api/placements/" + S(placement.value()) + "/end",
       hub, R"({"endDate": "2025-04-12"})", 422, "reasonPlaceChange"},
      {"GET /api/placements/{id}/payments", "GET",
       "/api/placements/" + S(placement.value()) + "/payments?x=1", hub, "", 422, "x"},
      {"GET /api/national/overview", "GET", "/api/national/overview?rcc=1", h.national_token, "",
       422, "rcc"},
      {"GET /api/rccs/{id}/sufficiency", "GET",
       "/api/rccs/" + S(h.a.rcc.value()) + "/sufficiency?months=6", h.a.tokens[Role::kCommissioner],
       "", 422, "months"},
      {"GET /api/audit/verify", "GET", "/api/audit/verify?fix=1", h.admin_token, "", 422, "fix"},
      {"GET /openapi.json", "GET", "/openapi.json?v=2", "", "", 422, "v"},
      {"POST /api/referrals/{id}/withdraw", "POST", r + S(open.value()) + "/withdraw", sw,
       R"({"reason": "  "})", 422, "reason"},
      {"GET /api/referrals/{id}/timeline", "GET", r + S(open.value()) + "/timeline?x=1", sw, "",
       422, "x"},
      {"POST /api/offers/{id}/withdraw", "POST", "/api/offers/" + S(offer.value()) + "/withdraw",
       provider, R"({"reason": ""})", 422, "reason"},
      {"POST /api/offers/{id}/child-view", "POST",
       "/api/offers/" + S(offer.value()) + "/child-view", hub, R"({"view": "loves", "why": "x"})",
       422, "view"},
      {"POST /api/offers/{id}/child-view", "POST",
       "/api/offers/" + S(offer.value()) + "/child-view", hub, R"({"view": "wants", "why": " "})",
       422, "why"},
      {"GET /api/provider/offers", "GET", "/api/provider/offers?x=1", provider, "", 422, "x"},
      {"GET /api/provider/homes", "GET", "/api/provider/homes?x=1", provider, "", 422, "x"},
      {"GET /api/provider/placements", "GET", "/api/provider/placements?all=1", provider, "", 422,
       "all"},
      {"PATCH /api/provider/homes/{id}", "PATCH", "/api/provider/homes/" + S(h.a.home.value()),
       provider, R"({"version": 1, "registeredPlaces": 0})", 422, "registeredPlaces"},
      {"PATCH /api/provider/homes/{id}", "PATCH", "/api/provider/homes/" + S(h.a.home.value()),
       provider, R"({"version": 1, "needsMet": ["flying"]})", 422, "needsMet[0]"},
      {"POST /api/provider/homes/{id}/vacancies", "POST",
       "/api/provider/homes/" + S(h.a.home.value()) + "/vacancies", provider,
       R"({"availableFrom": "2020-01-01"})", 422, "availableFrom"},
      {"POST /api/vacancies/{id}/withdraw", "POST",
       "/api/vacancies/" + S(h.OpenVacancy(h.a).value()) + "/withdraw", provider, R"({"x": 1})",
       422, "x"},
      {"GET /api/assignment", "GET", "/api/assignment?policy=cheapest", hub, "", 422, "policy"},
      {"GET /api/assignment/comparison", "GET", "/api/assignment/comparison?x=1", hub, "", 422,
       "x"},
      {"GET /api/rccs/{id}/spend", "GET",
       "/api/rccs/" + S(h.a.rcc.value()) + "/spend?from=2025-13-01",
       h.a.tokens[Role::kCommissioner], "", 422, "from"},
      {"GET /api/rccs/{id}/spend", "GET",
       "/api/rccs/" + S(h.a.rcc.value()) + "/spend?from=2025-04-01&to=2025-01-01",
       h.a.tokens[Role::kCommissioner], "", 422, "to"},
      {"GET /api/rccs/{id}/contracts", "GET",
       "/api/rccs/" + S(h.a.rcc.value()) + "/contracts?on=2025-02-30",
       h.a.tokens[Role::kCommissioner], "", 422, "on"},
      {"POST /api/rccs/{id}/payment-runs", "POST",
       "/api/rccs/" + S(h.a.rcc.value()) + "/payment-runs", h.a.tokens[Role::kCommissioner],
       R"({"weekFrom": "2025-04-31"})", 422, "weekFrom"},
      {"GET /api/rccs/{id}/payment-runs", "GET",
       "/api/rccs/" + S(h.a.rcc.value()) + "/payment-runs?x=1", h.a.tokens[Role::kCommissioner], "",
       422, "x"},
      {"GET /api/provider/remittances", "GET", "/api/provider/remittances?x=1",
       h.a.tokens[Role::kProvider], "", 422, "x"},
      {"GET /api/rccs/{id}/budget", "GET", "/api/rccs/" + S(h.a.rcc.value()) + "/budget?year=x",
       h.a.tokens[Role::kCommissioner], "", 422, "year"},
      {"POST /api/rccs/{id}/budget", "POST", "/api/rccs/" + S(h.a.rcc.value()) + "/budget",
       h.a.tokens[Role::kCommissioner], R"({"year": 2024, "total": -5, "basis": "past_spend"})",
       422, "total"},
      {"GET /api/rccs/{id}/fostering", "GET",
       "/api/rccs/" + S(h.a.rcc.value()) + "/fostering?from=2025-13-01",
       h.a.tokens[Role::kCommissioner], "", 422, "from"},
      {"POST /api/rccs/{id}/contracts", "POST", "/api/rccs/" + S(h.a.rcc.value()) + "/contracts",
       h.a.tokens[Role::kCommissioner], R"({"providerId": 1, "type": "lease"})", 422, "type"},
      {"PATCH /api/contracts/{id}", "PATCH", "/api/contracts/1", h.a.tokens[Role::kCommissioner],
       R"({"status": "in_force"})", 422, "version"},
      {"GET /api/rccs/{id}/invoices", "GET",
       "/api/rccs/" + S(h.a.rcc.value()) + "/invoices?from=2025-04-01&to=2025-03-01",
       h.a.tokens[Role::kCommissioner], "", 422, "to"},
      {"PATCH /api/placements/{id}/funding", "PATCH",
       "/api/placements/" + S(placement.value()) + "/funding", h.a.tokens[Role::kCommissioner],
       R"({"version": 1, "healthShareBp": 6000, "educationShareBp": 5000})", 422,
       "educationShareBp"},
      {"GET /api/rccs/{id}/frameworks", "GET",
       "/api/rccs/" + S(h.a.rcc.value()) + "/frameworks?on=2025-02-30",
       h.a.tokens[Role::kCommissioner], "", 422, "on"},
      {"POST /api/rccs/{id}/frameworks", "POST", "/api/rccs/" + S(h.a.rcc.value()) + "/frameworks",
       h.a.tokens[Role::kCommissioner],
       R"({"route": "dps", "reference": "D1", "title": "DPS", "startDate": "2025-01-01",
           "endDate": "2026-01-01", "lots": [{"code": "A", "name": "A", "setting": "castle",
           "band": "standard", "minAge": 0, "maxAge": 17}]})",
       422, "lots[0].setting"},
      {"POST /api/rccs/{id}/frameworks", "POST", "/api/rccs/" + S(h.a.rcc.value()) + "/frameworks",
       h.a.tokens[Role::kCommissioner],
       R"({"route": "framework", "reference": "F1", "title": "Framework", "startDate": "2025-01-01",
           "endDate": "2030-01-01", "lots": [{"code": "A", "name": "A", "setting": "childrens_home",
           "band": "standard", "minAge": 0, "maxAge": 17}]})",
       422, "endDate"},
      {"POST /api/frameworks/{id}/admissions", "POST", "/api/frameworks/1/admissions",
       h.a.tokens[Role::kCommissioner],
       R"({"providerId": 1, "admittedOn": "2025-13-01", "lots": []})", 422, "admittedOn"},
      {"POST /api/frameworks/{id}/admissions", "POST", "/api/frameworks/1/admissions",
       h.a.tokens[Role::kCommissioner],
       R"({"providerId": 1, "admittedOn": "2025-01-01", "lots": [{"lot": "A"}]})", 422, "lots[0]"},
      {"GET /api/provider/contracts", "GET", "/api/provider/contracts?on=x",
       h.a.tokens[Role::kProvider], "", 422, "on"},
      // Market oversight.
      {"GET /api/oversight/market", "GET", "/api/oversight/market?x=1", h.oversight_token, "", 422,
       "x"},
      {"GET /api/rccs/{id}/market", "GET", "/api/rccs/" + S(h.a.rcc.value()) + "/market?x=1",
       h.a.tokens[Role::kCommissioner], "", 422, "x"},
      {"GET /api/oversight/prices/published", "GET", "/api/oversight/prices/published?format=pdf",
       h.a.tokens[Role::kCommissioner], "", 422, "format"},
      {"GET /api/oversight/groups", "GET", "/api/oversight/groups?x=1", h.oversight_token, "", 422,
       "x"},
      {"GET /api/rccs/{id}/provider-groups", "GET",
       "/api/rccs/" + S(h.a.rcc.value()) + "/provider-groups?x=1", h.a.tokens[Role::kCommissioner],
       "", 422, "x"},
      {"GET /api/oversight/groups/{id}", "GET",
       "/api/oversight/groups/" + S(h.a.group.value()) + "?x=1", h.oversight_token, "", 422, "x"},
      {"GET /api/oversight/groups/{id}/returns", "GET",
       "/api/oversight/groups/" + S(h.a.group.value()) + "/returns?x=1", h.oversight_token, "", 422,
       "x"},
      // A return that does not add up, negative debt, a group that owns itself: refused whole.
      {"POST /api/oversight/groups/{id}/returns", "POST",
       "/api/oversight/groups/" + S(h.a.group.value()) + "/returns", h.a.tokens[Role::kProvider],
       R"({"returns": [{"year": 2025, "revenue": 1000, "staffCosts": 600, "propertyCosts": 50, "relatedPartyRent": 0, "managementCharges": 0, "otherCosts": 150, "operatingProfit": 250, "marketRent": 0, "debt": 0, "connectedDebt": 0, "interest": 0, "connectedInterest": 0, "cash": 100, "capitalEmployed": 500, "parentCompanyNumber": ""}]})",
       422, "returns[0].operatingProfit"},
      {"POST /api/oversight/groups/{id}/returns", "POST",
       "/api/oversight/groups/" + S(h.a.group.value()) + "/returns", h.a.tokens[Role::kProvider],
       R"({"returns": [{"year": 2025, "revenue": 1000, "staffCosts": 600, "propertyCosts": 50, "relatedPartyRent": 0, "managementCharges": 0, "otherCosts": 150, "operatingProfit": 200, "marketRent": 0, "debt": -1, "connectedDebt": 0, "interest": 0, "connectedInterest": 0, "cash": 100, "capitalEmployed": 500, "parentCompanyNumber": ""}]})",
       422, "returns[0].debt"},
      {"POST /api/oversight/groups/{id}/returns", "POST",
       "/api/oversight/groups/" + S(h.a.group.value()) + "/returns", h.oversight_token,
       R"({"returns": [{"year": 2025, "revenue": 1000, "staffCosts": 600, "propertyCosts": 50, "relatedPartyRent": 0, "managementCharges": 0, "otherCosts": 150, "operatingProfit": 200, "marketRent": 0, "debt": 0, "connectedDebt": 0, "interest": 0, "connectedInterest": 0, "cash": 100, "capitalEmployed": 500, "parentCompanyNumber": "00000101"}]})",
       422, "returns[0].parentCompanyNumber"},
      {"GET /api/provider/returns", "GET", "/api/provider/returns?x=1", h.a.tokens[Role::kProvider],
       "", 422, "x"},
      {"POST /api/oversight/groups/{id}/cases", "POST",
       "/api/oversight/groups/" + S(h.a.group.value()) + "/cases", h.oversight_token,
       R"({"kind": "audit", "reason": "stage 3"})", 422, "kind"},
      {"PATCH /api/oversight/cases/{id}", "PATCH", "/api/oversight/cases/1", h.oversight_token,
       R"({"entry": {"kind": "document", "title": "Review", "due": "2025-04-01"}})", 422,
       "version"},
      {"GET /api/rccs/{id}/oversight-warnings", "GET",
       "/api/rccs/" + S(h.a.rcc.value()) + "/oversight-warnings?x=1",
       h.a.tokens[Role::kCommissioner], "", 422, "x"},
      {"GET /api/oversight/profit-cap", "GET", "/api/oversight/profit-cap?margin=2",
       h.oversight_token, "", 422, "margin"},
      {"GET /api/oversight/profit-cap/what-if", "GET", "/api/oversight/profit-cap/what-if?step=0",
       h.oversight_token, "", 422, "step"},
      {"GET /api/oversight/groups/{id}/failure", "GET",
       "/api/oversight/groups/" + S(h.a.group.value()) + "/failure?x=1", h.oversight_token, "", 422,
       "x"},
      // The national layer.
      {"GET /api/rccs/{id}/return", "GET",
       "/api/rccs/" + S(h.a.rcc.value()) + "/return?quarter=2025Q9",
       h.a.tokens[Role::kCommissioner], "", 422, "quarter"},
      {"POST /api/rccs/{id}/returns", "POST", "/api/rccs/" + S(h.a.rcc.value()) + "/returns",
       h.national_token, R"({"format": "carecoop-rcc-return", "rcc_code": "A"})", 422, "version"},
      {"GET /api/national/returns", "GET", "/api/national/returns?quarter=2025", h.national_token,
       "", 422, "quarter"},
      {"GET /api/national/returns/overview", "GET", "/api/national/returns/overview?x=1",
       h.national_token, "", 422, "x"},
      {"POST /api/referrals/{id}/secure-referral", "POST",
       "/api/referrals/" + S(h.OpenReferral(h.a).value()) + "/secure-referral",
       h.a.tokens[Role::kHubOfficer], R"({"orderMade": "yes"})", 422, "orderMade"},
      {"POST /api/secure-referrals/{id}/actions", "POST", "/api/secure-referrals/1/actions",
       h.secure_token, R"({"action": "teleport", "version": 1})", 422, "action"},
      {"GET /api/rccs/{id}/stability", "GET",
       "/api/rccs/" + S(h.a.rcc.value()) + "/stability?as_at=2025-02-30",
       h.a.tokens[Role::kCommissioner], "", 422, "as_at"},
      {"GET /api/rccs", "GET", "/api/rccs?x=1", h.a.tokens[Role::kProvider], "", 422, "x"},
      {"POST /api/national/contracts", "POST", "/api/national/contracts", h.secure_token,
       R"({"providerId": 1, "reference": "N-1", "startDate": "2025-13-01", "fees": []})", 422,
       "startDate"},
      {"POST /api/national/contracts", "POST", "/api/national/contracts", h.secure_token,
       R"({"providerId": 1, "reference": "N-2", "type": "block", "startDate": "2025-01-01",
           "endDate": "2026-01-01", "blockPlaces": 1, "blockHomes": [1],
           "fees": [{"band": "standard", "weeklyFee": 1000}], "voidShares": {"1": 10000}})",
       422, "voidShares"},
      {"GET /api/national/contracts", "GET", "/api/national/contracts?on=2025-02-30",
       h.national_token, "", 422, "on"},
      {"GET /api/national/providers", "GET", "/api/national/providers?setting=castle",
       h.secure_token, "", 422, "setting"},
      {"POST /api/simulations", "POST", "/api/simulations", h.a.tokens[Role::kCommissioner],
       R"({"designs": [{"name": "today"}], "years": 0, "runs": 1})", 422, "years"},
      {"GET /api/simulations", "GET", "/api/simulations?x=1", h.national_token, "", 422, "x"},
      {"GET /api/simulations/{id}", "GET", "/api/simulations/1?x=1", h.national_token, "", 422,
       "x"},
      {"GET /api/rccs/{id}/sufficiency-strategy", "GET",
       "/api/rccs/" + S(h.a.rcc.value()) + "/sufficiency-strategy?format=pdf",
       h.a.tokens[Role::kProvider], "", 422, "format"},
      // The registers of liberty.
      {"POST /api/children/{id}/dol-orders", "POST",
       "/api/children/" + S(h.NewChild(h.a).value()) + "/dol-orders", h.a.tokens[Role::kHubOfficer],
       R"({"court": "High Court", "startDate": "2025-06-01", "endDate": "2025-05-01",
           "reviewOn": "2025-09-01", "setting": "childrens_home", "settingRegistered": false})",
       422, "endDate"},
      {"PATCH /api/dol-orders/{id}", "PATCH", "/api/dol-orders/1", h.a.tokens[Role::kHubOfficer],
       R"({"court": "High Court", "startDate": "2025-06-01", "reviewOn": "2025-09-01",
           "setting": "castle", "settingRegistered": true, "version": 1})",
       422, "setting"},
      {"POST /api/children/{id}/unregistered-placements", "POST",
       "/api/children/" + S(h.NewChild(h.a).value()) + "/unregistered-placements",
       h.a.tokens[Role::kHubOfficer],
       R"({"setting": "a rented flat", "startDate": "2025-06-01", "weeklyCost": -5,
           "exitPlan": "to a registered home", "exitBy": "2025-08-01"})",
       422, "weeklyCost"},
      {"PATCH /api/unregistered-placements/{id}", "PATCH", "/api/unregistered-placements/1",
       h.a.tokens[Role::kHubOfficer],
       R"({"setting": "a rented flat", "startDate": "2025-06-01", "weeklyCost": 500000,
           "exitPlan": "to a registered home", "exitBy": "2025-08-01", "version": 1,
           "childId": 3})",
       422, "childId"},
      {"GET /api/liberty-register", "GET", "/api/liberty-register?as_at=2025-13-01",
       h.a.tokens[Role::kHubOfficer], "", 422, "as_at"},
      {"GET /api/national/secure-welfare", "GET", "/api/national/secure-welfare?x=1",
       h.secure_token, "", 422, "x"},
      {"GET /api/national/secure-welfare/match", "GET", "/api/national/secure-welfare/match?x=1",
       h.secure_token, "", 422, "x"},
      {"GET /api/national/rare-needs", "GET", "/api/national/rare-needs?quarter=2025Q1&quarters=9",
       h.national_token, "", 422, "quarters"},
      {"GET /api/users", "GET", "/api/users?x=1", h.admin_token, "", 422, "x"},
      {"GET /api/children", "GET", "/api/children?all=1", sw, "", 422, "all"},
      {"PATCH /api/users/{id}", "PATCH", "/api/users/" + S(h.a.users[Role::kSocialWorker].user_id),
       h.admin_token, R"({"role": "wizard"})", 422, "role"},
      {"PATCH /api/users/{id}", "PATCH", "/api/users/" + S(h.a.users[Role::kSocialWorker].user_id),
       h.admin_token, R"({"role": "social_worker"})", 422, "councilId"},
  };
  std::set<std::string> covered;
  for (const BadCase& c : cases) {
    SCOPED_TRACE(c.method + " " + c.path + " " + c.body.substr(0, 120));
    std::string before = h.Fingerprint();
    HttpReply reply = h.DoRaw(c.method, c.path, c.token, c.body);
    EXPECT_EQ(reply.status, c.status) << reply.text;
    EXPECT_EQ(reply.body["error"]["field"], c.field) << reply.text;
    EXPECT_FALSE(reply.body["error"]["message"].get<std::string>().empty());
    EXPECT_EQ(h.Fingerprint(), before) << "a refused request changed the store";
    covered.insert(c.route);
  }
  for (const api::RouteInfo& route : api::Routes())
    EXPECT_TRUE(covered.count(route.method + " " + route.path))
        << "no bad-input case for " << route.method << " " << route.path;
}

TEST(ApiInputTest, ErrorsNeverLeakInternals) {
  ApiHarness h("sqlite", 2);
  HttpReply reply = h.Do("GET", "/api/referrals/1", "not-a-token");
  EXPECT_EQ(reply.status, 401);
  EXPECT_EQ(reply.body["error"]["code"], "unauthenticated");
  reply = h.Do("GET", "/api/referrals/1", "");
  EXPECT_EQ(reply.status, 401);
  // Signing out ends the session at once, cached or not.
  std::string token = h.SignIn("admin");
  EXPECT_EQ(h.Do("GET", "/api/me", token).status, 200);
  EXPECT_EQ(h.Do("DELETE", "/api/sessions/current", token).status, 200);
  EXPECT_EQ(h.Do("GET", "/api/me", token).status, 401);
  reply = h.Do("GET", "/api/no/such/route", h.admin_token);
  EXPECT_EQ(reply.status, 404);
  EXPECT_EQ(reply.body["error"]["code"], "not_found");
  for (const char* word : {"SQL", "sqlite", "SELECT", "pqxx", "exception"})
    EXPECT_EQ(reply.text.find(word), std::string::npos) << word;
}

std::set<std::string> Keys(const json& j) {
  std::set<std::string> out;
  for (const auto& [k, _] : j.items()) out.insert(k);
  return out;
}

TEST(OpenApiTest, DocumentsEveryRouteAndOnlyThem) {
  json doc = json::parse(api::OpenApiDocument());
  EXPECT_EQ(doc["openapi"], "3.1.0");
  std::set<std::string> routes, documented;
  for (const api::RouteInfo& route : api::Routes()) {
    std::string method = route.method;
    std::transform(method.begin(), method.end(), method.begin(), ::tolower);
    routes.insert(method + " " + route.path);
    ASSERT_TRUE(doc["paths"].contains(route.path)) << route.path;
    ASSERT_TRUE(doc["paths"][route.path].contains(method)) << method << " " << route.path;
    const json& op = doc["paths"][route.path][method];
    std::set<std::string> query, path_params;
    for (const json& p : op.value("parameters", json::array())) {
      if (p["in"] == "query") query.insert(p["name"].get<std::string>());
      if (p["in"] == "path") path_params.insert(p["name"].get<std::string>());
    }
    EXPECT_EQ(query, std::set<std::string>(route.query.begin(), route.query.end())) << route.path;
    EXPECT_EQ(path_params.count("id"), route.path.find("{id}") != std::string::npos ? 1u : 0u)
        << route.path;
    EXPECT_EQ(op.contains("security") && op["security"].empty(), !route.signed_in) << route.path;
  }
  for (const auto& [path, ops] : doc["paths"].items())
    for (const auto& [method, _] : ops.items()) documented.insert(method + " " + path);
  EXPECT_EQ(routes, documented);
}

TEST(OpenApiTest, SchemasHaveTheRecordsFields) {
  json schemas = json::parse(api::OpenApiDocument())["components"]["schemas"];
  RegionId region(1);
  CouncilId council(1);
  auto props = [&](const char* name) { return Keys(schemas[name]["properties"]); };
  EXPECT_EQ(props("Referral"), Keys(api::ToJson(examples::ExampleReferral(ChildId(1), council))));
  EXPECT_EQ(props("Proposal"),
            Keys(api::ToJson(examples::ExampleProposal(ReferralId(1), OfferId(1)))));
  EXPECT_EQ(props("ScrutinyDecision"),
            Keys(api::ToJson(examples::ExampleScrutinyDecision(ProposalId(1)))));
  EXPECT_EQ(props("Placement"),
            Keys(api::ToJson(examples::ExamplePlacement(ChildId(1), council, HomeId(1)))));
  EXPECT_EQ(props("Payment"),
            Keys(api::ToJson(examples::ExamplePayment(PlacementId(1), RccId(1), council))));
  auto offer = Keys(api::ToJson(examples::ExampleOffer(ReferralId(1), HomeId(1))));
  offer.insert("weeklyFee");
  offer.insert("fairPrice");
  EXPECT_EQ(props("Offer"), offer);
  EXPECT_EQ(props("DolOrder"), Keys(api::ToJson(DolOrder{})));
  EXPECT_EQ(props("UnregisteredPlacement"), Keys(api::ToJson(UnregisteredPlacement{})));
  forecast::Sufficiency sufficiency;
  sufficiency.rows.push_back({});
  sufficiency.councils.push_back({});
  json sj = forecast::SufficiencyJson(sufficiency);
  EXPECT_EQ(props("Sufficiency"), Keys(sj));
  EXPECT_EQ(Keys(schemas["Sufficiency"]["properties"]["rows"]["items"]["properties"]),
            Keys(sj["rows"][0]));
  EXPECT_EQ(Keys(schemas["Sufficiency"]["properties"]["councils"]["items"]["properties"]),
            Keys(sj["councils"][0]));
  (void)region;
}

TEST(OpenApiTest, IsServedAsDocumented) {
  ApiHarness h("sqlite", 2);
  HttpReply reply = h.Do("GET", "/openapi.json", "");
  ASSERT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body, json::parse(api::OpenApiDocument()));
}

TEST(ApiJsonTest, RoundTripsEveryReferralField) {
  Referral in = examples::ExampleReferral(ChildId(3), CouncilId(4));
  in.id = ReferralId(9);
  in.version = 2;
  Referral out;
  ASSERT_TRUE(api::FromJson(api::ToJson(in), out, {}, true, {"id", "version"}).ok());
  out.id = in.id;
  out.version = in.version;
  EXPECT_EQ(out, in);
}

}  // namespace
}  // namespace carecoop::testing
