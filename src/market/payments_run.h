// The weekly payments run: what each placement in force is paid for a week,
// as care-package lines, and what is recovered when an end is recorded
// after the weeks it ends in were paid.
//
// Model. A placement's payment weeks run from its start: week k covers the
// days [start + 7k, start + 7k + 7). A run covers the seven days
// [from, from + 7) and pays, for each placement, the one week of it that
// starts in that window (if the placement has begun by then and had not
// ended before the week starts). A week's due is each care-package line
// (core fee, extra staffing, education, transport) times the days of the
// week the placement is in force (before its end date, the day it ends not
// counted) / 7, each line to the nearest penny (ProRata); the payment is the
// sum of its lines. A schedule therefore runs as long as the placement
// lasts: there is no last week until an end is recorded.
//
// Recovery. When an end E is recorded after weeks were paid: a paid week
// starting on or after E is recovered whole; the paid week containing E is
// recovered by what was paid less what was due for its days before E. The
// recovery is deducted from the provider's next remittance.
//
// Complexity: O(1) a placement a week.
//
// References: docs/market.md, "Payments"; pricing.h rules 3 and 4, whose
// pro-rata rounding this shares.
#ifndef CARECOOP_MARKET_PAYMENTS_RUN_H_
#define CARECOOP_MARKET_PAYMENTS_RUN_H_

#include <optional>

#include "core/date.h"
#include "core/money.h"
#include "core/status.h"
#include "domain/payment.h"

namespace carecoop::market {

// A placement's weekly care package, by line.
struct CarePackage {
  Pence core, staffing, education, transport;
  // The sum; InvalidArgument naming "amount" on overflow.
  Result<Pence> Total() const;
  friend bool operator==(const CarePackage&, const CarePackage&) = default;
};

// The start of the placement's payment week that begins in [from, from + 7),
// or nullopt when the placement has not begun by from + 6.
std::optional<Date> PaymentWeekIn(Date placement_start, Date from);

// Days of the payment week starting `week_start` the placement is in force (0..7).
int DaysInForce(Date week_start, std::optional<Date> end);

// The lines due for the payment week starting `week_start`.
CarePackage DueForWeek(const CarePackage& weekly, Date week_start, std::optional<Date> end);

// What is recovered of a paid week when the placement's end is `end`.
Pence Recovery(const CarePackage& paid, Date week_start, Date end);

// A payment's lines, and a payment set to `lines` (its amount their sum).
CarePackage LinesOf(const Payment& payment);
void SetLines(Payment& payment, const CarePackage& lines);

}  // namespace carecoop::market

#endif  // CARECOOP_MARKET_PAYMENTS_RUN_H_
