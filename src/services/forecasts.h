// Forecasting as a service: the SSDA903 returns an area's forecast is made
// from, read from the store, and every area's forecast at once: each council,
// each RCC (its councils' children together) and England. The engines are
// forecast/model.h and forecast/areas.h; callers (the CLI, the API) format.
#ifndef CARECOOP_SERVICES_FORECASTS_H_
#define CARECOOP_SERVICES_FORECASTS_H_

#include <string_view>
#include <vector>

#include "forecast/areas.h"
#include "io/ssda903_return.h"
#include "store/store.h"

namespace carecoop::services {

// The returns of one council (`council`: ONS code, DfE LA code or name), of
// one RCC's councils (`rcc`: its code), or of every council when both are
// empty. InvalidArgument naming "council" or "rcc" for one not in the store.
Result<ssda903::Return> AreaReturns(store::Store& store, std::string_view council,
                                    std::string_view rcc);

struct AreaForecast {
  forecast::Area area;
  Result<forecast::Forecast> forecast;  // or why there is none
};

// Every council, every RCC and England, in that order (councils and RCCs in
// id order): each council's return is read once and shared by every area
// holding it; areas run in parallel (options.threads).
Result<std::vector<AreaForecast>> ForecastEveryArea(store::Store& store,
                                                    const forecast::AreaOptions& options);

}  // namespace carecoop::services

#endif  // CARECOOP_SERVICES_FORECASTS_H_
