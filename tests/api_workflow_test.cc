// The referral-to-placement workflow over HTTP, end to end, and booking once
// under concurrency, on SQLite and PostgreSQL alike.
#include <gtest/gtest.h>

#include <algorithm>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "services/audit.h"
#include "tests/support/api_harness.h"

namespace carecoop::testing {
namespace {

std::string Id(std::int64_t id) { return std::to_string(id); }

class ApiWorkflowTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ApiWorkflowTest, WalksReferralsThroughEveryStep) {
  ApiHarness h(GetParam(), /*places=*/3);
  const auto& sw = h.a.tokens[Role::kSocialWorker];
  const auto& hub = h.a.tokens[Role::kHubOfficer];
  const auto& scrutiny = h.a.tokens[Role::kScrutinyOfficer];
  const auto& provider = h.a.tokens[Role::kProvider];

  // 1. The social worker writes, edits and submits a referral.
  ChildId child = h.NewChild(h.a);
  HttpReply r = h.Do("POST", "/api/referrals", sw, ApiHarness::PlainReferral(child));
  ASSERT_EQ(r.status, 201) << r.text;
  std::string ref = Id(r.body["id"].get<std::int64_t>());
  EXPECT_EQ(r.body["status"], "draft");
  EXPECT_EQ(r.body["councilId"], h.a.council.value());
  r = h.Do("PATCH", "/api/referrals/" + ref, sw,
           {{"version", 1}, {"preferredLocation", "Near mum, in Bolton"}});
  ASSERT_EQ(r.status, 200) << r.text;
  EXPECT_EQ(r.body["preferredLocation"], "Near mum, in Bolton");
  EXPECT_EQ(r.body["version"], 2);
  r = h.Do("POST", "/api/referrals/" + ref + "/submit", sw);
  ASSERT_EQ(r.status, 200) << r.text;
  EXPECT_EQ(r.body["status"], "open");

  // 2. The hub: queue, ranked options, sent to every provider with an eligible home.
  r = h.Do("GET", "/api/queue", hub);
  ASSERT_EQ(r.status, 200) << r.text;
  ASSERT_EQ(r.body["queue"].size(), 1u);
  EXPECT_EQ(Id(r.body["queue"][0]["referralId"].get<std::int64_t>()), ref);
  r = h.Do("GET", "/api/referrals/" + ref + "/options?top=5", hub);
  ASSERT_EQ(r.status, 200) << r.text;
  ASSERT_GE(r.body["options"].size(), 1u);
  EXPECT_EQ(r.body["options"][0]["home"]["id"], h.a.home.value());
  EXPECT_FALSE(r.body["options"][0]["explanation"].get<std::string>().empty());
  r = h.Do("POST", "/api/referrals/" + ref + "/send", hub, json::object());
  ASSERT_EQ(r.status, 200) << r.text;
  std::set<std::int64_t> sent_to;
  for (const auto& x : r.body["sentTo"]) sent_to.insert(x["providerId"].get<std::int64_t>());
  EXPECT_TRUE(sent_to.count(h.a.provider.value()));  // every eligible provider, at once
  EXPECT_TRUE(sent_to.count(h.b.provider.value()));

  // 3. The provider sees it anonymised and offers its home.
  r = h.Do("GET", "/api/provider/referrals/" + ref, provider);
  ASSERT_EQ(r.status, 200) << r.text;
  for (const char* hidden :
       {"childId", "councilId", "referralOfficerName", "dateOfBirth", "pseudonym"})
    EXPECT_FALSE(r.body.contains(hidden)) << hidden;
  EXPECT_EQ(r.body["ageYears"], 13);
  EXPECT_EQ(r.body["primaryFamilyLocation"], "M6 5");    // the label, not the point
  EXPECT_EQ(r.text.find("CH70000"), std::string::npos);  // no pseudonym anywhere
  json offer = {{"decision", "offer"},       {"homeId", h.a.home.value()},
                {"coreFee", 410000},         {"staffingFee", 20000},
                {"educationFee", 5000},      {"transportFee", 1000},
                {"startDate", "2025-04-02"}, {"conditions", "Introductory visit first"}};
  r = h.Do("POST", "/api/referrals/" + ref + "/offers", provider, offer);
  ASSERT_EQ(r.status, 201) << r.text;
  std::string offer_id = Id(r.body["id"].get<std::int64_t>());
  r = h.Do("POST", "/api/referrals/" + ref + "/offers", h.b.tokens[Role::kProvider],
           {{"decision", "decline"},
            {"homeId", h.b.home.value()},
            {"declineReason", "No bed for a boy this month"}});
  ASSERT_EQ(r.status, 201) << r.text;
  EXPECT_EQ(r.body["status"], "declined");
  r = h.Do("GET", "/api/referrals/" + ref + "/offers", hub);
  ASSERT_EQ(r.status, 200) << r.text;
  EXPECT_EQ(r.body["offers"].size(), 2u);

  // 4. The hub records the child's view of the offer, then proposes it.
  r = h.Do("POST", "/api/referrals/" + ref + "/proposals", hub,
           {{"offerId", std::stoll(offer_id)}, {"childViews", "She liked it"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.body["error"]["field"], "childView") << "a view first";
  r = h.Do("POST", "/api/offers/" + offer_id + "/child-view", hub,
           {{"view", "doesnt_want"}, {"why", "It is too far from my mum"}});
  ASSERT_EQ(r.status, 200) << r.text;
  EXPECT_EQ(r.body["childView"], "doesnt_want");
  r = h.Do("POST", "/api/referrals/" + ref + "/proposals", hub,
           {{"offerId", std::stoll(offer_id)}, {"childViews", "She did not like it"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.body["error"]["field"], "reasonAgainstChildView") << "against her view: why";
  r = h.Do("POST", "/api/offers/" + offer_id + "/child-view", hub,
           {{"view", "wants"}, {"why", "The photos; near my mum"}});
  ASSERT_EQ(r.status, 200) << r.text;
  r = h.Do("POST", "/api/referrals/" + ref + "/proposals", hub,
           {{"offerId", std::stoll(offer_id)},
            {"childViews", "She liked the photos and it is near her mum"}});
  ASSERT_EQ(r.status, 201) << r.text;
  std::string proposal = Id(r.body["proposal"]["id"].get<std::int64_t>());
  EXPECT_EQ(r.body["proposal"]["rank"], 1);
  EXPECT_TRUE(r.body["placement"].is_null());  // not booked before scrutiny

  // 5. Scrutiny sends it back with reasons, then approves a new proposal.
  r = h.Do("POST", "/api/proposals/" + proposal + "/decision", scrutiny,
           {{"outcome", "sent_back"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.body["error"]["field"], "reasons");
  r = h.Do("POST", "/api/proposals/" + proposal + "/decision", hub, {{"outcome", "approved"}});
  EXPECT_EQ(r.status, 403) << "the hub may not scrutinise";
  r = h.Do("POST", "/api/proposals/" + proposal + "/decision", scrutiny,
           {{"outcome", "sent_back"}, {"reasons", "Record what she said about school"}});
  ASSERT_EQ(r.status, 200) << r.text;
  EXPECT_EQ(r.body["proposal"]["status"], "sent_back");
  EXPECT_TRUE(r.body["placement"].is_null());
  r = h.Do("GET", "/api/referrals/" + ref, hub);
  EXPECT_EQ(r.body["status"], "sent_to_providers");
  r = h.Do(
      "POST", "/api/referrals/" + ref + "/proposals", hub,
      {{"offerId", std::stoll(offer_id)},
       {"childViews", "Near her mum; she can stay at her football club; no school move needed"}});
  ASSERT_EQ(r.status, 201) << r.text;
  proposal = Id(r.body["proposal"]["id"].get<std::int64_t>());
  r = h.Do("POST", "/api/proposals/" + proposal + "/decision", scrutiny, {{"outcome", "approved"}});
  ASSERT_EQ(r.status, 200) << r.text;

  // 6-7. Booked once, priced from the framework contract, payments scheduled.
  json placement = r.body["placement"];
  ASSERT_TRUE(placement.is_object()) << r.text;
  EXPECT_EQ(placement["homeId"], h.a.home.value());
  EXPECT_FALSE(placement["vacancyId"].is_null());
  EXPECT_FALSE(placement["contractId"].is_null());
  EXPECT_EQ(placement["weeklyFee"],
            400000 + 20000 + 5000 + 1000);  // contract core + the offer's extras
  EXPECT_EQ(placement["emergency"], false);
  r = h.Do("POST", "/api/proposals/" + proposal + "/decision", scrutiny, {{"outcome", "approved"}});
  EXPECT_EQ(r.status, 409) << "a proposal is decided once";
  std::string placement_id = Id(placement["id"].get<std::int64_t>());
  r = h.Do("GET", "/api/placements/" + placement_id + "/payments", hub);
  ASSERT_EQ(r.status, 200) << r.text;
  ASSERT_EQ(r.body["payments"].size(), 52u);
  EXPECT_EQ(r.body["payments"][0]["weekStart"], "2025-04-02");
  EXPECT_EQ(r.body["payments"][0]["amount"], 426000);
  EXPECT_EQ(r.body["payments"][0]["councilId"], h.a.council.value());
  EXPECT_EQ(r.body["payments"][0]["rccId"], h.a.rcc.value());
  r = h.Do("GET", "/api/referrals/" + ref, sw);
  EXPECT_EQ(r.body["status"], "placed");
  EXPECT_EQ(r.body["actualPlacement"]["totalWeeklyCostPence"], 426000);

  // 5 again. An emergency is booked at once and must be scrutinised within 72 hours.
  ReferralId urgent = h.SentReferral(h.a, NeededBy::kToday);
  OfferId urgent_offer = h.OfferFor(h.a, urgent);
  r = h.Do("POST", "/api/offers/" + Id(urgent_offer.value()) + "/child-view", hub,
           {{"view", "doesnt_mind"}, {"why", "Anywhere safe tonight"}});
  ASSERT_EQ(r.status, 200) << r.text;
  r = h.Do("POST", "/api/referrals/" + Id(urgent.value()) + "/proposals", hub,
           {{"offerId", urgent_offer.value()}, {"childViews", "Wants to be safe tonight"}});
  ASSERT_EQ(r.status, 201) << r.text;
  ASSERT_TRUE(r.body["placement"].is_object());
  EXPECT_EQ(r.body["placement"]["emergency"], true);
  std::string urgent_proposal = Id(r.body["proposal"]["id"].get<std::int64_t>());
  r = h.Do("GET", "/api/scrutiny/overdue", scrutiny);
  EXPECT_EQ(r.body["overdue"].size(), 0u);
  h.Advance(std::chrono::hours(73));
  const std::string scrutiny_later = h.SignIn(h.a.users[Role::kScrutinyOfficer].username);
  r = h.Do("GET", "/api/scrutiny/overdue", scrutiny_later);
  ASSERT_EQ(r.body["overdue"].size(), 1u) << r.text;
  EXPECT_EQ(Id(r.body["overdue"][0]["proposal"]["id"].get<std::int64_t>()), urgent_proposal);
  r = h.Do("POST", "/api/proposals/" + urgent_proposal + "/decision", scrutiny_later,
           {{"outcome", "approved"}});
  ASSERT_EQ(r.status, 200) << r.text;
  EXPECT_TRUE(r.body["placement"].is_null()) << "booked already, not twice";
  r = h.Do("GET", "/api/scrutiny/overdue", scrutiny_later);
  EXPECT_EQ(r.body["overdue"].size(), 0u);

  // 8. Ending a placement: the SSDA903 reason, the place freed, payments closed.
  const std::string hub_later = h.SignIn(h.a.users[Role::kHubOfficer].username);
  r = h.Do("POST", "/api/placements/" + placement_id + "/end", hub_later,
           {{"endDate", "2025-04-12"}, {"reasonPlaceChange", "CARPL"}});
  ASSERT_EQ(r.status, 200) << r.text;
  EXPECT_EQ(r.body["endDate"], "2025-04-12");
  EXPECT_EQ(r.body["reasonPlaceChange"], "CARPL");
  r = h.Do("GET", "/api/placements/" + placement_id + "/payments", hub_later);
  const json& pays = r.body["payments"];
  EXPECT_EQ(pays[0]["amount"], 426000);  // 2-8 April, whole week
  // 9-11 April, 3 days, each line to the nearest penny (docs/market.md,
  // "Payments"): 400,000, 20,000, 5,000 and 1,000 x 3/7 = 171,429 + 8,571
  // + 2,143 + 429.
  EXPECT_EQ(pays[1]["amount"], 182572);
  EXPECT_EQ(pays[1]["core"], 171429);
  EXPECT_EQ(pays[1]["transport"], 429);
  EXPECT_EQ(pays[1]["status"], "scheduled");
  for (std::size_t i = 2; i < pays.size(); ++i) EXPECT_EQ(pays[i]["status"], "cancelled") << i;
  ASSERT_TRUE(h.store()
                  .Read([&](store::Tx& tx) -> Status {
                    CC_ASSIGN_OR_RETURN(auto vacancies, tx.ListBy<Vacancy>(h.a.home));
                    int open = 0;
                    for (const Vacancy& v : vacancies) open += v.status == VacancyStatus::kOpen;
                    EXPECT_EQ(open, 3 - 2 + 1);  // 3 places, 2 booked, 1 freed
                    return Status::Ok();
                  })
                  .ok());
  r = h.Do("POST", "/api/placements/" + placement_id + "/end", hub_later,
           {{"endDate", "2025-04-13"}, {"reasonPlaceChange", "CARPL"}});
  EXPECT_EQ(r.status, 409);

  // Every change and read is in an intact audit trail.
  r = h.Do("GET", "/api/audit/verify", h.SignIn("admin"));
  ASSERT_EQ(r.status, 200) << r.text;
  EXPECT_TRUE(r.body["intact"].get<bool>()) << r.text;
  EXPECT_GT(r.body["records"].get<int>(), 20);
  ASSERT_TRUE(h.store()
                  .Read([&](store::Tx& tx) -> Status {
                    CC_ASSIGN_OR_RETURN(auto records, services::ListAudit(tx, 0, 100000));
                    std::set<std::string> actions;
                    for (const auto& a : records) actions.insert(a.action);
                    for (const char* want :
                         {"referral.create", "referral.update", "referral.submit", "referral.read",
                          "referral.send", "offer.create", "proposal.create", "proposal.decide",
                          "placement.end", "provider_referral.read"})
                      EXPECT_TRUE(actions.count(want)) << want;
                    return Status::Ok();
                  })
                  .ok());
}

// 32 clients approve 100 proposals for the same home twice each (200
// requests); the home has 3 free places. Exactly 3 approvals book, on
// distinct places; every other answer is 409; nothing is half-written.
TEST_P(ApiWorkflowTest, BooksEachFreePlaceExactlyOnceUnderConcurrentApprovals) {
  constexpr int kPlaces = 3, kProposals = 100, kClients = 32;
  ApiHarness h(GetParam(), kPlaces);
  std::vector<std::string> requests;
  for (int i = 0; i < kProposals; ++i) {
    ReferralId r = h.SentReferral(h.a);
    ProposalId p = h.ProposalFor(h.a, r, h.OfferFor(h.a, r));
    requests.push_back("/api/proposals/" + Id(p.value()) + "/decision");
    requests.push_back("/api/proposals/" + Id(p.value()) + "/decision");
  }
  std::shuffle(requests.begin(), requests.end(), std::mt19937(7));
  const std::string token = h.a.tokens[Role::kScrutinyOfficer];
  std::mutex mu;
  std::map<int, int> by_status;
  std::set<std::int64_t> vacancies;
  std::atomic<std::size_t> next{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c)
    clients.emplace_back([&] {
      for (std::size_t i; (i = next++) < requests.size();) {
        HttpReply r = h.Do("POST", requests[i], token, {{"outcome", "approved"}});
        std::lock_guard lock(mu);
        ++by_status[r.status];
        if (r.status != 200 && r.status != 409) ADD_FAILURE() << r.status << " " << r.text;
        if (r.status == 200) vacancies.insert(r.body["placement"]["vacancyId"].get<std::int64_t>());
      }
    });
  for (auto& t : clients) t.join();
  EXPECT_EQ(by_status[200], kPlaces);
  EXPECT_EQ(by_status[409], 2 * kProposals - kPlaces);
  EXPECT_EQ(by_status.size(), 2u) << "only 200 and 409 expected";
  EXPECT_EQ(vacancies.size(), static_cast<std::size_t>(kPlaces));
  ASSERT_TRUE(h.store()
                  .Read([&](store::Tx& tx) -> Status {
                    CC_ASSIGN_OR_RETURN(auto placements, tx.ListBy<Placement>(h.a.home));
                    EXPECT_EQ(placements.size(), static_cast<std::size_t>(kPlaces));
                    CC_ASSIGN_OR_RETURN(auto proposals, tx.List<Proposal>());
                    int approved = 0;
                    for (const Proposal& p : proposals)
                      approved += p.status == ProposalStatus::kApproved;
                    EXPECT_EQ(approved, kPlaces);
                    CC_ASSIGN_OR_RETURN(std::int64_t payments, tx.Count<Payment>());
                    EXPECT_EQ(payments, kPlaces * 52);
                    CC_ASSIGN_OR_RETURN(auto report, services::VerifyAudit(tx));
                    EXPECT_TRUE(report.ok());
                    return Status::Ok();
                  })
                  .ok());
}

INSTANTIATE_TEST_SUITE_P(Backends, ApiWorkflowTest, ::testing::Values("sqlite", "postgresql"),
                         [](const ::testing::TestParamInfo<std::string>& p) { return p.param; });

}  // namespace
}  // namespace carecoop::testing
