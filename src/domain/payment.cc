#include "domain/payment.h"

#include "domain/validate.h"

namespace carecoop {

Status Validate(const Payment& payment) {
  CC_RETURN_IF_ERROR(validate::Reference("placementId", payment.placement));
  CC_RETURN_IF_ERROR(validate::Reference("rccId", payment.rcc));
  CC_RETURN_IF_ERROR(validate::Reference("councilId", payment.council));
  if (payment.week_start.year() < 2000)
    return InvalidArgument("weekStart", "must be a date from 2000 on");
  CC_RETURN_IF_ERROR(validate::WeeklyFee("amount", payment.amount));
  return validate::Known("status", payment.status);
}

}  // namespace carecoop
