#include "core/csv.h"

#include <gtest/gtest.h>

namespace carecoop {
namespace {

TEST(CsvTest, ParsesQuotedFieldsAndKeepsLineNumbers) {
  auto t = ParseCsv("a,b\n1,\"x, \"\"y\"\"\"\r\n2,\"multi\nline\"\n3,z\n", "t.csv").value();
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[0].fields[1], "x, \"y\"");
  EXPECT_EQ(t.rows[1].fields[1], "multi\nline");
  EXPECT_EQ(t.rows[2].line, 5u);
  EXPECT_EQ(t.Column("b"), 1);
  EXPECT_EQ(t.Column("c"), -1);
}

TEST(CsvTest, ErrorsSayFileAndLine) {
  auto r = ParseCsv("a,b\n1,2\n3\n", "x.csv");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("x.csv:3:"), std::string::npos);
  EXPECT_FALSE(ParseCsv("a\n\"open\n", "y.csv").ok());
}

}  // namespace
}  // namespace carecoop
