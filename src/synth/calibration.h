// Calibration: each published figure beside the same figure computed from a
// store's data (never from the generator's own counters), with the
// difference in percent. At region scale, published counts are scaled to the
// councils the store holds (by their share of England's children in care).
#ifndef CARECOOP_SYNTH_CALIBRATION_H_
#define CARECOOP_SYNTH_CALIBRATION_H_

#include <string>
#include <vector>

#include "core/date.h"
#include "store/store.h"
#include "synth/published.h"

namespace carecoop::synth {

struct CalibrationRow {
  const PublishedFigure* figure = nullptr;
  double published = 0;  // after scaling to the store's share of England
  double generated = 0;
  // (generated - published) / published, in percent.
  double DifferencePercent() const;
};

struct Calibration {
  double england_share = 1;  // share of England's children in care the store's councils hold
  int councils = 0;
  std::vector<CalibrationRow> rows;
};

// Computes every figure from `store` for the year ending `as_at`.
Result<Calibration> Calibrate(store::Store& store, Date as_at);

// The table `carecoop calibration` prints: figure, published, generated,
// difference ("-2.1%"), and whether the generator targets it.
std::string FormatCalibration(const Calibration& calibration);

}  // namespace carecoop::synth

#endif  // CARECOOP_SYNTH_CALIBRATION_H_
