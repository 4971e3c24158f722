#include "domain/scrutiny_decision.h"

#include "domain/validate.h"

namespace carecoop {

Status Validate(const ScrutinyDecision& decision) {
  CC_RETURN_IF_ERROR(validate::Reference("proposalId", decision.proposal));
  CC_RETURN_IF_ERROR(validate::NonEmpty("officer", decision.officer));
  CC_RETURN_IF_ERROR(validate::Known("outcome", decision.outcome));
  CC_RETURN_IF_ERROR(validate::MaxLength("reasons", decision.reasons));
  if (decision.outcome == ScrutinyOutcome::kSentBack && decision.reasons.empty())
    return InvalidArgument("reasons", "a proposal sent back must say why");
  return Status::Ok();
}

}  // namespace carecoop
