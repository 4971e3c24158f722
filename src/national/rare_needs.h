// Rare needs: the need profiles that no RCC sees often enough to commission
// for, but that England as a whole does (docs/national.md, "Rare needs").
//
// Model. A need profile is what a referral asked for, as codes: the setting
// asked for, the child's age band, the adult support ratio, the coded risks
// present and the specific needs (parent and child, an adapted home,
// deprivation of liberty). Each RCC's quarterly return carries, in its
// restricted section, the count of its referrals of each profile that were
// unmet at the quarter's end or placed only with difficulty (after more
// than 28 days, or more than 20 miles from home: "hard to place"), with
// the weekly fees and distances of those placed. Over a window of quarters
// (a year by default), a profile, coarsened to the parts the rules name, is
// rare when every RCC counted at most `rare_at_most` children of it and
// England at least `national_at_least`: no RCC can commission for it, the
// nation can.
//
// Privacy. The counts per RCC are small by design (that is what "rare"
// means), so they are not in the return's published tables and no route or
// view shows them: the national body's system reads them for this detection
// only, and what it reports is England's total (at least
// `national_at_least`, so never a small number) and how many RCCs saw the
// profile.
//
// Method and complexity: one pass over the window's profile counts into a
// map keyed by (coarsened profile, RCC), then one pass over the profiles;
// O(P log P) for P profile counts, with the final sort.
//
// References: DfE, "Stable Homes, Built on Love" (2023) and the Children's
// Wellbeing and Schools Act 2026 (a national role in commissioning
// specialist places); Competition and Markets Authority, "Children's social
// care market study" (2022), on the shortage of places for complex needs.
#ifndef CARECOOP_NATIONAL_RARE_NEEDS_H_
#define CARECOOP_NATIONAL_RARE_NEEDS_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "national/quarter.h"

namespace carecoop::national {

// A referral is hard to place when it was placed after more than this many
// days, or more than this many miles from home.
inline constexpr std::int64_t kHardToPlaceDays = 28;
inline constexpr double kHardToPlaceMiles = 20;
bool HardToPlace(std::int64_t days_to_placement, std::optional<double> miles_from_home);

// The parts of a need profile, in key order.
inline const std::vector<std::string> kProfileParts = {"setting", "age", "ratio", "risks", "needs"};
// The specific needs a profile records.
inline const std::vector<std::string> kProfileNeeds = {"adapted_home", "deprivation_of_liberty",
                                                       "parent_and_child"};

// What a referral asked for, as codes. "any" in a part that was coarsened
// away. Risks and needs are sorted and distinct.
struct NeedProfile {
  std::string setting = "childrens_home";  // a Setting code
  std::string age = "10_to_15";            // dimension::kAge
  std::string ratio = "standard";          // a SupportRatio code
  std::vector<std::string> risks;          // Risk codes present (not the free-text kinds)
  std::vector<std::string> needs;          // kProfileNeeds

  // "childrens_home/10_to_15/two_to_one/missing+sexual_exploitation/none":
  // the parts in kProfileParts order, lists joined by '+', "none" for an
  // empty list, "any" for a part coarsened away.
  std::string Key() const;
  // The profile with only `parts` kept (the others "any").
  NeedProfile Coarsened(const std::vector<std::string>& parts) const;
  friend bool operator==(const NeedProfile&, const NeedProfile&) = default;
};

// Reads a key; the error names `field` and the part that is wrong.
Result<NeedProfile> ParseProfileKey(std::string_view key, std::string_view field);

// One profile's count in one RCC's quarter (the return's restricted section).
struct NeedProfileCount {
  NeedProfile profile;
  std::int64_t unmet = 0;          // referrals unmet at the quarter's end
  std::int64_t hard_to_place = 0;  // placed in the quarter, hard to place
  // Of those hard to place: their weekly fees (pence) added, and their
  // distances from home in whole miles added over `with_distance` of them.
  std::int64_t weekly_fees_pence = 0;
  std::int64_t miles = 0;
  std::int64_t with_distance = 0;

  std::int64_t Children() const { return unmet + hard_to_place; }
};

// Checks one return's profile counts: keys well formed and distinct, counts
// not negative and not all zero, at most `hard_to_place` with a distance,
// no fee or distance without a child placed. Errors name
// "need_profiles[i].<field>".
Status ValidateNeedProfiles(const std::vector<NeedProfileCount>& counts);

// One RCC's counts for one quarter, as detection reads them.
struct ProfileReturn {
  std::string rcc_code;
  Quarter quarter;
  std::vector<NeedProfileCount> counts;
};

struct RareNeedRules {
  std::int64_t rare_at_most = 3;                   // children a year in every RCC
  std::int64_t national_at_least = 20;             // children a year in England
  int quarters = 4;                                // the window, ending with the quarter asked for
  std::vector<std::string> parts = kProfileParts;  // the profile parts kept
};
// The rules' own checks (field named).
Status Validate(const RareNeedRules& rules);

// The rules from text, as the API's query and the CLI's options give them:
// any of rare_at_most, national_at_least, quarters (whole numbers) and
// parts (comma-separated); the others keep their defaults. Unknown names
// and bad numbers are errors naming the field; the result is Validate()d.
Result<RareNeedRules> ParseRareNeedRules(const std::map<std::string, std::string>& given);

enum class RareNeedOrder { kChildren, kCost, kDistance };
// "children", "cost" or "distance".
Result<RareNeedOrder> ParseRareNeedOrder(std::string_view text);

struct RareNeed {
  NeedProfile profile;  // coarsened to the rules' parts
  std::string key;
  std::int64_t children = 0;  // in England over the window
  std::int64_t unmet = 0, hard_to_place = 0;
  int rccs_seen = 0;  // RCCs with at least one child of the profile
  // How those placed are placed today: mean weekly fee (pence) and mean
  // distance from home (miles), over those hard to place; none when none.
  std::optional<double> mean_weekly_fee_pence;
  std::optional<double> mean_miles;
};

struct RareNeedsResult {
  Quarter first, last;                // the window
  std::vector<std::string> rccs;      // the RCCs whose returns are in the window
  std::vector<RareNeed> rare;         // ranked by the order asked for
  std::int64_t profiles_seen = 0;     // distinct coarsened profiles in the window
  std::int64_t common_elsewhere = 0;  // profiles with more than rare_at_most in some RCC
  std::int64_t too_few = 0;           // rare everywhere, fewer than national_at_least
};

// The rare needs over the `rules.quarters` quarters ending with `last`,
// from `returns` (others are ignored). Ranked by children (the default),
// by mean weekly fee, or by mean distance, each descending, ties by the
// other two and then by key. Pure.
RareNeedsResult FindRareNeeds(const std::vector<ProfileReturn>& returns, Quarter last,
                              const RareNeedRules& rules,
                              RareNeedOrder order = RareNeedOrder::kChildren);

}  // namespace carecoop::national

#endif  // CARECOOP_NATIONAL_RARE_NEEDS_H_
