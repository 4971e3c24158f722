#include "match/assign.h"

#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <numeric>
#include <queue>
#include <thread>

namespace carecoop::match {
namespace {

constexpr double kExactLimit = 9.0e15;  // integers below 2^53 are exact in a double

int Weight(const ReferralNeeds& r, const MatchPolicy& p) {
  return p.urgency_weight[static_cast<std::size_t>(r.needed_by)];
}

// Date levels of home h. A place free from day d serves exactly the
// referrals whose latest start day is on or after d, so its level is the
// first such deadline (places no referral can use are left out), and places
// with the same level share one node. A solo-only home offers its first place only.
// With LevelKeying::kFreeDays (the natural network, for the baseline), each
// distinct free day is a level and every place is kept.
void AddLevels(const Snapshot& s, std::size_t h, const std::vector<std::int32_t>& deadlines,
               LevelKeying keying, ArcSet& arcs) {
  int end = s.solo_only[h] ? s.free_begin[h] + 1 : s.free_begin[h + 1];
  for (int i = s.free_begin[h]; i < end; ++i) {
    std::int32_t day = s.free_from[static_cast<std::size_t>(i)];
    if (keying == LevelKeying::kDeadlines) {
      auto due = std::lower_bound(deadlines.begin(), deadlines.end(), day);
      if (due == deadlines.end()) break;  // free days ascend: no later place is usable either
      day = *due;
    }
    if (arcs.level_day.size() > static_cast<std::size_t>(arcs.level_begin.back()) &&
        arcs.level_day.back() == day)
      ++arcs.level_places.back();
    else {
      arcs.level_day.push_back(day);
      arcs.level_places.push_back(1);
    }
  }
  arcs.level_begin.push_back(static_cast<std::int32_t>(arcs.level_day.size()));
}

// Levels above the highest one any arc enters in their home carry no flow:
// they are dropped, and the arcs' level indices renumbered.
void DropUnreachedLevels(ArcSet& arcs) {
  const std::size_t homes = arcs.level_begin.size() - 1;
  std::vector<std::int32_t> top(homes, -1);  // highest entered level, as an offset in its home
  std::vector<std::int32_t> home_of_level(arcs.level_day.size());
  for (std::size_t h = 0; h < homes; ++h)
    for (auto l = arcs.level_begin[h]; l < arcs.level_begin[h + 1]; ++l)
      home_of_level[static_cast<std::size_t>(l)] = static_cast<std::int32_t>(h);
  for (auto l : arcs.level) {
    auto h = static_cast<std::size_t>(home_of_level[static_cast<std::size_t>(l)]);
    top[h] = std::max(top[h], l - arcs.level_begin[h]);
  }
  std::vector<std::int32_t> renumber(arcs.level_day.size(), -1);
  std::vector<std::int32_t> begin{0}, day, places;
  for (std::size_t h = 0; h < homes; ++h) {
    for (std::int32_t k = 0; k <= top[h]; ++k) {
      auto l = static_cast<std::size_t>(arcs.level_begin[h] + k);
      renumber[l] = static_cast<std::int32_t>(day.size());
      day.push_back(arcs.level_day[l]);
      places.push_back(arcs.level_places[l]);
    }
    begin.push_back(static_cast<std::int32_t>(day.size()));
  }
  for (auto& l : arcs.level) l = renumber[static_cast<std::size_t>(l)];
  arcs.level_begin = std::move(begin);
  arcs.level_day = std::move(day);
  arcs.level_places = std::move(places);
}

struct ArcChunk {
  std::vector<std::int64_t> count;  // per referral in the chunk
  std::vector<std::int32_t> home, level;
  std::vector<std::int64_t> cost;
  std::vector<std::int64_t> rest_min, rest_max;  // per referral: of the arcs left out
};

// The straight-line distance between two points on the unit sphere, and
// the great-circle distance in km it spans (as DistanceKm).
double Chord(const UnitVector& a, const UnitVector& b) {
  double dx = a.x - b.x, dy = a.y - b.y, dz = a.z - b.z;
  return std::sqrt(dx * dx + dy * dy + dz * dz);
}
double ChordKm(double chord) { return 2 * kEarthRadiusKm * std::asin(std::min(1.0, chord / 2)); }

// Places each home offers (solo-only: one), usable or not.
std::vector<int> HomePlaces(const Snapshot& s) {
  std::vector<int> out(s.size());
  for (std::size_t h = 0; h < s.size(); ++h)
    out[h] = s.solo_only[h] ? std::min(1, s.free_places(h)) : s.free_places(h);
  return out;
}

// The arcs of referrals[which[i]] (every referral when `which` is empty),
// one chunk per thread, in order: each referral's `keep` cheapest (all when
// keep is 0) sorted by (cost, home), with the least and greatest cost of
// the arcs left out. `levels` holds the homes' date levels already.
std::vector<ArcChunk> FindArcs(const std::vector<ReferralNeeds>& referrals,
                               const std::vector<std::size_t>& which, const Snapshot& s,
                               const MatchPolicy& policy, const ArcSet& levels, std::int32_t keep,
                               int threads) {
  const std::vector<int> home_places = HomePlaces(s);
  // For the cost ceiling of the arcs left out.
  std::array<Pence, 4> max_fee{};
  double max_breakdown = 0;
  for (std::size_t h = 0; h < s.size(); ++h) {
    for (std::size_t b = 0; b < max_fee.size(); ++b)
      max_fee[b] = std::max(max_fee[b], s.weekly_fee[h][b]);
    max_breakdown = std::max(max_breakdown, static_cast<double>(s.breakdown_percent[h]));
  }
  const std::size_t n = which.empty() ? referrals.size() : which.size();
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  threads = std::max(1, std::min<int>(threads, static_cast<int>(n / 64 + 1)));
  std::vector<ArcChunk> chunks(static_cast<std::size_t>(threads));
  auto work = [&](int t) {
    ArcChunk& c = chunks[static_cast<std::size_t>(t)];
    std::size_t from = n * static_cast<std::size_t>(t) / static_cast<std::size_t>(threads);
    std::size_t to = n * static_cast<std::size_t>(t + 1) / static_cast<std::size_t>(threads);
    std::vector<std::pair<std::int64_t, std::int32_t>> found;  // (cost, home)
    std::vector<std::int32_t> feasible;
    for (std::size_t i = from; i < to; ++i) {
      const ReferralNeeds& ref = referrals[which.empty() ? i : which[i]];
      found.clear();
      FeasibleHomes(ref, s, policy, feasible, nullptr);
      // With keep: a max-heap of the keep cheapest in (cost, home) order
      // (the full sort's prefix); a home whose CostFloor is above the
      // dearest kept is not scored (as Rank does).
      const CostFloor floor(ref, policy);
      const bool cut = keep > 0;
      bool left_out = false;
      double family_chord = 0, school_chord = 0;  // the furthest feasible home's
      for (std::int32_t fh : feasible) {
        auto h = static_cast<std::size_t>(fh);
        if (home_places[h] < ref.places) continue;  // a solo-only home offers one place
        if (ref.companions == LivingCompanions::kSolo && !s.solo_only[h] &&
            home_places[h] > ref.places)
          continue;
        if (!cut) {
          found.emplace_back(Cost(ref, s, h, policy), fh);
          continue;
        }
        if (ref.family) family_chord = std::max(family_chord, Chord(*ref.family, s.point[h]));
        if (ref.school) school_chord = std::max(school_chord, Chord(*ref.school, s.point[h]));
        if (found.size() == static_cast<std::size_t>(keep)) {
          left_out = true;
          if (floor.Cost(s, h) > found.front().first) continue;
        }
        std::pair<std::int64_t, std::int32_t> arc{Cost(ref, s, h, policy), fh};
        if (found.size() < static_cast<std::size_t>(keep)) {
          found.push_back(arc);
          std::push_heap(found.begin(), found.end());
        } else if (arc < found.front()) {
          std::pop_heap(found.begin(), found.end());
          found.back() = arc;
          std::push_heap(found.begin(), found.end());
        }
      }
      std::int64_t rest_min = kNothingLeftOut;
      std::int64_t rest_max = std::numeric_limits<std::int64_t>::min();
      if (left_out) {
        // Every arc left out costs at least the dearest kept (it was
        // displaced by it, or its floor was above it), and at most the
        // ceiling over the furthest feasible home.
        rest_min = found.front().first;
        rest_max = CostCeiling(ref, policy, ChordKm(family_chord), ChordKm(school_chord),
                               max_fee[static_cast<std::size_t>(ref.band)], max_breakdown);
      }
      std::sort(found.begin(), found.end());
      c.count.push_back(static_cast<std::int64_t>(found.size()));
      c.rest_min.push_back(rest_min);
      c.rest_max.push_back(rest_max);
      for (auto& [cost, fh] : found) {
        auto h = static_cast<std::size_t>(fh);
        // The level of the last date on or before the latest start day.
        std::int32_t level = levels.level_begin[h];
        while (level + 1 < levels.level_begin[h + 1] &&
               levels.level_day[static_cast<std::size_t>(level + 1)] <= ref.latest_start_day)
          ++level;
        c.cost.push_back(cost);
        c.home.push_back(fh);
        c.level.push_back(level);
      }
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(work, t);
  work(0);
  for (auto& th : pool) th.join();
  return chunks;
}

}  // namespace

ArcSet BuildArcs(const std::vector<ReferralNeeds>& referrals, const Snapshot& s,
                 const MatchPolicy& policy, int threads, LevelKeying keying, std::int32_t keep) {
  ArcSet arcs;
  std::vector<std::int32_t> deadlines;
  for (const auto& r : referrals) deadlines.push_back(r.latest_start_day);
  std::sort(deadlines.begin(), deadlines.end());
  deadlines.erase(std::unique(deadlines.begin(), deadlines.end()), deadlines.end());
  arcs.level_begin.push_back(0);
  for (std::size_t h = 0; h < s.size(); ++h) AddLevels(s, h, deadlines, keying, arcs);
  std::vector<ArcChunk> chunks = FindArcs(referrals, {}, s, policy, arcs, keep, threads);
  arcs.begin.push_back(0);
  bool left_out = false;
  for (auto& c : chunks) {
    for (auto n : c.count) arcs.begin.push_back(arcs.begin.back() + n);
    arcs.home.insert(arcs.home.end(), c.home.begin(), c.home.end());
    arcs.level.insert(arcs.level.end(), c.level.begin(), c.level.end());
    arcs.cost.insert(arcs.cost.end(), c.cost.begin(), c.cost.end());
    for (auto m : c.rest_min) left_out |= m != kNothingLeftOut;
  }
  if (left_out) {
    // Levels that only a left-out arc reaches are kept, for when it is built.
    for (auto& c : chunks) {
      arcs.rest_min.insert(arcs.rest_min.end(), c.rest_min.begin(), c.rest_min.end());
      arcs.rest_max.insert(arcs.rest_max.end(), c.rest_max.begin(), c.rest_max.end());
    }
  } else if (keying == LevelKeying::kDeadlines) {
    DropUnreachedLevels(arcs);
  }
  return arcs;
}

namespace {

// `arcs` with every arc of each referral r where grow[r] is set, on the same
// date levels: the lists a solve found short.
ArcSet Completed(const ArcSet& arcs, const std::vector<ReferralNeeds>& referrals, const Snapshot& s,
                 const MatchPolicy& policy, const std::vector<std::uint8_t>& grow) {
  std::vector<std::size_t> which;
  for (std::size_t r = 0; r < referrals.size(); ++r)
    if (grow[r]) which.push_back(r);
  std::vector<ArcChunk> chunks = FindArcs(referrals, which, s, policy, arcs, 0, 0);
  ArcSet out;
  out.level_begin = arcs.level_begin;
  out.level_day = arcs.level_day;
  out.level_places = arcs.level_places;
  out.rest_min = arcs.rest_min;
  out.rest_max = arcs.rest_max;
  out.begin.push_back(0);
  std::size_t chunk = 0, in_chunk = 0;  // the next grown referral's place in the chunks
  std::vector<std::ptrdiff_t> offset(chunks.size(), 0);
  auto append = [&out](
                    const std::vector<std::int32_t>& home, const std::vector<std::int32_t>& level,
                    const std::vector<std::int64_t>& cost, std::ptrdiff_t from, std::ptrdiff_t to) {
    out.home.insert(out.home.end(), home.begin() + from, home.begin() + to);
    out.level.insert(out.level.end(), level.begin() + from, level.begin() + to);
    out.cost.insert(out.cost.end(), cost.begin() + from, cost.begin() + to);
  };
  for (std::size_t r = 0; r < referrals.size(); ++r) {
    if (grow[r]) {
      while (in_chunk == chunks[chunk].count.size()) {
        ++chunk;
        in_chunk = 0;
      }
      const ArcChunk& c = chunks[chunk];
      const std::ptrdiff_t from = offset[chunk];
      offset[chunk] += static_cast<std::ptrdiff_t>(c.count[in_chunk++]);
      append(c.home, c.level, c.cost, from, offset[chunk]);
      out.rest_min[r] = kNothingLeftOut;
      out.rest_max[r] = std::numeric_limits<std::int64_t>::min();
    } else {
      append(arcs.home, arcs.level, arcs.cost, static_cast<std::ptrdiff_t>(arcs.begin[r]),
             static_cast<std::ptrdiff_t>(arcs.begin[r + 1]));
    }
    out.begin.push_back(static_cast<std::int64_t>(out.home.size()));
  }
  return out;
}

using Graph = lemon::SmartDigraph;
using Solver = lemon::NetworkSimplex<Graph, int, long long>;

// Branch-and-bound restrictions on one sibling group.
struct Restriction {
  std::int32_t forced = -1;  // forced home (snapshot index), or -1
  bool forced_unplaced = false;
  bool bypass_forbidden = false;
  std::vector<std::int32_t> forbidden;  // homes
  bool Allows(std::int32_t h) const {
    if (forced_unplaced) return false;
    if (forced >= 0) return h == forced;
    return std::find(forbidden.begin(), forbidden.end(), h) == forbidden.end();
  }
};

struct Relaxation {
  bool feasible = false;
  // Per referral: units placed at each home (usually one home).
  std::vector<std::vector<std::pair<std::int32_t, int>>> placed;
  std::vector<int> unplaced_units;
  std::int64_t weighted = 0;      // sum over units placed of w_r
  std::int64_t cost = 0;          // sum over units placed of c(r, h)
  std::vector<double> potential;  // referral nodes, level nodes, sink
  int rounds = 0;
  std::int64_t arcs_built = 0;
};

// M: larger than any total saving in child-first cost, so placing one more
// (weighted) child always wins: 1 + sum over referrals of places x the range
// of their costs (with 0 for not placed).
struct CostScale {
  double big_m = 1;    // M
  double max_abs = 0;  // the largest |c(r, h)|
};
CostScale BigM(const std::vector<ReferralNeeds>& refs, const ArcSet& arcs) {
  CostScale out;
  for (std::size_t r = 0; r < refs.size(); ++r) {
    std::int64_t lo = 0, hi = 0;  // arcs ascend by cost: the first and last bound them
    if (arcs.begin[r + 1] > arcs.begin[r]) {
      lo = std::min<std::int64_t>(0, arcs.cost[static_cast<std::size_t>(arcs.begin[r])]);
      hi = std::max<std::int64_t>(0, arcs.cost[static_cast<std::size_t>(arcs.begin[r + 1] - 1)]);
    }
    if (!arcs.complete() && arcs.rest_min[r] != kNothingLeftOut)
      hi = std::max(hi, arcs.rest_max[r]);  // the arcs left out cost more than those kept
    out.big_m += static_cast<double>(refs[r].places) * static_cast<double>(hi - lo);
    out.max_abs = std::max(out.max_abs, static_cast<double>(std::max(-lo, hi)));
  }
  return out;
}

class Engine {
 public:
  Engine(const std::vector<ReferralNeeds>& referrals, const Snapshot& snapshot, const ArcSet& arcs,
         const MatchPolicy& policy, const AssignOptions& options, bool full)
      : refs_(referrals),
        snapshot_(snapshot),
        arcs_now_(&arcs),
        policy_(policy),
        options_(options),
        full_(full) {
    R_ = referrals.size();
    L_ = arcs.level_day.size();
    double units = 0;
    int max_weight = 1;
    for (std::size_t r = 0; r < R_; ++r) {
      units += refs_[r].places;
      max_weight = std::max(max_weight, Weight(refs_[r], policy));
    }
    CostScale scale = BigM(referrals, arcs);
    big_m_ = scale.big_m;
    // Every unit leaves its referral by exactly one arc (a home or the
    // bypass), so adding one constant to all of them changes no choice; it
    // makes every cost non-negative, as NetworkSimplex's artificial start
    // arcs assume.
    const double max_abs = scale.max_abs;
    shift_ = big_m_ * max_weight + max_abs;
    exact_ = (shift_ + max_abs) * (units + 1) * 2 < kExactLimit;
  }

  bool exact() const { return exact_; }
  // The arcs now: the caller's, with any cut list found short built in full.
  const ArcSet& arcs() const { return *arcs_now_; }
  int lists_completed() const { return lists_completed_; }

  double UnitCost(std::size_t r, std::int64_t arc) const {
    return static_cast<double>(arcs().cost[static_cast<std::size_t>(arc)]) -
           big_m_ * Weight(refs_[r], policy_) + shift_;
  }

  Relaxation Solve(const std::vector<Restriction>& restrict) {
    // Built arcs of referral r: its cheapest prefix[r], and extra[r] found
    // by pricing (kept from one solve to the next: the branch-and-bound
    // nodes and the dive differ from their parent in a few groups only).
    std::vector<std::int64_t> prefix(R_);
    std::vector<std::vector<std::int64_t>>& extra = extra_;
    if (extra.size() != R_) {
      extra.assign(R_, {});
      if (!full_) SeedGreedy(extra);
    }
    for (std::size_t r = 0; r < R_; ++r) {
      std::int64_t n = arcs().begin[r + 1] - arcs().begin[r];
      prefix[r] = full_ ? n : std::min<std::int64_t>(n, options_.candidates);
    }
    Relaxation out;
    while (true) {
      ++out.rounds;
      out = SolveOnce(restrict, prefix, extra, out.rounds, out.arcs_built);
      if (!out.feasible) return out;
      if (full_) {
        if (GrowShortLists(out, restrict, prefix, extra)) continue;
        return out;
      }
      // Price every arc not built: add those with negative reduced cost (at
      // most `candidates` a referral a round, the cheapest first).
      double max_pi = -std::numeric_limits<double>::infinity();
      for (std::size_t l = 0; l < L_; ++l) max_pi = std::max(max_pi, out.potential[R_ + l]);
      // Two threads, each on half the referrals (each writes only its own
      // referrals' lists, so the result does not depend on timing).
      auto price = [&](std::size_t from, std::size_t to) {
        bool any = false;
        for (std::size_t r = from; r < to; ++r) {
          const Restriction* rs = restrict.empty() ? nullptr : & restrict[r];
          if (rs && (rs->forced >= 0 || rs->forced_unplaced)) continue;
          double pi_r = out.potential[r];
          std::int64_t end = arcs().begin[r + 1];
          int found = 0;
          std::vector<std::int64_t>& more = extra[r];
          const std::size_t known = more.size();
          for (std::int64_t a = arcs().begin[r] + prefix[r]; a < end && found < options_.candidates;
               ++a) {
            double c = UnitCost(r, a);
            if (c + pi_r - max_pi >= 0) break;  // sorted by cost: no later arc can price in
            auto home = arcs().home[static_cast<std::size_t>(a)];
            if (rs && !rs->Allows(home)) continue;
            double rc = c + pi_r -
                        out.potential[R_ + static_cast<std::size_t>(
                                               arcs().level[static_cast<std::size_t>(a)])];
            if (rc < 0 && std::find(more.begin(), more.begin() + static_cast<std::ptrdiff_t>(known),
                                    a) == more.begin() + static_cast<std::ptrdiff_t>(known)) {
              more.push_back(a);
              ++found;
            }
          }
          any |= found > 0;
        }
        return any;
      };
      bool added = false;
      if (R_ >= 4096) {
        bool second = false;
        std::thread helper([&] { second = price(R_ / 2, R_); });
        added = price(0, R_ / 2);
        helper.join();
        added |= second;
      } else {
        added = price(0, R_);
      }
      if (!added) {
        if (GrowShortLists(out, restrict, prefix, extra)) continue;
        return out;
      }
    }
  }

 private:
  // An arc left out of r's list enters some home h at a level l with
  // reduced cost c + pi(r) - pi(l), where c >= rest_min(r) and c >=
  // CostFloor(r, h). Levels merged into the sink carry the sink's price;
  // the binding ones, dearer, are tried from the dearest down until their
  // price no longer matters. O(cut referrals x binding levels tried).
  // Returns whether any list was grown (the relaxation must then be priced
  // again); the prefixes and the arcs found by pricing are carried over.
  bool GrowShortLists(const Relaxation& x, const std::vector<Restriction>& restrict,
                      std::vector<std::int64_t>& prefix,
                      std::vector<std::vector<std::int64_t>>& extra) {
    if (arcs().complete()) return false;
    std::vector<std::uint8_t> grow(R_, 0);
    bool any = false;
    const double sink_pi = x.potential[R_ + L_];
    std::vector<std::pair<double, std::size_t>> dear;  // (price, home) of levels above the sink
    for (std::size_t h = 0; h + 1 < arcs().level_begin.size(); ++h)
      for (auto l = arcs().level_begin[h]; l < arcs().level_begin[h + 1]; ++l)
        if (x.potential[R_ + static_cast<std::size_t>(l)] > sink_pi)
          dear.emplace_back(x.potential[R_ + static_cast<std::size_t>(l)], h);
    std::sort(dear.begin(), dear.end(), std::greater<>());
    for (std::size_t r = 0; r < R_; ++r) {
      if (arcs().rest_min[r] == kNothingLeftOut) continue;
      const Restriction* rs = restrict.empty() ? nullptr : & restrict[r];
      if (rs && (rs->forced >= 0 || rs->forced_unplaced)) continue;  // no other arc may enter
      const double unit = -big_m_ * Weight(refs_[r], policy_) + shift_ + x.potential[r];
      const double least = static_cast<double>(arcs().rest_min[r]) + unit;
      bool may_enter = least - sink_pi < 0;
      if (!may_enter) {
        const CostFloor floor(refs_[r], policy_);
        for (const auto& [pi, h] : dear) {
          if (least - pi >= 0) break;  // cheaper levels follow
          const auto c = std::max(arcs().rest_min[r], floor.Cost(snapshot_, h));
          if (static_cast<double>(c) + unit - pi < 0) {
            may_enter = true;
            break;
          }
        }
      }
      if (may_enter) {
        grow[r] = 1;
        any = true;
        ++lists_completed_;
      }
    }
    if (!any) return false;
    // A grown list begins with the cut list (both sorted by cost, then
    // home), so an arc's place in its referral's list is kept.
    const ArcSet& before = arcs();
    ArcSet next = Completed(before, refs_, snapshot_, policy_, grow);
    for (std::size_t r = 0; r < R_; ++r) {
      for (auto& a : extra[r]) a += next.begin[r] - before.begin[r];
      std::int64_t n = next.begin[r + 1] - next.begin[r];
      prefix[r] = full_ ? n : std::min<std::int64_t>(n, options_.candidates);
    }
    grown_ = std::move(next);
    arcs_now_ = &grown_;
    return true;
  }

  // A greedy whole plan (most urgent first, each referral its cheapest arc
  // with places left) seeds the candidates: its arcs beyond a referral's
  // prefix are built from the first solve, so the first duals already
  // reflect where places run out.
  void SeedGreedy(std::vector<std::vector<std::int64_t>>& extra) const {
    std::vector<std::int32_t> left = arcs().level_places;
    std::vector<std::int32_t> home_of_level(L_);
    for (std::size_t h = 0; h + 1 < arcs().level_begin.size(); ++h)
      for (auto l = arcs().level_begin[h]; l < arcs().level_begin[h + 1]; ++l)
        home_of_level[static_cast<std::size_t>(l)] = static_cast<std::int32_t>(h);
    std::vector<std::size_t> queue(R_);
    for (std::size_t r = 0; r < R_; ++r) queue[r] = r;
    std::stable_sort(queue.begin(), queue.end(), [&](std::size_t a, std::size_t b) {
      return Weight(refs_[a], policy_) > Weight(refs_[b], policy_);
    });
    for (std::size_t r : queue) {
      int p = refs_[r].places;
      for (std::int64_t a = arcs().begin[r]; a < arcs().begin[r + 1]; ++a) {
        auto level = arcs().level[static_cast<std::size_t>(a)];
        auto h = static_cast<std::size_t>(home_of_level[static_cast<std::size_t>(level)]);
        int have = 0;
        for (auto l = arcs().level_begin[h]; l <= level; ++l)
          have += left[static_cast<std::size_t>(l)];
        if (have < p) continue;
        int need = p;
        for (auto l = level; l >= arcs().level_begin[h] && need > 0; --l) {
          int used = std::min(need, left[static_cast<std::size_t>(l)]);
          left[static_cast<std::size_t>(l)] -= used;
          need -= used;
        }
        if (a - arcs().begin[r] >= options_.candidates) extra[r].push_back(a);
        break;
      }
    }
  }

  Relaxation SolveOnce(const std::vector<Restriction>& restrict,
                       const std::vector<std::int64_t>& prefix,
                       const std::vector<std::vector<std::int64_t>>& extra, int rounds,
                       std::int64_t built_before) {
    // The arcs to build: (referral, ArcSet index, forced).
    struct Built {
      std::size_t r;
      std::int64_t a;
      bool forced;
    };
    std::vector<Built> built;
    for (std::size_t r = 0; r < R_; ++r) {
      const Restriction* rs = restrict.empty() ? nullptr : & restrict[r];
      bool any = false;
      auto build = [&](std::int64_t a) {
        auto home = arcs().home[static_cast<std::size_t>(a)];
        if (rs && !rs->Allows(home)) return;
        built.push_back({r, a, rs && rs->forced == home});
        any = true;
      };
      for (std::int64_t a = arcs().begin[r]; a < arcs().begin[r] + prefix[r]; ++a) build(a);
      for (std::int64_t a : extra[r]) build(a);
      // A forced home that is outside the arcs built is added explicitly.
      if (rs && rs->forced >= 0 && !any)
        for (std::int64_t a = arcs().begin[r]; a < arcs().begin[r + 1]; ++a)
          if (arcs().home[static_cast<std::size_t>(a)] == rs->forced) built.push_back({r, a, true});
    }
    // A home whose built arcs could all be filled at once (Hall's condition
    // on its date levels: for every level, the places the arcs entering at
    // or below it can bring are no more than the places free by then) has
    // no binding capacity: its levels merge into the sink. Its levels' dual
    // prices are then the sink's, which keeps pricing exact.
    std::vector<std::int64_t> demand(L_, 0);
    for (const Built& b : built)
      demand[static_cast<std::size_t>(arcs().level[static_cast<std::size_t>(b.a)])] +=
          refs_[b.r].places;
    // Nodes: referrals with an arc or a restriction (one with no feasible
    // home at all is simply not placed), then the binding levels, then the sink.
    std::vector<std::int32_t> referral_node(R_, -1);
    std::vector<std::size_t> node_referral;
    for (std::size_t r = 0; r < R_; ++r)
      if (arcs().begin[r + 1] > arcs().begin[r] || !restrict.empty()) {
        referral_node[r] = static_cast<std::int32_t>(node_referral.size());
        node_referral.push_back(r);
      }
    constexpr std::int32_t kSinkNode = -1;
    std::vector<std::int32_t> level_node(L_, kSinkNode);
    std::int32_t nodes = static_cast<std::int32_t>(node_referral.size());
    for (std::size_t h = 0; h + 1 < arcs().level_begin.size(); ++h) {
      std::int64_t need = 0, have = 0;
      bool binding = false;
      for (auto l = arcs().level_begin[h]; l < arcs().level_begin[h + 1]; ++l) {
        need += demand[static_cast<std::size_t>(l)];
        have += arcs().level_places[static_cast<std::size_t>(l)];
        binding |= need > have;
      }
      if (binding)
        for (auto l = arcs().level_begin[h]; l < arcs().level_begin[h + 1]; ++l)
          level_node[static_cast<std::size_t>(l)] = nodes++;
    }
    const std::int32_t sink = nodes++;
    for (auto& n : level_node)
      if (n == kSinkNode) n = sink;
    Graph g;
    g.reserveNode(nodes);
    for (std::int32_t i = 0; i < nodes; ++i) g.addNode();
    auto node = [&](std::size_t i) { return g.nodeFromId(static_cast<int>(i)); };
    const auto count = static_cast<std::int64_t>(built.size() + R_ + L_ * 2);
    g.reserveArc(static_cast<int>(count));
    std::vector<int> lower, upper;
    std::vector<double> cost;
    std::vector<std::int64_t> source_arc;  // ArcSet index, -1 bypass, -2 structural
    lower.reserve(static_cast<std::size_t>(count));
    upper.reserve(static_cast<std::size_t>(count));
    cost.reserve(static_cast<std::size_t>(count));
    source_arc.reserve(static_cast<std::size_t>(count));
    auto add = [&](std::size_t u, std::size_t v, int lo, int hi, double c, std::int64_t tag) {
      g.addArc(node(u), node(v));
      lower.push_back(lo);
      upper.push_back(hi);
      cost.push_back(c);
      source_arc.push_back(tag);
    };
    for (const Built& b : built) {
      int p = refs_[b.r].places;
      add(static_cast<std::size_t>(referral_node[b.r]),
          static_cast<std::size_t>(
              level_node[static_cast<std::size_t>(arcs().level[static_cast<std::size_t>(b.a)])]),
          b.forced ? p : 0, p, UnitCost(b.r, b.a), b.a);
    }
    std::int64_t total_units = 0;
    for (std::size_t r : node_referral) {
      const Restriction* rs = restrict.empty() ? nullptr : & restrict[r];
      int p = refs_[r].places;
      total_units += p;
      bool bypass_allowed = !(rs && (rs->bypass_forbidden || rs->forced >= 0));
      if (bypass_allowed)
        add(static_cast<std::size_t>(referral_node[r]), static_cast<std::size_t>(sink),
            rs && rs->forced_unplaced ? p : 0, p, shift_, -1);
    }
    for (std::size_t h = 0; h + 1 < arcs().level_begin.size(); ++h) {
      for (auto l = arcs().level_begin[h]; l < arcs().level_begin[h + 1]; ++l) {
        auto li = static_cast<std::size_t>(l);
        if (level_node[li] == sink) continue;
        auto u = static_cast<std::size_t>(level_node[li]);
        add(u, static_cast<std::size_t>(sink), 0, arcs().level_places[li], 0.0, -2);
        if (l > arcs().level_begin[h])
          add(u, u - 1, 0, std::numeric_limits<int>::max() / 4, 0.0, -2);
      }
    }
    Graph::ArcMap<int> lo_map(g), hi_map(g);
    Graph::ArcMap<long long> cost_map(g);
    Graph::NodeMap<int> supply(g, 0);
    for (int a = 0; a < static_cast<int>(lower.size()); ++a) {
      auto arc = g.arcFromId(a);
      lo_map[arc] = lower[static_cast<std::size_t>(a)];
      hi_map[arc] = upper[static_cast<std::size_t>(a)];
      cost_map[arc] = std::llround(cost[static_cast<std::size_t>(a)]);
    }
    for (std::size_t r : node_referral)
      supply[node(static_cast<std::size_t>(referral_node[r]))] = refs_[r].places;
    supply[node(static_cast<std::size_t>(sink))] = -static_cast<int>(total_units);
    Solver solver(g);
    solver.lowerMap(lo_map).upperMap(hi_map).costMap(cost_map).supplyMap(supply);
    Relaxation out;
    out.rounds = rounds;
    out.arcs_built = built_before + static_cast<std::int64_t>(lower.size());
    auto status = solver.run();
    if (status != Solver::OPTIMAL) return out;
    out.feasible = true;
    out.placed.assign(R_, {});
    out.unplaced_units.assign(R_, 0);
    out.potential.resize(R_ + L_ + 1);
    const double sink_potential =
        static_cast<double>(solver.potential(node(static_cast<std::size_t>(sink))));
    for (std::size_t r = 0; r < R_; ++r) {
      if (referral_node[r] >= 0) {
        out.potential[r] =
            static_cast<double>(solver.potential(node(static_cast<std::size_t>(referral_node[r]))));
      } else {  // not placed, as its bypass would be at reduced cost 0
        out.unplaced_units[r] = refs_[r].places;
        out.potential[r] = sink_potential - shift_;
      }
    }
    for (std::size_t l = 0; l < L_; ++l)
      out.potential[R_ + l] =
          static_cast<double>(solver.potential(node(static_cast<std::size_t>(level_node[l]))));
    out.potential[R_ + L_] = sink_potential;
    for (int a = 0; a < static_cast<int>(lower.size()); ++a) {
      std::int64_t tag = source_arc[static_cast<std::size_t>(a)];
      if (tag == -2) continue;
      int f = solver.flow(g.arcFromId(a));
      if (f == 0) continue;
      std::size_t r = node_referral[static_cast<std::size_t>(g.id(g.source(g.arcFromId(a))))];
      if (tag == -1) {
        out.unplaced_units[r] += f;
        continue;
      }
      out.placed[r].push_back({arcs().home[static_cast<std::size_t>(tag)], f});
      out.weighted += static_cast<std::int64_t>(f) * Weight(refs_[r], policy_);
      out.cost += static_cast<std::int64_t>(f) * arcs().cost[static_cast<std::size_t>(tag)];
    }
    return out;
  }

  const std::vector<ReferralNeeds>& refs_;
  const Snapshot& snapshot_;
  const ArcSet* arcs_now_;  // the caller's, until a cut list is grown: then grown_
  ArcSet grown_;
  int lists_completed_ = 0;
  const MatchPolicy& policy_;
  const AssignOptions& options_;
  bool full_;
  std::size_t R_ = 0, L_ = 0;
  double big_m_ = 1;
  double shift_ = 0;
  bool exact_ = true;
  std::vector<std::vector<std::int64_t>> extra_;  // arcs found by pricing, per referral
};

// Lexicographic objective: more weighted children placed, then less cost.
struct Objective {
  std::int64_t weighted = 0;
  std::int64_t cost = 0;
  bool BetterThan(const Objective& o) const {
    return weighted != o.weighted ? weighted > o.weighted : cost < o.cost;
  }
};

// The first sibling group (or any referral) not placed whole in one home.
std::int64_t FirstSplit(const Relaxation& x, const std::vector<ReferralNeeds>& refs) {
  for (std::size_t r = 0; r < refs.size(); ++r) {
    std::size_t pieces = x.placed[r].size() + (x.unplaced_units[r] > 0 ? 1 : 0);
    if (pieces > 1) return static_cast<std::int64_t>(r);
  }
  return -1;
}

// A whole solution from a relaxation: groups not placed whole are unplaced.
std::vector<std::int32_t> RoundDown(const Relaxation& x) {
  std::vector<std::int32_t> home(x.placed.size(), -1);
  for (std::size_t r = 0; r < x.placed.size(); ++r)
    if (x.placed[r].size() == 1 && x.unplaced_units[r] == 0) home[r] = x.placed[r][0].first;
  return home;
}

// Each group's pieces in a relaxation: how many homes and whether part is unplaced.
bool IsSplit(const Relaxation& x, std::size_t r) {
  return x.placed[r].size() + (x.unplaced_units[r] > 0 ? 1 : 0) > 1;
}

// The dive: a whole solution close to the relaxation. Round after round,
// every group still split is restricted at once: to all of it in the home
// holding most of it, when the groups already sent there fit its places by
// date (Hall's condition on the date levels); else to anywhere but that
// home (up to kDiveForbidden homes), then to not placed. Each round
// re-solves the flow (singles move around the groups) and every split group
// moves one step down that list, so it ends; what it ends on is whole.
constexpr std::size_t kDiveForbidden = 4;
Relaxation Dive(Engine& engine, const std::vector<ReferralNeeds>& refs, Relaxation x,
                std::vector<Restriction>& restrict, int& rounds_out, std::int64_t& arcs_out,
                int& solves) {
  if (restrict.empty()) restrict.assign(refs.size(), {});
  auto arcs = [&engine]() -> const ArcSet& { return engine.arcs(); };  // grows as it solves
  // Groups forced into each home so far: (level, places).
  std::vector<std::vector<std::pair<std::int32_t, int>>> forced_in(arcs().level_begin.size());
  auto level_of = [&](std::size_t r, std::int32_t h) {
    for (auto a = arcs().begin[r]; a < arcs().begin[r + 1]; ++a)
      if (arcs().home[static_cast<std::size_t>(a)] == h)
        return arcs().level[static_cast<std::size_t>(a)];
    return std::int32_t{-1};
  };
  auto fits = [&](std::int32_t h, std::int32_t level, int places) {
    auto groups = forced_in[static_cast<std::size_t>(h)];
    groups.push_back({level, places});
    // For each level l: places needed by groups entering at or below l <=
    // places free at or below l.
    int supply = 0;
    for (auto l = arcs().level_begin[static_cast<std::size_t>(h)];
         l < arcs().level_begin[static_cast<std::size_t>(h) + 1]; ++l) {
      supply += arcs().level_places[static_cast<std::size_t>(l)];
      int demand = 0;
      for (auto& [gl, p] : groups) demand += gl <= l ? p : 0;
      if (demand > supply) return false;
    }
    return true;
  };
  while (x.feasible) {
    bool any = false;
    for (std::size_t r = 0; r < refs.size(); ++r) {
      if (!IsSplit(x, r)) continue;
      any = true;
      // The home holding most of the group, if any.
      std::int32_t h = -1;
      int most = 0;
      for (auto& [home, f] : x.placed[r])
        if (f > most || (f == most && home < h)) {
          most = f;
          h = home;
        }
      Restriction& rs = restrict[r];
      std::int32_t level = h >= 0 ? level_of(r, h) : -1;
      if (level >= 0 && fits(h, level, refs[r].places)) {
        rs.forced = h;
        forced_in[static_cast<std::size_t>(h)].push_back({level, refs[r].places});
      } else if (h >= 0 && rs.forbidden.size() < kDiveForbidden) {
        rs.forbidden.push_back(h);
      } else {
        rs.forced_unplaced = true;
      }
    }
    if (!any) break;
    Relaxation next = engine.Solve(restrict);
    ++solves;
    rounds_out += next.rounds;
    arcs_out += next.arcs_built;
    if (!next.feasible) break;
    x = std::move(next);
  }
  return x;
}

Assignment Run(const std::vector<ReferralNeeds>& refs, const Snapshot& s, const ArcSet& given,
               const MatchPolicy& policy, const AssignOptions& options, bool full) {
  Assignment out;
  if (given.begin.size() != refs.size() + 1 || given.level_begin.size() != s.size() + 1 ||
      (!given.complete() &&
       (given.rest_min.size() != refs.size() || given.rest_max.size() != refs.size()))) {
    out.outcome = AssignOutcome::kInvalid;
    out.error = "arcs were built for other referrals or another snapshot";
    return out;
  }
  Engine engine(refs, s, given, policy, options, full);
  if (!engine.exact()) {
    out.outcome = AssignOutcome::kInvalid;
    out.error = "costs too large for exact arithmetic: lower the policy's weights";
    return out;
  }
  // Cost and weight of a whole solution, from the arcs.
  auto evaluate = [&](const std::vector<std::int32_t>& home) {
    const ArcSet& arcs = engine.arcs();  // as grown so far
    Objective o;
    for (std::size_t r = 0; r < refs.size(); ++r) {
      if (home[r] < 0) continue;
      for (auto a = arcs.begin[r]; a < arcs.begin[r + 1]; ++a)
        if (arcs.home[static_cast<std::size_t>(a)] == home[r]) {
          o.weighted += static_cast<std::int64_t>(refs[r].places) * Weight(refs[r], policy);
          o.cost +=
              static_cast<std::int64_t>(refs[r].places) * arcs.cost[static_cast<std::size_t>(a)];
          break;
        }
    }
    return o;
  };
  std::vector<std::int32_t> best_home;
  Objective best;
  bool have_best = false;
  Objective root_bound;
  // Best-first search on the parent's bound; among equal bounds the deeper
  // node, and "all of the group in this home" before "none of it there",
  // so the search dives to a whole solution first.
  struct Node {
    std::vector<Restriction> restrict;
    Objective bound;  // the parent's relaxation
    int depth = 0;
    bool with = false;
  };
  auto worse = [](const Node& a, const Node& b) {
    if (a.bound.weighted != b.bound.weighted || a.bound.cost != b.bound.cost)
      return b.bound.BetterThan(a.bound);
    if (a.depth != b.depth) return a.depth < b.depth;
    return !a.with && b.with;
  };
  std::priority_queue<Node, std::vector<Node>, decltype(worse)> open(worse);
  open.push(Node{});
  bool proved = true;
  Objective open_bound;
  while (!open.empty()) {
    if (out.nodes >= options.max_nodes) {
      proved = false;
      open_bound = open.top().bound;
      break;
    }
    Node node = open.top();
    open.pop();
    if (have_best && node.depth > 0 && !node.bound.BetterThan(best)) continue;
    ++out.nodes;
    Relaxation x = engine.Solve(node.restrict);
    out.pricing_rounds += x.rounds;
    out.arcs_built += x.arcs_built;
    if (!x.feasible) continue;
    Objective bound{x.weighted, x.cost};
    if (out.nodes == 1) root_bound = bound;
    if (have_best && !bound.BetterThan(best)) continue;
    auto offer = [&](const Relaxation& y) {
      std::vector<std::int32_t> rounded = RoundDown(y);
      Objective value = evaluate(rounded);
      if (!have_best || value.BetterThan(best)) {
        best = value;
        best_home = std::move(rounded);
        have_best = true;
      }
    };
    offer(x);
    std::int64_t split = FirstSplit(x, refs);
    if (split < 0) continue;  // whole: the rounding is this node's optimum
    if (out.nodes == 1) {
      // At the root, dive to a whole solution: usually optimal or nearly.
      std::vector<Restriction> dive_restrict = node.restrict;
      Relaxation whole =
          Dive(engine, refs, x, dive_restrict, out.pricing_rounds, out.arcs_built, out.dive_solves);
      offer(whole);
      if (!bound.BetterThan(best)) continue;  // the dive met the bound: optimal
    }
    auto r = static_cast<std::size_t>(split);
    // Branch on the piece carrying most of the group.
    std::int32_t target = -1;
    int most = x.unplaced_units[r];
    for (auto& [h, f] : x.placed[r])
      if (f > most) {
        most = f;
        target = h;
      }
    Node without{node.restrict, bound, node.depth + 1, false};
    Node with{std::move(node.restrict), bound, node.depth + 1, true};
    if (without.restrict.empty()) without.restrict.assign(refs.size(), {});
    if (with.restrict.empty()) with.restrict.assign(refs.size(), {});
    if (target < 0) {
      without.restrict[r].bypass_forbidden = true;
      with.restrict[r].forced_unplaced = true;
    } else {
      without.restrict[r].forbidden.push_back(target);
      with.restrict[r].forced = target;
    }
    open.push(std::move(without));
    open.push(std::move(with));
  }
  if (!proved) root_bound = open_bound;
  if (!have_best) best_home.assign(refs.size(), -1);
  out.outcome = proved ? AssignOutcome::kOptimal : AssignOutcome::kFeasible;
  if (!proved) {
    out.bound_weighted = root_bound.weighted;
    out.bound_cost = root_bound.cost;
  } else {
    out.bound_weighted = best.weighted;
    out.bound_cost = best.cost;
  }
  out.lists_completed = engine.lists_completed();
  const ArcSet& arcs = engine.arcs();
  out.home_of = best_home;
  out.why_unplaced.assign(refs.size(), Unplaced::kPlaced);
  out.explanation.assign(refs.size(), "");
  for (std::size_t r = 0; r < refs.size(); ++r) {
    if (best_home[r] < 0) {
      out.why_unplaced[r] = arcs.begin[r + 1] == arcs.begin[r] ? Unplaced::kNoFeasibleHome
                                                               : Unplaced::kLostToHigherPriority;
      continue;
    }
    out.children_placed += refs[r].places;
    if (options.explain)
      out.explanation[r] =
          Score(refs[r], s, static_cast<std::size_t>(best_home[r]), policy, true).explanation;
  }
  Objective final_value = evaluate(best_home);
  out.weighted_placed = final_value.weighted;
  out.total_cost = final_value.cost;
  return out;
}

}  // namespace

Assignment Assign(const std::vector<ReferralNeeds>& referrals, const Snapshot& snapshot,
                  const ArcSet& arcs, const MatchPolicy& policy, const AssignOptions& options) {
  return Run(referrals, snapshot, arcs, policy, options, /*full=*/false);
}

Assignment AssignFullGraph(const std::vector<ReferralNeeds>& referrals, const Snapshot& snapshot,
                           const ArcSet& arcs, const MatchPolicy& policy,
                           const AssignOptions& options) {
  return Run(referrals, snapshot, arcs, policy, options, /*full=*/true);
}

std::string CheckCertificate(const std::vector<ReferralNeeds>& refs, const Snapshot& s,
                             const ArcSet& arcs, const MatchPolicy& policy, const Assignment& a) {
  const std::size_t R = refs.size(), L = arcs.level_day.size(), sink = R + L;
  if (a.home_of.size() != R) return "assignment has the wrong number of referrals";
  // Primal: each placed referral uses a feasible arc; each home's places
  // suffice by date (nested availability: Hall's condition from the latest level).
  std::vector<std::int64_t> arc_of(R, -1);
  std::vector<std::int64_t> entering(L, 0);
  for (std::size_t r = 0; r < R; ++r) {
    if (a.home_of[r] < 0) continue;
    for (auto x = arcs.begin[r]; x < arcs.begin[r + 1]; ++x)
      if (arcs.home[static_cast<std::size_t>(x)] == a.home_of[r]) arc_of[r] = x;
    if (arc_of[r] < 0)
      return "referral " + std::to_string(r) + " placed in a home that is not feasible for it";
    entering[static_cast<std::size_t>(arcs.level[static_cast<std::size_t>(arc_of[r])])] +=
        refs[r].places;
  }
  // Flows on level->sink and chain arcs, draining from the latest level down.
  std::vector<std::int64_t> drain(L, 0), chain(L, 0);  // chain[l]: flow l -> l-1
  for (std::size_t h = 0; h < s.size(); ++h) {
    std::int64_t carry = 0;
    for (auto l = arcs.level_begin[h + 1] - 1; l >= arcs.level_begin[h]; --l) {
      auto li = static_cast<std::size_t>(l);
      carry += entering[li];
      drain[li] = std::min<std::int64_t>(carry, arcs.level_places[li]);
      carry -= drain[li];
      if (l > arcs.level_begin[h]) chain[li] = carry;
    }
    if (carry > 0)
      return "home " + std::to_string(h) + " has more children than places free in time";
  }
  // Dual: shortest distances in the residual graph (Bellman-Ford from a
  // virtual root). A negative cycle means a cheaper flow exists.
  double big_m = BigM(refs, arcs).big_m;
  struct Edge {
    std::uint32_t u, v;
    double c;
  };
  std::vector<Edge> residual;
  for (std::size_t r = 0; r < R; ++r) {
    double w = big_m * Weight(refs[r], policy);
    for (auto x = arcs.begin[r]; x < arcs.begin[r + 1]; ++x) {
      auto xi = static_cast<std::size_t>(x);
      double c = static_cast<double>(arcs.cost[xi]) - w;
      auto v = static_cast<std::uint32_t>(R + static_cast<std::size_t>(arcs.level[xi]));
      if (arc_of[r] == x)
        residual.push_back({v, static_cast<std::uint32_t>(r), -c});
      else
        residual.push_back({static_cast<std::uint32_t>(r), v, c});
    }
    if (a.home_of[r] < 0)
      residual.push_back({static_cast<std::uint32_t>(sink), static_cast<std::uint32_t>(r), 0});
    else
      residual.push_back({static_cast<std::uint32_t>(r), static_cast<std::uint32_t>(sink), 0});
  }
  for (std::size_t h = 0; h < s.size(); ++h) {
    for (auto l = arcs.level_begin[h]; l < arcs.level_begin[h + 1]; ++l) {
      auto li = static_cast<std::size_t>(l);
      auto u = static_cast<std::uint32_t>(R + li);
      if (drain[li] < arcs.level_places[li])
        residual.push_back({u, static_cast<std::uint32_t>(sink), 0});
      if (drain[li] > 0) residual.push_back({static_cast<std::uint32_t>(sink), u, 0});
      if (l > arcs.level_begin[h]) {
        residual.push_back({u, u - 1, 0});
        if (chain[li] > 0) residual.push_back({u - 1, u, 0});
      }
    }
  }
  std::vector<double> dist(R + L + 1, 0);
  for (std::size_t pass = 0; pass <= R + L + 1; ++pass) {
    bool changed = false;
    for (const Edge& e : residual)
      if (dist[e.u] + e.c < dist[e.v] - 1e-6) {
        dist[e.v] = dist[e.u] + e.c;
        changed = true;
      }
    if (!changed) {
      // Potentials pi = dist: every residual arc has reduced cost c + pi(u) - pi(v) >= 0.
      for (const Edge& e : residual)
        if (e.c + dist[e.u] - dist[e.v] < -1e-6) return "an arc with negative reduced cost";
      if (!arcs.complete()) {
        // Arcs left out carry no flow and cost at least rest_min.
        double top = -std::numeric_limits<double>::infinity();
        for (std::size_t l = 0; l < L; ++l) top = std::max(top, dist[R + l]);
        for (std::size_t r = 0; r < R; ++r)
          if (arcs.rest_min[r] != kNothingLeftOut && static_cast<double>(arcs.rest_min[r]) -
                                                             big_m * Weight(refs[r], policy) +
                                                             dist[r] - top <
                                                         -1e-6)
            return "an arc left out of referral " + std::to_string(r) +
                   "'s list might have negative reduced cost";
      }
      return "";
    }
  }
  return "negative cycle in the residual graph: the assignment is not optimal";
}

}  // namespace carecoop::match
