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
