#include "market/payments_run.h"

#include <algorithm>

#include "market/pricing.h"

namespace carecoop::market {

Result<Pence> CarePackage::Total() const {
  CC_ASSIGN_OR_RETURN(Pence sum, Add(core, staffing));
  CC_ASSIGN_OR_RETURN(sum, Add(sum, education));
  return Add(sum, transport);
}

std::optional<Date> PaymentWeekIn(Date placement_start, Date from) {
  const std::int64_t offset = from.days_since_epoch() - placement_start.days_since_epoch();
  if (offset <= -7) return std::nullopt;
  if (offset <= 0) return placement_start;
  const std::int64_t k = (offset + 6) / 7;  // the first week starting on or after from
  return placement_start.AddDays(7 * k);
}

int DaysInForce(Date week_start, std::optional<Date> end) {
  if (!end) return 7;
  const std::int64_t days = end->days_since_epoch() - week_start.days_since_epoch();
  return static_cast<int>(std::clamp<std::int64_t>(days, 0, 7));
}

CarePackage DueForWeek(const CarePackage& weekly, Date week_start, std::optional<Date> end) {
  const int days = DaysInForce(week_start, end);
  return {ProRata(weekly.core, days), ProRata(weekly.staffing, days),
          ProRata(weekly.education, days), ProRata(weekly.transport, days)};
}

Pence Recovery(const CarePackage& paid, Date week_start, Date end) {
  const CarePackage due = DueForWeek(paid, week_start, end);
  return Pence(paid.core.value() - due.core.value() + paid.staffing.value() - due.staffing.value() +
               paid.education.value() - due.education.value() + paid.transport.value() -
               due.transport.value());
}

CarePackage LinesOf(const Payment& p) { return {p.core, p.staffing, p.education, p.transport}; }

void SetLines(Payment& p, const CarePackage& lines) {
  p.core = lines.core;
  p.staffing = lines.staffing;
  p.education = lines.education;
  p.transport = lines.transport;
  p.amount = Pence(lines.core.value() + lines.staffing.value() + lines.education.value() +
                   lines.transport.value());
}

}  // namespace carecoop::market
