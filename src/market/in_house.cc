#include "market/in_house.h"

#include <algorithm>
#include <cmath>

namespace carecoop::market {

Result<Pence> UnitCost(const RunningCosts& c, int registered_places, double occupied,
                       double minimum_occupancy) {
  CC_RETURN_IF_ERROR(carecoop::Validate(c));
  if (registered_places < 1) return InvalidArgument("registeredPlaces", "must be at least 1");
  if (occupied < 0 || occupied > registered_places)
    return InvalidArgument("occupied", "must be between 0 and the registered places");
  const double places = registered_places;
  const double occupancy = std::max(occupied / places, minimum_occupancy);
  const double annual =
      static_cast<double>(c.staff.value()) + static_cast<double>(c.property.value()) +
      static_cast<double>(c.other.value()) + static_cast<double>(c.overhead.value());
  return Pence(std::llround(annual / 52 / (places * occupancy)));
}

}  // namespace carecoop::market
