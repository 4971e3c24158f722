#include "cli/commands.h"

#include <regex>
#include <sstream>

#include <gtest/gtest.h>

#include "tests/support/test_stores.h"

namespace carecoop::cli {
namespace {

struct Output {
  int code = 0;
  std::string out, err;
};

Output Carecoop(std::vector<std::string> args) {
  args.insert(args.begin(), "carecoop");
  std::ostringstream out, err;
  Output o;
  o.code = Run(args, out, err);
  o.out = out.str();
  o.err = err.str();
  return o;
}

TEST(CliTest, HelpListsEverySubcommand) {
  Output o = Carecoop({"--help"});
  EXPECT_EQ(o.code, 0);
  for (const char* sub : {"generate", "calibration", "summary", "rccs"})
    EXPECT_NE(o.out.find(sub), std::string::npos) << sub;
  Output g = Carecoop({"generate", "--help"});
  EXPECT_EQ(g.code, 0);
  EXPECT_NE(g.out.find("--scale"), std::string::npos);
  EXPECT_NE(g.out.find("--seed"), std::string::npos);
}

TEST(CliTest, BadUsageExitsTwoWithAMessage) {
  Output none = Carecoop({});
  EXPECT_EQ(none.code, 2);
  Output unknown = Carecoop({"fly"});
  EXPECT_EQ(unknown.code, 2);
  EXPECT_NE(unknown.err.find("fly"), std::string::npos);
  Output scale = Carecoop({"generate", "--scale", "galaxy", "--store", testing::FreshStoreUrl("sqlite")});
  EXPECT_EQ(scale.code, 2);
  EXPECT_NE(scale.err.find("scale"), std::string::npos);
}

TEST(CliTest, BadValuesNameTheField) {
  Output date = Carecoop({"generate", "--as-at", "31/03/2025", "--store", testing::FreshStoreUrl("sqlite")});
  EXPECT_EQ(date.code, 1);
  EXPECT_NE(date.err.find("as-at"), std::string::npos) << date.err;
  Output rcc = Carecoop({"generate", "--rcc", "Narnia", "--store", testing::FreshStoreUrl("sqlite")});
  EXPECT_EQ(rcc.code, 1);
  EXPECT_NE(rcc.err.find("rcc"), std::string::npos) << rcc.err;
  Output store = Carecoop({"summary", "--store", "mysql://nowhere"});
  EXPECT_EQ(store.code, 1);
  EXPECT_NE(store.err.find("store"), std::string::npos) << store.err;
}

TEST(CliTest, GenerateThenSummaryAndCalibration) {
  std::string url = testing::FreshStoreUrl("sqlite");
  Output gen = Carecoop({"generate", "--scale", "region", "--seed", "11", "--store", url});
  ASSERT_EQ(gen.code, 0) << gen.err;
  EXPECT_NE(gen.out.find("10 councils, 1 RCC,"), std::string::npos) << gen.out;

  Output sum = Carecoop({"summary", "--store", url});
  ASSERT_EQ(sum.code, 0) << sum.err;
  EXPECT_NE(sum.out.find("Greater Manchester RCC"), std::string::npos) << sum.out;
  EXPECT_TRUE(std::regex_search(sum.out, std::regex(R"(councils\s+10 )"))) << sum.out;
  EXPECT_TRUE(std::regex_search(sum.out, std::regex(R"(children in care\s+[1-9][0-9]{3})"))) << sum.out;
  EXPECT_TRUE(std::regex_search(sum.out, std::regex(R"(open referrals\s+[1-9][0-9]+)"))) << sum.out;

  Output cal = Carecoop({"calibration", "--store", url});
  ASSERT_EQ(cal.code, 0) << cal.err;
  // One row per figure: name, published, generated, difference like "-2.1%".
  EXPECT_TRUE(std::regex_search(cal.out, std::regex(R"(children looked after on 31 March\s+\d+\s+\d+\s+[+-]\d+\.\d%)")))
      << cal.out;

  Output again = Carecoop({"generate", "--store", url});
  EXPECT_EQ(again.code, 1);
  EXPECT_NE(again.err.find("store"), std::string::npos) << again.err;
}

TEST(CliTest, CalibrationOfAnEmptyStoreSaysWhatToDo) {
  Output cal = Carecoop({"calibration", "--store", testing::FreshStoreUrl("sqlite")});
  EXPECT_EQ(cal.code, 1);
  EXPECT_NE(cal.err.find("generate"), std::string::npos) << cal.err;
}

TEST(CliTest, RccsListsTwentyRccs) {
  Output o = Carecoop({"rccs"});
  EXPECT_EQ(o.code, 0);
  EXPECT_EQ(std::count(o.out.begin(), o.out.end(), '\n'), 20);
  EXPECT_NE(o.out.find("NW-GM"), std::string::npos);
}

}  // namespace
}  // namespace carecoop::cli
