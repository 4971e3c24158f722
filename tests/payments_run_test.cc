// The weekly payments run on both stores (services/payments.cc): each
// placement paid once for its week, line by line; a second run of the week,
// even one started at the same moment, pays nothing again; a backdated end
// recovers what was overpaid from the next remittance; a block contract's
// empty places are paid as voids. Figures are worked from the harness's
// placement: a framework fee of £4,000 a week plus £200 staffing, £50
// education and £10 transport, from Wednesday 2 April 2025.
#include <gtest/gtest.h>

#include <thread>

#include "tests/support/api_harness.h"

namespace carecoop::testing {
namespace {

class PaymentsRunTest : public ::testing::TestWithParam<std::string> {};

std::vector<Payment> PaymentsOf(ApiHarness& h, PlacementId id) {
  std::vector<Payment> out;
  EXPECT_TRUE(h.store()
                  .Read([&](store::Tx& tx) -> Status {
                    CC_ASSIGN_OR_RETURN(out, tx.ListBy<Payment>(id));
                    return Status::Ok();
                  })
                  .ok());
  return out;
}

TEST_P(PaymentsRunTest, EachPlacementIsPaidOnceForItsWeekLineByLine) {
  ApiHarness h(GetParam(), 3);
  PlacementId placement = h.PlacementFor(h.a);
  const auto& commissioner = h.a.users.at(Role::kCommissioner);
  auto run = h.workflow().RunPayments(commissioner, h.a.rcc, Date(2025, 3, 31));
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  EXPECT_FALSE(run->already_run);
  EXPECT_EQ(run->run.placements_paid, 1);
  EXPECT_EQ(run->run.paid, Pence(426'000));
  auto payments = PaymentsOf(h, placement);
  const Payment& first = payments.front();
  EXPECT_EQ(first.week_start, Date(2025, 4, 2));
  EXPECT_EQ(first.status, PaymentStatus::kPaid);
  EXPECT_EQ(first.run, run->run.id);
  EXPECT_EQ(first.core, Pence(400'000));
  EXPECT_EQ(first.staffing, Pence(20'000));
  EXPECT_EQ(first.education, Pence(5'000));
  EXPECT_EQ(first.transport, Pence(1'000));
  for (std::size_t i = 1; i < payments.size(); ++i)
    EXPECT_EQ(payments[i].status, PaymentStatus::kScheduled) << "later weeks wait for their run";
  // The same week again: nothing more is paid, the first run answers.
  const std::string before = h.Fingerprint();
  auto again = h.workflow().RunPayments(commissioner, h.a.rcc, Date(2025, 3, 31));
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_TRUE(again->already_run);
  EXPECT_EQ(again->run.id, run->run.id);
  EXPECT_EQ(h.Fingerprint().substr(0, h.Fingerprint().find("audit_log")),
            before.substr(0, before.find("audit_log")));
  // Another RCC's commissioner may not run this RCC's payments.
  auto refused =
      h.workflow().RunPayments(h.b.users.at(Role::kCommissioner), h.a.rcc, Date(2025, 4, 7));
  EXPECT_EQ(refused.status().code(), StatusCode::kNotFound);
}

TEST_P(PaymentsRunTest, TwoRunsOfOneWeekStartedTogetherPayOnce) {
  ApiHarness h(GetParam(), 3);
  h.PlacementFor(h.a);
  const auto& commissioner = h.a.users.at(Role::kCommissioner);
  std::vector<Result<services::PaymentRunOutcome>> results(2, Status::Ok());
  std::vector<std::thread> threads;
  for (int i = 0; i < 2; ++i)
    threads.emplace_back([&, i] {
      results[static_cast<std::size_t>(i)] =
          h.workflow().RunPayments(commissioner, h.a.rcc, Date(2025, 4, 7));
    });
  for (auto& t : threads) t.join();
  int made = 0, answered = 0;
  for (const auto& r : results) {
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    (r->already_run ? answered : made) += 1;
  }
  EXPECT_EQ(made, 1);
  EXPECT_EQ(answered, 1);
  EXPECT_EQ(results[0]->run.id, results[1]->run.id);
  std::int64_t runs = 0, paid = 0;
  ASSERT_TRUE(h.store()
                  .Read([&](store::Tx& tx) -> Status {
                    CC_ASSIGN_OR_RETURN(runs, tx.Count<PaymentRun>());
                    CC_ASSIGN_OR_RETURN(auto all, tx.List<Payment>());
                    for (const Payment& p : all) paid += p.status == PaymentStatus::kPaid;
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(runs, 1);
  EXPECT_EQ(paid, 1);
}

TEST_P(PaymentsRunTest, ABackdatedEndIsRecoveredFromTheNextRemittance) {
  ApiHarness h(GetParam(), 3);
  PlacementId placement = h.PlacementFor(h.a);
  const auto& commissioner = h.a.users.at(Role::kCommissioner);
  ASSERT_TRUE(h.workflow().RunPayments(commissioner, h.a.rcc, Date(2025, 3, 31)).ok());
  ASSERT_TRUE(h.workflow().RunPayments(commissioner, h.a.rcc, Date(2025, 4, 7)).ok());
  // Recorded later: the child left on Friday 4 April, two days into the first week.
  auto ended = h.workflow().EndPlacement(h.a.users.at(Role::kHubOfficer), placement,
                                         {Date(2025, 4, 4), "CHILD", ""});
  ASSERT_TRUE(ended.ok()) << ended.status().ToString();
  auto payments = PaymentsOf(h, placement);
  // Week 1: 5/7 of each line back: 285,714 + 14,286 + 3,571 + 714 = 304,285.
  EXPECT_EQ(payments[0].recovered, Pence(304'285));
  EXPECT_EQ(payments[1].recovered, Pence(426'000));  // week 2, all of it
  EXPECT_EQ(payments[2].status, PaymentStatus::kCancelled);
  auto next = h.workflow().RunPayments(commissioner, h.a.rcc, Date(2025, 4, 14));
  ASSERT_TRUE(next.ok()) << next.status().ToString();
  EXPECT_EQ(next->run.recovered, Pence(730'285));
  EXPECT_EQ(next->run.placements_paid, 0);
  // The provider's remittance for that run deducts it.
  auto remittances = h.workflow().Remittances(h.a.users.at(Role::kProvider));
  ASSERT_TRUE(remittances.ok()) << remittances.status().ToString();
  ASSERT_EQ(remittances->size(), 3u);
  EXPECT_EQ(remittances->front().run, next->run.id);
  EXPECT_EQ(remittances->front().total, Pence(-730'285));
  EXPECT_EQ(remittances->back().total, Pence(426'000));
  // A further run deducts nothing again.
  auto later = h.workflow().RunPayments(commissioner, h.a.rcc, Date(2025, 4, 21));
  ASSERT_TRUE(later.ok());
  EXPECT_EQ(later->run.recovered, Pence(0));
}

TEST_P(PaymentsRunTest, ABlocksEmptyPlacesArePaidAsVoids) {
  ApiHarness h(GetParam(), 3);
  ASSERT_TRUE(h.store()
                  .Write([&](store::Tx& tx) -> Status {
                    Contract c;
                    c.provider = h.a.provider;
                    c.rcc = h.a.rcc;
                    c.type = ContractType::kBlock;
                    c.reference = "BLOCK-1";
                    c.start = Date(2025, 1, 1);
                    c.end = Date(2027, 12, 31);
                    c.fees = {{NeedBand::kStandard, Pence(380'000)}};
                    c.block_places = 2;
                    c.block_homes = {h.a.home};
                    c.uplift_cap_bp = 500;
                    return tx.Create(c).status();
                  })
                  .ok());
  h.PlacementFor(h.a);  // priced under the block: one of its two places used
  auto run =
      h.workflow().RunPayments(h.a.users.at(Role::kCommissioner), h.a.rcc, Date(2025, 3, 31));
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  ASSERT_EQ(run->blocks.size(), 1u);
  EXPECT_EQ(run->blocks[0].reserved, 2);
  EXPECT_EQ(run->blocks[0].used, 1);
  EXPECT_EQ(run->blocks[0].voids, 1);
  EXPECT_EQ(run->blocks[0].void_cost, Pence(380'000));
  EXPECT_EQ(run->run.voids, Pence(380'000));
  EXPECT_EQ(run->run.paid, Pence(380'000 + 26'000));
  // After the first anniversary (1 Jan 2026, CPI 2026 capped at 5%: 2%):
  // the void is paid at the uplifted fee, £3,876.
  auto year_on =
      h.workflow().RunPayments(h.a.users.at(Role::kCommissioner), h.a.rcc, Date(2026, 1, 5));
  ASSERT_TRUE(year_on.ok()) << year_on.status().ToString();
  ASSERT_EQ(year_on->blocks.size(), 1u);
  EXPECT_EQ(year_on->blocks[0].void_cost, Pence(387'600));
}

TEST_P(PaymentsRunTest, ARunOverHttpAnswers201Then200AndRefusesABadWeek) {
  ApiHarness h(GetParam(), 3);
  h.PlacementFor(h.a);
  const std::string path = "/api/rccs/" + std::to_string(h.a.rcc.value()) + "/payment-runs";
  const auto& token = h.a.tokens[Role::kCommissioner];
  EXPECT_EQ(h.Do("POST", path, token, {{"weekFrom", "2025-03-31"}}).status, 201);
  HttpReply again = h.Do("POST", path, token, {{"weekFrom", "2025-03-31"}});
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(again.body["alreadyRun"], true);
  HttpReply bad = h.Do("POST", path, token, {{"weekFrom", "2025-02-30"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.body["error"]["field"], "weekFrom");
  HttpReply list = h.Do("GET", path, token);
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.body.size(), 1u);
  HttpReply remittances = h.Do("GET", "/api/provider/remittances", h.a.tokens[Role::kProvider]);
  ASSERT_EQ(remittances.status, 200);
  ASSERT_EQ(remittances.body.size(), 1u);
  EXPECT_EQ(remittances.body[0]["total"], 426'000);
  EXPECT_EQ(remittances.body[0]["lines"][0]["staffing"], 20'000);
  EXPECT_EQ(h.Do("GET", "/api/provider/remittances", h.b.tokens[Role::kProvider]).body.size(), 0u)
      << "another provider sees none of it";
}

INSTANTIATE_TEST_SUITE_P(Backends, PaymentsRunTest, ::testing::Values("sqlite", "postgresql"),
                         [](const ::testing::TestParamInfo<std::string>& p) { return p.param; });

}  // namespace
}  // namespace carecoop::testing
