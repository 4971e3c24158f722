// `carecoop national ...`: RCC returns built from the store and received by
// the national body, and the national overview (services/national_returns.h,
// docs/national.md).
#ifndef CARECOOP_CLI_NATIONAL_COMMANDS_H_
#define CARECOOP_CLI_NATIONAL_COMMANDS_H_

#include <map>
#include <ostream>
#include <string>

namespace carecoop::cli {

struct NationalArgs {
  std::string store_url;
  std::string what;     // return, receive, overview, rare-needs, report
  std::string rcc;      // return: the RCC's code or id
  std::string quarter;  // return: "2026Q3"; overview: the quarter shown (default the latest)
  std::string out;      // return: the file written (.csv for CSV, else JSON); report: the HTML
  std::string file;     // receive: the return (JSON or CSV)
  std::string today;    // the day it runs as (YYYY-MM-DD; default today)
  // rare-needs: the rules given (national::ParseRareNeedRules; empty ones
  // are left out) and the order.
  std::map<std::string, std::string> rules;
  std::string order = "children";
  bool json = false;
};
int National(const NationalArgs& args, std::ostream& out, std::ostream& err);

}  // namespace carecoop::cli

#endif  // CARECOOP_CLI_NATIONAL_COMMANDS_H_
