#include "domain/council.h"

#include <algorithm>
#include <cctype>

#include "domain/validate.h"

namespace carecoop {
namespace {

bool AllDigits(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

}  // namespace

Status Validate(const Council& council) {
  std::string_view ons = council.ons_code;
  bool ons_ok = ons.size() == 9 && AllDigits(ons.substr(1)) &&
                (ons.starts_with("E06") || ons.starts_with("E08") || ons.starts_with("E09") ||
                 ons.starts_with("E10"));
  if (!ons_ok)
    return InvalidArgument("onsCode",
                           "must be an ONS council code: E06, E08, E09 or E10 then 6 digits");
  if (council.dfe_la_code.size() != 3 || !AllDigits(council.dfe_la_code))
    return InvalidArgument("dfeLaCode", "must be the DfE's 3-digit LA code");
  CC_RETURN_IF_ERROR(validate::NonEmpty("name", council.name));
  CC_RETURN_IF_ERROR(validate::Reference("regionId", council.region));
  CC_RETURN_IF_ERROR(ValidateInEngland(council.location, "location"));
  return validate::Range("cla2024", council.cla_2024, 0, 100000);
}

}  // namespace carecoop
