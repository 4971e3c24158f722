// The forecast and the sufficiency table as JSON: what `carecoop forecast
// --json` and `carecoop sufficiency --json` print and the API serves.
// docs/forecast.md describes the fields.
#ifndef CARECOOP_FORECAST_JSON_H_
#define CARECOOP_FORECAST_JSON_H_

#include <nlohmann/json.hpp>

#include "forecast/model.h"
#include "forecast/sufficiency.h"

namespace carecoop::forecast {

nlohmann::json ForecastJson(const Forecast& f);
// Counts under s.suppress_below are null.
nlohmann::json SufficiencyJson(const Sufficiency& s);

}  // namespace carecoop::forecast

#endif  // CARECOOP_FORECAST_JSON_H_
