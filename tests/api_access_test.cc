// Walks every cell of docs/access-matrix.csv over HTTP.
//
// For each cell (role, relation, resource, action) the test prepares a record
// that stands in that relation to a user of that role, makes the request, and
// expects: allowed -> 2xx; own or any, not allowed -> 403; other -> exactly
// the answer for a record that does not exist (status and body, ids aside).
#include <gtest/gtest.h>

#include <functional>
#include <regex>

#include "national/rcc_return_json.h"
#include "services/workflow.h"
#include "tests/support/api_harness.h"

namespace carecoop::testing {
namespace {

std::string S(std::int64_t id) { return std::to_string(id); }

struct Request {
  std::string method;
  std::string path;
  json body;
  std::string id;  // the record's id in path or body, "" when none
};

// Builds the request for one permission against a record of `target`.
// `unsent`: the record must not have been sent to the acting provider.
using Builder =
    std::function<Request(ApiHarness& h, const Side& target, const Side& actor, bool unsent)>;

// The registers of liberty: a valid body, and the same as a service input.
json DolOrderBody() {
  return {{"court", "High Court, Family Division"},
          {"startDate", "2025-01-06"},
          {"reviewOn", "2025-04-06"},
          {"setting", "childrens_home"},
          {"settingRegistered", false}};
}
services::DolOrderInput ExampleOrder() {
  return {"High Court, Family Division",
          Date(2025, 1, 6),
          std::nullopt,
          Date(2025, 4, 6),
          Setting::kChildrensHome,
          false};
}
json UnregisteredBody() {
  return {{"setting", "a rented flat with agency staff"},
          {"startDate", "2025-01-06"},
          {"weeklyCost", 900000},
          {"exitPlan", "a registered home near school"},
          {"exitBy", "2025-04-01"}};
}

const std::map<std::string, Builder>& Builders() {
  static const std::map<std::string, Builder> kBuilders = {
      {"referral.create",
       [](ApiHarness& h, const Side& t, const Side&, bool) {
         ChildId c = h.NewChild(t);
         return Request{"POST", "/api/referrals", ApiHarness::PlainReferral(c), S(c.value())};
       }},
      {"referral.read",
       [](ApiHarness& h, const Side& t, const Side&, bool) {
         auto id = S(h.DraftReferral(t).value());
         return Request{"GET", "/api/referrals/" + id, nullptr, id};
       }},
      {"referral.update",
       [](ApiHarness& h, const Side& t, const Side&, bool) {
         auto id = S(h.DraftReferral(t).value());
         return Request{"PATCH",
                        "/api/referrals/" + id,
                        {{"version", 1}, {"preferredLocation", "Bolton"}},
                        id};
       }},
      {"referral.submit",
       [](ApiHarness& h, const Side& t, const Side&, bool) {
         auto id = S(h.DraftReferral(t).value());
         return Request{"POST", "/api/referrals/" + id + "/submit", json::object(), id};
       }},
      {"referral.list",
       [](ApiHarness&, const Side&, const Side&, bool) {
         return Request{"GET", "/api/referrals", nullptr, ""};
       }},
      {"queue.list",
       [](ApiHarness&, const Side&, const Side&, bool) {
         return Request{"GET", "/api/queue", nullptr, ""};
       }},
      {"options.read",
       [](ApiHarness& h, const Side& t, const Side&, bool) {
         auto id = S(h.OpenReferral(t).value());
         return Request{"GET", "/api/referrals/" + id + "/options", nullptr, id};
       }},
      {"referral.send",
       [](ApiHarness& h, const Side& t, const Side&, bool) {
         auto id = S(h.OpenReferral(t).value());
         return Request{"POST", "/api/referrals/" + id + "/send", json::object(), id};
       }},
      {"offer.list",
       [](ApiHarness& h, const Side& t, const Side&, bool) {
         auto id = S(h.SentReferral(t).value());
         return Request{"GET", "/api/referrals/" + id + "/offers", nullptr, id};
       }},
      {"provider_referral.read",
       [](ApiHarness& h, const Side& t, const Side&, bool unsent) {
         auto id = S((unsent ? h.OpenReferral(t) : h.SentReferral(t)).value());
         return Request{"GET", "/api/provider/referrals/" + id, nullptr, id};
       }},
      {"provider_referral.list",
       [](ApiHarness&, const Side&, const Side&, bool) {
         return Request{"GET", "/api/provider/referrals", nullptr, ""};
       }},
      {"offer.create",
       [](ApiHarness& h, const Side& t, const Side& actor, bool unsent) {
         auto id = S((unsent ? h.OpenReferral(t) : h.SentReferral(t)).value());
         json body = {{"decision", "offer"},
                      {"homeId", actor.home.value()},
                      {"coreFee", 400000},
                      {"startDate", "2025-04-02"}};
         return Request{"POST", "/api/referrals/" + id + "/offers", body, id};
       }},
      {"proposal.create",
       [](ApiHarness& h, const Side& t, const Side&, bool) {
         ReferralId r = h.SentReferral(t);
         OfferId o = h.OfferFor(t, r);
         (void)h.workflow().RecordChildView(t.users.at(Role::kHubOfficer), o, ChildView::kWants,
                                            "Near school");
         return Request{"POST",
                        "/api/referrals/" + S(r.value()) + "/proposals",
                        {{"offerId", o.value()}, {"childViews", "Happy with it"}},
                        S(r.value())};
       }},
      {"proposal.read",
       [](ApiHarness& h, const Side& t, const Side&, bool) {
         ReferralId r = h.SentReferral(t);
         auto id = S(h.ProposalFor(t, r, h.OfferFor(t, r)).value());
         return Request{"GET", "/api/proposals/" + id, nullptr, id};
       }},
      {"proposal.list",
       [](ApiHarness&, const Side&, const Side&, bool) {
         return Request{"GET", "/api/proposals", nullptr, ""};
       }},
      {"proposal.decide",
       [](ApiHarness& h, const Side& t, const Side&, bool) {
         ReferralId r = h.SentReferral(t);
         auto id = S(h.ProposalFor(t, r, h.OfferFor(t, r)).value());
         return Request{
             "POST", "/api/proposals/" + id + "/decision", {{"outcome", "approved"}}, id};
       }},
      {"overdue_scrutiny.list",
       [](ApiHarness&, const Side&, const Side&, bool) {
         return Request{"GET", "/api/scrutiny/overdue", nullptr, ""};
       }},
      {"placement.read",
       [](ApiHarness& h, const Side& t, const Side&, bool) {
         auto id = S(h.PlacementFor(t).value());
         return Request{"GET", "/api/placements/" + id, nullptr, id};
       }},
      {"placement.end",
       [](ApiHarness& h, const Side& t, const Side&, bool) {
         auto id = S(h.PlacementFor(t).value());
         return Request{"POST",
                        "/api/placements/" + id + "/end",
                        {{"endDate", "2025-04-20"}, {"reasonPlaceChange", "CARPL"}},
                        id};
       }},
      {"placement.fund",
       [](ApiHarness& h, const Side& t, const Side&, bool) {
         const PlacementId made = h.PlacementFor(t);
         std::int64_t version = 0;
         (void)h.store().Read([&](store::Tx& tx) -> Status {
           CC_ASSIGN_OR_RETURN(Placement p, tx.Get<Placement>(made));
           version = p.version;
           return Status::Ok();
         });
         auto id = S(made.value());
         return Request{"PATCH",
                        "/api/placements/" + id + "/funding",
                        {{"version", version}, {"healthShareBp", 2500}, {"educationShareBp", 0}},
                        id};
       }},
      {"invoice.list",
       [](ApiHarness&, const Side& t, const Side&, bool) {
         auto id = S(t.rcc.value());
         return Request{"GET", "/api/rccs/" + id + "/invoices?from=2025-01-01&to=2026-01-01",
                        nullptr, id};
       }},
      {"placement.list",
       [](ApiHarness&, const Side&, const Side&, bool) {
         return Request{"GET", "/api/placements", nullptr, ""};
       }},
      {"payment.list",
       [](ApiHarness& h, const Side& t, const Side&, bool) {
         auto id = S(h.PlacementFor(t).value());
         return Request{"GET", "/api/placements/" + id + "/payments", nullptr, id};
       }},
      {"user.create",
       [](ApiHarness&, const Side&, const Side&, bool) {
         static int n = 0;
         return Request{"POST",
                        "/api/users",
                        {{"username", "made." + S(++n)}, {"role", "national_analyst"}},
                        ""};
       }},
      {"user.approve",
       [](ApiHarness& h, const Side& t, const Side&, bool) {
         // A social worker added by another admin, awaiting approval.
         static int n = 0;
         services::Principal other_admin{0, "other.admin", Role::kAdmin, {}, {}, {}};
         auto invited = services::InviteUser(
             h.store(), {"pending." + S(++n), "", Role::kSocialWorker, t.council, {}, {}}, h.Now(),
             other_admin, services::AccessPolicy::Default());
         auto id = S(invited.ok() ? invited->user.user_id : 0);
         return Request{"POST", "/api/users/" + id + "/approval", json::object(), id};
       }},
      {"audit.verify",
       [](ApiHarness&, const Side&, const Side&, bool) {
         return Request{"GET", "/api/audit/verify", nullptr, ""};
       }},
      {"national.read",
       [](ApiHarness&, const Side&, const Side&, bool) {
         return Request{"GET", "/api/national/overview", nullptr, ""};
       }},
      {"sufficiency.read",
       [](ApiHarness&, const Side& t, const Side&, bool) {
         auto id = S(t.rcc.value());
         return Request{"GET", "/api/rccs/" + id + "/sufficiency", nullptr, id};
       }},
      {"sufficiency_strategy.read",
       [](ApiHarness&, const Side& t, const Side&, bool) {
         auto id = S(t.rcc.value());
         return Request{"GET", "/api/rccs/" + id + "/sufficiency-strategy?format=csv", nullptr,
                        id};
       }},
      {"national_contract.create",
       [](ApiHarness&, const Side& t, const Side&, bool) {
         static int n = 0;
         return Request{"POST", "/api/national/contracts",
                        {{"providerId", t.provider.value()},
                         {"reference", "NAT-" + S(++n)},
                         {"startDate", "2025-01-01"},
                         {"fees", {{{"band", "specialist"}, {"weeklyFee", 900000}}}}},
                        ""};
       }},
      {"national_contract.list",
       [](ApiHarness&, const Side&, const Side&, bool) {
         return Request{"GET", "/api/national/contracts", nullptr, ""};
       }},
      {"provider_directory.list",
       [](ApiHarness&, const Side&, const Side&, bool) {
         return Request{"GET", "/api/national/providers?setting=childrens_home", nullptr, ""};
       }},
      {"simulation.create",
       [](ApiHarness&, const Side&, const Side&, bool) {
         return Request{"POST", "/api/simulations",
                        {{"designs", {{{"name", "today"}}}}, {"years", 1}, {"runs", 1}},
                        ""};
       }},
      {"simulation.read",
       [](ApiHarness&, const Side&, const Side&, bool) {
         return Request{"GET", "/api/simulations", nullptr, ""};
       }},
      {"rcc.list",
       [](ApiHarness&, const Side&, const Side&, bool) {
         return Request{"GET", "/api/rccs", nullptr, ""};
       }},
      {"child.list",
       [](ApiHarness&, const Side&, const Side&, bool) {
         return Request{"GET", "/api/children", nullptr, ""};
       }},
      {"referral.withdraw",
       [](ApiHarness& h, const Side& t, const Side&, bool) {
         auto id = S(h.OpenReferral(t).value());
         return Request{
             "POST", "/api/referrals/" + id + "/withdraw", {{"reason", "Went home to mum"}}, id};
       }},
      {"offer.withdraw",
       [](ApiHarness& h, const Side& t, const Side&, bool) {
         auto id = S(h.OfferFor(t, h.SentReferral(t)).value());
         return Request{"POST", "/api/offers/" + id + "/withdraw", {{"reason", "Place taken"}}, id};
       }},
      {"offer.record_view",
       [](ApiHarness& h, const Side& t, const Side&, bool) {
         auto id = S(h.OfferFor(t, h.SentReferral(t)).value());
         return Request{"POST",
                        "/api/offers/" + id + "/child-view",
                        {{"view", "wants"}, {"why", "Near my school"}},
                        id};
       }},
      {"provider_offer.list",
       [](ApiHarness&, const Side&, const Side&, bool) {
         return Request{"GET", "/api/provider/offers", nullptr, ""};
       }},
      {"provider_placement.list",
       [](ApiHarness&, const Side&, const Side&, bool) {
         return Request{"GET", "/api/provider/placements", nullptr, ""};
       }},
      {"home.list",
       [](ApiHarness&, const Side&, const Side&, bool) {
         return Request{"GET", "/api/provider/homes", nullptr, ""};
       }},
      {"home.update",
       [](ApiHarness& h, const Side& t, const Side&, bool) {
         std::int64_t version = 0;
         (void)h.store().Read([&](store::Tx& tx) -> Status {
           CC_ASSIGN_OR_RETURN(Home home, tx.Get<Home>(t.home));
           version = home.version;
           return Status::Ok();
         });
         auto id = S(t.home.value());
         return Request{
             "PATCH", "/api/provider/homes/" + id, {{"version", version}, {"hasPets", true}}, id};
       }},
      {"vacancy.publish",
       [](ApiHarness& h, const Side& t, const Side&, bool) {
         // Free a place first: the harness's homes publish every place.
         h.WithdrawOneVacancy(t);
         auto id = S(t.home.value());
         return Request{"POST",
                        "/api/provider/homes/" + id + "/vacancies",
                        {{"availableFrom", "2025-04-07"}},
                        id};
       }},
      {"vacancy.withdraw",
       [](ApiHarness& h, const Side& t, const Side&, bool) {
         auto id = S(h.OpenVacancy(t).value());
         return Request{"POST", "/api/vacancies/" + id + "/withdraw", json::object(), id};
       }},
      {"assignment.read",
       [](ApiHarness&, const Side&, const Side&, bool) {
         return Request{"GET", "/api/assignment", nullptr, ""};
       }},
      {"spend.read",
       [](ApiHarness&, const Side& t, const Side&, bool) {
         auto id = S(t.rcc.value());
         return Request{"GET", "/api/rccs/" + id + "/spend", nullptr, id};
       }},
      {"contract.list",
       [](ApiHarness&, const Side& t, const Side&, bool) {
         auto id = S(t.rcc.value());
         return Request{"GET", "/api/rccs/" + id + "/contracts", nullptr, id};
       }},
      {"contract.create",
       [](ApiHarness&, const Side& t, const Side&, bool) {
         static int n = 0;  // expired terms never overlap a live one
         auto id = S(t.rcc.value());
         return Request{"POST", "/api/rccs/" + id + "/contracts",
                        {{"providerId", t.provider.value()},
                         {"type", "spot"},
                         {"reference", "ACCESS-" + S(++n)},
                         {"status", "expired"},
                         {"startDate", "2020-01-01"},
                         {"endDate", "2020-12-31"},
                         {"fees", {{{"band", "standard"}, {"weeklyFee", 100000}}}}},
                        id};
       }},
      {"contract.update",
       [](ApiHarness& h, const Side& t, const Side&, bool) {
         static int n = 0;
         ContractId made;
         (void)h.store().Write([&](store::Tx& tx) -> Status {
           Contract c;
           c.provider = t.provider;
           c.rcc = t.rcc;
           c.type = ContractType::kSpot;
           c.reference = "INHERITED-" + S(++n);
           c.status = ContractStatus::kExpired;
           c.start = Date(2019, 1, 1);
           c.end = Date(2019, 12, 31);
           c.fees = {{NeedBand::kStandard, Pence(100000)}};
           c.inherited_from = t.council;
           CC_ASSIGN_OR_RETURN(made, tx.Create(c));
           return Status::Ok();
         });
         auto id = S(made.value());
         return Request{"PATCH", "/api/contracts/" + id, {{"version", 1}, {"decision", "keep"}},
                        id};
       }},
      {"payment_run.create",
       [](ApiHarness&, const Side& t, const Side&, bool) {
         static int week = 0;  // a new week each time: a run made is a run
         auto id = S(t.rcc.value());
         return Request{"POST", "/api/rccs/" + id + "/payment-runs",
                        {{"weekFrom", Date(2025, 1, 6).AddDays(7 * week++).ToIso()}}, id};
       }},
      {"payment_run.list",
       [](ApiHarness&, const Side& t, const Side&, bool) {
         auto id = S(t.rcc.value());
         return Request{"GET", "/api/rccs/" + id + "/payment-runs", nullptr, id};
       }},
      {"budget.read",
       [](ApiHarness&, const Side& t, const Side&, bool) {
         auto id = S(t.rcc.value());
         return Request{"GET", "/api/rccs/" + id + "/budget?year=2024", nullptr, id};
       }},
      {"budget.set",
       [](ApiHarness&, const Side& t, const Side&, bool) {
         auto id = S(t.rcc.value());
         return Request{"POST", "/api/rccs/" + id + "/budget",
                        {{"year", 2024},
                         {"total", 1'000'000},
                         {"basis", "fixed_split"},
                         {"shares", {{{"councilId", t.council.value()}, {"shareBp", 10'000}}}}},
                        id};
       }},
      {"recruitment.read",
       [](ApiHarness&, const Side& t, const Side&, bool) {
         auto id = S(t.rcc.value());
         return Request{"GET", "/api/rccs/" + id + "/fostering", nullptr, id};
       }},
      {"remittance.list",
       [](ApiHarness&, const Side&, const Side&, bool) {
         return Request{"GET", "/api/provider/remittances", nullptr, ""};
       }},
      {"provider_contract.list",
       [](ApiHarness&, const Side&, const Side&, bool) {
         return Request{"GET", "/api/provider/contracts", nullptr, ""};
       }},
      // Market oversight.
      {"market.read",
       [](ApiHarness&, const Side& t, const Side&, bool) {
         auto id = S(t.rcc.value());
         return Request{"GET", "/api/rccs/" + id + "/market", nullptr, id};
       }},
      {"market.read_england",
       [](ApiHarness&, const Side&, const Side&, bool) {
         return Request{"GET", "/api/oversight/market", nullptr, ""};
       }},
      {"provider_group.list",
       [](ApiHarness&, const Side& t, const Side&, bool) {
         auto id = S(t.rcc.value());
         return Request{"GET", "/api/rccs/" + id + "/provider-groups", nullptr, id};
       }},
      {"provider_group.list_all",
       [](ApiHarness&, const Side&, const Side&, bool) {
         return Request{"GET", "/api/oversight/groups", nullptr, ""};
       }},
      {"provider_group.read",
       [](ApiHarness&, const Side& t, const Side&, bool) {
         auto id = S(t.group.value());
         return Request{"GET", "/api/oversight/groups/" + id, nullptr, id};
       }},
      {"financial_return.list",
       [](ApiHarness&, const Side& t, const Side&, bool) {
         auto id = S(t.group.value());
         return Request{"GET", "/api/oversight/groups/" + id + "/returns", nullptr, id};
       }},
      {"financial_return.submit",
       [](ApiHarness&, const Side& t, const Side&, bool) {
         static int year = 2000;
         auto id = S(t.group.value());
         json r = {{"year", ++year},          {"revenue", 1000000},       {"staffCosts", 600000},
                   {"propertyCosts", 50000},  {"relatedPartyRent", 0},    {"managementCharges", 0},
                   {"otherCosts", 150000},    {"operatingProfit", 200000}, {"marketRent", 0},
                   {"debt", 0},               {"connectedDebt", 0},       {"interest", 0},
                   {"connectedInterest", 0},  {"cash", 100000},           {"capitalEmployed", 500000},
                   {"parentCompanyNumber", ""}};
         return Request{"POST", "/api/oversight/groups/" + id + "/returns",
                        {{"returns", json::array({r})}}, id};
       }},
      {"oversight_case.write",
       [](ApiHarness& h, const Side& t, const Side&, bool) {
         // One open case of a kind at a time: close what an earlier cell opened.
         (void)h.store().Write([&](store::Tx& tx) -> Status {
           CC_ASSIGN_OR_RETURN(auto cases, tx.ListBy<OversightCase>(t.group));
           for (OversightCase& c : cases)
             if (c.open()) {
               c.closed = Date(2025, 4, 1);
               c.outcome = "closed by the test";
               CC_RETURN_IF_ERROR(tx.Update(c));
             }
           return Status::Ok();
         });
         auto id = S(t.group.value());
         return Request{"POST", "/api/oversight/groups/" + id + "/cases",
                        {{"kind", "business_review"}, {"reason", "stage 3: leverage"}}, id};
       }},
      {"risk_warning.list",
       [](ApiHarness&, const Side& t, const Side&, bool) {
         auto id = S(t.rcc.value());
         return Request{"GET", "/api/rccs/" + id + "/oversight-warnings", nullptr, id};
       }},
      {"profit_cap.read",
       [](ApiHarness&, const Side&, const Side&, bool) {
         return Request{"GET", "/api/oversight/profit-cap?margin=0.1", nullptr, ""};
       }},
      {"failure_scenario.run",
       [](ApiHarness&, const Side& t, const Side&, bool) {
         return Request{"GET", "/api/oversight/groups/" + S(t.group.value()) + "/failure", nullptr,
                        ""};
       }},
      {"price_publication.read",
       [](ApiHarness&, const Side&, const Side&, bool) {
         return Request{"GET", "/api/oversight/prices/published", nullptr, ""};
       }},
      {"rcc_return.build",
       [](ApiHarness&, const Side& t, const Side&, bool) {
         auto id = S(t.rcc.value());
         return Request{"GET", "/api/rccs/" + id + "/return?quarter=2025Q1", nullptr, id};
       }},
      {"rcc_return.receive",
       [](ApiHarness& h, const Side& t, const Side&, bool) {
         json body;
         (void)h.store().Read([&](store::Tx& tx) -> Status {
           CC_ASSIGN_OR_RETURN(auto built,
                               services::BuildReturns(tx, {2025, 1}, Date(2025, 4, 1), t.rcc));
           body = national::ReturnJson(built.at(0));
           return Status::Ok();
         });
         auto id = S(t.rcc.value());
         return Request{"POST", "/api/rccs/" + id + "/returns", body, id};
       }},
      {"rcc_return.list",
       [](ApiHarness&, const Side&, const Side&, bool) {
         return Request{"GET", "/api/national/returns", nullptr, ""};
       }},
      {"national_overview.read",
       [](ApiHarness&, const Side&, const Side&, bool) {
         return Request{"GET", "/api/national/returns/overview", nullptr, ""};
       }},
      {"secure_referral.create",
       [](ApiHarness& h, const Side& t, const Side&, bool) {
         ReferralId r = h.SecureCaseReferral(t);
         auto id = S(r.value());
         return Request{"POST", "/api/referrals/" + id + "/secure-referral",
                        json{{"orderMade", true}}, id};
       }},
      {"secure_referral.update",
       [](ApiHarness& h, const Side& t, const Side&, bool) {
         ReferralId r = h.SecureCaseReferral(t);
         auto made = h.workflow().ReferToSecureWelfare(t.users.at(Role::kHubOfficer), r, true);
         auto id = S(made.ok() ? made->id.value() : 0);
         return Request{"POST", "/api/secure-referrals/" + id + "/actions",
                        json{{"action", "withdraw"}, {"version", 1}, {"reason", "order refused"}},
                        id};
       }},
      {"dol_order.create",
       [](ApiHarness& h, const Side& t, const Side&, bool) {
         auto id = S(h.NewChild(t).value());
         return Request{"POST", "/api/children/" + id + "/dol-orders", DolOrderBody(), id};
       }},
      {"dol_order.update",
       [](ApiHarness& h, const Side& t, const Side&, bool) {
         auto made = h.workflow().RecordDolOrder(t.users.at(Role::kHubOfficer), h.NewChild(t),
                                                 ExampleOrder());
         auto id = S(made.ok() ? made->id.value() : 0);
         json body = DolOrderBody();
         body["version"] = 1;
         body["endDate"] = "2025-03-01";
         return Request{"PATCH", "/api/dol-orders/" + id, body, id};
       }},
      {"unregistered_placement.create",
       [](ApiHarness& h, const Side& t, const Side&, bool) {
         auto id = S(h.NewChild(t).value());
         return Request{"POST", "/api/children/" + id + "/unregistered-placements",
                        UnregisteredBody(), id};
       }},
      {"unregistered_placement.update",
       [](ApiHarness& h, const Side& t, const Side&, bool) {
         services::UnregisteredInput in{"a rented flat with agency staff", Date(2025, 1, 6),
                                        std::nullopt, Pence::FromPounds(9000),
                                        "a registered home nearby", Date(2025, 4, 1),
                                        std::nullopt};
         auto made =
             h.workflow().RecordUnregistered(t.users.at(Role::kHubOfficer), h.NewChild(t), in);
         auto id = S(made.ok() ? made->id.value() : 0);
         json body = UnregisteredBody();
         body["version"] = 1;
         body["endDate"] = "2025-03-20";
         return Request{"PATCH", "/api/unregistered-placements/" + id, body, id};
       }},
      {"liberty_register.read",
       [](ApiHarness&, const Side&, const Side&, bool) {
         return Request{"GET", "/api/liberty-register", nullptr, ""};
       }},
      {"stability.read",
       [](ApiHarness&, const Side& t, const Side&, bool) {
         auto id = S(t.rcc.value());
         return Request{"GET", "/api/rccs/" + id + "/stability", nullptr, id};
       }},
      {"secure_queue.read",
       [](ApiHarness&, const Side&, const Side&, bool) {
         return Request{"GET", "/api/national/secure-welfare", nullptr, ""};
       }},
      {"rare_needs.read",
       [](ApiHarness&, const Side&, const Side&, bool) {
         return Request{"GET", "/api/national/rare-needs?quarter=2025Q1", nullptr, ""};
       }},
      {"framework.list",
       [](ApiHarness&, const Side& t, const Side&, bool) {
         auto id = S(t.rcc.value());
         return Request{"GET", "/api/rccs/" + id + "/frameworks", nullptr, id};
       }},
      {"framework.create",
       [](ApiHarness&, const Side& t, const Side&, bool) {
         static int n = 0;
         auto id = S(t.rcc.value());
         json lot = {{"code", "CH-STD"},           {"name", "Children's homes, standard"},
                     {"setting", "childrens_home"}, {"band", "standard"},
                     {"minAge", 8},                 {"maxAge", 17}};
         return Request{"POST", "/api/rccs/" + id + "/frameworks",
                        {{"route", "dps"},
                         {"reference", "DPS-" + S(++n)},
                         {"title", "Children's homes DPS"},
                         {"startDate", "2025-01-01"},
                         {"endDate", "2028-12-31"},
                         {"lots", json::array({lot})}},
                        id};
       }},
      {"framework.admit",
       [](ApiHarness& h, const Side& t, const Side&, bool) {
         // A new DPS each time: a provider is admitted to one once.
         static int n = 0;
         FrameworkId made;
         (void)h.store().Write([&](store::Tx& tx) -> Status {
           Framework f;
           f.rcc = t.rcc;
           f.route = ContractType::kDps;
           f.reference = "ADMIT-" + S(++n);
           f.title = "Children's homes DPS";
           f.start = Date(2025, 1, 1);
           f.end = Date(2028, 12, 31);
           f.lots = {{"CH-STD", "Children's homes, standard", Setting::kChildrensHome,
                      NeedBand::kStandard, 8, 17}};
           f.status = ContractStatus::kInForce;
           CC_ASSIGN_OR_RETURN(made, tx.Create(f));
           return Status::Ok();
         });
         auto id = S(made.value());
         return Request{"POST", "/api/frameworks/" + id + "/admissions",
                        {{"providerId", t.provider.value()},
                         {"admittedOn", "2025-06-02"},
                         {"lots", {{{"lot", "CH-STD"}, {"weeklyFee", 480000}}}}},
                        id};
       }},
      {"user.list",
       [](ApiHarness&, const Side&, const Side&, bool) {
         return Request{"GET", "/api/users", nullptr, ""};
       }},
      {"user.update",
       [](ApiHarness& h, const Side& t, const Side&, bool) {
         static int n = 0;
         services::Principal other_admin{0, "other.admin", Role::kAdmin, {}, {}, {}};
         auto invited = services::InviteUser(
             h.store(), {"changed." + S(++n), "", Role::kSocialWorker, t.council, {}, {}}, h.Now(),
             other_admin, services::AccessPolicy::Default());
         auto id = S(invited.ok() ? invited->user.user_id : 0);
         return Request{"PATCH", "/api/users/" + id, {{"disabled", true}}, ""};
       }},
  };
  return kBuilders;
}

// The same request about a record that does not exist.
Request Missing(Request r) {
  const std::string missing = "999999";
  if (r.body.is_object() && r.body.contains("childId")) {
    r.body["childId"] = 999999;
  } else {
    r.path = std::regex_replace(r.path, std::regex("/" + r.id + "(/|$)"), "/" + missing + "$1");
  }
  r.id = missing;
  return r;
}

std::string Normalised(const HttpReply& reply, const std::string& id) {
  return std::regex_replace(reply.text, std::regex("\\b" + id + "\\b"), "ID");
}

TEST(AccessMatrixTest, EveryCellHoldsOverHttp) {
  ApiHarness h("sqlite", /*places=*/60);
  const auto& policy = services::AccessPolicy::Default();
  ASSERT_EQ(policy.cells().size(), 9u * (53 * 2 + 35))
      << "one cell per role, relation and permission";
  int allowed = 0, denied = 0, hidden = 0;
  for (const auto& cell : policy.cells()) {
    std::string key = cell.resource + "." + cell.action;
    SCOPED_TRACE(std::string(EnumCode(cell.role)) + " " + std::string(EnumCode(cell.relation)) +
                 " " + key);
    auto builder = Builders().find(key);
    ASSERT_NE(builder, Builders().end()) << "no request for " << key;
    // The acting user: side A's user of the role (national analyst and admin: the only ones).
    std::string token = cell.role == Role::kNationalAnalyst        ? h.national_token
                        : cell.role == Role::kAdmin                ? h.admin_token
                        : cell.role == Role::kMarketOversight      ? h.oversight_token
                        : cell.role == Role::kNationalCommissioner ? h.secure_token
                                                                   : h.a.tokens.at(cell.role);
    bool other = cell.relation == Relation::kOther;
    const Side& target = other ? h.b : h.a;
    // For a provider, "other" is a referral never sent to it.
    bool unsent = other && cell.role == Role::kProvider;
    Request req = builder->second(h, target, h.a, unsent);
    HttpReply reply = h.Do(req.method, req.path, token, req.body);
    if (cell.allowed) {
      ++allowed;
      EXPECT_GE(reply.status, 200);
      EXPECT_LT(reply.status, 300) << reply.text;
    } else if (!other) {
      ++denied;
      EXPECT_EQ(reply.status, 403) << reply.text;
      EXPECT_EQ(reply.body["error"]["code"], "permission_denied");
    } else {
      ++hidden;
      Request missing = Missing(req);
      HttpReply absent = h.Do(missing.method, missing.path, token, missing.body);
      EXPECT_TRUE(reply.status == 403 || reply.status == 404 || reply.status == 422) << reply.text;
      EXPECT_EQ(reply.status, absent.status) << reply.text << " vs " << absent.text;
      EXPECT_EQ(Normalised(reply, req.id), Normalised(absent, missing.id));
    }
  }
  EXPECT_GT(allowed, 30);
  EXPECT_GT(denied, 50);
  // A national analyst sees every RCC's sufficiency and market and receives
  // every RCC's return; market oversight sees every group's and RCC's
  // oversight records; the national commissioner acts on every RCC's
  // secure welfare referrals.
  // Every role reads every RCC's published sufficiency strategy.
  EXPECT_EQ(hidden, 9 * 53 - 3 - 7 - 1 - 9);
}

TEST(AccessMatrixTest, TheCompiledMatrixIsTheDocumentedOne) {
  // The policy parses its own file; a matrix with a cell missing, repeated or
  // unknown is refused, naming the line.
  std::string good = "role,relation,resource,action,allowed\n";
  EXPECT_FALSE(services::AccessPolicy::Parse(good, "m.csv").ok()) << "cells are missing";
  auto bad = services::AccessPolicy::Parse(good + "wizard,own,referral,read,yes\n", "m.csv");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().field(), "role");
  EXPECT_NE(bad.status().message().find("m.csv:2"), std::string::npos);
  bad = services::AccessPolicy::Parse(good + "admin,any,referral,read,yes\n", "m.csv");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().field(), "relation");
}

}  // namespace
}  // namespace carecoop::testing
