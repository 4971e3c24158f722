// Small checks shared by the domain validators. Each returns OK or an
// InvalidArgument naming the field and saying what is wrong.
#ifndef CARECOOP_DOMAIN_VALIDATE_H_
#define CARECOOP_DOMAIN_VALIDATE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/enum_names.h"
#include "core/ids.h"
#include "core/money.h"
#include "core/status.h"

namespace carecoop::validate {

inline constexpr std::size_t kMaxShortText = 200;
inline constexpr std::size_t kMaxLongText = 8000;

// Whether the text is empty or only white space.
inline bool Blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == s.npos; }

Status NonEmpty(std::string_view field, std::string_view value,
                std::size_t max_length = kMaxShortText);
Status MaxLength(std::string_view field, std::string_view value,
                 std::size_t max_length = kMaxLongText);
Status Range(std::string_view field, std::int64_t value, std::int64_t lo, std::int64_t hi);
Status NonNegative(std::string_view field, Pence amount);
// A Companies House registration number: 8 capital letters and digits.
Status CompanyNumber(std::string_view field, std::string_view value);
// From zero to kMaxWeeklyFee (domain/contract.h), inclusive.
Status WeeklyFee(std::string_view field, Pence amount);

// A postcode district ("M6", "SW1A", "EC1V") or sector ("M6 5"), upper case:
// never a full postcode, which can name a house.
bool IsPostcodeDistrictOrSector(std::string_view s);
// A district with the first digit of its inward code ("BL3 5"), as SSDA903
// HOME_POST and PL_POST carry them.
bool IsPostcodeSector(std::string_view s);
// OK when `value` is empty or a postcode sector; else InvalidArgument naming `field`.
Status OptionalPostcodeSector(std::string_view field, std::string_view value);

template <class Entity>
Status Reference(std::string_view field, Id<Entity> id) {
  if (!id.valid()) return InvalidArgument(std::string(field), "must refer to a stored record");
  return Status::Ok();
}

template <class Entity>
Status Reference(std::string_view field, const std::optional<Id<Entity>>& id) {
  return id ? Reference(field, *id) : Status::Ok();
}

template <class E>
Status Known(std::string_view field, E value) {
  if (!IsKnownEnumValue(value))
    return InvalidArgument(std::string(field), "must be one of " + EnumCodeList<E>());
  return Status::Ok();
}

}  // namespace carecoop::validate

#endif  // CARECOOP_DOMAIN_VALIDATE_H_
