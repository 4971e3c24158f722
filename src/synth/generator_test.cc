#include "synth/generator.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "synth/calibration.h"
#include "tests/support/test_stores.h"

namespace carecoop::synth {
namespace {

// Everything a store holds, read back in the shape the generator builds.
using Everything = England;

Everything ReadAll(store::Store& store) {
  auto e = ReadEngland(store);
  EXPECT_TRUE(e.ok()) << e.status().ToString();
  return e.ok() ? *std::move(e) : Everything{};
}

GenerateSummary GenerateInto(store::Store& store, GenerateOptions options) {
  auto summary = Generate(store, options);
  EXPECT_TRUE(summary.ok()) << summary.status().ToString();
  return summary.ok() ? *summary : GenerateSummary{};
}

double Median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

TEST(GeneratorTest, RegionScaleWritesOneRccOfSevenToTenCouncils) {
  auto store = testing::FreshStore("sqlite");
  GenerateSummary s = GenerateInto(*store, {.scale = Scale::kRegion, .seed = 7});
  Everything e = ReadAll(*store);
  ASSERT_EQ(e.rccs.size(), 1u);
  EXPECT_EQ(e.rccs[0].code, "NW-GM");
  EXPECT_EQ(e.councils.size(), 10u);
  EXPECT_EQ(e.rccs[0].member_councils.size(), 10u);
  EXPECT_EQ(static_cast<int>(e.homes.size()), s.homes);
  EXPECT_EQ(static_cast<int>(e.children.size()), s.children);
  EXPECT_EQ(static_cast<int>(e.referrals.size()), s.open_referrals);
  EXPECT_GT(s.open_referrals, 50);
  EXPECT_GT(s.vacancies, 100);
  // Every child in care has exactly one open placement; every placement's
  // council is its child's.
  std::unordered_map<std::int64_t, int> open;
  std::unordered_map<std::int64_t, CouncilId> council_of;
  for (const auto& c : e.children) council_of[c.id.value()] = c.council;
  for (const auto& p : e.placements) {
    if (!p.end) ++open[p.child.value()];
    EXPECT_EQ(p.council, council_of[p.child.value()]);
  }
  for (const auto& c : e.children)
    EXPECT_EQ(open[c.id.value()], c.care_ended ? 0 : 1) << "child " << c.pseudonym;
}

TEST(GeneratorTest, NoHomeHoldsMoreChildrenThanItsPlaces) {
  auto store = testing::FreshStore("sqlite");
  GenerateInto(*store, {.scale = Scale::kRegion, .seed = 3, .rcc = "SW-1"});
  Everything e = ReadAll(*store);
  std::unordered_map<std::int64_t, int> occupied;
  for (const auto& p : e.placements)
    if (!p.end && p.home) ++occupied[p.home->value()];
  for (const auto& h : e.homes) {
    EXPECT_LE(occupied[h.id.value()], h.registered_places) << h.name;
    if (h.solo_only) {
      EXPECT_LE(occupied[h.id.value()], 1) << h.name;
    }
  }
  // A vacancy is only ever offered where a place is free.
  std::unordered_map<std::int64_t, int> vacancies;
  for (const auto& v : e.vacancies) ++vacancies[v.home.value()];
  for (const auto& h : e.homes)
    EXPECT_LE(occupied[h.id.value()] + vacancies[h.id.value()], h.registered_places) << h.name;
}

TEST(GeneratorTest, SameSeedGivesTheSameEnglandAndAnotherSeedAnother) {
  auto a = testing::FreshStore("sqlite");
  auto b = testing::FreshStore("sqlite");
  auto c = testing::FreshStore("sqlite");
  GenerateInto(*a, {.scale = Scale::kRegion, .seed = 42, .rcc = "NE-1"});
  GenerateInto(*b, {.scale = Scale::kRegion, .seed = 42, .rcc = "NE-1"});
  GenerateInto(*c, {.scale = Scale::kRegion, .seed = 43, .rcc = "NE-1"});
  Everything ea = ReadAll(*a), eb = ReadAll(*b), ec = ReadAll(*c);
  EXPECT_EQ(ea.homes, eb.homes);
  EXPECT_EQ(ea.children, eb.children);
  EXPECT_EQ(ea.placements, eb.placements);
  EXPECT_EQ(ea.contracts, eb.contracts);
  EXPECT_EQ(ea.referrals, eb.referrals);
  EXPECT_EQ(ea.vacancies, eb.vacancies);
  EXPECT_NE(ea.children, ec.children);
  EXPECT_NE(ea.homes, ec.homes);
}

TEST(GeneratorTest, UnknownRccIsRejectedNamingTheField) {
  auto store = testing::FreshStore("sqlite");
  auto s = Generate(*store, {.scale = Scale::kRegion, .rcc = "XX-9"});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.status().field(), "rcc");
  EXPECT_NE(s.status().message().find("NW-GM"), std::string::npos) << "lists the RCCs there are";
}

TEST(GeneratorTest, GeneratingIntoAStoreWithDataFailsAndChangesNothing) {
  auto store = testing::FreshStore("sqlite");
  GenerateInto(*store, {.scale = Scale::kRegion, .seed = 1, .rcc = "EM-1"});
  Everything before = ReadAll(*store);
  auto again = Generate(*store, {.scale = Scale::kRegion, .seed = 2, .rcc = "EM-1"});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().field(), "store");
  Everything after = ReadAll(*store);
  EXPECT_EQ(before.children, after.children);
  EXPECT_EQ(before.placements, after.placements);
  EXPECT_EQ(before.homes, after.homes);
}

// The same generator writes through the Store interface to PostgreSQL.
TEST(GeneratorTest, WritesToPostgresqlToo) {
  auto pg = testing::FreshStore("postgresql");
  auto lite = testing::FreshStore("sqlite");
  GenerateInto(*pg, {.scale = Scale::kRegion, .seed = 5, .rcc = "EE-1"});
  GenerateInto(*lite, {.scale = Scale::kRegion, .seed = 5, .rcc = "EE-1"});
  Everything a = ReadAll(*pg), b = ReadAll(*lite);
  EXPECT_EQ(a.homes, b.homes);
  EXPECT_EQ(a.children, b.children);
  EXPECT_EQ(a.placements, b.placements);
  EXPECT_EQ(a.referrals, b.referrals);
}

// The foundation issue's bar: at national scale every figure the generator
// targets lands within 5% of its published value, computed from the store,
// for any seed. Finding 6 of issue 15: seed 1 held, but seeds 3 and 11 left
// the £10,000-a-week tail 7-8% short, and the outside-council share and the
// annual spend (not targeted then) were 17% and 7-8% off. The tail's count is
// now exact by construction, and the other two are targeted.
class NationalScale : public ::testing::TestWithParam<std::uint64_t> {};

TEST_P(NationalScale, HitsEveryTargetedFigureWithinFivePercent) {
  auto store = testing::FreshStore("sqlite");
  GenerateSummary s = GenerateInto(*store, {.scale = Scale::kNational, .seed = GetParam()});
  EXPECT_EQ(s.councils, 153);
  EXPECT_EQ(s.rccs, 20);
  EXPECT_EQ(s.regions, 9);
  auto calibration = Calibrate(*store, Date(2025, 3, 31));
  ASSERT_TRUE(calibration.ok()) << calibration.status().ToString();
  int targeted = 0;
  for (const auto& row : calibration->rows) {
    if (!row.figure->targeted) continue;
    ++targeted;
    EXPECT_LE(std::abs(row.DifferencePercent()), 5.0)
        << row.figure->name << ": published " << row.published << ", generated " << row.generated;
  }
  EXPECT_GE(targeted, 47);
  for (const auto& row : calibration->rows) {
    if (row.figure->key == "high_cost") {
      EXPECT_EQ(row.generated, row.published);
    }
    if (row.figure->key == "spend" || row.figure->key == "stock_outside_la") {
      EXPECT_LE(std::abs(row.DifferencePercent()), 1.0) << row.figure->name;
    }
  }

  // Fees are heavy-tailed: children's homes' median about £5,000-6,000 a
  // week with a tail past £10,000; agency foster care about £800-1,000;
  // council foster care lower.
  Everything e = ReadAll(*store);
  std::unordered_map<std::int64_t, const Home*> home;
  std::unordered_map<std::int64_t, Ownership> owner;
  for (const auto& h : e.homes) home[h.id.value()] = &h;
  for (const auto& p : e.providers) owner[p.id.value()] = p.ownership;
  std::vector<double> childrens_home, agency, council;
  for (const auto& p : e.placements) {
    if (p.end || !p.home) continue;
    const Home& h = *home[p.home->value()];
    double pounds = static_cast<double>(p.weekly_fee.value()) / 100;
    if (h.setting == Setting::kChildrensHome) childrens_home.push_back(pounds);
    if (h.setting == Setting::kFosteringHousehold && !h.connected_person)
      (owner[h.provider.value()] == Ownership::kCouncil ? council : agency).push_back(pounds);
  }
  // Every contracted placement is paid its contract's price for its band
  // (the fee targets move prices, never one placement's fee alone).
  std::unordered_map<std::int64_t, const Contract*> contract;
  for (const auto& c : e.contracts) contract[c.id.value()] = &c;
  std::size_t contracted = 0;
  for (const auto& p : e.placements) {
    if (!p.contract) continue;
    ++contracted;
    auto fee = contract.at(p.contract->value())->FeeFor(p.need_band);
    ASSERT_TRUE(fee.has_value());
    ASSERT_EQ(*fee, p.weekly_fee) << "placement " << p.id.value();
  }
  EXPECT_GT(contracted, 10000u);
  double ch_median = Median(childrens_home);
  // (Seeds 1, 3 and 11: £4,890-£5,081, the mean held at £6,108 +-1.1%.)
  EXPECT_GE(ch_median, 4800);
  EXPECT_LE(ch_median, 6000);
  std::sort(childrens_home.begin(), childrens_home.end());
  EXPECT_GT(childrens_home[childrens_home.size() * 95 / 100], 10000) << "a tail above £10,000";
  EXPECT_GE(Median(agency), 750);
  EXPECT_LE(Median(agency), 1000);
  EXPECT_LT(Median(council), Median(agency));
}

INSTANTIATE_TEST_SUITE_P(Seeds, NationalScale, ::testing::Values(1u, 3u, 11u),
                         [](const auto& seed) { return "seed" + std::to_string(seed.param); });

}  // namespace
}  // namespace carecoop::synth
