// Relocation: where the children living in homes that close could live
// instead. The failure scenario of market oversight (docs/oversight.md,
// "If a group fails") and the profit cap's exit rule both ask it.
//
// Model. The closing homes are taken out of the snapshot (their free places
// with them); each child who lived in one becomes a referral with the needs
// the hub knows (their referral's, where the placement answered one; else
// NeedsOfPlacedChild's) and is placed by the region-wide assignment
// (match/assign.h) over every other home in England with a free place: the
// most children placed, then the least child-first cost. Each child lands
// within 20 miles of their family, else within their RCC, else elsewhere in
// England, or nowhere; the weekly cost change is the new homes' fees (by
// the child's need band) less the fees paid now, over the children placed.
//
// Complexity: O(feasible pairs) to cost every home for every displaced
// child, keeping each child's kRelocationArcs cheapest by selection, then
// Assign on those arcs (lists it finds short are built in full), plus
// O(homes + places) to copy the snapshot without the closing homes.
//
// References: as match/assign.h.
#ifndef CARECOOP_MATCH_RELOCATE_H_
#define CARECOOP_MATCH_RELOCATE_H_

#include <array>
#include <cstdint>
#include <vector>

#include "core/enum_names.h"
#include "core/money.h"
#include "match/assign.h"
#include "match/snapshot.h"

namespace carecoop::match {
// Where a displaced child could live instead.
enum class Landing : std::uint8_t { kWithin20Miles, kWithinRcc, kElsewhere, kNowhere };
}  // namespace carecoop::match

namespace carecoop {
template <>
struct EnumInfo<match::Landing> {
  static constexpr std::array<EnumEntry<match::Landing>, 4> kEntries = {{
      {match::Landing::kWithin20Miles, "within_20_miles", "Within 20 miles of family"},
      {match::Landing::kWithinRcc, "within_rcc", "Further, within the RCC"},
      {match::Landing::kElsewhere, "elsewhere", "Elsewhere in England"},
      {match::Landing::kNowhere, "nowhere", "No home meets their needs"},
  }};
};
}  // namespace carecoop

namespace carecoop::match {

// `snapshot` without the homes in `closing` (their free places too), indexed.
Snapshot WithoutHomes(const Snapshot& snapshot, const std::vector<HomeId>& closing);

// The matching view of a child living in `home` whose placement answered no
// referral: the home's setting preferred and no other setting considered
// (the hub knows the placement works), the placement's need band, their age
// on the snapshot's day, their family's location, and a place needed within
// 28 days (a closing home's notice). Needs and risks are not on record, so
// none is asked for: the answer is an upper bound on who could move.
ReferralNeeds NeedsOfPlacedChild(const Child& child, const Placement& placement, const Home& home,
                                 std::int32_t rcc_index, const Snapshot& snapshot);

inline constexpr double kTwentyMilesKm = 20 * 1.609344;

// Arcs kept a displaced child (BuildArcs' keep): their cheapest homes. A
// child in a closing home can often live in thousands of homes, and the
// assignment rarely reaches past the first few dozen; where it might, the
// duals say so and the child's list is built in full (match/assign.h), so
// the answer is the same as with every arc.
inline constexpr std::int32_t kRelocationArcs = 64;

struct RccRelocation {
  std::int32_t rcc = kNoRcc;      // index into the snapshot's rcc_ids
  std::array<int, 4> children{};  // by Landing
  std::int64_t fee_before = 0;    // weekly, pence, of the children placed again
  std::int64_t fee_after = 0;     // weekly, pence, of the same children
};

struct Relocation {
  Assignment assignment;
  std::vector<Landing> landing;         // per displaced child
  std::vector<std::int64_t> fee_after;  // per displaced child: the new home's weekly fee, or 0
  std::array<int, 4> children{};
  std::int64_t fee_before = 0, fee_after_total = 0;
  std::vector<RccRelocation> by_rcc;  // by RCC index; kNoRcc last
};

// Places `displaced` (each with the weekly fee paid for them now, in
// `fee_now`) in `snapshot`, which must not hold the closing homes.
Relocation Relocate(const std::vector<ReferralNeeds>& displaced, const std::vector<Pence>& fee_now,
                    const Snapshot& snapshot, const MatchPolicy& policy);

// Many scenarios over one set of closing candidates (the profit cap's
// what-if: a lower cap closes a superset of the homes a higher one closes).
// The cut arc lists of every child who might be displaced are built once,
// against `snapshot` with every home still in it; each scenario then keeps
// the arcs of its displaced children into homes that stay open (the arcs
// left out of a list still cost at least its rest_min), and solves the same
// model as Relocate against the snapshot with the closing homes' places
// taken away, where any list found short is built in full (the date levels
// are the same: every displaced child needs a home by the same day, so the
// answer is Relocate's). O(arcs kept) a scenario plus the assignment.
class RelocationPlanner {
 public:
  RelocationPlanner(std::vector<ReferralNeeds> displaced, std::vector<Pence> fee_now,
                    const Snapshot& snapshot, const MatchPolicy& policy);
  // The children whose `moving[i]` is set, with the homes in `closing` closed.
  Relocation For(const std::vector<bool>& moving, const std::vector<HomeId>& closing) const;

 private:
  std::vector<ReferralNeeds> displaced_;
  std::vector<Pence> fee_now_;
  const Snapshot& snapshot_;
  MatchPolicy policy_;
  ArcSet arcs_;
};

}  // namespace carecoop::match

#endif  // CARECOOP_MATCH_RELOCATE_H_
