// Runs `carecoop ARGS...` in process for tests: exit code, stdout, stderr.
#ifndef CARECOOP_CLI_RUN_FOR_TEST_H_
#define CARECOOP_CLI_RUN_FOR_TEST_H_

#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.h"

namespace carecoop::cli {

struct Output {
  int code = 0;
  std::string out, err;
};

inline Output Carecoop(std::vector<std::string> args) {
  args.insert(args.begin(), "carecoop");
  std::ostringstream out, err;
  Output o;
  o.code = Run(args, out, err);
  o.out = out.str();
  o.err = err.str();
  return o;
}

}  // namespace carecoop::cli

#endif  // CARECOOP_CLI_RUN_FOR_TEST_H_
