// Pricing a placement: which contract applies, the weekly price, the payment
// schedule, and the pro-rata close when a placement ends. Pure functions of
// plain data; the services read and write the store around them.
//
// Model. An RCC buys a place in a provider's home under one of four routes
// (ContractType): a block contract (places already paid for), a framework,
// a dynamic purchasing system (DPS) or a spot purchase. A contract applies
// to a placement when it is between that provider and the RCC, in force
// (status in force, start <= date, and no end or date <= end), and, unless
// it is spot, has a fee line that covers the place sought: the child's need
// band, and, where the line is a framework lot's, the home's setting and the
// child's age on the start date (FeeBand::Covers); a block applies only to
// a place in one of the homes it names.
//
// Rules.
//   1. Contract choice (the call-off order): among the contracts that
//      apply, the first route in the RCC's configured order of routes
//      (by default block, framework, DPS, spot: places already paid for
//      first); within one route, a call-off of a national contract first
//      (the national body let it for that need, docs/national.md), then the
//      lowest contract id (the oldest), so the
//      choice does not depend on the order contracts are listed in. A route
//      the order leaves out is never used. No contract applies: none is
//      chosen.
//   2. Weekly price: under block or framework, the contract's fee for the
//      place (its lot's fee under a framework) replaces the offer's core fee, and the offer's
//      staffing, education and transport fees are added; under DPS (a call-off competition among
//      the admitted providers: the winning offer's fee is the price), spot, or with no contract,
//      the offer's own weekly fee (all four items). Overflow is an InvalidArgument naming "amount".
//   3. Payment schedule: `weeks` payments of the weekly price, on the start
//      date and every 7 days after it.
//   4. Close on end date E: a scheduled payment for a week starting on or
//      after E is cancelled; the week containing E (start < E < start + 7)
//      is paid for its days before E, amount * days / 7 rounded to the
//      nearest penny (half away from zero); earlier weeks, and payments
//      already paid or cancelled, are left as they are.
//
// Complexity: contract choice O(contracts * bands); schedule O(weeks);
// close O(1) a payment.
//
// References: docs/api.md, "Pricing (step 7)" and "Payments", which state
// these rules for the workflow's users. Tests: pricing_test.cc proves rule 1
// against a reference search over every combination of routes, bands and
// start dates, and rule 4's rounding exactly in integer arithmetic.
#ifndef CARECOOP_MARKET_PRICING_H_
#define CARECOOP_MARKET_PRICING_H_

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "domain/contract.h"
#include "domain/offer.h"
#include "domain/payment.h"

namespace carecoop::market {

// The default call-off order of rule 1.
inline constexpr std::array<ContractType, 4> kDefaultRouteOrder = {
    ContractType::kBlock, ContractType::kFramework, ContractType::kDps, ContractType::kSpot};

// The route's place in `order` (0 first); order.size() when it is left out.
int RoutePreference(ContractType type, std::span<const ContractType> order = kDefaultRouteOrder);

// The place a contract is asked to price: the child's need band and, when
// known, the home's setting, the child's age on the start date and the home
// (a block prices only a place in a home it names).
struct PlaceSought {
  NeedBand band = NeedBand::kStandard;
  std::optional<Setting> setting;
  std::optional<int> age;
  std::optional<HomeId> home;
  PlaceSought(NeedBand b,
              std::optional<Setting> s = std::nullopt,  // NOLINT: a band alone is a place
              std::optional<int> a = std::nullopt, std::optional<HomeId> h = std::nullopt)
      : band(b), setting(s), age(a), home(h) {}
};

// Whether `contract` applies to a placement of `provider` in `place` starting on `start`.
bool Applies(const Contract& contract, ProviderId provider, const PlaceSought& place, Date start);

// Rule 1: the contract that prices the placement, from the RCC's contracts,
// following the RCC's call-off order.
std::optional<Contract> ChooseContract(std::span<const Contract> rcc_contracts, ProviderId provider,
                                       const PlaceSought& place, Date start,
                                       std::span<const ContractType> order = kDefaultRouteOrder);

// The fees an offer names, each weekly.
struct OfferedFees {
  Pence core, staffing, education, transport;
  static OfferedFees Of(const Offer& offer) {
    return {offer.core_fee, offer.staffing_fee, offer.education_fee, offer.transport_fee};
  }
};

struct Price {
  std::optional<Contract> contract;  // none: priced from the offer alone
  Pence weekly;
};

// Rules 1 and 2.
Result<Price> PricePlacement(std::span<const Contract> rcc_contracts, ProviderId provider,
                             const PlaceSought& place, Date start, const OfferedFees& offered,
                             std::span<const ContractType> order = kDefaultRouteOrder);

// Whether the route's contract sets the core fee (rule 2): block and framework.
bool ContractSetsTheFee(ContractType type);

// Rule 3: the week each payment covers and its amount.
struct ScheduledWeek {
  Date week_start;
  Pence amount;
  friend bool operator==(const ScheduledWeek&, const ScheduledWeek&) = default;
};
std::vector<ScheduledWeek> PaymentSchedule(Date start, Pence weekly, int weeks);

// Rule 4 for one payment: what it becomes when its placement ends on `end`,
// or nullopt when it is left as it is.
struct ClosedPayment {
  PaymentStatus status;
  Pence amount;
  friend bool operator==(const ClosedPayment&, const ClosedPayment&) = default;
};
std::optional<ClosedPayment> ClosePayment(const Payment& payment, Date end);

// amount * days / 7, rounded to the nearest penny, half away from zero
// (0 <= days <= 7).
Pence ProRata(Pence weekly, int days);

}  // namespace carecoop::market

#endif  // CARECOOP_MARKET_PRICING_H_
