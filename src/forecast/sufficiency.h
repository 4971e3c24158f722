// Sufficiency: an RCC's forecast need for homes, by age band and placement
// category, set against the homes it has, and where children are placed far
// from home for want of a nearby one. It tells a commissioner what to build
// or commission, and where.
//
// Need is the forecast's children in each state (now, and 12 and 24 months
// on, with the 95% band). Supply is the places in homes inside the RCC:
// registered places and open vacancies are shared between the age bands a
// home is registered for, in proportion to the years of age of each band it
// covers; occupied places are counted by the occupant's age band. The places
// available to the RCC's own children are those its children fill now plus
// the open vacancies. The gap is need minus those places: children the RCC's
// homes cannot hold. docs/forecast.md#sufficiency has the rules.
#ifndef CARECOOP_FORECAST_SUFFICIENCY_H_
#define CARECOOP_FORECAST_SUFFICIENCY_H_

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "forecast/model.h"

namespace carecoop::forecast {

// The age band of a child `age` years old (the model's bands).
AgeBand AgeBandOf(double age_years);
// The age band of a child born on `dob`, on `on`.
AgeBand AgeBandOn(Date dob, Date on);

// Children placed further than this from their family are "placed far".
inline constexpr double kFarKm = 20 * 1.609344;  // 20 miles

// One home as supply: in the RCC's area, or anywhere (for "is there a
// nearby home?").
struct SupplyHome {
  std::int64_t id = 0;
  Category category = Category::kOther;  // the category of the placements it offers
  int min_age = 0, max_age = 17;         // registered ages, whole years
  int registered_places = 1;
  int open_vacancies = 0;
  double lat = 0, lon = 0;
  bool in_rcc = false;
  bool connected_person = false;  // a kinship household: not open to other children
};

// One child placed now.
struct PlacedChild {
  std::string council;  // the responsible council's name
  bool own = false;     // the child is one of the RCC's councils'
  AgeBand band = AgeBand::kNone;
  Category category = Category::kOther;
  std::optional<std::int64_t> home;  // the home's id (SupplyHome::id), none for e.g. P1
  double family_lat = 0, family_lon = 0;
};

struct SufficiencyInput {
  std::string rcc_code, rcc_name;
  Date as_of;
  std::vector<std::string> councils;  // the RCC's councils, by name
  // The RCC's forecast (horizon at least 24 months), or why there is none.
  std::optional<Forecast> forecast;
  std::string no_forecast_reason;
  std::vector<SupplyHome> homes;    // every home; in_rcc marks the RCC's
  std::vector<PlacedChild> placed;  // the RCC's children placed now, and anyone placed in its homes
};

// A figure with its 95% band.
struct Banded {
  double value = 0, lower = 0, upper = 0;
};

inline constexpr std::array<int, 3> kSufficiencyMonths = {0, 12, 24};

struct GapRow {
  AgeBand band = AgeBand::kNone;
  Category category = Category::kOther;
  // Supply in the RCC's homes.
  double registered_places = 0;  // shared between bands by registered ages
  double occupied = 0;           // by the occupants' bands, any council's child
  double occupied_by_own = 0;    // of which the RCC's children
  double vacant = 0;             // open vacancies, shared like registered places
  double available = 0;          // occupied_by_own + vacant
  // Need: the RCC's children in this state now, at 12 and at 24 months.
  // Without a forecast, need now is the children placed now and the later
  // ones are unset.
  std::array<std::optional<Banded>, 3> need;
  // need - available; unset for Other, which is no kind of home to
  // commission (placed with parents, independent living, custody...).
  std::array<std::optional<Banded>, 3> gap;
};

// Why a child placed far was not placed near.
struct FarReasons {
  int no_home_nearby = 0;     // no home of the kind, for the age, within kFarKm
  int nearby_homes_full = 0;  // such homes, none with an open vacancy
  int nearby_vacancy = 0;     // such a home had an open vacancy (other reasons: needs, fit)
};

struct FarState {
  AgeBand band = AgeBand::kNone;
  Category category = Category::kOther;
  int children = 0;
  FarReasons reasons;
};

struct CouncilDistance {
  std::string council;
  int placed = 0;       // children placed now in a home
  int placed_far = 0;   // of which further than kFarKm from family
  int outside_rcc = 0;  // of which in a home outside the RCC
  double median_km = 0;
  FarReasons reasons;            // of the children placed far
  std::vector<FarState> states;  // placed far, by state, most first
};

struct Sufficiency {
  std::string rcc_code, rcc_name;
  Date as_of;
  std::optional<Date> prediction_start;  // the forecast's "now"
  std::string no_forecast_reason;
  std::vector<GapRow> rows;  // age band x category (Not in care left out)
  // Councils by the share of their children placed far, most first.
  std::vector<CouncilDistance> councils;
  // Counts of children under this are not shown (0: all shown); set for the
  // national layer, which sees only aggregates.
  int suppress_below = 0;
};

Sufficiency ComputeSufficiency(const SufficiencyInput& input);

}  // namespace carecoop::forecast

#endif  // CARECOOP_FORECAST_SUFFICIENCY_H_
