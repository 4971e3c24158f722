#include "core/geo.h"

#include <cmath>
#include <numbers>
#include <string>

namespace carecoop {

Status ValidateLatLon(const LatLon& p, std::string_view field) {
  if (!std::isfinite(p.lat) || p.lat < -90 || p.lat > 90)
    return InvalidArgument(std::string(field) + ".lat", "latitude must be between -90 and 90");
  if (!std::isfinite(p.lon) || p.lon < -180 || p.lon > 180)
    return InvalidArgument(std::string(field) + ".lon", "longitude must be between -180 and 180");
  return Status::Ok();
}

Status ValidateInEngland(const LatLon& p, std::string_view field) {
  CC_RETURN_IF_ERROR(ValidateLatLon(p, field));
  if (p.lat < 49.8 || p.lat > 55.9)
    return InvalidArgument(std::string(field) + ".lat",
                           "latitude is outside England (49.8 to 55.9)");
  if (p.lon < -6.5 || p.lon > 1.9)
    return InvalidArgument(std::string(field) + ".lon",
                           "longitude is outside England (-6.5 to 1.9)");
  return Status::Ok();
}

double DistanceKm(const LatLon& a, const LatLon& b) {
  constexpr double kRad = std::numbers::pi / 180.0;
  double dlat = (b.lat - a.lat) * kRad;
  double dlon = (b.lon - a.lon) * kRad;
  double s = std::sin(dlat / 2);
  double t = std::sin(dlon / 2);
  double h = s * s + std::cos(a.lat * kRad) * std::cos(b.lat * kRad) * t * t;
  return 2 * kEarthRadiusKm * std::asin(std::sqrt(std::min(1.0, h)));
}

}  // namespace carecoop
