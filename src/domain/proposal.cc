#include "domain/proposal.h"

#include "domain/validate.h"

namespace carecoop {

Status Validate(const Proposal& proposal) {
  CC_RETURN_IF_ERROR(validate::Reference("referralId", proposal.referral));
  CC_RETURN_IF_ERROR(validate::Reference("offerId", proposal.offer));
  CC_RETURN_IF_ERROR(validate::NonEmpty("proposedBy", proposal.proposed_by));
  CC_RETURN_IF_ERROR(
      validate::NonEmpty("childViews", proposal.child_views, validate::kMaxLongText));
  CC_RETURN_IF_ERROR(validate::Range("rank", proposal.rank, 1, 100000));
  CC_RETURN_IF_ERROR(validate::MaxLength("reasonNotTop", proposal.reason_not_top));
  CC_RETURN_IF_ERROR(
      validate::MaxLength("reasonAgainstChildView", proposal.reason_against_child_view));
  if (proposal.rank > 1 && proposal.reason_not_top.empty())
    return InvalidArgument("reasonNotTop", "say why the top-ranked option was not proposed");
  return validate::Known("status", proposal.status);
}

}  // namespace carecoop
