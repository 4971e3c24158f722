// Spend from the payments (services/workflow.h): what an RCC pays for weeks
// starting in [from, to), by the child's council and by the route that
// bought the place (the placement's contract type; "no_contract" for a
// place priced without one). Scheduled and paid payments count, less what
// a backdated end recovers from them; cancelled ones do not. One pass over the payments in scope:
// O(payments).
#include <map>

#include "services/step.h"
#include "services/workflow.h"

namespace carecoop::services {

Result<Spend> Workflow::SpendOf(const Principal& who, RccId rcc, Date from, Date to) {
  Spend out;
  Step step = Step::OnRecord(policy_, who, Now(), "spend", "read");
  CC_RETURN_IF_ERROR(step.Admit(store_));
  if (!(from < to)) return InvalidArgument("to", "must be after from (" + from.ToIso() + ")");
  out.from = from;
  out.to = to;
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kAudited, [&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(Rcc r, step.Fetch(tx, rcc));
    CC_ASSIGN_OR_RETURN(auto payments, tx.List<Payment>(store::Scope::Of(r.id)));
    CC_ASSIGN_OR_RETURN(auto contracts, tx.List<Contract>(store::Scope::Of(r.id)));
    std::map<ContractId, ContractType> route_of;
    for (const Contract& c : contracts) route_of[c.id] = c.type;
    std::map<PlacementId, std::string> placement_route;
    std::map<std::string, SpendLine> councils, routes;
    std::map<CouncilId, std::string> council_names;
    for (CouncilId c : r.member_councils) {
      CC_ASSIGN_OR_RETURN(Council council, tx.Get<Council>(c));
      council_names[c] = council.name;
    }
    Pence total(0);
    for (Payment p : payments) {
      p.amount = Pence(p.amount.value() - p.recovered.value());  // net of any recovery
      if (p.status == PaymentStatus::kCancelled || p.week_start < from || !(p.week_start < to))
        continue;
      auto route = placement_route.find(p.placement);
      if (route == placement_route.end()) {
        CC_ASSIGN_OR_RETURN(Placement placement, tx.Get<Placement>(p.placement));
        std::string code = "no_contract";
        if (placement.contract && route_of.count(*placement.contract))
          code = std::string(EnumCode(route_of[*placement.contract]));
        route = placement_route.emplace(p.placement, code).first;
      }
      const std::string council = council_names.count(p.council)
                                      ? council_names[p.council]
                                      : "council " + std::to_string(p.council.value());
      for (auto [lines, key] : {std::pair{&councils, council}, std::pair{&routes, route->second}}) {
        SpendLine& line = (*lines)[key];
        line.key = key;
        CC_ASSIGN_OR_RETURN(line.amount, Add(line.amount, p.amount));
        ++line.weeks;
      }
      CC_ASSIGN_OR_RETURN(total, Add(total, p.amount));
    }
    out.total = total;
    for (auto& [key, line] : councils) {
      line.label = key;
      out.by_council.push_back(line);
    }
    for (auto& [key, line] : routes) {
      auto type = ParseEnumCode<ContractType>(key);
      line.label = type ? std::string(EnumLabel(*type)) : "No contract (spot price)";
      out.by_route.push_back(line);
    }
    return step.Audit(tx, "rcc", r.id.value(), "", DigestOfIds(payments));
  }));
  return out;
}

}  // namespace carecoop::services
