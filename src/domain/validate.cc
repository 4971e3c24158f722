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

Status CompanyNumber(std::string_view field, std::string_view value) {
  bool ok = value.size() == 8;
  for (char c : value) ok = ok && ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'));
  if (!ok)
    return InvalidArgument(std::string(field),
                           "must be a Companies House number: 8 capital letters and digits");
  return Status::Ok();
}

bool IsPostcodeDistrictOrSector(std::string_view s) {
  std::size_t i = 0;
  auto upper = [&](std::size_t k) { return k < s.size() && s[k] >= 'A' && s[k] <= 'Z'; };
  auto digit = [&](std::size_t k) { return k < s.size() && s[k] >= '0' && s[k] <= '9'; };
  if (!upper(i)) return false;
  ++i;
  if (upper(i)) ++i;
  if (!digit(i)) return false;
  ++i;
  if (digit(i) || upper(i)) ++i;
  if (i == s.size()) return true;
  return i + 2 == s.size() && s[i] == ' ' && digit(i + 1);
}

bool IsPostcodeSector(std::string_view s) {
  return s.find(' ') != std::string_view::npos && IsPostcodeDistrictOrSector(s);
}

Status OptionalPostcodeSector(std::string_view field, std::string_view value) {
  if (value.empty() || IsPostcodeSector(value)) return Status::Ok();
  return InvalidArgument(std::string(field),
                         "'" + std::string(value) +
                             "' is not a postcode district and sector such as 'BL3 5' (never a "
                             "full postcode)");
}

}  // namespace carecoop::validate
