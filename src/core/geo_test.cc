#include "core/geo.h"

#include <gtest/gtest.h>

namespace carecoop {
namespace {

TEST(GeoTest, GreatCircleDistanceMatchesKnownPairs) {
  LatLon london{51.5074, -0.1278};
  LatLon manchester{53.4808, -2.2426};
  EXPECT_NEAR(DistanceKm(london, manchester), 262.0, 2.0);
  EXPECT_DOUBLE_EQ(DistanceKm(london, london), 0.0);
  EXPECT_NEAR(DistanceKm(london, manchester), DistanceKm(manchester, london), 1e-9);
  EXPECT_NEAR(KmToMiles(32.1869), 20.0, 1e-3);
}

TEST(GeoTest, ValidationNamesTheCoordinate) {
  EXPECT_TRUE(ValidateInEngland({52.0, -1.0}, "home.location").ok());
  Status s = ValidateInEngland({48.0, -1.0}, "home.location");
  EXPECT_EQ(s.field(), "home.location.lat");
  EXPECT_EQ(ValidateLatLon({0, 181}, "p").field(), "p.lon");
}

}  // namespace
}  // namespace carecoop
