// The national report: self-contained HTML with a table for every chart,
// every text escaped, and the numbers it was given.
#include "national/report.h"

#include <gtest/gtest.h>

namespace carecoop::national {
namespace {

std::size_t Occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

ReportInput Input() {
  ReportInput in;
  QuarterOverview& q = in.quarter;
  q.quarter = {2026, 3};
  q.rccs = {"NW-GM", "SE"};
  const double near[] = {0.9, 0.6};
  for (int i = 0; i < 2; ++i) {
    Measures m;
    m.rcc_code = q.rccs[static_cast<std::size_t>(i)];
    m.quarter = q.quarter;
    m.started = 120 + i;
    m.started_within_20_miles = near[i];
    m.views_recorded = 0.97;
    q.by_rcc.push_back(m);
  }
  q.england_measures.rcc_code = kEngland;
  q.england_measures.started = 241;
  in.inspection = Inspect(q, DefaultInspectionThresholds());
  RareNeedsResult r;
  r.first = {2025, 4};
  r.last = {2026, 3};
  RareNeed n;
  n.key = "childrens_home/10_to_15/two_to_one/<b>/none";
  n.children = 23;
  n.rccs_seen = 9;
  r.rare.push_back(n);
  r.profiles_seen = 40;
  in.rare_needs = r;
  in.produced = Date(2026, 10, 20);
  return in;
}

TEST(ReportTest, EscapesText) { EXPECT_EQ(HtmlEscape("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&#39;"); }

TEST(ReportTest, IsSelfContainedWithATableBesideEveryChart) {
  const std::string html = NationalReportHtml(Input());
  EXPECT_EQ(html.rfind("<!doctype html>", 0), 0u);
  // Reads offline: nothing fetched, nothing run.
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("src="), std::string::npos);
  EXPECT_EQ(html.find("href="), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  // Charts: the two measures with values (within 20 miles, views); each
  // with its table (and every compared measure has a table, known or not).
  EXPECT_EQ(Occurrences(html, "<svg"), 2u);
  EXPECT_EQ(Occurrences(html, "<table>"),
            1u + 12u + 1u + 1u);  // measures, compared, inspection, rare
  EXPECT_NE(html.find("90.0%"), std::string::npos);
  EXPECT_NE(html.find("60.0%"), std::string::npos);
  EXPECT_NE(html.find(">241<"), std::string::npos);  // England's placements started
  // The inspection summary: NW-GM's 90% within 20 miles is a strength; SE's
  // 60% an area for improvement (docs/inspection-thresholds.csv).
  EXPECT_NE(html.find("New placements within 20 miles of home: 90.0% (level 85.0%; rank 1 of 2)"),
            std::string::npos);
  EXPECT_NE(html.find("New placements within 20 miles of home: 60.0% (level 70.0%; rank 2 of 2)"),
            std::string::npos);
  // Every text escaped.
  EXPECT_NE(html.find("child&#39;s views"), std::string::npos);
  EXPECT_NE(html.find("/&lt;b&gt;/"), std::string::npos);
  EXPECT_EQ(html.find("<b>"), std::string::npos);
  EXPECT_NE(html.find(">23<"), std::string::npos);
}

}  // namespace
}  // namespace carecoop::national
