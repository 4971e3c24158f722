#include "domain/home.h"

#include <cctype>

#include "domain/validate.h"

namespace carecoop {
namespace {

Status ValidateUrn(const std::string& urn, bool required) {
  if (urn.empty()) {
    if (required)
      return InvalidArgument("ofstedUrn", "an Ofsted-registered setting must have its URN");
    return Status::Ok();
  }
  if (urn.size() > 12) return InvalidArgument("ofstedUrn", "must be at most 12 characters");
  for (char c : urn)
    if (!std::isalnum(static_cast<unsigned char>(c)))
      return InvalidArgument("ofstedUrn", "must contain only letters and digits");
  return Status::Ok();
}

}  // namespace

Status Validate(const RunningCosts& c) {
  constexpr std::int64_t kMax = Pence::FromPounds(50'000'000).value();
  for (auto [field, v] : {std::pair{"runningCosts.staff", c.staff.value()},
                          {"runningCosts.property", c.property.value()},
                          {"runningCosts.other", c.other.value()},
                          {"runningCosts.overhead", c.overhead.value()}})
    if (v < 0 || v > kMax)
      return InvalidArgument(field, "must be between £0 and £50,000,000 a year");
  return Status::Ok();
}

Status Validate(const Home& home) {
  CC_RETURN_IF_ERROR(validate::Reference("providerId", home.provider));
  CC_RETURN_IF_ERROR(validate::NonEmpty("name", home.name));
  CC_RETURN_IF_ERROR(validate::Known("setting", home.setting));
  CC_RETURN_IF_ERROR(ValidateUrn(home.ofsted_urn, home.setting != Setting::kFosteringHousehold));
  CC_RETURN_IF_ERROR(validate::Known("ofstedRating", home.ofsted_rating));
  if (home.last_inspected && home.ofsted_rating == OfstedRating::kNotYetInspected)
    return InvalidArgument("lastInspected", "a home not yet inspected has no inspection date");
  CC_RETURN_IF_ERROR(validate::Reference("councilId", home.council));
  CC_RETURN_IF_ERROR(ValidateInEngland(home.location, "location"));
  CC_RETURN_IF_ERROR(validate::OptionalPostcodeSector("postcode", home.postcode));
  int max_places = home.setting == Setting::kFosteringHousehold ? 8 : 60;
  CC_RETURN_IF_ERROR(validate::Range("registeredPlaces", home.registered_places, 1, max_places));
  CC_RETURN_IF_ERROR(validate::Range("minAge", home.min_age, 0, kMaxChildAge));
  CC_RETURN_IF_ERROR(validate::Range("maxAge", home.max_age, home.min_age, kMaxChildAge));
  if (home.setting == Setting::kSupportedAccommodation && home.min_age < 16)
    return InvalidArgument("minAge", "supported accommodation is for young people of 16 and over");
  if (home.max_support_ratio == SupportRatio::kNotSpecified ||
      home.max_support_ratio == SupportRatio::kNotApplicable ||
      !IsKnownEnumValue(home.max_support_ratio))
    return InvalidArgument("maxSupportRatio",
                           "must be standard, one_to_one, two_to_one or more_than_two_to_one");
  CC_RETURN_IF_ERROR(
      validate::Range("maxSiblings", home.max_siblings, 0, home.registered_places - 1));
  if (home.connected_person && home.setting != Setting::kFosteringHousehold)
    return InvalidArgument("connectedPerson",
                           "only a fostering household can be a connected-person (kinship) carer");
  if (home.running_costs) return Validate(*home.running_costs);
  return Status::Ok();
}

}  // namespace carecoop
