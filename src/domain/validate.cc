#include "domain/validate.h"

#include "domain/contract.h"

namespace carecoop::validate {

Status NonEmpty(std::string_view field, std::string_view value, std::size_t max_length) {
  if (value.empty()) return InvalidArgument(std::string(field), "must not be empty");
  return MaxLength(field, value, max_length);
}

Status MaxLength(std::string_view field, std::string_view value, std::size_t max_length) {
  if (value.size() > max_length)
    return InvalidArgument(std::string(field),
                           "must be at most " + std::to_string(max_length) + " characters");
  return Status::Ok();
}

Status Range(std::string_view field, std::int64_t value, std::int64_t lo, std::int64_t hi) {
  if (value < lo || value > hi)
    return InvalidArgument(std::string(field), "must be between " + std::to_string(lo) + " and " +
                                                   std::to_string(hi) + ", not " +
                                                   std::to_string(value));
  return Status::Ok();
}

Status WeeklyFee(std::string_view field, Pence amount) {
  CC_RETURN_IF_ERROR(NonNegative(field, amount));
  if (amount > kMaxWeeklyFee)
    return InvalidArgument(std::string(field),
                           "must be at most " + kMaxWeeklyFee.ToString() + " a week");
  return Status::Ok();
}

Status NonNegative(std::string_view field, Pence amount) {
  if (amount.value() < 0) return InvalidArgument(std::string(field), "must not be negative");
  return Status::Ok();
}

}  // namespace carecoop::validate
