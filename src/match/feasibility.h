// Feasibility: the hard constraints. A home is an option for a referral only
// when every one holds; when one fails, the first failing constraint (in the
// order of `Constraint`) is the reason counted, with the need or risk that
// was not met. Cost never makes a home infeasible.
#ifndef CARECOOP_MATCH_FEASIBILITY_H_
#define CARECOOP_MATCH_FEASIBILITY_H_

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/enum_names.h"
#include "match/policy.h"
#include "match/snapshot.h"

namespace carecoop::match {

enum class Constraint : std::uint8_t {
  kNone,                  // feasible
  kSettingUnsuitable,     // the referral marks this setting Unsuitable
  kSecureWithoutOrder,    // a secure children's home without a deprivation of liberty order
  kAge,                   // outside the home's age range
  kNeeds,                 // a stated need the home cannot meet
  kRisks,                 // a risk the home cannot manage
  kSupportRatio,          // cannot staff the minimum adult:child ratio
  kDeprivationOfLiberty,  // the setting cannot lawfully deprive liberty
  kLivingCompanions,      // solo, or only older/younger children, not met
  kPets,                  // must have pets / must not
  kSiblings,              // cannot take the sibling group together
  kParentAndChild,        // a parent with their baby, and the home is not approved for it
  kNoPlaceInTime,         // not enough places free by the latest start date
  kNearPlaceToAvoid,      // within the set distance of a place to avoid
  kTooFarFromSchool,      // the child must stay at school and it is too far
};
inline constexpr int kConstraintCount = 15;

// Why one home is not an option: the constraint, and for kNeeds/kRisks which
// need or risk (the first one unmet).
struct Verdict {
  Constraint constraint = Constraint::kNone;
  std::int8_t detail = -1;  // Need or Risk index, or -1
  bool feasible() const { return constraint == Constraint::kNone; }
};

// Checks home `h` of `snapshot` for `r`.
Verdict CheckHome(const ReferralNeeds& r, const Snapshot& snapshot, std::size_t h,
                  const MatchPolicy& policy);

struct ExclusionCounts;

// Every home of `snapshot` checked for `r` at once: the indices of the
// feasible homes, ascending, into `feasible` (cleared first), and every other
// home counted into `excluded` (when not null) with the same verdict
// CheckHome gives. Built for speed, in two passes: the first sets, for every
// home, one bit per failing constraint among those that need no distance
// (a place's date only for a single child: the home's first free day) (branch-free over the
// snapshot's indexed arrays; the lowest bit is the first failing constraint); the second checks
// dates and distances (compared as chords, no trigonometry) only where all of those hold; the
// counts come from a histogram of the first failing constraints. A snapshot not indexed
// (Snapshot::Index) is checked home by home.
void FeasibleHomes(const ReferralNeeds& r, const Snapshot& snapshot, const MatchPolicy& policy,
                   std::vector<std::int32_t>& feasible, ExclusionCounts* excluded);

// Homes excluded, counted by reason.
struct ExclusionCounts {
  std::array<int, kConstraintCount> by_constraint{};
  std::array<int, 32> by_need{};
  std::array<int, 32> by_risk{};
  int total = 0;

  void Add(const Verdict& v);
  // One line per reason with a count, most first:
  // "43 excluded: cannot manage risk of going missing".
  std::vector<std::string> Sentences() const;
};

// Plain English for a constraint ("cannot staff the adult:child ratio needed").
std::string Describe(Constraint c, std::int8_t detail = -1);

}  // namespace carecoop::match

#endif  // CARECOOP_MATCH_FEASIBILITY_H_
