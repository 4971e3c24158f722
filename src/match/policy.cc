#include "match/policy.h"

#include <cmath>

namespace carecoop::match {

const MatchPolicy& DefaultPolicy() {
  static const MatchPolicy kDefault;
  return kDefault;
}

Status Validate(const MatchPolicy& p) {
  auto non_negative = [](double v, const char* field) -> Status {
    if (!std::isfinite(v) || v < 0) return InvalidArgument(field, "must be a number of at least 0");
    return Status::Ok();
  };
  auto positive = [](double v, const char* field) -> Status {
    if (!std::isfinite(v) || v <= 0) return InvalidArgument(field, "must be a number above 0");
    return Status::Ok();
  };
  if (p.version < 1) return InvalidArgument("version", "must be at least 1");
  CC_RETURN_IF_ERROR(non_negative(p.per_km_from_family, "perKmFromFamily"));
  CC_RETURN_IF_ERROR(positive(p.close_to_family_factor, "closeToFamilyFactor"));
  CC_RETURN_IF_ERROR(non_negative(p.per_km_from_school, "perKmFromSchool"));
  CC_RETURN_IF_ERROR(non_negative(p.outside_council, "outsideCouncil"));
  CC_RETURN_IF_ERROR(non_negative(p.outside_rcc, "outsideRcc"));
  CC_RETURN_IF_ERROR(non_negative(p.setting_suitable_not_preferred, "settingSuitableNotPreferred"));
  CC_RETURN_IF_ERROR(non_negative(p.setting_not_specified, "settingNotSpecified"));
  for (double v : p.ofsted)
    if (!std::isfinite(v) || std::abs(v) > 10000)
      return InvalidArgument("ofsted", "must be finite, within ±10000");
  CC_RETURN_IF_ERROR(non_negative(p.per_breakdown_percent, "perBreakdownPercent"));
  CC_RETURN_IF_ERROR(non_negative(p.per_unmet_wish, "perUnmetWish"));
  CC_RETURN_IF_ERROR(non_negative(p.per_100_pounds_weekly, "per100PoundsWeekly"));
  CC_RETURN_IF_ERROR(non_negative(p.avoid_distance_km, "avoidDistanceKm"));
  CC_RETURN_IF_ERROR(positive(p.school_travel_km, "schoolTravelKm"));
  CC_RETURN_IF_ERROR(positive(p.near_family_km, "nearFamilyKm"));
  for (int w : p.urgency_weight)
    if (w < 1 || w > 100)
      return InvalidArgument("urgencyWeight", "each weight must be between 1 and 100");
  return Status::Ok();
}

}  // namespace carecoop::match
