#include "national/report.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include "core/money.h"

namespace carecoop::national {
namespace {

enum class Kind { kShare, kDays, kMoney, kRate, kCount };

struct MeasureName {
  const char* label;
  Kind kind;
};

const std::map<std::string, MeasureName>& Names() {
  static const std::map<std::string, MeasureName> kNames = {
      {"started_within_20_miles", {"New placements within 20 miles of home", Kind::kShare}},
      {"started_inside_rcc", {"New placements inside the RCC", Kind::kShare}},
      {"moves_per_child", {"Moves in the quarter per child in placement", Kind::kRate}},
      {"placed_within_28_days", {"Referrals placed within 28 days", Kind::kShare}},
      {"median_days_to_placement", {"Median days from referral to placement", Kind::kDays}},
      {"scrutiny_before_agreement", {"Placements scrutinised before agreement", Kind::kShare}},
      {"views_recorded", {"Referrals with the child's views recorded", Kind::kShare}},
      {"spot_share", {"Spot share of placements", Kind::kShare}},
      {"spend_per_child_week", {"Spend per child-week", Kind::kMoney}},
      {"two_or_more_moves_in_year",
       {"Children in placement with two or more moves in the year", Kind::kShare}},
      {"three_or_more_moves_in_two_years",
       {"Children in placement with three or more moves in two years", Kind::kShare}},
      {"price_to_fair_price",
       {"Weekly spend against the fair price of the same places", Kind::kRate}},
  };
  return kNames;
}

std::string Fixed(double v, int places) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", places, v);
  return buf;
}

std::string Shown(std::optional<double> v, Kind kind) {
  if (!v) return "not known";
  switch (kind) {
    case Kind::kShare:
      return Fixed(*v * 100, 1) + "%";
    case Kind::kDays:
      return Fixed(*v, 1);
    case Kind::kMoney:
      return Pence(static_cast<std::int64_t>(*v)).ToPoundsString();
    case Kind::kRate:
      return Fixed(*v, 3);
    case Kind::kCount:
      return Fixed(*v, 0);
  }
  return "";
}

std::string Count(const std::optional<std::int64_t>& v) {
  return v ? std::to_string(*v) : "suppressed";
}

// A horizontal bar chart from zero, with England's median as a dashed line;
// its title and description say the same numbers in words.
std::string Bars(const Comparison& c, const MeasureName& name) {
  std::vector<std::pair<std::string, double>> bars;
  for (const auto& r : c.rows)
    if (r.value) bars.emplace_back(r.rcc_code, *r.value);
  if (bars.empty()) return "";
  double top = 0;
  for (const auto& [rcc, v] : bars) top = std::max(top, v);
  if (c.england_median) top = std::max(top, *c.england_median);
  if (name.kind == Kind::kShare) top = std::max(top, 1.0);
  if (top <= 0) top = 1;
  const int left = 90, width = 520, row = 22;
  const int height = static_cast<int>(bars.size()) * row + 30;
  std::string words;
  for (const auto& [rcc, v] : bars) words += rcc + " " + Shown(v, name.kind) + "; ";
  if (c.england_median) words += "England's median " + Shown(c.england_median, name.kind);
  std::string svg = "<svg role=\"img\" width=\"" + std::to_string(left + width + 80) +
                    "\" height=\"" + std::to_string(height) + "\" viewBox=\"0 0 " +
                    std::to_string(left + width + 80) + " " + std::to_string(height) +
                    "\" xmlns=\"http://www.w3.org/2000/svg\"><title>" + HtmlEscape(name.label) +
                    " by RCC</title><desc>" + HtmlEscape(words) + "</desc>";
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const int y = static_cast<int>(i) * row + 4;
    const int w = static_cast<int>(bars[i].second / top * width);
    svg += "<text x=\"" + std::to_string(left - 6) + "\" y=\"" + std::to_string(y + 14) +
           "\" text-anchor=\"end\" font-size=\"13\">" + HtmlEscape(bars[i].first) + "</text>";
    svg += "<rect x=\"" + std::to_string(left) + "\" y=\"" + std::to_string(y) + "\" width=\"" +
           std::to_string(std::max(w, 1)) + "\" height=\"" + std::to_string(row - 6) +
           "\" fill=\"#1d70b8\"/>";
    svg += "<text x=\"" + std::to_string(left + std::max(w, 1) + 4) + "\" y=\"" +
           std::to_string(y + 14) + "\" font-size=\"12\">" +
           HtmlEscape(Shown(bars[i].second, name.kind)) + "</text>";
  }
  if (c.england_median) {
    const int x = left + static_cast<int>(*c.england_median / top * width);
    svg += "<line x1=\"" + std::to_string(x) + "\" x2=\"" + std::to_string(x) +
           "\" y1=\"0\" y2=\"" + std::to_string(height - 20) +
           "\" stroke=\"#0b0c0c\" stroke-dasharray=\"4,3\"/>";
    svg += "<text x=\"" + std::to_string(x) + "\" y=\"" + std::to_string(height - 6) +
           "\" font-size=\"12\" text-anchor=\"middle\">England's median</text>";
  }
  return svg + "</svg>";
}

}  // namespace

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    switch (ch) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += ch;
    }
  }
  return out;
}

std::string_view PageStyle() {
  return "<style>body{font-family:Arial,sans-serif;color:#0b0c0c;max-width:960px;margin:2em "
         "auto;padding:0 1em;line-height:1.4}h1{font-size:2em}h2{font-size:1.5em;margin-top:1.6em}"
         "h3{font-size:1.15em}table{border-collapse:collapse;margin:0.5em 0 1.5em;width:100%}"
         "caption{text-align:left;font-weight:bold;margin-bottom:0.4em}th,td{border-bottom:1px "
         "solid #b1b4b6;padding:0.35em 0.6em;text-align:left;vertical-align:top}td.n,th.n{text-"
         "align:right}.note{color:#505a5f;font-size:0.9em}</style>";
}

std::string NationalReportHtml(const ReportInput& in) {
  const QuarterOverview& q = in.quarter;
  const std::string quarter = q.quarter.ToString();
  std::string h =
      "<!doctype html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>National "
      "report on Regional Care Co-operatives, " +
      quarter + "</title>" + std::string(PageStyle()) + "</head><body>\n";
  h += "<h1>National report on Regional Care Co-operatives, " + quarter + "</h1>\n";
  h += "<p>Produced " + in.produced.ToIso() + " from the quarterly returns of " +
       std::to_string(q.rccs.size()) +
       " RCCs and nothing else: no child's record is read. Counts from 1 to 4 arrive suppressed, "
       "with enough others that none can be worked back; a number for England is shown only "
       "where every RCC shows it.</p>\n";

  // England and each RCC.
  auto measures_row = [&](const Measures& m, const std::string& name) {
    return "<tr><th scope=\"row\">" + HtmlEscape(name) + "</th><td class=\"n\">" +
           Count(m.started) + "</td><td class=\"n\">" + Count(m.at_end) + "</td><td class=\"n\">" +
           Count(m.placed) + "</td><td class=\"n\">" + Count(m.unmet) + "</td><td class=\"n\">" +
           Shown(m.started_within_20_miles, Kind::kShare) + "</td><td class=\"n\">" +
           Shown(m.at_end_over_20_miles, Kind::kShare) + "</td><td class=\"n\">" +
           Shown(m.spot_share, Kind::kShare) + "</td><td class=\"n\">" +
           Shown(m.spend_per_child_week, Kind::kMoney) + "</td></tr>\n";
  };
  h += "<h2>England and each RCC</h2>\n<table><caption>Each RCC and England, " + quarter +
       "</caption><thead><tr><th scope=\"col\">RCC</th><th scope=\"col\" "
       "class=\"n\">Placements started</th><th scope=\"col\" class=\"n\">In placement at the "
       "end</th><th scope=\"col\" class=\"n\">Referrals placed</th><th scope=\"col\" "
       "class=\"n\">Referrals unmet</th><th scope=\"col\" class=\"n\">New within 20 "
       "miles</th><th scope=\"col\" class=\"n\">Over 20 miles at the end</th><th scope=\"col\" "
       "class=\"n\">Spot share</th><th scope=\"col\" class=\"n\">Spend per "
       "child-week</th></tr></thead><tbody>\n";
  for (const Measures& m : q.by_rcc) h += measures_row(m, m.rcc_code);
  h += measures_row(q.england_measures, "England");
  h += "</tbody></table>\n";

  // The RCCs compared.
  h += "<h2>RCCs compared</h2>\n<p>Rank 1 is best; an RCC whose number is suppressed has no "
       "rank. The dashed line is England's median of the RCCs.</p>\n";
  for (const Comparison& c : Compare(q)) {
    auto name = Names().find(c.measure);
    if (name == Names().end()) continue;
    h += "<h3>" + HtmlEscape(name->second.label) + " (" +
         (c.higher_is_better ? "higher" : "lower") + " is better)</h3>\n";
    h += Bars(c, name->second);
    h += "<table><caption>" + HtmlEscape(name->second.label) + " by RCC, " + quarter +
         "</caption><thead><tr><th scope=\"col\">RCC</th><th scope=\"col\" "
         "class=\"n\">Value</th><th scope=\"col\" class=\"n\">Rank of " +
         std::to_string(c.rows.size()) + "</th></tr></thead><tbody>\n";
    for (const auto& r : c.rows)
      h += "<tr><th scope=\"row\">" + HtmlEscape(r.rcc_code) + "</th><td class=\"n\">" +
           Shown(r.value, name->second.kind) + "</td><td class=\"n\">" +
           (r.rank ? std::to_string(*r.rank) : "none") + "</td></tr>\n";
    h += "<tr><th scope=\"row\">England's median</th><td class=\"n\">" +
         Shown(c.england_median, name->second.kind) + "</td><td></td></tr>\n</tbody></table>\n";
  }

  // Inspection summary.
  h += "<h2>Inspection summary</h2>\n<p>A strength is a measure at or beyond its level; an area "
       "for improvement one short of its level (the levels: docs/inspection-thresholds.csv).</p>\n";
  auto findings = [&](const std::vector<Finding>& list) {
    if (list.empty()) return std::string("None");
    std::string out = "<ul>";
    for (const Finding& f : list) {
      auto name = Names().find(f.measure);
      const Kind kind = name == Names().end() ? Kind::kRate : name->second.kind;
      out += "<li>" + HtmlEscape(f.label) + ": " + Shown(f.value, kind) + " (level " +
             Shown(f.level, kind) +
             (f.rank ? "; rank " + std::to_string(*f.rank) + " of " + std::to_string(f.of) : "") +
             ")</li>";
    }
    return out + "</ul>";
  };
  h += "<table><caption>Strengths and areas for improvement, " + quarter +
       "</caption><thead><tr><th scope=\"col\">RCC</th><th scope=\"col\">Strengths</th><th "
       "scope=\"col\">Areas for improvement</th></tr></thead><tbody>\n";
  for (const InspectionSummary& s : in.inspection)
    h += "<tr><th scope=\"row\">" + HtmlEscape(s.rcc_code) + "</th><td>" + findings(s.strengths) +
         "</td><td>" + findings(s.improvements) + "</td></tr>\n";
  h += "</tbody></table>\n";

  // Rare needs.
  if (in.rare_needs) {
    const RareNeedsResult& r = *in.rare_needs;
    h += "<h2>Rare needs</h2>\n<p>Need profiles that every RCC saw too rarely to commission for, "
         "but that England saw often enough, " +
         r.first.ToString() + " to " + r.last.ToString() + ": " + std::to_string(r.rare.size()) +
         " of " + std::to_string(r.profiles_seen) +
         " profiles seen. Only England's totals are shown.</p>\n";
    h += "<table><caption>Rare needs, " + r.first.ToString() + " to " + r.last.ToString() +
         "</caption><thead><tr><th scope=\"col\">Profile (setting/age/ratio/risks/needs)</th><th "
         "scope=\"col\" class=\"n\">Children</th><th scope=\"col\" class=\"n\">RCCs</th><th "
         "scope=\"col\" class=\"n\">Mean weekly fee</th></tr></thead><tbody>\n";
    for (const RareNeed& n : r.rare)
      h += "<tr><th scope=\"row\">" + HtmlEscape(n.key) + "</th><td class=\"n\">" +
           std::to_string(n.children) + "</td><td class=\"n\">" + std::to_string(n.rccs_seen) +
           "</td><td class=\"n\">" + Shown(n.mean_weekly_fee_pence, Kind::kMoney) + "</td></tr>\n";
    if (r.rare.empty())
      h += "<tr><td colspan=\"4\">No profile is both rare in every RCC and common enough in "
           "England.</td></tr>\n";
    h += "</tbody></table>\n";
  }
  h += "<p class=\"note\">CareCoop. All data in this build is synthetic. Definitions: "
       "docs/national.md.</p>\n</body></html>\n";
  return h;
}

}  // namespace carecoop::national
