// The vocabulary that referrals and homes share: needs a home can meet, risks
// it can manage, and adult:child support ratios. Names follow the
// placements data standard (shared by councils and regional hubs).
#ifndef CARECOOP_DOMAIN_NEEDS_H_
#define CARECOOP_DOMAIN_NEEDS_H_

#include <array>
#include <cstdint>

#include "core/enum_names.h"

namespace carecoop {

// A need stated in a referral that a home must be able to meet.
enum class Need : std::uint8_t {
  kBsl,                    // specificCommunicationRequirements: BSL
  kMakaton,                // ... Makaton
  kEsol,                   // ... ESOL
  kOtherCommunication,     // ... Other
  kHomeAdaptation,         // homeAdaptation
  kCulturalNeeds,          // culturalNeeds: Required
  kAdditionalSupervision,  // additionalSupport: additional supervision (1:1)
  kTherapeuticSupport,     // additionalSupport: therapeutic support
  kRespiteWorker,          // additionalSupport: a worker for respite
  kTaxisToSchool,          // additionalSupport: taxis to school
  kOtherSupport,           // additionalSupport: other
};
using NeedSet = EnumSet<Need>;

template <>
struct EnumInfo<Need> {
  static constexpr std::array<EnumEntry<Need>, 11> kEntries = {{
      {Need::kBsl, "bsl", "BSL"},
      {Need::kMakaton, "makaton", "Makaton"},
      {Need::kEsol, "esol", "ESOL"},
      {Need::kOtherCommunication, "other_communication", "Other communication requirement"},
      {Need::kHomeAdaptation, "home_adaptation", "Adaptation to the home"},
      {Need::kCulturalNeeds, "cultural_needs", "Cultural needs"},
      {Need::kAdditionalSupervision, "additional_supervision", "additional supervision"},
      {Need::kTherapeuticSupport, "therapeutic_support", "therapeutic support"},
      {Need::kRespiteWorker, "respite_worker", "a worker for respite"},
      {Need::kTaxisToSchool, "taxis_to_school", "taxis to school"},
      {Need::kOtherSupport, "other_support", "other (please specify)"},
  }};
};

// A risk (to the child, or to others or property) from the standard's Risks group.
enum class Risk : std::uint8_t {
  kSelfHarm,              // riskSelfHarm
  kSexualExploitation,    // riskSexualExploitation
  kCriminalExploitation,  // riskCriminalExploitation
  kDrugAlcohol,           // riskDrugAlcohol
  kEatingDisorder,        // riskEatingDisorder
  kMissing,               // riskMissing
  kOtherToChild,          // riskOther (free text)
  kToOthersPhysical,      // riskToOthersPhysical
  kToOthersSexual,        // riskToOthersSexual
  kToOthersFire,          // riskToOthersFire
  kToOthersAnimals,       // riskToOthersAnimals
  kToOthersCriminal,      // riskToOthersCriminal
  kToOthersOther,         // riskToOthersOther (free text)
};
using RiskSet = EnumSet<Risk>;

template <>
struct EnumInfo<Risk> {
  static constexpr std::array<EnumEntry<Risk>, 13> kEntries = {{
      {Risk::kSelfHarm, "self_harm", "Self-harm"},
      {Risk::kSexualExploitation, "sexual_exploitation", "Sexual exploitation"},
      {Risk::kCriminalExploitation, "criminal_exploitation", "Criminal exploitation"},
      {Risk::kDrugAlcohol, "drug_alcohol", "Drug and alcohol use"},
      {Risk::kEatingDisorder, "eating_disorder", "Eating disorder"},
      {Risk::kMissing, "missing", "Going missing"},
      {Risk::kOtherToChild, "other_to_child", "Other risk to the child"},
      {Risk::kToOthersPhysical, "to_others_physical", "Physical harm to others"},
      {Risk::kToOthersSexual, "to_others_sexual", "Sexual harm to others"},
      {Risk::kToOthersFire, "to_others_fire", "Fire-setting"},
      {Risk::kToOthersAnimals, "to_others_animals", "Harm to animals"},
      {Risk::kToOthersCriminal, "to_others_criminal", "Criminal exploitation of others"},
      {Risk::kToOthersOther, "to_others_other", "Other risk to others or property"},
  }};
};

// Adult:child support ratio (minimumAdultSupportRatio). Ordered: a home that
// can staff kTwoToOne can also staff kOneToOne and kStandard.
enum class SupportRatio : std::uint8_t {
  kStandard,
  kOneToOne,
  kTwoToOne,
  kMoreThanTwoToOne,
  kNotSpecified,   // referral only
  kNotApplicable,  // referral only
};

template <>
struct EnumInfo<SupportRatio> {
  static constexpr std::array<EnumEntry<SupportRatio>, 6> kEntries = {{
      {SupportRatio::kStandard, "standard", "Standard ratio"},
      {SupportRatio::kOneToOne, "one_to_one", "1:1"},
      {SupportRatio::kTwoToOne, "two_to_one", "2:1"},
      {SupportRatio::kMoreThanTwoToOne, "more_than_two_to_one", ">2:1"},
      {SupportRatio::kNotSpecified, "not_specified", "Not specified"},
      {SupportRatio::kNotApplicable, "not_applicable", "Not applicable"},
  }};
};

// True when a home staffing up to `can_staff` meets a referral asking for `needed`.
constexpr bool RatioMet(SupportRatio can_staff, SupportRatio needed) {
  if (needed == SupportRatio::kNotSpecified || needed == SupportRatio::kNotApplicable) return true;
  return static_cast<int>(can_staff) >= static_cast<int>(needed);
}

// How much extra care a child needs: the band a contract prices (FeeBand).
enum class NeedBand : std::uint8_t { kStandard, kEnhanced, kComplex, kSpecialist };

template <>
struct EnumInfo<NeedBand> {
  static constexpr std::array<EnumEntry<NeedBand>, 4> kEntries = {{
      {NeedBand::kStandard, "standard", "Standard"},
      {NeedBand::kEnhanced, "enhanced", "Enhanced"},
      {NeedBand::kComplex, "complex", "Complex"},
      {NeedBand::kSpecialist, "specialist", "Specialist (2:1 or more)"},
  }};
};

}  // namespace carecoop

#endif  // CARECOOP_DOMAIN_NEEDS_H_
