#include "domain/liberty_register.h"

#include "domain/contract.h"
#include "domain/validate.h"

namespace carecoop {

namespace {

Status Common(ChildId child, CouncilId council, RccId rcc, const std::string& recorded_by) {
  CC_RETURN_IF_ERROR(validate::Reference("childId", child));
  CC_RETURN_IF_ERROR(validate::Reference("councilId", council));
  CC_RETURN_IF_ERROR(validate::Reference("rccId", rcc));
  return validate::NonEmpty("recordedBy", recorded_by);
}

Status NotBefore(const std::string& field, Date d, Date start, std::string_view what) {
  if (d < start)
    return InvalidArgument(
        field, "must not be before the start (" + start.ToIso() + "): " + std::string(what));
  return Status::Ok();
}

}  // namespace

Status Validate(const DolOrder& o) {
  CC_RETURN_IF_ERROR(Common(o.child, o.council, o.rcc, o.recorded_by));
  CC_RETURN_IF_ERROR(validate::NonEmpty("court", o.court));
  CC_RETURN_IF_ERROR(validate::Known("setting", o.setting));
  if (o.setting == Setting::kSecureChildrensHome || o.setting == Setting::kSupportedAccommodation)
    return InvalidArgument("setting",
                           "a deprivation of liberty order cannot be for a secure children's "
                           "home (that takes a secure accommodation order) or supported "
                           "accommodation (SSDA903 rule 710)");
  if (o.end) CC_RETURN_IF_ERROR(NotBefore("endDate", *o.end, o.start, "SSDA903 rule 702"));
  return NotBefore("reviewOn", o.review_on, o.start, "the court reviews an order it has made");
}

Status Validate(const UnregisteredPlacement& u) {
  CC_RETURN_IF_ERROR(Common(u.child, u.council, u.rcc, u.recorded_by));
  CC_RETURN_IF_ERROR(validate::NonEmpty("setting", u.setting));
  CC_RETURN_IF_ERROR(validate::NonEmpty("exitPlan", u.exit_plan, validate::kMaxLongText));
  CC_RETURN_IF_ERROR(validate::WeeklyFee("weeklyCost", u.weekly_cost));
  CC_RETURN_IF_ERROR(validate::Reference("dolOrderId", u.dol_order));
  if (u.end)
    CC_RETURN_IF_ERROR(NotBefore("endDate", *u.end, u.start, "the child left after arriving"));
  return NotBefore("exitBy", u.exit_by, u.start, "the plan is to leave after arriving");
}

}  // namespace carecoop
