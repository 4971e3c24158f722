#include "domain/vacancy.h"

#include "domain/validate.h"

namespace carecoop {

Status Validate(const Vacancy& vacancy) {
  CC_RETURN_IF_ERROR(validate::Reference("homeId", vacancy.home));
  if (vacancy.available_from.year() < 2000)
    return InvalidArgument("availableFrom", "must be a date from 2000 on");
  return validate::Known("status", vacancy.status);
}

}  // namespace carecoop
