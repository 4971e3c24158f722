#include "match/sequential.h"

#include <gtest/gtest.h>

namespace carecoop::match {
namespace {

// Homes near one another, all able to take the referral; they differ in
// setting, ownership, fee and places.
struct HomeSpec {
  Setting setting;
  bool in_house;
  int fee_pounds;
  int places;
  double km_east;  // from the family
};

Snapshot MakeSnapshot(const std::vector<HomeSpec>& homes, int day) {
  Snapshot s;
  s.rcc_ids = {RccId(1)};
  s.free_begin.push_back(0);
  for (std::size_t i = 0; i < homes.size(); ++i) {
    const HomeSpec& spec = homes[i];
    s.id.push_back(HomeId(static_cast<std::int64_t>(i) + 1));
    s.provider.push_back(ProviderId(1));
    s.name.push_back("home " + std::to_string(i + 1));
    s.setting.push_back(spec.setting);
    s.ofsted.push_back(OfstedRating::kGood);
    LatLon p{53.0, -2.0 + spec.km_east / 67.0};
    s.location.push_back(p);
    s.point.push_back(ToUnitVector(p));
    s.council.push_back(CouncilId(1));
    s.rcc.push_back(0);
    s.min_age.push_back(0);
    s.max_age.push_back(17);
    s.needs_met.push_back(0);
    s.risks_managed.push_back(0);
    s.max_support_ratio.push_back(SupportRatio::kStandard);
    s.solo_only.push_back(0);
    s.has_pets.push_back(0);
    s.in_house.push_back(spec.in_house);
    s.owner_council.push_back(spec.in_house ? CouncilId(1) : CouncilId());
    s.max_siblings.push_back(3);
    s.parent_and_child.push_back(0);
    s.residents.push_back(0);
    s.youngest_resident.push_back(-1);
    s.oldest_resident.push_back(-1);
    for (int k = 0; k < spec.places; ++k) {
      s.free_from.push_back(day);
      s.vacancy.push_back(VacancyId(static_cast<std::int64_t>(s.vacancy.size()) + 1));
    }
    s.free_begin.push_back(static_cast<std::int32_t>(s.free_from.size()));
    Pence fee(spec.fee_pounds * 100);
    s.weekly_fee.push_back({fee, fee, fee, fee});
    s.fee_source.push_back(spec.in_house ? FeeSource::kUnitCost : FeeSource::kContract);
    s.route.push_back({});
    s.national.push_back({});
    s.breakdown_percent.push_back(0);
  }
  s.Index();
  return s;
}

ReferralNeeds Child(int id, int day, NeededBy urgency = NeededBy::kAfter5Days) {
  ReferralNeeds r;
  r.id = ReferralId(id);
  r.council = CouncilId(1);
  r.rcc = 0;
  r.age = 10;
  r.needed_by = urgency;
  r.latest_start_day = day;
  r.foster = Suitability::kPreferred;
  r.residential = Suitability::kSuitable;
  r.supported = Suitability::kUnsuitable;
  r.family = ToUnitVector({53.0, -2.0});
  return r;
}

TEST(SequentialTest, TakesTheCheapestTierFirstThenTheCheapestHomeInIt) {
  const int day = 20000;
  // Residential is cheapest and nearest, agency fostering cheaper than
  // in-house: sequential sourcing still goes in-house first, cheapest there.
  Snapshot s = MakeSnapshot({{Setting::kChildrensHome, false, 300, 1, 1},
                             {Setting::kFosteringHousehold, false, 400, 1, 2},
                             {Setting::kFosteringHousehold, true, 700, 1, 40},
                             {Setting::kFosteringHousehold, true, 600, 1, 60}},
                            day);
  std::vector<ReferralNeeds> refs = {Child(1, day), Child(2, day), Child(3, day), Child(4, day),
                                     Child(5, day)};
  ArcSet arcs = BuildArcs(refs, s, DefaultPolicy());
  Assignment a = AssignSequential(refs, s, arcs, DefaultPolicy());
  EXPECT_EQ(a.outcome, AssignOutcome::kGreedy);
  EXPECT_EQ(a.home_of, (std::vector<std::int32_t>{3, 2, 1, 0, -1}));
  EXPECT_EQ(a.why_unplaced[4], Unplaced::kLostToHigherPriority);
  EXPECT_EQ(a.children_placed, 4);
  // Needs-led placement fills the same four places here, by child-first cost.
  Assignment needs_led = Assign(refs, s, arcs, DefaultPolicy());
  EXPECT_EQ(needs_led.children_placed, 4);
  PlanMetrics seq = Measure(refs, s, a, DefaultPolicy());
  PlanMetrics led = Measure(refs, s, needs_led, DefaultPolicy());
  EXPECT_EQ(seq.children, 5);
  EXPECT_EQ(seq.children_placed, 4);
  EXPECT_EQ(seq.weekly_cost, Pence(200000));                 // 300 + 400 + 700 + 600 pounds
  EXPECT_NEAR(seq.mean_family_km, led.mean_family_km, 0.5);  // the same four homes
}

TEST(SequentialTest, TheCouncilsOwnCarersAndHomesComeBeforeAnotherCouncilsAndAgencies) {
  const int day = 20000;
  // Another council's carer (home 0) is cheapest and nearest; the child's
  // own council's children's home (1) costs most. The order is the council's
  // own carers (none here), its own homes, then agency fostering, where the
  // other council's carer counts, cheapest first.
  Snapshot s = MakeSnapshot({{Setting::kFosteringHousehold, true, 300, 1, 1},
                             {Setting::kChildrensHome, true, 5000, 1, 30},
                             {Setting::kFosteringHousehold, false, 800, 1, 2}},
                            day);
  s.owner_council[0] = CouncilId(2);
  EXPECT_EQ(SequentialTier(s, 0, CouncilId(1)), 2);
  EXPECT_EQ(SequentialTier(s, 0, CouncilId(2)), 0);
  EXPECT_EQ(SequentialTier(s, 1, CouncilId(1)), 1);
  EXPECT_EQ(SequentialTier(s, 1, CouncilId(2)), 3);
  EXPECT_EQ(SequentialTier(s, 2, CouncilId(1)), 2);
  std::vector<ReferralNeeds> refs = {Child(1, day), Child(2, day), Child(3, day)};
  ArcSet arcs = BuildArcs(refs, s, DefaultPolicy());
  Assignment a = AssignSequential(refs, s, arcs, DefaultPolicy());
  EXPECT_EQ(a.home_of, (std::vector<std::int32_t>{1, 0, 2}));
}

TEST(SequentialTest, TheMostUrgentReferralIsServedFirst) {
  const int day = 20000;
  Snapshot s = MakeSnapshot({{Setting::kFosteringHousehold, true, 500, 1, 5}}, day);
  std::vector<ReferralNeeds> refs = {Child(1, day + 10), Child(2, day, NeededBy::kToday)};
  ArcSet arcs = BuildArcs(refs, s, DefaultPolicy());
  Assignment a = AssignSequential(refs, s, arcs, DefaultPolicy());
  EXPECT_EQ(a.home_of, (std::vector<std::int32_t>{-1, 0}));
}

TEST(SequentialTest, EarlierPlacesAreKeptForReferralsNeededSooner) {
  const int day = 20000;
  // One in-house home with a place today and one in 30 days.
  Snapshot s = MakeSnapshot({{Setting::kFosteringHousehold, true, 500, 0, 5}}, day);
  s.free_from = {day, day + 30};
  s.vacancy = {VacancyId(1), VacancyId(2)};
  s.free_begin = {0, 2};
  s.Index();
  // Referral 1 (first in the queue) can wait 60 days; referral 2, equally
  // urgent, needs the place free today.
  std::vector<ReferralNeeds> refs = {Child(1, day + 60), Child(2, day)};
  ArcSet arcs = BuildArcs(refs, s, DefaultPolicy());
  Assignment a = AssignSequential(refs, s, arcs, DefaultPolicy());
  EXPECT_EQ(a.home_of, (std::vector<std::int32_t>{0, 0}));
}

TEST(SequentialTest, MeasureCountsDistanceCouncilAndNeedsMet) {
  const int day = 20000;
  Snapshot s = MakeSnapshot({{Setting::kFosteringHousehold, true, 500, 1, 10},
                             {Setting::kChildrensHome, false, 4000, 1, 50}},
                            day);
  s.council[1] = CouncilId(2);
  std::vector<ReferralNeeds> refs = {Child(1, day), Child(2, day)};
  Assignment a;
  a.home_of = {0, 1};
  PlanMetrics m = Measure(refs, s, a, DefaultPolicy());
  EXPECT_EQ(m.children_placed, 2);
  EXPECT_NEAR(m.mean_family_km, 30, 1.5);
  EXPECT_NEAR(m.p90_family_km, 50, 2);
  EXPECT_DOUBLE_EQ(m.share_over_20_miles, 0.5);  // 50 km > 32.2 km
  EXPECT_DOUBLE_EQ(m.share_outside_council, 0.5);
  EXPECT_DOUBLE_EQ(m.share_needs_fully_met, 0.5);  // residential is suitable, not preferred
  EXPECT_EQ(m.weekly_cost, Pence(450000));
}

}  // namespace
}  // namespace carecoop::match
