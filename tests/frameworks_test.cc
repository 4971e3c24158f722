// Frameworks and DPS on both stores (services/frameworks.cc): an RCC lets a
// framework with lots, admits a provider only on its start or reopening
// dates, and a placement booked with that provider is then priced at the
// lot's fee; the provider sees its own contracts and admissions, and no
// other's; a refused admission stores nothing.
#include <gtest/gtest.h>

#include "tests/support/api_harness.h"

namespace carecoop::testing {
namespace {

class FrameworksTest : public ::testing::TestWithParam<std::string> {};

Framework ResidentialFramework() {
  Framework f;
  f.route = ContractType::kFramework;
  f.reference = "NW-FW-2025";
  f.title = "North West children's homes framework";
  f.start = Date(2025, 1, 1);
  f.end = Date(2028, 12, 31);
  f.reopenings = {Date(2025, 6, 2), Date(2026, 6, 1)};
  f.lots = {
      {"CH-STD", "Children's homes, standard", Setting::kChildrensHome, NeedBand::kStandard, 0, 17},
      {"CH-ENH", "Children's homes, enhanced", Setting::kChildrensHome, NeedBand::kEnhanced, 0,
       17}};
  f.uplift_cap_bp = 400;
  f.status = ContractStatus::kInForce;
  return f;
}

TEST_P(FrameworksTest, AnAdmissionOnAnAdmissionDayPricesThePlacementAtItsLotsFee) {
  ApiHarness h(GetParam(), 3);
  auto& wf = h.workflow();
  const auto& commissioner = h.a.users.at(Role::kCommissioner);
  auto fw = wf.CreateFramework(commissioner, h.a.rcc, ResidentialFramework());
  ASSERT_TRUE(fw.ok()) << fw.status().ToString();
  EXPECT_EQ(fw->rcc, h.a.rcc);
  // The same reference twice is refused by name.
  EXPECT_EQ(wf.CreateFramework(commissioner, h.a.rcc, ResidentialFramework()).status().field(),
            "reference");

  // Between reopenings: refused, naming the next admission day; nothing stored.
  const std::vector<market::LotFee> lots = {{"CH-STD", Pence(450'000)}};
  const std::string before = h.Fingerprint();
  auto early = wf.Admit(commissioner, fw->id, h.a.provider, Date(2025, 3, 3), lots);
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.status().field(), "admittedOn");
  EXPECT_NE(early.status().message().find("2025-06-02"), std::string::npos);
  EXPECT_EQ(h.Fingerprint().substr(0, h.Fingerprint().find("audit_log")),
            before.substr(0, before.find("audit_log")));
  // Another RCC's commissioner cannot see it to admit anyone.
  EXPECT_EQ(
      wf.Admit(h.b.users.at(Role::kCommissioner), fw->id, h.b.provider, Date(2025, 1, 1), lots)
          .status()
          .code(),
      StatusCode::kNotFound);

  auto admitted = wf.Admit(commissioner, fw->id, h.a.provider, Date(2025, 1, 1), lots);
  ASSERT_TRUE(admitted.ok()) << admitted.status().ToString();
  EXPECT_EQ(admitted->framework, fw->id);
  EXPECT_EQ(admitted->type, ContractType::kFramework);
  EXPECT_EQ(admitted->end, Date(2028, 12, 31));
  ASSERT_EQ(admitted->fees.size(), 1u);
  EXPECT_EQ(admitted->fees[0].lot, "CH-STD");
  // Once admitted, not again.
  EXPECT_EQ(wf.Admit(commissioner, fw->id, h.a.provider, Date(2025, 6, 2), lots).status().field(),
            "providerId");

  // The harness's own framework contract ends; the next booking uses the lot:
  // £4,500 for the core, plus the offer's £200 staffing, £50 education, £10 transport.
  auto register_rows = wf.ContractRegister(commissioner, h.a.rcc, Date(2025, 1, 1));
  ASSERT_TRUE(register_rows.ok());
  for (const auto& row : *register_rows) {
    if (row.contract.framework) continue;
    ASSERT_TRUE(wf.ChangeContract(commissioner, row.contract.id, row.contract.version,
                                  ContractStatus::kTerminated, std::nullopt)
                    .ok());
  }
  PlacementId placement = h.PlacementFor(h.a);
  Placement p;
  ASSERT_TRUE(h.store()
                  .Read([&](store::Tx& tx) -> Status {
                    CC_ASSIGN_OR_RETURN(p, tx.Get<Placement>(placement));
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(p.contract, admitted->id);
  EXPECT_EQ(p.weekly_fee, Pence(450'000 + 20'000 + 5'000 + 1'000));

  // The register of frameworks: one admission, the next admission day from a day.
  auto rows = wf.Frameworks(h.a.users.at(Role::kHubOfficer), h.a.rcc, Date(2025, 7, 1));
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ(rows->front().next_admission, Date(2026, 6, 1));
  ASSERT_EQ(rows->front().admissions.size(), 1u);
  EXPECT_EQ(rows->front().admissions[0].contract.id, admitted->id);
  EXPECT_EQ(
      wf.Frameworks(h.b.users.at(Role::kCommissioner), h.a.rcc, Date(2025, 7, 1)).status().code(),
      StatusCode::kNotFound);
  // A hub officer may read the frameworks but not let one.
  EXPECT_EQ(wf.CreateFramework(h.a.users.at(Role::kHubOfficer), h.a.rcc, ResidentialFramework())
                .status()
                .code(),
            StatusCode::kPermissionDenied);
}

TEST_P(FrameworksTest, AProviderSeesItsOwnContractsAndAdmissionsOnly) {
  ApiHarness h(GetParam(), 3);
  auto& wf = h.workflow();
  const auto& commissioner = h.a.users.at(Role::kCommissioner);
  auto fw = wf.CreateFramework(commissioner, h.a.rcc, ResidentialFramework());
  ASSERT_TRUE(fw.ok());
  ASSERT_TRUE(
      wf.Admit(commissioner, fw->id, h.a.provider, Date(2025, 1, 1), {{"CH-ENH", Pence(520'000)}})
          .ok());
  auto mine = wf.ProviderContracts(h.a.users.at(Role::kProvider), Date(2025, 2, 1));
  ASSERT_TRUE(mine.ok()) << mine.status().ToString();
  ASSERT_EQ(mine->size(), 2u) << "the harness's contract and the admission";
  int admissions = 0;
  for (const auto& c : *mine) {
    EXPECT_EQ(c.contract.provider, h.a.provider);
    if (c.contract.framework) {
      ++admissions;
      EXPECT_EQ(c.framework, "North West children's homes framework");
      EXPECT_EQ(c.standard_fee_now, Pence(520'000)) << "no uplift before the first anniversary";
    }
  }
  EXPECT_EQ(admissions, 1);
  auto theirs = wf.ProviderContracts(h.b.users.at(Role::kProvider), Date(2025, 2, 1));
  ASSERT_TRUE(theirs.ok());
  for (const auto& c : *theirs) EXPECT_EQ(c.contract.provider, h.b.provider);
  EXPECT_EQ(wf.ProviderContracts(commissioner, Date(2025, 2, 1)).status().code(),
            StatusCode::kPermissionDenied);
}

INSTANTIATE_TEST_SUITE_P(Backends, FrameworksTest, ::testing::Values("sqlite", "postgresql"),
                         [](const ::testing::TestParamInfo<std::string>& p) { return p.param; });

}  // namespace
}  // namespace carecoop::testing
