#include "domain/framework.h"

#include <set>

#include "domain/validate.h"

namespace carecoop {

const Lot* Framework::FindLot(const std::string& code) const {
  for (const Lot& l : lots)
    if (l.code == code) return &l;
  return nullptr;
}

Status Validate(const Framework& f) {
  CC_RETURN_IF_ERROR(validate::Reference("rccId", f.rcc));
  if (f.route != ContractType::kFramework && f.route != ContractType::kDps)
    return InvalidArgument("route", "must be framework or dps");
  CC_RETURN_IF_ERROR(validate::NonEmpty("reference", f.reference, 64));
  CC_RETURN_IF_ERROR(validate::NonEmpty("title", f.title));
  if (f.end < f.start) return InvalidArgument("endDate", "must not be before startDate");
  const int years = f.route == ContractType::kDps ? kMaxDpsYears : kMaxFrameworkYears;
  if (AddYears(f.start, years) < f.end)
    return InvalidArgument("endDate", std::string("a ") +
                                          (f.route == ContractType::kDps ? "DPS" : "framework") +
                                          " runs for at most " + std::to_string(years) + " years");
  if (f.lots.empty()) return InvalidArgument("lots", "a framework has at least one lot");
  if (f.lots.size() > 100) return InvalidArgument("lots", "at most 100 lots");
  std::set<std::string> codes;
  for (std::size_t i = 0; i < f.lots.size(); ++i) {
    const Lot& l = f.lots[i];
    const std::string field = "lots[" + std::to_string(i) + "]";
    CC_RETURN_IF_ERROR(validate::NonEmpty(field + ".code", l.code, 32));
    if (!codes.insert(l.code).second) return InvalidArgument(field + ".code", "repeats a lot code");
    CC_RETURN_IF_ERROR(validate::NonEmpty(field + ".name", l.name));
    CC_RETURN_IF_ERROR(validate::Known(field + ".setting", l.setting));
    CC_RETURN_IF_ERROR(validate::Known(field + ".band", l.band));
    CC_RETURN_IF_ERROR(validate::Range(field + ".minAge", l.min_age, 0, kMaxChildAge));
    CC_RETURN_IF_ERROR(validate::Range(field + ".maxAge", l.max_age, l.min_age, kMaxChildAge));
    for (std::size_t j = 0; j < i; ++j) {
      const Lot& o = f.lots[j];
      if (o.setting == l.setting && o.band == l.band && o.min_age <= l.max_age &&
          l.min_age <= o.max_age)
        return InvalidArgument(field, "buys places lot " + o.code + " already buys");
    }
  }
  if (f.route == ContractType::kDps && !f.reopenings.empty())
    return InvalidArgument("reopenings", "a DPS admits at any time: it has no reopening dates");
  for (std::size_t i = 0; i < f.reopenings.size(); ++i) {
    const std::string field = "reopenings[" + std::to_string(i) + "]";
    if (f.reopenings[i] <= f.start || f.end < f.reopenings[i])
      return InvalidArgument(field, "must fall after startDate and by endDate");
    if (i > 0 && f.reopenings[i] <= f.reopenings[i - 1])
      return InvalidArgument(field, "reopening dates must ascend");
  }
  CC_RETURN_IF_ERROR(validate::Known("criteria.minRating", f.criteria.min_rating));
  if (f.criteria.min_rating == OfstedRating::kNotYetInspected)
    return InvalidArgument("criteria.minRating", "must be a rating an inspection gives");
  CC_RETURN_IF_ERROR(validate::Range("criteria.minHomes", f.criteria.min_homes, 1, 100));
  CC_RETURN_IF_ERROR(validate::Range("upliftCapBp", f.uplift_cap_bp, 0, kMaxUpliftCapBp));
  return validate::Known("status", f.status);
}

}  // namespace carecoop
