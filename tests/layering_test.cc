// The architecture, checked against the code itself: every #include of a
// product file under src/ against the table of allowed module edges in
// docs/architecture.md (so the page and the code cannot drift apart), and the
// store closed: no SQL in a string literal, and no raw connection, anywhere in
// src/ outside src/store/. Tests (*_test.cc) may reach past the store.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
const fs::path kRoot = CARECOOP_SOURCE_DIR;

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Product sources: src/<module>/**.{h,cc}, tests beside them left out.
std::vector<fs::path> ProductFiles() {
  std::vector<fs::path> out;
  for (const auto& e : fs::recursive_directory_iterator(kRoot / "src")) {
    if (!e.is_regular_file()) continue;
    const std::string name = e.path().filename().string();
    const std::string ext = e.path().extension().string();
    if (ext != ".h" && ext != ".cc") continue;
    if (name.ends_with("_test.cc")) continue;
    out.push_back(e.path());
  }
  return out;
}

std::string ModuleOf(const fs::path& file) {
  return fs::relative(file, kRoot / "src").begin()->string();
}

// The table between <!-- layering --> and <!-- /layering -->:
// | `module` | `a`, `b`, ... |  (the modules it may include, besides itself)
std::map<std::string, std::set<std::string>> AllowedEdges() {
  std::istringstream doc(ReadAll(kRoot / "docs" / "architecture.md"));
  std::map<std::string, std::set<std::string>> allowed;
  bool in = false;
  const std::regex word("`([a-z_]+)`");
  for (std::string line; std::getline(doc, line);) {
    if (line.find("<!-- layering -->") != std::string::npos) in = true;
    if (line.find("<!-- /layering -->") != std::string::npos) in = false;
    if (!in || !line.starts_with("| `")) continue;
    auto second = line.find('|', 1);
    std::smatch m;
    std::string head = line.substr(0, second);
    if (!std::regex_search(head, m, word)) continue;
    std::string module = m[1];
    auto& to = allowed[module];
    std::string rest = line.substr(second);
    for (std::sregex_iterator it(rest.begin(), rest.end(), word), end; it != end; ++it)
      to.insert((*it)[1]);
  }
  return allowed;
}

TEST(LayeringTest, EveryModuleIncludesOnlyWhatTheArchitectureAllows) {
  auto allowed = AllowedEdges();
  ASSERT_GE(allowed.size(), 10u) << "docs/architecture.md has no layering table";
  std::set<std::string> modules;
  for (const auto& e : fs::directory_iterator(kRoot / "src"))
    if (e.is_directory()) modules.insert(e.path().filename().string());
  for (const std::string& m : modules)
    EXPECT_TRUE(allowed.count(m)) << "src/" << m << " is missing from the table";
  const std::regex include("#include \"([a-z_]+)/[^\"]+\"");
  int checked = 0;
  for (const fs::path& file : ProductFiles()) {
    const std::string module = ModuleOf(file);
    const std::string text = ReadAll(file);
    for (std::sregex_iterator it(text.begin(), text.end(), include), end; it != end; ++it) {
      const std::string to = (*it)[1];
      ++checked;
      if (to == module) continue;
      EXPECT_TRUE(allowed[module].count(to)) << fs::relative(file, kRoot).string() << " includes "
                                             << (*it)[0] << ": " << module << " may not use " << to;
    }
  }
  EXPECT_GT(checked, 300);
}

TEST(LayeringTest, NoSqlAndNoRawConnectionOutsideTheStore) {
  // A string literal holding a statement's shape; an HTTP method alone is not one.
  const std::regex sql(
      R"re("[^"\n]*\b(SELECT\b[^"\n]*\bFROM|INSERT INTO|UPDATE [a-z_]+ SET|DELETE FROM|CREATE (TABLE|INDEX)|ALTER TABLE|\bJOIN\b)[^"\n]*")re");
  const std::regex raw(
      R"(RawConnection\s*\(|store/raw_access\.h|\bSqlConnection\b|\.connection\(\))");
  int files = 0;
  for (const fs::path& file : ProductFiles()) {
    if (ModuleOf(file) == "store") continue;
    ++files;
    const std::string text = ReadAll(file);
    std::smatch m;
    EXPECT_FALSE(std::regex_search(text, m, sql))
        << fs::relative(file, kRoot).string() << " holds SQL: " << m.str();
    EXPECT_FALSE(std::regex_search(text, m, raw))
        << fs::relative(file, kRoot).string() << " reaches the raw connection: " << m.str();
  }
  EXPECT_GT(files, 100);
}

// The check above must be able to fail: it finds the SQL the store holds.
TEST(LayeringTest, TheSqlCheckFindsTheStoresOwnSql) {
  const std::regex sql(R"re("[^"\n]*\b(SELECT\b[^"\n]*\bFROM|INSERT INTO|DELETE FROM)[^"\n]*")re");
  const std::string text = ReadAll(kRoot / "src" / "store" / "audit_log.cc");
  EXPECT_TRUE(std::regex_search(text, sql));
}

}  // namespace
