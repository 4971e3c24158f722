// The published sufficiency strategy's page and CSV, by hand: they lay out
// the published (suppressed) figures and nothing else; a suppressed figure
// stays suppressed; rows open on the largest gap; every text is escaped and
// the page fetches nothing.
#include "national/sufficiency_strategy.h"

#include <gtest/gtest.h>

#include <sstream>

namespace carecoop::national {
namespace {

using nlohmann::json;

json Banded(double v, double lo, double hi) {
  return {{"value", v}, {"lower95", lo}, {"upper95", hi}};
}

json Published() {
  json j;
  j["rcc"] = {{"code", "NW-GM"}, {"name", "Greater Manchester <RCC> & co"}};
  j["asOf"] = "2025-03-31";
  j["smallNumbersSuppressedBelow"] = 5;
  json fostering = {{"ageBand", "10 to 16"},
                    {"category", "Foster placement"},
                    {"registeredPlaces", 40.5},
                    {"vacant", 3.0},
                    {"available", 33.0},
                    {"need",
                     {{"now", Banded(30, 30, 30)},
                      {"months12", Banded(36, 31, 41)},
                      {"months24", Banded(40, 33, 47)}}},
                    {"gap",
                     {{"now", Banded(-3, -3, -3)},
                      {"months12", Banded(3, -2, 8)},
                      {"months24", Banded(7, 0, 14)}}}};
  json homes = {
      {"ageBand", "16 to 18+"},
      {"category", "Residential"},
      {"registeredPlaces", 12.0},
      {"vacant", nullptr},
      {"available", nullptr},
      {"need", {{"now", nullptr}, {"months12", Banded(9, 6, 12)}, {"months24", Banded(11, 7, 15)}}},
      {"gap", {{"now", nullptr}, {"months12", Banded(8, 5, 11)}, {"months24", nullptr}}}};
  json other = homes;  // placed with parents and the like: no home to commission
  other["category"] = "Other";
  other["gap"] = {{"now", nullptr}, {"months12", nullptr}, {"months24", nullptr}};
  j["rows"] = json::array({fostering, homes, other});
  j["councils"] = json::array({{{"council", "Bolton"},
                                {"placed", 52},
                                {"placedFar", 9},
                                {"outsideRcc", nullptr},
                                {"medianKm", 8.4},
                                {"placedFarByState", json::array({{{"ageBand", "10 to 16"},
                                                                   {"category", "Residential"},
                                                                   {"children", nullptr}}})}}});
  return j;
}

std::vector<std::vector<std::string>> Lines(const std::string& csv) {
  std::vector<std::vector<std::string>> out;
  std::istringstream in(csv);
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> fields;
    std::string f;
    bool quoted = false;
    for (char c : line) {
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        fields.push_back(f);
        f.clear();
      } else {
        f += c;
      }
    }
    fields.push_back(f);
    out.push_back(fields);
  }
  return out;
}

TEST(SufficiencyStrategyTest, CsvHasEveryPublishedFigureAndLeavesSuppressedOnesEmpty) {
  const auto lines = Lines(SufficiencyStrategyCsv(Published()));
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines[0].size(), 11u);
  // 2 rows x (3 places + 3 need + 3 gap) + 1 council x 4 + 1 state (Other
  // left out).
  ASSERT_EQ(lines.size(), 1u + 2 * 9 + 4 + 1);
  // The residential row's 12-month gap (8) beats fostering's (3): it comes first.
  EXPECT_EQ(lines[1][4], "Residential");
  EXPECT_EQ(lines[1][1], "Greater Manchester <RCC> & co");
  int empty = 0;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const auto& l = lines[i];
    ASSERT_EQ(l.size(), 11u) << i;
    if (l[8].empty()) ++empty;
    if (l[3] == "gap" && l[4] == "Residential" && l[7] == "months12") {
      EXPECT_EQ(l[8], "8");
      EXPECT_EQ(l[9], "5");
      EXPECT_EQ(l[10], "11");
    }
    if (l[3] == "places" && l[4] == "Foster placement" && l[7] == "registeredPlaces") {
      EXPECT_EQ(l[8], "40.5");
    }
    if (l[3] == "need" && l[4] == "Residential" && l[7] == "now") {
      EXPECT_EQ(l[8], "");  // suppressed, never 0
    }
  }
  // Suppressed: vacant, available, need now, gap now, gap 24 of the
  // residential row; Bolton's outside the RCC and its state's children.
  EXPECT_EQ(empty, 7);
}

TEST(SufficiencyStrategyTest, PageIsSelfContainedEscapedAndShowsSuppression) {
  const std::string html = SufficiencyStrategyHtml(Published(), Date(2025, 4, 1));
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("src="), std::string::npos);
  EXPECT_EQ(html.find("href="), std::string::npos);
  EXPECT_EQ(html.find("<RCC>"), std::string::npos);
  EXPECT_NE(html.find("Greater Manchester &lt;RCC&gt; &amp; co"), std::string::npos);
  EXPECT_NE(html.find("suppressed"), std::string::npos);
  EXPECT_NE(html.find("3 (-2 to 8)"), std::string::npos);              // a gap with its band
  EXPECT_LT(html.find("Residential"), html.find("Foster placement"));  // largest gap first
  EXPECT_NE(html.find("Bolton"), std::string::npos);
  EXPECT_EQ(html.find(">Other<"), std::string::npos);
  EXPECT_NE(html.find("Published 2025-04-01"), std::string::npos);
}

}  // namespace
}  // namespace carecoop::national
