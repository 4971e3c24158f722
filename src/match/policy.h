// MatchPolicy: the weights of child-first ranking, as a documented,
// versioned value an RCC can set. docs/matching.md gives every default its
// reason. Scores are penalty points: lower is better; the engine works in
// integer hundredths of a point so that ranking and assignment agree exactly.
#ifndef CARECOOP_MATCH_POLICY_H_
#define CARECOOP_MATCH_POLICY_H_

#include <array>
#include <string>

#include "core/status.h"

namespace carecoop::match {

struct MatchPolicy {
  // Bumped whenever a default changes, so a stored ranking says which
  // weights produced it.
  int version = 1;
  std::string name = "needs-led default";

  // Points per km from the family home; multiplied by
  // close_to_family_factor when the referral recommends closeness to family.
  double per_km_from_family = 1.0;
  double close_to_family_factor = 1.5;
  // Points per km from the school, when the child stays at it.
  double per_km_from_school = 1.0;
  // Points for a home outside the child's own council, and more outside the RCC.
  double outside_council = 15;
  double outside_rcc = 25;
  // Points for a setting marked "Suitable but not preferred", or not specified.
  double setting_suitable_not_preferred = 30;
  double setting_not_specified = 10;
  // Points by Ofsted rating: outstanding, good, requires improvement,
  // inadequate, not yet inspected.
  std::array<double, 5> ofsted = {-10, 0, 25, 200, 10};
  // Points per percentage point of the provider's placements that ended in
  // breakdown (carer or provider request, allegation) in its record.
  double per_breakdown_percent = 1.0;
  // Points for each of the child's stated wishes the home does not meet.
  double per_unmet_wish = 20;
  // Points per £100 of weekly fee: cost is one factor, never a gate.
  double per_100_pounds_weekly = 0.5;

  // Hard-constraint limits.
  double avoid_distance_km = 16;  // a home this near a place to avoid is excluded
  double school_travel_km = 24;   // a child who must stay at school: home within this
  double near_family_km = 32.2;   // "near family" wish: within 20 miles

  // Region-wide assignment: how much placing each child weighs, by urgency
  // (today, within 5 days, later). Placing children comes before cost.
  std::array<int, 3> urgency_weight = {3, 2, 1};
};

// The default policy (docs/matching.md explains each weight).
const MatchPolicy& DefaultPolicy();

// InvalidArgument naming the field when a weight is negative where it must
// not be, a limit is not positive, or an urgency weight is below 1.
Status Validate(const MatchPolicy& policy);

}  // namespace carecoop::match

#endif  // CARECOOP_MATCH_POLICY_H_
