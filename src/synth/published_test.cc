#include "synth/published.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "core/csv.h"
#include "core/england.h"

namespace carecoop::synth {
namespace {

// Every figure the generator aims at must stand, as written, in the row of
// data/codes/calibration_england.csv it cites: a figure typed in by hand
// cannot drift from its source.
TEST(PublishedTest, EveryFigureStandsInItsCalibrationRow) {
  auto table = ParseCsv(EmbeddedCalibrationCsv(), "calibration_england.csv");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  int measure = table->Column("measure");
  int value = table->Column("value");
  int notes = table->Column("notes");
  ASSERT_GE(measure, 0);
  ASSERT_GE(value, 0);
  for (const auto& f : PublishedFigures()) {
    bool found = false;
    for (const auto& row : table->rows) {
      if (row.fields[static_cast<std::size_t>(measure)] != f.csv_measure) continue;
      std::string text = row.fields[static_cast<std::size_t>(value)] + " " +
                         (notes >= 0 ? row.fields[static_cast<std::size_t>(notes)] : "");
      EXPECT_NE(text.find(f.csv_text), std::string::npos)
          << f.key << ": '" << f.csv_text << "' not in " << text;
      found = true;
    }
    EXPECT_TRUE(found) << f.key << ": no row '" << f.csv_measure << "'";
  }
}

// Counts written in the row ("81,770") are the values used.
TEST(PublishedTest, CountsEqualTheNumbersInTheirText) {
  for (const auto& f : PublishedFigures()) {
    if (f.unit != Unit::kCount) continue;
    std::string digits;
    for (char c : f.csv_text) {
      if (std::isdigit(static_cast<unsigned char>(c)))
        digits += c;
      else if (c != ',' && !digits.empty())
        break;
    }
    ASSERT_FALSE(digits.empty()) << f.key;
    EXPECT_EQ(std::stod(digits), f.value) << f.key;
  }
}

TEST(PublishedTest, KeysAreUniqueAndSharesAreFractions) {
  std::set<std::string_view> keys;
  for (const auto& f : PublishedFigures()) {
    EXPECT_TRUE(keys.insert(f.key).second) << f.key;
    if (f.unit == Unit::kShare) {
      EXPECT_GT(f.value, 0) << f.key;
      EXPECT_LT(f.value, 1) << f.key;
    }
  }
  EXPECT_EQ(Published("cla").value, 81770);
}

}  // namespace
}  // namespace carecoop::synth
