// Stages 7 and 8 of the workflow: placements, their payments, and ending a
// placement: the SSDA903 reason recorded, the place freed, the payments
// closed pro rata (market/pricing.h) (services/workflow.h).
#include "market/budget.h"
#include "market/payments_run.h"
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
    // Close the payments: weeks from the end are cancelled, the week it ends
    // in is paid pro rata (line by line where the payment has lines); what
    // was already paid beyond the end is to be recovered from the provider's
    // next remittance (market/payments_run.h).
    CC_ASSIGN_OR_RETURN(auto payments, tx.ListBy<Payment>(id));
    for (Payment& pay : payments) {
      market::CarePackage lines = market::LinesOf(pay);
      const bool has_lines = lines != market::CarePackage{};
      if (!has_lines) lines.core = pay.amount;  // stored without lines: all of it core
      if (pay.status == PaymentStatus::kPaid) {
        const Pence back = market::Recovery(lines, pay.week_start, request.end);
        if (back.value() <= 0) continue;
        pay.recovered = back;
        CC_RETURN_IF_ERROR(tx.Update(pay));
        continue;
      }
      auto closed = market::ClosePayment(pay, request.end);
      if (!closed) continue;
      pay.status = closed->status;
      pay.amount = closed->amount;
      if (has_lines && closed->status == PaymentStatus::kScheduled)
        market::SetLines(pay, market::DueForWeek(lines, pay.week_start, request.end));
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

Result<Placement> Workflow::SetFundingShares(const Principal& who, PlacementId id,
                                             std::int64_t version, int health_bp,
                                             int education_bp) {
  Placement out;
  Step step = Step::OnRecord(policy_, who, Now(), "placement", "fund");
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kAudited, [&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(Placement p, step.Fetch(tx, id));
    if (p.version != version)
      return Conflict(
          "the placement was changed since it was read (version " + std::to_string(p.version) + ")",
          "version");
    for (auto [field, bp] :
         {std::pair{"healthShareBp", health_bp}, std::pair{"educationShareBp", education_bp}})
      if (bp < 0 || bp > 10'000) return InvalidArgument(field, "must be between 0 and 10000");
    if (health_bp + education_bp > 10'000)
      return InvalidArgument("educationShareBp",
                             "health and education together pay at most 100% (10,000)");
    const market::FundingShares shares{10'000 - health_bp - education_bp, health_bp, education_bp};
    CC_RETURN_IF_ERROR(market::Validate(shares));
    const std::string before = RecordDigest(p);
    p.health_share_bp = health_bp;
    p.education_share_bp = education_bp;
    CC_RETURN_IF_ERROR(tx.Update(p));
    out = p;
    return step.Audit(tx, "placement", p.id.value(), before, RecordDigest(p));
  }));
  return out;
}

}  // namespace carecoop::services
