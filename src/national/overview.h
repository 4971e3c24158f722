// The national overview and the comparison of RCCs, built only from the
// returns RCCs send (national/rcc_return.h): the national body never reads
// a child's record.
//
// Model. For each quarter, England's tables are the RCCs' tables added
// position by position; a position is shown for England only when every
// RCC that sent a return shows it (a suppressed cell stays unknown: adding
// it into a total would publish it by difference). Each RCC's measures and
// England's are ratios of shown positions (docs/national.md, "Measures"),
// none when a position they need is suppressed. The comparison ranks RCCs
// on each measure in its better direction, with England's median of the
// RCCs' values.
//
// Method and complexity: one pass over the returns' positions,
// O(returns x positions); ranking O(R log R) a measure.
//
// References: DfE, "Children looked after in England including adoptions"
// (distance bands, placement types, the >20 miles measure); Ofsted's
// framework for inspecting local authority children's services (the
// measures a commissioning inspection reads).
#ifndef CARECOOP_NATIONAL_OVERVIEW_H_
#define CARECOOP_NATIONAL_OVERVIEW_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "national/rcc_return.h"

namespace carecoop::national {

inline const std::string kEngland = "ENGLAND";

// The headline measures of one RCC (or England) in one quarter. Shares are
// fractions 0..1; money in pence.
struct Measures {
  std::string rcc_code;  // kEngland for England
  Quarter quarter;
  std::optional<std::int64_t> started, at_end, referrals, placed, unmet, moves;
  // Of new placements whose distance is known: within 20 miles of home.
  std::optional<double> started_within_20_miles;
  std::optional<double> started_inside_rcc;
  // Of children in placement at the quarter's end: more than 20 miles away
  // (the DfE's measure) and outside the RCC.
  std::optional<double> at_end_over_20_miles;
  std::optional<double> at_end_outside_rcc;
  std::optional<double> spot_share;           // of placements at the end
  std::optional<double> spot_share_of_spend;  // of weekly spend at the end
  std::optional<std::int64_t> weekly_spend;   // pence, at the end
  std::optional<double> spend_per_child_week;
  std::optional<double> views_recorded;             // of referrals
  std::optional<double> scrutiny_before_agreement;  // of placed referrals
  std::optional<double> placed_within_28_days;      // of placed referrals
  std::optional<double> moves_per_child;            // moves in the quarter / at the end
  // The DfE's stability measures (return version 2), of the children in
  // placement on the quarter's last day: two or more moves in the year to
  // it (three or more placements), three or more moves in the two years.
  std::optional<std::int64_t> children_at_end;
  std::optional<double> two_or_more_moves_in_year;
  std::optional<double> three_or_more_moves_in_two_years;
  // The weekly spend at the end against what those places should cost
  // (market/fair_price.h), summed: 1.0 pays the fair price (version 2).
  std::optional<std::int64_t> weekly_fair_price;  // pence
  std::optional<double> price_to_fair_price;
  std::optional<double> median_days_to_placement;  // RCCs only (not additive)
};

// The measures read from one return's shown positions.
Measures MeasuresOf(const RccReturn& r);

struct QuarterOverview {
  Quarter quarter;
  std::vector<std::string> rccs;     // the RCCs whose return is in, by code
  std::vector<ReturnTable> england;  // Layouts() order; unknown where any RCC suppressed
  Measures england_measures;
  std::vector<Measures> by_rcc;  // in rccs' order
};

struct Overview {
  std::vector<QuarterOverview> quarters;  // oldest first
};

// Pure. Returns of one RCC and quarter must appear once (the store keeps one).
Overview BuildOverview(const std::vector<RccReturn>& returns);

// The DfE's placement type group (SSDA903 PLACE codes) of a setting, so that
// the overview lines up with the published statistics.
std::string DfeCategory(const std::string& setting_code);

// One measure compared across RCCs in a quarter.
struct Comparison {
  std::string measure;  // Measures' field name
  bool higher_is_better = true;
  std::optional<double> england_median;  // median of the RCCs' values
  struct Row {
    std::string rcc_code;
    std::optional<double> value;
    std::optional<int> rank;  // 1 = best; ties share the better rank; none when unknown
  };
  std::vector<Row> rows;  // the quarter's RCCs, in order
};

// Every comparison measure for `q` (empty when no return for it is in).
std::vector<Comparison> Compare(const QuarterOverview& q);

}  // namespace carecoop::national

#endif  // CARECOOP_NATIONAL_OVERVIEW_H_
