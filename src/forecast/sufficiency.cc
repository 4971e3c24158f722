#include "forecast/sufficiency.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

#include "core/geo.h"
#include "domain/home.h"
#include "forecast/band.h"

namespace carecoop::forecast {
namespace {

// The years of age each band spans, [from, to); the last runs to the oldest
// age a home may hold a care leaver.
constexpr std::array<std::array<int, 2>, kAgeBands - 1> kBandYears = {
    {{0, 1}, {1, 5}, {5, 10}, {10, 16}, {16, kMaxChildAge + 1}}};

// The share of a home's places that falls in each band: the years of age it
// is registered for in that band over all the years it is registered for.
std::array<double, kAgeBands> BandShares(int min_age, int max_age) {
  std::array<double, kAgeBands> share{};
  int from = std::max(0, min_age), to = std::max(from, max_age + 1);
  double total = 0;
  for (std::size_t b = 0; b < kBandYears.size(); ++b) {
    int overlap = std::min(to, kBandYears[b][1]) - std::max(from, kBandYears[b][0]);
    if (overlap > 0) share[b] = overlap;
    total += share[b];
  }
  if (total > 0)
    for (double& s : share) s /= total;
  return share;
}

bool TakesBand(const SupplyHome& h, AgeBand band) {
  if (band == AgeBand::kNone) return false;
  const auto& years = kBandYears[static_cast<std::size_t>(band)];
  return h.min_age < years[1] && h.max_age + 1 > years[0];
}

// Homes in cells of about 0.3 degrees of latitude by 0.55 of longitude (at
// least kFarKm across anywhere in England), so that the homes within kFarKm
// of a point are in its cell or the eight around it.
class HomeGrid {
 public:
  explicit HomeGrid(const std::vector<SupplyHome>& homes) : homes_(homes) {
    for (std::size_t i = 0; i < homes.size(); ++i)
      cells_[Key(Cell(homes[i].lat, kLat), Cell(homes[i].lon, kLon))].push_back(i);
  }

  // Calls fn(home) for every home within `km` (<= kFarKm) of the point.
  template <class Fn>
  void Near(double lat, double lon, double km, Fn&& fn) const {
    const LatLon here{lat, lon};
    const std::int64_t cy = Cell(lat, kLat), cx = Cell(lon, kLon);
    for (std::int64_t dy = -1; dy <= 1; ++dy)
      for (std::int64_t dx = -1; dx <= 1; ++dx) {
        auto it = cells_.find(Key(cy + dy, cx + dx));
        if (it == cells_.end()) continue;
        for (std::size_t i : it->second) {
          const SupplyHome& h = homes_[i];
          if (DistanceKm(here, LatLon{h.lat, h.lon}) <= km) fn(h);
        }
      }
  }

 private:
  static constexpr double kLat = 0.3, kLon = 0.55;
  static std::int64_t Cell(double degrees, double size) {
    return static_cast<std::int64_t>(std::floor(degrees / size));
  }
  static std::int64_t Key(std::int64_t y, std::int64_t x) { return y * 100000 + x; }
  const std::vector<SupplyHome>& homes_;
  std::unordered_map<std::int64_t, std::vector<std::size_t>> cells_;
};

// The index of the projected day nearest `target`.
std::size_t DayIndex(const Forecast& f, Date target) {
  std::size_t best = 0;
  for (std::size_t k = 0; k < f.days.size(); ++k)
    if (std::llabs(f.days[k].days_since_epoch() - target.days_since_epoch()) <
        std::llabs(f.days[best].days_since_epoch() - target.days_since_epoch()))
      best = k;
  return best;
}

double Median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

}  // namespace

AgeBand AgeBandOf(double age) {
  if (age < 0) return AgeBand::kNone;
  for (std::size_t b = 0; b < kBandYears.size(); ++b)
    if (age < kBandYears[b][1]) return static_cast<AgeBand>(b);
  return AgeBand::kNone;
}

AgeBand AgeBandOn(Date dob, Date on) {
  // Whole years completed: a child is 16 from their 16th birthday.
  auto b = dob.ymd(), d = on.ymd();
  int years = static_cast<int>(d.year()) - static_cast<int>(b.year());
  if (d.month() < b.month() || (d.month() == b.month() && d.day() < b.day())) --years;
  return AgeBandOf(years);
}

Sufficiency ComputeSufficiency(const SufficiencyInput& in) {
  Sufficiency out;
  out.rcc_code = in.rcc_code;
  out.rcc_name = in.rcc_name;
  out.as_of = in.as_of;
  out.no_forecast_reason = in.forecast ? "" : in.no_forecast_reason;
  if (in.forecast) out.prediction_start = in.forecast->prediction_start;

  // Rows: every band and category in care.
  auto row_of = [](AgeBand b, Category c) {
    return static_cast<std::size_t>(b) * (kCategories - 1) + static_cast<std::size_t>(c);
  };
  for (int b = 0; b < kAgeBands - 1; ++b)
    for (int c = 0; c < kCategories - 1; ++c)
      out.rows.push_back(
          {static_cast<AgeBand>(b), static_cast<Category>(c), 0, 0, 0, 0, 0, {}, {}});

  // Supply in the RCC's homes.
  std::unordered_map<std::int64_t, const SupplyHome*> home_by_id;
  for (const SupplyHome& h : in.homes) {
    home_by_id[h.id] = &h;
    if (!h.in_rcc || h.category == Category::kNotInCare) continue;
    auto share = BandShares(h.min_age, h.max_age);
    for (int b = 0; b < kAgeBands - 1; ++b) {
      GapRow& row = out.rows[row_of(static_cast<AgeBand>(b), h.category)];
      row.registered_places += h.registered_places * share[static_cast<std::size_t>(b)];
      row.vacant += h.open_vacancies * share[static_cast<std::size_t>(b)];
    }
  }
  std::array<double, kAgeBands * kCategories> placed_own_now{};
  for (const PlacedChild& p : in.placed) {
    if (p.band == AgeBand::kNone || p.category == Category::kNotInCare) continue;
    if (p.own) placed_own_now[row_of(p.band, p.category)] += 1;
    if (!p.home) continue;
    auto it = home_by_id.find(*p.home);
    if (it == home_by_id.end() || !it->second->in_rcc) continue;
    // Occupancy counts where the child lives: the home's category.
    GapRow& row = out.rows[row_of(p.band, it->second->category)];
    row.occupied += 1;
    if (p.own) row.occupied_by_own += 1;
  }
  for (GapRow& row : out.rows) row.available = row.occupied_by_own + row.vacant;

  // Need, and the gap.
  if (in.forecast) {
    const Forecast& f = *in.forecast;
    std::array<std::size_t, 3> day{};
    for (std::size_t h = 1; h < kSufficiencyMonths.size(); ++h)
      day[h] = DayIndex(f, AddYears(f.prediction_start, kSufficiencyMonths[h] / 12));
    for (GapRow& row : out.rows) {
      int i = f.IndexOf(StateOf(row.band, row.category));
      for (std::size_t h = 0; h < kSufficiencyMonths.size(); ++h) {
        Banded need;
        if (i >= 0) {
          auto k = static_cast<std::size_t>(i);
          double mean = h == 0 ? f.stock_at_start[k] : f.population[day[h]][k];
          double sd = h == 0 ? 0 : std::sqrt(f.variance[day[h]][k]);
          auto b95 = Band95(mean, sd);
          need = {mean, b95.lower, b95.upper};
        }
        row.need[h] = need;
      }
    }
  } else {
    for (GapRow& row : out.rows) {
      double n = placed_own_now[row_of(row.band, row.category)];
      row.need[0] = Banded{n, n, n};
    }
  }
  // "Other" is not a kind of home to commission (placed with parents,
  // independent living, custody, hospital... and secure homes): no gap.
  for (GapRow& row : out.rows)
    for (std::size_t h = 0; h < kSufficiencyMonths.size(); ++h)
      if (row.need[h] && row.category != Category::kOther)
        row.gap[h] = Banded{row.need[h]->value - row.available, row.need[h]->lower - row.available,
                            row.need[h]->upper - row.available};

  // Where children are placed far, and why.
  HomeGrid grid(in.homes);
  std::map<std::string, CouncilDistance> councils;
  std::map<std::string, std::vector<double>> distances;
  std::map<std::string, std::map<std::pair<AgeBand, Category>, FarState>> far_states;
  for (const std::string& name : in.councils) councils[name].council = name;
  for (const PlacedChild& p : in.placed) {
    if (!p.own || !p.home) continue;
    auto it = home_by_id.find(*p.home);
    if (it == home_by_id.end()) continue;
    const SupplyHome& home = *it->second;
    CouncilDistance& c = councils[p.council];
    c.council = p.council;
    double km = DistanceKm(LatLon{p.family_lat, p.family_lon}, LatLon{home.lat, home.lon});
    ++c.placed;
    distances[p.council].push_back(km);
    if (!home.in_rcc) ++c.outside_rcc;
    if (km <= kFarKm) continue;
    ++c.placed_far;
    bool any_home = false, any_vacancy = false;
    grid.Near(p.family_lat, p.family_lon, kFarKm, [&](const SupplyHome& h) {
      if (h.connected_person || h.category != home.category || !TakesBand(h, p.band)) return;
      any_home = true;
      any_vacancy = any_vacancy || h.open_vacancies > 0;
    });
    FarState& s = far_states[p.council][{p.band, home.category}];
    s.band = p.band;
    s.category = home.category;
    ++s.children;
    int FarReasons::*reason = !any_home      ? &FarReasons::no_home_nearby
                              : !any_vacancy ? &FarReasons::nearby_homes_full
                                             : &FarReasons::nearby_vacancy;
    ++(c.reasons.*reason);
    ++(s.reasons.*reason);
  }
  for (auto& [name, c] : councils) {
    c.median_km = Median(distances[name]);
    for (auto& [key, s] : far_states[name]) c.states.push_back(s);
    std::stable_sort(c.states.begin(), c.states.end(),
                     [](const FarState& a, const FarState& b) { return a.children > b.children; });
    out.councils.push_back(std::move(c));
  }
  auto share = [](const CouncilDistance& c) {
    return c.placed ? static_cast<double>(c.placed_far) / c.placed : 0.0;
  };
  std::stable_sort(
      out.councils.begin(), out.councils.end(),
      [&](const CouncilDistance& a, const CouncilDistance& b) { return share(a) > share(b); });
  return out;
}

}  // namespace carecoop::forecast
