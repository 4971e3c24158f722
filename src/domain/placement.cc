#include "domain/placement.h"

#include <array>
#include <string_view>

#include "domain/ssda903.h"
#include "domain/validate.h"

namespace carecoop {
namespace {

bool OneOf(std::string_view code, std::initializer_list<std::string_view> list) {
  for (auto c : list)
    if (c == code) return true;
  return false;
}

}  // namespace

Status Validate(const Placement& p) {
  using ssda903::CodeList;
  CC_RETURN_IF_ERROR(validate::Reference("childId", p.child));
  CC_RETURN_IF_ERROR(validate::Reference("councilId", p.council));
  CC_RETURN_IF_ERROR(validate::Reference("referralId", p.referral));
  CC_RETURN_IF_ERROR(validate::Reference("homeId", p.home));
  CC_RETURN_IF_ERROR(validate::Reference("vacancyId", p.vacancy));
  CC_RETURN_IF_ERROR(validate::Reference("contractId", p.contract));
  if (p.end && *p.end < p.start) return InvalidArgument("endDate", "must not be before startDate");
  CC_RETURN_IF_ERROR(ssda903::Check(CodeList::kPlacementType, p.place_code, "placeCode"));
  // Published cross-field rules (SSDA903 guidance and validator rules).
  bool no_provider =
      OneOf(p.place_code, {"T0", "T1", "T2", "T3", "Z1", "Z11", "Z12", "Z13", "Z14"});
  if (no_provider) {
    if (!p.provider_code.empty())
      return InvalidArgument("providerCode",
                             "no PLACE_PROVIDER is recorded for placement type " + p.place_code);
  } else {
    CC_RETURN_IF_ERROR(
        ssda903::Check(CodeList::kPlacementProvider, p.provider_code, "providerCode"));
  }
  if ((p.place_code == "P1") != (p.provider_code == "PR0"))
    return InvalidArgument("providerCode", "PR0 goes with placement type P1, and only with it");
  if (p.vacancy && !p.home) return InvalidArgument("homeId", "a booked vacancy needs its home");
  CC_RETURN_IF_ERROR(ssda903::Check(CodeList::kLegalStatus, p.legal_status, "legalStatus"));
  CC_RETURN_IF_ERROR(validate::OptionalPostcodeSector("postcode", p.postcode));
  CC_RETURN_IF_ERROR(validate::Known("needBand", p.need_band));
  CC_RETURN_IF_ERROR(validate::WeeklyFee("weeklyFee", p.weekly_fee));
  for (auto [field, fee] : {std::pair{"staffingFee", p.staffing_fee},
                            {"educationFee", p.education_fee},
                            {"transportFee", p.transport_fee}})
    CC_RETURN_IF_ERROR(validate::NonNegative(field, fee));
  if (p.staffing_fee.value() + p.education_fee.value() + p.transport_fee.value() >
      p.weekly_fee.value())
    return InvalidArgument("weeklyFee", "must be at least its staffing, education and transport");
  CC_RETURN_IF_ERROR(validate::Range("healthShareBp", p.health_share_bp, 0, 10'000));
  CC_RETURN_IF_ERROR(validate::Range("educationShareBp", p.education_share_bp, 0, 10'000));
  if (p.health_share_bp + p.education_share_bp > 10'000)
    return InvalidArgument("fundingShares",
                           "health and education shares must not add up to more than 100%");
  if (!p.reason_place_change.empty()) {
    CC_RETURN_IF_ERROR(
        ssda903::Check(CodeList::kReasonPlaceChange, p.reason_place_change, "reasonPlaceChange"));
    if (!p.end)
      return InvalidArgument("reasonPlaceChange", "is recorded only when the placement has ended");
  }
  if (!p.reason_ceased.empty()) {
    CC_RETURN_IF_ERROR(
        ssda903::Check(CodeList::kReasonEpisodeCeased, p.reason_ceased, "reasonCeased"));
    if (!p.end)
      return InvalidArgument("reasonCeased", "is recorded only when the placement has ended");
    if (!p.reason_place_change.empty())
      return InvalidArgument("reasonCeased",
                             "care ended, so there is no reason for a placement change");
  }
  return Status::Ok();
}

}  // namespace carecoop
