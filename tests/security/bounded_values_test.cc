// Regression (issue 14, finding 9): a booked fee of 2^63-1 pence made the
// national overview answer 500 for everyone, and an offer starting on
// 2200-12-25 was accepted and then its payments could not be read back.
// Every weekly fee is now at most kMaxWeeklyFee and an offer starts between
// the day its referral was written and 28 days after its latest start date;
// anything else is a 422 naming the field, and nothing is stored.
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

#include "domain/contract.h"
#include "domain/examples.h"
#include "tests/support/api_harness.h"

namespace carecoop::testing {
namespace {

nlohmann::json OfferBody(HomeId home, std::int64_t core, const std::string& start) {
  return {{"decision", "offer"}, {"homeId", home.value()}, {"coreFee", core}, {"startDate", start}};
}

TEST(BoundedValuesTest, AnExtremeFeeOrAFarStartIsRefusedNamingTheField) {
  ApiHarness h("sqlite", 3);
  ReferralId r = h.SentReferral(h.a);
  const std::string path = "/api/referrals/" + std::to_string(r.value()) + "/offers";
  const std::string& provider = h.a.tokens[Role::kProvider];
  const std::string before = h.Fingerprint();
  struct Case {
    nlohmann::json body;
    std::string field;
  } cases[] = {
      {OfferBody(h.a.home, std::numeric_limits<std::int64_t>::max(), "2025-04-02"), "coreFee"},
      {OfferBody(h.a.home, kMaxWeeklyFee.value() + 1, "2025-04-02"), "coreFee"},
      // Each item at the limit, their sum over it.
      {[&] {
         auto b = OfferBody(h.a.home, kMaxWeeklyFee.value(), "2025-04-02");
         b["staffingFee"] = 1;
         return b;
       }(),
       "coreFee"},
      {[&] {
         auto b = OfferBody(h.a.home, 400000, "2025-04-02");
         b["transportFee"] = kMaxWeeklyFee.value() + 1;
         return b;
       }(),
       "transportFee"},
      {OfferBody(h.a.home, 400000, "2200-12-25"), "startDate"},
      {OfferBody(h.a.home, 400000, "2025-03-31"), "startDate"},  // before the referral was written
      {OfferBody(h.a.home, 400000, "2025-05-09"),
       "startDate"},  // latest start 2025-04-10 + 29 days
  };
  for (const Case& c : cases) {
    HttpReply reply = h.Do("POST", path, provider, c.body);
    EXPECT_EQ(reply.status, 422) << c.body << " -> " << reply.text;
    EXPECT_EQ(reply.body["error"]["field"], c.field) << reply.text;
  }
  EXPECT_EQ(h.Fingerprint(), before) << "a refused offer was stored";
  // At the limits, it is taken: the fee at the maximum, the start 28 days late.
  HttpReply ok =
      h.Do("POST", path, provider, OfferBody(h.a.home, kMaxWeeklyFee.value(), "2025-05-08"));
  EXPECT_EQ(ok.status, 201) << ok.text;
}

TEST(BoundedValuesTest, NoRecordCarriesAFeeOverTheLimitSoTheOverviewAlwaysAnswers) {
  ApiHarness h("sqlite", 8);
  PlacementId id = h.PlacementFor(h.a);
  Status s = h.store().Write([&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(Placement p, tx.Get<Placement>(id));
    p.weekly_fee = Pence(std::numeric_limits<std::int64_t>::max());
    return tx.Update(p);
  });
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "weeklyFee");
  s = h.store().Write([&](store::Tx& tx) -> Status {
    Contract c = examples::ExampleContract(h.a.provider, h.a.rcc);
    c.reference = "T-A-HUGE";
    c.fees = {{NeedBand::kStandard, Pence(kMaxWeeklyFee.value() + 1)}};
    return tx.Create(c).status();
  });
  EXPECT_EQ(s.field(), "fees[0].weeklyFee");
  for (int i = 0; i < 5; ++i) h.PlacementFor(h.a);
  HttpReply overview = h.Do("GET", "/api/national/overview", h.national_token);
  EXPECT_EQ(overview.status, 200) << overview.text;
}

}  // namespace
}  // namespace carecoop::testing
