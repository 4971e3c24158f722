#include "services/sufficiency.h"

#include <algorithm>

#include "domain/home.h"
#include "services/ssda903_store.h"
#include "store/aggregates.h"

namespace carecoop::services {
namespace {

// The placement category of the places a home offers (forecast categories
// follow SSDA903 PLACE codes: a secure children's home is K1, "Other").
forecast::Category CategoryOfSetting(Setting s) {
  switch (s) {
    case Setting::kFosteringHousehold:
      return forecast::Category::kFostering;
    case Setting::kChildrensHome:
      return forecast::CategoryOfPlace("K2");
    case Setting::kSecureChildrensHome:
      return forecast::CategoryOfPlace("K1");
    case Setting::kSupportedAccommodation:
      return forecast::CategoryOfPlace("H5");
  }
  return forecast::Category::kOther;
}

}  // namespace

Result<forecast::Sufficiency> LoadSufficiency(store::Tx& tx, const Rcc& rcc, Date fallback_today) {
  forecast::SufficiencyInput in;
  in.rcc_code = rcc.code;
  in.rcc_name = rcc.name;
  std::vector<Council> councils;
  for (CouncilId id : rcc.member_councils) {
    CC_ASSIGN_OR_RETURN(Council c, tx.Get(id));
    in.councils.push_back(c.name);
    councils.push_back(std::move(c));
  }

  // The forecast, from the latest date in the RCC's returns.
  CC_ASSIGN_OR_RETURN(ssda903::Return r, LoadReturns(tx, councils));
  std::optional<Date> latest;
  for (const auto& e : r.episodes) {
    Date last = std::max(e.decom, e.dec.value_or(e.decom));
    if (!latest || last > *latest) latest = last;
  }
  in.as_of = latest.value_or(fallback_today);
  auto set = forecast::PrepareEpisodes(r);
  if (!set.ok()) {
    in.no_forecast_reason = set.status().message();
  } else {
    forecast::Options o;
    o.reference_end = std::min(in.as_of, set->data_end);
    o.reference_start = std::max(set->data_start, AddYears(o.reference_end, -1).AddDays(1));
    o.horizon_months = forecast::kSufficiencyMonths.back();
    auto f = forecast::RunForecast(*set, o);
    if (f.ok()) {
      in.forecast = std::move(*f);
    } else {
      in.no_forecast_reason = f.status().message();
    }
  }
  r = {};

  // Every home, with its open vacancies; the RCC's marked.
  CC_ASSIGN_OR_RETURN(auto homes, store::HomesWithOpenVacancies(tx, rcc.id));
  for (const store::HomeSupplyRow& row : homes) {
    auto setting = ParseEnumCode<Setting>(row.setting);
    if (!setting) return Internal("stored home has an unknown setting '" + row.setting + "'");
    forecast::SupplyHome h;
    h.id = row.id.value();
    h.category = CategoryOfSetting(*setting);
    h.min_age = row.min_age;
    h.max_age = row.max_age;
    h.registered_places = row.registered_places;
    h.lat = row.lat;
    h.lon = row.lon;
    h.connected_person = row.connected_person;
    h.in_rcc = row.in_rcc;
    h.open_vacancies = row.open_vacancies;
    in.homes.push_back(h);
  }

  // Children placed now: the RCC's, wherever they live, and any council's
  // in the RCC's homes (they fill its places).
  CC_ASSIGN_OR_RETURN(auto placed, store::ChildrenPlacedNow(tx, rcc.id));
  for (store::PlacedNowRow& row : placed) {
    CC_ASSIGN_OR_RETURN(Date dob, Date::ParseIso(row.date_of_birth, "date_of_birth"));
    forecast::PlacedChild p;
    if (row.home) p.home = row.home->value();
    p.category = forecast::CategoryOfPlace(row.place_code);
    p.band = forecast::AgeBandOn(dob, in.as_of);
    p.family_lat = row.family_lat;
    p.family_lon = row.family_lon;
    p.council = std::move(row.council);
    p.own = row.own;
    in.placed.push_back(std::move(p));
  }
  return forecast::ComputeSufficiency(in);
}

}  // namespace carecoop::services
