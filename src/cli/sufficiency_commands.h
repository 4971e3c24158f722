// `carecoop sufficiency`: an RCC's forecast need for homes against its
// supply, and where its children are placed far from home.
#ifndef CARECOOP_CLI_SUFFICIENCY_COMMANDS_H_
#define CARECOOP_CLI_SUFFICIENCY_COMMANDS_H_

#include <ostream>
#include <string>

namespace carecoop::cli {

struct SufficiencyArgs {
  std::string store_url;
  std::string rcc;  // its code, e.g. NW-GM
  bool json = false;
  // Write the RCC's published sufficiency strategy here instead (small
  // numbers suppressed): HTML, or CSV when the name ends in .csv.
  std::string strategy;
};
int Sufficiency(const SufficiencyArgs& args, std::ostream& out, std::ostream& err);

}  // namespace carecoop::cli

#endif  // CARECOOP_CLI_SUFFICIENCY_COMMANDS_H_
