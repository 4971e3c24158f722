#include "market/pricing.h"

#include <algorithm>
#include <tuple>

namespace carecoop::market {

int RoutePreference(ContractType type, std::span<const ContractType> order) {
  for (std::size_t i = 0; i < order.size(); ++i)
    if (order[i] == type) return static_cast<int>(i);
  return static_cast<int>(order.size());
}

bool ContractSetsTheFee(ContractType type) {
  return type == ContractType::kBlock || type == ContractType::kFramework;
}

bool Applies(const Contract& c, ProviderId provider, const PlaceSought& place, Date start) {
  if (c.provider != provider || c.status != ContractStatus::kInForce || c.start > start ||
      (c.end && *c.end < start))
    return false;
  if (c.type == ContractType::kBlock && place.home &&
      std::find(c.block_homes.begin(), c.block_homes.end(), *place.home) == c.block_homes.end())
    return false;
  return c.type == ContractType::kSpot ||
         c.FeeFor(place.band, place.setting, place.age).has_value();
}

std::optional<Contract> ChooseContract(std::span<const Contract> rcc_contracts, ProviderId provider,
                                       const PlaceSought& place, Date start,
                                       std::span<const ContractType> order) {
  const Contract* best = nullptr;
  const int left_out = static_cast<int>(order.size());
  for (const Contract& c : rcc_contracts) {
    if (!Applies(c, provider, place, start) || RoutePreference(c.type, order) == left_out) continue;
    if (!best || std::tuple(RoutePreference(c.type, order), !c.national, c.id) <
                     std::tuple(RoutePreference(best->type, order), !best->national, best->id))
      best = &c;
  }
  if (!best) return std::nullopt;
  return *best;
}

Result<Price> PricePlacement(std::span<const Contract> rcc_contracts, ProviderId provider,
                             const PlaceSought& place, Date start, const OfferedFees& offered,
                             std::span<const ContractType> order) {
  Price out;
  out.contract = ChooseContract(rcc_contracts, provider, place, start, order);
  Pence core = offered.core;
  if (out.contract && ContractSetsTheFee(out.contract->type))
    core = *out.contract->FeeFor(place.band, place.setting, place.age);
  CC_ASSIGN_OR_RETURN(out.weekly, Add(core, offered.staffing));
  CC_ASSIGN_OR_RETURN(out.weekly, Add(out.weekly, offered.education));
  CC_ASSIGN_OR_RETURN(out.weekly, Add(out.weekly, offered.transport));
  return out;
}

std::vector<ScheduledWeek> PaymentSchedule(Date start, Pence weekly, int weeks) {
  std::vector<ScheduledWeek> out;
  out.reserve(static_cast<std::size_t>(std::max(weeks, 0)));
  for (int w = 0; w < weeks; ++w) out.push_back({start.AddDays(7 * w), weekly});
  return out;
}

Pence ProRata(Pence weekly, int days) {
  // Half away from zero; an exact half cannot occur when dividing by 7, but
  // the rule is stated so that it does not depend on that.
  const std::int64_t twice = 2 * weekly.value() * days;
  const std::int64_t rounded = twice >= 0 ? (twice + 7) / 14 : -((-twice + 7) / 14);
  return Pence(rounded);
}

std::optional<ClosedPayment> ClosePayment(const Payment& payment, Date end) {
  if (payment.status != PaymentStatus::kScheduled) return std::nullopt;
  if (payment.week_start >= end) return ClosedPayment{PaymentStatus::kCancelled, payment.amount};
  if (payment.week_start.AddDays(7) > end) {
    auto days = static_cast<int>(end.days_since_epoch() - payment.week_start.days_since_epoch());
    return ClosedPayment{PaymentStatus::kScheduled, ProRata(payment.amount, days)};
  }
  return std::nullopt;
}

}  // namespace carecoop::market
