// RccPlan: how synthetic England groups its 153 councils into 20 Regional
// Care Co-operatives. Real RCC boundaries are still being drawn, so the plan
// is ours: every RCC lies within one region; Greater Manchester (10 councils)
// and the South East (19 councils) are the two DfE pathfinders; the other
// regions are split into 1-4 RCCs by sweeping round the region's centre, so
// members are neighbours. The plan does not depend on the seed.
#ifndef CARECOOP_SYNTH_RCC_PLAN_H_
#define CARECOOP_SYNTH_RCC_PLAN_H_

#include <string>
#include <vector>

namespace carecoop::synth {

struct PlannedRcc {
  std::string code;                   // e.g. "NW-GM", "LDN-2"
  std::string name;                   // e.g. "Greater Manchester RCC"
  std::string region;                 // region name as in EnglandRegions()
  std::vector<std::size_t> councils;  // indices into EnglandCouncils()
};

// The 20 RCCs, ordered by region then code; every council is in exactly one.
const std::vector<PlannedRcc>& RccPlan();

}  // namespace carecoop::synth

#endif  // CARECOOP_SYNTH_RCC_PLAN_H_
