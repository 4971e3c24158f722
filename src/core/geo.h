// Geography: a location as WGS84 latitude/longitude and the great-circle
// distance between two of them.
#ifndef CARECOOP_CORE_GEO_H_
#define CARECOOP_CORE_GEO_H_

#include <string_view>

#include "core/status.h"

namespace carecoop {

inline constexpr double kKmPerMile = 1.609344;
inline constexpr double kEarthRadiusKm = 6371.0088;  // IUGG mean radius

struct LatLon {
  double lat = 0;  // degrees north
  double lon = 0;  // degrees east
  friend bool operator==(const LatLon&, const LatLon&) = default;
};

// OK when lat is in [-90, 90] and lon in [-180, 180] (and both finite);
// otherwise InvalidArgument naming `field`.lat or `field`.lon.
Status ValidateLatLon(const LatLon& p, std::string_view field);

// OK when the point lies in a box around England (lat 49.8..55.9, lon
// -6.5..1.9), where every CareCoop location must be.
Status ValidateInEngland(const LatLon& p, std::string_view field);

// Great-circle (haversine) distance in kilometres.
double DistanceKm(const LatLon& a, const LatLon& b);

inline double KmToMiles(double km) { return km / kKmPerMile; }

}  // namespace carecoop

#endif  // CARECOOP_CORE_GEO_H_
