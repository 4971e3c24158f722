// The stock-and-flow demand forecast: the method of the sector's
// Children's Social Care Demand Model (regional version), reproduced number
// for number (tests/forecast_peers_test.cc) and fast enough to run for every
// council and RCC at once.
//
//   1. PrepareEpisodes: clean and merge the SSDA903 episodes (one header per
//      child, duplicate and overlapping episodes resolved, legal-status-only
//      changes folded into the placement), split each episode at the age-band
//      birthdays, and label it with its age band, placement category, the
//      category before and after it, and its cost item.
//   2. Forecast: daily stock by state (age band x category); transition rates
//      between states and out of care, averaged over the reference period;
//      daily entry rates into each state; a daily Markov projection with its
//      variance (binomial moves, Poisson entries); placement proportions and
//      daily cost by cost item, summed by quarter.
// docs/forecast.md describes the method, its quirks and its options.
#ifndef CARECOOP_FORECAST_MODEL_H_
#define CARECOOP_FORECAST_MODEL_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "io/ssda903_return.h"

namespace carecoop::forecast {

// Age bands, by age at the start of each (split) episode: 0-1, 1-5, 5-10,
// 10-16 and 16-18+ (up to 30). kNone: an age outside every band.
enum class AgeBand : std::uint8_t { kBirthTo1, k1To5, k5To10, k10To16, k16To18Plus, kNone };
inline constexpr int kAgeBands = 6;
std::string_view AgeBandLabel(AgeBand band);  // "10 to 16", "Birth to 1", "16 to 18+"

enum class Category : std::uint8_t { kFostering, kResidential, kSupported, kOther, kNotInCare };
inline constexpr int kCategories = 5;
std::string_view CategoryLabel(Category c);  // "Fostering", ..., "Not in care"
// The category of an SSDA903 PLACE code.
Category CategoryOfPlace(std::string_view place);

// A state of the model: an age band and a category ("10 to 16 - Fostering").
using State = int;
inline constexpr int kStates = kAgeBands * kCategories;
constexpr State StateOf(AgeBand b, Category c) {
  return static_cast<int>(b) * kCategories + static_cast<int>(c);
}
constexpr AgeBand BandOf(State s) { return static_cast<AgeBand>(s / kCategories); }
constexpr Category CategoryOf(State s) { return static_cast<Category>(s % kCategories); }
std::string StateLabel(State s);
// The state with this label, or nullopt.
std::optional<State> ParseState(std::string_view label);

// Cost items: the finer placement types that carry a weekly cost.
enum class CostItem : std::uint8_t {
  kFosterFriendRelative,
  kFosterInHouse,
  kFosterIfa,
  kResidentialInHouse,
  kResidentialExternal,
  kSupported,
  kSecureHome,
  kPlacedWithFamily,
  kOther,
};
inline constexpr int kCostItems = 9;
std::string_view CostItemLabel(CostItem item);  // "Fostering (IFA)", ...
Category CategoryOfCostItem(CostItem item);
std::optional<CostItem> ParseCostItem(std::string_view label);
// The sector model's default weekly costs (GBP).
double DefaultWeeklyCost(CostItem item);
// The cost item of a placement: PLACE with PLACE_PROVIDER.
CostItem CostItemOf(std::string_view place, std::string_view provider);

// One cleaned episode, split at the age-band birthdays. Days are days since
// 1970-01-01; an open episode has no end.
struct ModelEpisode {
  std::int64_t start = 0;
  std::optional<std::int64_t> end;
  State from = 0;           // age band at start x category
  std::optional<State> to;  // age band at end x category after (set when it ends)
  Category before = Category::kNotInCare;
  CostItem detail = CostItem::kOther;
};

struct EpisodeSet {
  std::vector<ModelEpisode> episodes;  // by child, then start
  Date data_start;                     // 1 April before the earliest end
  Date data_end;                       // 31 March after the latest date
  std::size_t children = 0;
  std::size_t source_episodes = 0;  // after cleaning, before age splits
};

// Cleans, merges and splits the return's episodes; `la` keeps one LA's rows
// ("" = every row). Children without a header (no date of birth) are left
// out, as in the sector model. InvalidArgument when nothing remains.
// `data_end`: a later end of the data than the return's own (open episodes
// age until it), so that sets prepared apart can be combined
// (forecast/areas.h).
Result<EpisodeSet> PrepareEpisodes(const ssda903::Return& r, std::string_view la = {},
                                   std::optional<Date> data_end = std::nullopt);

// A scenario: multiply or add to a transition rate or an entry rate. Rates
// out of a state are scaled back to sum to at most 1, the adjusted ones
// first (as the sector model does).
struct RateAdjustment {
  State from = 0;
  State to = 0;
  double multiply = 1;
  double add = 0;
};
struct EntryAdjustment {
  State to = 0;
  double multiply = 1;
  double add = 0;
};

struct Options {
  Date reference_start;
  Date reference_end;
  int horizon_months = 24;
  // The projection starts here; the reference end when unset.
  std::optional<Date> prediction_start;
  std::vector<RateAdjustment> rate_adjustments;
  std::vector<EntryAdjustment> entry_adjustments;
  // Weekly cost per cost item (GBP); the defaults when unset.
  std::array<std::optional<double>, kCostItems> weekly_costs{};
  // Annual inflation applied to costs on each anniversary of the start.
  std::optional<double> inflation;
};

struct Forecast {
  Date data_start, data_end;
  Date reference_start, reference_end;
  Date prediction_start, prediction_end;
  std::vector<State> states;  // the model's states, by label
  // Stock on the prediction start, per state (indexed like `states`).
  std::vector<double> stock_at_start;
  // transition[i][j]: daily probability of moving from states[i] to
  // states[j] (the diagonal is staying).
  std::vector<std::vector<double>> transition;
  // The (from, to) pairs seen in the data, whose rates the model estimated.
  std::vector<std::pair<int, int>> observed_pairs;
  std::vector<double> entry_rate;  // expected entrants per day, per state
  // Moves out of a state on a day it held no children the day before: only
  // an episode that starts on a band birthday makes one (a piece of no days
  // in the band below). The sector model's rate is then infinite and it
  // stops; these days are left out of the rate instead, and listed here.
  struct MovesWithoutStock {
    State from = 0, to = 0;
    Date day;
    double moves = 0;
  };
  std::vector<MovesWithoutStock> moves_without_stock;
  // Daily projection: days[k] = prediction_start + k + 1.
  std::vector<Date> days;
  std::vector<std::vector<double>> population;  // [day][state]
  std::vector<std::vector<double>> variance;    // [day][state]
  // Proportion of each category's children in each cost item (reference
  // period), and the weekly cost used.
  std::array<double, kCostItems> proportion{};
  std::array<double, kCostItems> weekly_cost{};
  std::vector<std::array<double, kCostItems>> daily_cost;  // [day][item]

  // The index of `s` in `states`, or -1.
  int IndexOf(State s) const;
  // The days that end a month (and the last day), for monthly tables.
  std::vector<std::size_t> MonthEnds() const;
  struct Quarter {
    std::string label;  // "Q2-2022"
    std::array<double, kCostItems> cost{};
  };
  // Daily costs summed by calendar quarter, rounded to pence.
  std::vector<Quarter> QuarterlyCosts() const;
  // Children in care (all states but Not in care) on day k, with a 95% band.
  double InCare(std::size_t day) const;
  double InCareSd(std::size_t day) const;
};

// Runs the model. InvalidArgument naming the option for a reference period
// outside the data or a horizon under 1 month; InvalidArgument("forecast")
// naming the state and the step when a rate or a projected figure is not a
// finite number (a scenario's adjustment can overflow): never a NaN.
Result<Forecast> RunForecast(const EpisodeSet& episodes, const Options& options);

}  // namespace carecoop::forecast

#endif  // CARECOOP_FORECAST_MODEL_H_
