// Placement stability for an RCC (national/stability.h, docs/national.md
// "Stability"): its placements, as at a day, by council, with the hub's
// early-warning list.
#include "national/stability.h"

#include <map>

#include "domain/child.h"
#include "domain/council.h"
#include "services/step.h"
#include "services/workflow.h"

namespace carecoop::services {

Result<RccStability> Workflow::PlacementStability(const Principal& who, RccId id,
                                                  std::optional<Date> as_at) {
  RccStability out;
  Step step = Step::OnRecord(policy_, who, Now(), "stability", "read");
  const Date day = as_at.value_or(Today());
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kRead, [&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(Rcc rcc, step.Fetch(tx, id));
    std::map<std::int64_t, std::string> council_name;
    for (CouncilId c : rcc.member_councils) {
      CC_ASSIGN_OR_RETURN(Council council, tx.Get(c));
      council_name[c.value()] = council.name;
    }
    CC_ASSIGN_OR_RETURN(auto placements, tx.List<Placement>(store::Scope::Of(rcc.id)));
    std::vector<national::StabilityPlacement> input;
    input.reserve(placements.size());
    for (const Placement& p : placements)
      input.push_back({p.child.value(), council_name[p.council.value()], p.start, p.end,
                       p.reason_place_change, p.emergency});
    out.stability = national::MeasureStability(input, day);
    CC_ASSIGN_OR_RETURN(auto children, tx.List<Child>(store::Scope::Of(rcc.id)));
    for (const Child& c : children) out.pseudonyms[c.id.value()] = c.pseudonym;
    return Status::Ok();
  }));
  return out;
}

}  // namespace carecoop::services
