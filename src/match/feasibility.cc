#include "match/feasibility.h"

#include <algorithm>
#include <bit>

namespace carecoop::match {

Verdict CheckHome(const ReferralNeeds& r, const Snapshot& s, std::size_t h,
                  const MatchPolicy& policy) {
  Setting setting = s.setting[h];
  if (SuitabilityFor(r, setting) == Suitability::kUnsuitable)
    return {Constraint::kSettingUnsuitable};
  if (setting == Setting::kSecureChildrensHome && !r.deprivation_of_liberty)
    return {Constraint::kSecureWithoutOrder};
  if (r.age < s.min_age[h] || r.age > s.max_age[h]) return {Constraint::kAge};
  if (std::uint32_t unmet = r.needs & ~s.needs_met[h])
    return {Constraint::kNeeds, static_cast<std::int8_t>(std::countr_zero(unmet))};
  if (std::uint32_t unmanaged = r.risks & ~s.risks_managed[h])
    return {Constraint::kRisks, static_cast<std::int8_t>(std::countr_zero(unmanaged))};
  if (!RatioMet(s.max_support_ratio[h], r.ratio)) return {Constraint::kSupportRatio};
  if (r.deprivation_of_liberty && setting != Setting::kChildrensHome &&
      setting != Setting::kSecureChildrensHome)
    return {Constraint::kDeprivationOfLiberty};
  int residents = s.residents[h];
  if (s.solo_only[h] && residents > 0) return {Constraint::kLivingCompanions};
  switch (r.companions) {
    case LivingCompanions::kSolo:
      if (residents > 0) return {Constraint::kLivingCompanions};
      break;
    case LivingCompanions::kOnlyYounger:
      if (residents > 0 && s.oldest_resident[h] >= r.age) return {Constraint::kLivingCompanions};
      break;
    case LivingCompanions::kOnlyOlder:
      if (residents > 0 && s.youngest_resident[h] <= r.age) return {Constraint::kLivingCompanions};
      break;
    default:
      break;
  }
  if (r.pets == Pets::kMust && !s.has_pets[h]) return {Constraint::kPets};
  if (r.pets == Pets::kNo && s.has_pets[h]) return {Constraint::kPets};
  if (r.places > 1 && (s.solo_only[h] || s.max_siblings[h] < r.places - 1))
    return {Constraint::kSiblings};
  if (s.free_places(h) < r.places ||
      s.free_from[static_cast<std::size_t>(s.free_begin[h] + r.places - 1)] > r.latest_start_day)
    return {Constraint::kNoPlaceInTime};
  for (const UnitVector& a : r.avoid)
    if (DistanceKm(a, s.point[h]) < policy.avoid_distance_km)
      return {Constraint::kNearPlaceToAvoid};
  if (r.must_continue_school && DistanceKm(*r.school, s.point[h]) > policy.school_travel_km)
    return {Constraint::kTooFarFromSchool};
  return {};
}

void ExclusionCounts::Add(const Verdict& v) {
  if (v.feasible()) return;
  ++total;
  ++by_constraint[static_cast<std::size_t>(v.constraint)];
  if (v.detail >= 0 && v.detail < 32) {
    if (v.constraint == Constraint::kNeeds) ++by_need[static_cast<std::size_t>(v.detail)];
    if (v.constraint == Constraint::kRisks) ++by_risk[static_cast<std::size_t>(v.detail)];
  }
}

std::string Describe(Constraint c, std::int8_t detail) {
  switch (c) {
    case Constraint::kNone:
      return "meets every requirement";
    case Constraint::kSettingUnsuitable:
      return "setting marked unsuitable";
    case Constraint::kSecureWithoutOrder:
      return "secure home without a deprivation of liberty order";
    case Constraint::kAge:
      return "outside the home's age range";
    case Constraint::kNeeds:
      if (detail >= 0 && detail < static_cast<int>(EnumInfo<Need>::kEntries.size()))
        return "cannot meet need: " +
               std::string(EnumInfo<Need>::kEntries[static_cast<std::size_t>(detail)].label);
      return "cannot meet a stated need";
    case Constraint::kRisks:
      if (detail >= 0 && detail < static_cast<int>(EnumInfo<Risk>::kEntries.size())) {
        std::string label(EnumInfo<Risk>::kEntries[static_cast<std::size_t>(detail)].label);
        if (!label.empty())
          label[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(label[0])));
        return "cannot manage risk of " + label;
      }
      return "cannot manage a stated risk";
    case Constraint::kSupportRatio:
      return "cannot staff the adult:child ratio needed";
    case Constraint::kDeprivationOfLiberty:
      return "cannot lawfully deprive liberty";
    case Constraint::kLivingCompanions:
      return "living companions not as the child needs";
    case Constraint::kPets:
      return "pets not as the child needs";
    case Constraint::kSiblings:
      return "cannot take the siblings together";
    case Constraint::kNoPlaceInTime:
      return "no place free by the latest start date";
    case Constraint::kNearPlaceToAvoid:
      return "too near a place to avoid";
    case Constraint::kTooFarFromSchool:
      return "too far from the school the child must stay at";
  }
  return "excluded";
}

std::vector<std::string> ExclusionCounts::Sentences() const {
  std::vector<std::pair<int, std::string>> lines;
  for (int c = 1; c < kConstraintCount; ++c) {
    auto constraint = static_cast<Constraint>(c);
    if (constraint == Constraint::kNeeds || constraint == Constraint::kRisks) {
      const auto& detail = constraint == Constraint::kNeeds ? by_need : by_risk;
      for (std::size_t d = 0; d < detail.size(); ++d)
        if (detail[d] > 0)
          lines.push_back({detail[d], Describe(constraint, static_cast<std::int8_t>(d))});
      continue;
    }
    int n = by_constraint[static_cast<std::size_t>(c)];
    if (n > 0) lines.push_back({n, Describe(constraint)});
  }
  std::stable_sort(lines.begin(), lines.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<std::string> out;
  for (auto& [n, text] : lines) out.push_back(std::to_string(n) + " excluded: " + text);
  return out;
}

}  // namespace carecoop::match
