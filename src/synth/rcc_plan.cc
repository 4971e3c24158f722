#include "synth/rcc_plan.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "core/england.h"

namespace carecoop::synth {
namespace {

struct RegionSplit {
  const char* region;
  const char* code;
  int rccs;  // besides any named pathfinder
};

// Greater Manchester: the ten metropolitan boroughs E08000001-E08000010.
bool IsGreaterManchester(const CouncilRecord& c) {
  return c.ons_code >= "E08000001" && c.ons_code <= "E08000010";
}

}  // namespace

const std::vector<PlannedRcc>& RccPlan() {
  static const std::vector<PlannedRcc> kPlan = [] {
    const RegionSplit splits[] = {
        {"North East", "NE", 2},
        {"North West", "NW", 2},
        {"Yorkshire and The Humber", "YH", 2},
        {"East Midlands", "EM", 2},
        {"West Midlands", "WM", 2},
        {"East of England", "EE", 2},
        {"London", "LDN", 4},
        {"South East", "SE", 1},
        {"South West", "SW", 2},
    };
    const auto& councils = EnglandCouncils();
    std::vector<PlannedRcc> plan;
    for (const auto& split : splits) {
      std::vector<std::size_t> members;
      PlannedRcc gm{"NW-GM", "Greater Manchester RCC", split.region, {}};
      for (std::size_t i = 0; i < councils.size(); ++i) {
        if (councils[i].region != split.region) continue;
        if (IsGreaterManchester(councils[i]))
          gm.councils.push_back(i);
        else
          members.push_back(i);
      }
      if (!gm.councils.empty()) plan.push_back(gm);
      if (split.rccs == 1) {
        std::string name = std::string(split.region) + " RCC";
        plan.push_back({std::string(split.code), name, split.region, members});
        continue;
      }
      // Sweep by bearing round the centre of these councils, cut into
      // `rccs` runs of (nearly) equal size, starting at the widest gap so no
      // run straddles it.
      double lat = 0, lon = 0;
      for (auto i : members) {
        lat += councils[i].centre.lat;
        lon += councils[i].centre.lon;
      }
      lat /= static_cast<double>(members.size());
      lon /= static_cast<double>(members.size());
      std::vector<std::pair<double, std::size_t>> by_angle;
      for (auto i : members)
        by_angle.push_back(
            {std::atan2(councils[i].centre.lat - lat,
                        (councils[i].centre.lon - lon) * std::cos(lat * 3.14159265 / 180)),
             i});
      std::sort(by_angle.begin(), by_angle.end());
      std::size_t start = 0;
      double widest = -1;
      for (std::size_t k = 0; k < by_angle.size(); ++k) {
        double next =
            k + 1 < by_angle.size() ? by_angle[k + 1].first : by_angle[0].first + 2 * 3.14159265;
        if (next - by_angle[k].first > widest) {
          widest = next - by_angle[k].first;
          start = (k + 1) % by_angle.size();
        }
      }
      std::rotate(by_angle.begin(), by_angle.begin() + static_cast<long>(start), by_angle.end());
      std::size_t n = by_angle.size();
      for (int r = 0; r < split.rccs; ++r) {
        PlannedRcc rcc;
        rcc.code = std::string(split.code) + "-" + std::to_string(r + 1);
        rcc.name = std::string(split.region) + " RCC " + std::to_string(r + 1);
        rcc.region = split.region;
        std::size_t from = n * static_cast<std::size_t>(r) / static_cast<std::size_t>(split.rccs);
        std::size_t to = n * static_cast<std::size_t>(r + 1) / static_cast<std::size_t>(split.rccs);
        for (std::size_t k = from; k < to; ++k) rcc.councils.push_back(by_angle[k].second);
        std::sort(rcc.councils.begin(), rcc.councils.end());
        plan.push_back(std::move(rcc));
      }
    }
    return plan;
  }();
  return kPlan;
}

}  // namespace carecoop::synth
