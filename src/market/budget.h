// The pooled budget: how an RCC's placement budget is made of its member
// councils' contributions, and how one placement's cost is split between
// the bodies that pay for it.
//
// Model. An RCC sets a total for a financial year and a contribution rule:
//   children in care  each council pays in proportion to its children in
//                     care (at the last 31 March);
//   past spend        in proportion to its placement spend last year;
//   fixed split       by agreed shares (basis points summing to 10,000).
// The total is divided in whole pence by the largest remainder method
// (Hamilton): each council gets floor(total x w_i / W), and the pence left
// over go one each to the largest remainders (ties to the earlier council),
// so the lines always add up to the total exactly.
//
// A placement's weekly cost is split between social care, health (the ICB)
// and education by agreed shares in basis points summing to 10,000, with the
// same method, so the three parts add up to the cost to the penny.
//
// Complexity: O(n log n) for n councils (the sort of remainders).
//
// References: docs/market.md, "The pooled budget"; Balinski and Young, Fair
// Representation (1982) for the largest remainder method.
#ifndef CARECOOP_MARKET_BUDGET_H_
#define CARECOOP_MARKET_BUDGET_H_

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "core/money.h"
#include "core/status.h"
#include "domain/money_records.h"

namespace carecoop::market {

// The rules are the domain's (domain/money_records.h), so a stored budget
// line names the rule that made it.
using ContributionRule = ContributionBasis;

// `total` divided in proportion to `weights` (>= 0, not all 0) by the
// largest remainder. InvalidArgument naming `field` for a negative weight,
// all-zero weights or a negative total.
Result<std::vector<Pence>> Apportion(Pence total, std::span<const std::int64_t> weights,
                                     std::string_view field = "weights");

// Each council's contribution. `weights`: children in care, past spend in
// pence, or shares in basis points (which must sum to 10,000), by rule.
Result<std::vector<Pence>> Contributions(Pence total, ContributionRule rule,
                                         std::span<const std::int64_t> weights);

// The shares of a placement's cost, in basis points.
struct FundingShares {
  int social_care_bp = 10'000;
  int health_bp = 0;
  int education_bp = 0;
};
// InvalidArgument naming the share that is out of range, or "fundingShares"
// when they do not sum to 10,000.
Status Validate(const FundingShares& shares);

struct FundingSplit {
  Pence social_care, health, education;
};
Result<FundingSplit> SplitFunding(Pence amount, const FundingShares& shares);

}  // namespace carecoop::market

#endif  // CARECOOP_MARKET_BUDGET_H_
