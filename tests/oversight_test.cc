// Market oversight on both stores (services/oversight.cc): returns are
// stored whole or not at all and set the declared parent undertaking; a
// group in distress reaches stage 4 and its warning reaches the RCC whose
// child lives in its homes, and no other; the profit cap measures the
// regulated profit by hand; cases are opened, tracked and closed, audited;
// the failure scenario re-places the children living in the group's homes.
#include <gtest/gtest.h>

#include "store/audit_log.h"
#include "tests/support/api_harness.h"

namespace carecoop::testing {
namespace {

class OversightTest : public ::testing::TestWithParam<std::string> {};

// £1,000,000 revenue; £1,120,000 costs: a loss of 12%; debt £500,000, cash
// £50,000 (half a month of costs), interest £40,000 of which £10,000 to the
// owners; £20,000 rent to a related party whose market rent is £12,000.
FinancialReturn Distressed(ProviderGroupId group, int year) {
  FinancialReturn r;
  r.group = group;
  r.year = year;
  r.revenue = Pence::FromPounds(1'000'000);
  r.staff_costs = Pence::FromPounds(800'000);
  r.property_costs = Pence::FromPounds(100'000);
  r.related_party_rent = Pence::FromPounds(20'000);
  r.management_charges = Pence::FromPounds(50'000);
  r.other_costs = Pence::FromPounds(150'000);
  r.operating_profit = Pence::FromPounds(-120'000);
  r.market_rent = Pence::FromPounds(12'000);
  r.debt = Pence::FromPounds(500'000);
  r.connected_debt = Pence::FromPounds(100'000);
  r.interest = Pence::FromPounds(40'000);
  r.connected_interest = Pence::FromPounds(10'000);
  r.cash = Pence::FromPounds(50'000);
  r.capital_employed = Pence::FromPounds(600'000);
  return r;
}

TEST_P(OversightTest, ADistressedGroupIsStagedAndOnlyTheRccConcernedIsWarned) {
  ApiHarness h(GetParam(), 3);
  auto& wf = h.workflow();
  const auto& provider_a = h.a.users.at(Role::kProvider);
  // The provider files its group's return.
  auto filed = wf.SubmitFinancialReturns(provider_a, {Distressed(h.a.group, 2025)});
  ASSERT_TRUE(filed.ok()) << filed.status().ToString();
  // Not another group's.
  EXPECT_EQ(wf.SubmitFinancialReturns(provider_a, {Distressed(h.b.group, 2025)}).status().code(),
            StatusCode::kNotFound);

  // A return that does not add up, among good ones: refused whole.
  FinancialReturn wrong = Distressed(h.a.group, 2024);
  wrong.other_costs = Pence::FromPounds(151'000);
  const std::string before = h.Fingerprint();
  auto refused = wf.SubmitFinancialReturns(h.oversight, {Distressed(h.b.group, 2024), wrong});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().field(), "returns[1].operatingProfit");
  EXPECT_EQ(h.Fingerprint().substr(0, h.Fingerprint().find("audit_log")),
            before.substr(0, before.find("audit_log")));

  // Someone is placed in group P's home: a child of RCC A.
  (void)h.PlacementFor(h.a);
  auto groups = wf.ProviderGroups(h.oversight, std::nullopt);
  ASSERT_TRUE(groups.ok()) << groups.status().ToString();
  const services::GroupStanding* p = nullptr;
  for (const auto& s : *groups)
    if (s.group.id == h.a.group) p = &s;
  ASSERT_NE(p, nullptr);
  ASSERT_TRUE(p->risk);
  EXPECT_EQ(p->risk->stage, market::RiskStage::kFailureRisk);
  // Half a month of cash, debt with a loss, cover below 1, a loss of 12%.
  EXPECT_EQ(p->risk->severe.size(), 4u);
  // One of the two homes in the test's England: half the children's home places.
  EXPECT_TRUE(p->entry.in_scope);
  EXPECT_NEAR(p->entry.market_share, 0.5, 1e-12);
  EXPECT_EQ(p->children, 1);

  // Warnings: RCC A's commissioner sees the child as a count; RCC B's sees none.
  auto a = wf.RiskWarnings(h.a.users.at(Role::kCommissioner), h.a.rcc);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  ASSERT_EQ(a->size(), 1u);
  EXPECT_EQ((*a)[0].children, 1);
  ASSERT_EQ((*a)[0].councils.size(), 1u);
  EXPECT_EQ((*a)[0].councils[0].children, 1);
  ASSERT_EQ((*a)[0].homes.size(), 1u);
  auto b = wf.RiskWarnings(h.b.users.at(Role::kCommissioner), h.b.rcc);
  ASSERT_TRUE(b.ok());
  EXPECT_TRUE(b->empty());
  EXPECT_EQ(wf.RiskWarnings(h.b.users.at(Role::kCommissioner), h.a.rcc).status().code(),
            StatusCode::kNotFound);
  // The commissioner's register has no finances, but the stage at 4.
  auto own = wf.ProviderGroups(h.a.users.at(Role::kCommissioner), h.a.rcc);
  ASSERT_TRUE(own.ok());
  ASSERT_EQ(own->size(), 1u);
  EXPECT_FALSE((*own)[0].latest);
  ASSERT_TRUE((*own)[0].risk);

  // The profit cap at 10%: profit before tax -£160,000; + £8,000 rent above
  // the market's + £50,000 charges + £10,000 connected interest = -£92,000:
  // nothing to repay.
  auto cap = wf.ProfitCapOf(h.oversight, {market::ProfitCap::Kind::kMargin, 0.10, {}});
  ASSERT_TRUE(cap.ok()) << cap.status().ToString();
  bool found = false;
  for (const auto& row : cap->rows)
    if (row.group == h.a.group) {
      found = true;
      EXPECT_EQ(row.profit.profit, Pence::FromPounds(-92'000));
      EXPECT_EQ(row.outcome.excess, Pence(0));
    }
  EXPECT_TRUE(found);
  // Nor may a commissioner read it.
  EXPECT_EQ(wf.ProfitCapOf(h.a.users.at(Role::kCommissioner), {}).status().code(),
            StatusCode::kPermissionDenied);
}

TEST_P(OversightTest, AParentUndertakingIsDeclaredAndMayNotMakeAGroupOwnItself) {
  ApiHarness h(GetParam(), 3);
  auto& wf = h.workflow();
  // Group Q declares group P its parent undertaking.
  FinancialReturn q = Distressed(h.b.group, 2025);
  q.parent_company_number = "00000101";
  ASSERT_TRUE(wf.SubmitFinancialReturns(h.oversight, {q}).ok());
  auto detail = wf.ProviderGroupDetail(h.oversight, h.a.group);
  ASSERT_TRUE(detail.ok()) << detail.status().ToString();
  EXPECT_EQ(detail->children_groups, std::vector<std::string>{"Group Q plc"});
  EXPECT_EQ(detail->standing.homes, 2);  // its own and Q's
  // P naming Q now would make P own itself.
  FinancialReturn p = Distressed(h.a.group, 2025);
  p.parent_company_number = "00000102";
  auto loop = wf.SubmitFinancialReturns(h.oversight, {p});
  ASSERT_FALSE(loop.ok());
  EXPECT_EQ(loop.status().field(), "returns[0].parentCompanyNumber");
  p.parent_company_number = "00000101";
  EXPECT_EQ(wf.SubmitFinancialReturns(h.oversight, {p}).status().field(),
            "returns[0].parentCompanyNumber");
  // A resubmission for the same year replaces the return.
  q.cash = Pence::FromPounds(60'000);
  ASSERT_TRUE(wf.SubmitFinancialReturns(h.oversight, {q}).ok());
  auto returns = wf.FinancialReturns(h.oversight, h.b.group);
  ASSERT_TRUE(returns.ok());
  ASSERT_EQ(returns->size(), 1u);
  EXPECT_EQ((*returns)[0].cash, Pence::FromPounds(60'000));
}

TEST_P(OversightTest, ACaseIsOpenedTrackedAndClosedOnTheRecord) {
  ApiHarness h(GetParam(), 3);
  auto& wf = h.workflow();
  auto opened = wf.OpenOversightCase(h.oversight, h.a.group, OversightCaseKind::kBusinessReview,
                                     "stage 3: debt 6.2 times operating profit");
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ(
      wf.OpenOversightCase(h.oversight, h.a.group, OversightCaseKind::kBusinessReview, "again")
          .status()
          .code(),
      StatusCode::kConflict);
  EXPECT_EQ(wf.OpenOversightCase(h.a.users.at(Role::kProvider), h.a.group,
                                 OversightCaseKind::kBusinessReview, "mine")
                .status()
                .code(),
            StatusCode::kPermissionDenied);
  auto noted = wf.ChangeOversightCase(
      h.oversight, opened->id, opened->version,
      CaseEntry{CaseEntryKind::kMilestone, "Reviewer appointed", Date(2025, 5, 1), std::nullopt},
      std::nullopt);
  ASSERT_TRUE(noted.ok()) << noted.status().ToString();
  EXPECT_EQ(noted->entries.size(), 1u);
  // A stale version is refused.
  EXPECT_EQ(wf.ChangeOversightCase(h.oversight, opened->id, opened->version, std::nullopt,
                                   std::string("done"))
                .status()
                .field(),
            "version");
  auto closed = wf.ChangeOversightCase(h.oversight, opened->id, noted->version, std::nullopt,
                                       std::string("Recovery plan agreed"));
  ASSERT_TRUE(closed.ok()) << closed.status().ToString();
  EXPECT_FALSE(closed->open());
  // Three changes on the record.
  int audited = 0;
  ASSERT_TRUE(h.store()
                  .Read([&](store::Tx& tx) -> Status {
                    return store::ForEachAuditRecord(tx, [&](const store::AuditRecord& r) {
                      audited += r.action == "oversight_case.write";
                      return Status::Ok();
                    });
                  })
                  .ok());
  EXPECT_EQ(audited, 3);
}

TEST_P(OversightTest, IfAGroupFailsItsChildrenAreReplacedElsewhere) {
  ApiHarness h(GetParam(), 3);
  auto& wf = h.workflow();
  (void)h.PlacementFor(h.a);
  auto failure = wf.Failure(h.oversight, h.a.group);
  ASSERT_TRUE(failure.ok()) << failure.status().ToString();
  const services::Impact& i = failure->impact;
  EXPECT_EQ(i.homes_closing, 1);
  EXPECT_EQ(i.places_leaving, 3);
  EXPECT_EQ(i.children, 1);
  // Group Q's home, in RCC B, is the only other home: the child lands there
  // (within 20 miles of family or elsewhere), or nowhere; never within RCC A.
  EXPECT_EQ(i.landing[0] + i.landing[1] + i.landing[2] + i.landing[3], 1);
  EXPECT_EQ(i.landing[static_cast<std::size_t>(match::Landing::kWithinRcc)], 0);
  EXPECT_TRUE(i.proved_optimal);
  ASSERT_FALSE(i.by_rcc.empty());
  EXPECT_EQ(i.by_rcc[0].code, "T-A");
  EXPECT_EQ(wf.Failure(h.a.users.at(Role::kCommissioner), h.a.group).status().code(),
            StatusCode::kPermissionDenied);
}

INSTANTIATE_TEST_SUITE_P(Backends, OversightTest, ::testing::Values("sqlite", "postgresql"),
                         [](const ::testing::TestParamInfo<std::string>& p) { return p.param; });

}  // namespace
}  // namespace carecoop::testing
