#include "services/booking.h"

#include "market/pricing.h"
#include "services/audit.h"

namespace carecoop::services {
namespace {

std::string PlaceCodeFor(Setting s) {
  switch (s) {
    case Setting::kFosteringHousehold:
      return "U4";
    case Setting::kChildrensHome:
      return "K2";
    case Setting::kSecureChildrensHome:
      return "K1";
    case Setting::kSupportedAccommodation:
      return "K3";
  }
  return "Z1";
}

AgreedPlacementType AgreedTypeFor(Setting s) {
  switch (s) {
    case Setting::kFosteringHousehold:
      return AgreedPlacementType::kFoster;
    case Setting::kSupportedAccommodation:
      return AgreedPlacementType::kSupportedAccommodation;
    default:
      return AgreedPlacementType::kResidential;
  }
}

}  // namespace

Result<Booking> Book(store::Tx& tx, const WorkflowOptions& options, Timestamp now,
                     Referral& referral, const Offer& offer, bool emergency) {
  CC_ASSIGN_OR_RETURN(Home home, tx.Get<Home>(offer.home));
  CC_ASSIGN_OR_RETURN(Provider provider, tx.Get<Provider>(home.provider));
  CC_ASSIGN_OR_RETURN(auto vacancies, tx.ListBy<Vacancy>(home.id));
  // The earliest place free on the start date (free *from* that day counts).
  std::optional<Vacancy> place;
  for (const Vacancy& v : vacancies)
    if (v.status == VacancyStatus::kOpen && v.available_from <= offer.start_date &&
        (!place || std::pair(v.available_from, v.id) < std::pair(place->available_from, place->id)))
      place = v;
  if (!place)
    return Conflict("no place is free in " + home.name + " on " + offer.start_date.ToIso() +
                        ": it has been booked",
                    "vacancy");
  CC_ASSIGN_OR_RETURN(auto rcc, tx.RccOfCouncil(referral.council));
  if (!rcc)
    return InvalidArgument("councilId", "the child's council belongs to no RCC that could pay");

  const NeedBand band = referral.need_band();
  CC_ASSIGN_OR_RETURN(auto contracts, tx.List<Contract>(store::Scope::Of(*rcc)));
  // A framework lot is chosen by the home's setting and the child's age on the start date.
  CC_ASSIGN_OR_RETURN(Child child, tx.Get<Child>(referral.child));
  const market::PlaceSought sought(band, home.setting,
                                   AgeInYears(child.date_of_birth, offer.start_date), home.id);
  CC_ASSIGN_OR_RETURN(market::Price price,
                      market::PricePlacement(contracts, provider.id, sought, offer.start_date,
                                             market::OfferedFees::Of(offer)));

  Placement p;
  p.child = referral.child;
  p.council = referral.council;
  p.referral = referral.id;
  p.home = home.id;
  p.vacancy = place->id;
  if (price.contract) p.contract = price.contract->id;
  p.start = offer.start_date;
  p.place_code = PlaceCodeFor(home.setting);
  p.provider_code = std::string(PlacementProviderCode(provider, referral.council));
  CC_ASSIGN_OR_RETURN(auto history, tx.ListBy<Placement>(referral.child));
  if (!history.empty()) p.legal_status = history.back().legal_status;
  p.need_band = band;
  p.weekly_fee = price.weekly;
  p.staffing_fee = offer.staffing_fee;
  p.education_fee = offer.education_fee;
  p.transport_fee = offer.transport_fee;
  p.emergency = emergency;
  // The UNIQUE vacancy_id decides a race for this place (Conflict "vacancyId").
  CC_ASSIGN_OR_RETURN(p.id, tx.Create(p));
  p.version = 1;
  place->status = VacancyStatus::kBooked;
  CC_RETURN_IF_ERROR(tx.Update(*place));

  for (const market::ScheduledWeek& week :
       market::PaymentSchedule(p.start, price.weekly, options.payment_weeks)) {
    Payment pay;
    pay.placement = p.id;
    pay.rcc = *rcc;
    pay.council = referral.council;
    pay.week_start = week.week_start;
    pay.amount = week.amount;
    pay.core = Pence(week.amount.value() - offer.staffing_fee.value() -
                     offer.education_fee.value() - offer.transport_fee.value());
    pay.staffing = offer.staffing_fee;
    pay.education = offer.education_fee;
    pay.transport = offer.transport_fee;
    CC_RETURN_IF_ERROR(tx.Create(pay).status());
  }

  ActualPlacement actual;
  actual.total_weekly_cost = price.weekly;
  CC_ASSIGN_OR_RETURN(Council area, tx.Get<Council>(home.council));
  // The standard wants the postcode district; homes carry no postcode here,
  // so the area's ONS code stands in for it.
  actual.placement_location = area.ons_code;
  actual.provider_urn = home.ofsted_urn;
  actual.siblings_placed_together = referral.sibling_count;
  actual.placement_type = AgreedTypeFor(home.setting);
  referral.actual_placement = actual;
  referral.placement_date = p.start;
  referral.cost_date = Date::FromTimestamp(now);
  referral.status = ReferralStatus::kPlaced;
  return Booking{p, RecordDigest(p)};
}

}  // namespace carecoop::services
