// Referral: a council's request to find a home for a child (or a sibling
// group), written by the child's social worker with those who know the child
// best. It carries every field of the placements data standard v2 under the
// standard's own names (docs/formats/referral.md maps them), plus the
// matching fields that v2 dropped and the South West regional version had,
// and the child's own views.
#ifndef CARECOOP_DOMAIN_REFERRAL_H_
#define CARECOOP_DOMAIN_REFERRAL_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/enum_names.h"
#include "core/geo.h"
#include "core/money.h"
#include "core/status.h"
#include "domain/ids.h"
#include "domain/needs.h"

namespace carecoop {

// neededBy
enum class NeededBy : std::uint8_t { kToday, kWithin5Days, kAfter5Days };
template <>
struct EnumInfo<NeededBy> {
  static constexpr std::array<EnumEntry<NeededBy>, 3> kEntries = {{
      {NeededBy::kToday, "today", "Today"},
      {NeededBy::kWithin5Days, "within_5_days", "in less than 5 days"},
      {NeededBy::kAfter5Days, "after_5_days", "in more than 5 days"},
  }};
};

// communicationNeeds
enum class YesNoNotSpecified : std::uint8_t { kYes, kNo, kNotSpecified };
template <>
struct EnumInfo<YesNoNotSpecified> {
  static constexpr std::array<EnumEntry<YesNoNotSpecified>, 3> kEntries = {{
      {YesNoNotSpecified::kYes, "yes", "Y"},
      {YesNoNotSpecified::kNo, "no", "N"},
      {YesNoNotSpecified::kNotSpecified, "not_specified", "Not Specified"},
  }};
};

// specificCommunicationRequirements (1..*)
enum class CommunicationRequirement : std::uint8_t { kEsol, kBsl, kMakaton, kOther, kNone };
using CommunicationRequirements = EnumSet<CommunicationRequirement>;
template <>
struct EnumInfo<CommunicationRequirement> {
  static constexpr std::array<EnumEntry<CommunicationRequirement>, 5> kEntries = {{
      {CommunicationRequirement::kEsol, "esol", "ESOL"},
      {CommunicationRequirement::kBsl, "bsl", "BSL"},
      {CommunicationRequirement::kMakaton, "makaton", "Makaton"},
      {CommunicationRequirement::kOther, "other", "Other"},
      {CommunicationRequirement::kNone, "none", "None"},
  }};
};

// culturalNeeds
enum class CulturalNeeds : std::uint8_t { kRequired, kNotRequired, kNotKnown, kOther };
template <>
struct EnumInfo<CulturalNeeds> {
  static constexpr std::array<EnumEntry<CulturalNeeds>, 4> kEntries = {{
      {CulturalNeeds::kRequired, "required", "Required"},
      {CulturalNeeds::kNotRequired, "not_required", "Not required"},
      {CulturalNeeds::kNotKnown, "not_known", "Not Known"},
      {CulturalNeeds::kOther, "other", "Other"},
  }};
};

// livingCompanions
enum class LivingCompanions : std::uint8_t {
  kSolo,
  kWithOtherChildren,
  kOnlyOlder,
  kOnlyYounger,
  kNoPreference,
};
template <>
struct EnumInfo<LivingCompanions> {
  static constexpr std::array<EnumEntry<LivingCompanions>, 5> kEntries = {{
      {LivingCompanions::kSolo, "solo", "Solo placement recommended"},
      {LivingCompanions::kWithOtherChildren, "with_other_children",
       "With other children recommended"},
      {LivingCompanions::kOnlyOlder, "only_older", "Only with other older children"},
      {LivingCompanions::kOnlyYounger, "only_younger", "Only with other younger children"},
      {LivingCompanions::kNoPreference, "no_preference", "No preference"},
  }};
};

// pets
enum class Pets : std::uint8_t { kMust, kCan, kNo, kNotKnown };
template <>
struct EnumInfo<Pets> {
  static constexpr std::array<EnumEntry<Pets>, 4> kEntries = {{
      {Pets::kMust, "must", "Yes - must"},
      {Pets::kCan, "can", "Yes - can"},
      {Pets::kNo, "no", "No"},
      {Pets::kNotKnown, "not_known", "Not Known"},
  }};
};

// What the child wishes for in a home, chosen by the child with their social
// worker from this list (beside their own items and their own words). Each is
// weighed in the ranking (docs/matching.md, "The child's wishes").
enum class ChildWish : std::uint8_t {
  kNearFamily,
  kSameSchool,
  kWithSiblings,
  kFosterFamily,
  kPets,
  kQuietHome,
};
using ChildWishSet = EnumSet<ChildWish>;
template <>
struct EnumInfo<ChildWish> {
  static constexpr std::array<EnumEntry<ChildWish>, 6> kEntries = {{
      {ChildWish::kNearFamily, "near_family", "Near my family"},
      {ChildWish::kSameSchool, "same_school", "Stay at my school"},
      {ChildWish::kWithSiblings, "with_siblings", "Live with my brothers or sisters"},
      {ChildWish::kFosterFamily, "foster_family", "A foster family, not a children's home"},
      {ChildWish::kPets, "pets", "A home with pets"},
      {ChildWish::kQuietHome, "quiet_home", "A quiet home"},
  }};
};
inline constexpr int kMaxOwnWishes = 5;
inline constexpr std::size_t kMaxOwnWishLength = 200;

// additionalSupport (0..1)
enum class AdditionalSupport : std::uint8_t {
  kAdditionalSupervision,
  kTherapeuticSupport,
  kRespiteWorker,
  kTaxisToSchool,
  kNotApplicable,
  kOther,
};
template <>
struct EnumInfo<AdditionalSupport> {
  static constexpr std::array<EnumEntry<AdditionalSupport>, 6> kEntries = {{
      {AdditionalSupport::kAdditionalSupervision, "additional_supervision",
       "additional supervision"},
      {AdditionalSupport::kTherapeuticSupport, "therapeutic_support", "therapeutic support"},
      {AdditionalSupport::kRespiteWorker, "respite_worker", "a worker for respite"},
      {AdditionalSupport::kTaxisToSchool, "taxis_to_school", "taxis to school"},
      {AdditionalSupport::kNotApplicable, "not_applicable", "NA"},
      {AdditionalSupport::kOther, "other", "other (please specify)"},
  }};
};

// fosterCareSuitability, residentialCareSuitability, supportedAccommodationSuitability
enum class Suitability : std::uint8_t { kPreferred, kSuitable, kUnsuitable, kNotSpecified };
template <>
struct EnumInfo<Suitability> {
  static constexpr std::array<EnumEntry<Suitability>, 4> kEntries = {{
      {Suitability::kPreferred, "preferred", "Preferred"},
      {Suitability::kSuitable, "suitable", "Suitable but not preferred"},
      {Suitability::kUnsuitable, "unsuitable", "Unsuitable"},
      {Suitability::kNotSpecified, "not_specified", "Not specified"},
  }};
};

// ActualPlacement.placementType
enum class AgreedPlacementType : std::uint8_t { kResidential, kFoster, kSupportedAccommodation };
template <>
struct EnumInfo<AgreedPlacementType> {
  static constexpr std::array<EnumEntry<AgreedPlacementType>, 3> kEntries = {{
      {AgreedPlacementType::kResidential, "residential", "Residential"},
      {AgreedPlacementType::kFoster, "foster", "Foster"},
      {AgreedPlacementType::kSupportedAccommodation, "supported_accommodation",
       "Supported Accommodation"},
  }};
};

// plannedOrEmergency (v1)
enum class SearchKind : std::uint8_t { kPlanned, kEmergency };
template <>
struct EnumInfo<SearchKind> {
  static constexpr std::array<EnumEntry<SearchKind>, 2> kEntries = {{
      {SearchKind::kPlanned, "planned", "Planned"},
      {SearchKind::kEmergency, "emergency", "Emergency"},
  }};
};

// inSchool (v1)
enum class InSchool : std::uint8_t { kYes, kNo, kNotApplicable };
template <>
struct EnumInfo<InSchool> {
  static constexpr std::array<EnumEntry<InSchool>, 3> kEntries = {{
      {InSchool::kYes, "yes", "Y"},
      {InSchool::kNo, "no", "N"},
      {InSchool::kNotApplicable, "not_applicable", "NA"},
  }};
};

// otherLocationVisitFrequency (v1)
enum class VisitFrequency : std::uint8_t {
  kDaily,
  kFewTimesAWeek,
  kWeekly,
  kEveryTwoWeeks,
  kMonthly,
  kOther,
};
template <>
struct EnumInfo<VisitFrequency> {
  static constexpr std::array<EnumEntry<VisitFrequency>, 6> kEntries = {{
      {VisitFrequency::kDaily, "daily", "daily"},
      {VisitFrequency::kFewTimesAWeek, "few_times_a_week", "few times a week"},
      {VisitFrequency::kWeekly, "weekly", "weekly"},
      {VisitFrequency::kEveryTwoWeeks, "every_two_weeks", "every two weeks"},
      {VisitFrequency::kMonthly, "monthly", "monthly"},
      {VisitFrequency::kOther, "other", "other"},
  }};
};

// Where a referral is in the workflow.
enum class ReferralStatus : std::uint8_t {
  kDraft,            // being written by the social worker
  kOpen,             // submitted to the hub
  kSentToProviders,  // sent to every provider with an eligible home
  kProposed,         // an offer proposed, awaiting scrutiny
  kApproved,         // scrutiny approved; booking follows
  kPlaced,           // placement booked
  kWithdrawn,        // no longer needed
};
template <>
struct EnumInfo<ReferralStatus> {
  static constexpr std::array<EnumEntry<ReferralStatus>, 7> kEntries = {{
      {ReferralStatus::kDraft, "draft", "Draft"},
      {ReferralStatus::kOpen, "open", "Open"},
      {ReferralStatus::kSentToProviders, "sent_to_providers", "Sent to providers"},
      {ReferralStatus::kProposed, "proposed", "Proposed"},
      {ReferralStatus::kApproved, "approved", "Approved"},
      {ReferralStatus::kPlaced, "placed", "Placed"},
      {ReferralStatus::kWithdrawn, "withdrawn", "Withdrawn"},
  }};
};

// A place the referral names: its postcode district or sector ("GL7",
// "GL7 1"; never a full postcode, which can name a house), and the point
// used for distances.
struct NamedLocation {
  std::string label;
  LatLon point;
  friend bool operator==(const NamedLocation&, const NamedLocation&) = default;
};

// ActualPlacement: filled in when a placement is agreed (IPA).
struct ActualPlacement {
  Pence total_weekly_cost;              // totalWeeklyCost
  std::string placement_location;       // placementLocation (postcode district)
  bool preferability_location = false;  // preferabilityLocation
  bool education_continuity = false;    // educationContinuity
  std::string provider_urn;             // providerURN
  int siblings_placed_together = 0;     // siblingsPlacedTogether
  AgreedPlacementType placement_type = AgreedPlacementType::kFoster;  // placementType
  friend bool operator==(const ActualPlacement&, const ActualPlacement&) = default;
};

inline constexpr int kMaxSiblingCount = 8;

struct Referral {
  ReferralId id;
  std::int64_t version = 0;
  ChildId child;      // childId
  CouncilId council;  // the child's responsible council (scopes every read)
  ReferralStatus status = ReferralStatus::kDraft;
  Timestamp created_at{};

  // PlacementAvailability
  NeededBy needed_by = NeededBy::kAfter5Days;  // neededBy
  int sibling_count = 0;                       // siblingCount: siblings to place with
  // CareCoop's extension to the standard (docs/formats/referral.md): the
  // child is a parent to be placed with their baby, in a home approved for it.
  bool parent_and_child = false;   // parentAndChild
  std::string preferred_location;  // preferredLocation
  // PlacementRequirements
  YesNoNotSpecified communication_needs = YesNoNotSpecified::kNotSpecified;  // communicationNeeds
  CommunicationRequirements specific_communication_requirements{CommunicationRequirement::kNone};
  bool home_adaptation = false;                                          // homeAdaptation
  CulturalNeeds cultural_needs = CulturalNeeds::kNotKnown;               // culturalNeeds
  LivingCompanions living_companions = LivingCompanions::kNoPreference;  // livingCompanions
  Pets pets = Pets::kNotKnown;                                           // pets
  std::optional<AdditionalSupport> additional_support;                   // additionalSupport
  std::optional<bool> deprivation_of_liberty;                            // deprivationOfLiberty
  // PlacementRecommendation
  Suitability foster_care_suitability = Suitability::kNotSpecified;
  Suitability residential_care_suitability = Suitability::kNotSpecified;
  Suitability supported_accommodation_suitability = Suitability::kNotSpecified;
  // Risks: each risk* field that is "Risk Present"; the two free-text
  // fields (riskOther, riskToOthersOther) set kOtherToChild/kToOthersOther.
  RiskSet risks;
  std::string risk_other;            // riskOther
  std::string risk_to_others_other;  // riskToOthersOther
  // ActualPlacement (when agreed)
  std::optional<ActualPlacement> actual_placement;
  // QualityAssurance
  std::string referral_officer_name;   // referralOfficerName
  Date referral_date;                  // referralDate
  std::string placement_officer_name;  // placementOfficerName
  std::optional<Date> placement_date;  // placementDate
  std::string cost_officer_name;       // costOfficerName
  std::optional<Date> cost_date;       // costDate

  // Matching fields (v1 / South West regional version)
  SearchKind planned_or_emergency = SearchKind::kPlanned;        // plannedOrEmergency
  Date latest_start_date;                                        // latestStartDate
  std::optional<NamedLocation> primary_family_location;          // primaryFamilyLocation
  bool close_to_family_recommended = false;                      // closeToFamilyRecommended
  InSchool in_school = InSchool::kNotApplicable;                 // inSchool
  std::optional<NamedLocation> school_location;                  // schoolLocation
  bool must_continue_school = false;                             // mustContinueSchool
  std::vector<NamedLocation> other_important_locations;          // otherImportantLocations
  std::optional<VisitFrequency> other_location_visit_frequency;  // otherLocationVisitFrequency
  YesNoNotSpecified locations_to_avoid_known =
      YesNoNotSpecified::kNotSpecified;           // locationsToAvoid
  std::vector<NamedLocation> locations_to_avoid;  // locationsToAvoid (which)
  SupportRatio minimum_adult_support_ratio =
      SupportRatio::kNotSpecified;  // minimumAdultSupportRatio
  std::string child_views;          // what matters to the child about a home, in their words
  ChildWishSet child_wishes;        // the wishes the child chose from the list (weighed)
  std::vector<std::string> child_own_wishes;  // wishes in the child's own terms (shown, not scored)
  // What providers read about the child in place of the free text above,
  // written for them and checked for personal identifiers before the
  // referral is sent (core/identifiers.h; docs/api.md, "What providers see").
  std::string provider_summary;   // providerSummary
  std::string withdrawal_reason;  // why the referral was withdrawn (status withdrawn)

  // Places the referral needs in one home: the child and the siblings placed with them.
  int places_needed() const { return 1 + sibling_count; }
  // The needs a home must meet, gathered from the requirement fields.
  NeedSet needs() const;
  // The band a contract prices: from the adult:child ratio and the
  // additional support the child needs.
  NeedBand need_band() const;

  friend bool operator==(const Referral&, const Referral&) = default;
};

// Checks every field and the rules between them (for example: a school
// location when the child must continue at the school).
Status Validate(const Referral& referral);

}  // namespace carecoop

#endif  // CARECOOP_DOMAIN_REFERRAL_H_
