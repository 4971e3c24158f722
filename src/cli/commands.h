// The `carecoop` command line: git-style subcommands over the modules below.
// Thin: parses arguments, calls a module, prints the result.
#ifndef CARECOOP_CLI_COMMANDS_H_
#define CARECOOP_CLI_COMMANDS_H_

#include <ostream>
#include <string>
#include <vector>

namespace carecoop::cli {

// Runs `carecoop` with argv-style arguments (args[0] is the program name),
// writing to `out` and `err`. Returns the process exit code: 0 success,
// 1 failure (message on err), 2 bad usage.
int Run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace carecoop::cli

#endif  // CARECOOP_CLI_COMMANDS_H_
