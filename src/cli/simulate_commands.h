// `carecoop simulate`: the policy simulator on the command line
// (docs/simulator.md): one or more commissioning designs run on the store's
// England, each year's measures with their 95% intervals, and each later
// design's difference from the first with its interval.
#ifndef CARECOOP_CLI_SIMULATE_COMMANDS_H_
#define CARECOOP_CLI_SIMULATE_COMMANDS_H_

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "core/status.h"
#include "sim/simulator.h"

namespace carecoop::cli {

struct SimulateArgs {
  std::string store_url;
  std::string as_at = "2025-03-31";
  std::vector<std::string> designs;  // design files (JSON)
  std::string parameters;            // a parameters file (JSON); empty: the defaults
  bool calibration = false;          // the baseline's first year against published figures
  int years = 10;
  int runs = 100;
  std::uint64_t seed = 1;
  int threads = 1;
  bool json = false;
  bool csv = false;
};

// A design from its JSON text: {"name", "footprint": council|rcc|national,
// "sourcing": sequential|needs_led, "contractedShare": 0..1}. InvalidArgument
// naming the field (an unknown key, a bad value), the file in the message.
Result<sim::Design> ParseDesign(const std::string& text, const std::string& file);

// Parameters from JSON text: any of the fields of sim::Parameters by their
// Validate names (meanStayYears, breakdownPerYear, ..., availableShare:
// {fostering, childrensHome, secure, supported}); the rest keep their
// defaults. InvalidArgument naming the field, the file in the message.
Result<sim::Parameters> ParseParameters(const std::string& text, const std::string& file);

// The baseline the calibration runs: each council alone, sequential
// sourcing, 40% of places contracted (data/designs/today.json).
sim::Design BaselineDesign();

int Simulate(const SimulateArgs& args, std::ostream& out, std::ostream& err);

}  // namespace carecoop::cli

#endif  // CARECOOP_CLI_SIMULATE_COMMANDS_H_
