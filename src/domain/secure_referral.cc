#include "domain/secure_referral.h"

#include "domain/validate.h"

namespace carecoop {

Status Validate(const SecureReferral& r) {
  CC_RETURN_IF_ERROR(validate::Reference("referralId", r.referral));
  CC_RETURN_IF_ERROR(validate::Reference("councilId", r.council));
  CC_RETURN_IF_ERROR(validate::Reference("rccId", r.rcc));
  CC_RETURN_IF_ERROR(validate::Known("status", r.status));
  CC_RETURN_IF_ERROR(validate::NonEmpty("referredBy", r.referred_by, validate::kMaxShortText));
  switch (r.status) {
    case SecureStatus::kPlaced:
      if (!r.placed_home) return InvalidArgument("homeId", "is required: the home placed in");
      if (!r.placed_at) return InvalidArgument("placedAt", "is required once placed");
      break;
    case SecureStatus::kPlacedAcrossBorder:
      CC_RETURN_IF_ERROR(validate::NonEmpty("where", r.across_border, validate::kMaxShortText));
      if (!r.placed_at) return InvalidArgument("placedAt", "is required once placed");
      break;
    case SecureStatus::kWithdrawn:
      CC_RETURN_IF_ERROR(validate::NonEmpty("reason", r.withdrawn_reason, validate::kMaxShortText));
      break;
    case SecureStatus::kWaiting:
      break;
  }
  if (r.sendings.size() > kMaxSecureSendings)
    return InvalidArgument("sendings", "at most " + std::to_string(kMaxSecureSendings));
  if (r.history.size() > kMaxSecureEvents)
    return InvalidArgument("history", "at most " + std::to_string(kMaxSecureEvents) + " events");
  for (std::size_t i = 0; i < r.sendings.size(); ++i) {
    const auto& s = r.sendings[i];
    const std::string at = "sendings[" + std::to_string(i) + "]";
    CC_RETURN_IF_ERROR(validate::Reference(at + ".homeId", s.home));
    if (s.decision == SecureDecision::kDeclined && s.reason.empty())
      return InvalidArgument("reason", "is required when a home declines");
    if (s.reason.size() > validate::kMaxShortText)
      return InvalidArgument(
          "reason", "must be at most " + std::to_string(validate::kMaxShortText) + " characters");
  }
  return Status::Ok();
}

}  // namespace carecoop
