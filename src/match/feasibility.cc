#include "match/feasibility.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <numbers>

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
  if (r.parent_and_child && !s.parent_and_child[h]) return {Constraint::kParentAndChild};
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

namespace {

constexpr std::uint32_t Bit(Constraint c) { return 1u << static_cast<unsigned>(c); }

// Chord length between two unit vectors `km` apart on the sphere.
double ChordOf(double km) {
  return 2 * std::sin(std::min(km / kEarthRadiusKm, std::numbers::pi) / 2);
}

double Chord2(const UnitVector& a, const UnitVector& b) {
  double dx = a.x - b.x, dy = a.y - b.y, dz = a.z - b.z;
  return dx * dx + dy * dy + dz * dz;
}

}  // namespace

void FeasibleHomes(const ReferralNeeds& r, const Snapshot& s, const MatchPolicy& policy,
                   std::vector<std::int32_t>& feasible, ExclusionCounts* excluded) {
  feasible.clear();
  const std::size_t n = s.size();
  if (!s.indexed() || r.age < 0 || r.age > 31 || r.places > 9 ||
      ((r.needs | r.risks) >> 16) != 0) {  // home by home
    for (std::size_t h = 0; h < n; ++h) {
      Verdict v = CheckHome(r, s, h, policy);
      if (v.feasible())
        feasible.push_back(static_cast<std::int32_t>(h));
      else if (excluded)
        excluded->Add(v);
    }
    return;
  }
  using namespace home_flag;  // NOLINT
  // Pass 1: every constraint that needs no date or distance, as "this bit
  // of the home's flags is (not) set" tests, branch-free.
  std::uint32_t unsuitable = 0, secure = 0, no_liberty = 0;
  for (unsigned st = 0; st < 4; ++st) {
    auto setting = static_cast<Setting>(st);
    if (SuitabilityFor(r, setting) == Suitability::kUnsuitable) unsuitable |= kSetting << st;
    if (setting == Setting::kSecureChildrensHome && !r.deprivation_of_liberty)
      secure |= kSetting << st;
    if (r.deprivation_of_liberty && setting != Setting::kChildrensHome &&
        setting != Setting::kSecureChildrensHome)
      no_liberty |= kSetting << st;
  }
  const std::uint32_t age_bit = 1u << r.age;
  const std::uint32_t needs = r.needs, risks = r.risks;
  const bool ratio_matters =
      r.ratio != SupportRatio::kNotSpecified && r.ratio != SupportRatio::kNotApplicable;
  // A bit that must be set: the staffing level needed (level 0 is always set).
  const std::uint32_t staff_bit = kStaffs << (ratio_matters ? static_cast<unsigned>(r.ratio) : 0u);
  // Living companions: an occupied home fails a solo child, and any child in
  // a solo-only home; "only younger/older" compares ages in pass 2.
  const std::uint32_t alone_mask = r.companions == LivingCompanions::kSolo ? kOccupied : 0;
  const bool by_age = r.companions == LivingCompanions::kOnlyYounger ||
                      r.companions == LivingCompanions::kOnlyOlder;
  // Pets: (flags ^ x) & m is non-zero when it fails.
  const std::uint32_t pets_mask = r.pets == Pets::kMust || r.pets == Pets::kNo ? kPets : 0;
  const std::uint32_t pets_xor = r.pets == Pets::kMust ? kPets : 0;
  // Siblings: fails on a solo-only home or one that takes fewer.
  const std::uint32_t sibling_bit = r.places > 1 ? kSiblings << (r.places - 2) : 0;
  const std::uint32_t sibling_mask = r.places > 1 ? kSoloOnly | sibling_bit : 0;
  // Parent and child: fails when the bit is asked for and not set.
  const std::uint32_t parent_bit = r.parent_and_child ? kParentAndChild : 0;
  const std::uint32_t* flags = s.flags.data();
  const std::uint32_t* ages = s.age_bits.data();
  // Needs (low half) and risks (high half) in one word each side.
  const std::uint32_t required = needs | risks << 16;
  const std::uint32_t* capable = s.capabilities.data();
  const std::int32_t* first_free_day = s.first_free_day.data();
  // A single child's place in time is one compare here; a group's, in pass 2.
  const bool single = r.places == 1;
  const std::int32_t latest = r.latest_start_day;
  // Each home's first failing constraint as its bit (m & -m; 0: none yet).
  thread_local std::vector<std::uint16_t> first;
  first.resize(n);
  std::uint16_t* out = first.data();
  std::uint32_t seen = 0;  // every first failing constraint that occurs
  for (std::size_t h = 0; h < n; ++h) {
    const std::uint32_t f = flags[h];
    std::uint32_t m = 0;
    m |= static_cast<std::uint32_t>((f & unsuitable) != 0) << 1;
    m |= static_cast<std::uint32_t>((f & secure) != 0) << 2;
    m |= static_cast<std::uint32_t>((ages[h] & age_bit) == 0) << 3;
    const std::uint32_t lacking = required & ~capable[h];
    m |= static_cast<std::uint32_t>((lacking & 0xffffu) != 0) << 4;
    m |= static_cast<std::uint32_t>((lacking >> 16) != 0) << 5;
    m |= static_cast<std::uint32_t>((f & staff_bit) == 0) << 6;
    m |= static_cast<std::uint32_t>((f & no_liberty) != 0) << 7;
    m |= static_cast<std::uint32_t>(((f & kOccupied) != 0) & ((f & (kSoloOnly | alone_mask)) != 0))
         << 8;
    m |= static_cast<std::uint32_t>(((f ^ pets_xor) & pets_mask) != 0) << 9;
    m |= static_cast<std::uint32_t>(((f ^ sibling_bit) & sibling_mask) != 0) << 10;
    m |= static_cast<std::uint32_t>((f & parent_bit) != parent_bit) << 11;
    m |= static_cast<std::uint32_t>(single & (first_free_day[h] > latest)) << 12;
    m &= 0u - m;
    seen |= m;
    out[h] = static_cast<std::uint16_t>(m);
  }
  static_assert(
      static_cast<int>(Constraint::kSettingUnsuitable) == 1 &&
      static_cast<int>(Constraint::kSecureWithoutOrder) == 2 &&
      static_cast<int>(Constraint::kAge) == 3 && static_cast<int>(Constraint::kNeeds) == 4 &&
      static_cast<int>(Constraint::kRisks) == 5 &&
      static_cast<int>(Constraint::kSupportRatio) == 6 &&
      static_cast<int>(Constraint::kDeprivationOfLiberty) == 7 &&
      static_cast<int>(Constraint::kLivingCompanions) == 8 &&
      static_cast<int>(Constraint::kPets) == 9 && static_cast<int>(Constraint::kSiblings) == 10 &&
      static_cast<int>(Constraint::kParentAndChild) == 11 &&
      static_cast<int>(Constraint::kNoPlaceInTime) == 12);
  // Pass 2: companions by age, dates and distances, only where every
  // earlier constraint holds.
  const double avoid_chord2 = std::pow(ChordOf(policy.avoid_distance_km), 2);
  const double school_chord2 = std::pow(ChordOf(policy.school_travel_km), 2);
  const bool school = r.must_continue_school && r.school.has_value();
  const bool only_younger = r.companions == LivingCompanions::kOnlyYounger;
  constexpr std::uint32_t kBeforeCompanions = (1u << 8) - 1;
  for (std::size_t h = 0; h < n; ++h) {
    // Most homes already failed: skip four at a time while none of the four
    // is zero (no lane holds bit 15, so this zero test is exact) unless
    // companions' ages are still to check.
    if (!by_age) {
      while (h + 4 <= n) {
        std::uint64_t four;
        std::memcpy(&four, out + h, sizeof four);
        if ((four - 0x0001000100010001ull) & ~four & 0x8000800080008000ull) break;
        h += 4;
      }
      if (h >= n) break;
    }
    std::uint32_t m = out[h];
    if (by_age && (m & kBeforeCompanions) == 0 && s.residents[h] > 0 &&
        (only_younger ? s.oldest_resident[h] >= r.age : s.youngest_resident[h] <= r.age)) {
      out[h] = static_cast<std::uint16_t>(m = 1u << 8);
      seen |= m;
    }
    if (m != 0) continue;
    std::int32_t begin = s.free_begin[h];
    if (!single && (s.free_begin[h + 1] - begin < r.places ||
                    s.free_from[static_cast<std::size_t>(begin + r.places - 1)] > latest)) {
      out[h] = Bit(Constraint::kNoPlaceInTime);
      seen |= out[h];
      continue;
    }
    for (const UnitVector& a : r.avoid)
      if (Chord2(a, s.point[h]) < avoid_chord2) {
        m = Bit(Constraint::kNearPlaceToAvoid);
        break;
      }
    if (m == 0 && school && Chord2(*r.school, s.point[h]) > school_chord2)
      m = Bit(Constraint::kTooFarFromSchool);
    if (m == 0) {
      feasible.push_back(static_cast<std::int32_t>(h));
    } else {
      out[h] = static_cast<std::uint16_t>(m);
      seen |= m;
    }
  }
  if (!excluded) return;
  // Pass 3: the counts. For needs and risks, which one was the first unmet:
  // a branch-free sum over the homes for each one the referral states (the
  // last one by difference).
  const auto count = [&](auto&& fails) {
    int k = 0;
    for (std::size_t h = 0; h < n; ++h) k += fails(h) ? 1 : 0;
    return k;
  };
  // The count of each first failing constraint: a histogram of the bits'
  // positions, four interleaved so that increments do not wait on each other.
  std::array<std::array<int, 16>, 4> histogram{};
  {
    std::size_t h = 0;
    for (; h + 4 <= n; h += 4)
      for (std::size_t lane = 0; lane < 4; ++lane)
        ++histogram[lane][static_cast<std::size_t>(
            std::countr_zero(static_cast<std::uint32_t>(out[h + lane]) | 0x8000u))];
    for (; h < n; ++h)
      ++histogram[0][static_cast<std::size_t>(
          std::countr_zero(static_cast<std::uint32_t>(out[h]) | 0x8000u))];
  }
  for (int c = 1; c < kConstraintCount; ++c) {
    const std::uint32_t bit = 1u << c;
    if (!(seen & bit)) continue;
    int k = 0;
    for (const auto& lane : histogram) k += lane[static_cast<std::size_t>(c)];
    if (k == 0) continue;
    excluded->total += k;
    excluded->by_constraint[static_cast<std::size_t>(c)] += k;
    if (c != static_cast<int>(Constraint::kNeeds) && c != static_cast<int>(Constraint::kRisks))
      continue;
    const bool need = c == static_cast<int>(Constraint::kNeeds);
    const std::uint32_t wanted = need ? needs : risks;
    const unsigned shift = need ? 0 : 16;
    auto& by_detail = need ? excluded->by_need : excluded->by_risk;
    int left = k;
    for (std::uint32_t rest = wanted; rest != 0; rest &= rest - 1) {
      const std::uint32_t d = rest & (0u - rest);
      int kd = left;
      if (rest & (rest - 1))  // not the last one
        kd = count([&](std::size_t h) {
          std::uint32_t unmet = wanted & ~(capable[h] >> shift);
          return (out[h] == bit) & ((unmet & (0u - unmet)) == d);
        });
      by_detail[static_cast<std::size_t>(std::countr_zero(d))] += kd;
      left -= kd;
    }
  }
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
    case Constraint::kParentAndChild:
      return "not approved for a parent and child";
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
