#include "market/admission.h"

#include <set>

namespace carecoop::market {

std::optional<Date> NextAdmissionDay(const Framework& f, Date day) {
  if (f.end < day) return std::nullopt;
  if (day <= f.start) return f.start;
  if (f.route == ContractType::kDps) return day;
  for (Date d : f.reopenings)
    if (day <= d) return d;
  return std::nullopt;
}

bool MeetsCriteria(const AdmissionCriteria& c, Setting setting, const Home& home) {
  if (home.setting != setting || home.ofsted_urn.empty()) return false;
  if (home.ofsted_rating == OfstedRating::kNotYetInspected) return c.admit_not_yet_inspected;
  // The ratings are declared best first.
  return static_cast<int>(home.ofsted_rating) <= static_cast<int>(c.min_rating);
}

Status CheckAdmission(const Framework& f, ProviderId provider, Date on,
                      std::span<const LotFee> lots, std::span<const Contract> admissions,
                      std::span<const Home> homes) {
  if (f.status != ContractStatus::kOpen && f.status != ContractStatus::kInForce)
    return InvalidArgument("frameworkId", "the framework is " + std::string(EnumCode(f.status)) +
                                              ": it admits no one");
  if (on < f.start || f.end < on)
    return InvalidArgument("admittedOn", "is outside the framework's term (" + f.start.ToIso() +
                                             " to " + f.end.ToIso() + ")");
  if (NextAdmissionDay(f, on) != on) {
    auto next = NextAdmissionDay(f, on);
    return InvalidArgument(
        "admittedOn",
        "a framework admits new providers only on its start date "
        "and its reopening dates; " +
            (next ? "the next is " + next->ToIso() : std::string("it does not reopen")));
  }
  if (lots.empty()) return InvalidArgument("lots", "name at least one lot to join");
  std::set<std::string> asked;
  for (std::size_t i = 0; i < lots.size(); ++i) {
    const std::string field = "lots[" + std::to_string(i) + "]";
    const Lot* lot = f.FindLot(lots[i].lot);
    if (!lot) return InvalidArgument(field + ".lot", "is not a lot of " + f.reference);
    if (!asked.insert(lot->code).second)
      return InvalidArgument(field + ".lot", "asks to join lot " + lot->code + " twice");
    if (lots[i].weekly_fee.value() <= 0)
      return InvalidArgument(field + ".weeklyFee", "must be above zero");
    if (lots[i].weekly_fee > kMaxWeeklyFee)
      return InvalidArgument(field + ".weeklyFee", "is above the most any weekly fee may be");
  }
  for (const Contract& c : admissions)
    if (c.framework == f.id && c.provider == provider &&
        (c.status == ContractStatus::kInForce || c.status == ContractStatus::kAwarded ||
         c.status == ContractStatus::kOpen))
      return InvalidArgument("providerId", "is already admitted (contract " + c.reference + ")");
  for (std::size_t i = 0; i < lots.size(); ++i) {
    const Lot& lot = *f.FindLot(lots[i].lot);
    int meeting = 0;
    for (const Home& h : homes)
      if (h.provider == provider) meeting += MeetsCriteria(f.criteria, lot.setting, h);
    if (meeting < f.criteria.min_homes)
      return InvalidArgument("lots[" + std::to_string(i) + "].lot",
                             "lot " + lot.code + " asks for " +
                                 std::to_string(f.criteria.min_homes) + " " +
                                 std::string(EnumLabel(lot.setting)) + " home(s) rated " +
                                 std::string(EnumLabel(f.criteria.min_rating)) +
                                 " or better; the provider has " + std::to_string(meeting));
  }
  return Status::Ok();
}

Contract AdmissionContract(const Framework& f, ProviderId provider, Date on,
                           std::span<const LotFee> lots) {
  Contract c;
  c.provider = provider;
  c.rcc = f.rcc;
  c.type = f.route;
  c.framework = f.id;
  c.reference = f.reference + "/" + std::to_string(provider.value());
  c.start = on;
  c.end = f.end;
  c.uplift_cap_bp = f.uplift_cap_bp;
  c.status = ContractStatus::kInForce;
  for (const LotFee& asked : lots) {
    const Lot& lot = *f.FindLot(asked.lot);
    c.fees.push_back({.band = lot.band,
                      .weekly_fee = asked.weekly_fee,
                      .lot = lot.code,
                      .setting = lot.setting,
                      .min_age = lot.min_age,
                      .max_age = lot.max_age});
  }
  return c;
}

}  // namespace carecoop::market
