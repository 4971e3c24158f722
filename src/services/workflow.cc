// The Workflow facade. Its use cases live one file per stage, each built on
// the Step skeleton (services/step.h):
//   referrals.cc           1. write, edit, submit, read and list referrals
//   hub.cc                 2. the queue, options, sending to providers, offers
//   provider_responses.cc  3. anonymised referrals, offers and declines
//   proposals.cc           4-6. proposals, scrutiny, booking (booking.h)
//   placements.cc          7-8. placements, payments, ending a placement
//   national.cc            the national overview and sufficiency
#include "services/workflow.h"

namespace carecoop::services {

Workflow::Workflow(store::Store& store, WorkflowOptions options, const AccessPolicy& policy)
    : store_(store),
      options_(std::move(options)),
      policy_(policy),
      worlds_(options_.world_max_age),
      simulations_(std::make_unique<SimulationJobs>(store)) {}

Date Workflow::Today() const { return Date::FromTimestamp(Now()); }

}  // namespace carecoop::services
