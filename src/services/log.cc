#include "services/log.h"

#include <unistd.h>

#include <chrono>
#include <ctime>
#include <mutex>
#include <utility>

namespace carecoop::services::log {
namespace {

thread_local std::string current_request_id;
int output_fd = STDERR_FILENO;

std::string NowIso() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t t = std::chrono::system_clock::to_time_t(now);
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
  return buf;
}

}  // namespace

void Event(nlohmann::json fields) {
  nlohmann::json line = {{"ts", NowIso()}};
  if (!current_request_id.empty()) line["requestId"] = current_request_id;
  line.update(fields);
  std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  text += '\n';
  // One write a line, so lines from many threads never interleave.
  static std::mutex mu;
  std::lock_guard lock(mu);
  std::string_view rest = text;
  while (!rest.empty()) {
    ssize_t n = ::write(output_fd, rest.data(), rest.size());
    if (n <= 0) return;
    rest.remove_prefix(static_cast<std::size_t>(n));
  }
}

RequestScope::RequestScope(std::string request_id)
    : previous_(std::exchange(current_request_id, std::move(request_id))) {}

RequestScope::~RequestScope() { current_request_id = std::move(previous_); }

std::string_view CurrentRequestId() { return current_request_id; }

void SetOutputFd(int fd) { output_fd = fd; }

}  // namespace carecoop::services::log
