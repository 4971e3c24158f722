// FinancialReturn: a provider group's annual financial information for the
// financial oversight regime (Care Standards Act 2000 s.30ZE onwards, as
// inserted by the Children's Wellbeing and Schools Act 2026 s.16). One per
// group and financial year. Money in pence. Format: docs/formats/financial-return.md.
#ifndef CARECOOP_DOMAIN_FINANCIAL_RETURN_H_
#define CARECOOP_DOMAIN_FINANCIAL_RETURN_H_

#include <cstdint>

#include "core/date.h"
#include "core/money.h"
#include "core/status.h"
#include "domain/ids.h"

namespace carecoop {

struct FinancialReturn {
  FinancialReturnId id;
  std::int64_t version = 0;
  ProviderGroupId group;
  int year = 0;  // the financial year ending 31 March of this year
  Pence revenue;
  // Operating costs by kind. Related-party lines are paid to companies of
  // the group's own (or its owners'); property is rent and upkeep paid to others.
  Pence staff_costs, property_costs, related_party_rent, management_charges, other_costs;
  Pence operating_profit;  // revenue less every cost above (a loss is negative)
  // What the related-party property would rent for at arm's length.
  Pence market_rent;
  Pence debt, connected_debt;          // borrowing at year end; of it, owed to connected parties
  Pence interest, connected_interest;  // interest payable in the year; of it, to connected parties
  Pence cash;
  Pence capital_employed;  // equity plus debt at year end
  // The parent undertaking the group declares, by company number: "" for
  // an ultimate owner. A submitted return sets the group's parent.
  std::string parent_company_number;
  Date submitted;

  // Every cost line, summed.
  std::int64_t TotalCosts() const;

  friend bool operator==(const FinancialReturn&, const FinancialReturn&) = default;
};

inline constexpr int kFirstReturnYear = 2000;
inline constexpr int kLastReturnYear = 2100;

// Refused whole, naming the field and the rule: a year outside 2000-2100; a
// negative amount other than operating profit (a loss); any amount over
// £50bn; a parent company number that is not 8 letters and digits;
// costs and operating profit that do not add up to revenue (to the
// penny); connected debt above debt; connected interest above interest.
Status Validate(const FinancialReturn& r);

}  // namespace carecoop

#endif  // CARECOOP_DOMAIN_FINANCIAL_RETURN_H_
