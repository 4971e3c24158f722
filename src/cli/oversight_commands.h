// `carecoop oversight ...`: market oversight from the command line
// (services/oversight.h), read as the national market oversight role.
#ifndef CARECOOP_CLI_OVERSIGHT_COMMANDS_H_
#define CARECOOP_CLI_OVERSIGHT_COMMANDS_H_

#include <ostream>
#include <string>

namespace carecoop::cli {

struct OversightArgs {
  std::string store_url;
  // prices, concentration, groups, returns-import, risk, profit-cap, what-if, failure
  std::string what;
  std::string rcc;         // code or id; "" for England
  double cap = 0.10;       // profit-cap: the margin cap
  std::int64_t group = 0;  // failure: the group's id
  std::string file;        // returns-import: the CSV (docs/formats/financial-return.md)
  std::string today;       // the day the scenarios are run on (YYYY-MM-DD; default today)
  bool json = false;
};
int Oversight(const OversightArgs& args, std::ostream& out, std::ostream& err);

}  // namespace carecoop::cli

#endif  // CARECOOP_CLI_OVERSIGHT_COMMANDS_H_
