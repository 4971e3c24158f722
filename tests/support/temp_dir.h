// A fresh, empty folder under the system's temp directory for one test,
// named by the test and this process so parallel runs keep apart.
#ifndef CARECOOP_TESTS_SUPPORT_TEMP_DIR_H_
#define CARECOOP_TESTS_SUPPORT_TEMP_DIR_H_

#include <unistd.h>

#include <filesystem>
#include <string>

namespace carecoop::testing {

inline std::filesystem::path FreshTempDir(const std::string& name) {
  auto p = std::filesystem::temp_directory_path() /
           ("carecoop_" + name + "_" + std::to_string(::getpid()));
  std::filesystem::remove_all(p);
  std::filesystem::create_directories(p);
  return p;
}

}  // namespace carecoop::testing

#endif  // CARECOOP_TESTS_SUPPORT_TEMP_DIR_H_
