// The failure scenario's re-placement (match/relocate.h) on a small region
// whose answer is known by hand.
#include "match/relocate.h"

#include <gtest/gtest.h>

#include "domain/examples.h"

namespace carecoop::match {
namespace {

// Family home at (53.471, -2.301). Council 1 and 2 form RCC 1; council 3 is
// RCC 2. One provider, one contract with RCC 1: £4,800 a week standard.
//   home 1 (closing), council 1, at the family's door, two free places;
//   home 2, council 1, about 5 km away, one free place;
//   home 3, council 2, about 56 km north, one free place (same RCC);
//   home 4, council 3, about 160 km south, one free place (another RCC).
// Four children live in home 1 (fee £5,000 each). With home 1 gone, three
// places are left for four children: one lands within 20 miles (home 2),
// one within the RCC (home 3), one elsewhere (home 4), one nowhere; the
// weekly cost of the three placed goes from £15,000 to £14,400.
struct Region {
  SnapshotInput input;
  std::vector<Child> children;
  Placement placement;

  Region() {
    input.as_at = Date(2025, 3, 31);
    for (int c = 1; c <= 3; ++c) {
      Council council = examples::ExampleCouncil(RegionId(1), c);
      council.id = CouncilId(c);
      input.councils.push_back(council);
    }
    Rcc one = examples::ExampleRcc(RegionId(1), {CouncilId(1), CouncilId(2)});
    one.id = RccId(1);
    Rcc two = examples::ExampleRcc(RegionId(1), {CouncilId(3)});
    two.id = RccId(2);
    two.code = "R2";
    input.rccs = {one, two};
    Provider provider = examples::ExampleProvider();
    provider.id = ProviderId(1);
    input.providers = {provider};
    Contract contract = examples::ExampleContract(provider.id, one.id);
    contract.id = ContractId(1);
    contract.start = Date(2024, 1, 1);
    input.contracts = {contract};
    const LatLon at[] = {{53.471, -2.301}, {53.500, -2.250}, {53.971, -2.301}, {52.030, -2.301}};
    const int council[] = {1, 1, 2, 3};
    const int places[] = {2, 1, 1, 1};
    int vacancy = 0;
    for (int h = 0; h < 4; ++h) {
      Home home = examples::ExampleHome(provider.id, CouncilId(council[h]));
      home.id = HomeId(h + 1);
      home.setting = Setting::kChildrensHome;
      home.location = at[h];
      home.min_age = 0;
      home.max_age = 17;
      home.registered_places = 4;
      home.needs_met = {};
      home.risks_managed = {};
      home.max_support_ratio = SupportRatio::kStandard;
      home.solo_only = false;
      home.connected_person = false;
      input.homes.push_back(home);
      for (int p = 0; p < places[h]; ++p) {
        Vacancy v = examples::ExampleVacancy(home.id);
        v.id = VacancyId(++vacancy);
        v.available_from = input.as_at;
        v.status = VacancyStatus::kOpen;
        input.vacancies.push_back(v);
      }
    }
    for (int c = 0; c < 4; ++c) {
      Child child = examples::ExampleChild(CouncilId(1), c);
      child.id = ChildId(c + 1);
      child.date_of_birth = Date(2012, 6, 1);
      child.school_location.reset();
      children.push_back(child);
    }
    placement.council = CouncilId(1);
    placement.need_band = NeedBand::kStandard;
  }
};

TEST(RelocateTest, ASmallRegionWhoseAnswerIsKnown) {
  Region region;
  Snapshot all = BuildSnapshot(region.input);
  ASSERT_EQ(all.size(), 4u);
  std::vector<ReferralNeeds> displaced;
  std::vector<Pence> fees;
  for (const Child& c : region.children) {
    displaced.push_back(NeedsOfPlacedChild(c, region.placement, region.input.homes[0], 0, all));
    displaced.back().id = ReferralId(c.id.value());
    fees.push_back(Pence(500000));
  }
  Snapshot left = WithoutHomes(all, {HomeId(1)});
  ASSERT_EQ(left.size(), 3u);
  EXPECT_EQ(left.places(), 3u);
  for (std::size_t h = 0; h < left.size(); ++h) EXPECT_NE(left.id[h], HomeId(1));

  Relocation r = Relocate(displaced, fees, left, MatchPolicy{});
  EXPECT_EQ(r.assignment.outcome, AssignOutcome::kOptimal);
  EXPECT_EQ(r.children[static_cast<std::size_t>(Landing::kWithin20Miles)], 1);
  EXPECT_EQ(r.children[static_cast<std::size_t>(Landing::kWithinRcc)], 1);
  EXPECT_EQ(r.children[static_cast<std::size_t>(Landing::kElsewhere)], 1);
  EXPECT_EQ(r.children[static_cast<std::size_t>(Landing::kNowhere)], 1);
  EXPECT_EQ(r.fee_before, 3 * 500000);
  EXPECT_EQ(r.fee_after_total, 3 * 480000);
  ASSERT_EQ(r.by_rcc.size(), 1u);  // every child is RCC 1's
  EXPECT_EQ(r.by_rcc[0].rcc, 0);
  EXPECT_EQ(r.by_rcc[0].children[static_cast<std::size_t>(Landing::kNowhere)], 1);
}

// The planner (one arc set, scenarios by filtering) answers as Relocate on
// the snapshot without the closing homes, for every subset of children and
// of homes closing.
TEST(RelocateTest, ThePlannerAnswersAsRelocateForEveryScenario) {
  Region region;
  Snapshot all = BuildSnapshot(region.input);
  std::vector<ReferralNeeds> displaced;
  std::vector<Pence> fees;
  for (const Child& c : region.children) {
    displaced.push_back(NeedsOfPlacedChild(c, region.placement, region.input.homes[0], 0, all));
    displaced.back().id = ReferralId(c.id.value());
    fees.push_back(Pence(500000 + 1000 * c.id.value()));
  }
  RelocationPlanner planner(displaced, fees, all, MatchPolicy{});
  for (int children = 1; children < 16; ++children)
    for (int homes = 0; homes < 16; ++homes) {
      std::vector<bool> moving(4);
      std::vector<ReferralNeeds> subset;
      std::vector<Pence> subset_fees;
      for (int c = 0; c < 4; ++c)
        if ((moving[static_cast<std::size_t>(c)] = (children >> c) & 1)) {
          subset.push_back(displaced[static_cast<std::size_t>(c)]);
          subset_fees.push_back(fees[static_cast<std::size_t>(c)]);
        }
      std::vector<HomeId> closing;
      for (int h = 0; h < 4; ++h)
        if ((homes >> h) & 1) closing.push_back(HomeId(h + 1));
      SCOPED_TRACE(std::to_string(children) + "/" + std::to_string(homes));
      Relocation planned = planner.For(moving, closing);
      Relocation direct = Relocate(subset, subset_fees, WithoutHomes(all, closing), MatchPolicy{});
      EXPECT_EQ(planned.assignment.children_placed, direct.assignment.children_placed);
      EXPECT_EQ(planned.assignment.total_cost, direct.assignment.total_cost);
      EXPECT_EQ(planned.children, direct.children);
      EXPECT_EQ(planned.fee_before, direct.fee_before);
      EXPECT_EQ(planned.fee_after_total, direct.fee_after_total);
    }
}

TEST(RelocateTest, WithoutHomesKeepsEveryOtherHomeAndItsPlacesInOrder) {
  Region region;
  Snapshot all = BuildSnapshot(region.input);
  Snapshot left = WithoutHomes(all, {HomeId(2), HomeId(4)});
  ASSERT_EQ(left.size(), 2u);
  EXPECT_EQ(left.id[0], HomeId(1));
  EXPECT_EQ(left.id[1], HomeId(3));
  EXPECT_EQ(left.free_places(0), 2);
  EXPECT_EQ(left.free_places(1), 1);
  EXPECT_TRUE(left.indexed());
  EXPECT_EQ(left.weekly_fee[1], all.weekly_fee[2]);
  // Nothing closing: the same snapshot.
  Snapshot same = WithoutHomes(all, {});
  EXPECT_EQ(same.id, all.id);
  EXPECT_EQ(same.free_from, all.free_from);
}

// The matching engine has no "secure only" need: a child of a secure home
// is asked for residential care under a deprivation of liberty order
// (docs/oversight.md says so among what the scenario leaves out).
TEST(RelocateTest, AChildOfASecureHomeIsAskedForResidentialCareUnderADolOrder) {
  Region region;
  Snapshot all = BuildSnapshot(region.input);
  Home secure = region.input.homes[0];
  secure.setting = Setting::kSecureChildrensHome;
  ReferralNeeds n = NeedsOfPlacedChild(region.children[0], region.placement, secure, 0, all);
  EXPECT_TRUE(n.deprivation_of_liberty);
  EXPECT_EQ(n.residential, Suitability::kPreferred);
  EXPECT_EQ(n.foster, Suitability::kUnsuitable);
  EXPECT_EQ(n.supported, Suitability::kUnsuitable);
  EXPECT_EQ(n.band, NeedBand::kStandard);
  EXPECT_EQ(n.age, 12);
}

}  // namespace
}  // namespace carecoop::match
