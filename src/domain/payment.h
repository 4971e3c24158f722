// Payment: one week's fee for a placement, paid by the RCC and charged to the
// child's council's line of the pooled budget.
#ifndef CARECOOP_DOMAIN_PAYMENT_H_
#define CARECOOP_DOMAIN_PAYMENT_H_

#include <array>
#include <cstdint>
#include <optional>

#include "core/date.h"
#include "core/enum_names.h"
#include "core/money.h"
#include "core/status.h"
#include "domain/ids.h"

namespace carecoop {

enum class PaymentStatus : std::uint8_t { kScheduled, kPaid, kCancelled };
template <>
struct EnumInfo<PaymentStatus> {
  static constexpr std::array<EnumEntry<PaymentStatus>, 3> kEntries = {{
      {PaymentStatus::kScheduled, "scheduled", "Scheduled"},
      {PaymentStatus::kPaid, "paid", "Paid"},
      {PaymentStatus::kCancelled, "cancelled", "Cancelled"},
  }};
};

struct Payment {
  PaymentId id;
  std::int64_t version = 0;
  PlacementId placement;
  RccId rcc;          // who pays
  CouncilId council;  // whose budget line it is charged to
  Date week_start;
  Pence amount;  // the sum of the lines
  PaymentStatus status = PaymentStatus::kScheduled;
  // The care-package lines (docs/market.md, "Payments").
  Pence core, staffing, education, transport;
  // Overpaid and to be recovered after a backdated end, and the run that
  // deducted it from the provider's remittance (none yet: still owed back).
  Pence recovered;
  std::optional<Date> recovered_in;
  std::optional<PaymentRunId> run;  // the payments run that paid it

  friend bool operator==(const Payment&, const Payment&) = default;
};

Status Validate(const Payment& payment);

}  // namespace carecoop

#endif  // CARECOOP_DOMAIN_PAYMENT_H_
