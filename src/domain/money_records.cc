#include "domain/money_records.h"

#include "domain/validate.h"

namespace carecoop {

Status Validate(const PaymentRun& r) {
  CC_RETURN_IF_ERROR(validate::Reference("rccId", r.rcc));
  if (r.week_from.year() < 2000) return InvalidArgument("weekFrom", "must be a date from 2000 on");
  CC_RETURN_IF_ERROR(validate::Range("placementsPaid", r.placements_paid, 0, 10'000'000));
  CC_RETURN_IF_ERROR(validate::NonNegative("paid", r.paid));
  CC_RETURN_IF_ERROR(validate::NonNegative("voids", r.voids));
  return validate::NonNegative("recovered", r.recovered);
}

Status Validate(const BlockUtilisation& w) {
  CC_RETURN_IF_ERROR(validate::Reference("contractId", w.contract));
  CC_RETURN_IF_ERROR(validate::Reference("rccId", w.rcc));
  CC_RETURN_IF_ERROR(validate::Range("reserved", w.reserved, 1, 1000));
  CC_RETURN_IF_ERROR(validate::Range("used", w.used, 0, w.reserved));
  if (w.voids != w.reserved - w.used) return InvalidArgument("voids", "must be reserved - used");
  return validate::NonNegative("voidCost", w.void_cost);
}

Status Validate(const BudgetLine& l) {
  CC_RETURN_IF_ERROR(validate::Reference("rccId", l.rcc));
  CC_RETURN_IF_ERROR(validate::Reference("councilId", l.council));
  CC_RETURN_IF_ERROR(validate::Range("year", l.year, 2000, 2100));
  CC_RETURN_IF_ERROR(validate::Known("basis", l.basis));
  if (l.weight < 0) return InvalidArgument("weight", "must not be negative");
  return validate::NonNegative("amount", l.amount);
}

Status Validate(const CarerApplication& a) {
  CC_RETURN_IF_ERROR(validate::Reference("providerId", a.provider));
  CC_RETURN_IF_ERROR(validate::Reference("councilId", a.council));
  const std::optional<Date> stages[] = {a.enquiry, a.application, a.assessment, a.approval};
  const char* names[] = {"enquiry", "application", "assessment", "approval"};
  for (int s = 1; s < 4; ++s) {
    if (!stages[s]) continue;
    if (!stages[s - 1])
      return InvalidArgument(names[s], std::string("is set without ") + names[s - 1]);
    if (*stages[s] < *stages[s - 1])
      return InvalidArgument(names[s], std::string("must not be before ") + names[s - 1]);
  }
  if (a.resignation && (!a.approval || *a.resignation < *a.approval))
    return InvalidArgument("resignation", "must be on or after approval");
  return Status::Ok();
}

}  // namespace carecoop
