#include "national/inspection.h"

#include <charconv>
#include <set>

#include "core/csv.h"

namespace carecoop::embedded {
std::string_view inspection_thresholds_csv();
}  // namespace carecoop::embedded

namespace carecoop::national {

Result<std::vector<InspectionThreshold>> ParseInspectionThresholds(std::string_view text,
                                                                   std::string_view source) {
  CC_ASSIGN_OR_RETURN(CsvTable csv, ParseCsv(text, source));
  const std::vector<std::string> want = {"measure",  "better",      "basis",
                                         "strength", "improvement", "label"};
  if (csv.header != want)
    return InvalidArgument("header", std::string(source) +
                                         ": the columns must be measure,better,basis,strength,"
                                         "improvement,label");
  std::vector<InspectionThreshold> out;
  std::set<std::string> seen;
  for (const auto& row : csv.rows) {
    const auto& f = row.fields;
    const std::string at = std::string(source) + ":" + std::to_string(row.line) + ": ";
    InspectionThreshold t;
    t.measure = f[0];
    if (t.measure.empty()) return InvalidArgument("measure", at + "is empty");
    if (!seen.insert(t.measure).second)
      return InvalidArgument("measure", at + "'" + t.measure + "' is given twice");
    if (f[1] != "higher" && f[1] != "lower")
      return InvalidArgument("better", at + "must be higher or lower");
    t.higher_is_better = f[1] == "higher";
    if (f[2] != "value" && f[2] != "england_median_ratio")
      return InvalidArgument("basis", at + "must be value or england_median_ratio");
    t.relative_to_england = f[2] == "england_median_ratio";
    for (auto [name, text_value, into] : {std::tuple{"strength", &f[3], &t.strength},
                                          std::tuple{"improvement", &f[4], &t.improvement}}) {
      auto [end, ec] =
          std::from_chars(text_value->data(), text_value->data() + text_value->size(), *into);
      if (text_value->empty() || ec != std::errc() ||
          end != text_value->data() + text_value->size())
        return InvalidArgument(name, at + "must be a number");
    }
    if (t.higher_is_better ? t.strength < t.improvement : t.strength > t.improvement)
      return InvalidArgument("strength", at + "a strength must be at least as good as the level "
                                              "below which improvement is needed");
    t.label = f[5];
    out.push_back(std::move(t));
  }
  return out;
}

const std::vector<InspectionThreshold>& DefaultInspectionThresholds() {
  static const std::vector<InspectionThreshold> kDefault = [] {
    auto parsed = ParseInspectionThresholds(embedded::inspection_thresholds_csv(),
                                            "docs/inspection-thresholds.csv");
    return parsed.ok() ? *parsed : std::vector<InspectionThreshold>{};
  }();
  return kDefault;
}

std::vector<InspectionSummary> Inspect(const QuarterOverview& q,
                                       const std::vector<InspectionThreshold>& thresholds) {
  std::vector<InspectionSummary> out;
  for (const std::string& rcc : q.rccs) out.push_back({rcc, q.quarter, {}, {}, {}});
  const auto comparisons = Compare(q);
  for (const InspectionThreshold& t : thresholds) {
    const Comparison* c = nullptr;
    for (const auto& x : comparisons)
      if (x.measure == t.measure) c = &x;
    if (!c) continue;
    for (std::size_t i = 0; i < out.size() && i < c->rows.size(); ++i) {
      const Comparison::Row& row = c->rows[i];
      if (!row.value || (t.relative_to_england && !c->england_median)) {
        out[i].not_known.push_back(t.measure);
        continue;
      }
      const double scale = t.relative_to_england ? *c->england_median : 1.0;
      const double strength = t.strength * scale, improvement = t.improvement * scale;
      const double v = *row.value;
      Finding f{
          t.measure, t.label, v, 0, c->england_median, row.rank, static_cast<int>(c->rows.size())};
      const bool strong = t.higher_is_better ? v >= strength : v <= strength;
      const bool weak = t.higher_is_better ? v < improvement : v > improvement;
      if (strong) {
        f.level = strength;
        out[i].strengths.push_back(f);
      } else if (weak) {
        f.level = improvement;
        out[i].improvements.push_back(f);
      }
    }
  }
  return out;
}

}  // namespace carecoop::national
