// Strong ids of every domain entity (see core/ids.h).
#ifndef CARECOOP_DOMAIN_IDS_H_
#define CARECOOP_DOMAIN_IDS_H_

#include "core/ids.h"

namespace carecoop {

struct Region;
struct Council;
struct Rcc;
struct Provider;
struct Home;
struct Vacancy;
struct Child;
struct Referral;
struct Offer;
struct Proposal;
struct ScrutinyDecision;
struct Placement;
struct Contract;
struct Payment;
struct PaymentRun;
struct BlockUtilisation;
struct BudgetLine;
struct Framework;
struct CarerApplication;
struct ProviderGroup;
struct FinancialReturn;
struct OversightCase;
struct ReceivedReturn;
struct SecureReferral;
struct DolOrder;
struct UnregisteredPlacement;

using RegionId = Id<Region>;
using CouncilId = Id<Council>;
using RccId = Id<Rcc>;
using ProviderId = Id<Provider>;
using HomeId = Id<Home>;
using VacancyId = Id<Vacancy>;
using ChildId = Id<Child>;
using ReferralId = Id<Referral>;
using OfferId = Id<Offer>;
using ProposalId = Id<Proposal>;
using ScrutinyDecisionId = Id<ScrutinyDecision>;
using PlacementId = Id<Placement>;
using ContractId = Id<Contract>;
using PaymentId = Id<Payment>;
using PaymentRunId = Id<PaymentRun>;
using BlockUtilisationId = Id<BlockUtilisation>;
using BudgetLineId = Id<BudgetLine>;
using FrameworkId = Id<Framework>;
using CarerApplicationId = Id<CarerApplication>;
using ProviderGroupId = Id<ProviderGroup>;
using FinancialReturnId = Id<FinancialReturn>;
using OversightCaseId = Id<OversightCase>;
using ReceivedReturnId = Id<ReceivedReturn>;
using SecureReferralId = Id<SecureReferral>;
using DolOrderId = Id<DolOrder>;
using UnregisteredPlacementId = Id<UnregisteredPlacement>;

}  // namespace carecoop

#endif  // CARECOOP_DOMAIN_IDS_H_
