// The policy simulator's reports (docs/simulator.md): the measures of a
// simulated year, their means and 95% intervals over runs, the paired
// difference between two designs, designs and parameters from JSON, the
// designs' years as JSON, and the calibration against published figures.
// Shared by `carecoop simulate` and the API's simulation jobs.
//
// Model: each measure is a function of one run's year; over n runs its
// estimate is the mean with the normal 95% interval mean +- 1.96 s / sqrt(n)
// (s the runs' standard deviation); a difference is taken run by run on the
// same seeds (common random numbers), so its interval is that of the paired
// differences. O(runs) a measure and year.
#ifndef CARECOOP_SIM_REPORT_H_
#define CARECOOP_SIM_REPORT_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/status.h"
#include "sim/simulator.h"

namespace carecoop::sim {

// A measure of a simulated year: its name (the outputs' key), whether a
// share (shown as a percentage), and its value in one run's year.
struct Measure {
  const char* name;
  bool share;
  double (*of_run)(const YearOutcome&);
};
const std::vector<Measure>& Measures();

// The mean and 95% interval over `runs` of `of_run` in year `year` (0-based).
Estimate Over(const std::vector<RunOutcome>& runs, std::size_t year,
              double (*of_run)(const YearOutcome&));
// The difference b - a of `of_run` in year `year`, run by run (run i of
// each on the same seed), mean and 95% interval.
Estimate Difference(const std::vector<RunOutcome>& a, const std::vector<RunOutcome>& b,
                    std::size_t year, double (*of_run)(const YearOutcome&));

// A design from JSON: {"name", "footprint": council|rcc|national,
// "sourcing": sequential|needs_led, "contractedShare": 0..1, "blockShare":
// 0..contractedShare, "nationalRareNeeds": true|false, "rccs": [RCC codes
// where it applies]}, the RCC codes resolved against `rcc_codes` (the
// world's). InvalidArgument naming the field (an unknown key, a bad value,
// an RCC the world has not), `where` (a file, a request) in the message.
Result<Design> DesignFromJson(const nlohmann::json& j, const std::string& where,
                              const std::vector<std::string>& rcc_codes);
// Parameters from JSON: any of the fields of Parameters by their Validate
// names (meanStayYears, breakdownPerYear, ..., availableShare: {fostering,
// childrensHome, secure, supported}); the rest keep their defaults.
// InvalidArgument naming the field, `where` in the message.
Result<Parameters> ParametersFromJson(const nlohmann::json& j, const std::string& where);
// The index of RCC `code` among `codes`, or InvalidArgument naming `field`.
Result<std::int32_t> RccIndex(const std::string& code, const std::vector<std::string>& codes,
                              const std::string& field, const std::string& where);

// The designs and their years: [{name, footprint, sourcing, contractedShare,
// blockShare, nationalRareNeeds, rccs, years: [{year, <measure>: {mean, low,
// high, differenceFromFirst?: {mean, low, high}}}]}], runs[d] the runs of
// designs[d].
nlohmann::json DesignsJson(const std::vector<Design>& designs,
                           const std::vector<std::vector<RunOutcome>>& runs,
                           const std::vector<std::string>& rcc_codes);

// A published figure the baseline's first year is checked against: shares
// within 3 percentage points, counts and money within 5%; a figure that is
// not a target is shown for context only.
struct Published {
  const char* figure;
  double value;
  bool share;  // tolerance 3 points; else 5%
  double (*of_run)(const YearOutcome&);
  const char* source;
  bool target = true;  // false: shown for context, not comparable as it stands
};
const std::vector<Published>& CalibrationFigures();

// One calibration row: the figure, its simulated estimate, the difference
// and whether within tolerance.
struct CalibrationRow {
  const Published* figure;
  Estimate simulated;
  double difference = 0, tolerance = 0;
  bool within = false;
};
// The rows for the baseline's runs (their first year).
std::vector<CalibrationRow> Calibrate(const std::vector<RunOutcome>& runs);

}  // namespace carecoop::sim

#endif  // CARECOOP_SIM_REPORT_H_
