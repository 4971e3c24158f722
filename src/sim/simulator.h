// The policy simulator's engine: a week-by-week stochastic simulation of
// England's placement system under a commissioning design, run as Monte
// Carlo over seeds (docs/simulator.md).
//
// Model. The world is England's homes (a match::Snapshot: each home's
// setting, places, location, council, what it meets and its fee by need
// band), with potential homes not open at the start (where foster carers
// may join and providers open homes), its councils (centre, RCC, children
// entering care a year, where families live), the need profiles referrals
// are drawn from, and the children in care at the start. Of each home's
// places a fixed share by setting is usable. Each week, in this order:
//   1. Entries: each council's, Poisson with mean entries_per_year / 52;
//      each draws an age group by entry_age_share, then a need profile of
//      that age, and becomes a referral.
//   2. Supply: foster households join and leave (Poisson, at yearly rates
//      of those open; a leaving carer's children move); each quarter, in
//      each RCC's area, providers open children's homes and supported
//      accommodation where occupancy (and price) is high and close empty
//      ones where it is low (Parameters, the provider response).
//   3. Leaving and moving: each child placed leaves care at 18, or with
//      weekly probability 1 - exp(-1 / (52 x mean_stay_years)); else its
//      placement breaks down with probability 1 - exp(-h / 52), h =
//      breakdown_per_year x the setting's factor x unmet_needs_factor (needs
//      not fully met) x far_factor (over 20 miles): a placement change, the
//      child referred again (at 16 or 17 perhaps planned for supported
//      accommodation).
//   4. Sourcing, oldest referral first: in each setting the referral
//      allows, the nearest feasible homes with a usable free place
//      (match::CheckHome) to the child's family, those the design's
//      footprint buys first (a council's own, or contracted in the
//      council's, the RCC's or England's area; national contracts for rare
//      needs anywhere), else the open market; a sequential hub takes the
//      plan's setting, a block's paid place, the cheapest setting, the
//      cheapest fee (one offer a setting); a needs-led hub the lowest
//      match::Cost of `candidates` a setting. No home: the referral waits;
//      after max_wait_weeks it leaves the model, unplaced.
//   5. Spend: each child's weekly fee (contracted, block, or spot: the fee
//      x (1 + spot_premium) x a scarcity mark-up on England's occupancy of
//      the setting), and the empty usable places of block homes.
// A design applies in the RCCs it names (a pathfinder), today's elsewhere.
// docs/simulator.md gives every rule, parameter and source.
//
// Method. Each run has its own random streams (std::mt19937_64 seeded by
// SplitMix64 of the seed and the run's number), so the runs are independent
// and a run's result depends on the seed and its number alone, not on the
// thread that runs it or on the thread count. Entries (who enters care, when,
// with what needs and family) have a stream of their own, so two designs run
// on one seed meet the same children (common random numbers), and their
// difference is measured run by run. RunMany spreads runs over
// threads; sim/report.h gives each measure's mean and 95% interval over
// runs (mean +- 1.96 standard deviations of the runs / sqrt(runs)).
//
// Complexity: per week O(councils + children placed + fostering households
// + referrals x the free homes in the rings searched), and each
// quarter O(homes); the candidate search walks a grid of the homes with a
// free place ring by ring from the family until it has its candidates.
// MakeWorld: O(councils x homes).
//
// References: entry, leaving and placement-change rates from the DfE's
// children looked after statistics (shared/data/codes/calibration_england.csv);
// the stock-and-flow identity stock = entries x mean stay (Little's law);
// docs/simulator.md gives each parameter's source.
#ifndef CARECOOP_SIM_SIMULATOR_H_
#define CARECOOP_SIM_SIMULATOR_H_

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/enum_names.h"
#include "core/status.h"
#include "match/policy.h"
#include "match/snapshot.h"

namespace carecoop::sim {

// Where a hub searches first and buys under contract.
enum class Footprint : std::uint8_t { kCouncil, kRcc, kNational };
// How a hub chooses among the homes it finds.
enum class Sourcing : std::uint8_t { kSequential, kNeedsLed };

}  // namespace carecoop::sim

namespace carecoop {
template <>
struct EnumInfo<sim::Footprint> {
  static constexpr std::array<EnumEntry<sim::Footprint>, 3> kEntries = {{
      {sim::Footprint::kCouncil, "council", "Each council alone"},
      {sim::Footprint::kRcc, "rcc", "Regional care co-operatives"},
      {sim::Footprint::kNational, "national", "One national pool"},
  }};
};
template <>
struct EnumInfo<sim::Sourcing> {
  static constexpr std::array<EnumEntry<sim::Sourcing>, 2> kEntries = {{
      {sim::Sourcing::kSequential, "sequential", "Sequential (cheapest first)"},
      {sim::Sourcing::kNeedsLed, "needs_led", "Needs-led (the matching engine)"},
  }};
};
}  // namespace carecoop

namespace carecoop::sim {

// The age groups entrants are drawn by (Parameters::entry_age_share).
inline constexpr std::size_t kAgeGroups = 5;

// A commissioning design under test.
struct Design {
  std::string name;
  Footprint footprint = Footprint::kCouncil;
  Sourcing sourcing = Sourcing::kSequential;
  // The contract mix: of the homes of each commissioner's area, the share
  // under contract (searched first, bought at the contracted fee), and of
  // them the share under block contracts (bought at the block discount,
  // their empty usable places paid for too); the rest are spot.
  double contracted_share = 0.5;
  double block_share = 0;
  // National contracts for rare needs: a rare-needs child (a specialist
  // band, or a deprivation of liberty) is placed first in a home under one,
  // anywhere in England, at the contracted fee.
  bool national_rare_needs = false;
  // Where the design applies (RCC indices of the world's snapshot): empty,
  // England; else only those RCCs' councils, the rest running today's
  // design (TodayDesign) - a pathfinder.
  std::vector<std::int32_t> rccs;
};
// The fixed draw in [0, 1) that puts home `id` under contract (a share s
// contracts the homes whose draw is below s; block contracts likewise):
// the same in every run and design.
double ContractDraw(HomeId id);

// InvalidArgument naming the field: a contracted share outside [0, 1], a
// block share outside [0, contracted share].
Status Validate(const Design& design);
// Today's design: each council alone, sequential sourcing, 40% of places
// contracted, no block contracts, no national contracts for rare needs (the
// calibration's baseline; data/designs/today.json).
Design TodayDesign();

// The rates and rules of the model (docs/simulator.md gives each source).
struct Parameters {
  double mean_stay_years = 2.4;      // leaving care: exponential stay
  double breakdown_per_year = 0.55;  // placement changes a fostered child a year, needs met, near
  // x the breakdown hazard by Setting (fostering 1, children's home, secure, supported)
  std::array<double, 4> breakdown_setting_factor = {1, 2, 2, 1};
  double unmet_needs_factor = 2.0;  // x the breakdown hazard when needs are not fully met
  double far_factor = 1.2;          // x the breakdown hazard when placed over 20 miles away
  double spot_premium = 0.12;       // spot fee over the contracted fee
  double scarcity_from = 0.85;      // England's occupancy of a setting where spot prices rise
  double scarcity_slope = 2.0;      // spot fee x (1 + slope x (occupancy - scarcity_from))
  // In each setting, the nearest feasible homes with a usable free place a
  // hub compares: needs-led, the matching engine ranks `candidates`; buying
  // sequentially, a hub takes the first offer, the nearest.
  int candidates = 10;
  int sequential_candidates = 1;
  int max_wait_weeks = 26;  // a referral not placed by then leaves the system modelled
  // Of a home's registered places, the share a hub can use, by Setting
  // (fostering, children's home, secure, supported): the rest are carers on
  // hold, beds not staffed. A fixed pseudo-random subset of each home's places.
  std::array<double, 4> available_share = {0.76, 0.9, 0.88, 0.9};
  // Foster carers: households joining and leaving a year, each a share of
  // the fostering households open. A leaving household's children move (a
  // placement change).
  double carers_join_per_year = 0.095;
  double carers_leave_per_year = 0.113;
  // Providers' response: each quarter, in each RCC's area, for children's
  // homes and supported accommodation run by providers, with occupancy o of
  // the places open there and price ratio r (the area's mean fee of the
  // setting over England's): homes open at a yearly rate
  //   response x homes open x (o - open_above) / (1 - open_above) x r  when o > open_above,
  // and empty homes close at a yearly rate
  //   response x homes open x (close_below - o) / close_below          when o < close_below
  // (Poisson counts of the world's potential homes of the area and setting).
  double open_above = 0.85;
  double close_below = 0.6;
  double response_per_year = 0.5;
  // Of children of 16 or 17 newly referred, the share whose plan is
  // supported accommodation (it becomes their preferred setting); children
  // in supported accommodation at the start keep that plan.
  double supported_plan_16_plus = 1.0;
  // Block contracts: the block fee's discount on the contracted fee.
  double block_discount = 0.1;
  // National contracts for rare needs: of the homes that can take rare
  // needs (secure children's homes, children's homes staffing 2:1 or more),
  // the share under them (a fixed subset) when a design turns them on.
  double national_rare_share = 0.5;
  // Entrants by age group (under 1, 1-4, 5-9, 10-15, 16-17): each draws its
  // group by these shares, then a need profile of that age uniformly.
  std::array<double, kAgeGroups> entry_age_share = {0.16, 0.15, 0.15, 0.26, 0.29};
  match::MatchPolicy policy = match::DefaultPolicy();
};
// InvalidArgument naming the field: a rate or factor below zero, a mean stay
// below 0.1, candidates or the longest wait below 1, a share or an occupancy
// threshold outside [0, 1], close_below above open_above.
Status Validate(const Parameters& parameters);

// A council of the world.
struct SimCouncil {
  CouncilId id;
  std::int32_t rcc = match::kNoRcc;  // index into the snapshot's rcc_ids
  LatLon centre;
  double entries_per_year = 0;  // children entering care a year
  // Where its children's families live (each child's drawn uniformly from
  // them); none: the centre.
  std::vector<LatLon> families;
};

// A child in care at the start.
struct StartingChild {
  std::int32_t council = 0;    // index into World::councils
  std::int32_t home = -1;      // index into the snapshot; -1: waiting for a place
  std::int32_t birth_day = 0;  // days since the epoch
  std::int32_t profile = 0;    // index into World::profiles
};

// What a simulation runs on. Build it with MakeWorld.
struct World {
  Date start;
  match::Snapshot homes;  // every registered place of each home is a place (free_from: day 0)
  std::vector<SimCouncil> councils;
  std::vector<match::ReferralNeeds> profiles;  // need profiles; family, council set per child
  std::vector<StartingChild> children;
  std::vector<std::int32_t> places;  // each home's registered places (at least 1)
  // Whether each home is open at the start. Those not open are potential
  // homes: households that may join as foster carers, homes a provider may
  // open (the provider response); open ones may close.
  std::vector<std::uint8_t> open;
  // Per council, the farthest home of its own area and of its RCC's from its
  // centre: where a search inside the footprint may stop.
  std::vector<double> council_reach_km, rcc_reach_km;
  // The code of each of the snapshot's RCCs (parallel to homes.rcc_ids), for
  // designs and outcomes that name RCCs; may be empty.
  std::vector<std::string> rcc_codes;
};
// Checks the parts agree (a child's home, council and profile exist, the
// home open; every home has a place; at least one profile and one council),
// gives each home `places[h]` places (the snapshot's vacancies replaced) and
// measures each council's reach. `open`: each home's, or empty (all open).
// InvalidArgument naming the part otherwise. O(councils x homes).
Result<World> MakeWorld(Date start, match::Snapshot homes, std::vector<std::int32_t> places,
                        std::vector<SimCouncil> councils,
                        std::vector<match::ReferralNeeds> profiles,
                        std::vector<StartingChild> children, std::vector<std::uint8_t> open = {});

// One simulated year's outcomes.
struct YearOutcome {
  int year = 0;                                // 1 for the first
  std::int64_t entries = 0;                    // children entering care
  std::int64_t leavers = 0;                    // children leaving care (18, or a stay's end)
  std::int64_t changes = 0;                    // placement changes (breakdowns, carers leaving)
  std::array<std::int64_t, 4> changes_from{};  // by the Setting of the placement that ended
  std::int64_t placements = 0;                 // placements made (entries and changes placed)
  std::int64_t far = 0;                        // of them, over 20 miles from the family
  std::int64_t outside_council = 0;
  std::int64_t outside_rcc = 0;
  std::int64_t needs_met = 0;                       // needs fully met (match::NeedsFullyMet)
  std::int64_t spot = 0;                            // bought at the spot fee
  std::int64_t waiting_weeks = 0;                   // referral-weeks spent waiting for a place
  std::int64_t unplaced = 0;                        // referrals not placed within max_wait_weeks
  double spend = 0;                                 // pounds: weekly fees paid over the year
  std::int64_t carers_joined = 0, carers_left = 0;  // fostering households
  std::int64_t homes_opened = 0, homes_closed = 0;  // by providers (the provider response)
  std::int64_t in_care_at_end = 0;
  std::array<std::int64_t, 4> placed_at_end{};  // by Setting, children placed at the year's end
  std::array<std::int64_t, 4> places_at_end{};  // by Setting, places open to use at the year's end
};

struct RunOutcome {
  std::uint64_t seed = 0;  // this run's stream's seed
  std::vector<YearOutcome> years;
};

// One run of `years` years. Pure: the same world, design, parameters and
// seed give the same outcome.
// `focus` (RCC indices): if given, the outcomes count only the children of
// those RCCs' councils (and the void cost of block homes in their areas);
// supply counts stay England's.
RunOutcome RunOnce(const World& world, const Design& design, const Parameters& parameters,
                   int years, std::uint64_t seed, const std::vector<std::int32_t>& focus = {});

// The seed of run `run` of a simulation seeded `seed` (SplitMix64).
std::uint64_t RunSeed(std::uint64_t seed, int run);

// `runs` runs, run i seeded RunSeed(seed, i), over `threads` threads (at
// least 1); `progress` (if given) is called with the runs done so far, from
// the threads, as each finishes; once `stop` (if given) is set, no further
// run starts (those not run are left empty). Outcomes in run order.
std::vector<RunOutcome> RunMany(const World& world, const Design& design,
                                const Parameters& parameters, int years, int runs,
                                std::uint64_t seed, int threads,
                                const std::function<void(int)>& progress = {},
                                const std::vector<std::int32_t>& focus = {},
                                const std::atomic<bool>* stop = nullptr);

// A measure over runs: mean and 95% interval of the mean (sim/report.h).
struct Estimate {
  double mean = 0, low = 0, high = 0;
};

}  // namespace carecoop::sim

#endif  // CARECOOP_SIM_SIMULATOR_H_
