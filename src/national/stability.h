// Placement stability (docs/national.md, "Stability"): moves per child by
// reason, the DfE's stability measures, by council and for the RCC, and an
// early-warning list of placements at risk for the hub.
//
// Model. A move is a placement that ended with a change of placement: its
// SSDA903 REASON_PLACE_CHANGE is recorded. On day D (the "as at" day), the
// children counted are those in placement on D (as the DfE counts children
// looked after on 31 March); for each, the moves whose placement ended in
// the year to D (D - 365 < end <= D) and in the two years to D. The DfE's
// measures: the share of those children with two or more moves in the year
// (three or more placements) and with three or more moves in the two years.
// The early-warning list holds each child in placement on D with a signal
// in the data: two or more moves in the year (a further move would make
// three), a move within the last 28 days, or a placement booked as an
// emergency before scrutiny.
//
// Method and complexity: one pass grouping the placements by child, then a
// pass over each child's; O(P log P) for P placements with the sort.
//
// References: DfE, "Children looked after in England including adoptions"
// (placement stability: three or more placements in the year; long-term
// stability) and the SSDA903 guide (REASON_PLACE_CHANGE codes).
#ifndef CARECOOP_NATIONAL_STABILITY_H_
#define CARECOOP_NATIONAL_STABILITY_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"

namespace carecoop::national {

struct StabilityPlacement {
  std::int64_t child = 0;
  std::string group;  // the council the child belongs to
  Date start;
  std::optional<Date> end;
  std::string reason_place_change;  // SSDA903; "" when it did not end with a move
  bool emergency = false;           // booked before scrutiny
};

struct StabilityFigures {
  std::string group;  // a council, or "" for them all
  int children = 0;   // in placement on the day
  int moves_in_year = 0;
  int two_or_more_in_year = 0;
  int three_or_more_in_two_years = 0;
  std::map<std::string, int> moves_by_reason;  // in the year
};

struct AtRisk {
  std::int64_t child = 0;
  std::string group;
  Date placed_since;  // the current placement's start
  int moves_in_year = 0;
  std::vector<std::string> signals;
};

struct Stability {
  Date as_at;
  StabilityFigures all;
  std::vector<StabilityFigures> by_group;  // by council name
  std::vector<AtRisk> at_risk;             // most moves first
};

// One child in placement on the day, with their moves (the model above).
struct ChildMoves {
  std::int64_t child = 0;
  const StabilityPlacement* current = nullptr;  // the placement open on the day
  int moves_in_year = 0, moves_in_two_years = 0;
  std::map<std::string, int> moves_by_reason;  // in the year
  std::optional<Date> last_move;               // in the year
};

// Pure: each child in placement on `as_at`, by child id. A child with more
// than one placement open on the day is counted once (their latest start is
// the current one). The RCC return's stability table (national/rcc_return.h)
// and MeasureStability both count from it.
std::vector<ChildMoves> MovesOfChildrenInPlacement(
    const std::vector<StabilityPlacement>& placements, Date as_at);

// Pure: the measures and the early-warning list, from MovesOfChildrenInPlacement.
Stability MeasureStability(const std::vector<StabilityPlacement>& placements, Date as_at);

}  // namespace carecoop::national

#endif  // CARECOOP_NATIONAL_STABILITY_H_
