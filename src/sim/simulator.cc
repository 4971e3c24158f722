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
bool Contracted(HomeId id, double share) { return ContractDraw(id) < share; }

// A child of one run.
struct Kid {
  std::int32_t council = 0;
  std::int32_t home = -1;  // -1: waiting
  std::int32_t birth_day = 0;
  std::int32_t profile = 0;
  LatLon family_at;  // where the child's family lives
  match::UnitVector family;
  bool supported_plan = false;  // 16 or 17, planned for supported accommodation
  bool met = true;              // the placement fully meets the child's needs
  bool far = false;             // placed over 20 miles from the family
  double fee = 0;               // pounds a week
  int waited = 0;               // weeks waiting for this referral's place
};

// The DfE's age groups of children starting to be looked after: under 1,
// 1-4, 5-9, 10-15, 16 and over.
std::size_t AgeGroup(int age) {
  return age < 1 ? 0 : age < 5 ? 1 : age < 10 ? 2 : age < 16 ? 3 : 4;
}

int AgeOn(std::int32_t birth_day, std::int32_t day) {
  return static_cast<int>(std::floor((day - birth_day) / 365.25));
}

// One run's state and rules.
class Run {
 public:
  Run(const World& w, const Design& d, const Parameters& p, std::uint64_t seed,
      const std::vector<std::int32_t>& focus)
      : w_(w),
        d_(d),
        base_(TodayDesign()),
        p_(p),
        entries_rng_(SplitMix64(seed ^ 0x656E7472696573ULL)),
        rng_(seed),
        used_(w.homes.size(), 0),
        capacity_(w.homes.size(), 0),
        available_(w.homes.size(), 0),
        open_(w.homes.size(), 1),
        listed_(w.homes.size(), 0),
        preferred_(w.homes.size(), 0),
        block_(w.homes.size(), 0),
        rare_home_(w.homes.size(), 0) {
    const auto& s = w_.homes;
    // Where the design applies (the rest of England runs today's), and
    // whose children the outcomes count.
    applies_.assign(w_.councils.size(), d_.rccs.empty());
    counted_.assign(w_.councils.size(), focus.empty());
    for (std::size_t c = 0; c < w_.councils.size(); ++c) {
      const std::int32_t rcc = w_.councils[c].rcc;
      if (rcc == match::kNoRcc) continue;
      if (std::find(d_.rccs.begin(), d_.rccs.end(), rcc) != d_.rccs.end()) applies_[c] = 1;
      if (std::find(focus.begin(), focus.end(), rcc) != focus.end()) counted_[c] = 1;
    }
    std::map<CouncilId, std::int32_t> council_index;
    for (std::size_t c = 0; c < w_.councils.size(); ++c)
      council_index[w_.councils[c].id] = static_cast<std::int32_t>(c);
    council_of_home_.resize(s.size());
    for (std::size_t h = 0; h < s.size(); ++h) {
      auto it = council_index.find(s.council[h]);
      council_of_home_[h] = it == council_index.end() ? -1 : it->second;
    }
    // Each home's places a hub can use (a fixed subset); whether it is one
    // the footprint searches first (run by a council, or contracted by the
    // commissioner of its area, under the design that applies there),
    // under a block contract, or under a national contract for rare needs.
    for (std::size_t h = 0; h < s.size(); ++h) {
      const double share = p_.available_share[static_cast<std::size_t>(s.setting[h])];
      for (std::int32_t j = 0; j < w_.places[h]; ++j)
        available_[h] += Uniform01(SplitMix64(static_cast<std::uint64_t>(s.id[h].value()) * 64 +
                                              static_cast<std::uint64_t>(j))) < share;
      const Design& area =
          council_of_home_[h] < 0 ? d_ : D(static_cast<std::size_t>(council_of_home_[h]));
      preferred_[h] = s.in_house[h] || Contracted(s.id[h], area.contracted_share);
      block_[h] = !s.in_house[h] && Contracted(s.id[h], area.block_share);
      rare_home_[h] =
          RareNeedsHome(h) && Uniform01(SplitMix64(static_cast<std::uint64_t>(s.id[h].value()) ^
                                                   0x72617265ULL)) < p_.national_rare_share;
      if (!w_.open.empty()) open_[h] = w_.open[h];
      if (block_[h]) block_homes_.push_back(static_cast<std::int32_t>(h));
    }
    // Profiles by age group, for entries.
    for (std::size_t i = 0; i < w_.profiles.size(); ++i)
      profiles_of_group_[AgeGroup(w_.profiles[i].age)].push_back(static_cast<std::int32_t>(i));
    for (std::size_t g = 0; g < kAgeGroups; ++g)
      if (!profiles_of_group_[g].empty()) entry_share_total_ += p_.entry_age_share[g];
    // The homes open and not, by area (an RCC's, or none) and setting.
    areas_ = static_cast<std::int32_t>(s.rcc_ids.size()) + 1;
    lists_.resize(static_cast<std::size_t>(areas_) * 4 * 2);
    at_in_list_.resize(s.size());
    for (std::size_t h = 0; h < s.size(); ++h) {
      auto& list = lists_[ListOf(h, open_[h] != 0)];
      at_in_list_[h] = static_cast<std::int32_t>(list.size());
      list.push_back(static_cast<std::int32_t>(h));
    }
    // Where families live; and the grid of homes with a free place.
    cell_of_.resize(s.size());
    at_in_cell_.resize(s.size());
    at_in_council_.resize(s.size());
    for (auto& lists : free_by_council_) lists.resize(w_.councils.size());
    for (auto& cells : free_) cells.resize(static_cast<std::size_t>(kRows * kCols));
    for (std::size_t h = 0; h < s.size(); ++h) {
      cell_of_[h] = CellOf(s.location[h]);
      if (open_[h]) SetCapacity(h, available_[h]);
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
      k.family_at = FamilyAt(static_cast<std::size_t>(c.council), entries_rng_);
      k.family = match::ToUnitVector(k.family_at);
      k.supported_plan = c.home >= 0 && w_.homes.setting[static_cast<std::size_t>(c.home)] ==
                                            Setting::kSupportedAccommodation;
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
             wk, year);
      for (std::int32_t i : waiting_)
        year.in_care_at_end += Counted(kids_[static_cast<std::size_t>(i)]);
      for (std::int32_t i : placed_) {
        const Kid& k = kids_[static_cast<std::size_t>(i)];
        if (!Counted(k)) continue;
        ++year.in_care_at_end;
        ++year.placed_at_end[static_cast<std::size_t>(
            w_.homes.setting[static_cast<std::size_t>(k.home)])];
      }
      year.places_at_end = places_by_setting_;
      out.years.push_back(year);
    }
    return out;
  }

 private:
  // Whether a home in council `home_council` (index, or -1) and RCC
  // `home_rcc` lies in council `c`'s footprint.
  bool InFootprint(std::size_t c, std::int32_t home_council, std::int32_t home_rcc) const {
    switch (D(c).footprint) {
      case Footprint::kCouncil:
        return home_council == static_cast<std::int32_t>(c);
      case Footprint::kRcc:
        return w_.councils[c].rcc != match::kNoRcc && home_rcc == w_.councils[c].rcc;
      case Footprint::kNational:
        return true;
    }
    return false;
  }
  // Whether council `c`'s hub searches home `h` first and buys it at its
  // fee: a home run by a council or under contract, in the footprint.
  bool Preferred(std::size_t c, std::size_t h) const {
    return preferred_[h] && InFootprint(c, council_of_home_[h], w_.homes.rcc[h]);
  }
  // The design that applies to council `c`: the one under test, or, outside
  // the RCCs it is tried in, today's.
  const Design& D(std::size_t c) const { return applies_[c] ? d_ : base_; }
  // A referral national contracts for rare needs cover: a specialist need
  // band, or a deprivation of liberty.
  static bool Rare(const match::ReferralNeeds& r) {
    return r.band == NeedBand::kSpecialist || r.deprivation_of_liberty;
  }
  // A home such contracts can buy: a secure children's home, or a
  // children's home staffing 2:1 or more.
  bool RareNeedsHome(std::size_t h) const {
    const Setting s = w_.homes.setting[h];
    return s == Setting::kSecureChildrensHome ||
           (s == Setting::kChildrensHome && static_cast<int>(w_.homes.max_support_ratio[h]) >=
                                                static_cast<int>(SupportRatio::kTwoToOne));
  }
  // Whether council `c`'s hub, for a rare-needs child when national
  // contracts for rare needs are on, searches home `h` first: a home under
  // such a contract, anywhere in England.
  bool RareFirst(std::size_t c, std::size_t h, bool rare) const {
    return rare && D(c).national_rare_needs && rare_home_[h];
  }
  bool Counted(const Kid& k) const { return counted_[static_cast<std::size_t>(k.council)] != 0; }

  static double Uniform01(std::uint64_t bits) {
    return static_cast<double>(bits >> 11) * 0x1.0p-53;
  }
  // The list of homes of an area (0: no RCC's; a + 1: RCC a's), setting
  // and state.
  static std::size_t ListIndex(std::int32_t area, Setting setting, bool open) {
    return ((static_cast<std::size_t>(area) * 4 + static_cast<std::size_t>(setting)) * 2) +
           (open ? 1 : 0);
  }
  std::size_t ListOf(std::size_t h, bool open) const {
    return ListIndex(w_.homes.rcc[h] == match::kNoRcc ? 0 : w_.homes.rcc[h] + 1,
                     w_.homes.setting[h], open);
  }
  // Opens or closes home `h`: its places open to use, its list.
  void SetOpen(std::size_t h, bool open) {
    if ((open_[h] != 0) == open) return;
    auto& from = lists_[ListOf(h, !open)];
    const auto at = static_cast<std::size_t>(at_in_list_[h]);
    from[at] = from.back();
    at_in_list_[static_cast<std::size_t>(from[at])] = static_cast<std::int32_t>(at);
    from.pop_back();
    auto& to = lists_[ListOf(h, open)];
    at_in_list_[h] = static_cast<std::int32_t>(to.size());
    to.push_back(static_cast<std::int32_t>(h));
    open_[h] = open;
    SetCapacity(h, open ? available_[h] : 0);
  }
  void SetCapacity(std::size_t h, std::int32_t capacity) {
    places_by_setting_[static_cast<std::size_t>(w_.homes.setting[h])] += capacity - capacity_[h];
    capacity_[h] = capacity;
    Relist(h);
  }
  // Lists home `h` among those with a free place, or not, as it now has one.
  void Relist(std::size_t h) {
    const bool free = used_[h] < capacity_[h];
    if (free == (listed_[h] != 0)) return;
    listed_[h] = free;
    if (free)
      AddFree(h);
    else
      RemoveFree(h);
  }
  // `k` distinct homes drawn uniformly from `pool` (all if fewer).
  std::vector<std::int32_t> Draw(std::vector<std::int32_t> pool, std::int64_t k) {
    const auto n = static_cast<std::int64_t>(pool.size());
    k = std::min(k, n);
    for (std::int64_t i = 0; i < k; ++i) {
      const auto j = std::uniform_int_distribution<std::int64_t>(i, n - 1)(rng_);
      std::swap(pool[static_cast<std::size_t>(i)], pool[static_cast<std::size_t>(j)]);
    }
    pool.resize(static_cast<std::size_t>(k));
    return pool;
  }
  std::int64_t Poisson(double mean) {
    return mean > 0 ? std::poisson_distribution<std::int64_t>(mean)(rng_) : 0;
  }
  // `k` distinct fostering households, open or not, drawn uniformly from
  // every area's list as Draw draws from their concatenation (the same
  // draws), without building it: the positions swapped are kept aside.
  std::vector<std::int32_t> DrawFostering(bool open, std::int64_t k) {
    std::vector<const std::vector<std::int32_t>*> lists;
    std::int64_t n = 0;
    for (std::int32_t a = 0; a < areas_; ++a) {
      lists.push_back(&lists_[ListIndex(a, Setting::kFosteringHousehold, open)]);
      n += static_cast<std::int64_t>(lists.back()->size());
    }
    auto at = [&](std::int64_t i) {  // position i of the concatenation
      for (const auto* l : lists) {
        if (i < static_cast<std::int64_t>(l->size())) return (*l)[static_cast<std::size_t>(i)];
        i -= static_cast<std::int64_t>(l->size());
      }
      return std::int32_t{-1};
    };
    std::map<std::int64_t, std::int32_t> swapped;
    auto get = [&](std::int64_t i) {
      auto it = swapped.find(i);
      return it == swapped.end() ? at(i) : it->second;
    };
    k = std::min(k, n);
    std::vector<std::int32_t> out;
    for (std::int64_t i = 0; i < k; ++i) {
      const auto j = std::uniform_int_distribution<std::int64_t>(i, n - 1)(rng_);
      const std::int32_t picked = get(j);
      swapped[j] = get(i);
      out.push_back(picked);
    }
    return out;
  }

  // Supply: foster carers join and leave (each week); providers open and
  // close homes (each quarter, on its first week).
  void Supply(int week, YearOutcome& year) {
    std::int64_t households = 0;
    for (std::int32_t a = 0; a < areas_; ++a)
      households += static_cast<std::int64_t>(
          lists_[ListIndex(a, Setting::kFosteringHousehold, true)].size());
    const double per_week = static_cast<double>(households) / kWeeksInYear;
    const std::int64_t join = Poisson(p_.carers_join_per_year * per_week);
    const std::int64_t leave = Poisson(p_.carers_leave_per_year * per_week);
    if (join > 0)
      for (std::int32_t h : DrawFostering(false, join)) {
        SetOpen(static_cast<std::size_t>(h), true);
        ++year.carers_joined;
      }
    if (leave > 0)
      for (std::int32_t h : DrawFostering(true, leave)) {
        SetOpen(static_cast<std::size_t>(h), false);  // its children move (Week)
        ++year.carers_left;
      }
    if (week % 13 != 0 || p_.response_per_year <= 0) return;
    // The provider response, by area and setting.
    for (const Setting setting : {Setting::kChildrensHome, Setting::kSupportedAccommodation}) {
      double england_fee = 0, england_homes = 0;
      std::vector<double> fee(static_cast<std::size_t>(areas_), 0.0);
      for (std::int32_t a = 0; a < areas_; ++a)
        for (std::int32_t hi : lists_[ListIndex(a, setting, true)]) {
          const double f =
              static_cast<double>(w_.homes.weekly_fee[static_cast<std::size_t>(hi)][0].value());
          fee[static_cast<std::size_t>(a)] += f;
          england_fee += f;
          england_homes += 1;
        }
      if (england_homes == 0) continue;
      england_fee /= england_homes;
      for (std::int32_t a = 0; a < areas_; ++a) {
        const auto& open = lists_[ListIndex(a, setting, true)];
        const auto& closed = lists_[ListIndex(a, setting, false)];
        std::int64_t used = 0, capacity = 0;
        std::vector<std::int32_t> empty, potential;
        for (std::int32_t hi : open) {
          const auto h = static_cast<std::size_t>(hi);
          used += used_[h];
          capacity += capacity_[h];
          if (used_[h] == 0 && !w_.homes.in_house[h]) empty.push_back(hi);
        }
        for (std::int32_t hi : closed)
          if (!w_.homes.in_house[static_cast<std::size_t>(hi)]) potential.push_back(hi);
        if (capacity == 0) continue;
        const double o = static_cast<double>(used) / static_cast<double>(capacity);
        const double homes = static_cast<double>(open.size());
        const double price = fee[static_cast<std::size_t>(a)] / homes / england_fee;
        const double quarter = p_.response_per_year / 4;
        if (o > p_.open_above) {
          const double excess = (o - p_.open_above) / (1 - p_.open_above);
          for (std::int32_t h :
               Draw(std::move(potential), Poisson(quarter * homes * excess * price))) {
            SetOpen(static_cast<std::size_t>(h), true);
            ++year.homes_opened;
          }
        } else if (o < p_.close_below) {
          const double slack = (p_.close_below - o) / p_.close_below;
          for (std::int32_t h : Draw(std::move(empty), Poisson(quarter * homes * slack))) {
            SetOpen(static_cast<std::size_t>(h), false);
            ++year.homes_closed;
          }
        }
      }
    }
  }

  // A family's home: one of the council's family locations, or its centre.
  LatLon FamilyAt(std::size_t council, std::mt19937_64& rng) const {
    const auto& points = w_.councils[council].families;
    if (points.empty()) return w_.councils[council].centre;
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
    if (k.supported_plan && r.age >= 16) {
      r.supported = Suitability::kPreferred;
      if (r.foster == Suitability::kPreferred) r.foster = Suitability::kSuitable;
    }
    return r;
  }

  // The weekly fee of home `h` for a child of council `council` with needs
  // `r`, and whether at the spot fee: a block contract's fee (less the
  // block discount) in a block home of the footprint; the contracted fee in
  // another home the footprint or a national contract for rare needs buys,
  // or a council's own; else the spot fee.
  std::pair<double, bool> FeeOf(std::size_t council, std::size_t h,
                                const match::ReferralNeeds& r) const {
    const double fee =
        static_cast<double>(w_.homes.weekly_fee[h][static_cast<std::size_t>(r.band)].value()) / 100;
    const bool preferred = Preferred(council, h);
    if (preferred && block_[h]) return {fee * (1 - p_.block_discount), false};
    if (preferred || w_.homes.in_house[h] || RareFirst(council, h, Rare(r))) return {fee, false};
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
    const auto [fee, spot] = FeeOf(static_cast<std::size_t>(k.council), h, r);
    k.fee = fee;
    ++used_[h];
    Relist(h);
    ++used_by_setting_[static_cast<std::size_t>(w_.homes.setting[h])];
    placed_.push_back(i);
    if (!year || !Counted(k)) return;
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
    Relist(h);
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
    bool preferred;        // run by a council, or contracted
  };
  void AddFree(std::size_t h) {
    auto& cell =
        free_[static_cast<std::size_t>(w_.homes.setting[h])][static_cast<std::size_t>(cell_of_[h])];
    at_in_cell_[h] = static_cast<std::int32_t>(cell.size());
    cell.push_back(
        {static_cast<std::int32_t>(h), council_of_home_[h], w_.homes.rcc[h], preferred_[h] != 0});
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
  bool Preferred(std::size_t c, const FreeHome& f) const {
    return f.preferred && InFootprint(c, f.council, f.rcc);
  }
  // Whether council `c`'s hub searches home `h` first: one its footprint
  // buys (`preferred`: Preferred(c, h)) within its reach of the centre, or,
  // for a rare-needs child under national contracts for rare needs, one such
  // a contract buys.
  bool InsideFirst(bool preferred, std::size_t h, bool rare, const match::UnitVector& centre,
                   double reach) const {
    if (rare && rare_home_[h]) return true;
    return preferred && match::DistanceKm(centre, w_.homes.point[h]) <= reach;
  }

  // The home for kid `i` on `day`, or -1: the design's choice among the
  // candidates, in each setting the referral allows the `candidates` nearest
  // homes to the child's family with a usable free place that meet the
  // child's needs: those the footprint searches first (Preferred, within
  // its reach of the council's centre), or, when none of the setting can
  // take the child, those of the open market anywhere.
  //
  // The search walks the grid of free homes ring by ring from the family's
  // cell, a setting at a time, and stops when it has its candidates and the
  // next ring cannot hold a nearer home (or, for the footprint, lies beyond
  // its reach). A referral few homes can take would walk most of the grid
  // (each week, if it waits), so once a search for a profile at an age
  // finds no free home, or scans over kLongScan free homes, the homes that
  // meet the profile at that age at all, free or not, are kept, and, if at
  // most kShortList, walked instead from then on. The choice is the same
  // either way.
  std::int32_t Source(std::int32_t i, std::int32_t day) {
    const Kid& k = kids_[static_cast<std::size_t>(i)];
    const match::ReferralNeeds r = NeedsOf(k, day);
    const auto c = static_cast<std::size_t>(k.council);
    const match::UnitVector centre = match::ToUnitVector(w_.councils[c].centre);
    const match::UnitVector& from = k.family;  // the hub searches near the child's home
    const std::pair<std::int32_t, int> key(k.profile, r.age);
    auto known = feasible_.find(key);
    candidates_per_setting_ =
        D(c).sourcing == Sourcing::kSequential ? p_.sequential_candidates : p_.candidates;
    const bool rare = Rare(r) && D(c).national_rare_needs;
    std::array<bool, 4> allowed{};
    for (std::size_t set = 0; set < 4; ++set)
      allowed[set] =
          match::SuitabilityFor(r, static_cast<Setting>(set)) != Suitability::kUnsuitable;
    found_.clear();
    if (known != feasible_.end() && known->second.use) {
      for (std::size_t set = 0; set < 4; ++set)
        if (allowed[set])
          Nearest(known->second.homes, static_cast<Setting>(set), r, c, from, centre, rare);
      KeepNearest();
      return Choose(r, c);
    }
    std::int64_t scanned = 0;
    const double reach = FootprintRadiusKm(c);
    const double reach_from_family = reach + match::DistanceKm(from, centre);
    const std::int32_t home_cell = CellOf(k.family_at);
    const int row0 = home_cell / kCols, col0 = home_cell % kCols;
    for (std::size_t set = 0; set < 4; ++set) {
      if (!allowed[set]) continue;
      for (const bool inside : {true, false}) {
        setting_found_.clear();
        if (inside && D(c).footprint == Footprint::kCouncil && !rare) {
          // The council's own free homes: a short list, read whole.
          for (std::int32_t hi : free_by_council_[set][c]) {
            const auto h = static_cast<std::size_t>(hi);
            if (!preferred_[h] || !match::CheckHome(r, w_.homes, h, p_.policy).feasible()) continue;
            setting_found_.emplace_back(match::DistanceKm(from, w_.homes.point[h]), hi);
          }
        } else {
          // Inside: homes within the footprint's reach of the centre, so
          // within reach + the family's distance from the centre of the family.
          // A rare-needs child's national contracts reach anywhere.
          const double limit = inside && !rare ? reach_from_family : 1e9;
          for (int ring = 0; ring < std::max(kRows, kCols); ++ring) {
            // Cells at this ring are at least (ring - 1) cells from the family.
            const double nearest_possible = std::max(0, ring - 1) * kCellKm;
            if (nearest_possible > limit) break;
            if (static_cast<int>(setting_found_.size()) >= candidates_per_setting_) {
              std::nth_element(setting_found_.begin(),
                               setting_found_.begin() + (candidates_per_setting_ - 1),
                               setting_found_.end());
              if (setting_found_[static_cast<std::size_t>(candidates_per_setting_ - 1)].first <=
                  nearest_possible)
                break;
            }
            for (int row = row0 - ring; row <= row0 + ring; ++row) {
              if (row < 0 || row >= kRows) continue;
              const bool edge = row == row0 - ring || row == row0 + ring;
              for (int col = col0 - ring; col <= col0 + ring; col += edge ? 1 : 2 * ring) {
                if (col >= 0 && col < kCols)
                  for (const FreeHome& f :
                       free_[set][static_cast<std::size_t>(row * kCols + col)]) {
                    const auto h = static_cast<std::size_t>(f.home);
                    if (inside && !InsideFirst(Preferred(c, f), h, rare, centre, reach)) continue;
                    ++scanned;
                    if (!match::CheckHome(r, w_.homes, h, p_.policy).feasible()) continue;
                    setting_found_.emplace_back(match::DistanceKm(from, w_.homes.point[h]), f.home);
                  }
                if (ring == 0) break;
              }
            }
          }
        }
        if (!setting_found_.empty()) break;
      }
      found_.insert(found_.end(), setting_found_.begin(), setting_found_.end());
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
    KeepNearest();
    return Choose(r, c);
  }

  // candidates_: the `candidates` nearest of found_ in each setting,
  // nearest first.
  void KeepNearest() {
    std::sort(found_.begin(), found_.end());
    std::array<int, 4> taken{};
    candidates_.clear();
    for (const auto& f : found_) {
      int& n =
          taken[static_cast<std::size_t>(w_.homes.setting[static_cast<std::size_t>(f.second)])];
      if (n < candidates_per_setting_) {
        ++n;
        candidates_.push_back(f.second);
      }
    }
  }

  // Adds to found_ those of `homes` (the homes that meet the profile) in
  // `setting` with a usable free place: those the footprint searches first,
  // else those of the open market.
  void Nearest(const std::vector<std::int32_t>& homes, Setting setting,
               const match::ReferralNeeds& r, std::size_t c, const match::UnitVector& from,
               const match::UnitVector& centre, bool rare) {
    const double reach = FootprintRadiusKm(c);
    for (const bool inside : {true, false}) {
      setting_found_.clear();
      for (std::int32_t hi : homes) {
        const auto h = static_cast<std::size_t>(hi);
        if (w_.homes.setting[h] != setting || used_[h] >= capacity_[h]) continue;
        if (inside && !InsideFirst(Preferred(c, h), h, rare, centre, reach)) continue;
        if (!match::CheckHome(r, w_.homes, h, p_.policy).feasible()) continue;  // siblings etc.
        setting_found_.emplace_back(match::DistanceKm(from, w_.homes.point[h]), hi);
      }
      if (!setting_found_.empty()) break;
    }
    found_.insert(found_.end(), setting_found_.begin(), setting_found_.end());
  }

  // How far from council `c`'s centre its hub searches first: to the
  // farthest home of its area (council), of its RCC's (RCC), and, for one
  // national pool, of its RCC's too (a hub looks near before far).
  double FootprintRadiusKm(std::size_t c) const {
    if (D(c).footprint == Footprint::kCouncil) return w_.council_reach_km[c];
    if (D(c).footprint == Footprint::kNational && w_.councils[c].rcc == match::kNoRcc) return 1e9;
    return w_.rcc_reach_km[c];
  }

  // The design's choice among candidates_ (not empty) for `r`.
  std::int32_t Choose(const match::ReferralNeeds& r, std::size_t c) {
    if (candidates_.empty()) return -1;
    const auto band = static_cast<std::size_t>(r.band);
    std::int32_t best = -1;
    if (D(c).sourcing == Sourcing::kNeedsLed) {
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
    // Sequential: a setting the plan prefers first, then a place of the
    // footprint's blocks (already paid for), then the cheapest setting, then
    // the cheapest home, nearer on equal fees. (Needs-led, the engine's cost
    // alone decides: a place is not better for the child for being paid for.)
    auto key = [&](std::int32_t hi) {
      const auto h = static_cast<std::size_t>(hi);
      return std::tuple(match::SuitabilityFor(r, w_.homes.setting[h]) != Suitability::kPreferred,
                        !(block_[h] && Preferred(c, h)), CheapestSettingFirst(h, r.council),
                        w_.homes.weekly_fee[h][band].value(),
                        r.family ? match::DistanceKm(*r.family, w_.homes.point[h]) : 0.0, hi);
    };
    for (std::int32_t hi : candidates_)
      if (best < 0 || key(hi) < key(best)) best = hi;
    return best;
  }

  // Sequential sourcing's order of settings, cheapest first: the council's
  // own foster carers, agency fostering, supported accommodation (16+), the
  // council's own children's homes, other residential care. (The matching
  // engine's comparison, match::SequentialTier, puts supported accommodation
  // last; its typical fee, about a sixth of a children's home's, puts it
  // before residential care in a council buying the cheapest setting first.)
  int CheapestSettingFirst(std::size_t h, CouncilId council) const {
    switch (match::SequentialTier(w_.homes, h, council)) {
      case 0:
        return 0;  // own carers
      case 2:
        return 1;  // agency fostering
      case 4:
        return 2;  // supported accommodation
      case 1:
        return 3;  // own children's homes
      default:
        return 4;  // other residential
    }
  }

  // An entrant's need profile: its age group drawn by entry_age_share
  // (groups with no profile left out), then a profile of the group uniformly.
  std::int32_t EntryProfile() {
    const double u = std::uniform_real_distribution<double>(0.0, entry_share_total_)(entries_rng_);
    double sum = 0;
    std::size_t g = 0;
    for (; g + 1 < kAgeGroups; ++g) {
      if (profiles_of_group_[g].empty()) continue;
      sum += p_.entry_age_share[g];
      if (u < sum) break;
    }
    while (profiles_of_group_[g].empty()) --g;  // the last group with profiles
    const auto& group = profiles_of_group_[g];
    return group[std::uniform_int_distribution<std::size_t>(0, group.size() - 1)(entries_rng_)];
  }

  // A new referral's plan: at 16 or 17, supported accommodation with
  // probability supported_plan_16_plus (kept once planned).
  void Replan(Kid& k, std::int32_t day) {
    if (!k.supported_plan && AgeOn(k.birth_day, day) >= 16)
      k.supported_plan = Uniform() < p_.supported_plan_16_plus;
  }

  void Week(std::int32_t day, int week, YearOutcome& year) {
    today_ = day;
    // 1. Entries.
    for (std::size_t c = 0; c < w_.councils.size(); ++c) {
      const double mean = w_.councils[c].entries_per_year / kWeeksInYear;
      if (mean <= 0) continue;
      const int n = std::poisson_distribution<int>(mean)(entries_rng_);
      for (int e = 0; e < n; ++e) {
        Kid k;
        k.council = static_cast<std::int32_t>(c);
        k.profile = EntryProfile();
        const int age = w_.profiles[static_cast<std::size_t>(k.profile)].age;
        k.birth_day = day - static_cast<std::int32_t>(std::floor(age * 365.25)) -
                      std::uniform_int_distribution<std::int32_t>(0, 364)(entries_rng_);
        k.family_at = FamilyAt(c, entries_rng_);
        k.family = match::ToUnitVector(k.family_at);
        k.supported_plan = age >= 16 && std::uniform_real_distribution<double>(
                                            0.0, 1.0)(entries_rng_) < p_.supported_plan_16_plus;
        kids_.push_back(k);
        waiting_.push_back(static_cast<std::int32_t>(kids_.size() - 1));
        year.entries += counted_[c];
      }
    }
    // 2. Supply; then leaving and moving.
    Supply(week, year);
    const double leave = 1 - std::exp(-1.0 / (kWeeksInYear * p_.mean_stay_years));
    for (std::size_t at = placed_.size(); at-- > 0;) {
      const std::int32_t i = placed_[at];
      Kid& k = kids_[static_cast<std::size_t>(i)];
      YearOutcome& tally = Counted(k) ? year : uncounted_;
      if (AgeOn(k.birth_day, day) >= 18 || Uniform() < leave) {
        Vacate(at);
        ++tally.leavers;
        continue;
      }
      const auto setting =
          static_cast<std::size_t>(w_.homes.setting[static_cast<std::size_t>(k.home)]);
      if (!open_[static_cast<std::size_t>(k.home)]) {  // the carer left
        Vacate(at);
        Replan(k, day);
        waiting_.push_back(i);
        ++tally.changes;
        ++tally.changes_from[setting];
        continue;
      }
      const double hazard = p_.breakdown_per_year * p_.breakdown_setting_factor[setting] *
                            (k.met ? 1.0 : p_.unmet_needs_factor) * (k.far ? p_.far_factor : 1.0);
      if (Uniform() < 1 - std::exp(-hazard / kWeeksInYear)) {
        Vacate(at);
        Replan(k, day);
        waiting_.push_back(i);
        ++tally.changes;
        ++tally.changes_from[setting];
      }
    }
    // 3. Sourcing, oldest referral first.
    const std::size_t n = waiting_.size();
    for (std::size_t q = 0; q < n; ++q) {
      const std::int32_t i = waiting_.front();
      waiting_.pop_front();
      Kid& k = kids_[static_cast<std::size_t>(i)];
      YearOutcome& tally = Counted(k) ? year : uncounted_;
      if (AgeOn(k.birth_day, day) >= 18) {
        ++tally.leavers;
        continue;
      }
      const std::int32_t h = Source(i, day);
      if (h < 0) {
        ++tally.waiting_weeks;
        if (++k.waited >= p_.max_wait_weeks) {
          // No registered place in time: placed outside the system modelled.
          ++tally.unplaced;
        } else {
          waiting_.push_back(i);
        }
        continue;
      }
      k.waited = 0;
      Place(i, static_cast<std::size_t>(h), &year);
    }
    // 4. Spend: each child's fee, and the empty usable places of block
    // homes at the block fee (void cost, paid by the commissioner of the
    // home's area).
    for (std::int32_t i : placed_) {
      const Kid& k = kids_[static_cast<std::size_t>(i)];
      if (Counted(k)) year.spend += k.fee;
    }
    for (std::int32_t hi : block_homes_) {
      const auto h = static_cast<std::size_t>(hi);
      if (used_[h] >= capacity_[h]) continue;
      const std::int32_t area = council_of_home_[h];
      if (area >= 0 && !counted_[static_cast<std::size_t>(area)]) continue;
      year.spend += static_cast<double>(capacity_[h] - used_[h]) *
                    static_cast<double>(w_.homes.weekly_fee[h][0].value()) / 100 *
                    (1 - p_.block_discount);
    }
  }

  const World& w_;
  const Design& d_;
  const Design base_;  // today's, where the design does not apply
  // By council: whether the design applies, whether its children are counted.
  std::vector<std::uint8_t> applies_, counted_;
  YearOutcome uncounted_;  // tallies of children not counted, discarded
  std::vector<std::int32_t> block_homes_;
  const Parameters& p_;
  // Two streams: who enters care (the same under every design, so that
  // designs compared on one seed meet the same children: common random
  // numbers), and every other draw.
  std::mt19937_64 entries_rng_;
  std::mt19937_64 rng_;
  std::vector<Kid> kids_;
  std::vector<std::int32_t> placed_;  // kids placed now
  std::deque<std::int32_t> waiting_;  // kids waiting for a place, oldest first
  // By home: places used, places open to use (0 when closed), places a
  // hub can use when open, whether open, whether listed among the homes with
  // a free place, whether the footprint searches it first (if in it).
  std::vector<std::int32_t> used_, capacity_, available_;
  std::vector<std::uint8_t> open_, listed_, preferred_, block_, rare_home_;
  // Homes by area, setting and whether open (ListIndex), with each home's
  // index in its list.
  std::int32_t areas_ = 1;
  std::vector<std::vector<std::int32_t>> lists_;
  std::vector<std::int32_t> at_in_list_;
  std::array<std::int64_t, 4> places_by_setting_{}, used_by_setting_{};
  std::vector<std::int32_t> candidates_;
  std::vector<std::pair<double, std::int32_t>> found_;          // km from the family, home
  std::vector<std::pair<double, std::int32_t>> setting_found_;  // of one setting
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
  // Candidates compared in each setting: the design's sourcing's.
  int candidates_per_setting_ = 1;
  std::array<std::vector<std::int32_t>, kAgeGroups> profiles_of_group_;
  double entry_share_total_ = 0;
};

}  // namespace

double ContractDraw(HomeId id) {
  return static_cast<double>(SplitMix64(static_cast<std::uint64_t>(id.value())) >> 11) * 0x1.0p-53;
}

Design TodayDesign() {
  return {.name = "today",
          .footprint = Footprint::kCouncil,
          .sourcing = Sourcing::kSequential,
          .contracted_share = 0.4};
}

Status Validate(const Design& d) {
  if (!(d.contracted_share >= 0 && d.contracted_share <= 1))
    return InvalidArgument("contractedShare", "must be between 0 and 1");
  if (!(d.block_share >= 0 && d.block_share <= d.contracted_share))
    return InvalidArgument("blockShare", "must be between 0 and the contracted share");
  if (!IsKnownEnumValue(d.footprint)) return InvalidArgument("footprint", "is not a footprint");
  if (!IsKnownEnumValue(d.sourcing)) return InvalidArgument("sourcing", "is not a sourcing policy");
  return Status::Ok();
}

Status Validate(const Parameters& p) {
  if (!(p.mean_stay_years >= 0.1)) return InvalidArgument("meanStayYears", "must be at least 0.1");
  for (auto [name, value] :
       {std::pair{"breakdownPerYear", p.breakdown_per_year},
        {"unmetNeedsFactor", p.unmet_needs_factor},
        {"farFactor", p.far_factor},
        {"breakdownSettingFactor.fostering", p.breakdown_setting_factor[0]},
        {"breakdownSettingFactor.childrensHome", p.breakdown_setting_factor[1]},
        {"breakdownSettingFactor.secure", p.breakdown_setting_factor[2]},
        {"breakdownSettingFactor.supported", p.breakdown_setting_factor[3]},
        {"spotPremium", p.spot_premium},
        {"scarcitySlope", p.scarcity_slope},
        {"carersJoinPerYear", p.carers_join_per_year},
        {"carersLeavePerYear", p.carers_leave_per_year},
        {"responsePerYear", p.response_per_year}})
    if (!(value >= 0)) return InvalidArgument(name, "must not be negative");
  for (auto [name, value] : {std::pair{"scarcityFrom", p.scarcity_from},
                             {"availableShare.fostering", p.available_share[0]},
                             {"availableShare.childrensHome", p.available_share[1]},
                             {"availableShare.secure", p.available_share[2]},
                             {"availableShare.supported", p.available_share[3]},
                             {"openAbove", p.open_above},
                             {"blockDiscount", p.block_discount},
                             {"nationalRareShare", p.national_rare_share},
                             {"supportedPlan16Plus", p.supported_plan_16_plus},
                             {"closeBelow", p.close_below}})
    if (!(value >= 0 && value <= 1)) return InvalidArgument(name, "must be between 0 and 1");
  double entry_total = 0;
  for (std::size_t g = 0; g < kAgeGroups; ++g) {
    if (!(p.entry_age_share[g] >= 0))
      return InvalidArgument("entryAgeShare[" + std::to_string(g) + "]", "must not be negative");
    entry_total += p.entry_age_share[g];
  }
  if (!(entry_total > 0)) return InvalidArgument("entryAgeShare", "must not all be zero");
  if (!(p.open_above < 1)) return InvalidArgument("openAbove", "must be below 1");
  if (p.close_below > p.open_above)
    return InvalidArgument("closeBelow", "must not be above openAbove");
  if (p.candidates < 1) return InvalidArgument("candidates", "must be at least 1");
  if (p.sequential_candidates < 1)
    return InvalidArgument("sequentialCandidates", "must be at least 1");
  if (p.max_wait_weeks < 1) return InvalidArgument("maxWaitWeeks", "must be at least 1");
  return Status::Ok();
}

Result<World> MakeWorld(Date start, match::Snapshot homes, std::vector<std::int32_t> places,
                        std::vector<SimCouncil> councils,
                        std::vector<match::ReferralNeeds> profiles,
                        std::vector<StartingChild> children, std::vector<std::uint8_t> open) {
  World w;
  if (open.empty()) open.assign(homes.size(), 1);
  if (open.size() != homes.size()) return InvalidArgument("open", "must give each home's state");
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
    if (c.home >= 0 && !open[static_cast<std::size_t>(c.home)])
      return InvalidArgument(field + ".home", "is not open at the start");
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
  w.open = std::move(open);
  w.homes = std::move(homes);
  w.councils = std::move(councils);
  w.profiles = std::move(profiles);
  w.children = std::move(children);
  return w;
}

RunOutcome RunOnce(const World& world, const Design& design, const Parameters& parameters,
                   int years, std::uint64_t seed, const std::vector<std::int32_t>& focus) {
  Run run(world, design, parameters, seed, focus);
  return run.Go(years, seed);
}

std::uint64_t RunSeed(std::uint64_t seed, int run) {
  return SplitMix64(SplitMix64(seed) + static_cast<std::uint64_t>(run));
}

std::vector<RunOutcome> RunMany(const World& world, const Design& design,
                                const Parameters& parameters, int years, int runs,
                                std::uint64_t seed, int threads,
                                const std::function<void(int)>& progress,
                                const std::vector<std::int32_t>& focus,
                                const std::atomic<bool>* stop) {
  std::vector<RunOutcome> out(static_cast<std::size_t>(std::max(runs, 0)));
  std::atomic<int> next{0}, done{0};
  std::mutex report;
  auto work = [&] {
    for (int i = next++; i < runs && !(stop && *stop); i = next++) {
      out[static_cast<std::size_t>(i)] =
          RunOnce(world, design, parameters, years, RunSeed(seed, i), focus);
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

}  // namespace carecoop::sim
