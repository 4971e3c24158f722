// Ranking one referral: every home that meets the hard constraints, scored
// child-first (distance from family and school, own council and RCC, the
// setting the referral prefers, Ofsted rating, the provider's breakdown
// record, the child's wishes, and cost as one factor), best first, each
// option with the contribution of every factor and a plain-English sentence,
// and the homes excluded counted by reason.
//
// Model: cost(r, h) = sum of factor points (MatchPolicy), held as integer
// hundredths of a point so that ranking and assignment use the same numbers.
// Complexity: FeasibleHomes' branch-free scan over the snapshot's arrays,
// then a score for each feasible home and a heap of k: O(homes + feasible
// log k); ties are broken by home index, so the result is deterministic.
#ifndef CARECOOP_MATCH_RANK_H_
#define CARECOOP_MATCH_RANK_H_

#include <array>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "match/feasibility.h"
#include "match/policy.h"
#include "match/snapshot.h"

namespace carecoop::match {

enum class Factor : std::uint8_t {
  kDistanceFromFamily,
  kDistanceFromSchool,
  kOutsideCouncil,
  kOutsideRcc,
  kSettingPreference,
  kOfsted,
  kBreakdowns,
  kChildWishes,
  kCost,
};
inline constexpr int kFactorCount = 9;
std::string_view FactorName(Factor f);  // "distance_from_family"

// One feasible home, scored.
struct Option {
  std::size_t home = 0;  // index into the snapshot
  HomeId home_id;
  std::int64_t cost = 0;                      // hundredths of a point; lower is better
  std::array<double, kFactorCount> points{};  // each factor's contribution
  double family_km = -1;                      // -1 when unknown
  double school_km = -1;
  Pence weekly_fee;
  int unmet_wishes = 0;
  ChildWishSet wishes_unmet;  // which of the child's chosen wishes the home does not meet
  FeeSource fee_source = FeeSource::kContract;  // where weekly_fee comes from
  std::optional<ContractType> route;  // the route the place would be bought under, if contracted
  bool national = false;              // under a national contract: a national service
  std::string
      explanation;  // "12 km from family, stays at current school, Good Ofsted, £4,850/week"
};

// Scores home `h` for `r` (which must be feasible there). `explain` fills
// the sentence (skip it in bulk work).
Option Score(const ReferralNeeds& r, const Snapshot& snapshot, std::size_t h,
             const MatchPolicy& policy, bool explain);

// The integer cost alone (what assignment uses): equal to Score(...).cost.
std::int64_t Cost(const ReferralNeeds& r, const Snapshot& snapshot, std::size_t h,
                  const MatchPolicy& policy);

// A lower bound on Cost(r, snapshot, h, policy) for every home h, without
// scoring it: the distance from family by the chord (never more than the
// great-circle distance) plus the lowest Ofsted points; every other factor
// is at least 0 (MatchPolicy's weights are). Ranking skips homes by it;
// assignment proves by it that arcs it never built cannot enter.
class CostFloor {
 public:
  CostFloor(const ReferralNeeds& r, const MatchPolicy& policy);
  // In points (Cost is hundredths of a point).
  double Points(const Snapshot& snapshot, std::size_t h) const {
    if (per_km_ <= 0) return least_other_;
    const UnitVector& p = snapshot.point[h];
    double dx = family_.x - p.x, dy = family_.y - p.y, dz = family_.z - p.z;
    return std::sqrt(dx * dx + dy * dy + dz * dz) * kEarthRadiusKm * per_km_ + least_other_;
  }
  // In Cost's units, rounded down past Cost's own rounding.
  std::int64_t Cost(const Snapshot& snapshot, std::size_t h) const {
    return static_cast<std::int64_t>(std::floor(Points(snapshot, h) * 100)) - 1;
  }
  bool uses_distance() const { return per_km_ > 0; }

 private:
  UnitVector family_;
  double per_km_ = 0;
  double least_other_ = 0;
};

// An upper bound on Cost(r, snapshot, h, policy) for every home h within
// `family_km` of the child's family and `school_km` of their school, where
// no home charges more than `max_fee` a week for r's band nor has a
// breakdown share above `max_breakdown_percent`: every factor at its
// greatest. Assignment's big M needs it for arcs it never scored.
std::int64_t CostCeiling(const ReferralNeeds& r, const MatchPolicy& policy, double family_km,
                         double school_km, Pence max_fee, double max_breakdown_percent);

struct Ranking {
  std::vector<Option> options;  // best first, at most k
  int feasible = 0;             // homes that meet every hard constraint
  ExclusionCounts excluded;
};

// The top `k` options for `r`. A referral no home can meet gives no
// options and the exclusion counts; never an error.
Ranking Rank(const ReferralNeeds& r, const Snapshot& snapshot, const MatchPolicy& policy,
             int k = 10);

}  // namespace carecoop::match

#endif  // CARECOOP_MATCH_RANK_H_
