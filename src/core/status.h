// Status and Result<T>: how every CareCoop function reports failure.
//
// A Status carries a code, a human message and, for bad input, the name of
// the offending field. Each code has exactly one HTTP mapping (HttpStatus()),
// so the API never decides per route. No exception crosses a module boundary:
// adapters that call throwing libraries catch and convert.
#ifndef CARECOOP_CORE_STATUS_H_
#define CARECOOP_CORE_STATUS_H_

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace carecoop {

enum class StatusCode {
  kOk,
  kInvalidArgument,    // bad input; field() names it (HTTP 422)
  kMalformed,          // unparseable request body (HTTP 400)
  kUnauthenticated,    // 401
  kPermissionDenied,   // 403
  kNotFound,           // 404, also for records outside the caller's scope
  kConflict,           // 409: already booked, duplicate, stale version
  kResourceExhausted,  // 413/429: too large, too many
  kUnavailable,        // 503: store or dependency unreachable
  kInternal,           // a bug or an unexpected failure; never leaks details
};

std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message, std::string field = {})
      : code_(code), message_(std::move(message)), field_(std::move(field)) {}

  static Status Ok() { return {}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // The input field the error is about ("referral.siblingCount"), or empty.
  const std::string& field() const { return field_; }

  // "invalid_argument: siblingCount: must be between 0 and 10".
  std::string ToString() const;
  // The HTTP status that this code maps to (one place for the whole API).
  int HttpStatus() const;

  // Returns a copy whose field is `prefix.field` (or `prefix` if none), for
  // reporting errors of nested values.
  Status WithFieldPrefix(std::string_view prefix) const;

  friend bool operator==(const Status&, const Status&) = default;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::string field_;
};

inline Status InvalidArgument(std::string field, std::string message) {
  return {StatusCode::kInvalidArgument, std::move(message), std::move(field)};
}
inline Status NotFound(std::string message) { return {StatusCode::kNotFound, std::move(message)}; }
inline Status Conflict(std::string message, std::string field = {}) {
  return {StatusCode::kConflict, std::move(message), std::move(field)};
}
inline Status PermissionDenied(std::string message) {
  return {StatusCode::kPermissionDenied, std::move(message)};
}
inline Status Unauthenticated(std::string message) {
  return {StatusCode::kUnauthenticated, std::move(message)};
}
inline Status Malformed(std::string message, std::string field = {}) {
  return {StatusCode::kMalformed, std::move(message), std::move(field)};
}
inline Status Internal(std::string message) { return {StatusCode::kInternal, std::move(message)}; }
inline Status Unavailable(std::string message) {
  return {StatusCode::kUnavailable, std::move(message)};
}

// Result<T>: a value or a non-OK Status.
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}        // NOLINT: implicit by design
  Result(Status status) : data_(std::move(status)) {  // NOLINT
    assert(!std::get<Status>(data_).ok() && "Result needs a value or an error");
  }

  bool ok() const { return std::holds_alternative<T>(data_); }
  // The error; Status::Ok() when there is a value.
  Status status() const { return ok() ? Status::Ok() : std::get<Status>(data_); }

  const T& value() const& {
    assert(ok());
    return std::get<T>(data_);
  }
  T& value() & {
    assert(ok());
    return std::get<T>(data_);
  }
  T&& value() && {
    assert(ok());
    return std::get<T>(std::move(data_));
  }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

 private:
  std::variant<T, Status> data_;
};

}  // namespace carecoop

#define CC_CONCAT_INNER(a, b) a##b
#define CC_CONCAT(a, b) CC_CONCAT_INNER(a, b)

// Propagates a non-OK Status from an expression returning Status.
#define CC_RETURN_IF_ERROR(expr) CC_RETURN_IF_ERROR_IMPL(CC_CONCAT(cc_status_, __COUNTER__), expr)
#define CC_RETURN_IF_ERROR_IMPL(name, expr) \
  do {                                      \
    ::carecoop::Status name = (expr);       \
    if (!name.ok()) return name;            \
  } while (false)
// CC_ASSIGN_OR_RETURN(auto x, ResultExpr()): binds the value or returns the error.
#define CC_ASSIGN_OR_RETURN(lhs, expr)                                                        \
  auto CC_CONCAT(cc_result_, __LINE__) = (expr);                                              \
  if (!CC_CONCAT(cc_result_, __LINE__).ok()) return CC_CONCAT(cc_result_, __LINE__).status(); \
  lhs = std::move(CC_CONCAT(cc_result_, __LINE__)).value()

#endif  // CARECOOP_CORE_STATUS_H_
