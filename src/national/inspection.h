// An inspection-style summary of each RCC (docs/national.md, "Inspection
// summary"): its strengths and areas for improvement, each tied to a
// compared measure and its threshold, for the national body's report to
// the DfE and for Ofsted's inspection of RCCs.
//
// Model. A threshold names a measure of the comparison (national/overview.h),
// which way is better, and two levels: at or beyond `strength` the measure
// is a strength; short of `improvement` it is an area for improvement;
// between, neither. A level is either the value itself or, with basis
// england_median_ratio, a multiple of England's median of the RCCs (for
// money, where the level that is good depends on the market). The
// thresholds are configuration: docs/inspection-thresholds.csv, embedded and
// read at start, so the national body changes them without code.
//
// Method and complexity: one pass over the comparison's rows, O(measures x
// RCCs). Pure.
//
// References: Ofsted, "Inspecting local authority children's services"
// (ILACS) framework; DfE, "Children looked after in England" (the 20-mile
// and stability measures); Children's Wellbeing and Schools Act 2026
// (Ofsted's powers over RCCs and provider groups).
#ifndef CARECOOP_NATIONAL_INSPECTION_H_
#define CARECOOP_NATIONAL_INSPECTION_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "national/overview.h"

namespace carecoop::national {

struct InspectionThreshold {
  std::string measure;  // a Comparison::measure
  bool higher_is_better = true;
  bool relative_to_england = false;  // basis england_median_ratio
  double strength = 0, improvement = 0;
  std::string label;
};

// Reads thresholds from CSV (measure,better,basis,strength,improvement,label);
// errors name the line and the field. Each measure once; for higher-is-better
// strength must be at least improvement, for lower-is-better at most.
Result<std::vector<InspectionThreshold>> ParseInspectionThresholds(std::string_view csv,
                                                                   std::string_view source);
// docs/inspection-thresholds.csv, as built in.
const std::vector<InspectionThreshold>& DefaultInspectionThresholds();

struct Finding {
  std::string measure, label;
  double value = 0;
  double level = 0;  // the threshold it met or missed, in the measure's units
  std::optional<double> england_median;
  std::optional<int> rank;
  int of = 0;  // RCCs compared
};

struct InspectionSummary {
  std::string rcc_code;
  Quarter quarter;
  std::vector<Finding> strengths, improvements;
  std::vector<std::string> not_known;  // measures suppressed or with no median to compare
};

// Each RCC of `q`, in its order.
std::vector<InspectionSummary> Inspect(const QuarterOverview& q,
                                       const std::vector<InspectionThreshold>& thresholds);

}  // namespace carecoop::national

#endif  // CARECOOP_NATIONAL_INSPECTION_H_
