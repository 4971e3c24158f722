// The national report for a quarter (docs/national.md, "The national
// report"): England and each RCC from the returns, the RCCs compared on each
// measure (a chart and a table of the same numbers), the inspection summary
// and the rare needs, as one HTML file that reads offline (no script, no
// external file: styles inline, charts as inline SVG).
//
// Model and method: a pure rendering of values the national layer has
// already computed (national/overview.h, inspection.h, rare_needs.h); every
// text is HTML-escaped. O(RCCs x measures).
//
// References: GOV.UK Design System (type scale, tables); Government
// Analysis Function, "Data visualisation: charts" (a table beside each
// chart, bars from zero).
#ifndef CARECOOP_NATIONAL_REPORT_H_
#define CARECOOP_NATIONAL_REPORT_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "national/inspection.h"
#include "national/overview.h"
#include "national/rare_needs.h"

namespace carecoop::national {

// `text` with &, <, >, " and ' escaped.
std::string HtmlEscape(std::string_view text);

// The inline <style> of the national layer's offline pages (the report, the
// published sufficiency strategy): GOV.UK's colours and type, no fetch.
std::string_view PageStyle();

struct ReportInput {
  QuarterOverview quarter;
  std::vector<InspectionSummary> inspection;
  std::optional<RareNeedsResult> rare_needs;
  Date produced;
};

std::string NationalReportHtml(const ReportInput& in);

}  // namespace carecoop::national

#endif  // CARECOOP_NATIONAL_REPORT_H_
