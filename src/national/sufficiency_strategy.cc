#include "national/sufficiency_strategy.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "core/csv.h"
#include "national/report.h"

namespace carecoop::national {
namespace {

using nlohmann::json;

const char* const kHorizons[] = {"now", "months12", "months24"};

std::string Text(const json& j, const char* key) {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

// A number as published: whole unless it has a fraction; "" when null.
std::string Number(const json& v) {
  if (!v.is_number()) return "";
  const double d = v.get<double>();
  char buf[32];
  if (std::floor(d) == d && std::abs(d) < 1e15) {
    std::snprintf(buf, sizeof buf, "%.0f", d);
  } else {
    std::snprintf(buf, sizeof buf, "%.1f", d);
  }
  return buf;
}

// The gap at 12 months, for ordering: unknown last.
double GapAt12(const json& row) {
  const json& g = row["gap"]["months12"];
  return g.is_object() && g["value"].is_number() ? g["value"].get<double>() : -1e18;
}

// The rows of kinds of home to commission: "Other" (placed with parents,
// independent living, custody...) has no gap and is left out.
std::vector<const json*> RowsByGap(const json& published) {
  std::vector<const json*> rows;
  if (published.contains("rows"))
    for (const json& r : published["rows"])
      if (Text(r, "category") != "Other") rows.push_back(&r);
  std::stable_sort(rows.begin(), rows.end(),
                   [](const json* a, const json* b) { return GapAt12(*a) > GapAt12(*b); });
  return rows;
}

}  // namespace

std::string SufficiencyStrategyCsv(const json& published) {
  const std::string rcc = Text(published["rcc"], "code"), name = Text(published["rcc"], "name");
  const std::string as_of = Text(published, "asOf");
  std::string out =
      "rcc,rcc_name,as_of,section,category,age_band,council,measure,value,lower95,upper95\n";
  auto row = [&](const std::string& section, const std::string& category, const std::string& age,
                 const std::string& council, const std::string& measure, const std::string& value,
                 const std::string& lower = "", const std::string& upper = "") {
    const std::string fields[] = {rcc,     name,    as_of, section, category, age,
                                  council, measure, value, lower,   upper};
    bool first = true;
    for (const std::string& f : fields) {
      out += (first ? "" : ",") + CsvField(f);
      first = false;
    }
    out += "\n";
  };
  for (const json* r : RowsByGap(published)) {
    const std::string category = Text(*r, "category"), age = Text(*r, "ageBand");
    for (const char* places : {"registeredPlaces", "vacant", "available"})
      row("places", category, age, "", places, Number((*r)[places]));
    for (const char* part : {"need", "gap"})
      for (const char* when : kHorizons) {
        const json& b = (*r)[part][when];
        if (b.is_object()) {
          row(part, category, age, "", when, Number(b["value"]), Number(b["lower95"]),
              Number(b["upper95"]));
        } else {
          row(part, category, age, "", when, "");
        }
      }
  }
  if (published.contains("councils"))
    for (const json& c : published["councils"]) {
      const std::string council = Text(c, "council");
      for (const char* m : {"placed", "placedFar", "outsideRcc", "medianKm"})
        row("placed_far", "", "", council, m, Number(c[m]));
      if (c.contains("placedFarByState"))
        for (const json& st : c["placedFarByState"])
          row("placed_far", Text(st, "category"), Text(st, "ageBand"), council, "children",
              Number(st["children"]));
    }
  return out;
}

std::string SufficiencyStrategyHtml(const json& published, Date produced) {
  const std::string name = Text(published["rcc"], "name");
  const std::string as_of = Text(published, "asOf");
  const std::string title = "Sufficiency strategy: " + name;
  auto cell = [](const json& v) {
    const std::string n = Number(v);
    return "<td class=\"n\">" + (n.empty() ? std::string("suppressed") : n) + "</td>";
  };
  auto banded = [&](const json& b) {
    if (!b.is_object()) return std::string("<td class=\"n\">suppressed</td>");
    std::string s = Number(b["value"]);
    const std::string lo = Number(b["lower95"]), hi = Number(b["upper95"]);
    if (!lo.empty() && !hi.empty() && (lo != s || hi != s)) s += " (" + lo + " to " + hi + ")";
    return "<td class=\"n\">" + s + "</td>";
  };
  std::string h = "<!doctype html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>" +
                  HtmlEscape(title) + "</title>" + std::string(PageStyle()) + "</head><body>\n";
  h += "<h1>" + HtmlEscape(title) + "</h1>\n";
  h += "<p>Published " + produced.ToIso() + ", as at " + HtmlEscape(as_of) +
       ". The homes the RCC's children will need, set against the places in its area, by kind "
       "of home and age; and where its children live far from home. Counts of children from 1 "
       "to 4 are suppressed, with enough others that none can be worked back.</p>\n";
  if (published.contains("forecastUnavailable") && published["forecastUnavailable"].is_string())
    h += "<p><strong>No forecast: " +
         HtmlEscape(published["forecastUnavailable"].get<std::string>()) +
         "</strong> Need now is the children placed now.</p>\n";

  h += "<h2>Where more homes are needed</h2>\n<p class=\"note\">The gap is the forecast need "
       "less the places available to the RCC's children (those they fill now and the free "
       "places); a positive gap is children the RCC's homes cannot hold. In brackets, the "
       "forecast's 95% band. Largest gap in 12 months first.</p>\n";
  h += "<table><caption>Need and places by kind of home and age, " + HtmlEscape(name) +
       "</caption><thead><tr><th scope=\"col\">Kind of home</th><th scope=\"col\">Age</th>"
       "<th scope=\"col\" class=\"n\">Places available</th><th scope=\"col\" class=\"n\">Need "
       "now</th><th scope=\"col\" class=\"n\">Gap now</th><th scope=\"col\" class=\"n\">Need in "
       "12 months</th><th scope=\"col\" class=\"n\">Gap in 12 months</th><th scope=\"col\" "
       "class=\"n\">Need in 24 months</th><th scope=\"col\" class=\"n\">Gap in 24 "
       "months</th></tr></thead><tbody>\n";
  for (const json* r : RowsByGap(published)) {
    h += "<tr><th scope=\"row\">" + HtmlEscape(Text(*r, "category")) + "</th><td>" +
         HtmlEscape(Text(*r, "ageBand")) + "</td>" + cell((*r)["available"]);
    for (const char* when : kHorizons) h += banded((*r)["need"][when]) + banded((*r)["gap"][when]);
    h += "</tr>\n";
  }
  h += "</tbody></table>\n";

  h += "<h2>Children placed far from home</h2>\n<p class=\"note\">Children of each council "
       "placed now, those more than 20 miles from their family, and those in a home outside the "
       "RCC.</p>\n";
  h += "<table><caption>Placed far from home by council, " + HtmlEscape(name) +
       "</caption><thead><tr><th scope=\"col\">Council</th><th scope=\"col\" "
       "class=\"n\">Placed</th><th scope=\"col\" class=\"n\">Over 20 miles</th><th scope=\"col\" "
       "class=\"n\">Outside the RCC</th><th scope=\"col\" class=\"n\">Median km</th></tr></thead>"
       "<tbody>\n";
  if (published.contains("councils"))
    for (const json& c : published["councils"])
      h += "<tr><th scope=\"row\">" + HtmlEscape(Text(c, "council")) + "</th>" + cell(c["placed"]) +
           cell(c["placedFar"]) + cell(c["outsideRcc"]) + cell(c["medianKm"]) + "</tr>\n";
  h += "</tbody></table>\n";
  h += "<p class=\"note\">Method: docs/forecast.md (sufficiency) and docs/national.md "
       "(published sufficiency strategy). Also as CSV, one row a figure.</p>\n</body></html>\n";
  return h;
}

}  // namespace carecoop::national
