#include "services/sufficiency.h"

#include <algorithm>

#include "domain/home.h"
#include "services/ssda903_store.h"

namespace carecoop::services {
namespace {

// The placement category of the places a home offers (forecast categories
// follow SSDA903 PLACE codes: a secure children's home is K1, "Other").
forecast::Category CategoryOfSetting(Setting s) {
  switch (s) {
    case Setting::kFosteringHousehold: return forecast::Category::kFostering;
    case Setting::kChildrensHome: return forecast::CategoryOfPlace("K2");
    case Setting::kSecureChildrensHome: return forecast::CategoryOfPlace("K1");
    case Setting::kSupportedAccommodation: return forecast::CategoryOfPlace("H5");
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
  const std::int64_t id = rcc.id.value();
  CC_RETURN_IF_ERROR(tx.connection().Query(
      "SELECT h.id, h.setting, h.min_age, h.max_age, h.registered_places, h.location_lat, h.location_lon, "
      "h.connected_person, CASE WHEN m.rcc_id = $1 THEN 1 ELSE 0 END, COALESCE(v.n, 0) FROM home h "
      "LEFT JOIN rcc_member m ON m.council_id = h.council_id "
      "LEFT JOIN (SELECT home_id, COUNT(*) AS n FROM vacancy WHERE status = 'open' GROUP BY home_id) v "
      "ON v.home_id = h.id ORDER BY h.id",
      {id}, [&](const store::SqlRow& row) -> Status {
        auto setting = ParseEnumCode<Setting>(row.Text(1));
        if (!setting) return Internal("stored home has an unknown setting '" + row.Text(1) + "'");
        forecast::SupplyHome h;
        h.id = row.Int(0);
        h.category = CategoryOfSetting(*setting);
        h.min_age = static_cast<int>(row.Int(2));
        h.max_age = static_cast<int>(row.Int(3));
        h.registered_places = static_cast<int>(row.Int(4));
        h.lat = row.Real(5);
        h.lon = row.Real(6);
        h.connected_person = row.Int(7) != 0;
        h.in_rcc = row.Int(8) != 0;
        h.open_vacancies = static_cast<int>(row.Int(9));
        in.homes.push_back(h);
        return Status::Ok();
      }));

  // Children placed now: the RCC's, wherever they live, and any council's
  // in the RCC's homes (they fill its places).
  CC_RETURN_IF_ERROR(tx.connection().Query(
      "SELECT p.home_id, p.place_code, c.date_of_birth, c.family_lat, c.family_lon, co.name, "
      "CASE WHEN m.rcc_id = $1 THEN 1 ELSE 0 END FROM placement p "
      "JOIN child c ON c.id = p.child_id JOIN council co ON co.id = p.council_id "
      "LEFT JOIN rcc_member m ON m.council_id = p.council_id "
      "WHERE p.end_date IS NULL AND (m.rcc_id = $1 OR p.home_id IN "
      "(SELECT h.id FROM home h JOIN rcc_member hm ON hm.council_id = h.council_id WHERE hm.rcc_id = $1)) "
      "ORDER BY p.id",
      {id}, [&](const store::SqlRow& row) -> Status {
        CC_ASSIGN_OR_RETURN(Date dob, Date::ParseIso(row.Text(2), "date_of_birth"));
        forecast::PlacedChild p;
        if (!row.IsNull(0)) p.home = row.Int(0);
        p.category = forecast::CategoryOfPlace(row.Text(1));
        p.band = forecast::AgeBandOn(dob, in.as_of);
        p.family_lat = row.Real(3);
        p.family_lon = row.Real(4);
        p.council = row.Text(5);
        p.own = row.Int(6) != 0;
        in.placed.push_back(std::move(p));
        return Status::Ok();
      }));
  return forecast::ComputeSufficiency(in);
}

}  // namespace carecoop::services
