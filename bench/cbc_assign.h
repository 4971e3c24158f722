// The region-wide assignment as an exact integer program, solved with
// COIN-OR CBC (Debian's coinor-libcbc-dev, EPL-2.0): the reference against
// which match::Assign's answer for sibling groups is measured (its
// optimality gap), in bench/ and in tests. Not used by the product.
//
// Model, over the ArcSet's feasible arcs: a binary y(r, a) per referral and
// arc (the whole group in that home); each referral in at most one home;
// each home's places by date as prefix constraints on its date levels (the
// places taken by arcs entering at or below level l are at most the places
// free at or below l: Hall's condition for nested sets, exact here). The
// objective is lexicographic, as match::Assign's, solved in two stages:
// first the most urgency-weighted children placed, then, holding that, the
// least child-first cost.
#ifndef CARECOOP_BENCH_CBC_ASSIGN_H_
#define CARECOOP_BENCH_CBC_ASSIGN_H_

#include <cstdint>
#include <vector>

#include "match/assign.h"

namespace carecoop::bench {

struct CbcAssignment {
  bool optimal = false;  // both stages proved optimal within the time limit
  std::int64_t weighted_placed = 0;
  std::int64_t total_cost = 0;
  std::int64_t children_placed = 0;
  std::vector<std::int32_t> home_of;  // per referral: snapshot index, or -1
  double seconds = 0;
};

CbcAssignment AssignWithCbc(const std::vector<match::ReferralNeeds>& referrals,
                            const match::ArcSet& arcs, const match::MatchPolicy& policy,
                            double max_seconds = 600);

}  // namespace carecoop::bench

#endif  // CARECOOP_BENCH_CBC_ASSIGN_H_
