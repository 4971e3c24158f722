// The money records an RCC keeps beside its payments (docs/market.md):
// each weekly payments run, each block contract's week, each council's
// budget line, and each prospective foster carer's journey through
// recruitment.
#ifndef CARECOOP_DOMAIN_MONEY_RECORDS_H_
#define CARECOOP_DOMAIN_MONEY_RECORDS_H_

#include <array>
#include <cstdint>
#include <optional>

#include "core/date.h"
#include "core/enum_names.h"
#include "core/money.h"
#include "core/status.h"
#include "domain/ids.h"

namespace carecoop {

// One weekly payments run of an RCC: it pays the payment week of each
// placement in force that starts in [week_from, week_from + 7). An RCC runs
// a week once: the store's UNIQUE (rcc_id, week_from) decides a race.
struct PaymentRun {
  PaymentRunId id;
  std::int64_t version = 0;
  RccId rcc;
  Date week_from;
  Timestamp created_at{};
  std::string created_by;
  int placements_paid = 0;
  Pence paid;       // payments made in the run
  Pence voids;      // block places paid for but empty
  Pence recovered;  // overpayments deducted
  friend bool operator==(const PaymentRun&, const PaymentRun&) = default;
};
Status Validate(const PaymentRun& run);

// A block contract's week, measured by the run that paid it.
struct BlockUtilisation {
  BlockUtilisationId id;
  std::int64_t version = 0;
  ContractId contract;
  RccId rcc;
  Date week_from;
  int reserved = 0;
  int used = 0;
  int voids = 0;
  Pence void_cost;
  friend bool operator==(const BlockUtilisation&, const BlockUtilisation&) = default;
};
Status Validate(const BlockUtilisation& week);

enum class ContributionBasis : std::uint8_t { kChildrenInCare, kPastSpend, kFixedSplit };
template <>
struct EnumInfo<ContributionBasis> {
  static constexpr std::array<EnumEntry<ContributionBasis>, 3> kEntries = {{
      {ContributionBasis::kChildrenInCare, "children_in_care", "Share of children in care"},
      {ContributionBasis::kPastSpend, "past_spend", "Share of past spend"},
      {ContributionBasis::kFixedSplit, "fixed_split", "Fixed split"},
  }};
};

// A member council's line of the RCC's pooled placement budget for a
// financial year (April to March, named by the year it starts).
struct BudgetLine {
  BudgetLineId id;
  std::int64_t version = 0;
  RccId rcc;
  CouncilId council;
  int year = 0;
  ContributionBasis basis = ContributionBasis::kChildrenInCare;
  std::int64_t weight = 0;  // children in care, past spend in pence, or basis points
  Pence amount;
  friend bool operator==(const BudgetLine&, const BudgetLine&) = default;
};
Status Validate(const BudgetLine& line);

// A household's way through foster-carer recruitment with a council's (or
// the RCC's) own fostering service.
struct CarerApplication {
  CarerApplicationId id;
  std::int64_t version = 0;
  ProviderId provider;  // the fostering service
  CouncilId council;
  Date enquiry;
  std::optional<Date> application, assessment, approval, resignation;
  friend bool operator==(const CarerApplication&, const CarerApplication&) = default;
};
Status Validate(const CarerApplication& application);

}  // namespace carecoop

#endif  // CARECOOP_DOMAIN_MONEY_RECORDS_H_
