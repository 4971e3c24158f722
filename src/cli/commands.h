// The `carecoop` command line: git-style subcommands over the modules below.
// Thin: parses arguments, calls a module, prints the result.
#ifndef CARECOOP_CLI_COMMANDS_H_
#define CARECOOP_CLI_COMMANDS_H_

#include <functional>
#include <istream>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace CLI {
class App;
}

namespace carecoop::cli {

// Where a command reads and writes.
struct Io {
  std::istream& in;
  std::ostream& out;
  std::ostream& err;
};

// What runs a command once its options are parsed: the exit code.
using Runner = std::function<int(Io&)>;

// One sub-command of `carecoop`, as one row of the table Commands() holds
// (as the API's routes are one table): its name ("serve", or "match rank"
// under the group "match"), its help, and `define`, which declares its
// options on the CLI11 app it is given, bound to state of the row's own, and
// returns what runs it.
struct Command {
  std::string_view name;
  std::string_view help;
  std::function<Runner(CLI::App&)> define;
};

// A group of sub-commands ("match", "user", "audit") and its help.
struct CommandGroup {
  std::string_view name;
  std::string_view help;
};

// Every command, in the order `carecoop --help` lists them.
const std::vector<Command>& Commands();
const std::vector<CommandGroup>& CommandGroups();

// Runs `carecoop` with argv-style arguments (args[0] is the program name),
// writing to `out` and `err`. Returns the process exit code: 0 success,
// 1 failure (message on err), 2 bad usage.
int Run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
// As above, reading standard input (user add --password-stdin) from `in`.
int Run(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
        std::ostream& err);

}  // namespace carecoop::cli

#endif  // CARECOOP_CLI_COMMANDS_H_
