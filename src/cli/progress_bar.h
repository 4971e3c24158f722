// A progress bar for long work, drawn on a terminal; when the output is not a
// terminal (CI logs, pipes) it prints one line per stage instead.
#ifndef CARECOOP_CLI_PROGRESS_BAR_H_
#define CARECOOP_CLI_PROGRESS_BAR_H_

#include <chrono>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>

namespace carecoop::cli {

class ProgressBar {
 public:
  ProgressBar(std::ostream& out, bool interactive) : out_(out), interactive_(interactive) {}
  ~ProgressBar() { Finish(); }
  void Update(std::string_view stage, std::int64_t done, std::int64_t total);
  void Finish();

 private:
  std::ostream& out_;
  bool interactive_;
  std::string stage_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

}  // namespace carecoop::cli

#endif  // CARECOOP_CLI_PROGRESS_BAR_H_
