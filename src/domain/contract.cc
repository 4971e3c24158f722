#include "domain/contract.h"

#include <set>

#include "domain/validate.h"

namespace carecoop {

std::optional<Pence> Contract::FeeFor(NeedBand band) const {
  for (const auto& f : fees)
    if (f.band == band) return f.weekly_fee;
  return std::nullopt;
}

Status Validate(const Contract& c) {
  CC_RETURN_IF_ERROR(validate::Reference("providerId", c.provider));
  CC_RETURN_IF_ERROR(validate::Reference("rccId", c.rcc));
  CC_RETURN_IF_ERROR(validate::Known("type", c.type));
  CC_RETURN_IF_ERROR(validate::NonEmpty("reference", c.reference, 64));
  if (c.end && *c.end < c.start) return InvalidArgument("end", "must not be before start");
  if (c.fees.empty())
    return InvalidArgument("fees", "a contract must price at least one need band");
  std::set<NeedBand> seen;
  for (std::size_t i = 0; i < c.fees.size(); ++i) {
    std::string field = "fees[" + std::to_string(i) + "]";
    CC_RETURN_IF_ERROR(validate::Known(field + ".band", c.fees[i].band));
    if (!seen.insert(c.fees[i].band).second)
      return InvalidArgument(field + ".band", "prices the same band twice");
    CC_RETURN_IF_ERROR(validate::WeeklyFee(field + ".weeklyFee", c.fees[i].weekly_fee));
    if (c.fees[i].weekly_fee.value() <= 0)
      return InvalidArgument(field + ".weeklyFee", "must be above zero");
  }
  if (c.type == ContractType::kBlock)
    return validate::Range("blockPlaces", c.block_places, 1, 1000);
  if (c.block_places != 0)
    return InvalidArgument("blockPlaces", "only a block contract pays for places");
  return Status::Ok();
}

}  // namespace carecoop
