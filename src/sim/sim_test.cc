// The simulator's mechanisms one at a time on hand-worked worlds (entries,
// leaving with the stock-and-flow identity, ageing out, breakdown and its
// factors, the usable share of places, foster carers joining and leaving
// and a leaving carer's children moving, the provider response's openings
// and closures at the rule's rates, the two sourcing policies, the
// footprint, spot, contracted and block fees, national contracts for rare
// needs, a pathfinder design and the focus, the longest wait), determinism
// over seeds and threads, and refusals naming the field.
#include <gtest/gtest.h>

#include <cmath>

#include "domain/examples.h"
#include "sim/report.h"
#include "sim/simulator.h"

namespace carecoop::sim {
namespace {

using match::ReferralNeeds;

constexpr std::int32_t kDay2025 = 20089;  // 2025-01-01, days since the epoch

// A world builder: councils with centres, homes placed by hand, and one
// plain need profile (a child of `age`, standard band, no needs or risks).
struct Builder {
  match::SnapshotInput input;
  std::vector<std::int32_t> places;
  std::vector<SimCouncil> councils;
  std::vector<StartingChild> children;
  std::vector<double> fees;  // pounds a week, by home
  std::vector<std::uint8_t> open;
  int age = 10;
  NeedBand band = NeedBand::kStandard;

  Builder() {
    input.as_at = Date(2025, 1, 1);
    Provider p = examples::ExampleProvider();
    p.id = ProviderId(1);
    input.providers = {p};
  }
  // A council at `centre`, in RCC `rcc_code` (RCCs are made as named).
  int AddCouncil(LatLon centre, double entries, const std::string& rcc_code = "R1") {
    carecoop::Council c =
        examples::ExampleCouncil(RegionId(1), static_cast<int>(councils.size()) + 1);
    c.id = CouncilId(static_cast<std::int64_t>(councils.size()) + 1);
    c.location = centre;
    input.councils.push_back(c);
    auto rcc = std::find_if(input.rccs.begin(), input.rccs.end(),
                            [&](const Rcc& r) { return r.code == rcc_code; });
    if (rcc == input.rccs.end()) {
      Rcc r = examples::ExampleRcc(RegionId(1), {});
      r.id = RccId(static_cast<std::int64_t>(input.rccs.size()) + 1);
      r.code = rcc_code;
      input.rccs.push_back(r);
      rcc = input.rccs.end() - 1;
    }
    rcc->member_councils.push_back(c.id);
    councils.push_back({.id = c.id,
                        .rcc = static_cast<std::int32_t>(rcc - input.rccs.begin()),
                        .centre = centre,
                        .entries_per_year = entries,
                        .families = {}});
    return static_cast<int>(councils.size()) - 1;
  }
  // A home of `council` at `at` with `n` places and a weekly fee.
  int AddHome(int council, LatLon at, int n, double fee,
              Setting setting = Setting::kFosteringHousehold, bool is_open = true,
              bool in_house = false) {
    ProviderId provider(1);
    if (in_house) {
      // The council's own provider.
      provider = ProviderId(100 + council);
      if (std::none_of(input.providers.begin(), input.providers.end(),
                       [&](const Provider& p) { return p.id == provider; })) {
        Provider p = examples::ExampleProvider();
        p.id = provider;
        p.ownership = Ownership::kCouncil;
        p.council = councils[council].id;
        input.providers.push_back(p);
      }
    }
    carecoop::Home h = examples::ExampleHome(provider, councils[council].id);
    h.id = HomeId(static_cast<std::int64_t>(input.homes.size()) + 1);
    h.setting = setting;
    h.location = at;
    h.registered_places = n;
    h.min_age = 0;
    h.max_age = 17;
    h.needs_met = {};
    h.risks_managed = {};
    h.max_support_ratio = SupportRatio::kStandard;
    h.solo_only = false;
    h.max_siblings = 3;
    h.has_pets = false;
    input.homes.push_back(h);
    // An open place, so the snapshot holds the home (the world gives it n).
    input.vacancies.push_back({.id = VacancyId(h.id.value()),
                               .home = h.id,
                               .available_from = Date(2025, 1, 1),
                               .status = VacancyStatus::kOpen});
    places.push_back(n);
    fees.push_back(fee);
    open.push_back(is_open ? 1 : 0);
    return static_cast<int>(input.homes.size()) - 1;
  }
  // A child of `council` at the start, in `home` (-1: waiting), aged `years`.
  void AddChild(int council, int home, double years) {
    children.push_back(
        {council, home, kDay2025 - static_cast<std::int32_t>(std::lround(years * 365.25)), 0});
  }
  World Make() {
    match::Snapshot s = match::BuildSnapshot(input);
    for (std::size_t h = 0; h < s.size(); ++h)
      s.weekly_fee[h].fill(Pence(std::llround(fees[h] * 100)));
    ReferralNeeds r;
    r.age = age;
    r.band = band;
    auto w = MakeWorld(Date(2025, 1, 1), std::move(s), places, councils, {r}, children, open);
    EXPECT_TRUE(w.ok()) << w.status().ToString();
    return std::move(*w);
  }
};

// Parameters with every mechanism off: no one leaves, nothing breaks down.
Parameters Still() {
  Parameters p;
  p.mean_stay_years = 1e9;
  p.breakdown_per_year = 0;
  p.spot_premium = 0;
  p.scarcity_slope = 0;
  p.available_share = {1, 1, 1, 1};
  p.carers_join_per_year = 0;
  p.carers_leave_per_year = 0;
  p.response_per_year = 0;
  return p;
}

Design NeedsLed(Footprint f = Footprint::kCouncil) {
  return {.name = "t", .footprint = f, .sourcing = Sourcing::kNeedsLed, .contracted_share = 1};
}

double Mean(const std::vector<RunOutcome>& runs, std::size_t year,
            std::int64_t YearOutcome::*field) {
  double sum = 0;
  for (const RunOutcome& r : runs) sum += static_cast<double>(r.years[year].*field);
  return sum / static_cast<double>(runs.size());
}

TEST(SimEntryTest, EachCouncilsEntriesArePoissonAtItsYearlyRateAndAllArePlaced) {
  Builder b;
  const int c = b.AddCouncil({53.4, -2.2}, 260);
  b.AddHome(c, {53.41, -2.2}, 5000, 500);
  const World w = b.Make();
  const auto runs = RunMany(w, NeedsLed(), Still(), 1, 40, 7, 2);
  // A year's entries: Poisson(260), mean 260, sd sqrt(260) ~ 16; of 40 runs'
  // mean, sd ~ 2.6: within 4 sd.
  EXPECT_NEAR(Mean(runs, 0, &YearOutcome::entries), 260, 4 * std::sqrt(260.0 / 40));
  for (const RunOutcome& r : runs) {
    EXPECT_EQ(r.years[0].placements, r.years[0].entries) << "a place for everyone";
    EXPECT_EQ(r.years[0].in_care_at_end, r.years[0].entries);
    EXPECT_EQ(r.years[0].leavers, 0);
  }
}

// Little's law, week by week: entries of mean m a week, each staying with
// weekly leaving probability q from the week after it is placed, give after
// n weeks an expected stock of m x (1 - (1 - q)^n) / q.
TEST(SimStockTest, TheStockIsEntriesTimesTheMeanStayAsTheFlowsPredict) {
  Builder b;
  b.age = 1;  // no one reaches 18 in ten years
  const int c = b.AddCouncil({53.4, -2.2}, 520);
  b.AddHome(c, {53.41, -2.2}, 10000, 500);
  const World w = b.Make();
  Parameters p = Still();
  p.mean_stay_years = 2;
  const auto runs = RunMany(w, NeedsLed(), p, 10, 24, 11, 2);
  const double m = 520.0 / 52, q = 1 - std::exp(-1.0 / (52 * 2));
  for (int years : {1, 5, 10}) {
    const double n = 52.0 * years;
    const double expected = m * (1 - std::pow(1 - q, n)) / q;
    const double mean =
        Mean(runs, static_cast<std::size_t>(years - 1), &YearOutcome::in_care_at_end);
    // The stock is Poisson with that mean (thinned Poisson entries): sd of the
    // 24 runs' mean sqrt(expected / 24).
    EXPECT_NEAR(mean, expected, 4 * std::sqrt(expected / 24)) << "after " << years << " years";
  }
  EXPECT_NEAR(m * 52 * 2, 1040, 1e-9) << "steady state: entries x mean stay";
}

TEST(SimAgeingTest, AChildLeavesCareOnReachingEighteen) {
  Builder b;
  const int c = b.AddCouncil({53.4, -2.2}, 0);
  const int h = b.AddHome(c, {53.41, -2.2}, 3, 500);
  b.AddChild(c, h, 17.97);  // 18 in about 11 days
  b.AddChild(c, h, 16.0);
  const World w = b.Make();
  const RunOutcome r = RunOnce(w, NeedsLed(), Still(), 2, 1);
  EXPECT_EQ(r.years[0].leavers, 1);
  EXPECT_EQ(r.years[0].in_care_at_end, 1);
  EXPECT_EQ(r.years[1].leavers, 0);
}

// A placed child's placement breaks down with weekly probability
// 1 - exp(-h / 52); every child is placed again at once (places are
// plenty), so N children make N x 52 x that many changes a year. Far from
// the family, h is multiplied by the far factor.
TEST(SimBreakdownTest, PlacementsBreakDownAtTheRateAndFarOnesFaster) {
  for (bool far : {false, true}) {
    Builder b;
    // Families live at the council's centre; far: the only home is 100 km away.
    const int c = b.AddCouncil({53.4, -2.2}, 0);
    const int other = b.AddCouncil({52.5, -2.2}, 0);
    const int h =
        far ? b.AddHome(other, {52.5, -2.2}, 5000, 500) : b.AddHome(c, {53.41, -2.2}, 5000, 500);
    for (int i = 0; i < 1000; ++i) b.AddChild(c, h, 5);
    const World w = b.Make();
    Parameters p = Still();
    p.breakdown_per_year = 0.5;
    p.far_factor = 3;
    const auto runs = RunMany(w, NeedsLed(Footprint::kNational), p, 1, 8, 3, 2);
    const double hazard = 0.5 * (far ? 3 : 1);
    const double expected = 1000 * 52 * (1 - std::exp(-hazard / 52));
    EXPECT_NEAR(Mean(runs, 0, &YearOutcome::changes), expected, 4 * std::sqrt(expected / 8))
        << (far ? "far" : "near");
    EXPECT_EQ(runs[0].years[0].placements, runs[0].years[0].changes) << "each placed again";
    EXPECT_EQ(runs[0].years[0].far, far ? runs[0].years[0].placements : 0);
  }
}

// Two agency carers: a cheap one 80 km away and a dearer one 2 km away.
// Sequential sourcing comparing both offers takes the cheapest in the tier
// (taking the first offer only, the nearest); needs-led, the matching
// engine's cost, takes the near one.
TEST(SimSourcingTest, SequentialTakesTheCheapestNeedsLedTheNearest) {
  Builder b;
  const int c = b.AddCouncil({53.4, -2.2}, 0);
  b.AddHome(c, {52.68, -2.2}, 1, 700);   // ~80 km south
  b.AddHome(c, {53.418, -2.2}, 1, 900);  // ~2 km
  b.AddChild(c, -1, 10);
  const World w = b.Make();
  Design sequential = NeedsLed();
  sequential.sourcing = Sourcing::kSequential;
  Parameters both = Still();
  both.sequential_candidates = 2;
  EXPECT_EQ(RunOnce(w, sequential, Still(), 1, 5).years[0].far, 0)
      << "the first offer: the nearest";
  const RunOutcome s = RunOnce(w, sequential, both, 1, 5);
  const RunOutcome n = RunOnce(w, NeedsLed(), Still(), 1, 5);
  ASSERT_EQ(s.years[0].placements, 1);
  ASSERT_EQ(n.years[0].placements, 1);
  EXPECT_EQ(s.years[0].far, 1) << "sequential: the £700 carer, 80 km away";
  EXPECT_EQ(n.years[0].far, 0) << "needs-led: the carer 2 km away";
  EXPECT_NEAR(s.years[0].spend, 52 * 700.0, 1e-6);
  EXPECT_NEAR(n.years[0].spend, 52 * 900.0, 1e-6);
}

// The footprint decides where the hub searches first: a council alone
// places in its own area, though a neighbour's home (same RCC) is nearer;
// an RCC places in the nearer neighbour's home, inside the RCC.
TEST(SimFootprintTest, ACouncilSearchesItsOwnAreaFirstAnRccItsWholeArea) {
  Builder b;
  const int a = b.AddCouncil({53.4, -2.2}, 0);
  const int n = b.AddCouncil({53.4, -2.0}, 0);
  b.AddHome(a, {53.2, -2.2}, 1, 800);   // A's own, ~22 km south
  b.AddHome(n, {53.4, -2.17}, 1, 800);  // the neighbour's, ~2 km east
  b.AddChild(a, -1, 10);
  const World w = b.Make();
  const RunOutcome alone = RunOnce(w, NeedsLed(Footprint::kCouncil), Still(), 1, 9);
  const RunOutcome rcc = RunOnce(w, NeedsLed(Footprint::kRcc), Still(), 1, 9);
  ASSERT_EQ(alone.years[0].placements, 1);
  ASSERT_EQ(rcc.years[0].placements, 1);
  EXPECT_EQ(alone.years[0].outside_council, 0);
  EXPECT_EQ(rcc.years[0].outside_council, 1);
  EXPECT_EQ(rcc.years[0].outside_rcc, 0);
}

// A place outside the contracted share costs the spot fee: the home's fee
// x (1 + premium) x (1 + slope x (occupancy - threshold)) once England's
// occupancy of the setting passes the threshold.
TEST(SimPriceTest, SpotPlacesPayThePremiumAndTheScarcityMarkUp) {
  Builder b;
  const int c = b.AddCouncil({53.4, -2.2}, 0);
  const int h = b.AddHome(c, {53.41, -2.2}, 10, 1000);
  for (int i = 0; i < 8; ++i) b.AddChild(c, h, 10);  // 8 of 10 places used
  b.AddChild(c, -1, 10);                             // placed as the 9th: occupancy 0.8 then
  const World w = b.Make();
  Parameters p = Still();
  p.spot_premium = 0.1;
  p.scarcity_from = 0.5;
  p.scarcity_slope = 2;
  Design spot = NeedsLed();
  spot.contracted_share = 0;
  const RunOutcome r = RunOnce(w, spot, p, 1, 1);
  ASSERT_EQ(r.years[0].placements, 1);
  EXPECT_EQ(r.years[0].spot, 1);
  // The starting eight were priced at occupancy 0..0.7 as they were put in;
  // the ninth at 0.8: 1000 x 1.1 x (1 + 2 x 0.3) = 1,760 a week.
  double start = 0;
  for (int i = 0; i < 8; ++i) start += 1000 * 1.1 * (1 + 2 * std::max(0.0, i / 10.0 - 0.5));
  EXPECT_NEAR(r.years[0].spend, 52 * (start + 1760), 1e-6);
  Design contracted = NeedsLed();
  const RunOutcome c1 = RunOnce(w, contracted, p, 1, 1);
  EXPECT_EQ(c1.years[0].spot, 0);
  EXPECT_NEAR(c1.years[0].spend, 52 * 9 * 1000.0, 1e-6);
}

// Of a home's places, a fixed share is offered: 400 children wait for a
// home of 1,000 places of which a share 0.3 is usable; about 300 are placed
// (each place usable with probability 0.3, independently), the same ones in
// every run.
TEST(SimAvailabilityTest, AHomeOffersTheAvailableShareOfItsPlaces) {
  Builder b;
  const int c = b.AddCouncil({53.4, -2.2}, 0);
  b.AddHome(c, {53.41, -2.2}, 1000, 500);
  for (int i = 0; i < 400; ++i) b.AddChild(c, -1, 10);
  const World w = b.Make();
  Parameters p = Still();
  p.available_share[static_cast<std::size_t>(Setting::kFosteringHousehold)] = 0.3;
  p.max_wait_weeks = 1;
  const RunOutcome one = RunOnce(w, NeedsLed(), p, 1, 1);
  const RunOutcome two = RunOnce(w, NeedsLed(), p, 1, 2);
  EXPECT_NEAR(static_cast<double>(one.years[0].placements), 300, 4 * std::sqrt(1000 * 0.3 * 0.7));
  EXPECT_EQ(one.years[0].placements, two.years[0].placements) << "a fixed subset of places";
  EXPECT_EQ(one.years[0].places_at_end[0], one.years[0].placements) << "every usable place used";
  EXPECT_EQ(one.years[0].unplaced, 400 - one.years[0].placements);
}

// Foster carers join and leave: n households open, joining at rate j and
// leaving at rate l a year (each a share of those open), give
// n' = (j - l) n, so over a year E[joined] = j n0 (1 - e^(-(l-j))) / (l - j)
// and E[left] = l n0 (same); the weekly steps differ from the continuous
// flow by under 0.1%.
TEST(SimSupplyTest, FosterCarersJoinAndLeaveAtTheirRates) {
  Builder b;
  const int c = b.AddCouncil({53.4, -2.2}, 0);
  for (int i = 0; i < 2000; ++i) b.AddHome(c, {53.41, -2.2}, 1, 500);
  for (int i = 0; i < 4000; ++i)
    b.AddHome(c, {53.41, -2.2}, 1, 500, Setting::kFosteringHousehold, false);
  const World w = b.Make();
  Parameters p = Still();
  p.carers_join_per_year = 0.1;
  p.carers_leave_per_year = 0.3;
  const auto runs = RunMany(w, NeedsLed(), p, 1, 16, 5, 2);
  const double flow = 2000 * (1 - std::exp(-0.2)) / 0.2;
  const double joined = 0.1 * flow, left = 0.3 * flow;
  EXPECT_NEAR(Mean(runs, 0, &YearOutcome::carers_joined), joined, 4 * std::sqrt(joined / 16));
  EXPECT_NEAR(Mean(runs, 0, &YearOutcome::carers_left), left, 4 * std::sqrt(left / 16));
  for (const RunOutcome& r : runs)
    EXPECT_EQ(r.years[0].places_at_end[0],
              2000 + r.years[0].carers_joined - r.years[0].carers_left);
}

// A carer who leaves ends the placements there: with no breakdowns, every
// placement change is a child whose carer left (one child a household at
// most), and each is placed again.
TEST(SimSupplyTest, ALeavingCarersChildrenMove) {
  Builder b;
  const int c = b.AddCouncil({53.4, -2.2}, 0);
  for (int i = 0; i < 300; ++i) b.AddChild(c, b.AddHome(c, {53.41, -2.2}, 1, 500), 8);
  b.AddHome(c, {53.42, -2.2}, 1000, 700, Setting::kChildrensHome);
  const World w = b.Make();
  Parameters p = Still();
  p.carers_leave_per_year = 0.5;
  const RunOutcome r = RunOnce(w, NeedsLed(), p, 1, 4);
  EXPECT_GT(r.years[0].changes, 0);
  EXPECT_LE(r.years[0].changes, r.years[0].carers_left);
  EXPECT_EQ(r.years[0].placements, r.years[0].changes);
  EXPECT_EQ(r.years[0].in_care_at_end, 300);
  p.carers_leave_per_year = 0;
  EXPECT_EQ(RunOnce(w, NeedsLed(), p, 1, 4).years[0].changes, 0);
}

// The provider response. Closing: 100 empty children's homes of providers,
// occupancy 0 (below close_below), close at yearly rate response x homes
// open each quarter: E[open after quarter q+1] = (1 - response / 4) x
// E[open after q], so E[closed in a year] = 100 (1 - (1 - r/4)^4).
// Opening, with open_above 0: homes of one place, all full, open at the
// yearly rate response x homes open x occupancy = response x children
// placed, a constant 1,000: E[opened] = 4 x r/4 x 1000, while potential
// homes last.
TEST(SimProviderResponseTest, EmptyHomesCloseAndFullAreasOpenHomesAtTheRuleRates) {
  Builder empty;
  const int c = empty.AddCouncil({53.4, -2.2}, 0);
  for (int i = 0; i < 100; ++i) empty.AddHome(c, {53.41, -2.2}, 2, 4000, Setting::kChildrensHome);
  Parameters p = Still();
  p.response_per_year = 0.4;
  const auto closing = RunMany(empty.Make(), NeedsLed(), p, 1, 40, 8, 2);
  const double closed = 100 * (1 - std::pow(0.9, 4));
  EXPECT_NEAR(Mean(closing, 0, &YearOutcome::homes_closed), closed, 4 * std::sqrt(closed / 40));
  EXPECT_EQ(Mean(closing, 0, &YearOutcome::homes_opened), 0);

  Builder full;
  const int f = full.AddCouncil({53.4, -2.2}, 0);
  for (int i = 0; i < 1000; ++i)
    full.AddChild(f, full.AddHome(f, {53.41, -2.2}, 1, 4000, Setting::kChildrensHome), 12);
  for (int i = 0; i < 1000; ++i)
    full.AddHome(f, {53.41, -2.2}, 1, 4000, Setting::kChildrensHome, false);
  p.open_above = 0;
  p.close_below = 0;
  p.response_per_year = 0.04;
  const auto opening = RunMany(full.Make(), NeedsLed(), p, 1, 40, 9, 2);
  EXPECT_NEAR(Mean(opening, 0, &YearOutcome::homes_opened), 40, 4 * std::sqrt(40.0 / 40));
  EXPECT_EQ(Mean(opening, 0, &YearOutcome::homes_closed), 0) << "no home is empty and open_above 0";
}

// Block contracts: 4 children in a block home of 10 usable places at
// £1,000 a week, the block discount 0.1: the commissioner pays £900 for
// each of the 10 places, filled or not: 52 x 9,000 a year. Without the
// block, the four placements at £1,000.
TEST(SimContractTest, ABlockIsPaidForItsEmptyPlacesAtTheBlockFee) {
  Builder b;
  const int c = b.AddCouncil({53.4, -2.2}, 0);
  const int h = b.AddHome(c, {53.41, -2.2}, 10, 1000, Setting::kChildrensHome);
  for (int i = 0; i < 4; ++i) b.AddChild(c, h, 12);
  const World w = b.Make();
  Parameters p = Still();
  p.block_discount = 0.1;
  Design block = NeedsLed();
  block.block_share = 1;
  EXPECT_NEAR(RunOnce(w, block, p, 1, 1).years[0].spend, 52 * 9000.0, 1e-6);
  EXPECT_NEAR(RunOnce(w, NeedsLed(), p, 1, 1).years[0].spend, 52 * 4000.0, 1e-6);
  block.block_share = 0.5;
  block.contracted_share = 0.4;
  EXPECT_EQ(Validate(block).field(), "blockShare");
}

// Buying sequentially, a hub fills a block's paid-for place before a
// cheaper contracted one of the same setting: of two carers, the one whose
// contract draw is lower is made the block (the shares between the draws)
// and dearer (£1,000 against £600).
TEST(SimContractTest, ASequentialHubFillsABlocksPlacesFirst) {
  Builder b;
  const int c = b.AddCouncil({53.4, -2.2}, 0);
  const double one = ContractDraw(HomeId(1)), two = ContractDraw(HomeId(2));
  b.AddHome(c, {53.41, -2.2}, 1, one < two ? 1000 : 600);
  b.AddHome(c, {53.42, -2.2}, 1, one < two ? 600 : 1000);
  b.AddChild(c, -1, 10);
  const World w = b.Make();
  Parameters p = Still();
  p.sequential_candidates = 2;
  p.block_discount = 0;
  Design d = NeedsLed();
  d.sourcing = Sourcing::kSequential;
  EXPECT_NEAR(RunOnce(w, d, p, 1, 1).years[0].spend, 52 * 600.0, 1e-6) << "no block: the cheaper";
  d.block_share = (one + two) / 2;  // the lower draw's home only
  EXPECT_NEAR(RunOnce(w, d, p, 1, 1).years[0].spend, 52 * 1000.0, 1e-6)
      << "the block's place, already paid for (so no void)";
}

// National contracts for rare needs: a specialist child, a children's
// home staffing 2:1 under a national contract 100 km away, an ordinary one
// near. Off, a council buying sequentially takes the near one (spot);
// on, the national contract's home first, at its contracted fee.
TEST(SimContractTest, NationalRareNeedsContractsPlaceARareNeedFirstInTheirHomes) {
  Builder b;
  b.band = NeedBand::kSpecialist;
  b.age = 14;
  const int c = b.AddCouncil({53.4, -2.2}, 0);
  const int other = b.AddCouncil({52.5, -2.2}, 0, "R2");
  const int rare = b.AddHome(other, {52.5, -2.2}, 1, 6000, Setting::kChildrensHome);
  b.input.homes[static_cast<std::size_t>(rare)].max_support_ratio = SupportRatio::kTwoToOne;
  b.AddHome(c, {53.41, -2.2}, 1, 6000, Setting::kChildrensHome);
  b.AddChild(c, -1, 14);
  const World w = b.Make();
  Parameters p = Still();
  p.spot_premium = 0.5;
  p.national_rare_share = 1;
  Design today = TodayDesign();
  today.contracted_share = 0;
  const RunOutcome off = RunOnce(w, today, p, 1, 1);
  ASSERT_EQ(off.years[0].placements, 1);
  EXPECT_EQ(off.years[0].far, 0);
  EXPECT_NEAR(off.years[0].spend, 52 * 9000.0, 1e-6) << "spot: 6,000 x 1.5";
  today.national_rare_needs = true;
  const RunOutcome on = RunOnce(w, today, p, 1, 1);
  ASSERT_EQ(on.years[0].placements, 1);
  EXPECT_EQ(on.years[0].far, 1);
  EXPECT_EQ(on.years[0].spot, 0);
  EXPECT_NEAR(on.years[0].spend, 52 * 6000.0, 1e-6);
}

// A pathfinder: a design tried in some RCCs only, the rest of England
// running today's. Two councils far apart, in R1 and R2, each with two of
// its own carers, a cheap one 80 km away and a dearer one 2 km away. Needs-
// led in R1 only: R1's child goes near, R2's (today: the cheapest offer of
// two) far; the focus counts one RCC's children only.
TEST(SimPathfinderTest, ADesignAppliesInItsRccsOnlyAndTheFocusCountsTheirChildren) {
  Builder b;
  const int one = b.AddCouncil({53.4, -2.2}, 0, "R1");
  const int two = b.AddCouncil({51.5, -0.1}, 0, "R2");
  for (int c : {one, two}) {
    const LatLon centre = b.councils[static_cast<std::size_t>(c)].centre;
    b.AddHome(c, {centre.lat - 0.72, centre.lon}, 1, 700, Setting::kFosteringHousehold, true, true);
    b.AddHome(c, {centre.lat + 0.018, centre.lon}, 1, 900, Setting::kFosteringHousehold, true,
              true);
    b.AddChild(c, -1, 10);
  }
  const World w = b.Make();
  Parameters p = Still();
  p.sequential_candidates = 2;
  Design pathfinder = NeedsLed(Footprint::kRcc);
  pathfinder.rccs = {w.councils[static_cast<std::size_t>(one)].rcc};
  const RunOutcome all = RunOnce(w, pathfinder, p, 1, 1);
  EXPECT_EQ(all.years[0].placements, 2);
  EXPECT_EQ(all.years[0].far, 1) << "R2's child, under today's design";
  const RunOutcome r1 =
      RunOnce(w, pathfinder, p, 1, 1, {w.councils[static_cast<std::size_t>(one)].rcc});
  EXPECT_EQ(r1.years[0].placements, 1);
  EXPECT_EQ(r1.years[0].far, 0);
  EXPECT_NEAR(r1.years[0].spend, 52 * 900.0, 1e-6);
  const RunOutcome r2 =
      RunOnce(w, pathfinder, p, 1, 1, {w.councils[static_cast<std::size_t>(two)].rcc});
  EXPECT_EQ(r2.years[0].far, 1);
  EXPECT_NEAR(r2.years[0].spend, 52 * 700.0, 1e-6);
  EXPECT_EQ(r2.years[0].in_care_at_end, 1);
}

TEST(SimWaitTest, AReferralNoHomeCanTakeLeavesAfterTheLongestWait) {
  Builder b;
  b.age = 10;
  const int c = b.AddCouncil({53.4, -2.2}, 0);
  b.AddHome(c, {53.41, -2.2}, 1, 500);
  const int h = 0;
  b.AddChild(c, h, 10);   // fills the only place, for good
  b.AddChild(c, -1, 10);  // waits
  const World w = b.Make();
  Parameters p = Still();
  p.max_wait_weeks = 5;
  const RunOutcome r = RunOnce(w, NeedsLed(), p, 1, 1);
  EXPECT_EQ(r.years[0].waiting_weeks, 5);
  EXPECT_EQ(r.years[0].unplaced, 1);
  EXPECT_EQ(r.years[0].in_care_at_end, 1);
}

TEST(SimDeterminismTest, TheSameSeedGivesTheSameRunsOnAnyNumberOfThreads) {
  Builder b;
  const int c = b.AddCouncil({53.4, -2.2}, 300);
  const int d = b.AddCouncil({53.0, -2.0}, 200, "R2");
  b.AddHome(c, {53.41, -2.2}, 300, 600);
  b.AddHome(d, {53.01, -2.0}, 200, 700);
  b.AddHome(d, {53.2, -2.1}, 100, 4000, Setting::kChildrensHome);
  const World w = b.Make();
  Parameters p;
  p.mean_stay_years = 2;
  auto key = [](const std::vector<RunOutcome>& runs) {
    std::vector<std::int64_t> k;
    for (const RunOutcome& r : runs)
      for (const YearOutcome& y : r.years)
        k.insert(k.end(), {y.entries, y.leavers, y.changes, y.placements, y.far, y.outside_council,
                           y.spot, std::llround(y.spend)});
    return k;
  };
  const auto one = RunMany(w, NeedsLed(Footprint::kRcc), p, 3, 6, 42, 1);
  const auto three = RunMany(w, NeedsLed(Footprint::kRcc), p, 3, 6, 42, 3);
  EXPECT_EQ(key(one), key(three));
  EXPECT_EQ(key(one), key(RunMany(w, NeedsLed(Footprint::kRcc), p, 3, 6, 42, 2)));
  EXPECT_NE(key(one), key(RunMany(w, NeedsLed(Footprint::kRcc), p, 3, 6, 43, 2)));
  EXPECT_NE(one[0].seed, one[1].seed);
  // Common random numbers: another design on the same seed meets the same
  // children entering care, year by year.
  Design sequential = NeedsLed(Footprint::kCouncil);
  sequential.sourcing = Sourcing::kSequential;
  const auto other = RunMany(w, sequential, p, 3, 6, 42, 2);
  for (std::size_t r = 0; r < one.size(); ++r)
    for (std::size_t y = 0; y < 3; ++y)
      EXPECT_EQ(other[r].years[y].entries, one[r].years[y].entries) << r << " " << y;
  // The summary's interval holds its mean; the paired difference of a
  // design from itself is nil.
  for (const Measure& m : Measures())
    for (std::size_t y = 0; y < 3; ++y) {
      const Estimate e = Over(one, y, m.of_run);
      EXPECT_LE(e.low, e.mean) << m.name;
      EXPECT_GE(e.high, e.mean) << m.name;
      const Estimate same = Difference(one, three, y, m.of_run);
      EXPECT_EQ(same.mean, 0) << m.name;
      EXPECT_EQ(same.low, same.high) << m.name;
    }
}

TEST(SimInputTest, BadDesignsParametersAndWorldsAreRefusedNamingTheField) {
  Design d;
  d.contracted_share = 1.5;
  EXPECT_EQ(Validate(d).field(), "contractedShare");
  Parameters p;
  p.mean_stay_years = 0;
  EXPECT_EQ(Validate(p).field(), "meanStayYears");
  p = {};
  p.far_factor = -1;
  EXPECT_EQ(Validate(p).field(), "farFactor");
  p = {};
  p.scarcity_from = 2;
  EXPECT_EQ(Validate(p).field(), "scarcityFrom");
  Builder b;
  const int c = b.AddCouncil({53.4, -2.2}, 1);
  b.AddHome(c, {53.41, -2.2}, 1, 500);
  b.AddChild(c, 7, 10);
  auto w = MakeWorld(Date(2025, 1, 1), match::BuildSnapshot(b.input), b.places, b.councils,
                     {ReferralNeeds{}}, b.children);
  EXPECT_EQ(w.status().field(), "children[0].home");
  auto none =
      MakeWorld(Date(2025, 1, 1), match::BuildSnapshot(b.input), b.places, b.councils, {}, {});
  EXPECT_EQ(none.status().field(), "profiles");
}

}  // namespace
}  // namespace carecoop::sim
