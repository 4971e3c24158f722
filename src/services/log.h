// The structured log: one JSON object a line on standard error, for
// operators (docs/api.md, "Logs"). Every line has "ts" (UTC, ISO 8601) and
// "event"; a line written while a request is being answered also has that
// request's "requestId" (the X-Request-Id of its answer), so an operator can
// join the edge's access line, a refusal and an error reference.
//
// Lines never carry a child's details or a secret: usernames, record ids,
// routes and status codes only.
#ifndef CARECOOP_SERVICES_LOG_H_
#define CARECOOP_SERVICES_LOG_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace carecoop::services::log {

// Writes `fields` (an object; "event" among them) as one line, whole, with
// "ts" and the current request id added.
void Event(nlohmann::json fields);

// While alive, lines written on this thread carry `request_id`.
class RequestScope {
 public:
  explicit RequestScope(std::string request_id);
  ~RequestScope();
  RequestScope(const RequestScope&) = delete;
  RequestScope& operator=(const RequestScope&) = delete;

 private:
  std::string previous_;
};

// The request id set on this thread ("" outside a request).
std::string_view CurrentRequestId();

// Where lines go: standard error unless set (a fuzz target sends them to
// /dev/null). Not for use while lines are being written.
void SetOutputFd(int fd);

}  // namespace carecoop::services::log

#endif  // CARECOOP_SERVICES_LOG_H_
