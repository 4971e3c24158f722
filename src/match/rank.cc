#include "match/rank.h"

#include <algorithm>
#include <bit>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <queue>

namespace carecoop::match {

std::string_view FactorName(Factor f) {
  static constexpr std::array<std::string_view, kFactorCount> kNames = {
      "distance_from_family", "distance_from_school", "outside_council",
      "outside_rcc",          "setting_preference",   "ofsted",
      "breakdowns",           "child_wishes",         "cost"};
  return kNames[static_cast<std::size_t>(f)];
}

namespace {

struct Points {
  std::array<double, kFactorCount> points{};
  double family_km = -1, school_km = -1;
  int unmet_wishes = 0;
  ChildWishSet unmet;
};

// The wishes the child chose that home `h` does not meet (docs/matching.md,
// "The child's wishes"): near family within near_family_km; the same school
// within school_travel_km; a home that takes a sibling group of the
// referral's size (at least two); a foster family; pets; a quiet home (fewer
// than two children living there). A distance that is not known does not
// count against the home.
ChildWishSet UnmetWishes(const ReferralNeeds& r, const Snapshot& s, std::size_t h, double family_km,
                         double school_km, const MatchPolicy& p) {
  ChildWishSet unmet;
  const ChildWishSet& w = r.wishes;
  if (w.empty()) return unmet;
  if (w.Has(ChildWish::kNearFamily) && family_km > p.near_family_km)
    unmet.Add(ChildWish::kNearFamily);
  if (w.Has(ChildWish::kSameSchool) && school_km > p.school_travel_km)
    unmet.Add(ChildWish::kSameSchool);
  if (w.Has(ChildWish::kWithSiblings) && s.max_siblings[h] < std::max(2, r.places))
    unmet.Add(ChildWish::kWithSiblings);
  if (w.Has(ChildWish::kFosterFamily) && s.setting[h] != Setting::kFosteringHousehold)
    unmet.Add(ChildWish::kFosterFamily);
  if (w.Has(ChildWish::kPets) && !s.has_pets[h]) unmet.Add(ChildWish::kPets);
  if (w.Has(ChildWish::kQuietHome) && s.residents[h] >= 2) unmet.Add(ChildWish::kQuietHome);
  return unmet;
}

Points Compute(const ReferralNeeds& r, const Snapshot& s, std::size_t h, const MatchPolicy& p) {
  Points out;
  auto& pts = out.points;
  if (r.family) {
    out.family_km = DistanceKm(*r.family, s.point[h]);
    pts[0] =
        out.family_km * p.per_km_from_family * (r.close_to_family ? p.close_to_family_factor : 1.0);
  }
  if (r.school) out.school_km = DistanceKm(*r.school, s.point[h]);
  if (r.stays_at_school) pts[1] = out.school_km * p.per_km_from_school;
  if (s.council[h] != r.council) pts[2] = p.outside_council;
  if (r.rcc == kNoRcc || s.rcc[h] != r.rcc) pts[3] = p.outside_rcc;
  switch (SuitabilityFor(r, s.setting[h])) {
    case Suitability::kSuitable:
      pts[4] = p.setting_suitable_not_preferred;
      break;
    case Suitability::kNotSpecified:
      pts[4] = p.setting_not_specified;
      break;
    default:
      break;
  }
  pts[5] = p.ofsted[static_cast<std::size_t>(s.ofsted[h])];
  pts[6] = static_cast<double>(s.breakdown_percent[h]) * p.per_breakdown_percent;
  out.unmet = UnmetWishes(r, s, h, out.family_km, out.school_km, p);
  out.unmet_wishes = std::popcount(out.unmet.mask());  // no allocation in the scan
  pts[7] = out.unmet_wishes * p.per_unmet_wish;
  pts[8] = static_cast<double>(s.weekly_fee[h][static_cast<std::size_t>(r.band)].value()) /
           10000.0 * p.per_100_pounds_weekly;
  return out;
}

std::int64_t ToCost(const std::array<double, kFactorCount>& points) {
  double sum = 0;
  for (double v : points) sum += v;
  return std::llround(sum * 100);
}

std::string Km(double km) {
  char buf[32];
  std::snprintf(buf, sizeof buf, km < 10 ? "%.1f km" : "%.0f km", km);
  return buf;
}

std::string Explain(const ReferralNeeds& r, const Snapshot& s, std::size_t h, const Points& pt,
                    const MatchPolicy& p) {
  std::vector<std::string> parts;
  if (pt.family_km >= 0) parts.push_back(Km(pt.family_km) + " from family");
  if (r.stays_at_school)
    parts.push_back(pt.school_km <= p.school_travel_km
                        ? "stays at current school (" + Km(pt.school_km) + ")"
                        : Km(pt.school_km) + " from current school");
  if (s.council[h] == r.council)
    parts.push_back("in own council");
  else if (r.rcc != kNoRcc && s.rcc[h] == r.rcc)
    parts.push_back("outside own council, inside own RCC");
  else
    parts.push_back("outside own RCC");
  std::string setting(EnumLabel(s.setting[h]));
  switch (SuitabilityFor(r, s.setting[h])) {
    case Suitability::kPreferred:
      setting += " (preferred)";
      break;
    case Suitability::kSuitable:
      setting += " (suitable, not preferred)";
      break;
    default:
      break;
  }
  parts.push_back(setting);
  if (r.places > 1) parts.push_back("keeps " + std::to_string(r.places) + " siblings together");
  if (r.parent_and_child) parts.push_back("approved for a parent and child");
  OfstedRating rating = s.ofsted[h];
  parts.push_back(rating == OfstedRating::kNotYetInspected ? "not yet inspected by Ofsted"
                  : rating == OfstedRating::kRequiresImprovement
                      ? "Ofsted: requires improvement"
                      : std::string(EnumLabel(rating)) + " Ofsted");
  if (s.breakdown_percent[h] >= 10) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "provider breakdowns %.0f%%",
                  static_cast<double>(s.breakdown_percent[h]));
    parts.push_back(buf);
  }
  if (!pt.unmet.empty()) {
    std::string w = "child's wish not met: ";
    auto unmet = pt.unmet.Values();
    for (std::size_t i = 0; i < unmet.size(); ++i) {
      std::string label(EnumLabel(unmet[i]));
      label[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(label[0])));
      w += (i ? ", " : "") + label;
    }
    parts.push_back(w);
  } else if (!r.wishes.empty()) {
    parts.push_back("meets the child's wishes");
  }
  Pence fee = s.weekly_fee[h][static_cast<std::size_t>(r.band)];
  std::string source;
  switch (h < s.fee_source.size() ? s.fee_source[h] : FeeSource::kContract) {
    case FeeSource::kContract:
      if (h < s.route.size() && s.route[h][static_cast<std::size_t>(r.band)]) {
        const bool national =
            h < s.national.size() && s.national[h][static_cast<std::size_t>(r.band)];
        source = std::string(" (") + (national ? "national " : "") +
                 std::string(EnumLabel(*s.route[h][static_cast<std::size_t>(r.band)])) +
                 " contract)";
      }
      break;
    case FeeSource::kUnitCost:
      source = " (in-house unit cost)";
      break;
    case FeeSource::kPlacements:
      source = " (no contract: the mean fee of its placements)";
      break;
    case FeeSource::kFairPrice:
      source = " (no contract: fair-price estimate)";
      break;
  }
  parts.push_back(fee.ToPoundsString() + "/week" + source);
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? ", " : "") + parts[i];
  return out;
}

}  // namespace

Option Score(const ReferralNeeds& r, const Snapshot& s, std::size_t h, const MatchPolicy& policy,
             bool explain) {
  Points pt = Compute(r, s, h, policy);
  Option o;
  o.home = h;
  o.home_id = s.id[h];
  o.points = pt.points;
  o.cost = ToCost(pt.points);
  o.family_km = pt.family_km;
  o.school_km = pt.school_km;
  o.weekly_fee = s.weekly_fee[h][static_cast<std::size_t>(r.band)];
  if (h < s.fee_source.size()) o.fee_source = s.fee_source[h];
  if (h < s.route.size()) o.route = s.route[h][static_cast<std::size_t>(r.band)];
  if (h < s.national.size()) o.national = s.national[h][static_cast<std::size_t>(r.band)] != 0;
  o.unmet_wishes = pt.unmet_wishes;
  o.wishes_unmet = pt.unmet;
  if (explain) o.explanation = Explain(r, s, h, pt, policy);
  return o;
}

std::int64_t Cost(const ReferralNeeds& r, const Snapshot& s, std::size_t h,
                  const MatchPolicy& policy) {
  return ToCost(Compute(r, s, h, policy).points);
}

CostFloor::CostFloor(const ReferralNeeds& r, const MatchPolicy& policy) {
  if (r.family) {
    family_ = *r.family;
    per_km_ = policy.per_km_from_family * (r.close_to_family ? policy.close_to_family_factor : 1.0);
  }
  for (double v : policy.ofsted) least_other_ = std::min(least_other_, v);
}

std::int64_t CostCeiling(const ReferralNeeds& r, const MatchPolicy& p, double family_km,
                         double school_km, Pence max_fee, double max_breakdown_percent) {
  double points = 0;
  if (r.family)
    points +=
        family_km * p.per_km_from_family * (r.close_to_family ? p.close_to_family_factor : 1.0);
  if (r.stays_at_school) points += school_km * p.per_km_from_school;
  points += p.outside_council + p.outside_rcc;
  points += std::max(p.setting_suitable_not_preferred, p.setting_not_specified);
  points += *std::max_element(p.ofsted.begin(), p.ofsted.end());
  points += max_breakdown_percent * p.per_breakdown_percent;
  points += std::popcount(r.wishes.mask()) * p.per_unmet_wish;
  points += static_cast<double>(max_fee.value()) / 10000.0 * p.per_100_pounds_weekly;
  return static_cast<std::int64_t>(std::ceil(points * 100)) + 1;  // past ToCost's rounding
}

Ranking Rank(const ReferralNeeds& r, const Snapshot& s, const MatchPolicy& policy, int k) {
  Ranking out;
  if (k <= 0) k = 1;
  using Entry = std::pair<std::int64_t, std::int64_t>;  // cost, home id: a max-heap of the best k
  std::priority_queue<Entry> best;
  thread_local std::vector<std::int32_t> feasible;
  FeasibleHomes(r, s, policy, feasible, &out.excluded);
  out.feasible = static_cast<int>(feasible.size());
  // Once k options are held, a home whose CostFloor is above the k-th best
  // cannot enter: skip it without scoring.
  const CostFloor floor(r, policy);
  for (std::int32_t h : feasible) {
    if (floor.uses_distance() && static_cast<int>(best.size()) == k &&
        floor.Points(s, static_cast<std::size_t>(h)) * 100 >
            static_cast<double>(best.top().first) + 1)
      continue;
    Entry e{Cost(r, s, static_cast<std::size_t>(h), policy), h};
    if (static_cast<int>(best.size()) < k) {
      best.push(e);
    } else if (e < best.top()) {
      best.pop();
      best.push(e);
    }
  }
  // Home index order equals home id order in a snapshot built from a
  // store (ids ascending); ties are broken by index, so results repeat.
  while (!best.empty()) {
    out.options.push_back(Score(r, s, static_cast<std::size_t>(best.top().second), policy, true));
    best.pop();
  }
  std::reverse(out.options.begin(), out.options.end());
  return out;
}

}  // namespace carecoop::match
