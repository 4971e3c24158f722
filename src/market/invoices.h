// Invoices to joint funders: the health (ICB) and education shares of the
// placements an RCC paid, billed to their payers.
//
// Model. A placement may be jointly funded: agreed shares in basis points
// for health and education, the rest social care's (FundingShares,
// market/budget.h). Each payment the RCC made in a period (status paid,
// net of what a backdated end recovered) is split by its placement's shares
// with SplitFunding, so a payment's three parts add up to it to the penny.
// The health parts of one council's children make one invoice to that
// council's ICB; the education parts one invoice to the council's
// education (high needs) budget. A line is one payment's share.
//
// Method: one pass over the payments, grouped by (council, payer); lines in
// payment order. Complexity O(p log c) for p payments and c councils.
//
// References: docs/market.md, "Invoicing joint funders"; the National
// Framework for Children and Young People's Continuing Care (DHSC 2016) and
// the SEND Code of Practice (2015), 10.33-10.36, on joint funding.
#ifndef CARECOOP_MARKET_INVOICES_H_
#define CARECOOP_MARKET_INVOICES_H_

#include <array>
#include <map>
#include <span>
#include <vector>

#include "core/enum_names.h"
#include "domain/payment.h"
#include "market/budget.h"

namespace carecoop::market {

enum class Payer : std::uint8_t { kHealth, kEducation };

struct InvoiceLine {
  PaymentId payment;
  PlacementId placement;
  Date week_start;
  Pence amount;  // the payer's share of the payment, net of recoveries
  friend bool operator==(const InvoiceLine&, const InvoiceLine&) = default;
};

struct Invoice {
  CouncilId council;
  Payer payer = Payer::kHealth;
  Pence total;
  std::vector<InvoiceLine> lines;
  friend bool operator==(const Invoice&, const Invoice&) = default;
};

// The invoices for `payments` (those not paid are left out), each
// placement's shares from `shares` (a placement missing: social care pays
// all). Ordered by council, health before education; none with no lines.
Result<std::vector<Invoice>> InvoicesFor(std::span<const Payment> payments,
                                         const std::map<PlacementId, FundingShares>& shares);

}  // namespace carecoop::market

namespace carecoop {
template <>
struct EnumInfo<market::Payer> {
  static constexpr std::array<EnumEntry<market::Payer>, 2> kEntries = {{
      {market::Payer::kHealth, "health", "Health (ICB)"},
      {market::Payer::kEducation, "education", "Education"},
  }};
};
}  // namespace carecoop

#endif  // CARECOOP_MARKET_INVOICES_H_
