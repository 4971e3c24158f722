// Region-wide assignment: place many open referrals in free places at once.
//
// Model. A min-cost flow network: each referral r supplies p_r units (the
// child and the siblings placed with them); each home's free places form a
// chain of "date levels" (a referral needing a place by day T may use any
// place free on or before T, so its arc enters the level of the last date
// <= T and the chain carries it to earlier places); every level drains to a
// sink with its number of places; a bypass arc r -> sink means "not placed".
// Arc r -> home costs, per child, c(r,h) - M * w_r, where c is the
// child-first cost (match/rank.h), w_r the urgency weight and M larger than
// any total saving in cost, so the optimum first maximises the urgency-
// weighted number of children placed, then minimises total child-first cost.
//
// Siblings placed together must all land in one home: an unsplittable-flow
// side constraint, so the flow alone is a relaxation (groups may split
// there) and its optimum a bound. Assign() (1) solves the relaxation; if no
// group is split, that is the optimum. (2) Otherwise it dives from the root
// to a whole solution (every split group restricted at once to the home
// holding most of it, else away from that home, else not placed; the flow
// re-solved each round). (3) Then branch and bound on the relaxation: a
// split group is branched on "all of it in home h" (a lower bound of p_r on
// that arc) versus "none of it there"; nodes no better than the incumbent
// are pruned. When the node limit is reached the best whole solution is
// returned as kFeasible with the best bound (bound_weighted, bound_cost):
// the optimality gap is then known and reported. That gap is measured
// against the exact integer program (COIN-OR CBC, bench/cbc_assign.h) in
// bench/ and tests: the optimum always lies between answer and bound.
//
// Each relaxation is solved with LEMON's NetworkSimplex on a candidate set:
// every referral's cheapest `candidates` arcs. Optimality on the full graph
// is then proved with the dual prices: any arc never built with negative
// reduced cost c + pi(r) - pi(level) is added (at most `candidates` per
// referral a round) and the flow re-solved; when none is left, the
// candidate optimum is optimal for every feasible arc (LP duality; min-cost
// flow is integral). Arcs are sorted by cost, so pricing a referral stops
// at the first arc that cannot have a negative reduced cost. Two exact
// reductions keep the network small: date levels are keyed by referral
// deadlines (places no referral can use, and levels no arc reaches, are
// left out), and a home whose built arcs could all be filled at once (its
// capacity cannot bind) is merged into the sink, its dual price the sink's.
// The first candidates also include the arcs of a greedy whole plan (most
// urgent first, cheapest arc with places left), so the first duals already
// see where places run out. Arcs found by pricing are kept for later solves
// (the dive and the nodes).
// Cut lists (BuildArcs' keep): when each child could live in thousands of
// homes, only each referral's `keep` cheapest arcs are scored and stored,
// with the least cost of those left out (rest_min) and a ceiling on them
// (CostCeiling, for M). When pricing finds nothing more on the lists, a
// referral whose arcs left out might still price in (max(rest_min,
// CostFloor(r, h)) + pi(r) - pi(level of h) < 0 for a level priced above
// the sink, or rest_min + pi(r) - pi(sink) < 0) has its list built in full,
// in place (a full list starts with the cut one), and pricing goes on; so
// the answer is the full ArcSet's. Homes beyond the keep cheapest are
// skipped unscored by their CostFloor, as in ranking.
// AssignFullGraph() is the baseline: the same model with every feasible arc
// built at once.
//
// References: Ahuja, Magnanti, Orlin, Network Flows (1993), ch. 9-11 (network
// simplex, reduced costs); column generation as in Desrosiers & Lübbecke
// (2005); LEMON NetworkSimplex (Kiraly & Kovacs, 2012).
#ifndef CARECOOP_MATCH_ASSIGN_H_
#define CARECOOP_MATCH_ASSIGN_H_

#include <cstdint>
#include <string>
#include <vector>

#include "match/policy.h"
#include "match/rank.h"
#include "match/snapshot.h"

namespace carecoop::match {

// rest_min of a referral whose every feasible arc is in the set.
inline constexpr std::int64_t kNothingLeftOut = INT64_MAX;

// Every feasible (referral, home) pair with its cost, grouped by referral
// and sorted by cost (ties by home index), plus the date level each arc
// enters. Built once; both methods start from it. Built with `keep`, a
// referral's list holds only its keep cheapest arcs (the sorted list's
// prefix), with the least and greatest cost of the arcs left out.
struct ArcSet {
  std::vector<std::int64_t> begin;  // arcs of referral r: [begin[r], begin[r+1])
  std::vector<std::int32_t> home;   // snapshot index
  std::vector<std::int32_t> level;  // index into levels of that home
  std::vector<std::int64_t> cost;   // child-first cost c(r, h), hundredths of a point
  // Date levels of every home: level_begin[h] .. level_begin[h+1]; each with
  // its day and number of places. A level's day is a referral's latest start
  // day: the places free by that day and after the previous level's (places
  // no referral can use, and levels no arc reaches, are left out).
  std::vector<std::int32_t> level_begin;
  std::vector<std::int32_t> level_day;
  std::vector<std::int32_t> level_places;
  // Per referral, when any list was cut short (else empty): the least cost
  // of its arcs left out (kNothingLeftOut: none) and the greatest.
  std::vector<std::int64_t> rest_min, rest_max;
  std::size_t arcs() const { return home.size(); }
  bool complete() const { return rest_min.empty(); }
};

// How a home's free places become date levels. kDeadlines (the default):
// keyed by the referrals' latest start days, places no referral can use and
// levels no arc reaches left out; an exact reduction. kFreeDays: one level
// per distinct free day, every place kept; the natural network, which the
// benchmark's full-graph baseline solves.
enum class LevelKeying { kDeadlines, kFreeDays };

// Builds the ArcSet of `referrals` against `snapshot` (every hard
// constraint; in assignment a solo child may only take a home where no other
// child could be placed beside them, and a solo-only home offers one place).
// Uses `threads` threads (0: hardware concurrency). With `keep` > 0 each
// referral keeps only its `keep` cheapest arcs (selection, not a full sort;
// O(feasible + keep log keep) a referral), and Assign builds the rest of a
// list only when the duals say an arc left out might enter (below): for
// many children who could each live in thousands of homes, such as a
// failing group's, the arcs left out are nearly all never needed.
ArcSet BuildArcs(const std::vector<ReferralNeeds>& referrals, const Snapshot& snapshot,
                 const MatchPolicy& policy, int threads = 0,
                 LevelKeying keying = LevelKeying::kDeadlines, std::int32_t keep = 0);

enum class AssignOutcome {
  kOptimal,   // proved optimal
  kFeasible,  // best found within the node limit; see gap
  kGreedy,    // sequential sourcing (match/sequential.h): no optimality claimed
  kInvalid,   // the input failed its checks (see Assignment::error)
};

enum class Unplaced : std::uint8_t {
  kPlaced,
  kNoFeasibleHome,        // no home meets every hard constraint
  kLostToHigherPriority,  // feasible homes went to children placed before them in the optimum
};

struct AssignOptions {
  int candidates = 6;   // initial arcs per referral (candidate method)
  int max_nodes = 500;  // branch-and-bound nodes before giving up proof
  bool explain = true;  // fill each pair's sentence
};

struct Assignment {
  AssignOutcome outcome = AssignOutcome::kOptimal;
  std::string error;
  std::vector<std::int32_t> home_of;  // per referral: snapshot index, or -1
  std::vector<Unplaced> why_unplaced;
  std::vector<std::string> explanation;  // per placed referral
  std::int64_t children_placed = 0;
  std::int64_t weighted_placed = 0;  // sum of w_r * p_r over placed referrals
  std::int64_t total_cost = 0;       // sum of p_r * c(r, h) over placed referrals
  // The best bound (the flow relaxation's, where the groups may split):
  // no whole assignment places more (weighted) children, and none placing
  // as many costs less. Equal to the answer's values when kOptimal; the
  // optimality gap otherwise.
  std::int64_t bound_weighted = 0;
  std::int64_t bound_cost = 0;
  // Work done, for benchmarks.
  int pricing_rounds = 0;
  std::int64_t arcs_built = 0;
  int nodes = 0;
  int dive_solves = 0;      // flows solved by the root's dive
  int lists_completed = 0;  // referrals whose cut list had to be built in full
};

// Exact assignment by candidate arcs, dual pricing and branch and bound.
// A cut ArcSet's lists found short are built in full against `snapshot`
// (which must be the one the arcs were built on, or the same homes with
// fewer places), so the answer is the one the full ArcSet gives.
Assignment Assign(const std::vector<ReferralNeeds>& referrals, const Snapshot& snapshot,
                  const ArcSet& arcs, const MatchPolicy& policy, const AssignOptions& options = {});

// The baseline: the same model and branch and bound, with NetworkSimplex on
// every feasible arc at each node.
Assignment AssignFullGraph(const std::vector<ReferralNeeds>& referrals, const Snapshot& snapshot,
                           const ArcSet& arcs, const MatchPolicy& policy,
                           const AssignOptions& options = {});

// An optimality certificate for the flow relaxation of `assignment` (every
// group placed whole, as Assign returns it): primal feasibility (capacities,
// supplies) and, with dual prices recomputed on the full graph, no arc of
// `arcs` with negative reduced cost and residual capacity (for a cut
// ArcSet, nor any arc left out, by its rest_min). Returns "" when
// it holds, else what failed. Meaningful where no sibling group was branched on.
std::string CheckCertificate(const std::vector<ReferralNeeds>& referrals, const Snapshot& snapshot,
                             const ArcSet& arcs, const MatchPolicy& policy,
                             const Assignment& assignment);

}  // namespace carecoop::match

#endif  // CARECOOP_MATCH_ASSIGN_H_
