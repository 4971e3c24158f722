// The policy simulator's engine (sim/simulator.h, docs/simulator.md).
#include "sim/simulator.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <deque>
#include <mutex>
#include <numeric>
#include <random>
#include <thread>
#include <tuple>
#include <unordered_map>

#include "match/feasibility.h"
#include "match/rank.h"
#include "match/sequential.h"

namespace carecoop::sim {
namespace {

constexpr double kTwentyMilesKm = 20 * kKmPerMile;
constexpr int kWeeksInYear = 52;

std::uint64_t SplitMix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

// Whether home `id` is one of the contracted share of homes: a fixed
// pseudo-random subset, the same in every run and design.
bool Contracted(HomeId id, double share) {
  const auto u =
      static_cast<double>(SplitMix64(static_cast<std::uint64_t>(id.value())) >> 11) * 0x1.0p-53;
  return u < share;
}

// A child of one run.
struct Kid {
  std::int32_t council = 0;
  std::int32_t home = -1;  // -1: waiting
  std::int32_t birth_day = 0;
  std::int32_t profile = 0;
  match::UnitVector family;
  bool met = true;   // the placement fully meets the child's needs
  bool far = false;  // placed over 20 miles from the family
  double fee = 0;    // pounds a week
  bool left = false;
  int waited = 0;  // weeks waiting for this referral's place
};

int AgeOn(std::int32_t birth_day, std::int32_t day) {
  return static_cast<int>(std::floor((day - birth_day) / 365.25));
}

// One run's state and rules.
class Run {
 public:
  Run(const World& w, const Design& d, const Parameters& p, std::uint64_t seed)
      : w_(w),
        d_(d),
        p_(p),
        entries_rng_(SplitMix64(seed ^ 0x656E7472696573ULL)),
        rng_(seed),
        used_(w.homes.size(), 0) {
    const auto& s = w_.homes;
    for (std::size_t h = 0; h < s.size(); ++h)
      places_by_setting_[static_cast<std::size_t>(s.setting[h])] += w_.places[h];
    // Each council's footprint homes by setting, nearest first (England's:
    // the world's lists themselves); and where families live.
    if (d_.footprint != Footprint::kNational) footprint_.resize(w_.councils.size());
    council_points_.resize(w_.councils.size());
    for (std::size_t c = 0; c < w_.councils.size(); ++c) {
      if (d_.footprint != Footprint::kNational)
        for (std::size_t set = 0; set < 4; ++set)
          for (const World::Near& n : w_.nearest[c][set])
            if (InFootprint(c, static_cast<std::size_t>(n.home))) footprint_[c][set].push_back(n);
      for (const LatLon& f : w_.councils[c].families)
        council_points_[c].push_back(match::ToUnitVector(f));
    }
  }

  RunOutcome Go(int years, std::uint64_t seed) {
    RunOutcome out;
    out.seed = seed;
    for (const StartingChild& c : w_.children) {
      Kid k;
      k.council = c.council;
      k.birth_day = c.birth_day;
      k.profile = c.profile;
      k.family = FamilyPoint(static_cast<std::size_t>(c.council), entries_rng_);
      kids_.push_back(k);
      const auto i = static_cast<std::int32_t>(kids_.size() - 1);
      if (c.home >= 0)
        Place(i, static_cast<std::size_t>(c.home), nullptr);
      else
        waiting_.push_back(i);
    }
    for (int y = 0; y < years; ++y) {
      YearOutcome year;
      year.year = y + 1;
      for (int wk = 0; wk < kWeeksInYear; ++wk)
        Week(static_cast<std::int32_t>(w_.start.days_since_epoch()) + 7 * (y * kWeeksInYear + wk),
             year);
      year.in_care_at_end = static_cast<std::int64_t>(placed_.size() + waiting_.size());
      for (std::int32_t i : placed_)
        ++year.placed_at_end[static_cast<std::size_t>(
            w_.homes.setting[static_cast<std::size_t>(kids_[static_cast<std::size_t>(i)].home)])];
      out.years.push_back(year);
    }
    return out;
  }

 private:
  bool InFootprint(std::size_t council, std::size_t h) const {
    switch (d_.footprint) {
      case Footprint::kCouncil:
        return w_.homes.council[h] == w_.councils[council].id;
      case Footprint::kRcc:
        return w_.councils[council].rcc != match::kNoRcc &&
               w_.homes.rcc[h] == w_.councils[council].rcc;
      case Footprint::kNational:
        return true;
    }
    return false;
  }

  // A family's home: one of the council's family locations, or its centre.
  match::UnitVector FamilyPoint(std::size_t council, std::mt19937_64& rng) {
    const auto& points = council_points_[council];
    if (points.empty()) return match::ToUnitVector(w_.councils[council].centre);
    std::uniform_int_distribution<std::size_t> pick(0, points.size() - 1);
    return points[pick(rng)];
  }

  double Uniform() { return std::uniform_real_distribution<double>(0.0, 1.0)(rng_); }

  // The referral of kid `i` on `day`: its profile, as this child.
  match::ReferralNeeds NeedsOf(const Kid& k, std::int32_t day) const {
    match::ReferralNeeds r = w_.profiles[static_cast<std::size_t>(k.profile)];
    const SimCouncil& c = w_.councils[static_cast<std::size_t>(k.council)];
    r.council = c.id;
    r.rcc = c.rcc;
    r.age = AgeOn(k.birth_day, day);
    r.places = 1;
    r.latest_start_day = day;
    r.family = k.family;
    // The profile's school and people to avoid were another child's places.
    r.school.reset();
    r.stays_at_school = false;
    r.must_continue_school = false;
    r.avoid.clear();
    return r;
  }

  // The weekly fee of home `h` for band `band`, and whether at the spot fee.
  std::pair<double, bool> FeeOf(std::size_t council, std::size_t h, NeedBand band) const {
    const double fee =
        static_cast<double>(w_.homes.weekly_fee[h][static_cast<std::size_t>(band)].value()) / 100;
    if (InFootprint(council, h) && Contracted(w_.homes.id[h], d_.contracted_share))
      return {fee, false};
    const auto setting = static_cast<std::size_t>(w_.homes.setting[h]);
    const double occupancy = places_by_setting_[setting] > 0
                                 ? static_cast<double>(used_by_setting_[setting]) /
                                       static_cast<double>(places_by_setting_[setting])
                                 : 0.0;
    const double scarcity = 1 + p_.scarcity_slope * std::max(0.0, occupancy - p_.scarcity_from);
    return {fee * (1 + p_.spot_premium) * scarcity, true};
  }

  // Puts kid `i` in home `h`; with `year`, counts it as a placement made.
  void Place(std::int32_t i, std::size_t h, YearOutcome* year) {
    Kid& k = kids_[static_cast<std::size_t>(i)];
    const std::int32_t day =
        today_ ? today_ : static_cast<std::int32_t>(w_.start.days_since_epoch());
    const match::ReferralNeeds r = NeedsOf(k, day);
    const match::Option o = match::Score(r, w_.homes, h, p_.policy, false);
    k.home = static_cast<std::int32_t>(h);
    k.met = match::NeedsFullyMet(r, w_.homes, h, o, p_.policy);
    k.far = o.family_km > kTwentyMilesKm;
    const auto [fee, spot] = FeeOf(static_cast<std::size_t>(k.council), h, r.band);
    k.fee = fee;
    ++used_[h];
    ++used_by_setting_[static_cast<std::size_t>(w_.homes.setting[h])];
    placed_.push_back(i);
    if (!year) return;
    ++year->placements;
    year->far += k.far;
    year->outside_council += w_.homes.council[h] != r.council;
    year->outside_rcc += r.rcc == match::kNoRcc || w_.homes.rcc[h] != r.rcc;
    year->needs_met += k.met;
    year->spot += spot;
  }

  // Frees kid `i`'s place (its index in placed_ is `at`).
  void Vacate(std::size_t at) {
    Kid& k = kids_[static_cast<std::size_t>(placed_[at])];
    const auto h = static_cast<std::size_t>(k.home);
    --used_[h];
    --used_by_setting_[static_cast<std::size_t>(w_.homes.setting[h])];
    k.home = -1;
    placed_[at] = placed_.back();
    placed_.pop_back();
  }

  // The home for kid `i` on `day`, or -1: the design's choice among the
  // nearest feasible homes with a free place, inside the footprint first.
  //
  // A referral no home with a free place can take walks every home of its
  // settings; it would again each week it waits. So on such a failure the
  // homes that meet its needs at all (free or not) are kept, nearest first,
  // and the next weeks walk only them, until it is placed, leaves, or has a
  // birthday (the homes' age ranges then decide afresh).
  std::int32_t Source(std::int32_t i, std::int32_t day) {
    const Kid& k = kids_[static_cast<std::size_t>(i)];
    const match::ReferralNeeds r = NeedsOf(k, day);
    const auto c = static_cast<std::size_t>(k.council);
    candidates_.clear();
    auto cached = cache_.find(i);
    if (cached != cache_.end() && cached->second.age == r.age) {
      for (bool inside : {true, false}) {
        for (std::int32_t hi : cached->second.homes) {
          const auto h = static_cast<std::size_t>(hi);
          if (used_[h] >= w_.places[h] || InFootprint(c, h) != inside) continue;
          candidates_.push_back(hi);
          if (static_cast<int>(candidates_.size()) >= p_.candidates) break;
        }
        if (!candidates_.empty()) break;
      }
      return Choose(r);
    }
    // The settings the referral does not rule out.
    std::array<bool, 4> allowed{};
    for (std::size_t set = 0; set < 4; ++set)
      allowed[set] =
          match::SuitabilityFor(r, static_cast<Setting>(set)) != Suitability::kUnsuitable;
    // Walks `lists` (by setting) merged by distance, nearest first; with
    // `every`, keeps every home that meets the needs, free or not.
    auto gather = [&](const World::NearLists& lists, bool skip_footprint, bool every = false) {
      std::array<std::size_t, 4> at{};
      for (;;) {
        int next = -1;
        for (int set = 0; set < 4; ++set) {
          const auto& list = lists[static_cast<std::size_t>(set)];
          const std::size_t j = at[static_cast<std::size_t>(set)];
          if (!allowed[static_cast<std::size_t>(set)] || j >= list.size()) continue;
          if (next < 0 ||
              list[j].km <
                  lists[static_cast<std::size_t>(next)][at[static_cast<std::size_t>(next)]].km)
            next = set;
        }
        if (next < 0) return;
        const auto h = static_cast<std::size_t>(
            lists[static_cast<std::size_t>(next)][at[static_cast<std::size_t>(next)]++].home);
        if (!every && used_[h] >= w_.places[h]) continue;
        if (skip_footprint && InFootprint(c, h)) continue;
        if (!match::CheckHome(r, w_.homes, h, p_.policy).feasible()) continue;
        candidates_.push_back(static_cast<std::int32_t>(h));
        if (!every && static_cast<int>(candidates_.size()) >= p_.candidates) return;
      }
    };
    if (d_.footprint == Footprint::kNational) {
      gather(w_.nearest[c], false);
    } else {
      gather(footprint_[c], false);
      if (candidates_.empty()) gather(w_.nearest[c], true);
    }
    if (candidates_.empty()) {
      gather(w_.nearest[c], false, true);
      cache_[i] = {r.age, candidates_};
      return -1;
    }
    return Choose(r);
  }

  // The design's choice among candidates_ (not empty) for `r`.
  std::int32_t Choose(const match::ReferralNeeds& r) {
    if (candidates_.empty()) return -1;
    const auto band = static_cast<std::size_t>(r.band);
    std::int32_t best = -1;
    if (d_.sourcing == Sourcing::kNeedsLed) {
      std::int64_t best_cost = 0;
      for (std::int32_t hi : candidates_) {
        const std::int64_t cost = match::Cost(r, w_.homes, static_cast<std::size_t>(hi), p_.policy);
        if (best < 0 || cost < best_cost || (cost == best_cost && hi < best)) {
          best = hi;
          best_cost = cost;
        }
      }
      return best;
    }
    // Sequential: the council's tiers, cheapest first, nearer on equal fees.
    auto key = [&](std::int32_t hi) {
      const auto h = static_cast<std::size_t>(hi);
      return std::tuple(match::SequentialTier(w_.homes, h, r.council),
                        w_.homes.weekly_fee[h][band].value(),
                        r.family ? match::DistanceKm(*r.family, w_.homes.point[h]) : 0.0, hi);
    };
    for (std::int32_t hi : candidates_)
      if (best < 0 || key(hi) < key(best)) best = hi;
    return best;
  }

  void Week(std::int32_t day, YearOutcome& year) {
    today_ = day;
    // 1. Entries.
    for (std::size_t c = 0; c < w_.councils.size(); ++c) {
      const double mean = w_.councils[c].entries_per_year / kWeeksInYear;
      if (mean <= 0) continue;
      const int n = std::poisson_distribution<int>(mean)(entries_rng_);
      for (int e = 0; e < n; ++e) {
        Kid k;
        k.council = static_cast<std::int32_t>(c);
        k.profile = std::uniform_int_distribution<std::int32_t>(
            0, static_cast<std::int32_t>(w_.profiles.size()) - 1)(entries_rng_);
        const int age = w_.profiles[static_cast<std::size_t>(k.profile)].age;
        k.birth_day = day - static_cast<std::int32_t>(std::floor(age * 365.25)) -
                      std::uniform_int_distribution<std::int32_t>(0, 364)(entries_rng_);
        k.family = FamilyPoint(c, entries_rng_);
        kids_.push_back(k);
        waiting_.push_back(static_cast<std::int32_t>(kids_.size() - 1));
        ++year.entries;
      }
    }
    // 2. Leaving and moving.
    const double leave = 1 - std::exp(-1.0 / (kWeeksInYear * p_.mean_stay_years));
    for (std::size_t at = placed_.size(); at-- > 0;) {
      const std::int32_t i = placed_[at];
      Kid& k = kids_[static_cast<std::size_t>(i)];
      if (AgeOn(k.birth_day, day) >= 18 || Uniform() < leave) {
        Vacate(at);
        k.left = true;
        ++year.leavers;
        continue;
      }
      const double hazard = p_.breakdown_per_year * (k.met ? 1.0 : p_.unmet_needs_factor) *
                            (k.far ? p_.far_factor : 1.0);
      if (Uniform() < 1 - std::exp(-hazard / kWeeksInYear)) {
        Vacate(at);
        waiting_.push_back(i);
        ++year.changes;
      }
    }
    // 3. Sourcing, oldest referral first.
    const std::size_t n = waiting_.size();
    for (std::size_t q = 0; q < n; ++q) {
      const std::int32_t i = waiting_.front();
      waiting_.pop_front();
      Kid& k = kids_[static_cast<std::size_t>(i)];
      if (AgeOn(k.birth_day, day) >= 18) {
        k.left = true;
        cache_.erase(i);
        ++year.leavers;
        continue;
      }
      const std::int32_t h = Source(i, day);
      if (h < 0) {
        ++year.waiting_weeks;
        if (++k.waited >= p_.max_wait_weeks) {
          // No registered place in time: placed outside the system modelled.
          k.left = true;
          cache_.erase(i);
          ++year.unplaced;
        } else {
          waiting_.push_back(i);
        }
        continue;
      }
      k.waited = 0;
      cache_.erase(i);
      Place(i, static_cast<std::size_t>(h), &year);
    }
    // 4. Spend.
    for (std::int32_t i : placed_) year.spend += kids_[static_cast<std::size_t>(i)].fee;
  }

  const World& w_;
  const Design& d_;
  const Parameters& p_;
  // Two streams: who enters care (the same under every design, so that
  // designs compared on one seed meet the same children: common random
  // numbers), and every other draw.
  std::mt19937_64 entries_rng_;
  std::mt19937_64 rng_;
  std::vector<Kid> kids_;
  std::vector<std::int32_t> placed_;  // kids placed now
  std::deque<std::int32_t> waiting_;  // kids waiting for a place, oldest first
  std::vector<std::int32_t> used_;    // places used, by home
  std::array<std::int64_t, 4> places_by_setting_{}, used_by_setting_{};
  std::vector<World::NearLists> footprint_;  // by council; none for England's
  std::vector<std::vector<match::UnitVector>> council_points_;
  std::vector<std::int32_t> candidates_;
  // The homes that meet a waiting referral's needs, nearest first, kept after
  // a week no free one was found (Source), by kid.
  struct Feasible {
    int age = -1;
    std::vector<std::int32_t> homes;
  };
  std::unordered_map<std::int32_t, Feasible> cache_;
  std::int32_t today_ = 0;
};

Estimate EstimateOf(const std::vector<double>& xs) {
  Estimate e;
  if (xs.empty()) return e;
  const double n = static_cast<double>(xs.size());
  e.mean = std::accumulate(xs.begin(), xs.end(), 0.0) / n;
  double ss = 0;
  for (double x : xs) ss += (x - e.mean) * (x - e.mean);
  const double half = xs.size() > 1 ? 1.96 * std::sqrt(ss / (n - 1)) / std::sqrt(n) : 0.0;
  e.low = e.mean - half;
  e.high = e.mean + half;
  return e;
}

double Share(std::int64_t part, std::int64_t whole) {
  return whole > 0 ? static_cast<double>(part) / static_cast<double>(whole) : 0.0;
}

}  // namespace

Status Validate(const Design& d) {
  if (!(d.contracted_share >= 0 && d.contracted_share <= 1))
    return InvalidArgument("contractedShare", "must be between 0 and 1");
  if (!IsKnownEnumValue(d.footprint)) return InvalidArgument("footprint", "is not a footprint");
  if (!IsKnownEnumValue(d.sourcing)) return InvalidArgument("sourcing", "is not a sourcing policy");
  return Status::Ok();
}

Status Validate(const Parameters& p) {
  if (!(p.mean_stay_years >= 0.1)) return InvalidArgument("meanStayYears", "must be at least 0.1");
  for (auto [name, value] : {std::pair{"breakdownPerYear", p.breakdown_per_year},
                             {"unmetNeedsFactor", p.unmet_needs_factor},
                             {"farFactor", p.far_factor},
                             {"spotPremium", p.spot_premium},
                             {"scarcitySlope", p.scarcity_slope}})
    if (!(value >= 0)) return InvalidArgument(name, "must not be negative");
  if (!(p.scarcity_from >= 0 && p.scarcity_from <= 1))
    return InvalidArgument("scarcityFrom", "must be between 0 and 1");
  if (p.candidates < 1) return InvalidArgument("candidates", "must be at least 1");
  if (p.max_wait_weeks < 1) return InvalidArgument("maxWaitWeeks", "must be at least 1");
  return Status::Ok();
}

Result<World> MakeWorld(Date start, match::Snapshot homes, std::vector<std::int32_t> places,
                        std::vector<SimCouncil> councils,
                        std::vector<match::ReferralNeeds> profiles,
                        std::vector<StartingChild> children) {
  World w;
  w.start = start;
  if (profiles.empty()) return InvalidArgument("profiles", "a world needs a need profile");
  if (councils.empty()) return InvalidArgument("councils", "a world needs a council");
  if (places.size() != homes.size())
    return InvalidArgument("places", "must give each home's registered places");
  for (std::size_t c = 0; c < councils.size(); ++c)
    if (!(councils[c].entries_per_year >= 0))
      return InvalidArgument("councils[" + std::to_string(c) + "].entriesPerYear",
                             "must not be negative");
  // Every registered place is a place free from the epoch: the engine
  // counts who is in it; the matching engine's checks see the home's size.
  homes.free_begin.assign(1, 0);
  homes.free_from.clear();
  homes.vacancy.clear();
  for (std::size_t h = 0; h < homes.size(); ++h) {
    if (places[h] < 1)
      return InvalidArgument("places[" + std::to_string(h) + "]", "a home has a place at least");
    homes.free_from.insert(homes.free_from.end(), static_cast<std::size_t>(places[h]), 0);
    homes.vacancy.insert(homes.vacancy.end(), static_cast<std::size_t>(places[h]), VacancyId());
    homes.free_begin.push_back(static_cast<std::int32_t>(homes.free_from.size()));
  }
  homes.Index();
  w.places = std::move(places);
  for (std::size_t i = 0; i < children.size(); ++i) {
    const StartingChild& c = children[i];
    const std::string field = "children[" + std::to_string(i) + "]";
    if (c.council < 0 || static_cast<std::size_t>(c.council) >= councils.size())
      return InvalidArgument(field + ".council", "is not a council of the world");
    if (c.home >= static_cast<std::int32_t>(homes.size()))
      return InvalidArgument(field + ".home", "is not a home of the world");
    if (c.profile < 0 || static_cast<std::size_t>(c.profile) >= profiles.size())
      return InvalidArgument(field + ".profile", "is not a profile of the world");
  }
  w.nearest.resize(councils.size());
  for (std::size_t c = 0; c < councils.size(); ++c) {
    const match::UnitVector centre = match::ToUnitVector(councils[c].centre);
    for (std::size_t h = 0; h < homes.size(); ++h)
      w.nearest[c][static_cast<std::size_t>(homes.setting[h])].push_back(
          {static_cast<float>(match::DistanceKm(centre, homes.point[h])),
           static_cast<std::int32_t>(h)});
    for (auto& list : w.nearest[c])
      std::stable_sort(list.begin(), list.end(),
                       [](const World::Near& a, const World::Near& b) { return a.km < b.km; });
  }
  w.homes = std::move(homes);
  w.councils = std::move(councils);
  w.profiles = std::move(profiles);
  w.children = std::move(children);
  return w;
}

RunOutcome RunOnce(const World& world, const Design& design, const Parameters& parameters,
                   int years, std::uint64_t seed) {
  Run run(world, design, parameters, seed);
  return run.Go(years, seed);
}

std::uint64_t RunSeed(std::uint64_t seed, int run) {
  return SplitMix64(SplitMix64(seed) + static_cast<std::uint64_t>(run));
}

std::vector<RunOutcome> RunMany(const World& world, const Design& design,
                                const Parameters& parameters, int years, int runs,
                                std::uint64_t seed, int threads,
                                const std::function<void(int)>& progress) {
  std::vector<RunOutcome> out(static_cast<std::size_t>(std::max(runs, 0)));
  std::atomic<int> next{0}, done{0};
  std::mutex report;
  auto work = [&] {
    for (int i = next++; i < runs; i = next++) {
      out[static_cast<std::size_t>(i)] =
          RunOnce(world, design, parameters, years, RunSeed(seed, i));
      const int finished = ++done;
      if (progress) {
        std::lock_guard<std::mutex> lock(report);
        progress(finished);
      }
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < std::max(threads, 1); ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
  return out;
}

std::vector<YearSummary> Summarise(const std::vector<RunOutcome>& runs) {
  std::vector<YearSummary> out;
  if (runs.empty()) return out;
  const std::size_t years = runs.front().years.size();
  for (std::size_t y = 0; y < years; ++y) {
    std::vector<double> entries, leavers, changes, placements, far, outside_council, outside_rcc,
        met, spot, spend, in_care;
    for (const RunOutcome& r : runs) {
      const YearOutcome& o = r.years[y];
      entries.push_back(static_cast<double>(o.entries));
      leavers.push_back(static_cast<double>(o.leavers));
      changes.push_back(static_cast<double>(o.changes));
      placements.push_back(static_cast<double>(o.placements));
      far.push_back(Share(o.far, o.placements));
      outside_council.push_back(Share(o.outside_council, o.placements));
      outside_rcc.push_back(Share(o.outside_rcc, o.placements));
      met.push_back(Share(o.needs_met, o.placements));
      spot.push_back(Share(o.spot, o.placements));
      spend.push_back(o.spend);
      in_care.push_back(static_cast<double>(o.in_care_at_end));
    }
    out.push_back({static_cast<int>(y + 1), EstimateOf(entries), EstimateOf(leavers),
                   EstimateOf(changes), EstimateOf(placements), EstimateOf(far),
                   EstimateOf(outside_council), EstimateOf(outside_rcc), EstimateOf(met),
                   EstimateOf(spot), EstimateOf(spend), EstimateOf(in_care)});
  }
  return out;
}

}  // namespace carecoop::sim
