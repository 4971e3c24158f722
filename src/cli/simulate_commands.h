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
  std::vector<std::string> focus;    // RCC codes: outcomes of their councils' children only
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
// "sourcing": sequential|needs_led, "contractedShare": 0..1, "blockShare":
// 0..contractedShare, "nationalRareNeeds": true|false, "rccs": [RCC codes
// where it applies]}, the RCC codes resolved against `rcc_codes` (the
// world's). InvalidArgument naming the field (an unknown key, a bad value,
// an RCC the world has not), the file in the message.
Result<sim::Design> ParseDesign(const std::string& text, const std::string& file,
                                const std::vector<std::string>& rcc_codes);

// Parameters from JSON text: any of the fields of sim::Parameters by their
// Validate names (meanStayYears, breakdownPerYear, ..., availableShare:
// {fostering, childrensHome, secure, supported}); the rest keep their
// defaults. InvalidArgument naming the field, the file in the message.
Result<sim::Parameters> ParseParameters(const std::string& text, const std::string& file);

int Simulate(const SimulateArgs& args, std::ostream& out, std::ostream& err);

}  // namespace carecoop::cli

#endif  // CARECOOP_CLI_SIMULATE_COMMANDS_H_
