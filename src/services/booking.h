// Booking a place, once: the step shared by an emergency proposal (booked
// when proposed) and a scrutiny approval. In the caller's transaction it
// takes the home's earliest place free on the offer's start date, prices the
// placement from the provider's contract (market/pricing.h), schedules its
// weekly payments against the child's council's budget line and records the
// actual placement on the referral. The store's UNIQUE placement.vacancy_id
// decides a race for the same place (Conflict naming "vacancyId"); run it
// under Step::Mode::kBooking so that the loser tries again.
#ifndef CARECOOP_SERVICES_BOOKING_H_
#define CARECOOP_SERVICES_BOOKING_H_

#include <string>

#include "services/workflow.h"

namespace carecoop::services {

struct Booking {
  Placement placement;
  std::string digest;  // of the placement, for the audit record
};

// Books `offer`'s home for `referral`'s child; marks `referral` placed (the
// caller writes it). Conflict "vacancy" when no place is free on the start date.
Result<Booking> Book(store::Tx& tx, const WorkflowOptions& options, Timestamp now,
                     Referral& referral, const Offer& offer, bool emergency);

}  // namespace carecoop::services

#endif  // CARECOOP_SERVICES_BOOKING_H_
