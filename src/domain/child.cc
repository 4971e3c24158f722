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
  if (!child.upn.empty() && !IsUpn(child.upn))
    return InvalidArgument("upn", "'" + child.upn +
                                      "' is not a Unique Pupil Number (a letter and 12 digits "
                                      "with the right check letter) or UN1-UN5");
  if (child.mother && child.sex != Sex::kFemale)
    return InvalidArgument("mother", "is asked only of girls and young women");
  return validate::OptionalPostcodeSector("homePostcode", child.home_postcode);
}

char UpnCheckLetter(std::string_view last12) {
  static constexpr std::string_view kLetters = "ABCDEFGHJKLMNPQRTUVWXYZ";
  int sum = 0;
  for (std::size_t i = 0; i < last12.size() && i < 12; ++i) {
    char c = last12[i];
    int v = c >= '0' && c <= '9' ? c - '0' : static_cast<int>(kLetters.find(c));
    sum += v * static_cast<int>(i + 2);
  }
  return kLetters[static_cast<std::size_t>(sum % 23)];
}

bool IsUpn(std::string_view upn) {
  if (upn.size() == 3 && upn.substr(0, 2) == "UN" && upn[2] >= '1' && upn[2] <= '5') return true;
  if (upn.size() != 13) return false;
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  for (std::size_t i = 1; i < 12; ++i)
    if (!digit(upn[i])) return false;
  bool last_ok = digit(upn[12]) || std::string_view("ABCDEFGHJKLMNPQRTUVWXYZ").find(upn[12]) !=
                                       std::string_view::npos;
  return last_ok && upn[0] == UpnCheckLetter(upn.substr(1));
}

}  // namespace carecoop
