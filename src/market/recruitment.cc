#include "market/recruitment.h"

#include <algorithm>
#include <vector>

namespace carecoop::market {
namespace {

std::array<std::optional<Date>, 4> Stages(const CarerJourney& j) {
  return {j.enquiry, j.application, j.assessment, j.approval};
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

}  // namespace

Status Validate(const CarerJourney& j) {
  auto stages = Stages(j);
  for (std::size_t s = 1; s < stages.size(); ++s) {
    if (!stages[s]) continue;
    if (!stages[s - 1])
      return InvalidArgument(std::string(kFunnelStages[s]),
                             "is set without " + std::string(kFunnelStages[s - 1]));
    if (*stages[s] < *stages[s - 1])
      return InvalidArgument(std::string(kFunnelStages[s]),
                             "must not be before " + std::string(kFunnelStages[s - 1]));
  }
  if (j.resignation && !j.approval)
    return InvalidArgument("resignation", "is set without approval");
  if (j.resignation && *j.resignation < *j.approval)
    return InvalidArgument("resignation", "must not be before approval");
  return Status::Ok();
}

Result<Funnel> MeasureFunnel(std::span<const CarerJourney> journeys, Date from, Date to) {
  if (!(from < to)) return InvalidArgument("to", "must be after from (" + from.ToIso() + ")");
  Funnel f;
  std::array<std::vector<double>, 4> days;
  for (std::size_t s = 0; s < 4; ++s) f.stages[s].stage = kFunnelStages[s];
  for (const CarerJourney& j : journeys) {
    if (j.resignation && from <= *j.resignation && *j.resignation < to) ++f.resignations;
    if (j.enquiry < from || !(j.enquiry < to)) continue;
    auto stages = Stages(j);
    for (std::size_t s = 0; s < 4; ++s) {
      if (!stages[s] || !(*stages[s] < to)) break;
      ++f.stages[s].reached;
      if (s + 1 < 4 && stages[s + 1] && *stages[s + 1] < to)
        days[s].push_back(
            static_cast<double>(stages[s + 1]->days_since_epoch() - stages[s]->days_since_epoch()));
    }
  }
  for (std::size_t s = 0; s < 4; ++s) {
    FunnelStage& st = f.stages[s];
    st.conversion = s == 0 ? 1.0
                    : f.stages[s - 1].reached
                        ? static_cast<double>(st.reached) / f.stages[s - 1].reached
                        : 0.0;
    if (!days[s].empty()) st.median_days_to_next = Median(days[s]);
  }
  return f;
}

}  // namespace carecoop::market
