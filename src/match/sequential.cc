#include "match/sequential.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace carecoop::match {

int SequentialTier(const Snapshot& s, std::size_t h, CouncilId council) {
  const bool own = s.in_house[h] && h < s.owner_council.size() && s.owner_council[h] == council;
  switch (s.setting[h]) {
    case Setting::kFosteringHousehold:
      return own ? 0 : 2;
    case Setting::kChildrensHome:
      return own ? 1 : 3;
    case Setting::kSecureChildrensHome:
      return 3;
    case Setting::kSupportedAccommodation:
      return 4;
  }
  return 4;
}

Assignment AssignSequential(const std::vector<ReferralNeeds>& refs, const Snapshot& s,
                            const ArcSet& arcs, const MatchPolicy& policy) {
  Assignment out;
  out.outcome = AssignOutcome::kGreedy;
  if (arcs.begin.size() != refs.size() + 1 || arcs.level_begin.size() != s.size() + 1) {
    out.outcome = AssignOutcome::kInvalid;
    out.error = "arcs were built for other referrals or another snapshot";
    return out;
  }
  std::vector<std::int32_t> left = arcs.level_places;  // places left at each date level
  // Takes p places for an arc entering `level` of home h, the latest free
  // first, so that earlier places stay for referrals needed sooner.
  auto take = [&](std::size_t h, std::int32_t level, int p) {
    int have = 0;
    for (auto l = arcs.level_begin[h]; l <= level; ++l) have += left[static_cast<std::size_t>(l)];
    if (have < p) return false;
    for (auto l = level; l >= arcs.level_begin[h] && p > 0; --l) {
      int used = std::min(p, left[static_cast<std::size_t>(l)]);
      left[static_cast<std::size_t>(l)] -= used;
      p -= used;
    }
    return true;
  };
  std::vector<std::size_t> queue(refs.size());
  std::iota(queue.begin(), queue.end(), 0);
  std::stable_sort(queue.begin(), queue.end(), [&](std::size_t a, std::size_t b) {
    if (refs[a].needed_by != refs[b].needed_by) return refs[a].needed_by < refs[b].needed_by;
    return refs[a].id < refs[b].id;
  });
  out.home_of.assign(refs.size(), -1);
  out.why_unplaced.assign(refs.size(), Unplaced::kPlaced);
  out.explanation.assign(refs.size(), "");
  std::vector<std::int64_t> order;
  std::vector<double> distance(s.size(), 0.0);
  for (std::size_t r : queue) {
    order.clear();
    for (auto a = arcs.begin[r]; a < arcs.begin[r + 1]; ++a) order.push_back(a);
    const auto band = static_cast<std::size_t>(refs[r].band);
    // Nearer first on equal fees: from the family home, else the council's homes first.
    for (auto a = arcs.begin[r]; a < arcs.begin[r + 1]; ++a) {
      auto h = static_cast<std::size_t>(arcs.home[static_cast<std::size_t>(a)]);
      distance[h] = refs[r].family ? DistanceKm(*refs[r].family, s.point[h])
                                   : (s.council[h] == refs[r].council ? 0.0 : 1.0);
    }
    std::stable_sort(order.begin(), order.end(), [&](std::int64_t x, std::int64_t y) {
      auto hx = static_cast<std::size_t>(arcs.home[static_cast<std::size_t>(x)]);
      auto hy = static_cast<std::size_t>(arcs.home[static_cast<std::size_t>(y)]);
      int tx = SequentialTier(s, hx, refs[r].council), ty = SequentialTier(s, hy, refs[r].council);
      if (tx != ty) return tx < ty;
      if (s.weekly_fee[hx][band] != s.weekly_fee[hy][band])
        return s.weekly_fee[hx][band] < s.weekly_fee[hy][band];
      if (distance[hx] != distance[hy]) return distance[hx] < distance[hy];
      return hx < hy;
    });
    for (std::int64_t a : order) {
      auto ai = static_cast<std::size_t>(a);
      auto h = static_cast<std::size_t>(arcs.home[ai]);
      if (!take(h, arcs.level[ai], refs[r].places)) continue;
      out.home_of[r] = arcs.home[ai];
      out.children_placed += refs[r].places;
      out.weighted_placed += static_cast<std::int64_t>(refs[r].places) *
                             policy.urgency_weight[static_cast<std::size_t>(refs[r].needed_by)];
      out.total_cost += static_cast<std::int64_t>(refs[r].places) * arcs.cost[ai];
      out.explanation[r] = Score(refs[r], s, h, policy, true).explanation;
      break;
    }
    if (out.home_of[r] < 0)
      out.why_unplaced[r] = arcs.begin[r + 1] == arcs.begin[r] ? Unplaced::kNoFeasibleHome
                                                               : Unplaced::kLostToHigherPriority;
  }
  return out;
}

bool NeedsFullyMet(const ReferralNeeds& r, const Snapshot& s, std::size_t h, const Option& o,
                   const MatchPolicy& policy) {
  const Suitability suit = SuitabilityFor(r, s.setting[h]);
  return (suit == Suitability::kPreferred || suit == Suitability::kNotSpecified) &&
         o.unmet_wishes == 0 && (!r.stays_at_school || o.school_km <= policy.school_travel_km);
}

PlanMetrics Measure(const std::vector<ReferralNeeds>& refs, const Snapshot& s, const Assignment& a,
                    const MatchPolicy& policy) {
  PlanMetrics m;
  m.referrals = static_cast<int>(refs.size());
  std::vector<double> km;  // one per placed child with a known family location
  int outside = 0, fully_met = 0;
  std::int64_t fees = 0;
  for (std::size_t r = 0; r < refs.size(); ++r) {
    const ReferralNeeds& ref = refs[r];
    m.children += ref.places;
    if (r >= a.home_of.size() || a.home_of[r] < 0) continue;
    auto h = static_cast<std::size_t>(a.home_of[r]);
    Option o = Score(ref, s, h, policy, false);
    m.children_placed += ref.places;
    if (o.family_km >= 0) km.insert(km.end(), static_cast<std::size_t>(ref.places), o.family_km);
    if (s.council[h] != ref.council) outside += ref.places;
    if (NeedsFullyMet(ref, s, h, o, policy)) fully_met += ref.places;
    fees += static_cast<std::int64_t>(ref.places) * o.weekly_fee.value();
  }
  m.weekly_cost = Pence(fees);
  if (!km.empty()) {
    std::sort(km.begin(), km.end());
    m.mean_family_km = std::accumulate(km.begin(), km.end(), 0.0) / static_cast<double>(km.size());
    m.p90_family_km =
        km[std::min(km.size() - 1,
                    static_cast<std::size_t>(std::ceil(0.9 * static_cast<double>(km.size()))) - 1)];
    constexpr double kTwentyMilesKm = 20 * 1.609344;
    m.share_over_20_miles =
        static_cast<double>(
            std::count_if(km.begin(), km.end(), [](double d) { return d > kTwentyMilesKm; })) /
        static_cast<double>(km.size());
  }
  if (m.children_placed > 0) {
    m.share_outside_council = static_cast<double>(outside) / m.children_placed;
    m.share_needs_fully_met = static_cast<double>(fully_met) / m.children_placed;
  }
  return m;
}

}  // namespace carecoop::match
