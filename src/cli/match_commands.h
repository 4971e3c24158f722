// `carecoop match rank|assign|compare`: the matching service on the command
// line, as text for people or JSON (--json) for programs.
#ifndef CARECOOP_CLI_MATCH_COMMANDS_H_
#define CARECOOP_CLI_MATCH_COMMANDS_H_

#include <ostream>
#include <string>

#include "services/matching.h"

namespace carecoop::cli {

struct MatchArgs {
  std::string store_url;
  std::string as_at;
  bool json = false;
};

// Each returns the exit code (0, or 1 with the error on `err`).
int MatchRank(const MatchArgs& args, std::int64_t referral, int top, std::ostream& out,
              std::ostream& err);
int MatchAssign(const MatchArgs& args, const std::string& rcc, const std::string& policy,
                std::ostream& out, std::ostream& err);
int MatchCompare(const MatchArgs& args, const std::string& rcc, std::ostream& out,
                 std::ostream& err);

}  // namespace carecoop::cli

#endif  // CARECOOP_CLI_MATCH_COMMANDS_H_
