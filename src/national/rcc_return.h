// The quarterly return an RCC sends the national body: pseudonymised
// aggregates only (docs/national.md, format docs/formats/rcc-return.md).
//
// Model. The return is a set of two-way tables of counts, each a breakdown
// of one population in one quarter (placements that started, children in
// placement at the quarter's end, referrals, moves) by a row and a column
// dimension with its margins (row totals, column totals, the total), plus
// tables of weekly spend laid out as a count table. Every table is built
// from ReturnFacts, which hold codes and numbers only: no child, officer or
// home identifier can leave the RCC because none enters the builder.
//
// Suppression. A count from 1 to kSuppressBelow - 1 is hidden (primary;
// zeros are published, as in the DfE's statistics). Then further cells are
// hidden so that no hidden cell can be worked out from the visible cells and
// the margins (secondary), by core/suppression.h, over every table of one
// population at once: their totals are one number (the population's size),
// so a total hidden in one table and shown in another would give it away;
// they share one cell in the equations. Whether a hidden cell is recoverable
// depends on which cells are hidden and on the equations, never on the
// values, so a spend table takes its count table's pattern and is exactly
// as safe. Each table's equations: every row total is the sum of its row,
// every column total of its column, the total of the row totals and of the
// column totals.
//
// Method and complexity: tabulation O(facts); suppression as
// core/suppression.h, O(cells) rounds of elimination on at most a few
// hundred cells a population (well under a millisecond a return).
//
// References: ONS, "Disclosure control guidance for tables produced from
// administrative sources" (2014); Hundepool et al., Statistical Disclosure
// Control (2012), ch. 5; DfE, "Children looked after in England"
// methodology (distance bands, placement types, suppression of 1-4).
#ifndef CARECOOP_NATIONAL_RCC_RETURN_H_
#define CARECOOP_NATIONAL_RCC_RETURN_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "domain/home.h"
#include "domain/needs.h"
#include "national/quarter.h"
#include "national/rare_needs.h"

namespace carecoop::national {

// Version 2 added the stability and fair-price tables; a version 1 return is
// still read, with those tables unknown (every cell suppressed).
inline constexpr int kReturnVersion = 2;
inline constexpr int kFirstReturnVersion = 1;
inline constexpr std::int64_t kSuppressBelow = 5;

// The dimensions' codes, in their published order.
namespace dimension {
// Distance from home, miles: under 5, 5 to 20, over 20 to 50, over 50 (so
// "more than 20 miles", the DfE's measure, is the last two); not known when
// the family's location is not recorded.
inline const std::vector<std::string> kDistance = {"under_5", "5_to_20", "over_20_to_50", "over_50",
                                                   "not_known"};
// Age on the day, the DfE's bands.
inline const std::vector<std::string> kAge = {"under_1", "1_to_4", "5_to_9", "10_to_15",
                                              "16_and_over"};
inline const std::vector<std::string> kLocation = {"inside_rcc", "outside_rcc"};
inline const std::vector<std::string> kRoute = {"framework", "dps", "block", "spot", "in_house"};
inline const std::vector<std::string> kOutcome = {"placed", "unmet", "withdrawn", "open"};
inline const std::vector<std::string> kViews = {"recorded", "not_recorded"};
// Days from referral to the placement's start.
inline const std::vector<std::string> kWait = {"0_to_7", "8_to_28", "29_to_90", "over_90"};
inline const std::vector<std::string> kScrutiny = {"before_agreement", "after_agreement", "none"};
inline const std::vector<std::string> kAll = {"all"};
// A child's moves in the year to the day and in the two years to it
// (national/stability.h): the DfE's stability measures are the share with
// two or more in the year (three or more placements) and three or more in
// two years.
inline const std::vector<std::string> kMovesInYear = {"0", "1", "2_or_more"};
inline const std::vector<std::string> kMovesInTwoYears = {"0_to_2", "3_or_more"};
std::vector<std::string> Settings();     // Setting codes
std::vector<std::string> NeedBands();    // NeedBand codes
std::vector<std::string> MoveReasons();  // SSDA903 REASON_PLACE_CHANGE codes
}  // namespace dimension

std::string DistanceBand(std::optional<double> km);  // from km, as the store keeps distance
std::string AgeBand(int years);
std::string WaitBand(std::int64_t days);

// What a return is built from: codes and numbers, never an identifier.
struct PlacementFact {
  Setting setting = Setting::kFosteringHousehold;
  NeedBand band = NeedBand::kStandard;
  int age_years = 0;
  std::optional<double> km_from_home;  // none when the family's location is not known
  bool inside_rcc = true;
  std::string route = "spot";  // dimension::kRoute
  std::int64_t weekly_fee_pence = 0;
  // What the place should cost a week (market/fair_price.h), for the price
  // against fair price; 0 when it cannot be estimated.
  std::int64_t fair_price_pence = 0;
};

// A child in placement on the quarter's last day, with their moves.
struct ChildMovesFact {
  int moves_in_year = 0, moves_in_two_years = 0;
};

struct ReferralFact {
  std::string outcome = "open";  // dimension::kOutcome, at the quarter's end
  bool views_recorded = false;
  // When placed: days from the referral to the start, and when the
  // independent scrutiny came (dimension::kScrutiny).
  std::optional<std::int64_t> days_to_placement;
  std::string scrutiny = "none";
};

struct MoveFact {
  std::string reason;  // SSDA903 REASON_PLACE_CHANGE of the placement the move ended
  Setting from = Setting::kFosteringHousehold;
};

// An unmet referral's need profile: what it asked for.
struct UnmetFact {
  Setting setting = Setting::kChildrensHome;
  NeedBand band = NeedBand::kStandard;
};

// A referral unmet at the quarter's end or placed in it with difficulty
// (national/rare_needs.h): its need profile, and how it was placed.
struct ProfileFact {
  NeedProfile profile;
  bool unmet = true;                      // else hard to place
  std::int64_t weekly_fee_pence = 0;      // when placed
  std::optional<double> miles_from_home;  // when placed and known
};

struct ReturnFacts {
  std::string rcc_code;
  Quarter quarter;
  std::vector<PlacementFact> started;           // placements that began in the quarter
  std::vector<PlacementFact> at_end;            // placements open on its last day
  std::vector<ReferralFact> referrals;          // made in the quarter, or open at its start
  std::vector<MoveFact> moves;                  // placements ended in the quarter by a move
  std::vector<UnmetFact> unmet;                 // referrals unmet at the quarter's end
  std::vector<ProfileFact> profiles;            // unmet or hard to place, for rare needs
  std::vector<ChildMovesFact> children_at_end;  // each child in placement on the last day
};

// One published table. Cells row-major; a hidden cell is nullopt.
struct ReturnTable {
  std::string name;
  // "started", "at_end", "referrals", "placed", "unmet", "moves", "children_at_end"
  std::string population;
  bool amounts = false;  // weekly spend in pence, not a count
  std::string row_dimension, column_dimension;
  std::vector<std::string> rows, columns;
  std::vector<std::optional<std::int64_t>> cells;
  std::vector<std::optional<std::int64_t>> row_totals, column_totals;
  std::optional<std::int64_t> total;

  const std::optional<std::int64_t>& Cell(std::size_t r, std::size_t c) const {
    return cells[r * columns.size() + c];
  }
};

struct RccReturn {
  int version = kReturnVersion;
  std::string rcc_code;
  Quarter quarter;
  Date produced;
  // The median days from referral to placement, when 5 or more were placed.
  std::optional<double> median_days_to_placement;
  std::vector<ReturnTable> tables;
  // The restricted section: unmet and hard-to-place referrals by need
  // profile, unsuppressed, for the national body's rare-needs detection
  // only (national/rare_needs.h, "Privacy"); never published. Sorted by key.
  std::vector<NeedProfileCount> need_profiles;

  const ReturnTable* Find(const std::string& name) const;
};

// The tables of every return, in order (name, population, dimensions), so
// that a return received can be checked against them.
struct TableLayout {
  std::string name, population;
  bool amounts;
  std::string row_dimension, column_dimension;
  std::vector<std::string> rows, columns;
  // An amounts table's quantity ("weekly_spend", "fair_price"): two tables
  // of one population and quantity hold the same numbers where they meet.
  std::string amount = {};
  int since = kFirstReturnVersion;  // the format version that added the table
};
const std::vector<TableLayout>& Layouts();

// A return of an earlier version as read: the tables later versions added
// put in their places, unknown (every number suppressed). Validate accepts
// such a return only with those tables wholly unknown.
void AddLaterTables(RccReturn& r);

// A table of `layout`'s shape with every number `fill` (none: suppressed).
ReturnTable EmptyTable(const TableLayout& layout, std::optional<std::int64_t> fill = std::nullopt);

// Tabulates `facts` and suppresses, as above. Pure.
RccReturn BuildReturn(const ReturnFacts& facts, Date produced);

// A return as received: every table of Layouts() once, with its codes in
// order; counts and amounts never negative; no count from 1 to 4 shown;
// where a margin and all its parts are shown, they add up; the same
// population's shown totals agree; no suppressed cell can be worked out from
// the shown ones. The error names the field ("tables[2].cells[1][3]": row 1,
// column 3) and the rule.
Status Validate(const RccReturn& r);

// Which hidden cells of `r` its shown cells and margins fix (for tests and
// for the return's own check before it is sent): (table index, cell index
// in the table's cells, then row totals, then column totals, then the total).
std::vector<std::pair<std::size_t, std::size_t>> RecoverableCells(const RccReturn& r);

}  // namespace carecoop::national

#endif  // CARECOOP_NATIONAL_RCC_RETURN_H_
