#include "cli/progress_bar.h"

#include <cstdio>

namespace carecoop::cli {

void ProgressBar::Update(std::string_view stage, std::int64_t done, std::int64_t total) {
  if (stage != stage_) {
    Finish();
    stage_ = stage;
    started_ = std::chrono::steady_clock::now();
    if (!interactive_) out_ << stage_ << "..." << std::endl;
  }
  if (!interactive_) return;
  constexpr int kWidth = 40;
  double fraction = total > 0 ? static_cast<double>(done) / static_cast<double>(total) : 0;
  int filled = static_cast<int>(fraction * kWidth);
  char line[160];
  std::snprintf(line, sizeof line, "\r%-10s [%s%s] %3.0f%% %lld/%lld", stage_.c_str(),
                std::string(static_cast<std::size_t>(filled), '#').c_str(),
                std::string(static_cast<std::size_t>(kWidth - filled), '.').c_str(), fraction * 100,
                static_cast<long long>(done), static_cast<long long>(total));
  out_ << line << std::flush;
  drawn_ = true;
}

void ProgressBar::Finish() {
  if (stage_.empty()) return;
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  char line[96];
  std::snprintf(line, sizeof line, "%s%s done in %.1f s\n", drawn_ ? "\n" : "", stage_.c_str(),
                seconds);
  out_ << line << std::flush;
  stage_.clear();
  drawn_ = false;
}

}  // namespace carecoop::cli
