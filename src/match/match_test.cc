#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <random>

#include "domain/examples.h"
#include "match/assign.h"
#include "match/feasibility.h"
#include "match/rank.h"
#include "match/snapshot.h"
#include "synth/generator.h"

namespace carecoop::match {
namespace {

// ---------------------------------------------------------------------------
// One home and one referral that fit; each test breaks one thing.

struct Fixture {
  SnapshotInput input;
  Referral referral;
  Child child;

  Fixture() {
    input.as_at = Date(2025, 3, 31);
    Council council = examples::ExampleCouncil(RegionId(1), 1);
    council.id = CouncilId(1);
    input.councils = {council};
    Rcc rcc = examples::ExampleRcc(RegionId(1), {council.id});
    rcc.id = RccId(1);
    input.rccs = {rcc};
    Provider provider = examples::ExampleProvider();
    provider.id = ProviderId(1);
    input.providers = {provider};
    Home home = examples::ExampleHome(provider.id, council.id);
    home.id = HomeId(1);
    home.setting = Setting::kFosteringHousehold;
    home.location = {53.49, -2.29};
    home.min_age = 0;
    home.max_age = 17;
    home.registered_places = 3;
    home.needs_met = {};
    home.risks_managed = {};
    home.max_support_ratio = SupportRatio::kStandard;
    home.solo_only = false;
    home.max_siblings = 2;
    home.has_pets = false;
    home.connected_person = false;
    input.homes = {home};
    for (int i = 0; i < 2; ++i) {
      Vacancy v = examples::ExampleVacancy(home.id);
      v.id = VacancyId(i + 1);
      v.available_from = Date(2025, 3, 31);
      v.status = VacancyStatus::kOpen;
      input.vacancies.push_back(v);
    }
    child = examples::ExampleChild(council.id);
    child.id = ChildId(1);
    child.date_of_birth = Date(2015, 1, 1);
    referral = examples::ExampleReferral(child.id, council.id);
    referral.sibling_count = 0;
    referral.specific_communication_requirements = {CommunicationRequirement::kNone};
    referral.communication_needs = YesNoNotSpecified::kNo;
    referral.home_adaptation = false;
    referral.cultural_needs = CulturalNeeds::kNotRequired;
    referral.living_companions = LivingCompanions::kNoPreference;
    referral.pets = Pets::kCan;
    referral.additional_support = AdditionalSupport::kNotApplicable;
    referral.deprivation_of_liberty = false;
    referral.foster_care_suitability = Suitability::kPreferred;
    referral.risks = {};
    referral.risk_other.clear();
    referral.risk_to_others_other.clear();
    referral.minimum_adult_support_ratio = SupportRatio::kStandard;
    referral.locations_to_avoid_known = YesNoNotSpecified::kNo;
    referral.locations_to_avoid.clear();
    referral.must_continue_school = false;
  }

  Verdict Check() const {
    Snapshot s = BuildSnapshot(input);
    EXPECT_EQ(s.size(), 1u);
    auto needs = MakeNeeds(referral, child, RccId(1), s);
    EXPECT_TRUE(needs.ok()) << needs.status().ToString();
    return CheckHome(*needs, s, 0, DefaultPolicy());
  }
};

TEST(FeasibilityTest, TheBaseHomeMeetsTheBaseReferral) {
  EXPECT_TRUE(Fixture().Check().feasible());
}

// Regression (issue 16): an open referral whose latest start date had
// passed excluded every home ("no place free by the latest start date"), so
// most of the demo region's emergencies had no options at all.
TEST(FeasibilityTest, ALatestStartDateAlreadyPastMeansAsSoonAsPossible) {
  Fixture f;
  f.referral.latest_start_date = Date(2025, 3, 12);  // 19 days before as_at
  f.referral.referral_date = Date(2025, 3, 10);
  EXPECT_TRUE(f.Check().feasible());
  // A place free only after as_at is still too late for a start date
  // that has passed: the child needs a home now.
  for (auto& v : f.input.vacancies) v.available_from = Date(2025, 4, 14);
  EXPECT_EQ(f.Check().constraint, Constraint::kNoPlaceInTime);
}

struct Case {
  const char* name;
  std::function<void(Fixture&)> change;
  Constraint expected;
};

TEST(FeasibilityTest, EveryHardConstraintAloneExcludesTheHome) {
  const Case cases[] = {
      {"setting unsuitable",
       [](Fixture& f) { f.referral.foster_care_suitability = Suitability::kUnsuitable; },
       Constraint::kSettingUnsuitable},
      {"secure home without an order",
       [](Fixture& f) {
         f.input.homes[0].setting = Setting::kSecureChildrensHome;
         f.referral.residential_care_suitability = Suitability::kPreferred;
       },
       Constraint::kSecureWithoutOrder},
      {"too young for the home", [](Fixture& f) { f.input.homes[0].min_age = 13; },
       Constraint::kAge},
      {"too old for the home", [](Fixture& f) { f.input.homes[0].max_age = 8; }, Constraint::kAge},
      {"BSL needed",
       [](Fixture& f) {
         f.referral.specific_communication_requirements = {CommunicationRequirement::kBsl};
         f.referral.communication_needs = YesNoNotSpecified::kYes;
       },
       Constraint::kNeeds},
      {"home adaptation", [](Fixture& f) { f.referral.home_adaptation = true; },
       Constraint::kNeeds},
      {"cultural needs", [](Fixture& f) { f.referral.cultural_needs = CulturalNeeds::kRequired; },
       Constraint::kNeeds},
      {"1:1 supervision as support",
       [](Fixture& f) {
         f.referral.additional_support = AdditionalSupport::kAdditionalSupervision;
       },
       Constraint::kNeeds},
      {"risk of going missing", [](Fixture& f) { f.referral.risks = {Risk::kMissing}; },
       Constraint::kRisks},
      {"ratio 2:1",
       [](Fixture& f) { f.referral.minimum_adult_support_ratio = SupportRatio::kTwoToOne; },
       Constraint::kSupportRatio},
      {"deprivation of liberty in foster care",
       [](Fixture& f) { f.referral.deprivation_of_liberty = true; },
       Constraint::kDeprivationOfLiberty},
      {"solo but a child lives there",
       [](Fixture& f) {
         f.referral.living_companions = LivingCompanions::kSolo;
         Child other = examples::ExampleChild(CouncilId(1), 7);
         other.id = ChildId(2);
         f.input.children = {other};
         Placement p = examples::ExamplePlacement(other.id, CouncilId(1), HomeId(1));
         p.end.reset();
         f.input.placements = {p};
       },
       Constraint::kLivingCompanions},
      {"only younger but an older child lives there",
       [](Fixture& f) {
         f.referral.living_companions = LivingCompanions::kOnlyYounger;
         Child other = examples::ExampleChild(CouncilId(1), 7);
         other.id = ChildId(2);
         other.date_of_birth = Date(2009, 1, 1);
         f.input.children = {other};
         Placement p = examples::ExamplePlacement(other.id, CouncilId(1), HomeId(1));
         p.end.reset();
         f.input.placements = {p};
       },
       Constraint::kLivingCompanions},
      {"must have pets", [](Fixture& f) { f.referral.pets = Pets::kMust; }, Constraint::kPets},
      {"must not have pets",
       [](Fixture& f) {
         f.referral.pets = Pets::kNo;
         f.input.homes[0].has_pets = true;
       },
       Constraint::kPets},
      {"three siblings", [](Fixture& f) { f.referral.sibling_count = 3; }, Constraint::kSiblings},
      {"a parent with their baby, in a home not approved for it",
       [](Fixture& f) { f.referral.parent_and_child = true; }, Constraint::kParentAndChild},
      {"two places but only one free in time",
       [](Fixture& f) {
         f.referral.sibling_count = 1;
         f.input.vacancies[1].available_from = Date(2025, 6, 1);
       },
       Constraint::kNoPlaceInTime},
      {"no place by the latest start date",
       [](Fixture& f) {
         for (auto& v : f.input.vacancies) v.available_from = Date(2025, 9, 1);
       },
       Constraint::kNoPlaceInTime},
      {"near a place to avoid",
       [](Fixture& f) {
         f.referral.locations_to_avoid_known = YesNoNotSpecified::kYes;
         f.referral.locations_to_avoid = {{"M6 6", {53.495, -2.28}}};
       },
       Constraint::kNearPlaceToAvoid},
      {"too far from a school the child must stay at",
       [](Fixture& f) {
         f.referral.must_continue_school = true;
         f.input.homes[0].location = {52.48, -1.90};  // Birmingham
       },
       Constraint::kTooFarFromSchool},
  };
  for (const Case& c : cases) {
    Fixture f;
    c.change(f);
    Verdict v = f.Check();
    EXPECT_EQ(v.constraint, c.expected) << c.name << ": got " << Describe(v.constraint, v.detail);
  }
}

TEST(FeasibilityTest, ExclusionsAreCountedAndWorded) {
  ExclusionCounts counts;
  for (int i = 0; i < 43; ++i)
    counts.Add({Constraint::kRisks, static_cast<std::int8_t>(Risk::kMissing)});
  counts.Add({Constraint::kAge});
  auto lines = counts.Sentences();
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0], "43 excluded: cannot manage risk of going missing");
  EXPECT_EQ(lines[1], "1 excluded: outside the home's age range");
  EXPECT_EQ(counts.total, 44);
}

TEST(FeasibilityTest, AMalformedReferralIsAnErrorNamingTheField) {
  Fixture f;
  f.referral.sibling_count = -1;
  Snapshot s = BuildSnapshot(f.input);
  auto needs = MakeNeeds(f.referral, f.child, RccId(1), s);
  ASSERT_FALSE(needs.ok());
  EXPECT_EQ(needs.status().field(), "siblingCount");
}

TEST(RankTest, AReferralNoHomeCanMeetGivesNoOptionsAndTheCounts) {
  Fixture f;
  f.referral.minimum_adult_support_ratio = SupportRatio::kMoreThanTwoToOne;
  Snapshot s = BuildSnapshot(f.input);
  auto needs = MakeNeeds(f.referral, f.child, RccId(1), s);
  ASSERT_TRUE(needs.ok());
  Ranking ranking = Rank(*needs, s, DefaultPolicy(), 10);
  EXPECT_TRUE(ranking.options.empty());
  EXPECT_EQ(ranking.feasible, 0);
  ASSERT_EQ(ranking.excluded.Sentences().size(), 1u);
  EXPECT_EQ(ranking.excluded.Sentences()[0],
            "1 excluded: cannot staff the adult:child ratio needed");
}

TEST(RankTest, TheExplanationNamesDistanceSettingOfstedAndFee) {
  Fixture f;
  Snapshot s = BuildSnapshot(f.input);
  auto needs = MakeNeeds(f.referral, f.child, RccId(1), s);
  ASSERT_TRUE(needs.ok());
  Ranking ranking = Rank(*needs, s, DefaultPolicy(), 10);
  ASSERT_EQ(ranking.options.size(), 1u);
  const std::string& e = ranking.options[0].explanation;
  EXPECT_NE(e.find("km from family"), std::string::npos) << e;
  EXPECT_NE(e.find("in own council"), std::string::npos) << e;
  EXPECT_NE(e.find("Fostering household (preferred)"), std::string::npos) << e;
  EXPECT_NE(e.find("(no contract: fair-price estimate)"), std::string::npos) << e;
  // With the provider's contract, the fee for the child's band.
  Contract contract = examples::ExampleContract(ProviderId(1), RccId(1));
  contract.id = ContractId(1);
  f.input.contracts = {contract};
  Snapshot priced = BuildSnapshot(f.input);
  Ranking again = Rank(*needs, priced, DefaultPolicy(), 10);
  ASSERT_EQ(again.options.size(), 1u);
  auto fee = contract.FeeFor(needs->band);
  ASSERT_TRUE(fee.has_value());
  EXPECT_NE(again.options[0].explanation.find(fee->ToPoundsString() + "/week"), std::string::npos)
      << again.options[0].explanation;
  double sum = 0;
  for (double p : ranking.options[0].points) sum += p;
  EXPECT_EQ(ranking.options[0].cost, std::llround(sum * 100));
}

// Fees band by band (docs/national.md, "National contracts"): the RCC's own
// framework prices the bands it covers; a national call-off with the home's
// RCC prices before it where both cover a band, and the option says so; a
// terminated contract prices nothing; a band no contract covers falls back
// to the fair-price estimate.
TEST(RankTest, EachBandIsPricedByTheBestContractThatCoversItNationalFirst) {
  Fixture f;
  Contract own = examples::ExampleContract(ProviderId(1), RccId(1));
  own.id = ContractId(1);
  own.type = ContractType::kFramework;
  own.fees = {{NeedBand::kStandard, Pence(400000)}, {NeedBand::kEnhanced, Pence(450000)}};
  Contract national = own;
  national.id = ContractId(2);
  national.national = true;
  national.reference = "NAT-1";
  national.fees = {{NeedBand::kEnhanced, Pence(430000)}, {NeedBand::kSpecialist, Pence(900000)}};
  Contract ended = own;
  ended.id = ContractId(3);
  ended.status = ContractStatus::kTerminated;
  ended.fees = {{NeedBand::kComplex, Pence(100)}};
  f.input.contracts = {ended, own, national};
  const Snapshot s = BuildSnapshot(f.input);
  ASSERT_EQ(s.size(), 1u);
  const auto i = [](NeedBand b) { return static_cast<std::size_t>(b); };
  EXPECT_EQ(s.weekly_fee[0][i(NeedBand::kStandard)], Pence(400000));
  EXPECT_EQ(s.national[0][i(NeedBand::kStandard)], 0);
  EXPECT_EQ(s.weekly_fee[0][i(NeedBand::kEnhanced)], Pence(430000));
  EXPECT_EQ(s.national[0][i(NeedBand::kEnhanced)], 1);
  EXPECT_EQ(s.weekly_fee[0][i(NeedBand::kSpecialist)], Pence(900000));
  EXPECT_EQ(s.route[0][i(NeedBand::kSpecialist)], ContractType::kFramework);
  EXPECT_FALSE(s.route[0][i(NeedBand::kComplex)].has_value()) << "the terminated line is not used";
  EXPECT_NE(s.weekly_fee[0][i(NeedBand::kComplex)], Pence(100));
  // The option and its explanation for an enhanced referral.
  f.referral.additional_support = AdditionalSupport::kTherapeuticSupport;
  auto needs = MakeNeeds(f.referral, f.child, RccId(1), s);
  ASSERT_TRUE(needs.ok());
  ASSERT_EQ(needs->band, NeedBand::kEnhanced);
  // (Scored directly: the fixture's home does not offer therapeutic support.)
  const Option o = Score(*needs, s, 0, DefaultPolicy(), true);
  EXPECT_TRUE(o.national);
  EXPECT_EQ(o.weekly_fee, Pence(430000));
  EXPECT_NE(o.explanation.find("(national Framework contract)"), std::string::npos)
      << o.explanation;
}

// Regression: a block contract priced every home of its provider; it
// prices only the homes it names (a national block's too), and the others
// fall to the next contract.
TEST(RankTest, ABlockPricesOnlyTheHomesItNames) {
  Fixture f;
  ASSERT_EQ(f.input.homes.size(), 1u);
  const HomeId home = f.input.homes[0].id;
  Contract block = examples::ExampleContract(ProviderId(1), RccId(1));
  block.id = ContractId(1);
  block.type = ContractType::kBlock;
  block.national = true;
  block.block_places = 1;
  block.block_homes = {HomeId(home.value() + 1)};
  block.fees = {{NeedBand::kStandard, Pence(500000)}};
  Contract framework = examples::ExampleContract(ProviderId(1), RccId(1));
  framework.id = ContractId(2);
  framework.type = ContractType::kFramework;
  framework.fees = {{NeedBand::kStandard, Pence(400000)}};
  f.input.contracts = {block, framework};
  const auto standard = static_cast<std::size_t>(NeedBand::kStandard);
  Snapshot s = BuildSnapshot(f.input);
  EXPECT_EQ(s.weekly_fee[0][standard], Pence(400000)) << "priced by a block that does not name it";
  EXPECT_EQ(s.route[0][standard], ContractType::kFramework);
  f.input.contracts[0].block_homes = {home};
  s = BuildSnapshot(f.input);
  EXPECT_EQ(s.weekly_fee[0][standard], Pence(500000));
  EXPECT_EQ(s.route[0][standard], ContractType::kBlock);
  EXPECT_EQ(s.national[0][standard], 1);
}

// Regression (issue 17): an in-house home with no one placed in it counted
// as free (fee 0) in ranking and in sequential sourcing, so other councils'
// carers were taken first everywhere. Its fee is now its unit cost from
// declared running costs, or the fair-price estimate, never zero.
TEST(RankTest, AnInHouseHomeIsNeverFreeItCostsItsUnitCost) {
  Fixture f;
  f.input.providers[0].ownership = Ownership::kCouncil;
  f.input.providers[0].council = CouncilId(1);
  Snapshot estimated = BuildSnapshot(f.input);
  ASSERT_EQ(estimated.size(), 1u);
  EXPECT_EQ(estimated.fee_source[0], FeeSource::kFairPrice);
  for (Pence fee : estimated.weekly_fee[0]) EXPECT_GT(fee.value(), 0);
  // £52,000 a year declared for 3 places, none filled: the 50% floor,
  // £1,000 a week / 1.5 places = £666.67 a place, in every band.
  f.input.homes[0].running_costs = RunningCosts{Pence::FromPounds(40'000), Pence::FromPounds(6'000),
                                                Pence::FromPounds(4'000), Pence::FromPounds(2'000)};
  Snapshot costed = BuildSnapshot(f.input);
  EXPECT_EQ(costed.fee_source[0], FeeSource::kUnitCost);
  for (Pence fee : costed.weekly_fee[0]) EXPECT_EQ(fee, Pence(66'667));
  auto needs = MakeNeeds(f.referral, f.child, RccId(1), costed);
  ASSERT_TRUE(needs.ok());
  Ranking ranking = Rank(*needs, costed, DefaultPolicy(), 10);
  ASSERT_EQ(ranking.options.size(), 1u);
  EXPECT_EQ(ranking.options[0].weekly_fee, Pence(66'667));
  EXPECT_NE(ranking.options[0].explanation.find("£667/week (in-house unit cost)"),
            std::string::npos)
      << ranking.options[0].explanation;
}

// The child's wishes (docs/matching.md, "The child's wishes"): each wish the
// child chose adds exactly per_unmet_wish points where the home does not
// meet it, and nothing where it does; the rule is restated here from the
// home's own fields, over every wish and many home variants.
TEST(RankTest, EachChosenWishCostsItsPointsExactlyWhereTheHomeDoesNotMeetIt) {
  Fixture f;
  f.referral.school_location = NamedLocation{"M6 5", {53.49, -2.29}};
  f.referral.in_school = InSchool::kYes;
  const MatchPolicy policy = DefaultPolicy();
  const LatLon family = f.referral.primary_family_location->point;
  std::mt19937 gen(7);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(gen); };
  int unmet_seen = 0, met_seen = 0;
  for (int trial = 0; trial < 300; ++trial) {
    Snapshot s = BuildSnapshot(f.input);
    const LatLon where = {family.lat + pick(0, 60) / 100.0, family.lon};
    s.point[0] = ToUnitVector(where);
    s.has_pets[0] = static_cast<std::uint8_t>(pick(0, 1));
    s.setting[0] = static_cast<Setting>(pick(0, 3));
    s.max_siblings[0] = static_cast<std::int8_t>(pick(0, 4));
    s.residents[0] = static_cast<std::int16_t>(pick(0, 3));
    auto plain = MakeNeeds(f.referral, f.child, RccId(1), s);
    ASSERT_TRUE(plain.ok());
    plain->places = pick(1, 3);
    const std::int64_t base = Score(*plain, s, 0, policy, false).cost;
    for (const auto& e : EnumInfo<ChildWish>::kEntries) {
      ReferralNeeds n = *plain;
      n.wishes = {e.value};
      bool unmet = false;
      switch (e.value) {
        case ChildWish::kNearFamily:
          unmet = DistanceKm(ToUnitVector(family), s.point[0]) > policy.near_family_km;
          break;
        case ChildWish::kSameSchool:
          unmet = DistanceKm(ToUnitVector(f.referral.school_location->point), s.point[0]) >
                  policy.school_travel_km;
          break;
        case ChildWish::kWithSiblings:
          unmet = s.max_siblings[0] < std::max(2, n.places);
          break;
        case ChildWish::kFosterFamily:
          unmet = s.setting[0] != Setting::kFosteringHousehold;
          break;
        case ChildWish::kPets:
          unmet = !s.has_pets[0];
          break;
        case ChildWish::kQuietHome:
          unmet = s.residents[0] >= 2;
          break;
      }
      Option o = Score(n, s, 0, policy, true);
      EXPECT_EQ(o.cost - base, unmet ? std::llround(policy.per_unmet_wish * 100) : 0)
          << e.code << " trial " << trial;
      EXPECT_EQ(o.wishes_unmet.Has(e.value), unmet) << e.code;
      EXPECT_EQ(o.explanation.find("child's wish not met") != std::string::npos, unmet)
          << o.explanation;
      (unmet ? unmet_seen : met_seen)++;
    }
  }
  EXPECT_GT(unmet_seen, 100);  // both sides of every rule were exercised
  EXPECT_GT(met_seen, 100);
}

// Ranking direction: with everything else equal, a home in the child's own
// council ranks above one in another council of the same RCC, and that above
// one outside the RCC; a nearer home above a farther one; a preferred setting
// above a merely suitable one. Each pair differs in one thing only, so an
// inverted factor reorders exactly that pair.
TEST(RankTest, OwnCouncilAndRccNearerAndPreferredRankFirst) {
  Fixture f;
  f.referral.residential_care_suitability = Suitability::kSuitable;
  Council second = examples::ExampleCouncil(RegionId(1), 2),
          third = examples::ExampleCouncil(RegionId(1), 3);
  second.id = CouncilId(2);
  third.id = CouncilId(3);
  f.input.councils.push_back(second);
  f.input.councils.push_back(third);
  f.input.rccs[0].member_councils = {CouncilId(1), CouncilId(2)};
  Rcc other = examples::ExampleRcc(RegionId(1), {CouncilId(3)});
  other.id = RccId(2);
  other.code = "T-OTHER";
  f.input.rccs.push_back(other);
  const Home base = f.input.homes[0];
  auto add = [&](std::int64_t id, CouncilId council, LatLon where, Setting setting) {
    Home h = base;
    h.id = HomeId(id);
    h.council = council;
    h.location = where;
    h.setting = setting;
    f.input.homes.push_back(h);
    Vacancy v = examples::ExampleVacancy(h.id);
    v.id = VacancyId(100 + id);
    v.available_from = Date(2025, 3, 31);
    v.status = VacancyStatus::kOpen;
    f.input.vacancies.push_back(v);
  };
  const LatLon near = base.location, far = {base.location.lat + 0.3, base.location.lon};
  add(2, CouncilId(2), near, base.setting);  // other council, same RCC
  add(3, CouncilId(3), near, base.setting);  // other council, other RCC
  add(4, CouncilId(1), far, base.setting);   // own council, farther from family
  add(5, CouncilId(1), near,
      Setting::kChildrensHome);  // own council, a suitable (not preferred) setting
  Snapshot s = BuildSnapshot(f.input);
  ASSERT_EQ(s.size(), 5u);
  auto needs = MakeNeeds(f.referral, f.child, RccId(1), s);
  ASSERT_TRUE(needs.ok()) << needs.status().ToString();
  std::map<std::int64_t, std::int64_t> cost;
  Ranking ranking = Rank(*needs, s, DefaultPolicy(), 10);
  ASSERT_EQ(ranking.options.size(), 5u);
  for (const Option& o : ranking.options) cost[o.home_id.value()] = o.cost;
  EXPECT_LT(cost[1], cost[2]) << "own council above another council of the same RCC";
  EXPECT_LT(cost[2], cost[3]) << "inside the RCC above outside it";
  EXPECT_LT(cost[1], cost[4]) << "nearer family above farther";
  EXPECT_LT(cost[1], cost[5]) << "preferred setting above a suitable one";
  EXPECT_EQ(ranking.options.front().home_id, HomeId(1));
}

// ---------------------------------------------------------------------------
// On a synthetic region.

struct Region {
  Snapshot snapshot;
  std::vector<ReferralNeeds> referrals;
};

Region MakeRegion(const std::string& rcc, std::uint64_t seed) {
  auto england = synth::BuildEngland({.scale = synth::Scale::kRegion, .seed = seed, .rcc = rcc});
  EXPECT_TRUE(england.ok());
  SnapshotInput in;
  in.as_at = Date(2025, 3, 31);
  in.rccs = england->rccs;
  in.councils = england->councils;
  in.providers = england->providers;
  in.homes = england->homes;
  in.vacancies = england->vacancies;
  in.placements = england->placements;
  in.children = england->children;
  in.contracts = england->contracts;
  Region region;
  region.snapshot = BuildSnapshot(in);
  for (const Referral& r : england->referrals) {
    auto needs = MakeNeeds(r, england->children[static_cast<std::size_t>(r.child.value() - 1)],
                           england->rccs[0].id, region.snapshot);
    EXPECT_TRUE(needs.ok()) << needs.status().ToString();
    if (needs.ok()) region.referrals.push_back(*needs);
  }
  return region;
}

TEST(RankTest, TopKEqualsAFullSortOfEveryFeasibleHome) {
  Region region = MakeRegion("NW-GM", 1);
  ASSERT_GT(region.referrals.size(), 50u);
  int with_options = 0;
  for (const ReferralNeeds& r : region.referrals) {
    std::vector<std::pair<std::int64_t, std::size_t>> all;
    int excluded = 0;
    for (std::size_t h = 0; h < region.snapshot.size(); ++h) {
      if (CheckHome(r, region.snapshot, h, DefaultPolicy()).feasible())
        all.push_back({Cost(r, region.snapshot, h, DefaultPolicy()), h});
      else
        ++excluded;
    }
    std::sort(all.begin(), all.end());
    ExclusionCounts expected;
    for (std::size_t h = 0; h < region.snapshot.size(); ++h)
      expected.Add(CheckHome(r, region.snapshot, h, DefaultPolicy()));
    Ranking ranking = Rank(r, region.snapshot, DefaultPolicy(), 10);
    EXPECT_EQ(ranking.excluded.by_constraint, expected.by_constraint);
    EXPECT_EQ(ranking.excluded.by_need, expected.by_need);
    EXPECT_EQ(ranking.excluded.by_risk, expected.by_risk);
    EXPECT_EQ(ranking.feasible, static_cast<int>(all.size()));
    EXPECT_EQ(ranking.excluded.total, excluded);
    ASSERT_EQ(ranking.options.size(), std::min<std::size_t>(10, all.size()));
    for (std::size_t i = 0; i < ranking.options.size(); ++i) {
      EXPECT_EQ(ranking.options[i].cost, all[i].first);
      EXPECT_EQ(ranking.options[i].home, all[i].second);
    }
    with_options += !all.empty();
  }
  EXPECT_GT(with_options, 10);
}

// CostFloor and CostCeiling bound every feasible home's cost, and a cut
// ArcSet keeps exactly each referral's cheapest arcs with bounds on the rest.
TEST(RankTest, CostFloorAndCeilingBoundEveryHomesCostAndCutListsArePrefixes) {
  Region region = MakeRegion("NW-GM", 3);
  const Snapshot& s = region.snapshot;
  std::array<Pence, 4> max_fee{};
  double max_breakdown = 0;
  for (std::size_t h = 0; h < s.size(); ++h) {
    for (std::size_t b = 0; b < 4; ++b) max_fee[b] = std::max(max_fee[b], s.weekly_fee[h][b]);
    max_breakdown = std::max(max_breakdown, static_cast<double>(s.breakdown_percent[h]));
  }
  ArcSet full = BuildArcs(region.referrals, s, DefaultPolicy());
  ArcSet cut = BuildArcs(region.referrals, s, DefaultPolicy(), 0, LevelKeying::kDeadlines, 5);
  ASSERT_FALSE(cut.complete());
  int bounded = 0, left_out = 0;
  for (std::size_t r = 0; r < region.referrals.size(); ++r) {
    const ReferralNeeds& n = region.referrals[r];
    const CostFloor floor(n, DefaultPolicy());
    double family_km = 0, school_km = 0;
    for (std::size_t h = 0; h < s.size(); ++h) {
      if (!CheckHome(n, s, h, DefaultPolicy()).feasible()) continue;
      if (n.family) family_km = std::max(family_km, DistanceKm(*n.family, s.point[h]));
      if (n.school) school_km = std::max(school_km, DistanceKm(*n.school, s.point[h]));
    }
    const std::int64_t ceiling =
        CostCeiling(n, DefaultPolicy(), family_km, school_km,
                    max_fee[static_cast<std::size_t>(n.band)], max_breakdown);
    for (std::size_t h = 0; h < s.size(); ++h) {
      if (!CheckHome(n, s, h, DefaultPolicy()).feasible()) continue;
      const std::int64_t c = Cost(n, s, h, DefaultPolicy());
      ASSERT_LE(floor.Cost(s, h), c) << "referral " << r << " home " << h;
      ASSERT_LE(c, ceiling) << "referral " << r << " home " << h;
      ++bounded;
    }
    // The cut list is the full list's prefix; the rest lie within its bounds.
    const auto kept = cut.begin[r + 1] - cut.begin[r];
    ASSERT_LE(kept, 5);
    for (std::int64_t i = 0; i < kept; ++i) {
      ASSERT_EQ(cut.home[static_cast<std::size_t>(cut.begin[r] + i)],
                full.home[static_cast<std::size_t>(full.begin[r] + i)]);
      ASSERT_EQ(cut.cost[static_cast<std::size_t>(cut.begin[r] + i)],
                full.cost[static_cast<std::size_t>(full.begin[r] + i)]);
    }
    if (cut.rest_min[r] == kNothingLeftOut) {
      EXPECT_EQ(kept, full.begin[r + 1] - full.begin[r]);
      continue;
    }
    ++left_out;
    for (auto a = full.begin[r] + kept; a < full.begin[r + 1]; ++a) {
      ASSERT_GE(full.cost[static_cast<std::size_t>(a)], cut.rest_min[r]);
      ASSERT_LE(full.cost[static_cast<std::size_t>(a)], cut.rest_max[r]);
    }
  }
  EXPECT_GT(bounded, 1000);
  EXPECT_GT(left_out, 10);
}

// FeasibleHomes (the fast scan) gives every home the verdict CheckHome
// gives, on random homes and referrals that exercise every constraint.
TEST(FeasibleHomesTest, AgreesWithCheckHomeOnEveryHome) {
  std::mt19937 rng(7);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  auto point = [&] {
    return ToUnitVector({52.0 + pick(0, 1000) / 1000.0, -2.0 + pick(0, 1000) / 1000.0});
  };
  for (int round = 0; round < 200; ++round) {
    Snapshot s;
    s.free_begin.push_back(0);
    int base = 20000;
    for (int h = 0; h < 300; ++h) {
      s.id.push_back(HomeId(h + 1));
      s.setting.push_back(static_cast<Setting>(pick(0, 3)));
      s.point.push_back(point());
      s.min_age.push_back(static_cast<std::int8_t>(pick(0, 10)));
      s.max_age.push_back(static_cast<std::int8_t>(pick(8, 17)));
      s.needs_met.push_back(static_cast<std::uint32_t>(pick(0, 15)));
      s.risks_managed.push_back(static_cast<std::uint32_t>(pick(0, 15)));
      s.max_support_ratio.push_back(static_cast<SupportRatio>(pick(0, 3)));
      s.solo_only.push_back(pick(0, 5) == 0);
      s.has_pets.push_back(static_cast<std::uint8_t>(pick(0, 1)));
      s.max_siblings.push_back(static_cast<std::int8_t>(pick(0, 3)));
      s.parent_and_child.push_back(static_cast<std::uint8_t>(pick(0, 3) == 0));
      int residents = pick(0, 2);
      s.residents.push_back(static_cast<std::int16_t>(residents));
      int young = pick(0, 17), old = std::min(17, young + pick(0, 5));
      s.youngest_resident.push_back(static_cast<std::int8_t>(residents ? young : -1));
      s.oldest_resident.push_back(static_cast<std::int8_t>(residents ? old : -1));
      for (int k = pick(0, 3); k > 0; --k) s.free_from.push_back(base + pick(0, 3) * 7);
      std::sort(s.free_from.begin() + s.free_begin.back(), s.free_from.end());
      s.free_begin.push_back(static_cast<std::int32_t>(s.free_from.size()));
    }
    s.Index();
    for (int k = 0; k < 20; ++k) {
      ReferralNeeds r;
      r.age = pick(0, 17);
      r.places = pick(0, 3) == 0 ? pick(2, 4) : 1;
      r.latest_start_day = base + pick(0, 3) * 7;
      r.foster = static_cast<Suitability>(pick(0, 3));
      r.residential = static_cast<Suitability>(pick(0, 3));
      r.supported = static_cast<Suitability>(pick(0, 3));
      r.needs = static_cast<std::uint32_t>(pick(0, 15));
      r.risks = static_cast<std::uint32_t>(pick(0, 15));
      r.ratio = static_cast<SupportRatio>(pick(0, 5));
      r.companions = static_cast<LivingCompanions>(pick(0, 4));
      r.pets = static_cast<Pets>(pick(0, 3));
      r.parent_and_child = pick(0, 4) == 0;
      r.deprivation_of_liberty = pick(0, 4) == 0;
      for (int a = pick(0, 2); a > 0; --a) r.avoid.push_back(point());
      if (pick(0, 1)) {
        r.school = point();
        r.must_continue_school = pick(0, 1);
      }
      std::vector<std::int32_t> expected_feasible, feasible;
      ExclusionCounts expected, counts;
      for (std::size_t h = 0; h < s.size(); ++h) {
        Verdict v = CheckHome(r, s, h, DefaultPolicy());
        if (v.feasible()) expected_feasible.push_back(static_cast<std::int32_t>(h));
        expected.Add(v);
      }
      FeasibleHomes(r, s, DefaultPolicy(), feasible, &counts);
      ASSERT_EQ(feasible, expected_feasible) << "round " << round << " referral " << k;
      ASSERT_EQ(counts.total, expected.total);
      ASSERT_EQ(counts.by_constraint, expected.by_constraint) << "round " << round;
      ASSERT_EQ(counts.by_need, expected.by_need);
      ASSERT_EQ(counts.by_risk, expected.by_risk);
    }
  }
}

TEST(AssignTest, OptimalOnARegionWithACertificateAndEqualToTheFullGraph) {
  Region region = MakeRegion("NW-GM", 1);
  // Singles only, so the flow itself is the whole problem and the
  // certificate applies to the answer.
  std::vector<ReferralNeeds> singles;
  for (auto r : region.referrals)
    if (r.places == 1) singles.push_back(r);
  ArcSet arcs = BuildArcs(singles, region.snapshot, DefaultPolicy());
  Assignment fast = Assign(singles, region.snapshot, arcs, DefaultPolicy(), {.candidates = 2});
  Assignment full = AssignFullGraph(singles, region.snapshot, arcs, DefaultPolicy());
  ASSERT_EQ(fast.outcome, AssignOutcome::kOptimal);
  ASSERT_EQ(full.outcome, AssignOutcome::kOptimal);
  EXPECT_EQ(fast.weighted_placed, full.weighted_placed);
  EXPECT_EQ(fast.total_cost, full.total_cost);
  // The reduced date levels are exact: the natural network (a level per
  // free day, every place kept) has the same optimum.
  ArcSet natural = BuildArcs(singles, region.snapshot, DefaultPolicy(), 0, LevelKeying::kFreeDays);
  EXPECT_GT(natural.level_day.size(), arcs.level_day.size());
  Assignment plain = AssignFullGraph(singles, region.snapshot, natural, DefaultPolicy());
  EXPECT_EQ(plain.weighted_placed, fast.weighted_placed);
  EXPECT_EQ(plain.total_cost, fast.total_cost);
  EXPECT_LT(fast.arcs_built, static_cast<std::int64_t>(arcs.arcs()) * fast.pricing_rounds);
  EXPECT_EQ(CheckCertificate(singles, region.snapshot, arcs, DefaultPolicy(), fast), "");
  EXPECT_EQ(CheckCertificate(singles, region.snapshot, arcs, DefaultPolicy(), full), "");
  // Lists cut to each referral's cheapest few give the same optimum: the
  // lists the duals find short are built in full, and the answer is
  // certified on every feasible arc.
  for (std::int32_t keep : {1, 3, 10}) {
    ArcSet cut =
        BuildArcs(singles, region.snapshot, DefaultPolicy(), 0, LevelKeying::kDeadlines, keep);
    ASSERT_FALSE(cut.complete());
    EXPECT_LT(cut.arcs(), arcs.arcs());
    Assignment grown = Assign(singles, region.snapshot, cut, DefaultPolicy(), {.candidates = 2});
    ASSERT_EQ(grown.outcome, AssignOutcome::kOptimal) << "keep " << keep;
    EXPECT_EQ(grown.weighted_placed, fast.weighted_placed) << "keep " << keep;
    EXPECT_EQ(grown.total_cost, fast.total_cost) << "keep " << keep;
    EXPECT_EQ(CheckCertificate(singles, region.snapshot, arcs, DefaultPolicy(), grown), "");
    if (keep == 1) {
      EXPECT_GT(grown.lists_completed, 0);
    }
  }
  // A worse assignment fails the certificate: unplace one placed child.
  Assignment worse = fast;
  for (auto& h : worse.home_of)
    if (h >= 0) {
      h = -1;
      break;
    }
  EXPECT_NE(CheckCertificate(singles, region.snapshot, arcs, DefaultPolicy(), worse), "");
  // Every unplaced referral says why; explanations for every placed one.
  for (std::size_t r = 0; r < singles.size(); ++r) {
    if (fast.home_of[r] >= 0) {
      EXPECT_FALSE(fast.explanation[r].empty());
    } else {
      EXPECT_NE(fast.why_unplaced[r], Unplaced::kPlaced);
    }
  }
}

TEST(AssignTest, SiblingsLandTogetherAndTheResultRepeats) {
  Region region = MakeRegion("NW-GM", 2);
  ArcSet arcs = BuildArcs(region.referrals, region.snapshot, DefaultPolicy());
  Assignment a = Assign(region.referrals, region.snapshot, arcs, DefaultPolicy());
  Assignment b = Assign(region.referrals, region.snapshot, arcs, DefaultPolicy());
  Assignment full = AssignFullGraph(region.referrals, region.snapshot, arcs, DefaultPolicy());
  EXPECT_EQ(a.outcome, AssignOutcome::kOptimal);
  EXPECT_EQ(a.home_of, b.home_of);
  EXPECT_EQ(a.weighted_placed, full.weighted_placed);
  EXPECT_EQ(a.total_cost, full.total_cost);
  // Whole groups only: placing is by referral, so a group is in one home or
  // none; and the homes' places are respected.
  EXPECT_EQ(CheckCertificate(region.referrals, region.snapshot, arcs, DefaultPolicy(), a)
                .find("more children"),
            std::string::npos);
}

// ---------------------------------------------------------------------------
// Brute force on small random instances.

struct Small {
  Snapshot snapshot;
  std::vector<ReferralNeeds> referrals;
};

Small RandomSmall(std::mt19937& rng) {
  Small x;
  Snapshot& s = x.snapshot;
  s.as_at = Date(2025, 3, 31);
  s.rcc_ids = {RccId(1)};
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  int homes = pick(1, 10), refs = pick(1, 8);
  s.free_begin.push_back(0);
  int base = static_cast<int>(s.as_at.days_since_epoch());
  for (int h = 0; h < homes; ++h) {
    s.id.push_back(HomeId(h + 1));
    s.provider.push_back(ProviderId(1));
    s.name.push_back("home");
    s.setting.push_back(pick(0, 3) == 0 ? Setting::kChildrensHome : Setting::kFosteringHousehold);
    s.ofsted.push_back(static_cast<OfstedRating>(pick(0, 4)));
    LatLon p{53.0 + pick(0, 100) / 100.0, -2.0 + pick(0, 100) / 100.0};
    s.location.push_back(p);
    s.point.push_back(ToUnitVector(p));
    s.council.push_back(CouncilId(pick(1, 3)));
    s.rcc.push_back(0);
    s.min_age.push_back(0);
    s.max_age.push_back(17);
    s.needs_met.push_back(static_cast<std::uint32_t>(pick(0, 7)));
    s.risks_managed.push_back(static_cast<std::uint32_t>(pick(0, 7)));
    s.max_support_ratio.push_back(SupportRatio::kOneToOne);
    s.solo_only.push_back(pick(0, 9) == 0);
    s.has_pets.push_back(static_cast<std::uint8_t>(pick(0, 1)));
    s.in_house.push_back(static_cast<std::uint8_t>(pick(0, 1)));
    s.owner_council.push_back(s.in_house.back() ? s.council.back() : CouncilId());
    s.max_siblings.push_back(static_cast<std::int8_t>(pick(0, 2)));
    s.parent_and_child.push_back(0);
    s.residents.push_back(0);
    s.youngest_resident.push_back(-1);
    s.oldest_resident.push_back(-1);
    int places = pick(1, 3);
    std::vector<int> days;
    for (int k = 0; k < places; ++k) days.push_back(base + pick(0, 2) * 7);
    std::sort(days.begin(), days.end());
    for (int d : days) {
      s.free_from.push_back(d);
      s.vacancy.push_back(VacancyId(static_cast<std::int64_t>(s.vacancy.size()) + 1));
    }
    s.free_begin.push_back(static_cast<std::int32_t>(s.free_from.size()));
    Pence fee(pick(300, 6000) * 100);
    s.weekly_fee.push_back({fee, fee, fee, fee});
    s.fee_source.push_back(FeeSource::kContract);
    s.route.push_back({ContractType::kFramework, ContractType::kFramework, ContractType::kFramework,
                       ContractType::kFramework});
    s.national.push_back({});
    s.breakdown_percent.push_back(static_cast<float>(pick(0, 30)));
  }
  for (int r = 0; r < refs; ++r) {
    ReferralNeeds n;
    n.id = ReferralId(r + 1);
    n.council = CouncilId(pick(1, 3));
    n.rcc = 0;
    n.age = pick(1, 17);
    n.places = pick(0, 3) == 0 ? pick(2, 3) : 1;
    n.needed_by = static_cast<NeededBy>(pick(0, 2));
    n.latest_start_day = base + pick(0, 2) * 7;
    n.foster = Suitability::kPreferred;
    n.residential = pick(0, 1) ? Suitability::kSuitable : Suitability::kUnsuitable;
    n.needs = static_cast<std::uint32_t>(pick(0, 3));
    n.risks = static_cast<std::uint32_t>(pick(0, 3));
    n.ratio = SupportRatio::kStandard;
    n.pets = static_cast<Pets>(pick(1, 3));
    n.family = ToUnitVector({53.0 + pick(0, 100) / 100.0, -2.0 + pick(0, 100) / 100.0});
    if (pick(0, 1)) n.wishes.Add(ChildWish::kPets);
    x.referrals.push_back(n);
  }
  return x;
}

// The best (weighted placed, cost) over every whole assignment.
std::pair<std::int64_t, std::int64_t> Exhaustive(const Small& x, const ArcSet& arcs) {
  const auto& refs = x.referrals;
  std::vector<std::int64_t> choice(refs.size(), -1);  // arc index or -1
  std::pair<std::int64_t, std::int64_t> best{-1, 0};
  std::function<void(std::size_t)> go = [&](std::size_t r) {
    if (r == refs.size()) {
      // Capacity by date: per home, Hall's condition from the latest level.
      std::vector<std::int64_t> entering(arcs.level_day.size(), 0);
      std::int64_t weighted = 0, cost = 0;
      for (std::size_t i = 0; i < refs.size(); ++i) {
        if (choice[i] < 0) continue;
        auto a = static_cast<std::size_t>(choice[i]);
        entering[static_cast<std::size_t>(arcs.level[a])] += refs[i].places;
        weighted += refs[i].places *
                    DefaultPolicy().urgency_weight[static_cast<std::size_t>(refs[i].needed_by)];
        cost += refs[i].places * arcs.cost[a];
      }
      for (std::size_t h = 0; h + 1 < arcs.level_begin.size(); ++h) {
        std::int64_t carry = 0;
        for (auto l = arcs.level_begin[h + 1] - 1; l >= arcs.level_begin[h]; --l) {
          carry += entering[static_cast<std::size_t>(l)];
          carry -= std::min<std::int64_t>(carry, arcs.level_places[static_cast<std::size_t>(l)]);
        }
        if (carry > 0) return;
      }
      if (weighted > best.first || (weighted == best.first && cost < best.second))
        best = {weighted, cost};
      return;
    }
    choice[r] = -1;
    go(r + 1);
    for (auto a = arcs.begin[r]; a < arcs.begin[r + 1]; ++a) {
      choice[r] = a;
      go(r + 1);
    }
    choice[r] = -1;
  };
  go(0);
  return best;
}

TEST(AssignTest, EqualsTheExhaustiveOptimumOnThousandsOfSmallInstances) {
  std::mt19937 rng(20261123);
  int with_groups = 0, checked = 0, cut_lists = 0, grown = 0;
  for (int i = 0; i < 3000; ++i) {
    Small x = RandomSmall(rng);
    ArcSet arcs = BuildArcs(x.referrals, x.snapshot, DefaultPolicy(), 1);
    // The exhaustive search runs on the natural network (a level per free
    // day, every place), so it checks the reduced levels too.
    auto best = Exhaustive(
        x, BuildArcs(x.referrals, x.snapshot, DefaultPolicy(), 1, LevelKeying::kFreeDays));
    Assignment a =
        Assign(x.referrals, x.snapshot, arcs, DefaultPolicy(), {.candidates = 1, .explain = false});
    Assignment f =
        AssignFullGraph(x.referrals, x.snapshot, arcs, DefaultPolicy(), {.explain = false});
    ASSERT_EQ(a.outcome, AssignOutcome::kOptimal) << "instance " << i;
    ASSERT_EQ(a.weighted_placed, best.first) << "instance " << i;
    ASSERT_EQ(a.total_cost, best.second) << "instance " << i;
    ASSERT_EQ(f.weighted_placed, best.first) << "instance " << i;
    ASSERT_EQ(f.total_cost, best.second) << "instance " << i;
    // Cut lists (each referral's cheapest one or two arcs) reach the same
    // optimum, growing the lists the duals find short.
    const std::int32_t keep = 1 + i % 2;
    ArcSet cut =
        BuildArcs(x.referrals, x.snapshot, DefaultPolicy(), 1, LevelKeying::kDeadlines, keep);
    Assignment c =
        Assign(x.referrals, x.snapshot, cut, DefaultPolicy(), {.candidates = 1, .explain = false});
    Assignment cf =
        AssignFullGraph(x.referrals, x.snapshot, cut, DefaultPolicy(), {.explain = false});
    ASSERT_EQ(c.outcome, AssignOutcome::kOptimal) << "instance " << i;
    ASSERT_EQ(c.weighted_placed, best.first) << "instance " << i;
    ASSERT_EQ(c.total_cost, best.second) << "instance " << i;
    ASSERT_EQ(cf.weighted_placed, best.first) << "instance " << i;
    ASSERT_EQ(cf.total_cost, best.second) << "instance " << i;
    if (!cut.complete()) {
      ++cut_lists;
      grown += c.lists_completed > 0;
    }
    bool groups = false;
    for (auto& r : x.referrals) groups = groups || r.places > 1;
    with_groups += groups;
    ++checked;
  }
  EXPECT_EQ(checked, 3000);
  EXPECT_GT(with_groups, 500);
  // Both paths are walked: answers proved on the cut lists, and lists grown.
  EXPECT_GT(cut_lists, 1000);
  EXPECT_GT(grown, 100);
  EXPECT_LT(grown, cut_lists);
}

}  // namespace
}  // namespace carecoop::match
