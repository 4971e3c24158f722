// Valid example values of every domain type, for tests (linked only into
// test binaries through carecoop_domain_examples). Each takes the ids of the
// records it refers to, so a test can build a consistent graph.
#ifndef CARECOOP_DOMAIN_EXAMPLES_H_
#define CARECOOP_DOMAIN_EXAMPLES_H_

#include "domain/child.h"
#include "domain/contract.h"
#include "domain/council.h"
#include "domain/home.h"
#include "domain/offer.h"
#include "domain/payment.h"
#include "domain/placement.h"
#include "domain/proposal.h"
#include "domain/provider.h"
#include "domain/rcc.h"
#include "domain/referral.h"
#include "domain/region.h"
#include "domain/scrutiny_decision.h"
#include "domain/vacancy.h"

namespace carecoop::examples {

Region ExampleRegion();
Council ExampleCouncil(RegionId region, int n = 0);  // n varies the codes
Rcc ExampleRcc(RegionId region, std::vector<CouncilId> members);
Provider ExampleProvider();
Home ExampleHome(ProviderId provider, CouncilId council);
Vacancy ExampleVacancy(HomeId home);
Child ExampleChild(CouncilId council, int n = 0);  // n varies the pseudonym
// A referral with every optional field filled, so round trips test them all.
Referral ExampleReferral(ChildId child, CouncilId council);
Offer ExampleOffer(ReferralId referral, HomeId home);
Proposal ExampleProposal(ReferralId referral, OfferId offer);
ScrutinyDecision ExampleScrutinyDecision(ProposalId proposal);
Placement ExamplePlacement(ChildId child, CouncilId council, HomeId home);
Contract ExampleContract(ProviderId provider, RccId rcc);
Payment ExamplePayment(PlacementId placement, RccId rcc, CouncilId council);

}  // namespace carecoop::examples

#endif  // CARECOOP_DOMAIN_EXAMPLES_H_
