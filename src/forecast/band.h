// The 95% band around a forecast figure: mean ± 1.96 standard deviations,
// the normal approximation the sector's model reports, the lower bound held
// at zero because a count of children is never negative. The one place the
// band is computed; every output (CLI, JSON, sufficiency) goes through it.
#ifndef CARECOOP_FORECAST_BAND_H_
#define CARECOOP_FORECAST_BAND_H_

#include <algorithm>

namespace carecoop::forecast {

inline constexpr double kZ95 = 1.96;

struct Band {
  double lower = 0;
  double upper = 0;
};

inline Band Band95(double mean, double sd) {
  return {std::max(0.0, mean - kZ95 * sd), mean + kZ95 * sd};
}

}  // namespace carecoop::forecast

#endif  // CARECOOP_FORECAST_BAND_H_
