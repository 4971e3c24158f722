#include "domain/offer.h"

#include "domain/contract.h"
#include "domain/validate.h"

namespace carecoop {

Result<Pence> Offer::WeeklyFee() const {
  CC_ASSIGN_OR_RETURN(Pence a, Add(core_fee, staffing_fee));
  CC_ASSIGN_OR_RETURN(Pence b, Add(a, education_fee));
  return Add(b, transport_fee);
}

Status Validate(const Offer& offer) {
  CC_RETURN_IF_ERROR(validate::Reference("referralId", offer.referral));
  CC_RETURN_IF_ERROR(validate::Reference("homeId", offer.home));
  CC_RETURN_IF_ERROR(validate::Known("status", offer.status));
  CC_RETURN_IF_ERROR(validate::WeeklyFee("coreFee", offer.core_fee));
  CC_RETURN_IF_ERROR(validate::WeeklyFee("staffingFee", offer.staffing_fee));
  CC_RETURN_IF_ERROR(validate::WeeklyFee("educationFee", offer.education_fee));
  CC_RETURN_IF_ERROR(validate::WeeklyFee("transportFee", offer.transport_fee));
  auto fee = offer.WeeklyFee();
  if (!fee.ok() || *fee > kMaxWeeklyFee)
    return InvalidArgument("coreFee", "the fees add up to more than the " +
                                          kMaxWeeklyFee.ToString() + " a week any fee may be");
  CC_RETURN_IF_ERROR(validate::MaxLength("conditions", offer.conditions));
  CC_RETURN_IF_ERROR(validate::MaxLength("declineReason", offer.decline_reason));
  if (offer.status == OfferStatus::kDeclined) {
    if (offer.decline_reason.empty())
      return InvalidArgument("declineReason", "a decline must give its reason");
  } else if (fee->value() <= 0) {
    return InvalidArgument("coreFee", "an offer must state a weekly fee above zero");
  }
  if (offer.start_date.year() < 2000)
    return InvalidArgument("startDate", "must be a date from 2000 on");
  if (offer.deadline < offer.created_at)
    return InvalidArgument("deadline", "must not be before the offer was made");
  CC_RETURN_IF_ERROR(validate::MaxLength("withdrawalReason", offer.withdrawal_reason));
  CC_RETURN_IF_ERROR(validate::Known("childView", offer.child_view));
  CC_RETURN_IF_ERROR(validate::MaxLength("why", offer.child_view_why));
  return Status::Ok();
}

bool IsLive(const Offer& offer, Timestamp now) {
  return offer.status == OfferStatus::kOffered && now <= offer.deadline;
}

OfferStatus StatusAt(const Offer& offer, Timestamp now) {
  return offer.status == OfferStatus::kOffered && now > offer.deadline ? OfferStatus::kLapsed
                                                                       : offer.status;
}

}  // namespace carecoop
