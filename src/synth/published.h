// The published figures synthetic England is calibrated to, each tied to its
// row of data/codes/calibration_england.csv (sources there). The generator
// draws from these values and `carecoop calibration` compares the store
// against them; a test checks that every figure's text stands in its row.
#ifndef CARECOOP_SYNTH_PUBLISHED_H_
#define CARECOOP_SYNTH_PUBLISHED_H_

#include <string_view>
#include <vector>

namespace carecoop::synth {

enum class Unit { kCount, kShare, kPounds };

struct PublishedFigure {
  std::string_view key;   // stable id, e.g. "cla"
  std::string_view name;  // what the row of the table says
  double value;           // shares as fractions (0.56), money in pounds
  Unit unit;
  bool targeted;                 // the generator aims at it (within 5% nationally)
  std::string_view csv_measure;  // the `measure` of its row in calibration_england.csv
  std::string_view csv_text;     // text of that row that holds the value
};

// Every figure, in table order.
const std::vector<PublishedFigure>& PublishedFigures();

// The figure with `key`; aborts on an unknown key (a programming error).
const PublishedFigure& Published(std::string_view key);

}  // namespace carecoop::synth

#endif  // CARECOOP_SYNTH_PUBLISHED_H_
