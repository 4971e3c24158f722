#include "forecast/model.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <unordered_map>

namespace carecoop::forecast {
namespace {

// The sector model's year: ages are days / 365.24.
constexpr double kYearInDays = 365.24;
// Age-band ends, in years; episodes are split on these birthdays.
constexpr std::array<int, 5> kBandEnds = {1, 5, 10, 16, 30};

AgeBand BandForAge(double age) {
  if (age >= -1 && age < 1) return AgeBand::kBirthTo1;
  if (age >= 1 && age < 5) return AgeBand::k1To5;
  if (age >= 5 && age < 10) return AgeBand::k5To10;
  if (age >= 10 && age < 16) return AgeBand::k10To16;
  if (age >= 16 && age < 30) return AgeBand::k16To18Plus;
  return AgeBand::kNone;
}

// The n-th birthday as pandas' DateOffset(years=n) gives it: 29 February
// falls back to 28 February in other years.
std::int64_t Birthday(Date dob, int years) {
  using namespace std::chrono;
  year_month_day ymd = dob.ymd();
  year_month_day next{ymd.year() + std::chrono::years{years}, ymd.month(), ymd.day()};
  if (!next.ok()) next = year_month_day_last{next.year(), month_day_last{next.month()}};
  return Date(sys_days(next)).days_since_epoch();
}

Date DayToDate(std::int64_t day) { return Date(std::chrono::sys_days(std::chrono::days(day))); }

Date AddMonths(Date d, int months) {
  using namespace std::chrono;
  year_month_day ymd = d.ymd();
  year_month ym = year_month{ymd.year(), ymd.month()} + std::chrono::months{months};
  year_month_day out{ym.year(), ym.month(), ymd.day()};
  if (!out.ok()) out = year_month_day_last{ym.year(), month_day_last{ym.month()}};
  return Date(sys_days(out));
}

// Child ids sort numerically when they are numbers, as the sector model's
// integer CHILD column does.
bool ChildLess(std::string_view a, std::string_view b) {
  bool da = std::all_of(a.begin(), a.end(), ::isdigit),
       db = std::all_of(b.begin(), b.end(), ::isdigit);
  if (da && db && a.size() != b.size()) return a.size() < b.size();
  return a < b;
}

struct Row {
  const ssda903::EpisodeRow* src;
  std::int64_t decom;
  std::optional<std::int64_t> dec;
  std::int64_t dob;
};

// The error for a projected figure of `state` that stopped being a number.
Status NotFinite(State state, std::string_view what, Date day, std::int64_t step) {
  return InvalidArgument("forecast", "the projected " + std::string(what) + " of '" +
                                         StateLabel(state) + "' is not a number on " + day.ToIso() +
                                         " (step: day " + std::to_string(step) +
                                         " of the projection)");
}

}  // namespace

std::string_view AgeBandLabel(AgeBand band) {
  switch (band) {
    case AgeBand::kBirthTo1:
      return "Birth to 1";
    case AgeBand::k1To5:
      return "1 to 5";
    case AgeBand::k5To10:
      return "5 to 10";
    case AgeBand::k10To16:
      return "10 to 16";
    case AgeBand::k16To18Plus:
      return "16 to 18+";
    case AgeBand::kNone:
      return "None";
  }
  return "?";
}

std::string_view CategoryLabel(Category c) {
  switch (c) {
    case Category::kFostering:
      return "Fostering";
    case Category::kResidential:
      return "Residential";
    case Category::kSupported:
      return "Supported";
    case Category::kOther:
      return "Other";
    case Category::kNotInCare:
      return "Not in care";
  }
  return "?";
}

Category CategoryOfPlace(std::string_view p) {
  if (p.size() == 2 && p[0] == 'U' && p[1] >= '1' && p[1] <= '6') return Category::kFostering;
  if (p == "K2" || p == "R1" || p == "P3" || p == "S1") return Category::kResidential;
  // K3 (supported accommodation, registered with Ofsted from 2024) is
  // Supported, as the sector's regional model counts it.
  if (p == "H5" || p == "P2" || p == "K3") return Category::kSupported;
  return Category::kOther;
}

std::string StateLabel(State s) {
  return std::string(AgeBandLabel(BandOf(s))) + " - " + std::string(CategoryLabel(CategoryOf(s)));
}

std::optional<State> ParseState(std::string_view label) {
  for (State s = 0; s < kStates; ++s)
    if (StateLabel(s) == label) return s;
  return std::nullopt;
}

std::string_view CostItemLabel(CostItem item) {
  switch (item) {
    case CostItem::kFosterFriendRelative:
      return "Fostering (Friend/Relative)";
    case CostItem::kFosterInHouse:
      return "Fostering (In-house)";
    case CostItem::kFosterIfa:
      return "Fostering (IFA)";
    case CostItem::kResidentialInHouse:
      return "Residential (In-house)";
    case CostItem::kResidentialExternal:
      return "Residential (External)";
    case CostItem::kSupported:
      return "Supported accommodation";
    case CostItem::kSecureHome:
      return "Secure home";
    case CostItem::kPlacedWithFamily:
      return "Placed with family";
    case CostItem::kOther:
      return "Other";
  }
  return "?";
}

Category CategoryOfCostItem(CostItem item) {
  switch (item) {
    case CostItem::kFosterFriendRelative:
    case CostItem::kFosterInHouse:
    case CostItem::kFosterIfa:
      return Category::kFostering;
    case CostItem::kResidentialInHouse:
    case CostItem::kResidentialExternal:
      return Category::kResidential;
    case CostItem::kSupported:
      return Category::kSupported;
    default:
      return Category::kOther;
  }
}

std::optional<CostItem> ParseCostItem(std::string_view label) {
  for (int i = 0; i < kCostItems; ++i)
    if (CostItemLabel(static_cast<CostItem>(i)) == label) return static_cast<CostItem>(i);
  return std::nullopt;
}

double DefaultWeeklyCost(CostItem item) {
  switch (item) {
    case CostItem::kFosterFriendRelative:
      return 100;
    case CostItem::kFosterInHouse:
      return 150;
    case CostItem::kFosterIfa:
      return 250;
    default:
      return 1000;
  }
}

CostItem CostItemOf(std::string_view place, std::string_view provider) {
  bool in_house = provider == "PR1" || provider == "PR2" || provider == "PR3";
  bool external = provider == "PR4" || provider == "PR5";
  if (place == "U1" || place == "U2" || place == "U3") return CostItem::kFosterFriendRelative;
  if (place == "U4" || place == "U5" || place == "U6") {
    if (in_house) return CostItem::kFosterInHouse;
    if (external) return CostItem::kFosterIfa;
    return CostItem::kOther;
  }
  if (place == "K2" || place == "R1" || place == "P3" || place == "S1") {
    if (in_house) return CostItem::kResidentialInHouse;
    if (external) return CostItem::kResidentialExternal;
    return CostItem::kOther;
  }
  if (place == "H5" || place == "P2" || place == "K3") return CostItem::kSupported;
  if (place == "K1") return CostItem::kSecureHome;
  if (place == "P1") return CostItem::kPlacedWithFamily;
  return CostItem::kOther;
}

Result<EpisodeSet> PrepareEpisodes(const ssda903::Return& r, std::string_view la,
                                   std::optional<Date> data_end_at_least) {
  // One header per child: the latest year's.
  struct Child {
    const ssda903::HeaderRow* header = nullptr;
    std::vector<Row> rows;
  };
  std::unordered_map<std::string, Child> children;
  auto key_of = [](std::string_view l, std::string_view c) {
    std::string key(l);
    key += '\x1f';
    key += c;
    return key;
  };
  for (const auto& h : r.headers) {
    if (!la.empty() && h.la != la) continue;
    Child& c = children[key_of(h.la, h.child)];
    if (!c.header || h.year > c.header->year) c.header = &h;
  }
  for (const auto& e : r.episodes) {
    if (!la.empty() && e.la != la) continue;
    auto it = children.find(key_of(e.la, e.child));
    if (it == children.end() || !it->second.header) continue;  // no date of birth
    it->second.rows.push_back(
        {&e, e.decom.days_since_epoch(),
         e.dec ? std::optional<std::int64_t>(e.dec->days_since_epoch()) : std::nullopt,
         it->second.header->dob.days_since_epoch()});
  }
  std::vector<std::pair<std::string_view, Child*>> order;
  for (auto& [key, child] : children)
    if (!child.rows.empty()) order.push_back({child.header->child.view(), &child});
  std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
    if (a.first != b.first) return ChildLess(a.first, b.first);
    return a.second->header->la < b.second->header->la;
  });

  EpisodeSet out;
  std::optional<std::int64_t> min_dec, max_date;
  struct Cleaned {
    std::int64_t decom;
    std::optional<std::int64_t> dec;
    std::int64_t dob;
    const ssda903::EpisodeRow* src;
  };
  std::vector<std::vector<Cleaned>> cleaned_children;
  cleaned_children.reserve(order.size());
  for (auto& [id, child] : order) {
    auto& rows = child->rows;
    // By start, open episodes before closed ones, then by end.
    std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
      if (a.decom != b.decom) return a.decom < b.decom;
      if (a.dec.has_value() != b.dec.has_value()) return !a.dec.has_value();
      return a.dec.value_or(0) < b.dec.value_or(0);
    });
    // Two episodes starting the same day: keep the one that ends latest.
    std::vector<Row> kept;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (i + 1 < rows.size() && rows[i + 1].decom == rows[i].decom) continue;
      kept.push_back(rows[i]);
    }
    // Two episodes ending the same day (or both open): keep the longer.
    std::vector<Row> unique_end;
    std::vector<std::optional<std::int64_t>> ends;
    for (const Row& row : kept) {
      if (std::find(ends.begin(), ends.end(), row.dec) != ends.end()) continue;
      ends.push_back(row.dec);
      unique_end.push_back(row);
    }
    // Overlaps: an episode ends when the next begins.
    for (std::size_t i = 0; i + 1 < unique_end.size(); ++i) {
      std::int64_t next = unique_end[i + 1].decom;
      if (!unique_end[i].dec || *unique_end[i].dec > next) unique_end[i].dec = next;
    }
    std::vector<Cleaned> c;
    c.reserve(unique_end.size());
    for (const Row& row : unique_end) c.push_back({row.decom, row.dec, row.dob, row.src});
    cleaned_children.push_back(std::move(c));
  }
  // Legal-status-only changes (RNE L, T or U starting the day the previous
  // episode ended) are folded into the episode before: it takes their end.
  bool pending = false;
  std::optional<std::int64_t> pending_dec;
  std::vector<Cleaned>* pending_child = nullptr;
  std::vector<std::vector<Cleaned>> merged(cleaned_children.size());
  for (std::size_t ci = 0; ci < cleaned_children.size(); ++ci) {
    auto& rows = cleaned_children[ci];
    for (std::size_t i = 0; i < rows.size(); ++i) {
      std::string_view rne = rows[i].src->rne;
      bool skip = i > 0 && (rne == "L" || rne == "T" || rne == "U") && rows[i - 1].dec &&
                  rows[i].decom == *rows[i - 1].dec;
      if (skip) {
        pending = true;
        pending_dec = rows[i].dec;
        pending_child = &merged[ci];
        continue;
      }
      if (pending) {
        pending_child->back().dec = pending_dec;
        pending = false;
      }
      merged[ci].push_back(rows[i]);
    }
  }
  if (pending) pending_child->back().dec = pending_dec;
  for (const auto& rows : merged) {
    if (rows.empty()) continue;
    ++out.children;
    out.source_episodes += rows.size();
    for (const auto& row : rows) {
      if (row.dec && (!min_dec || *row.dec < *min_dec)) min_dec = row.dec;
      std::int64_t latest = std::max(row.decom, row.dec.value_or(row.decom));
      if (!max_date || latest > *max_date) max_date = latest;
    }
  }
  if (out.source_episodes == 0)
    return InvalidArgument(la.empty() ? "input" : "la",
                           "no episodes with a child's date of birth to forecast from");
  if (!min_dec)
    return InvalidArgument("input", "no episode has ended, so no rates can be estimated");
  out.data_start = ssda903::CollectionYearStart(ssda903::CollectionYearOf(DayToDate(*min_dec)));
  out.data_end = ssda903::CollectionYearEnd(ssda903::CollectionYearOf(DayToDate(*max_date)));
  if (data_end_at_least && *data_end_at_least > out.data_end) out.data_end = *data_end_at_least;

  // Split at birthdays, label, and link each episode to its neighbours.
  struct Piece {
    std::int64_t start;
    std::optional<std::int64_t> end;
    double age, end_age;
    Category category;
    CostItem detail;
  };
  const std::int64_t data_end = out.data_end.days_since_epoch();
  std::vector<Piece> pieces;
  for (const auto& rows : merged) {
    pieces.clear();
    for (const auto& row : rows) {
      Piece p{row.decom, row.dec, static_cast<double>(row.decom - row.dob) / kYearInDays,
              // Open episodes age until the end of the data.
              static_cast<double>(row.dec.value_or(data_end) - row.dob) / kYearInDays,
              CategoryOfPlace(row.src->place), CostItemOf(row.src->place, row.src->place_provider)};
      std::size_t first = pieces.size();
      pieces.push_back(p);
      for (int bound : kBandEnds) {
        std::size_t last = pieces.size() - 1;
        for (std::size_t k = first; k <= last; ++k) {
          Piece& q = pieces[k];
          if (q.age < bound && bound <= q.end_age) {
            std::int64_t birthday = Birthday(DayToDate(row.dob), bound);
            Piece later = q;
            later.start = birthday;
            later.age = bound;
            q.end = birthday;
            q.end_age = bound;
            pieces.push_back(later);
          }
        }
      }
    }
    // The pieces stay in the order they were made: the child's episodes by
    // start, each episode's pieces by age, as the sector model keeps them
    // after its split (it does not sort again). Only an episode that starts
    // or ends on a band birthday makes a piece of no days (a birthday can
    // count as the band below: 1,826 days is 4.9995 years), and re-sorting
    // put an open piece that starts the same day before it, so that the
    // piece of no days became an entry into care and an exit from it.
    for (std::size_t k = 0; k < pieces.size(); ++k) {
      const Piece& p = pieces[k];
      ModelEpisode m;
      m.start = p.start;
      m.end = p.end;
      m.from = StateOf(BandForAge(p.age), p.category);
      m.detail = p.detail;
      bool joined_before = k > 0 && pieces[k - 1].end && *pieces[k - 1].end == p.start;
      m.before = joined_before ? pieces[k - 1].category : Category::kNotInCare;
      if (p.end) {
        bool joined_after = k + 1 < pieces.size() && pieces[k + 1].start == *p.end;
        Category after = joined_after ? pieces[k + 1].category : Category::kNotInCare;
        m.to = StateOf(BandForAge(p.end_age), after);
      }
      out.episodes.push_back(m);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------

int Forecast::IndexOf(State s) const {
  auto it = std::find(states.begin(), states.end(), s);
  return it == states.end() ? -1 : static_cast<int>(it - states.begin());
}

std::vector<std::size_t> Forecast::MonthEnds() const {
  std::vector<std::size_t> out;
  for (std::size_t k = 0; k < days.size(); ++k)
    if (k + 1 == days.size() || days[k + 1].day() == 1) out.push_back(k);
  return out;
}

std::vector<Forecast::Quarter> Forecast::QuarterlyCosts() const {
  std::vector<Quarter> out;
  for (std::size_t k = 0; k < days.size(); ++k) {
    std::string label =
        "Q" + std::to_string((days[k].month() - 1) / 3 + 1) + "-" + std::to_string(days[k].year());
    if (out.empty() || out.back().label != label) out.push_back({label, {}});
    for (int i = 0; i < kCostItems; ++i)
      out.back().cost[static_cast<std::size_t>(i)] += daily_cost[k][static_cast<std::size_t>(i)];
  }
  for (auto& q : out)
    for (double& c : q.cost) c = std::round(c * 100) / 100;
  return out;
}

double Forecast::InCare(std::size_t day) const {
  double sum = 0;
  for (std::size_t i = 0; i < states.size(); ++i)
    if (CategoryOf(states[i]) != Category::kNotInCare) sum += population[day][i];
  return sum;
}

double Forecast::InCareSd(std::size_t day) const {
  double sum = 0;
  for (std::size_t i = 0; i < states.size(); ++i)
    if (CategoryOf(states[i]) != Category::kNotInCare) sum += variance[day][i];
  return std::sqrt(sum);
}

Result<Forecast> RunForecast(const EpisodeSet& set, const Options& options) {
  Forecast f;
  f.data_start = set.data_start;
  f.data_end = set.data_end;
  f.reference_start = options.reference_start;
  f.reference_end = options.reference_end;
  if (options.reference_end <= options.reference_start)
    return InvalidArgument("reference_end", "must be after reference_start");
  if (options.reference_start < set.data_start || options.reference_end > set.data_end)
    return InvalidArgument("reference_start",
                           "the reference period " + options.reference_start.ToIso() + " to " +
                               options.reference_end.ToIso() + " is outside the data (" +
                               set.data_start.ToIso() + " to " + set.data_end.ToIso() + ")");
  if (options.horizon_months < 1 || options.horizon_months > 240)
    return InvalidArgument("horizon_months", "must be 1 to 240");
  f.prediction_start = options.prediction_start.value_or(options.reference_end);
  f.prediction_end = AddMonths(f.prediction_start, options.horizon_months);

  const std::int64_t rs = options.reference_start.days_since_epoch();
  const std::int64_t re = options.reference_end.days_since_epoch();
  const std::int64_t ps =
      std::clamp(f.prediction_start.days_since_epoch(), set.data_start.days_since_epoch(),
                 set.data_end.days_since_epoch());
  const std::size_t window = static_cast<std::size_t>(re - rs + 1);

  // Stock on each day of the reference window (and the day before it), and
  // on the prediction start: episodes begun by that day and not yet ended.
  // stock[d][s] for d = 0 .. window, day rs - 1 + d.
  std::vector<std::array<double, kStates>> stock(window + 1);
  std::array<double, kStates> start_stock{};
  std::array<bool, kStates> seen_state{};
  // Observed transitions: pairs over the whole history, counts in the window.
  // The model's transitions: within an age band, from every category seen
  // in the band to every other and out of care; across bands, ageing into
  // the next band in the same category, where it happened. (A move seen
  // across bands with a change of category, which only a same-day episode
  // on a birthday produces, is left out, as the sector model leaves it out.)
  std::map<std::pair<int, int>, std::size_t> pair_index;
  for (const auto& e : set.episodes) {
    seen_state[static_cast<std::size_t>(e.from)] = true;
    if (e.end && e.to && BandOf(*e.to) != BandOf(e.from) && CategoryOf(*e.to) == CategoryOf(e.from))
      pair_index.emplace(std::pair<int, int>(e.from, *e.to), 0);
  }
  for (State from = 0; from < kStates; ++from) {
    if (!seen_state[static_cast<std::size_t>(from)] || CategoryOf(from) == Category::kNotInCare)
      continue;
    for (int c = 0; c < kCategories; ++c) {
      State to = StateOf(BandOf(from), static_cast<Category>(c));
      if (seen_state[static_cast<std::size_t>(to)] ||
          static_cast<Category>(c) == Category::kNotInCare)
        pair_index.emplace(std::pair<int, int>(from, to), 0);
    }
  }
  std::size_t n_pairs = 0;
  for (auto& [pair, index] : pair_index) index = n_pairs++;
  std::vector<std::vector<double>> moves(window, std::vector<double>(n_pairs, 0.0));
  std::array<double, kStates> entrants{};
  {
    // Difference arrays over [rs - 1, re].
    std::vector<std::array<double, kStates>> delta(window + 2);
    for (const auto& e : set.episodes) {
      auto s = static_cast<std::size_t>(e.from);
      auto add = [&](std::int64_t day, double v) {
        std::int64_t i = day - (rs - 1);
        if (i < 0) i = 0;
        if (i > static_cast<std::int64_t>(window)) return;
        delta[static_cast<std::size_t>(i)][s] += v;
      };
      add(e.start, 1);
      if (e.end) add(*e.end, -1);
      if (e.start <= ps && (!e.end || *e.end > ps)) start_stock[s] += 1;
      if (e.end && e.to && *e.end >= rs && *e.end <= re) {
        auto it = pair_index.find({e.from, *e.to});
        if (it != pair_index.end()) moves[static_cast<std::size_t>(*e.end - rs)][it->second] += 1;
      }
      if (e.start >= rs && e.start <= re && e.before == Category::kNotInCare) entrants[s] += 1;
    }
    std::array<double, kStates> running{};
    for (std::size_t d = 0; d <= window; ++d) {
      for (std::size_t s = 0; s < kStates; ++s) running[s] += delta[d][s];
      stock[d] = running;
    }
  }

  // Daily rates, averaged over the days with children to move: on day d the
  // denominator is the stock of the day before (the first day uses its own).
  // Moves out of a state on a day it held no children the day before (the
  // sector model's rate would be infinite, and it stops) can only come from
  // a piece of no days, an episode starting on a band birthday: those days
  // are left out of the pair's average, as 0/0 is, and listed.
  std::vector<double> pair_rate(n_pairs, 0.0);
  for (const auto& [pair, index] : pair_index) {
    auto from = static_cast<std::size_t>(pair.first);
    double sum = 0;
    std::size_t n = 0;
    for (std::size_t d = 0; d < window; ++d) {
      double den = d == 0 ? stock[1][from] : stock[d][from];
      double num = moves[d][index];
      if (den == 0) {
        if (num != 0)
          f.moves_without_stock.push_back(
              {pair.first, pair.second, options.reference_start.AddDays(static_cast<int>(d)), num});
        continue;  // 0/0 is no information; n/0 is a move from nowhere
      }
      sum += num / den;
      ++n;
    }
    pair_rate[index] = n ? sum / static_cast<double>(n) : 0.0;
  }

  // The model's states: every state seen at either end of a transition.
  std::vector<bool> in_model(kStates, false);
  for (const auto& [pair, index] : pair_index) {
    in_model[static_cast<std::size_t>(pair.first)] = true;
    in_model[static_cast<std::size_t>(pair.second)] = true;
  }
  for (State s = 0; s < kStates; ++s)
    if (start_stock[static_cast<std::size_t>(s)] > 0 || entrants[static_cast<std::size_t>(s)] > 0)
      in_model[static_cast<std::size_t>(s)] = true;
  for (State s = 0; s < kStates; ++s)
    if (in_model[static_cast<std::size_t>(s)]) f.states.push_back(s);
  std::sort(f.states.begin(), f.states.end(),
            [](State a, State b) { return StateLabel(a) < StateLabel(b); });
  const std::size_t n = f.states.size();
  std::vector<int> pos(kStates, -1);
  for (std::size_t i = 0; i < n; ++i)
    pos[static_cast<std::size_t>(f.states[i])] = static_cast<int>(i);

  // Rates out of each state, with the scenario's adjustments.
  f.transition.assign(n, std::vector<double>(n, 0.0));
  std::vector<std::vector<bool>> adjusted(n, std::vector<bool>(n, false));
  std::vector<std::vector<bool>> known(n, std::vector<bool>(n, false));
  for (const auto& [pair, index] : pair_index) {
    auto i = static_cast<std::size_t>(pos[static_cast<std::size_t>(pair.first)]);
    auto j = static_cast<std::size_t>(pos[static_cast<std::size_t>(pair.second)]);
    f.transition[i][j] = pair_rate[index];
    known[i][j] = true;
    f.observed_pairs.push_back({static_cast<int>(i), static_cast<int>(j)});
  }
  for (const auto& a : options.rate_adjustments) {
    int i = pos[static_cast<std::size_t>(a.from)], j = pos[static_cast<std::size_t>(a.to)];
    if (i < 0 || j < 0 || !known[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)])
      return InvalidArgument("rate_adjustments", "the model has no transition " +
                                                     StateLabel(a.from) + " -> " +
                                                     StateLabel(a.to) + " to adjust");
    double& r = f.transition[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)];
    r = a.multiply != 1 ? r * a.multiply : std::max(0.0, r + a.add);
    adjusted[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)] =
        a.multiply != 1 || a.add != 0;
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (options.rate_adjustments.empty()) break;
    double total = 0, adj = 0;
    for (std::size_t j = 0; j < n; ++j) {
      if (!known[i][j]) continue;
      total += f.transition[i][j];
      if (adjusted[i][j]) adj += f.transition[i][j];
    }
    if (total <= 1) continue;
    double rest = total - adj;
    for (std::size_t j = 0; j < n; ++j) {
      if (!known[i][j]) continue;
      if (adj >= 1) {
        f.transition[i][j] = adjusted[i][j] ? f.transition[i][j] / adj : 0;
      } else if (!adjusted[i][j] && rest > 0) {
        f.transition[i][j] *= (1 - adj) / rest;
      }
    }
  }
  // Staying is whatever is left.
  for (std::size_t i = 0; i < n; ++i) {
    double out_rate = 0;
    for (std::size_t j = 0; j < n; ++j)
      if (j != i) out_rate += f.transition[i][j];
    f.transition[i][i] = 1 - out_rate;
  }

  // Entry rates: entrants per day of the reference period.
  double period = static_cast<double>(re - rs + 1);
  f.entry_rate.assign(n, 0.0);
  for (std::size_t i = 0; i < n; ++i)
    f.entry_rate[i] = entrants[static_cast<std::size_t>(f.states[i])] / period;
  for (const auto& a : options.entry_adjustments) {
    int i = pos[static_cast<std::size_t>(a.to)];
    if (i < 0)
      return InvalidArgument("entry_adjustments", "the model has no state " + StateLabel(a.to));
    double& r = f.entry_rate[static_cast<std::size_t>(i)];
    r = a.multiply != 1 ? r * a.multiply : std::max(0.0, r + a.add);
  }

  for (std::size_t i = 0; i < n; ++i) {
    if (!std::isfinite(f.entry_rate[i]))
      return InvalidArgument("forecast", "the entry rate into '" + StateLabel(f.states[i]) +
                                             "' is not a number (step: rates)");
    for (std::size_t j = 0; j < n; ++j)
      if (!std::isfinite(f.transition[i][j]))
        return InvalidArgument("forecast", "the rate from '" + StateLabel(f.states[i]) + "' to '" +
                                               StateLabel(f.states[j]) +
                                               "' is not a number (step: rates)");
  }

  // Daily projection: p' = M p + e; v' = v + (M(1-M)) p + e.
  f.stock_at_start.assign(n, 0.0);
  for (std::size_t i = 0; i < n; ++i)
    f.stock_at_start[i] = start_stock[static_cast<std::size_t>(f.states[i])];
  std::int64_t n_days = f.prediction_end.DaysSince(f.prediction_start);
  std::vector<double> m(n * n), mv(n * n);  // row = to, column = from
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j) {
      double r = f.transition[j][i];
      m[i * n + j] = r;
      mv[i * n + j] = r * (1 - r);
    }
  std::vector<double> p = f.stock_at_start, v(n, 0.0), next(n);
  f.days.reserve(static_cast<std::size_t>(n_days));
  f.population.reserve(static_cast<std::size_t>(n_days));
  f.variance.reserve(static_cast<std::size_t>(n_days));
  for (std::int64_t k = 0; k < n_days; ++k) {
    for (std::size_t i = 0; i < n; ++i) {
      double acc = f.entry_rate[i], vacc = f.entry_rate[i];
      const double* mi = &m[i * n];
      const double* mvi = &mv[i * n];
      for (std::size_t j = 0; j < n; ++j) {
        acc += mi[j] * p[j];
        vacc += mvi[j] * p[j];
      }
      next[i] = acc;
      v[i] += vacc;
    }
    p.swap(next);
    // A figure that is not a number is an error, never an answer.
    for (std::size_t i = 0; i < n; ++i)
      if (!std::isfinite(p[i]) || !std::isfinite(v[i]))
        return NotFinite(f.states[i], std::isfinite(p[i]) ? "variance" : "population",
                         f.prediction_start.AddDays(k + 1), k + 1);
    f.days.push_back(f.prediction_start.AddDays(k + 1));
    f.population.push_back(p);
    f.variance.push_back(v);
  }

  // Placement proportions: children-days in each cost item over the
  // reference period, as shares of their category.
  std::array<double, kCostItems> item_days{};
  for (const auto& e : set.episodes) {
    std::int64_t from = std::max(e.start, rs);
    std::int64_t to = e.end ? std::min(*e.end - 1, re) : re;
    if (to >= from)
      item_days[static_cast<std::size_t>(e.detail)] += static_cast<double>(to - from + 1);
  }
  std::array<double, kCategories> category_days{};
  for (int i = 0; i < kCostItems; ++i)
    category_days[static_cast<std::size_t>(CategoryOfCostItem(static_cast<CostItem>(i)))] +=
        item_days[static_cast<std::size_t>(i)];
  for (int i = 0; i < kCostItems; ++i) {
    double total =
        category_days[static_cast<std::size_t>(CategoryOfCostItem(static_cast<CostItem>(i)))];
    f.proportion[static_cast<std::size_t>(i)] =
        total > 0 ? item_days[static_cast<std::size_t>(i)] / total : 0;
    f.weekly_cost[static_cast<std::size_t>(i)] =
        options.weekly_costs[static_cast<std::size_t>(i)].value_or(
            DefaultWeeklyCost(static_cast<CostItem>(i)));
  }

  // Daily cost: each category's children shared among its cost items.
  f.daily_cost.assign(f.days.size(), {});
  std::array<double, kCostItems> per_day{};
  for (int i = 0; i < kCostItems; ++i)
    per_day[static_cast<std::size_t>(i)] = f.weekly_cost[static_cast<std::size_t>(i)] / 7;
  Date anniversary = f.days.empty() ? f.prediction_start : f.days.front();
  for (std::size_t k = 0; k < f.days.size(); ++k) {
    if (options.inflation && f.days[k] == AddMonths(anniversary, 12)) {
      for (double& c : per_day) c *= 1 + *options.inflation;
      anniversary = f.days[k];
    }
    std::array<double, kCategories> by_category{};
    // Costs are for whole children: each state's population is rounded
    // (half to even), as the sector model rounds it.
    for (std::size_t i = 0; i < n; ++i)
      by_category[static_cast<std::size_t>(CategoryOf(f.states[i]))] +=
          std::nearbyint(f.population[k][i]);
    for (int i = 0; i < kCostItems; ++i) {
      auto c = static_cast<std::size_t>(CategoryOfCostItem(static_cast<CostItem>(i)));
      f.daily_cost[k][static_cast<std::size_t>(i)] = by_category[c] *
                                                     per_day[static_cast<std::size_t>(i)] *
                                                     f.proportion[static_cast<std::size_t>(i)];
    }
  }
  return f;
}

}  // namespace carecoop::forecast
