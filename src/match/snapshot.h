// The matching engine's input, as plain data: a Snapshot of homes with free
// places (structure of arrays, so one referral scans them in tens of
// microseconds) and a ReferralNeeds per referral. No storage, HTTP or clock
// here: BuildSnapshot() and MakeNeeds() take domain values and an "as at"
// date, so the engine is testable and benchmarkable on its own.
#ifndef CARECOOP_MATCH_SNAPSHOT_H_
#define CARECOOP_MATCH_SNAPSHOT_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/geo.h"
#include "core/money.h"
#include "domain/child.h"
#include "domain/contract.h"
#include "domain/council.h"
#include "domain/home.h"
#include "domain/placement.h"
#include "domain/provider.h"
#include "domain/rcc.h"
#include "domain/referral.h"
#include "domain/vacancy.h"

namespace carecoop::match {

// Where a home's weekly fee comes from, in the order BuildSnapshot tries
// them (docs/matching.md, "Cost").
enum class FeeSource : std::uint8_t {
  kContract,    // the provider's contract with an RCC, for the band
  kUnitCost,    // a council- or RCC-run home: its declared running costs / filled places
  kPlacements,  // the mean fee of the children placed there now
  kFairPrice,   // none of those: the fair-price estimate (market/fair_price.h)
};

// A point as a unit vector, for fast great-circle distances.
struct UnitVector {
  double x = 0, y = 0, z = 0;
};
UnitVector ToUnitVector(const LatLon& p);
// Great-circle distance in km between two unit vectors (same as DistanceKm).
double DistanceKm(const UnitVector& a, const UnitVector& b);

inline constexpr int kNoRcc = -1;

// Every home with at least one free place, one index per home.
struct Snapshot {
  Date as_at;
  std::vector<HomeId> id;
  std::vector<ProviderId> provider;
  std::vector<std::string> name;
  std::vector<Setting> setting;
  std::vector<OfstedRating> ofsted;
  std::vector<LatLon> location;
  std::vector<UnitVector> point;
  std::vector<CouncilId> council;
  std::vector<std::int32_t> rcc;  // index into rcc_ids, or kNoRcc
  std::vector<std::int8_t> min_age, max_age;
  std::vector<std::uint32_t> needs_met;      // NeedSet mask
  std::vector<std::uint32_t> risks_managed;  // RiskSet mask
  std::vector<SupportRatio> max_support_ratio;
  std::vector<std::uint8_t> solo_only, has_pets, in_house;  // in_house: council-run
  std::vector<CouncilId> owner_council;  // the council that runs it; CouncilId() if none
  std::vector<std::int8_t> max_siblings;
  std::vector<std::uint8_t> parent_and_child;  // approved for a parent with their baby
  // Children placed there now: how many, the youngest and oldest age.
  std::vector<std::int16_t> residents;
  std::vector<std::int8_t> youngest_resident, oldest_resident;
  // Free places: free_from[free_begin[h] .. free_begin[h+1]) are the days
  // (since the epoch) each free place is available from, ascending.
  std::vector<std::int32_t> free_begin;
  std::vector<std::int32_t> free_from;
  std::vector<VacancyId> vacancy;  // parallel to free_from
  // Weekly fee by need band (standard, enhanced, complex, specialist), and
  // where it comes from (FeeSource).
  std::vector<std::array<Pence, 4>> weekly_fee;
  std::vector<FeeSource> fee_source;
  // By need band: the route of the contract the fee is bought under (none:
  // no contract prices it), and whether that contract is a call-off of a
  // national contract (a national service, docs/national.md).
  std::vector<std::array<std::optional<ContractType>, 4>> route;
  std::vector<std::array<std::uint8_t, 4>> national;
  // Share of the provider's placements that ended in breakdown, percent.
  std::vector<float> breakdown_percent;
  std::vector<RccId> rcc_ids;

  // Derived by Index() from the fields above, for FeasibleHomes' fast scan:
  // per home, the ages it takes (bit a: age a), its home_flag bits, the
  // needs it meets and risks it manages in one word (needs_met | risks_managed
  // << 16), and the day its first free place is free from.
  std::vector<std::uint32_t> age_bits, flags, capabilities;
  std::vector<std::int32_t> first_free_day;
  // Fills age_bits and flags. BuildSnapshot calls it; call it again after
  // changing homes by hand (until then FeasibleHomes checks home by home).
  void Index();
  bool indexed() const {
    return flags.size() == size() && age_bits.size() == size() && capabilities.size() == size() &&
           first_free_day.size() == size();
  }

  std::size_t size() const { return id.size(); }
  int free_places(std::size_t h) const { return free_begin[h + 1] - free_begin[h]; }
  std::size_t places() const { return free_from.size(); }
};

// Bits of Snapshot::flags.
namespace home_flag {
inline constexpr std::uint32_t kSetting = 1u << 0;  // << setting (4 bits, one set)
inline constexpr std::uint32_t kStaffs = 1u << 4;   // << ratio level: can staff at least (4 bits)
inline constexpr std::uint32_t kSoloOnly = 1u << 8;
inline constexpr std::uint32_t kPets = 1u << 9;
inline constexpr std::uint32_t kOccupied = 1u << 10;
inline constexpr std::uint32_t kSiblings = 1u
                                           << 11;  // << (n - 1): takes at least n siblings (8 bits)
inline constexpr std::uint32_t kParentAndChild = 1u << 19;
}  // namespace home_flag

// One referral as matching needs it.
struct ReferralNeeds {
  ReferralId id;
  CouncilId council;
  std::int32_t rcc = kNoRcc;  // index into Snapshot::rcc_ids
  int age = 0;                // completed years on the latest start date
  int places = 1;             // the child and the siblings placed with them
  NeedBand band = NeedBand::kStandard;
  NeededBy needed_by = NeededBy::kAfter5Days;
  std::int32_t latest_start_day = 0;  // days since the epoch
  Suitability foster = Suitability::kNotSpecified;
  Suitability residential = Suitability::kNotSpecified;
  Suitability supported = Suitability::kNotSpecified;
  std::uint32_t needs = 0;  // NeedSet mask
  std::uint32_t risks = 0;  // RiskSet mask
  SupportRatio ratio = SupportRatio::kNotSpecified;
  LivingCompanions companions = LivingCompanions::kNoPreference;
  Pets pets = Pets::kNotKnown;
  bool deprivation_of_liberty = false;
  bool parent_and_child = false;  // a parent placed with their baby
  std::optional<UnitVector> family;
  bool close_to_family = false;
  std::optional<UnitVector> school;
  bool stays_at_school = false;  // in school and, where known, must continue
  bool must_continue_school = false;
  std::vector<UnitVector> avoid;
  ChildWishSet wishes;  // the wishes the child chose (docs/matching.md)
};

// The suitability a referral gives a home's setting (secure children's homes
// count as residential care).
Suitability SuitabilityFor(const ReferralNeeds& r, Setting s);

// What BuildSnapshot needs from the store, as plain domain values.
struct SnapshotInput {
  Date as_at;
  std::vector<Rcc> rccs;
  std::vector<Council> councils;
  std::vector<Provider> providers;
  std::vector<Home> homes;
  std::vector<Vacancy> vacancies;     // open ones are free places
  std::vector<Placement> placements;  // current ones fill homes; ended ones give breakdown records
  std::vector<Child> children;        // ages of children placed
  std::vector<Contract> contracts;    // fees by need band
};

// Builds the snapshot of homes with open vacancies. Fee for a home and band:
// a council- or RCC-run home that declares its running costs: its unit cost
// (market/in_house.h), the same for every band; any other home: the
// provider's contract that prices the band (and the home's setting), a
// national contract's call-off with the home's RCC first, then the RCC's own,
// then a national call-off of another RCC, then any (the first listed within
// each; a terminated or expired contract, or one past its end date, prices
// nothing); else the mean fee of the children placed there now;
// else the fair-price estimate for the home and band. Never zero: an
// in-house place is not free.
Snapshot BuildSnapshot(const SnapshotInput& input);

// The matching view of `referral` for `child`, with `snapshot`'s RCC index.
// InvalidArgument naming the field when the referral is not valid.
Result<ReferralNeeds> MakeNeeds(const Referral& referral, const Child& child,
                                std::optional<RccId> rcc, const Snapshot& snapshot);

}  // namespace carecoop::match

#endif  // CARECOOP_MATCH_SNAPSHOT_H_
