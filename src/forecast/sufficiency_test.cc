// Sufficiency on a small hand-made RCC: supply shared between age bands,
// occupancy by the occupants' bands, need from the forecast (or from the
// children placed now), the gap with its band, and why children are placed
// far from home.
#include "forecast/sufficiency.h"

#include <gtest/gtest.h>

#include "forecast/json.h"

namespace carecoop::forecast {
namespace {

constexpr double kManchester[2] = {53.48, -2.24};
constexpr double kNewcastle[2] = {54.97, -1.61};

SupplyHome Home(std::int64_t id, Category c, int min_age, int max_age, int places, int vacancies,
                double lat, double lon, bool in_rcc) {
  SupplyHome h;
  h.id = id;
  h.category = c;
  h.min_age = min_age;
  h.max_age = max_age;
  h.registered_places = places;
  h.open_vacancies = vacancies;
  h.lat = lat;
  h.lon = lon;
  h.in_rcc = in_rcc;
  return h;
}

PlacedChild Child(std::string council, bool own, AgeBand band, Category c,
                  std::optional<std::int64_t> home, const double (&family)[2]) {
  PlacedChild p;
  p.council = std::move(council);
  p.own = own;
  p.band = band;
  p.category = c;
  p.home = home;
  p.family_lat = family[0];
  p.family_lon = family[1];
  return p;
}

const GapRow& Row(const Sufficiency& s, AgeBand b, Category c) {
  for (const GapRow& r : s.rows)
    if (r.band == b && r.category == c) return r;
  throw std::logic_error("no row");
}

SufficiencyInput Region() {
  SufficiencyInput in;
  in.rcc_code = "T-1";
  in.rcc_name = "Test RCC";
  in.as_of = Date(2025, 3, 31);
  in.councils = {"Wigan", "Bolton", "Salford"};
  using enum Category;
  in.homes = {
      // A: the RCC's foster carers near Manchester, ages 0-17, one free place.
      Home(1, kFostering, 0, 17, 2, 1, 53.45, -2.30, true),
      // B: the RCC's children's home, ages 10-17, full; about 25 km from Manchester.
      Home(2, kResidential, 10, 17, 4, 0, 53.55, -2.60, true),
      // C: a children's home in London with a free place; E: foster carers there.
      Home(3, kResidential, 8, 17, 3, 1, 51.50, -0.12, false),
      Home(5, kFostering, 0, 17, 1, 0, 51.52, -0.10, false),
  };
  in.placed = {
      Child("Wigan", true, AgeBand::k10To16, kResidential, 2, kManchester),  // near, in B
      Child("Bolton", true, AgeBand::k10To16, kResidential, 3,
            kNewcastle),  // far: no home near Newcastle
      Child("Bolton", true, AgeBand::k10To16, kResidential, 3,
            kManchester),                                                // far: B is near but full
      Child("Wigan", true, AgeBand::k1To5, kFostering, 5, kManchester),  // far: A near had a place
      Child("Leeds", false, AgeBand::k10To16, kResidential, 2,
            kNewcastle),  // another RCC's child in B
      Child("Salford", true, AgeBand::k5To10, kOther, std::nullopt,
            kManchester),  // placed with parents
  };
  return in;
}

TEST(Sufficiency, AgeBands) {
  EXPECT_EQ(AgeBandOn(Date(2009, 4, 1), Date(2025, 3, 31)), AgeBand::k10To16);
  EXPECT_EQ(AgeBandOn(Date(2009, 4, 1), Date(2025, 4, 1)), AgeBand::k16To18Plus);
  EXPECT_EQ(AgeBandOn(Date(2025, 1, 1), Date(2025, 3, 31)), AgeBand::kBirthTo1);
  EXPECT_EQ(AgeBandOf(25.5), AgeBand::k16To18Plus);
  EXPECT_EQ(AgeBandOf(26), AgeBand::kNone);
}

TEST(Sufficiency, SupplyIsSharedByRegisteredAgesAndOccupancyCountedByOccupant) {
  Sufficiency s = ComputeSufficiency(Region());
  EXPECT_EQ(s.rows.size(), 5u * 4u);
  const GapRow& res = Row(s, AgeBand::k10To16, Category::kResidential);
  EXPECT_DOUBLE_EQ(res.registered_places, 4.0 * 6 / 8);  // B: 6 of its 8 years of age fall in 10-16
  EXPECT_DOUBLE_EQ(Row(s, AgeBand::k16To18Plus, Category::kResidential).registered_places,
                   4.0 * 2 / 8);
  EXPECT_DOUBLE_EQ(Row(s, AgeBand::k5To10, Category::kResidential).registered_places,
                   0);                // C is not the RCC's
  EXPECT_EQ(res.occupied, 2);         // the Wigan child and the Leeds child
  EXPECT_EQ(res.occupied_by_own, 1);  // the Wigan child
  EXPECT_EQ(res.vacant, 0);
  EXPECT_EQ(res.available, 1);
  const GapRow& fos = Row(s, AgeBand::k1To5, Category::kFostering);
  EXPECT_DOUBLE_EQ(fos.registered_places, 2.0 * 4 / 18);
  EXPECT_DOUBLE_EQ(fos.vacant, 1.0 * 4 / 18);
  double places = 0;
  for (const GapRow& r : s.rows)
    if (r.category == Category::kFostering) places += r.registered_places;
  EXPECT_DOUBLE_EQ(places, 2);  // a category's places add up whole
}

TEST(Sufficiency, WithoutAForecastNeedIsTheChildrenPlacedNow) {
  SufficiencyInput in = Region();
  in.no_forecast_reason = "no episode has ended";
  Sufficiency s = ComputeSufficiency(in);
  EXPECT_EQ(s.no_forecast_reason, "no episode has ended");
  const GapRow& res = Row(s, AgeBand::k10To16, Category::kResidential);
  ASSERT_TRUE(res.need[0]);
  EXPECT_EQ(res.need[0]->value, 3);  // the RCC's three, not the Leeds child
  EXPECT_EQ(res.gap[0]->value, 2);   // three need a place, one is held in the RCC's homes
  EXPECT_FALSE(res.need[1]);
  EXPECT_FALSE(res.gap[2]);
  EXPECT_EQ(Row(s, AgeBand::k5To10, Category::kOther).need[0]->value, 1);
  EXPECT_FALSE(Row(s, AgeBand::k5To10, Category::kOther).gap[0])
      << "Other is no kind of home to commission";
}

TEST(Sufficiency, NeedAndItsBandComeFromTheForecast) {
  SufficiencyInput in = Region();
  Forecast f;
  f.prediction_start = Date(2025, 3, 31);
  f.states = {StateOf(AgeBand::k10To16, Category::kResidential)};
  f.stock_at_start = {3};
  for (int k = 0; k < 731; ++k) {
    f.days.push_back(f.prediction_start.AddDays(k + 1));
    f.population.push_back({3 + 0.01 * k});
    f.variance.push_back({4});
  }
  in.forecast = f;
  Sufficiency s = ComputeSufficiency(in);
  ASSERT_TRUE(s.prediction_start);
  const GapRow& res = Row(s, AgeBand::k10To16, Category::kResidential);
  EXPECT_DOUBLE_EQ(res.need[0]->value, 3);
  EXPECT_DOUBLE_EQ(res.need[0]->upper, 3);  // now is known
  // 31 March 2026 is day index 364.
  EXPECT_NEAR(res.need[1]->value, 3 + 3.64, 1e-9);
  EXPECT_NEAR(res.need[1]->lower, 3 + 3.64 - 1.96 * 2, 1e-9);
  EXPECT_NEAR(res.gap[1]->value, 3 + 3.64 - 1, 1e-9);
  EXPECT_NEAR(res.gap[2]->upper, 3 + 7.29 + 1.96 * 2 - 1, 1e-9);  // 31 March 2027: index 729
  // A state the forecast never saw needs nothing.
  EXPECT_EQ(Row(s, AgeBand::k1To5, Category::kFostering).need[2]->value, 0);
}

TEST(Sufficiency, CouncilsPlacedFarComeFirstWithTheReason) {
  Sufficiency s = ComputeSufficiency(Region());
  ASSERT_EQ(s.councils.size(), 3u);
  const CouncilDistance& bolton = s.councils[0];
  EXPECT_EQ(bolton.council, "Bolton");
  EXPECT_EQ(bolton.placed, 2);
  EXPECT_EQ(bolton.placed_far, 2);
  EXPECT_EQ(bolton.outside_rcc, 2);
  EXPECT_EQ(bolton.reasons.no_home_nearby, 1);     // near Newcastle there is none
  EXPECT_EQ(bolton.reasons.nearby_homes_full, 1);  // near Manchester, B is full
  EXPECT_GT(bolton.median_km, 200);
  ASSERT_EQ(bolton.states.size(), 1u);
  EXPECT_EQ(bolton.states[0].children, 2);
  const CouncilDistance& wigan = s.councils[1];
  EXPECT_EQ(wigan.council, "Wigan");
  EXPECT_EQ(wigan.placed, 2);
  EXPECT_EQ(wigan.placed_far, 1);
  EXPECT_EQ(wigan.reasons.nearby_vacancy, 1);  // A had a free place
  EXPECT_EQ(s.councils[2].council, "Salford");
  EXPECT_EQ(s.councils[2].placed, 0);  // placed with parents: no home, no distance
}

TEST(Sufficiency, JsonHidesSmallCountsForTheNationalLayer) {
  Sufficiency s = ComputeSufficiency(Region());
  auto open = SufficiencyJson(s);
  EXPECT_EQ(open["councils"][0]["placed"], 2);
  EXPECT_TRUE(open["smallNumbersSuppressedBelow"].is_null());
  s.suppress_below = 5;
  auto j = SufficiencyJson(s);
  EXPECT_EQ(j["smallNumbersSuppressedBelow"], 5);
  EXPECT_TRUE(j["councils"][0]["placed"].is_null());
  EXPECT_TRUE(j["councils"][0]["medianKm"].is_null());
  EXPECT_TRUE(j["councils"][0]["reasons"]["noHomeNearby"].is_null());
  for (const auto& row : j["rows"]) {
    if (row["ageBand"] != "10 to 16" || row["category"] != "Residential") continue;
    EXPECT_TRUE(row["need"]["now"].is_null());
    EXPECT_TRUE(row["gap"]["now"].is_null());
    EXPECT_TRUE(row["occupied"].is_null());
    EXPECT_EQ(row["registeredPlaces"], 3.0);  // places are not children
  }
}

}  // namespace
}  // namespace carecoop::forecast
