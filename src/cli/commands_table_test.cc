// The command table, checked row by row: every command answers --help with
// its own help, every group has its help, and the README lists every command.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "cli/commands.h"

namespace carecoop::cli {
namespace {

std::vector<std::string> Words(std::string_view name) {
  std::vector<std::string> out{"carecoop"};
  std::istringstream in{std::string(name)};
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

TEST(CommandTableTest, EveryCommandAnswersHelpWithItsOwnHelp) {
  ASSERT_GE(Commands().size(), 14u);
  for (const Command& c : Commands()) {
    std::vector<std::string> args = Words(c.name);
    args.push_back("--help");
    std::ostringstream out, err;
    EXPECT_EQ(cli::Run(args, out, err), 0) << c.name << ": " << err.str();
    EXPECT_NE(out.str().find(std::string(c.help)), std::string::npos) << c.name << " --help:\n"
                                                                      << out.str();
  }
}

TEST(CommandTableTest, EveryGroupIsNamedByACommandAndHasHelp) {
  for (const CommandGroup& g : CommandGroups()) {
    bool used = false;
    for (const Command& c : Commands()) used |= c.name.starts_with(std::string(g.name) + " ");
    EXPECT_TRUE(used) << g.name << " has no commands";
    EXPECT_FALSE(g.help.empty());
  }
  for (const Command& c : Commands()) {
    auto space = c.name.find(' ');
    if (space == std::string_view::npos) continue;
    bool grouped = false;
    for (const CommandGroup& g : CommandGroups()) grouped |= g.name == c.name.substr(0, space);
    EXPECT_TRUE(grouped) << c.name << " names a group that is not in CommandGroups()";
  }
}

TEST(CommandTableTest, TheReadmeListsEveryCommand) {
  std::ifstream in(std::string(CARECOOP_SOURCE_DIR) + "/README.md");
  std::stringstream readme;
  readme << in.rdbuf();
  for (const Command& c : Commands())
    EXPECT_NE(readme.str().find("carecoop " + std::string(c.name)), std::string::npos)
        << "README.md does not list `carecoop " << c.name << "`";
}

TEST(CommandTableTest, AnUnknownCommandIsUsageNamingTheCommands) {
  std::ostringstream out, err;
  EXPECT_EQ(cli::Run({"carecoop", "frobnicate"}, out, err), 2);
  EXPECT_NE(err.str().find("'frobnicate' is not a carecoop command"), std::string::npos)
      << err.str();
  for (const Command& c : Commands()) {
    std::string top(c.name.substr(0, c.name.find(' ')));
    EXPECT_NE(err.str().find(top), std::string::npos) << top;
  }
}

}  // namespace
}  // namespace carecoop::cli
