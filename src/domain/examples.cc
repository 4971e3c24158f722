#include "domain/examples.h"

#include <string>

namespace carecoop::examples {

Region ExampleRegion() { return {.ons_code = "E12000002", .name = "North West"}; }

Council ExampleCouncil(RegionId region, int n) {
  Council c;
  c.ons_code = "E08" + std::to_string(100000 + n).substr(0, 6);
  c.dfe_la_code = std::to_string(350 + n);
  c.name = "Example Borough " + std::to_string(n);
  c.region = region;
  c.location = {53.48 + 0.01 * n, -2.24};
  c.cla_2024 = 500 + n;
  return c;
}

Rcc ExampleRcc(RegionId region, std::vector<CouncilId> members) {
  return {.code = "NW-EX",
          .name = "Example RCC",
          .region = region,
          .member_councils = std::move(members)};
}

Provider ExampleProvider() {
  return {.name = "Example Care Ltd", .ownership = Ownership::kPrivate, .ofsted_urn = "SC100001"};
}

Home ExampleHome(ProviderId provider, CouncilId council) {
  Home h;
  h.provider = provider;
  h.name = "Oak House";
  h.setting = Setting::kChildrensHome;
  h.ofsted_urn = "SC123456";
  h.ofsted_rating = OfstedRating::kGood;
  h.council = council;
  h.location = {53.50123456789, -2.2598765432};
  h.registered_places = 4;
  h.min_age = 10;
  h.max_age = 17;
  h.needs_met = {Need::kTherapeuticSupport, Need::kAdditionalSupervision, Need::kCulturalNeeds};
  h.risks_managed = {Risk::kMissing, Risk::kSelfHarm, Risk::kCriminalExploitation};
  h.max_support_ratio = SupportRatio::kTwoToOne;
  h.solo_only = false;
  h.max_siblings = 2;
  h.has_pets = true;
  return h;
}

Vacancy ExampleVacancy(HomeId home) {
  return {.home = home, .available_from = Date(2025, 4, 7), .status = VacancyStatus::kOpen};
}

Child ExampleChild(CouncilId council, int n) {
  Child c;
  c.pseudonym = "CH" + std::to_string(700000 + n);
  c.council = council;
  c.date_of_birth = Date(2011, 6, 14);
  c.sex = Sex::kFemale;
  c.ethnicity = "MWBC";
  c.uasc = false;
  c.category_of_need = "N4";
  c.family_location = {53.471, -2.301};
  c.school_location = LatLon{53.462, -2.288};
  c.care_started = Date(2023, 9, 1);
  return c;
}

Referral ExampleReferral(ChildId child, CouncilId council) {
  Referral r;
  r.child = child;
  r.council = council;
  r.status = ReferralStatus::kOpen;
  r.created_at = ParseTimestamp("2025-03-20T10:30:00Z").value();
  r.needed_by = NeededBy::kWithin5Days;
  r.sibling_count = 1;
  r.preferred_location = "Salford or Trafford";
  r.communication_needs = YesNoNotSpecified::kYes;
  r.specific_communication_requirements = {CommunicationRequirement::kBsl,
                                           CommunicationRequirement::kMakaton};
  r.home_adaptation = true;
  r.cultural_needs = CulturalNeeds::kRequired;
  r.living_companions = LivingCompanions::kOnlyYounger;
  r.pets = Pets::kCan;
  r.additional_support = AdditionalSupport::kTherapeuticSupport;
  r.deprivation_of_liberty = false;
  r.foster_care_suitability = Suitability::kPreferred;
  r.residential_care_suitability = Suitability::kSuitable;
  r.supported_accommodation_suitability = Suitability::kUnsuitable;
  r.risks = {Risk::kMissing, Risk::kOtherToChild, Risk::kToOthersOther};
  r.risk_other = "contact with a known adult";
  r.risk_to_others_other = "damages property when distressed";
  r.actual_placement = ActualPlacement{.total_weekly_cost = Pence(485000),
                                       .placement_location = "M33",
                                       .preferability_location = true,
                                       .education_continuity = true,
                                       .provider_urn = "SC123456",
                                       .siblings_placed_together = 1,
                                       .placement_type = AgreedPlacementType::kResidential};
  r.referral_officer_name = "A. Social Worker";
  r.referral_date = Date(2025, 3, 20);
  r.placement_officer_name = "B. Hub Officer";
  r.placement_date = Date(2025, 3, 27);
  r.cost_officer_name = "C. Finance";
  r.cost_date = Date(2025, 3, 28);
  r.planned_or_emergency = SearchKind::kPlanned;
  r.latest_start_date = Date(2025, 4, 7);
  r.primary_family_location = NamedLocation{"M6 5", {53.4875, -2.2901}};
  r.close_to_family_recommended = true;
  r.in_school = InSchool::kYes;
  r.school_location = NamedLocation{"M6 7", {53.4901, -2.3012}};
  r.must_continue_school = true;
  r.other_important_locations = {{"M14 4", {53.4512, -2.2201}}, {"OL1 1", {53.5441, -2.1123}}};
  r.other_location_visit_frequency = VisitFrequency::kWeekly;
  r.locations_to_avoid_known = YesNoNotSpecified::kYes;
  r.locations_to_avoid = {{"M8 0", {53.5012, -2.2301}}};
  r.minimum_adult_support_ratio = SupportRatio::kOneToOne;
  r.child_views = "I want to keep going to my school and see my brother every week. I like dogs.";
  r.provider_summary =
      "Aged 13. Wants to stay at the same school, see a brother weekly, and would like a dog.";
  return r;
}

Offer ExampleOffer(ReferralId referral, HomeId home) {
  Offer o;
  o.referral = referral;
  o.home = home;
  o.core_fee = Pence(420000);
  o.staffing_fee = Pence(50000);
  o.education_fee = Pence(10000);
  o.transport_fee = Pence(5050);
  o.start_date = Date(2025, 4, 1);
  o.conditions = "Introductory visit first";
  o.created_at = ParseTimestamp("2025-03-21T09:00:00Z").value();
  o.deadline = ParseTimestamp("2025-03-24T17:00:00Z").value();
  return o;
}

Proposal ExampleProposal(ReferralId referral, OfferId offer) {
  return {.referral = referral,
          .offer = offer,
          .proposed_by = "B. Hub Officer",
          .child_views = "Likes that the home has a dog and is near school",
          .rank = 2,
          .reason_not_top = "Top option cannot start until after the latest start date",
          .created_at = ParseTimestamp("2025-03-25T12:00:00Z").value()};
}

ScrutinyDecision ExampleScrutinyDecision(ProposalId proposal) {
  return {.proposal = proposal,
          .officer = "D. Scrutiny",
          .outcome = ScrutinyOutcome::kSentBack,
          .reasons = "Please record the child's view on the distance from her brother",
          .decided_at = ParseTimestamp("2025-03-26T15:45:00Z").value()};
}

Placement ExamplePlacement(ChildId child, CouncilId council, HomeId home) {
  Placement p;
  p.child = child;
  p.council = council;
  p.home = home;
  p.start = Date(2024, 1, 15);
  p.end = Date(2025, 3, 1);
  p.place_code = "K2";
  p.provider_code = "PR4";
  p.legal_status = "C2";
  p.need_band = NeedBand::kComplex;
  p.weekly_fee = Pence(612345);
  p.reason_place_change = "CARPL";
  return p;
}

Contract ExampleContract(ProviderId provider, RccId rcc) {
  return {.provider = provider,
          .rcc = rcc,
          .type = ContractType::kFramework,
          .reference = "NW-FW-2025-001",
          .start = Date(2025, 4, 1),
          .end = Date(2029, 3, 31),
          .fees = {{NeedBand::kStandard, Pence(480000)}, {NeedBand::kComplex, Pence(720000)}}};
}

Payment ExamplePayment(PlacementId placement, RccId rcc, CouncilId council) {
  return {.placement = placement,
          .rcc = rcc,
          .council = council,
          .week_start = Date(2025, 3, 31),
          .amount = Pence(612345),
          .status = PaymentStatus::kScheduled};
}

}  // namespace carecoop::examples
