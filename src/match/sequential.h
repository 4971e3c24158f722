// Sequential ("cheapest first") sourcing: the practice the reform replaces,
// kept only as a comparison policy so that an RCC can see what needs-led
// matching changes (`carecoop match compare`). Never the default.
//
// Referrals are taken in queue order (most urgent first, then by referral
// id). For each, the tiers are searched in the order a council uses: its
// own foster carers, its own children's homes, then agency foster care
// (bought under its framework or DPS; another council's carers count here,
// as an inter-agency placement), then residential care (children's homes
// and secure homes of other providers), then supported accommodation; each
// tier only when the one before has no place for the child. Within a tier,
// homes are tried from the cheapest weekly fee for the child's need band
// (in-house homes at their unit cost, never free), nearer first on equal
// fees, and the first that meets every hard constraint and still has the
// places free in time is taken. Greedy: no child-first cost, no look-ahead.
// docs/matching.md, "Sequential sourcing", says how this is modelled.
#ifndef CARECOOP_MATCH_SEQUENTIAL_H_
#define CARECOOP_MATCH_SEQUENTIAL_H_

#include <vector>

#include "match/assign.h"

namespace carecoop::match {

// The sourcing tier of home `h` for a child of `council` (0: the council's
// own foster carers, 1: its own children's homes, 2: agency fostering, 3:
// residential, 4: supported accommodation).
int SequentialTier(const Snapshot& snapshot, std::size_t h, CouncilId council);

// Places `referrals` by sequential sourcing over the feasible arcs `arcs`
// (BuildArcs: the same hard constraints as needs-led assignment). The
// result's outcome is kGreedy; costs are the child-first costs of the
// homes taken, so the two policies can be compared on one scale.
Assignment AssignSequential(const std::vector<ReferralNeeds>& referrals, const Snapshot& snapshot,
                            const ArcSet& arcs, const MatchPolicy& policy);

// What a plan means for children, for comparing policies side by side.
struct PlanMetrics {
  int referrals = 0;
  int children = 0;  // children referred (siblings count one each)
  int children_placed = 0;
  double mean_family_km = 0;  // over placed children with a known family location
  double p90_family_km = 0;
  double share_over_20_miles = 0;    // of those, placed more than 20 miles away
  double share_outside_council = 0;  // of placed children
  double share_needs_fully_met = 0;  // of placed children: see docs/matching.md
  Pence weekly_cost;                 // sum of weekly fees of the places taken
};

// "Needs fully met" for a placed child: every hard constraint (always), a
// setting the referral prefers or leaves open, every wish the child stated
// met, and, for a child in school, the school within the travel limit.
// `option`: Score(r, snapshot, h, policy, ...) for the home placed in.
bool NeedsFullyMet(const ReferralNeeds& r, const Snapshot& snapshot, std::size_t h,
                   const Option& option, const MatchPolicy& policy);

// What a plan means for children (PlanMetrics).
PlanMetrics Measure(const std::vector<ReferralNeeds>& referrals, const Snapshot& snapshot,
                    const Assignment& assignment, const MatchPolicy& policy);

}  // namespace carecoop::match

#endif  // CARECOOP_MATCH_SEQUENTIAL_H_
