// The case work around the referral-to-placement spine, over HTTP: offers
// lapse at their deadline, referrals and offers are withdrawn, the timeline
// tells every step with who and when, a provider publishes a vacancy that
// the hub's next search finds, spend adds up the payments, and an admin
// disables a user at once.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "market/fair_price.h"
#include "tests/support/api_harness.h"

namespace carecoop::testing {
namespace {

std::string Id(std::int64_t id) { return std::to_string(id); }

json OfferById(ApiHarness& h, const std::string& token, ReferralId r, OfferId o) {
  HttpReply reply = h.Do("GET", "/api/referrals/" + Id(r.value()) + "/offers", token);
  for (const json& x : reply.body["offers"])
    if (x["id"] == o.value()) return x;
  return nullptr;
}

TEST(CaseWorkTest, AnOfferLapsesAtItsDeadlineAndCannotThenBeProposed) {
  ApiHarness h("sqlite", 3);
  const auto& hub = h.a.tokens[Role::kHubOfficer];
  ReferralId r = h.SentReferral(h.a);
  OfferId o = h.OfferFor(h.a, r);
  ASSERT_EQ(h.Do("POST", "/api/offers/" + Id(o.value()) + "/child-view", hub,
                 {{"view", "wants"}, {"why", "Near school"}})
                .status,
            200);
  EXPECT_EQ(OfferById(h, hub, r, o)["status"], "offered");
  h.Advance(std::chrono::hours(24 * 30));  // well past the offers' deadline
  const std::string later = h.SignIn(h.a.users[Role::kHubOfficer].username);
  EXPECT_EQ(OfferById(h, later, r, o)["status"], "lapsed");
  HttpReply p = h.Do("POST", "/api/referrals/" + Id(r.value()) + "/proposals", later,
                     {{"offerId", o.value()}});
  EXPECT_EQ(p.status, 409) << p.text;
  EXPECT_EQ(p.body["error"]["field"], "offerId");
  EXPECT_NE(p.text.find("lapsed"), std::string::npos) << p.text;
  HttpReply mine =
      h.Do("GET", "/api/provider/offers", h.SignIn(h.a.users[Role::kProvider].username));
  ASSERT_EQ(mine.status, 200);
  ASSERT_EQ(mine.body["offers"].size(), 1u);
  EXPECT_EQ(mine.body["offers"][0]["status"], "lapsed");
  EXPECT_FALSE(mine.body["offers"][0].contains("childView")) << "the hub's record, not theirs";
}

TEST(CaseWorkTest, AWithdrawnReferralTakesNoOffersAndItsTimelineTellsWhoDidWhat) {
  ApiHarness h("sqlite", 3);
  const auto& sw = h.a.tokens[Role::kSocialWorker];
  const auto& provider = h.a.tokens[Role::kProvider];
  ReferralId r = h.SentReferral(h.a);
  OfferId o = h.OfferFor(h.a, r);
  const std::string ref = Id(r.value());
  HttpReply w = h.Do("POST", "/api/referrals/" + ref + "/withdraw", sw, {{"reason", " "}});
  EXPECT_EQ(w.status, 422);
  w = h.Do("POST", "/api/referrals/" + ref + "/withdraw", sw,
           {{"reason", "Returned home to mum under a care order"}});
  ASSERT_EQ(w.status, 200) << w.text;
  EXPECT_EQ(w.body["status"], "withdrawn");
  EXPECT_EQ(w.body["withdrawalReason"], "Returned home to mum under a care order");
  EXPECT_EQ(OfferById(h, h.a.tokens[Role::kHubOfficer], r, o)["status"], "lapsed")
      << "its open offers lapse with it";
  EXPECT_EQ(h.Do("POST", "/api/referrals/" + ref + "/withdraw", sw, {{"reason", "again"}}).status,
            409);
  HttpReply again =
      h.Do("POST", "/api/referrals/" + ref + "/offers", provider,
           {{"decision", "decline"}, {"homeId", h.a.home.value()}, {"declineReason", "No bed"}});
  EXPECT_EQ(again.status, 409) << again.text;

  HttpReply t = h.Do("GET", "/api/referrals/" + ref + "/timeline", sw);
  ASSERT_EQ(t.status, 200) << t.text;
  std::vector<std::string> actions;
  std::map<std::string, std::string> actor_of;
  for (const json& e : t.body["timeline"]) {
    actions.push_back(e["action"]);
    actor_of[e["action"]] = e["actor"];
    EXPECT_FALSE(e["at"].get<std::string>().empty());
  }
  const std::vector<std::string> expected = {"referral.create", "referral.submit", "referral.send",
                                             "offer.create", "referral.withdraw"};
  EXPECT_EQ(actions, expected);
  EXPECT_EQ(actor_of["referral.withdraw"], h.a.users[Role::kSocialWorker].username);
  EXPECT_EQ(actor_of["offer.create"], h.a.users[Role::kProvider].username);
  // Another council's social worker: the same answer as for no referral.
  EXPECT_EQ(
      h.Do("GET", "/api/referrals/" + ref + "/timeline", h.b.tokens[Role::kSocialWorker]).status,
      404);
}

TEST(CaseWorkTest, AProviderWithdrawsItsOfferWhichCanNoLongerBeProposed) {
  ApiHarness h("sqlite", 3);
  const auto& hub = h.a.tokens[Role::kHubOfficer];
  const auto& provider = h.a.tokens[Role::kProvider];
  ReferralId r = h.SentReferral(h.a);
  OfferId o = h.OfferFor(h.a, r);
  const std::string offer = Id(o.value());
  HttpReply w = h.Do("POST", "/api/offers/" + offer + "/withdraw", provider,
                     {{"reason", "The place was taken by a sibling group"}});
  ASSERT_EQ(w.status, 200) << w.text;
  EXPECT_EQ(w.body["status"], "withdrawn");
  EXPECT_EQ(h.Do("POST", "/api/offers/" + offer + "/withdraw", provider, {{"reason", "x"}}).status,
            409);
  EXPECT_EQ(h.Do("POST", "/api/offers/" + offer + "/withdraw", h.b.tokens[Role::kProvider],
                 {{"reason", "x"}})
                .status,
            404)
      << "another provider's offer is as good as missing";
  HttpReply p = h.Do("POST", "/api/referrals/" + Id(r.value()) + "/proposals", hub,
                     {{"offerId", o.value()}, {"childViews", "ok"}});
  EXPECT_EQ(p.status, 409) << p.text;
}

// The child wants one offered home; proposing another goes against their
// view and needs a reason, which the proposal keeps for scrutiny.
TEST(CaseWorkTest, ProposingAgainstTheChildsViewNeedsAReason) {
  ApiHarness h("sqlite", 3);
  const auto& hub = h.a.tokens[Role::kHubOfficer];
  ReferralId r = h.SentReferral(h.a);
  OfferId wanted = h.OfferFor(h.a, r);
  // A second home of the same provider offers too.
  HomeId second;
  ASSERT_TRUE(h.store()
                  .Write([&](store::Tx& tx) -> Status {
                    CC_ASSIGN_OR_RETURN(Home home, tx.Get<Home>(h.a.home));
                    home.name = "Second House";
                    home.ofsted_urn = "SC999999";
                    CC_ASSIGN_OR_RETURN(second, tx.Create(home));
                    return Status::Ok();
                  })
                  .ok());
  Offer o;
  o.home = second;
  o.status = OfferStatus::kOffered;
  o.core_fee = Pence(400000);
  o.start_date = Date(2025, 4, 2);
  auto other = h.workflow().Respond(h.a.users[Role::kProvider], r, o);
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  const std::string path = "/api/offers/";
  ASSERT_EQ(h.Do("POST", path + Id(wanted.value()) + "/child-view", hub,
                 {{"view", "wants"}, {"why", "Near my sister"}})
                .status,
            200);
  ASSERT_EQ(h.Do("POST", path + Id(other->id.value()) + "/child-view", hub,
                 {{"view", "doesnt_mind"}, {"why", "It's ok"}})
                .status,
            200);
  const std::string proposals = "/api/referrals/" + Id(r.value()) + "/proposals";
  HttpReply refused = h.Do("POST", proposals, hub,
                           {{"offerId", other->id.value()}, {"reasonNotTop", "Nearer school"}});
  EXPECT_EQ(refused.status, 422) << refused.text;
  EXPECT_EQ(refused.body["error"]["field"], "reasonAgainstChildView");
  HttpReply made = h.Do("POST", proposals, hub,
                        {{"offerId", other->id.value()},
                         {"reasonNotTop", "Nearer school"},
                         {"reasonAgainstChildView", "Her sister's home cannot keep her safe"}});
  ASSERT_EQ(made.status, 201) << made.text;
  EXPECT_EQ(made.body["proposal"]["reasonAgainstChildView"],
            "Her sister's home cannot keep her safe");
  EXPECT_EQ(made.body["proposal"]["childViews"], "Doesn't mind: It's ok");
}

// A home with no free place is not among the options; once its provider
// publishes a vacancy it is, and once withdrawn it is not again.
TEST(CaseWorkTest, APublishedVacancyIsInTheHubsNextSearch) {
  ApiHarness h("sqlite", 2);
  const auto& hub = h.a.tokens[Role::kHubOfficer];
  const auto& provider = h.a.tokens[Role::kProvider];
  ReferralId r = h.OpenReferral(h.a);
  auto offered = [&] {
    HttpReply o = h.Do("GET", "/api/referrals/" + Id(r.value()) + "/options?top=100", hub);
    EXPECT_EQ(o.status, 200) << o.text;
    for (const json& x : o.body["options"])
      if (x["home"]["id"] == h.a.home.value()) return true;
    return false;
  };
  ASSERT_TRUE(offered());
  h.WithdrawOneVacancy(h.a);
  h.WithdrawOneVacancy(h.a);
  EXPECT_FALSE(offered()) << "no free place";
  HttpReply homes = h.Do("GET", "/api/provider/homes", provider);
  ASSERT_EQ(homes.status, 200);
  ASSERT_EQ(homes.body["homes"].size(), 1u);
  EXPECT_EQ(homes.body["homes"][0]["vacancies"].size(), 0u);
  const std::string home = Id(h.a.home.value());
  HttpReply v = h.Do("POST", "/api/provider/homes/" + home + "/vacancies", provider,
                     {{"availableFrom", Date::FromTimestamp(h.Now()).ToIso()}});
  ASSERT_EQ(v.status, 201) << v.text;
  EXPECT_TRUE(offered()) << "the published place is found";
  // A home cannot publish more places than it is registered for.
  v = h.Do("POST", "/api/provider/homes/" + home + "/vacancies", provider,
           {{"availableFrom", Date::FromTimestamp(h.Now()).ToIso()}});
  ASSERT_EQ(v.status, 201) << v.text;
  HttpReply full = h.Do("POST", "/api/provider/homes/" + home + "/vacancies", provider,
                        {{"availableFrom", Date::FromTimestamp(h.Now()).ToIso()}});
  EXPECT_EQ(full.status, 409) << full.text;
  HttpReply shrink =
      h.Do("PATCH", "/api/provider/homes/" + home, provider,
           {{"version", homes.body["homes"][0]["version"]}, {"registeredPlaces", 1}});
  EXPECT_EQ(shrink.status, 422) << shrink.text;
  EXPECT_EQ(shrink.body["error"]["field"], "registeredPlaces");
  for (int i = 0; i < 2; ++i)
    ASSERT_EQ(h.Do("POST", "/api/vacancies/" + Id(h.OpenVacancy(h.a).value()) + "/withdraw",
                   provider, json::object())
                  .status,
              200);
  EXPECT_FALSE(offered()) << "withdrawn";
}

// Spend is the payments added up: by council and by route, each total
// equal to the sum over the payments themselves, read one by one.
TEST(CaseWorkTest, SpendAddsUpThePaymentsByCouncilAndRoute) {
  ApiHarness h("sqlite", 4);
  PlacementId first = h.PlacementFor(h.a);
  PlacementId second = h.PlacementFor(h.a);
  const auto& commissioner = h.a.tokens[Role::kCommissioner];
  const std::string rcc = Id(h.a.rcc.value());
  HttpReply s =
      h.Do("GET", "/api/rccs/" + rcc + "/spend?from=2025-01-01&to=2026-01-01", commissioner);
  ASSERT_EQ(s.status, 200) << s.text;
  std::int64_t expected = 0;
  for (PlacementId p : {first, second}) {
    HttpReply pay = h.Do("GET", "/api/placements/" + Id(p.value()) + "/payments",
                         h.a.tokens[Role::kHubOfficer]);
    for (const json& x : pay.body["payments"]) {
      const std::string week = x["weekStart"];
      if (x["status"] != "cancelled" && week >= "2025-01-01" && week < "2026-01-01")
        expected += x["amount"].get<std::int64_t>();
    }
  }
  EXPECT_GT(expected, 0);
  EXPECT_EQ(s.body["total"], expected);
  for (const char* by : {"byCouncil", "byRoute"}) {
    std::int64_t sum = 0;
    for (const json& line : s.body[by]) sum += line["amount"].get<std::int64_t>();
    EXPECT_EQ(sum, expected) << by;
  }
  EXPECT_EQ(h.Do("GET", "/api/rccs/" + Id(h.b.rcc.value()) + "/spend", commissioner).status, 404);
  // The provider sees both children placed in its home, without their records.
  HttpReply placed = h.Do("GET", "/api/provider/placements", h.a.tokens[Role::kProvider]);
  ASSERT_EQ(placed.status, 200) << placed.text;
  ASSERT_EQ(placed.body["placements"].size(), 2u);
  for (const json& p : placed.body["placements"]) {
    EXPECT_FALSE(p.contains("childId"));
    EXPECT_FALSE(p.contains("councilId"));
    EXPECT_EQ(p["homeId"], h.a.home.value());
  }
  EXPECT_EQ(h.Do("GET", "/api/provider/placements", h.b.tokens[Role::kProvider])
                .body["placements"]
                .size(),
            0u);
}

TEST(CaseWorkTest, ADisabledUserIsSignedOutAtOnceAndCannotSignIn) {
  ApiHarness h("sqlite", 2);
  const std::string sw = h.a.tokens[Role::kSocialWorker];
  const auto& user = h.a.users[Role::kSocialWorker];
  ASSERT_EQ(h.Do("GET", "/api/me", sw).status, 200);
  HttpReply d =
      h.Do("PATCH", "/api/users/" + Id(user.user_id), h.admin_token, {{"disabled", true}});
  ASSERT_EQ(d.status, 200) << d.text;
  EXPECT_EQ(d.body["status"], "disabled");
  EXPECT_EQ(h.Do("GET", "/api/me", sw).status, 401) << "the session ended with the change";
  HttpReply list = h.Do("GET", "/api/users", h.admin_token);
  ASSERT_EQ(list.status, 200);
  bool listed = false;
  for (const json& u : list.body["users"])
    if (u["username"] == user.username) listed = u["status"] == "disabled";
  EXPECT_TRUE(listed);
  // A role needs its scope; an admin cannot change their own account.
  HttpReply bad = h.Do("PATCH", "/api/users/" + Id(user.user_id), h.admin_token,
                       {{"role", "hub_officer"}, {"councilId", h.a.council.value()}});
  EXPECT_EQ(bad.status, 422) << bad.text;
}

// Separation of duties: an admin who gives a user a role that reaches
// children's records cannot also approve it; another admin must.
TEST(CaseWorkTest, ARoleGrantedByOneAdminIsApprovedByAnother) {
  ApiHarness h("sqlite", 2);
  const auto& user = h.a.users[Role::kCommissioner];
  HttpReply changed = h.Do("PATCH", "/api/users/" + Id(user.user_id), h.admin_token,
                           {{"role", "hub_officer"}, {"rccId", h.a.rcc.value()}});
  ASSERT_EQ(changed.status, 200) << changed.text;
  EXPECT_EQ(changed.body["status"], "awaiting_approval");
  EXPECT_EQ(changed.body["createdBy"], "admin") << changed.text;
  HttpReply self =
      h.Do("POST", "/api/users/" + Id(user.user_id) + "/approval", h.admin_token, json::object());
  EXPECT_EQ(self.status, 403) << "the admin who granted it: " << self.text;
}

// A social worker's children: their council's, each with the referral in
// progress; another council's child is not listed.
TEST(CaseWorkTest, ASocialWorkerListsTheirCouncilsChildrenWithTheirReferrals) {
  ApiHarness h("sqlite", 2);
  ChildId mine = h.NewChild(h.a), theirs = h.NewChild(h.b);
  ReferralId open = h.OpenReferral(h.a);
  HttpReply c = h.Do("GET", "/api/children", h.a.tokens[Role::kSocialWorker]);
  ASSERT_EQ(c.status, 200) << c.text;
  std::set<std::int64_t> ids;
  bool referral_shown = false;
  for (const json& x : c.body["children"]) {
    ids.insert(x["id"].get<std::int64_t>());
    if (x["referralId"] == open.value()) referral_shown = x["referralStatus"] == "open";
  }
  EXPECT_TRUE(ids.count(mine.value()));
  EXPECT_FALSE(ids.count(theirs.value())) << "another council's child";
  EXPECT_TRUE(referral_shown);
  EXPECT_EQ(h.Do("GET", "/api/children", h.a.tokens[Role::kProvider]).status, 403);
}

}  // namespace
}  // namespace carecoop::testing

namespace carecoop::testing {
namespace {

// The hub sees each offer beside its fair price (docs/market.md): the
// difference is the quoted fee less the estimate, and the flag is set
// exactly when the fee is more than 10% above it.
TEST(CaseWorkTest, EachOfferShowsItsFairPriceTheDifferenceAndTheFlag) {
  ApiHarness h("sqlite", 3);
  ReferralId r = h.SentReferral(h.a);
  h.OfferFor(h.a, r);
  HttpReply reply = h.Do("GET", "/api/referrals/" + std::to_string(r.value()) + "/offers",
                         h.a.tokens[Role::kHubOfficer]);
  ASSERT_EQ(reply.status, 200) << reply.text;
  ASSERT_EQ(reply.body["offers"].size(), 1u);
  const json& o = reply.body["offers"][0];
  ASSERT_TRUE(o["fairPrice"].is_object()) << o.dump();
  const auto fair = o["fairPrice"]["weekly"].get<std::int64_t>();
  const auto fee = o["weeklyFee"].get<std::int64_t>();
  EXPECT_GT(fair, 0);
  EXPECT_EQ(o["fairPrice"]["difference"].get<std::int64_t>(), fee - fair);
  EXPECT_EQ(o["fairPrice"]["aboveThreshold"].get<bool>(), (fee - fair) * 10 > fair);
}

// Each placement likewise: its weekly fee beside the estimate for its home,
// the child's band and age at the start and the ratio asked for, the same
// estimate the market engine makes from those (docs/market.md).
TEST(CaseWorkTest, EachPlacementShowsItsFairPriceTheDifferenceAndTheFlag) {
  ApiHarness h("sqlite", 3);
  PlacementId id = h.PlacementFor(h.a);
  HttpReply reply = h.Do("GET", "/api/placements", h.a.tokens[Role::kHubOfficer]);
  ASSERT_EQ(reply.status, 200) << reply.text;
  const json* found = nullptr;
  for (const json& p : reply.body["placements"])
    if (p["id"].get<std::int64_t>() == id.value()) found = &p;
  ASSERT_NE(found, nullptr);
  const json& p = *found;
  ASSERT_TRUE(p["fairPrice"].is_object()) << p.dump();
  Home home;
  Child child;
  Referral referral;
  ASSERT_TRUE(h.store()
                  .Read([&](store::Tx& tx) -> Status {
                    CC_ASSIGN_OR_RETURN(Placement pl, tx.Get<Placement>(id));
                    CC_ASSIGN_OR_RETURN(home, tx.Get<Home>(*pl.home));
                    CC_ASSIGN_OR_RETURN(child, tx.Get<Child>(pl.child));
                    CC_ASSIGN_OR_RETURN(referral, tx.Get<Referral>(*pl.referral));
                    return Status::Ok();
                  })
                  .ok());
  auto expected = market::EstimateFairPrice(
      {.setting = home.setting,
       .registered_places = home.registered_places,
       .ratio = referral.minimum_adult_support_ratio,
       .band = referral.need_band(),
       .age = AgeInYears(child.date_of_birth,
                         Date::ParseIso(p["startDate"].get<std::string>()).value())},
      {});
  ASSERT_TRUE(expected.ok());
  const auto fee = p["weeklyFee"].get<std::int64_t>();
  EXPECT_EQ(p["fairPrice"]["weekly"].get<std::int64_t>(), expected->weekly.value());
  EXPECT_EQ(p["fairPrice"]["difference"].get<std::int64_t>(), fee - expected->weekly.value());
  EXPECT_EQ(p["fairPrice"]["aboveThreshold"].get<bool>(),
            (fee - expected->weekly.value()) * 10 > expected->weekly.value());
}

}  // namespace
}  // namespace carecoop::testing
