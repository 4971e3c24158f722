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
  for (auto [field, line] : {std::pair{"core", payment.core},
                             {"staffing", payment.staffing},
                             {"education", payment.education},
                             {"transport", payment.transport},
                             {"recovered", payment.recovered}})
    CC_RETURN_IF_ERROR(validate::NonNegative(field, line));
  const std::int64_t lines = payment.core.value() + payment.staffing.value() +
                             payment.education.value() + payment.transport.value();
  if (lines != 0 && lines != payment.amount.value())
    return InvalidArgument("amount", "must be the sum of its lines");
  if (payment.recovered > payment.amount)
    return InvalidArgument("recovered", "must not be more than was paid");
  return validate::Known("status", payment.status);
}

}  // namespace carecoop
