// Money and provision on both stores. The weekly payments run
// (services/payments.cc): each
// placement paid once for its week, line by line; a second run of the week,
// even one started at the same moment, pays nothing again; a backdated end
// recovers what was overpaid from the next remittance; a block contract's
// empty places are paid as voids. Figures are worked from the harness's
// placement: a framework fee of £4,000 a week plus £200 staffing, £50
// education and £10 transport, from Wednesday 2 April 2025. Then the pooled
// budget (services/budget.cc) and the fostering funnel
// (services/recruitment.cc).
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
  // Spend is net of what was recovered (regression: it counted the
  // overpaid weeks in full).
  auto spend = h.workflow().SpendOf(commissioner, h.a.rcc, Date(2025, 1, 1), Date(2026, 1, 1));
  ASSERT_TRUE(spend.ok()) << spend.status().ToString();
  std::int64_t net = 0;
  for (const Payment& p : PaymentsOf(h, placement))
    if (p.status != PaymentStatus::kCancelled) net += p.amount.value() - p.recovered.value();
  EXPECT_EQ(spend->total.value(), net);
  EXPECT_EQ(net, 121'715) << "only the two days before the end are paid for";
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

// The pooled budget: a year's total divided by children in care adds up to
// the penny; a fixed split that does not sum to 100% is refused naming the
// shares, and nothing is stored; spend to date is the placement's fee for
// its days in the year so far.
TEST_P(PaymentsRunTest, ABudgetAddsUpAndASplitThatDoesNotIsRefusedWhole) {
  ApiHarness h(GetParam(), 3);
  h.PlacementFor(h.a);
  const auto& commissioner = h.a.users.at(Role::kCommissioner);
  // With no child in care yet, children in care cannot divide a budget.
  auto none = h.workflow().SetBudget(commissioner, h.a.rcc, 2025, Pence(100),
                                     ContributionBasis::kChildrenInCare, {});
  EXPECT_EQ(none.status().field(), "childrenInCare");
  h.Advance(std::chrono::hours(24 * 10));  // the child has moved in
  auto set = h.workflow().SetBudget(commissioner, h.a.rcc, 2025, Pence(100'000'001),
                                    ContributionBasis::kChildrenInCare, {});
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  EXPECT_TRUE(set->set);
  EXPECT_EQ(set->total.budget, Pence(100'000'001));
  std::int64_t lines = 0;
  auto count = [&] {
    EXPECT_TRUE(h.store()
                    .Read([&](store::Tx& tx) -> Status {
                      CC_ASSIGN_OR_RETURN(lines, tx.Count<BudgetLine>());
                      return Status::Ok();
                    })
                    .ok());
    return lines;
  };
  const std::int64_t stored = count();
  EXPECT_EQ(stored, static_cast<std::int64_t>(set->councils.size()));
  auto bad = h.workflow().SetBudget(commissioner, h.a.rcc, 2026, Pence(100),
                                    ContributionBasis::kFixedSplit, {{h.a.council, 9'000}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().field(), "shares");
  EXPECT_EQ(count(), stored) << "nothing stored";
  // Spend to 1 June 2025: 60 days of £4,260 a week = 3,651,428.6p.
  auto b = h.workflow().BudgetOf(commissioner, h.a.rcc, 2025, Date(2025, 6, 1));
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ(b->total.spend_to_date, Pence(3'651'429));
  // Forecast: that, the 304 days left at the same fee, and the starts expected.
  EXPECT_GE(b->total.forecast.value(), 3'651'429 + 426'000 * 304 / 7);
  EXPECT_EQ(b->total.variance.value(), b->total.forecast.value() - b->total.budget.value());
  // Over HTTP: a bad basis and a bad year name their fields.
  const std::string path = "/api/rccs/" + std::to_string(h.a.rcc.value()) + "/budget";
  const std::string token = h.SignIn(commissioner.username);  // the clock moved on
  EXPECT_EQ(h.Do("POST", path, token, {{"year", 2025}, {"total", 100}, {"basis", "vibes"}})
                .body["error"]["field"],
            "basis");
  EXPECT_EQ(h.Do("GET", path + "?year=twenty", token).body["error"]["field"], "year");
  HttpReply got = h.Do("GET", path + "?year=2025", token);
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.body["total"]["budget"], 100'000'001);
}

TEST_P(PaymentsRunTest, TheFosteringFunnelCountsEachStageReached) {
  ApiHarness h(GetParam(), 3);
  ProviderId service;
  ASSERT_TRUE(h.store()
                  .Write([&](store::Tx& tx) -> Status {
                    Provider p{.name = "Council fostering",
                               .ownership = Ownership::kCouncil,
                               .council = h.a.council};
                    CC_ASSIGN_OR_RETURN(service, tx.Create(p));
                    const Date d(2024, 6, 1);
                    for (int i = 0; i < 4; ++i) {
                      CarerApplication a{
                          .provider = service, .council = h.a.council, .enquiry = d.AddDays(i)};
                      if (i < 2) a.application = d.AddDays(40 + i);
                      if (i < 1) a.assessment = d.AddDays(80);
                      CC_RETURN_IF_ERROR(tx.Create(a).status());
                    }
                    CarerApplication bad{.provider = service,
                                         .council = h.a.council,
                                         .enquiry = d,
                                         .approval = d.AddDays(1)};
                    EXPECT_EQ(tx.Create(bad).status().field(), "approval");
                    return Status::Ok();
                  })
                  .ok());
  HttpReply r = h.Do(
      "GET",
      "/api/rccs/" + std::to_string(h.a.rcc.value()) + "/fostering?from=2024-04-01&to=2025-04-01",
      h.a.tokens[Role::kCommissioner]);
  ASSERT_EQ(r.status, 200) << r.text;
  EXPECT_EQ(r.body["funnel"][0]["reached"], 4);
  EXPECT_EQ(r.body["funnel"][1]["reached"], 2);
  EXPECT_EQ(r.body["funnel"][1]["conversion"], 0.5);
  EXPECT_EQ(r.body["funnel"][2]["reached"], 1);
  EXPECT_EQ(r.body["funnel"][3]["reached"], 0);
  EXPECT_EQ(h.Do("GET",
                 "/api/rccs/" + std::to_string(h.a.rcc.value()) +
                     "/fostering?from=2025-04-01&to=2024-04-01",
                 h.a.tokens[Role::kCommissioner])
                .body["error"]["field"],
            "to");
}

// A contract that does not add up is refused naming the field, and nothing
// is stored: a negative fee, a block reserving more places than its homes
// have, a term overlapping the provider's framework on the same route. A
// contract moves only along its lifecycle; an inherited one takes a decision.
TEST_P(PaymentsRunTest, AContractThatDoesNotAddUpIsRefusedByFieldAndNothingIsStored) {
  ApiHarness h(GetParam(), 3);
  const std::string path = "/api/rccs/" + std::to_string(h.a.rcc.value()) + "/contracts";
  const auto& token = h.a.tokens[Role::kCommissioner];
  const std::string before = h.Fingerprint();
  auto refused = [&](json body, const std::string& field) {
    HttpReply r = h.Do("POST", path, token, body);
    EXPECT_EQ(r.status, 422) << r.text;
    EXPECT_EQ(r.body["error"]["field"], field) << r.text;
  };
  json block = {{"providerId", h.a.provider.value()},
                {"type", "block"},
                {"reference", "GM-BLOCK-9"},
                {"startDate", "2025-04-01"},
                {"endDate", "2030-03-31"},
                {"fees", {{{"band", "standard"}, {"weeklyFee", 400000}}}},
                {"blockPlaces", 4},
                {"blockHomes", {h.a.home.value()}}};
  refused(block, "blockPlaces");  // the home has 3 places
  json negative = block;
  negative["fees"][0]["weeklyFee"] = -1;
  refused(negative, "fees[0].weeklyFee");
  json long_block = block;
  long_block["endDate"] = "2036-01-01";
  refused(long_block, "endDate");
  json overlapping = {{"providerId", h.a.provider.value()},
                      {"type", "framework"},
                      {"reference", "GM-FW-2"},
                      {"startDate", "2025-06-01"},
                      {"fees", {{{"band", "standard"}, {"weeklyFee", 410000}}}}};
  refused(overlapping, "startDate");  // the harness's framework runs on
  auto head = [](const std::string& f) { return f.substr(0, f.find("audit_log")); };
  EXPECT_EQ(head(h.Fingerprint()), head(before)) << "nothing stored";
  block["blockPlaces"] = 2;
  HttpReply made = h.Do("POST", path, token, block);
  ASSERT_EQ(made.status, 201) << made.text;
  const std::string contract = "/api/contracts/" + std::to_string(made.body["id"].get<int>());
  // Lifecycle: in force to draft is refused; terminated is allowed, once.
  HttpReply back = h.Do("PATCH", contract, token, {{"version", 1}, {"status", "draft"}});
  EXPECT_EQ(back.body["error"]["field"], "status") << back.text;
  HttpReply decided = h.Do("PATCH", contract, token, {{"version", 1}, {"decision", "keep"}});
  EXPECT_EQ(decided.body["error"]["field"], "decision") << "not inherited";
  HttpReply ended = h.Do("PATCH", contract, token, {{"version", 1}, {"status", "terminated"}});
  ASSERT_EQ(ended.status, 200) << ended.text;
  EXPECT_EQ(ended.body["status"], "terminated");
  EXPECT_EQ(h.Do("PATCH", contract, token, {{"version", 1}, {"status", "terminated"}}).status, 409)
      << "a stale version";
  // Another RCC's commissioner cannot see it to change it.
  EXPECT_EQ(h.Do("PATCH", contract, h.b.tokens[Role::kCommissioner],
                 {{"version", 2}, {"status", "expired"}})
                .status,
            404);
}

TEST_P(PaymentsRunTest, JointFundersAreInvoicedTheirShareOfWhatWasPaid) {
  ApiHarness h(GetParam(), 3);
  PlacementId placement = h.PlacementFor(h.a);
  auto& wf = h.workflow();
  const auto& commissioner = h.a.users.at(Role::kCommissioner);
  // Health pays 30% and education 20% of the £4,260 a week.
  auto funded = wf.SetFundingShares(commissioner, placement, 1, 3'000, 2'000);
  ASSERT_TRUE(funded.ok()) << funded.status().ToString();
  EXPECT_EQ(wf.SetFundingShares(commissioner, placement, 1, 3'000, 2'000).status().field(),
            "version");
  EXPECT_EQ(
      wf.SetFundingShares(commissioner, placement, funded->version, 6'000, 5'000).status().field(),
      "educationShareBp");
  EXPECT_EQ(wf.SetFundingShares(h.b.users.at(Role::kCommissioner), placement, funded->version, 0, 0)
                .status()
                .code(),
            StatusCode::kNotFound);
  ASSERT_TRUE(wf.RunPayments(commissioner, h.a.rcc, Date(2025, 3, 31)).ok());
  ASSERT_TRUE(wf.RunPayments(commissioner, h.a.rcc, Date(2025, 4, 7)).ok());
  auto inv = wf.InvoicesOf(commissioner, h.a.rcc, Date(2025, 3, 31), Date(2025, 4, 14));
  ASSERT_TRUE(inv.ok()) << inv.status().ToString();
  ASSERT_EQ(inv->invoices.size(), 2u);
  const auto& health = inv->invoices[0];
  EXPECT_EQ(health.invoice.payer, market::Payer::kHealth);
  EXPECT_EQ(health.invoice.council, h.a.council);
  ASSERT_EQ(health.invoice.lines.size(), 2u) << "two weeks paid";
  EXPECT_EQ(health.invoice.total, Pence(2 * 127'800));
  EXPECT_EQ(inv->invoices[1].invoice.total, Pence(2 * 85'200));
  EXPECT_EQ(inv->total, Pence(2 * (127'800 + 85'200)));
  // Weeks not yet paid are not invoiced.
  auto later = wf.InvoicesOf(commissioner, h.a.rcc, Date(2025, 4, 14), Date(2025, 6, 1));
  ASSERT_TRUE(later.ok());
  EXPECT_TRUE(later->invoices.empty());
  EXPECT_EQ(
      wf.InvoicesOf(h.a.users.at(Role::kHubOfficer), h.a.rcc, Date(2025, 3, 31), Date(2025, 4, 14))
          .status()
          .code(),
      StatusCode::kPermissionDenied);
}

INSTANTIATE_TEST_SUITE_P(Backends, PaymentsRunTest, ::testing::Values("sqlite", "postgresql"),
                         [](const ::testing::TestParamInfo<std::string>& p) { return p.param; });

}  // namespace
}  // namespace carecoop::testing
