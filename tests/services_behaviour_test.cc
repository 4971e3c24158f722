// Behaviours of the services floor that a plausible one-line bug would break
// and that no other test watched: booking retries, a place freed on the day
// it is booked again, the order in which contracts price a placement, the
// small-number rule over HTTP, what a provider sees of a referral, and the
// audit chain's links. Each test names the bug it catches.
#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

#include "services/audit.h"
#include "store/raw_access.h"
#include "tests/support/api_harness.h"

namespace carecoop::testing {
namespace {

std::string Id(std::int64_t id) { return std::to_string(id); }

class ServicesBehaviourTest : public ::testing::TestWithParam<std::string> {};

// Approvals that race for the same home's places each pick the earliest free
// one; the losers of a race must retry and book another free place. With N
// places and N proposals approved at once, every approval books (a missing
// retry turns some into 409s while places are still free).
TEST_P(ServicesBehaviourTest, ConcurrentApprovalsForAsManyFreePlacesAllBook) {
  constexpr int kPlaces = 12;
  ApiHarness h(GetParam(), kPlaces);
  std::vector<std::string> requests;
  for (int i = 0; i < kPlaces; ++i) {
    ReferralId r = h.SentReferral(h.a);
    ProposalId p = h.ProposalFor(h.a, r, h.OfferFor(h.a, r));
    requests.push_back("/api/proposals/" + Id(p.value()) + "/decision");
  }
  const std::string token = h.a.tokens[Role::kScrutinyOfficer];
  std::atomic<int> ready{0};
  std::vector<HttpReply> replies(requests.size());
  std::vector<std::thread> clients;
  for (std::size_t i = 0; i < requests.size(); ++i)
    clients.emplace_back([&, i] {
      // Start together, so the approvals overlap.
      ++ready;
      while (ready.load() < kPlaces) std::this_thread::yield();
      replies[i] = h.Do("POST", requests[i], token, {{"outcome", "approved"}});
    });
  for (auto& t : clients) t.join();
  std::set<std::int64_t> vacancies;
  for (const HttpReply& r : replies) {
    EXPECT_EQ(r.status, 200) << r.text;
    if (r.status == 200) vacancies.insert(r.body["placement"]["vacancyId"].get<std::int64_t>());
  }
  EXPECT_EQ(vacancies.size(), static_cast<std::size_t>(kPlaces));
}

// Ending a placement on day D frees its place from D: a placement starting
// on D may book it (a place free *from* the start date counts).
TEST_P(ServicesBehaviourTest, APlaceFreedOnADayCanBeBookedFromThatDay) {
  ApiHarness h(GetParam(), /*places=*/1);
  PlacementId first = h.PlacementFor(h.a);
  const Date d(2025, 4, 5);
  auto ended = h.workflow().EndPlacement(h.a.users.at(Role::kHubOfficer), first, {d, "CHILD", ""});
  ASSERT_TRUE(ended.ok()) << ended.status().ToString();

  ReferralId r = h.SentReferral(h.a);
  Offer o;
  o.home = h.a.home;
  o.status = OfferStatus::kOffered;
  o.core_fee = Pence(410000);
  o.start_date = d;
  auto offer = h.workflow().Respond(h.a.users.at(Role::kProvider), r, o);
  ASSERT_TRUE(offer.ok()) << offer.status().ToString();
  ProposalId p = h.ProposalFor(h.a, r, offer->id);
  auto decided =
      h.workflow().Decide(h.a.users.at(Role::kScrutinyOfficer), p, ScrutinyOutcome::kApproved, "");
  ASSERT_TRUE(decided.ok()) << decided.status().ToString();
  ASSERT_TRUE(decided->placement.has_value());
  EXPECT_EQ(decided->placement->start, d);
}

// A provider with block, framework, DPS and spot contracts with the RCC is
// priced from the block contract (places already paid for), then the
// framework, then the DPS (a call-off competition: the winning offer's
// fee), then spot (the offer's own fee). Each booking
// below ends the contract that priced it, so the next one must fall to the
// next route. Contracts are created in an order unlike the preference, so
// that creation order cannot pass for it.
TEST_P(ServicesBehaviourTest, ContractsPriceInTheOrderBlockFrameworkDpsSpot) {
  ApiHarness h(GetParam(), /*places=*/6);
  const Pence kBlock(380000), kDps(420000);  // the DPS fee is a ceiling, not the price
  std::map<ContractType, ContractId> ids;
  ASSERT_TRUE(h.store()
                  .Write([&](store::Tx& tx) -> Status {
                    CC_ASSIGN_OR_RETURN(auto existing,
                                        tx.List<Contract>(store::Scope::Of(h.a.rcc)));
                    for (const Contract& c : existing)
                      if (c.provider == h.a.provider)
                        ids[c.type] = c.id;  // the harness's framework at £4,000
                    for (ContractType type :
                         {ContractType::kSpot, ContractType::kDps, ContractType::kBlock}) {
                      Contract c;
                      c.provider = h.a.provider;
                      c.rcc = h.a.rcc;
                      c.type = type;
                      c.reference = "T-A-" + std::string(EnumCode(type));
                      c.start = Date(2025, 1, 1);
                      if (type == ContractType::kBlock) {
                        c.fees = {{NeedBand::kStandard, kBlock}};
                        c.block_places = 2;
                        c.block_homes = {h.a.home};
                        c.end = Date(2030, 1, 1);
                      }
                      if (type == ContractType::kDps) c.fees = {{NeedBand::kStandard, kDps}};
                      if (type == ContractType::kSpot)
                        c.fees = {{NeedBand::kStandard, Pence(999900)}};  // spot pays the offer
                      CC_ASSIGN_OR_RETURN(ids[type], tx.Create(c));
                    }
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_EQ(ids.size(), 4u);
  const std::int64_t extras =
      20000 + 5000 + 1000;  // the harness offer's staffing, education and transport
  struct Expect {
    ContractType type;
    Pence weekly;
  };
  for (Expect e : {Expect{ContractType::kBlock, Pence(kBlock.value() + extras)},
                   Expect{ContractType::kFramework, Pence(400000 + extras)},
                   Expect{ContractType::kDps, Pence(410000 + extras)},
                   Expect{ContractType::kSpot, Pence(410000 + extras)}}) {
    SCOPED_TRACE(std::string(EnumCode(e.type)));
    PlacementId id = h.PlacementFor(h.a);
    Placement p;
    ASSERT_TRUE(h.store()
                    .Write([&](store::Tx& tx) -> Status {
                      CC_ASSIGN_OR_RETURN(p, tx.Get<Placement>(id));
                      // The contract that priced this one ends before the next starts.
                      CC_ASSIGN_OR_RETURN(Contract c, tx.Get<Contract>(*p.contract));
                      c.end = Date(2025, 3, 31);
                      return tx.Update(c);
                    })
                    .ok());
    ASSERT_TRUE(p.contract.has_value());
    EXPECT_EQ(*p.contract, ids[e.type]);
    EXPECT_EQ(p.weekly_fee, e.weekly);
  }
}

// A provider sees its own eligible homes in an anonymised referral, every
// one of them, and never another provider's.
TEST_P(ServicesBehaviourTest, AProviderSeesItsOwnEligibleHomesOnly) {
  ApiHarness h(GetParam(), /*places=*/3);
  // A second home of P's and a home of Q's, both in council A beside P's first.
  HomeId second_of_p, q_in_a;
  ASSERT_TRUE(
      h.store()
          .Write([&](store::Tx& tx) -> Status {
            CC_ASSIGN_OR_RETURN(Home home, tx.Get<Home>(h.a.home));
            for (auto [provider, out] :
                 {std::pair{h.a.provider, &second_of_p}, std::pair{h.b.provider, &q_in_a}}) {
              Home copy = home;
              copy.provider = provider;
              copy.name = provider == h.a.provider ? "Second home of P" : "Home of Q in A";
              copy.ofsted_urn = provider == h.a.provider ? "SC900001" : "SC900002";
              CC_ASSIGN_OR_RETURN(*out, tx.Create(copy));
              CC_RETURN_IF_ERROR(
                  tx.Create(Vacancy{.home = *out, .available_from = Date(2025, 3, 25)}).status());
            }
            return Status::Ok();
          })
          .ok());
  ReferralId r = h.SentReferral(h.a);
  auto mine = [&](const Side& side) {
    HttpReply reply = h.Do("GET", "/api/provider/referrals/" + Id(r.value()),
                           h.SignIn(side.users.at(Role::kProvider).username));
    EXPECT_EQ(reply.status, 200) << reply.text;
    std::set<std::int64_t> homes;
    for (const auto& id : reply.body["yourEligibleHomes"]) homes.insert(id.get<std::int64_t>());
    return homes;
  };
  EXPECT_EQ(mine(h.a), (std::set<std::int64_t>{h.a.home.value(), second_of_p.value()}));
  std::set<std::int64_t> of_q = mine(h.b);
  EXPECT_TRUE(of_q.count(q_in_a.value())) << "Q's home in A is eligible";
  EXPECT_FALSE(of_q.count(h.a.home.value()));
  EXPECT_FALSE(of_q.count(second_of_p.value()));
}

// Editing one audit record and recomputing that record's own hash still
// breaks the chain: the next record's link to it no longer holds.
TEST_P(ServicesBehaviourTest, AnEditedAuditRecordWithItsHashRecomputedIsStillReported) {
  ApiHarness h(GetParam(), 3);
  h.PlacementFor(h.a);
  const Status kRollBack(StatusCode::kConflict, "roll back the tampering", "tamper");
  Status s = h.store().Write([&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(auto all, services::ListAudit(tx, 0, 1000));
    EXPECT_GT(all.size(), 5u);
    services::AuditRecord r = all[all.size() / 2];
    r.actor = "someone else";
    r.hash = services::ChainHash(r);
    CC_RETURN_IF_ERROR(store::RawConnection(tx)
                           .Exec("UPDATE audit_log SET actor = $1, hash = $2 WHERE seq = $3",
                                 {r.actor, r.hash, r.seq})
                           .status());
    CC_ASSIGN_OR_RETURN(auto report, services::VerifyAudit(tx));
    EXPECT_FALSE(report.ok()) << "an edit with its own hash recomputed went unnoticed";
    bool named = false;
    for (const auto& p : report.problems)
      named |= p.find("record " + std::to_string(r.seq + 1) + ":") != std::string::npos;
    EXPECT_TRUE(named) << "the record after the edited one should be reported";
    return kRollBack;
  });
  EXPECT_EQ(s.message(), kRollBack.message());
}

INSTANTIATE_TEST_SUITE_P(Backends, ServicesBehaviourTest, ::testing::Values("sqlite", "postgresql"),
                         [](const ::testing::TestParamInfo<std::string>& p) { return p.param; });

// Small numbers, over HTTP: a count of exactly 4 is hidden and exactly 5
// shown, in the national analyst's views; a commissioner sees their own
// RCC's counts whole. RCC A has 4 children placed, RCC B 5.
TEST(SmallNumbersTest, FourIsHiddenAndFiveShownNationallyButNotFromTheOwnRcc) {
  ApiHarness h("sqlite", /*places=*/6);
  for (int i = 0; i < 4; ++i) h.PlacementFor(h.a);
  for (int i = 0; i < 5; ++i) h.PlacementFor(h.b);

  HttpReply national = h.Do("GET", "/api/national/overview", h.national_token);
  ASSERT_EQ(national.status, 200) << national.text;
  std::map<std::string, nlohmann::json> by_rcc;
  for (const auto& row : national.body["rccs"]) by_rcc[row["rcc"]] = row;
  EXPECT_TRUE(by_rcc.at("T-A")["currentPlacements"].is_null()) << by_rcc.at("T-A");
  EXPECT_EQ(by_rcc.at("T-B")["currentPlacements"], 5) << by_rcc.at("T-B");
  EXPECT_EQ(national.body["smallNumbersSuppressedBelow"], 5);

  auto placed = [&](const Side& side, const std::string& token) {
    HttpReply r = h.Do("GET", "/api/rccs/" + Id(side.rcc.value()) + "/sufficiency", token);
    EXPECT_EQ(r.status, 200) << r.text;
    EXPECT_EQ(r.body["councils"].size(), 1u) << r.text;
    return r.body["councils"][0]["placed"];
  };
  EXPECT_TRUE(placed(h.a, h.national_token).is_null());
  EXPECT_EQ(placed(h.b, h.national_token), 5);
  EXPECT_EQ(placed(h.a, h.a.tokens[Role::kCommissioner]), 4);
  EXPECT_EQ(placed(h.b, h.b.tokens[Role::kCommissioner]), 5);
}

}  // namespace
}  // namespace carecoop::testing
