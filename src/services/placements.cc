// Stages 7 and 8 of the workflow: placements, their payments, and ending a
// placement: the SSDA903 reason recorded, the place freed, the payments
// closed pro rata (market/pricing.h) (services/workflow.h).
#include "market/pricing.h"
#include "services/step.h"
#include "services/workflow.h"

namespace carecoop::services {

Result<Placement> Workflow::GetPlacement(const Principal& who, PlacementId id) {
  return ReadInScope(store_, policy_, who, Now(), id);
}

Result<std::vector<Placement>> Workflow::ListPlacements(const Principal& who, bool current_only) {
  return ListInScope<Placement>(store_, policy_, who, Now(), "placement",
                                [&](const Placement& p) { return !current_only || p.current(); });
}

Result<Placement> Workflow::EndPlacement(const Principal& who, PlacementId id,
                                         const EndRequest& request) {
  Placement out;
  Step step = Step::OnRecord(policy_, who, Now(), "placement", "end");
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kAudited, [&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(Placement p, step.Fetch(tx, id));
    if (p.end) return Conflict("the placement already ended on " + p.end->ToIso(), "endDate");
    if (request.end < p.start)
      return InvalidArgument("endDate",
                             "is before the placement started (" + p.start.ToIso() + ")");
    if (request.reason_place_change.empty() == request.reason_ceased.empty())
      return InvalidArgument(
          "reasonPlaceChange",
          "give the SSDA903 reason for the placement change, or reasonCeased when care "
          "ends with it (one of the two)");
    std::string before = RecordDigest(p);
    p.end = request.end;
    p.reason_place_change = request.reason_place_change;
    p.reason_ceased = request.reason_ceased;
    CC_RETURN_IF_ERROR(tx.Update(p));
    // Free the place: a new vacancy from the end date (the booked one stays as history).
    std::string freed;
    if (p.home) {
      Vacancy v{.home = *p.home, .available_from = request.end, .status = VacancyStatus::kOpen};
      CC_ASSIGN_OR_RETURN(v.id, tx.Create(v));
      freed = std::to_string(v.id.value());
    }
    // Close the payments: weeks from the end are cancelled, the week it ends in is paid pro rata.
    CC_ASSIGN_OR_RETURN(auto payments, tx.ListBy<Payment>(id));
    for (Payment& pay : payments) {
      auto closed = market::ClosePayment(pay, request.end);
      if (!closed) continue;
      pay.status = closed->status;
      pay.amount = closed->amount;
      CC_RETURN_IF_ERROR(tx.Update(pay));
    }
    out = p;
    return step.Audit(tx, "placement", id.value(), before, Combined({RecordDigest(p), freed}));
  }));
  worlds_.Invalidate();
  return out;
}

Result<std::vector<Payment>> Workflow::ListPayments(const Principal& who, PlacementId id) {
  return ListUnder<Payment>(store_, policy_, who, Now(), "payment", id);
}

}  // namespace carecoop::services
