#include "domain/region.h"

#include "domain/validate.h"

namespace carecoop {

Status Validate(const Region& region) {
  if (region.ons_code.size() != 9 || !region.ons_code.starts_with("E12"))
    return InvalidArgument("onsCode", "must be an ONS region code like E12000001");
  return validate::NonEmpty("name", region.name);
}

}  // namespace carecoop
