// carecoop: the command-line entry point. See cli/commands.h.
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv, argv + argc);
  return carecoop::cli::Run(args, std::cout, std::cerr);
}
