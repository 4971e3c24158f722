#include "domain/contract.h"

#include <set>

#include "domain/validate.h"

namespace carecoop {

bool FeeBand::Covers(NeedBand b, std::optional<Setting> s, std::optional<int> age) const {
  return band == b && (!s || !setting || *setting == *s) &&
         (!age || (min_age <= *age && *age <= max_age));
}

std::optional<Pence> Contract::FeeFor(NeedBand band, std::optional<Setting> setting,
                                      std::optional<int> age) const {
  for (const auto& f : fees)
    if (f.Covers(band, setting, age)) return f.weekly_fee;
  return std::nullopt;
}

namespace {

// Whether two lines cover some place in common.
bool Overlaps(const FeeBand& a, const FeeBand& b) {
  return a.band == b.band && (!a.setting || !b.setting || *a.setting == *b.setting) &&
         a.min_age <= b.max_age && b.min_age <= a.max_age;
}

}  // namespace

bool CanMove(ContractStatus from, ContractStatus to) {
  using S = ContractStatus;
  if (to == S::kTerminated) return from == S::kOpen || from == S::kAwarded || from == S::kInForce;
  return from != S::kTerminated && from != S::kExpired &&
         static_cast<int>(to) == static_cast<int>(from) + 1;
}

Status Validate(const Contract& c) {
  CC_RETURN_IF_ERROR(validate::Reference("providerId", c.provider));
  CC_RETURN_IF_ERROR(validate::Reference("rccId", c.rcc));
  CC_RETURN_IF_ERROR(validate::Known("type", c.type));
  CC_RETURN_IF_ERROR(validate::NonEmpty("reference", c.reference, 64));
  if (c.end && *c.end < c.start) return InvalidArgument("endDate", "must not be before startDate");
  if (c.fees.empty())
    return InvalidArgument("fees", "a contract must price at least one need band");
  for (std::size_t i = 0; i < c.fees.size(); ++i) {
    const FeeBand& f = c.fees[i];
    std::string field = "fees[" + std::to_string(i) + "]";
    CC_RETURN_IF_ERROR(validate::Known(field + ".band", f.band));
    if (f.setting) CC_RETURN_IF_ERROR(validate::Known(field + ".setting", *f.setting));
    CC_RETURN_IF_ERROR(validate::MaxLength(field + ".lot", f.lot, 32));
    CC_RETURN_IF_ERROR(validate::Range(field + ".minAge", f.min_age, 0, kMaxChildAge));
    CC_RETURN_IF_ERROR(validate::Range(field + ".maxAge", f.max_age, f.min_age, kMaxChildAge));
    for (std::size_t j = 0; j < i; ++j)
      if (Overlaps(c.fees[j], f))
        return InvalidArgument(field + ".band", "prices places fees[" + std::to_string(j) +
                                                    "] already prices (the same band twice)");
    CC_RETURN_IF_ERROR(validate::WeeklyFee(field + ".weeklyFee", f.weekly_fee));
    if (f.weekly_fee.value() <= 0)
      return InvalidArgument(field + ".weeklyFee", "must be above zero");
  }
  if (c.framework && c.type != ContractType::kFramework && c.type != ContractType::kDps)
    return InvalidArgument("frameworkId", "only a framework or DPS contract admits to one");
  CC_RETURN_IF_ERROR(validate::Known("status", c.status));
  CC_RETURN_IF_ERROR(validate::Known("decision", c.decision));
  CC_RETURN_IF_ERROR(validate::Range("upliftCapBp", c.uplift_cap_bp, 0, kMaxUpliftCapBp));
  CC_RETURN_IF_ERROR(validate::Range("voidShareBp", c.void_share_bp, 0, 10'000));
  if (c.void_share_bp != 0 && !(c.national && c.type == ContractType::kBlock))
    return InvalidArgument("voidShareBp", "only a call-off of a national block shares its voids");
  if (c.national) {
    if (c.type != ContractType::kFramework && c.type != ContractType::kBlock)
      return InvalidArgument("type", "a national contract is a framework or a block");
    if (c.framework || c.inherited_from)
      return InvalidArgument("national",
                             "a national contract neither admits to an RCC's framework nor "
                             "comes from a council");
  }
  if (!c.inherited_from && c.decision != RegisterDecision::kUndecided)
    return InvalidArgument("decision", "only an inherited contract carries a register decision");
  if (c.type == ContractType::kBlock) {
    CC_RETURN_IF_ERROR(validate::Range("blockPlaces", c.block_places, 1, 1000));
    if (!c.end) return InvalidArgument("endDate", "a block contract must end");
    if (AddYears(c.start, kMaxBlockYears) < *c.end)
      return InvalidArgument("endDate", "a block contract runs for at most 10 years");
    if (c.block_homes.empty())
      return InvalidArgument("blockHomes", "a block contract names the homes it reserves");
    std::set<HomeId> homes(c.block_homes.begin(), c.block_homes.end());
    if (homes.size() != c.block_homes.size())
      return InvalidArgument("blockHomes", "names the same home twice");
    return Status::Ok();
  }
  if (c.block_places != 0)
    return InvalidArgument("blockPlaces", "only a block contract pays for places");
  if (!c.block_homes.empty())
    return InvalidArgument("blockHomes", "only a block contract reserves homes");
  return Status::Ok();
}

}  // namespace carecoop
