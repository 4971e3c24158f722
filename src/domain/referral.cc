#include "domain/referral.h"

#include "domain/validate.h"

namespace carecoop {
namespace {

Status ValidateLocation(const NamedLocation& loc, const std::string& field) {
  CC_RETURN_IF_ERROR(validate::NonEmpty(field + ".label", loc.label, 40));
  if (!validate::IsPostcodeDistrictOrSector(loc.label))
    return InvalidArgument(field + ".label",
                           "must be a postcode district or sector, like M6 or M6 5 (never a full "
                           "postcode or an address)");
  return ValidateInEngland(loc.point, field);
}

Status ValidateLocations(const std::vector<NamedLocation>& list, const std::string& field) {
  if (list.size() > 20) return InvalidArgument(field, "must list at most 20 places");
  for (std::size_t i = 0; i < list.size(); ++i)
    CC_RETURN_IF_ERROR(ValidateLocation(list[i], field + "[" + std::to_string(i) + "]"));
  return Status::Ok();
}

Status ValidateActualPlacement(const ActualPlacement& a) {
  CC_RETURN_IF_ERROR(validate::NonNegative("actualPlacement.totalWeeklyCost", a.total_weekly_cost));
  CC_RETURN_IF_ERROR(
      validate::NonEmpty("actualPlacement.placementLocation", a.placement_location, 10));
  CC_RETURN_IF_ERROR(validate::NonEmpty("actualPlacement.providerURN", a.provider_urn, 12));
  CC_RETURN_IF_ERROR(validate::Range("actualPlacement.siblingsPlacedTogether",
                                     a.siblings_placed_together, 0, kMaxSiblingCount));
  return validate::Known("actualPlacement.placementType", a.placement_type);
}

}  // namespace

NeedSet Referral::needs() const {
  NeedSet needs;
  const auto& comm = specific_communication_requirements;
  if (comm.Has(CommunicationRequirement::kBsl)) needs.Add(Need::kBsl);
  if (comm.Has(CommunicationRequirement::kMakaton)) needs.Add(Need::kMakaton);
  if (comm.Has(CommunicationRequirement::kEsol)) needs.Add(Need::kEsol);
  if (comm.Has(CommunicationRequirement::kOther)) needs.Add(Need::kOtherCommunication);
  if (home_adaptation) needs.Add(Need::kHomeAdaptation);
  if (cultural_needs == CulturalNeeds::kRequired) needs.Add(Need::kCulturalNeeds);
  if (additional_support) {
    switch (*additional_support) {
      case AdditionalSupport::kAdditionalSupervision:
        needs.Add(Need::kAdditionalSupervision);
        break;
      case AdditionalSupport::kTherapeuticSupport:
        needs.Add(Need::kTherapeuticSupport);
        break;
      case AdditionalSupport::kRespiteWorker:
        needs.Add(Need::kRespiteWorker);
        break;
      case AdditionalSupport::kTaxisToSchool:
        needs.Add(Need::kTaxisToSchool);
        break;
      case AdditionalSupport::kOther:
        needs.Add(Need::kOtherSupport);
        break;
      case AdditionalSupport::kNotApplicable:
        break;
    }
  }
  return needs;
}

NeedBand Referral::need_band() const {
  switch (minimum_adult_support_ratio) {
    case SupportRatio::kTwoToOne:
    case SupportRatio::kMoreThanTwoToOne:
      return NeedBand::kSpecialist;
    case SupportRatio::kOneToOne:
      return NeedBand::kComplex;
    default:
      return additional_support == AdditionalSupport::kTherapeuticSupport ||
                     additional_support == AdditionalSupport::kAdditionalSupervision
                 ? NeedBand::kEnhanced
                 : NeedBand::kStandard;
  }
}

Status Validate(const Referral& r) {
  CC_RETURN_IF_ERROR(validate::Reference("childId", r.child));
  CC_RETURN_IF_ERROR(validate::Reference("councilId", r.council));
  CC_RETURN_IF_ERROR(validate::Known("status", r.status));
  // PlacementAvailability
  CC_RETURN_IF_ERROR(validate::Known("neededBy", r.needed_by));
  CC_RETURN_IF_ERROR(validate::Range("siblingCount", r.sibling_count, 0, kMaxSiblingCount));
  CC_RETURN_IF_ERROR(
      validate::MaxLength("preferredLocation", r.preferred_location, validate::kMaxShortText));
  // PlacementRequirements
  CC_RETURN_IF_ERROR(validate::Known("communicationNeeds", r.communication_needs));
  const auto& comm = r.specific_communication_requirements;
  if (comm.empty())
    return InvalidArgument("specificCommunicationRequirements",
                           "must list at least one value (None if none)");
  if (comm.Has(CommunicationRequirement::kNone) &&
      comm != CommunicationRequirements{CommunicationRequirement::kNone})
    return InvalidArgument("specificCommunicationRequirements",
                           "None cannot be combined with other values");
  if (r.communication_needs == YesNoNotSpecified::kYes && comm.Has(CommunicationRequirement::kNone))
    return InvalidArgument(
        "specificCommunicationRequirements",
        "communicationNeeds is Y, so name the requirement (ESOL, BSL, Makaton or Other)");
  CC_RETURN_IF_ERROR(validate::Known("culturalNeeds", r.cultural_needs));
  CC_RETURN_IF_ERROR(validate::Known("livingCompanions", r.living_companions));
  if (r.living_companions == LivingCompanions::kSolo && r.sibling_count > 0)
    return InvalidArgument("livingCompanions",
                           "a solo placement cannot also place siblings together");
  CC_RETURN_IF_ERROR(validate::Known("pets", r.pets));
  if (r.additional_support)
    CC_RETURN_IF_ERROR(validate::Known("additionalSupport", *r.additional_support));
  // PlacementRecommendation
  CC_RETURN_IF_ERROR(validate::Known("fosterCareSuitability", r.foster_care_suitability));
  CC_RETURN_IF_ERROR(validate::Known("residentialCareSuitability", r.residential_care_suitability));
  CC_RETURN_IF_ERROR(
      validate::Known("supportedAccommodationSuitability", r.supported_accommodation_suitability));
  if (r.foster_care_suitability == Suitability::kUnsuitable &&
      r.residential_care_suitability == Suitability::kUnsuitable &&
      r.supported_accommodation_suitability == Suitability::kUnsuitable)
    return InvalidArgument("fosterCareSuitability",
                           "every setting is marked Unsuitable, so no home could be sought");
  // Risks
  CC_RETURN_IF_ERROR(validate::MaxLength("riskOther", r.risk_other, validate::kMaxShortText * 5));
  CC_RETURN_IF_ERROR(validate::MaxLength("riskToOthersOther", r.risk_to_others_other,
                                         validate::kMaxShortText * 5));
  if (r.risks.Has(Risk::kOtherToChild) != !r.risk_other.empty())
    return InvalidArgument("riskOther",
                           "describe the other risk to the child exactly when it is present");
  if (r.risks.Has(Risk::kToOthersOther) != !r.risk_to_others_other.empty())
    return InvalidArgument("riskToOthersOther",
                           "describe the other risk to others exactly when it is present");
  if ((r.risks.mask() >> EnumInfo<Risk>::kEntries.size()) != 0)
    return InvalidArgument("risks", "contains an unknown risk");
  // ActualPlacement
  if (r.actual_placement) CC_RETURN_IF_ERROR(ValidateActualPlacement(*r.actual_placement));
  // QualityAssurance
  CC_RETURN_IF_ERROR(
      validate::MaxLength("referralOfficerName", r.referral_officer_name, validate::kMaxShortText));
  CC_RETURN_IF_ERROR(validate::MaxLength("placementOfficerName", r.placement_officer_name,
                                         validate::kMaxShortText));
  CC_RETURN_IF_ERROR(
      validate::MaxLength("costOfficerName", r.cost_officer_name, validate::kMaxShortText));
  if (r.referral_date.year() < 2000)
    return InvalidArgument("referralDate", "must be a date from 2000 on");
  if (r.placement_date && *r.placement_date < r.referral_date)
    return InvalidArgument("placementDate", "must not be before referralDate");
  // Matching fields
  CC_RETURN_IF_ERROR(validate::Known("plannedOrEmergency", r.planned_or_emergency));
  if (r.latest_start_date < r.referral_date)
    return InvalidArgument("latestStartDate", "must not be before referralDate");
  if (r.primary_family_location)
    CC_RETURN_IF_ERROR(ValidateLocation(*r.primary_family_location, "primaryFamilyLocation"));
  if (r.close_to_family_recommended && !r.primary_family_location)
    return InvalidArgument("primaryFamilyLocation",
                           "is required when closeToFamilyRecommended is Y");
  CC_RETURN_IF_ERROR(validate::Known("inSchool", r.in_school));
  if (r.school_location) CC_RETURN_IF_ERROR(ValidateLocation(*r.school_location, "schoolLocation"));
  if (r.must_continue_school && (r.in_school != InSchool::kYes || !r.school_location))
    return InvalidArgument("schoolLocation",
                           "is required, with inSchool Y, when mustContinueSchool is Y");
  CC_RETURN_IF_ERROR(ValidateLocations(r.other_important_locations, "otherImportantLocations"));
  if (r.other_location_visit_frequency)
    CC_RETURN_IF_ERROR(
        validate::Known("otherLocationVisitFrequency", *r.other_location_visit_frequency));
  CC_RETURN_IF_ERROR(validate::Known("locationsToAvoid", r.locations_to_avoid_known));
  CC_RETURN_IF_ERROR(ValidateLocations(r.locations_to_avoid, "locationsToAvoid"));
  if ((r.locations_to_avoid_known == YesNoNotSpecified::kYes) != !r.locations_to_avoid.empty())
    return InvalidArgument("locationsToAvoid",
                           "list the places to avoid exactly when the answer is Y");
  CC_RETURN_IF_ERROR(validate::Known("minimumAdultSupportRatio", r.minimum_adult_support_ratio));
  CC_RETURN_IF_ERROR(validate::MaxLength("childViews", r.child_views));
  if (r.child_own_wishes.size() > static_cast<std::size_t>(kMaxOwnWishes))
    return InvalidArgument("childOwnWishes",
                           "must list at most " + std::to_string(kMaxOwnWishes) + " wishes");
  for (std::size_t i = 0; i < r.child_own_wishes.size(); ++i)
    CC_RETURN_IF_ERROR(validate::NonEmpty("childOwnWishes[" + std::to_string(i) + "]",
                                          r.child_own_wishes[i], kMaxOwnWishLength));
  CC_RETURN_IF_ERROR(validate::MaxLength("withdrawalReason", r.withdrawal_reason));
  CC_RETURN_IF_ERROR(validate::MaxLength("providerSummary", r.provider_summary));
  return Status::Ok();
}

}  // namespace carecoop
