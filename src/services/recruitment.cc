// The RCC's own foster carers (services/workflow.h): the recruitment funnel
// over a period (market/recruitment.h) from the member councils' fostering
// services' applications, and the Ofsted fostering fields on a day:
// households, approved places, filled, vacant, and the rest unavailable (a
// carer on hold, a place kept for a sibling). O(applications + homes +
// placements of the councils).
#include "market/recruitment.h"

#include "services/step.h"
#include "services/workflow.h"

namespace carecoop::services {

Result<Fostering> Workflow::FosteringOf(const Principal& who, RccId rcc, Date from, Date to,
                                        Date day) {
  Fostering out;
  Step step = Step::OnRecord(policy_, who, Now(), "recruitment", "read");
  CC_RETURN_IF_ERROR(step.Admit(store_));
  if (!(from < to)) return InvalidArgument("to", "must be after from (" + from.ToIso() + ")");
  out.from = from;
  out.to = to;
  out.day = day;
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kAudited, [&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(Rcc r, step.Fetch(tx, rcc));
    std::vector<market::CarerJourney> journeys;
    for (CouncilId c : r.member_councils) {
      CC_ASSIGN_OR_RETURN(auto applications, tx.List<CarerApplication>(store::Scope::Of(c)));
      for (const CarerApplication& a : applications)
        journeys.push_back({a.enquiry, a.application, a.assessment, a.approval, a.resignation});
      CC_ASSIGN_OR_RETURN(auto providers, tx.List<Provider>(store::Scope::Of(c)));
      for (const Provider& p : providers) {
        if (p.ownership != Ownership::kCouncil) continue;
        CC_ASSIGN_OR_RETURN(auto homes, tx.ListBy<Home>(p.id));
        for (const Home& h : homes) {
          if (h.setting != Setting::kFosteringHousehold || h.connected_person) continue;
          ++out.households;
          out.approved_places += h.registered_places;
          CC_ASSIGN_OR_RETURN(auto placements, tx.ListBy<Placement>(h.id));
          for (const Placement& pl : placements)
            out.filled += pl.start <= day && (!pl.end || day < *pl.end);
          CC_ASSIGN_OR_RETURN(auto vacancies, tx.ListBy<Vacancy>(h.id));
          for (const Vacancy& v : vacancies) out.vacant += v.status == VacancyStatus::kOpen;
        }
      }
    }
    out.unavailable = std::max(0, out.approved_places - out.filled - out.vacant);
    CC_ASSIGN_OR_RETURN(out.funnel, market::MeasureFunnel(journeys, from, to));
    return step.Audit(tx, "rcc", r.id.value(), "", from.ToIso() + ".." + to.ToIso());
  }));
  return out;
}

}  // namespace carecoop::services
