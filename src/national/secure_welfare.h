// The daily match of the national secure welfare queue: today's free beds
// in secure children's homes to the children waiting for one
// (docs/national.md, "Secure welfare").
//
// Model. Children i = 1..n wait, child i for d_i days; homes j have b_j
// beds free for welfare today. A child may go to a home only where the
// matching engine finds every hard constraint met (age range, deprivation of
// liberty, risks the home manages, ...; match/rank.h) and the home has not
// already declined them; such a pair (i, j) costs c_ij, the engine's
// child-first cost (distance from family and school, the child's wishes,
// ...; lower is better). The match chooses at most one home per child and
// at most b_j children per home to, in order:
//   1. place as many children as possible (a bed left empty while a child
//      who could use it waits is the worst outcome);
//   2. among those, favour the children waiting longest (the sum of d_i over
//      the children placed is as large as possible);
//   3. among those, the lowest total child-first cost.
// This is the national referral point's rule (longest waiting first), made
// exact: a greedy "longest first" can leave a bed empty that a swap would
// fill.
//
// Method. One min-cost flow (LEMON's NetworkSimplex): source -> child
// (capacity 1), child -> home (cost c_ij - W_i), home -> sink (capacity b_j),
// child -> sink (cost 0: not placed), with W_i = M * (K + d_i), K = n *
// (max d + 1) so one more child placed outweighs any difference in days,
// and M = 1 + the sum over children of their costliest pair so the days
// outweigh any difference in cost. Flows are integral, so the optimum is a
// matching. O(network simplex on n + m + 2 nodes and |pairs| + 2n + m
// arcs); n and m are tens (England has about 14 secure homes and waits of
// about 50 children a day), so well under a millisecond.
//
// References: Ahuja, Magnanti and Orlin, Network Flows (1993), ch. 9 and
// 12 (assignment as min-cost flow); LEMON NetworkSimplex (Kiraly and Kovacs,
// 2012); DfE, "Secure children's homes: placing children" and the Secure
// Welfare Coordination Unit's daily bed reporting.
#ifndef CARECOOP_NATIONAL_SECURE_WELFARE_H_
#define CARECOOP_NATIONAL_SECURE_WELFARE_H_

#include <cstdint>
#include <string>
#include <vector>

namespace carecoop::national {

struct BedPair {
  int child = 0;          // index into the waiting children
  int home = 0;           // index into the homes
  std::int64_t cost = 0;  // child-first cost, not negative
};

struct BedMatchInput {
  std::vector<std::int64_t> days_waiting;  // a child each
  std::vector<int> beds;                   // a home each: beds free today
  std::vector<BedPair> pairs;              // the feasible (child, home) pairs
};

struct BedMatch {
  std::vector<int> home_of;  // a child each: the home index, or -1
  int placed = 0;
  std::int64_t days_of_placed = 0;  // sum of d_i over the children placed
  std::int64_t total_cost = 0;      // sum of c_ij over the pairs chosen
  std::string error;                // the input's fault, when it has one
};

// Pure. Refuses (error set, nothing placed) negative days, beds or costs, a
// pair naming no child or home, or the same pair twice.
BedMatch MatchBeds(const BedMatchInput& in);

}  // namespace carecoop::national

#endif  // CARECOOP_NATIONAL_SECURE_WELFARE_H_
