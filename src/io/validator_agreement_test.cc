// CareCoop's cross-field rules flag the rows the sector's validator flags.
// The validator (data-to-insight/csc-validator-be-903) was run on its own
// fake return (tests/data/peers/csc-validator-be-903/data, collection year
// 2017/18) with the rule packs of 2022/23 and 2025/26; its counts of rows
// flagged per rule are in expected/. Here CareCoop reads the same files
// and applies the same year's lists (io/ssda903_spec.h).
//
// Finding 7 of issue 15: the URN rule agreed on 213, 550 and 148 but missed
// R1, R2, R5 and P3 placements that carry a URN (155 rows): rule 222's list
// is the year's, from data/codes/ssda903_years.csv.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "core/csv.h"
#include "io/ssda903_return.h"
#include "io/ssda903_spec.h"

namespace carecoop::ssda903 {
namespace {
namespace fs = std::filesystem;

const fs::path kValidator = fs::path(CARECOOP_TEST_DATA) / "peers" / "csc-validator-be-903";

std::map<std::string, std::size_t> Expected(const std::string& file) {
  std::ifstream in(kValidator / "expected" / file);
  std::stringstream text;
  text << in.rdbuf();
  auto t = ParseCsv(text.str(), file);
  EXPECT_TRUE(t.ok()) << file;
  std::map<std::string, std::size_t> out;
  if (!t.ok()) return out;
  for (const auto& row : t->rows)
    if (row.fields[1] == "Episodes") out[row.fields[0]] = std::stoul(row.fields[2]);
  return out;
}

TEST(ValidatorAgreement, CrossFieldRulesFlagTheRowsTheValidatorFlags) {
  // Every row as filed: the validator counts exact repeats too, so the
  // episodes are read from the CSV without CareCoop's de-duplication.
  ReadReport report;
  ReadOptions options;
  options.max_problems = 100000;
  auto r = ReadReturn(kValidator / "data", options, report);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  std::size_t rows = r->episodes.size() + report.duplicate_episodes_dropped;
  ASSERT_EQ(rows, report.episode_rows);
  ASSERT_EQ(report.duplicate_episodes_dropped, 0u) << "the fake return has no exact repeats";
  for (auto [pack, year] :
       {std::pair<std::string, int>{"lac2022_23", 2023}, {"lac2025_26", 2026}}) {
    SCOPED_TRACE(pack);
    auto expected = Expected("error_counts_" + pack + "_year2018.csv");
    ASSERT_FALSE(expected.empty());
    const YearSpec& spec = SpecForYear(year);
    std::map<std::string, std::size_t> flagged;
    for (const auto& e : r->episodes) {
      std::set<std::string> rules;
      for (const auto& b : CrossFieldBreaches(e, nullptr, &spec)) {
        auto at = b.find("(rule ");
        if (at != std::string::npos) rules.insert(b.substr(at + 6, b.find(')', at) - at - 6));
      }
      for (const auto& rule : rules) ++flagged[rule];
    }
    for (const char* rule : {"148", "213", "550", "222"})
      EXPECT_EQ(flagged[rule], expected[rule]) << "rule " << rule;
  }
}

TEST(YearSpec, SexAndUrnListsFollowTheCollectionYear) {
  EXPECT_EQ(SpecForYear(2024).sex, (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(SpecForYear(2025).sex, (std::vector<std::string>{"M", "F", "U"}));
  EXPECT_EQ(SpecForYear(2025).Label(), "2024/25");
  EXPECT_TRUE(YearSpec::In(SpecForYear(2024).urn_not_required, "H5"));
  EXPECT_FALSE(YearSpec::In(SpecForYear(2025).urn_not_required, "H5"));
  EXPECT_TRUE(YearSpec::In(SpecForYear(2026).urn_not_allowed, "Z11"));
  for (int year = 1990; year <= 2040; ++year) {
    const YearSpec& s = SpecForYear(year);
    EXPECT_GE(s.sex.size(), 2u) << year;
    for (const char* p : {"R1", "R2", "R5", "P3", "P1", "T0"})
      EXPECT_TRUE(YearSpec::In(s.urn_not_allowed, p)) << year << " " << p;
  }
}

}  // namespace
}  // namespace carecoop::ssda903
