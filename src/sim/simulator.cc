// The policy simulator's engine (sim/simulator.h, docs/simulator.md).
#include "sim/simulator.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <deque>
#include <map>
#include <mutex>
#include <numeric>
#include <random>
#include <thread>
#include <tuple>

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
    // Where families live; and the grid of homes with a free place.
    council_points_.resize(w_.councils.size());
    for (std::size_t c = 0; c < w_.councils.size(); ++c)
      for (const LatLon& f : w_.councils[c].families)
        council_points_[c].push_back(match::ToUnitVector(f));
    cell_of_.resize(s.size());
    at_in_cell_.resize(s.size());
    at_in_council_.resize(s.size());
    for (auto& lists : free_by_council_) lists.resize(w_.councils.size());
    std::map<CouncilId, std::int32_t> council_index;
    for (std::size_t c = 0; c < w_.councils.size(); ++c)
      council_index[w_.councils[c].id] = static_cast<std::int32_t>(c);
    council_of_home_.resize(s.size());
    for (std::size_t h = 0; h < s.size(); ++h) {
      auto it = council_index.find(s.council[h]);
      council_of_home_[h] = it == council_index.end() ? -1 : it->second;
    }
    for (auto& cells : free_) cells.resize(static_cast<std::size_t>(kRows * kCols));
    for (std::size_t h = 0; h < s.size(); ++h) {
      cell_of_[h] = CellOf(s.location[h]);
      AddFree(h);
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
    if (++used_[h] == w_.places[h]) RemoveFree(h);
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
    if (used_[h]-- == w_.places[h]) AddFree(h);
    --used_by_setting_[static_cast<std::size_t>(w_.homes.setting[h])];
    k.home = -1;
    placed_[at] = placed_.back();
    placed_.pop_back();
  }

  // The grid of homes with a free place: cells of 0.1 degree of latitude by
  // 0.16 of longitude (at least 9.9 km a side across England), one list of
  // homes a setting and cell.
  static constexpr double kLat0 = 49.8, kLon0 = -6.5, kDLat = 0.1, kDLon = 0.16;
  static constexpr int kRows = 62, kCols = 54;
  static constexpr double kCellKm = 9.9;  // the shortest side of a cell
  static std::int32_t CellOf(const LatLon& p) {
    const int row = std::clamp(static_cast<int>((p.lat - kLat0) / kDLat), 0, kRows - 1);
    const int col = std::clamp(static_cast<int>((p.lon - kLon0) / kDLon), 0, kCols - 1);
    return row * kCols + col;
  }
  // A home in a cell's list, with what the footprint test reads beside it
  // (so the ring walk reads one list, not the snapshot's arrays).
  struct FreeHome {
    std::int32_t home;
    std::int32_t council;  // index into World::councils; -1 if none
    std::int32_t rcc;      // the snapshot's RCC index, or kNoRcc
  };
  void AddFree(std::size_t h) {
    auto& cell =
        free_[static_cast<std::size_t>(w_.homes.setting[h])][static_cast<std::size_t>(cell_of_[h])];
    at_in_cell_[h] = static_cast<std::int32_t>(cell.size());
    cell.push_back({static_cast<std::int32_t>(h), council_of_home_[h], w_.homes.rcc[h]});
    if (council_of_home_[h] < 0) return;
    auto& own = free_by_council_[static_cast<std::size_t>(w_.homes.setting[h])]
                                [static_cast<std::size_t>(council_of_home_[h])];
    at_in_council_[h] = static_cast<std::int32_t>(own.size());
    own.push_back(static_cast<std::int32_t>(h));
  }
  void RemoveFree(std::size_t h) {
    auto& cell =
        free_[static_cast<std::size_t>(w_.homes.setting[h])][static_cast<std::size_t>(cell_of_[h])];
    const auto at = static_cast<std::size_t>(at_in_cell_[h]);
    cell[at] = cell.back();
    at_in_cell_[static_cast<std::size_t>(cell[at].home)] = static_cast<std::int32_t>(at);
    cell.pop_back();
    if (council_of_home_[h] < 0) return;
    auto& own = free_by_council_[static_cast<std::size_t>(w_.homes.setting[h])]
                                [static_cast<std::size_t>(council_of_home_[h])];
    const auto mine = static_cast<std::size_t>(at_in_council_[h]);
    own[mine] = own.back();
    at_in_council_[static_cast<std::size_t>(own[mine])] = static_cast<std::int32_t>(mine);
    own.pop_back();
  }
  // Whether a listed home is in council `c`'s footprint.
  bool InFootprint(std::size_t c, const FreeHome& f) const {
    switch (d_.footprint) {
      case Footprint::kCouncil:
        return f.council == static_cast<std::int32_t>(c);
      case Footprint::kRcc:
        return w_.councils[c].rcc != match::kNoRcc && f.rcc == w_.councils[c].rcc;
      case Footprint::kNational:
        return true;
    }
    return false;
  }

  // The home for kid `i` on `day`, or -1: the design's choice among the
  // `candidates` nearest homes to the council's centre with a free place
  // that meet the child's needs, those inside the footprint first (only
  // when there is none inside, those outside).
  //
  // The search walks the grid of free homes ring by ring from the centre's
  // cell, in the settings the referral does not rule out, and stops when it
  // has its candidates and the next ring cannot hold a nearer home (or, for
  // the footprint, lies beyond the footprint's farthest home). A referral
  // few homes can take would walk most of the grid (each week, if it
  // waits), so once a search for a profile at an age finds no free home, or
  // scans over kLongScan free homes, the homes that meet the profile at
  // that age at all, free or not, are kept, and, if at most kShortList,
  // walked instead from then on. The choice is the same either way.
  std::int32_t Source(std::int32_t i, std::int32_t day) {
    const Kid& k = kids_[static_cast<std::size_t>(i)];
    const match::ReferralNeeds r = NeedsOf(k, day);
    const auto c = static_cast<std::size_t>(k.council);
    const match::UnitVector centre = match::ToUnitVector(w_.councils[c].centre);
    const std::pair<std::int32_t, int> key(k.profile, r.age);
    auto known = feasible_.find(key);
    if (known != feasible_.end() && known->second.use) {
      Nearest(known->second.homes, r, c, centre);
      return Choose(r);
    }
    std::int64_t scanned = 0;
    std::array<bool, 4> allowed{};
    for (std::size_t set = 0; set < 4; ++set)
      allowed[set] =
          match::SuitabilityFor(r, static_cast<Setting>(set)) != Suitability::kUnsuitable;
    const bool national = d_.footprint == Footprint::kNational;
    for (const bool inside : {true, false}) {
      if (!inside && national) break;
      found_.clear();
      if (inside && d_.footprint == Footprint::kCouncil) {
        // The council's own free homes: a short list, read whole.
        for (std::size_t set = 0; set < 4; ++set) {
          if (!allowed[set]) continue;
          for (std::int32_t hi : free_by_council_[set][c]) {
            const auto h = static_cast<std::size_t>(hi);
            if (!match::CheckHome(r, w_.homes, h, p_.policy).feasible()) continue;
            found_.emplace_back(match::DistanceKm(centre, w_.homes.point[h]), hi);
          }
        }
        if (!found_.empty()) break;
        continue;
      }
      const double reach = inside && !national ? FootprintRadiusKm(c) : 1e9;
      const std::int32_t home_cell = CellOf(w_.councils[c].centre);
      const int row0 = home_cell / kCols, col0 = home_cell % kCols;
      for (int ring = 0; ring < std::max(kRows, kCols); ++ring) {
        // Cells at this ring are at least (ring - 1) cells from the centre.
        const double nearest_possible = std::max(0, ring - 1) * kCellKm;
        if (nearest_possible > reach) break;
        if (static_cast<int>(found_.size()) >= p_.candidates) {
          std::nth_element(found_.begin(), found_.begin() + (p_.candidates - 1), found_.end());
          if (found_[static_cast<std::size_t>(p_.candidates - 1)].first <= nearest_possible) break;
        }
        for (int row = row0 - ring; row <= row0 + ring; ++row) {
          if (row < 0 || row >= kRows) continue;
          const bool edge = row == row0 - ring || row == row0 + ring;
          for (int col = col0 - ring; col <= col0 + ring; col += edge ? 1 : 2 * ring) {
            if (col >= 0 && col < kCols)
              for (std::size_t set = 0; set < 4; ++set) {
                if (!allowed[set]) continue;
                for (const FreeHome& f : free_[set][static_cast<std::size_t>(row * kCols + col)]) {
                  if (InFootprint(c, f) != (inside || national)) continue;
                  ++scanned;
                  const std::int32_t hi = f.home;
                  const auto h = static_cast<std::size_t>(hi);
                  if (!match::CheckHome(r, w_.homes, h, p_.policy).feasible()) continue;
                  found_.emplace_back(match::DistanceKm(centre, w_.homes.point[h]), hi);
                }
              }
            if (ring == 0) break;
          }
        }
      }
      if (!found_.empty()) break;
    }
    // A profile few homes meet (no free one, or a long scan for few): keep
    // the homes that meet it at all, once, and walk them from now on.
    if (known == feasible_.end() && (found_.empty() || scanned > kLongScan)) {
      Feasible& every = feasible_[key];
      for (std::size_t h = 0; h < w_.homes.size(); ++h)
        if (allowed[static_cast<std::size_t>(w_.homes.setting[h])] &&
            match::CheckHome(r, w_.homes, h, p_.policy).feasible())
          every.homes.push_back(static_cast<std::int32_t>(h));
      every.use = found_.empty() || every.homes.size() <= kShortList;
      if (!every.use) every.homes = {};
    }
    if (found_.empty()) {
      candidates_.clear();
      return -1;
    }
    KeepNearest();
    return Choose(r);
  }

  // candidates_: the `candidates` nearest of found_, nearest first.
  void KeepNearest() {
    std::sort(found_.begin(), found_.end());
    if (static_cast<int>(found_.size()) > p_.candidates)
      found_.resize(static_cast<std::size_t>(p_.candidates));
    candidates_.clear();
    for (const auto& f : found_) candidates_.push_back(f.second);
  }

  // candidates_ from `homes` (those that meet the profile): the nearest free
  // ones inside the footprint, else outside it.
  void Nearest(const std::vector<std::int32_t>& homes, const match::ReferralNeeds& r, std::size_t c,
               const match::UnitVector& centre) {
    const bool national = d_.footprint == Footprint::kNational;
    for (const bool inside : {true, false}) {
      found_.clear();
      for (std::int32_t hi : homes) {
        const auto h = static_cast<std::size_t>(hi);
        if (used_[h] >= w_.places[h] || (InFootprint(c, h) || national) != inside) continue;
        if (!match::CheckHome(r, w_.homes, h, p_.policy).feasible()) continue;  // siblings etc.
        found_.emplace_back(match::DistanceKm(centre, w_.homes.point[h]), hi);
      }
      if (!found_.empty() || national) break;
    }
    KeepNearest();
  }

  // The farthest a home of council `c`'s footprint is from its centre.
  double FootprintRadiusKm(std::size_t c) const {
    return d_.footprint == Footprint::kCouncil ? w_.council_reach_km[c] : w_.rcc_reach_km[c];
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
        ++year.leavers;
        continue;
      }
      const std::int32_t h = Source(i, day);
      if (h < 0) {
        ++year.waiting_weeks;
        if (++k.waited >= p_.max_wait_weeks) {
          // No registered place in time: placed outside the system modelled.
          k.left = true;
          ++year.unplaced;
        } else {
          waiting_.push_back(i);
        }
        continue;
      }
      k.waited = 0;
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
  std::vector<std::vector<match::UnitVector>> council_points_;
  std::vector<std::int32_t> candidates_;
  std::vector<std::pair<double, std::int32_t>> found_;  // km from the centre, home
  // Homes with a free place, by setting and grid cell; each home's cell and
  // its index in the cell's list.
  std::array<std::vector<std::vector<FreeHome>>, 4> free_;
  std::vector<std::int32_t> cell_of_, at_in_cell_, council_of_home_;
  // Homes with a free place, by setting and council (the council
  // footprint's search), with each home's index in its list.
  std::array<std::vector<std::vector<std::int32_t>>, 4> free_by_council_;
  std::vector<std::int32_t> at_in_council_;
  // The homes that meet a profile at an age, free or not: kept once a
  // search for it found no free one (Source).
  struct Feasible {
    bool use = false;  // short enough to walk instead of the grid
    std::vector<std::int32_t> homes;
  };
  std::map<std::pair<std::int32_t, int>, Feasible> feasible_;
  // A scan of more free homes than this keeps the profile's homes; kept
  // lists longer than this are not used (the grid is quicker).
  static constexpr std::int64_t kLongScan = 2'000;
  static constexpr std::size_t kShortList = 4'000;
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
  // Each council's farthest home in its own area, and in its RCC's.
  w.council_reach_km.assign(councils.size(), 0);
  w.rcc_reach_km.assign(councils.size(), 0);
  for (std::size_t c = 0; c < councils.size(); ++c) {
    const match::UnitVector centre = match::ToUnitVector(councils[c].centre);
    for (std::size_t h = 0; h < homes.size(); ++h) {
      const bool own = homes.council[h] == councils[c].id;
      const bool rcc = councils[c].rcc != match::kNoRcc && homes.rcc[h] == councils[c].rcc;
      if (!own && !rcc) continue;
      const double km = match::DistanceKm(centre, homes.point[h]);
      if (own) w.council_reach_km[c] = std::max(w.council_reach_km[c], km);
      if (rcc) w.rcc_reach_km[c] = std::max(w.rcc_reach_km[c], km);
    }
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
