#include "domain/child.h"

#include "domain/ssda903.h"
#include "domain/validate.h"

namespace carecoop {

Status Validate(const Child& child) {
  CC_RETURN_IF_ERROR(validate::NonEmpty("pseudonym", child.pseudonym, 40));
  CC_RETURN_IF_ERROR(validate::Reference("councilId", child.council));
  if (child.date_of_birth.year() < 1990)
    return InvalidArgument("dateOfBirth", "must be a date from 1990 on");
  CC_RETURN_IF_ERROR(validate::Known("sex", child.sex));
  CC_RETURN_IF_ERROR(ssda903::Check(ssda903::CodeList::kEthnicity, child.ethnicity, "ethnicity"));
  CC_RETURN_IF_ERROR(
      ssda903::Check(ssda903::CodeList::kCategoryOfNeed, child.category_of_need, "categoryOfNeed"));
  CC_RETURN_IF_ERROR(ValidateInEngland(child.family_location, "familyLocation"));
  if (child.school_location)
    CC_RETURN_IF_ERROR(ValidateInEngland(*child.school_location, "schoolLocation"));
  if (child.care_started < child.date_of_birth)
    return InvalidArgument("careStarted", "must not be before the date of birth");
  if (child.care_ended && *child.care_ended < child.care_started)
    return InvalidArgument("careEnded", "must not be before careStarted");
  if (child.care_ended.has_value() != !child.reason_ceased.empty())
    return InvalidArgument("reasonCeased", "is required when, and only when, care has ended");
  if (!child.reason_ceased.empty())
    CC_RETURN_IF_ERROR(ssda903::Check(ssda903::CodeList::kReasonEpisodeCeased, child.reason_ceased,
                                      "reasonCeased"));
  return Status::Ok();
}

}  // namespace carecoop
