// Forecasts for many areas at once: every council, every RCC (its councils'
// children together) and the nation, from one read of the councils' returns.
// Each council's episodes are prepared once and shared by every area that
// holds it; areas run in parallel. An area's forecast is the one
// `carecoop forecast --rcc` (or --council) gives for it alone.
#ifndef CARECOOP_FORECAST_AREAS_H_
#define CARECOOP_FORECAST_AREAS_H_

#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "forecast/model.h"
#include "io/ssda903_return.h"

namespace carecoop::forecast {

struct Area {
  std::string kind;  // "council", "rcc" or "england"
  std::string code;
  std::string name;
  std::vector<std::size_t> councils;  // indexes into the councils' returns
};

struct AreaOptions {
  // The reference period; by default each area's last year of data.
  std::optional<Date> reference_start, reference_end;
  int horizon_months = 24;
  unsigned threads = 0;  // 0: one per core
};

// One forecast per area, in the areas' order: the forecast or why there is
// none (an area without episodes, or a reference period outside its data).
std::vector<Result<Forecast>> ForecastAreas(const std::vector<ssda903::Return>& councils,
                                            const std::vector<Area>& areas,
                                            const AreaOptions& options);

// The default reference period of a set: its last year of data.
Options DefaultOptions(const EpisodeSet& set, const AreaOptions& options);

// The episodes of several sets together (the sets' children are distinct).
// Sets prepared with the same data end give what preparing their returns
// together gives.
EpisodeSet CombineEpisodes(const std::vector<const EpisodeSet*>& parts);

}  // namespace carecoop::forecast

#endif  // CARECOOP_FORECAST_AREAS_H_
