// Names for enum values, and sets of them.
//
// Every domain enum has one table (EnumInfo<E>::kEntries) giving each value a
// stable snake_case code (used in the store and the API) and the label the
// sector's standards use ("Solo placement recommended"). Parsing and printing
// go through that table only.
#ifndef CARECOOP_CORE_ENUM_NAMES_H_
#define CARECOOP_CORE_ENUM_NAMES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace carecoop {

template <class E>
struct EnumEntry {
  E value;
  std::string_view code;   // stable, snake_case: store and API
  std::string_view label;  // the standard's wording
};

// Specialise with `static constexpr std::array<EnumEntry<E>, N> kEntries`.
template <class E>
struct EnumInfo;

template <class E>
std::string_view EnumCode(E value) {
  for (const auto& e : EnumInfo<E>::kEntries)
    if (e.value == value) return e.code;
  return "?";
}

template <class E>
std::string_view EnumLabel(E value) {
  for (const auto& e : EnumInfo<E>::kEntries)
    if (e.value == value) return e.label;
  return "?";
}

template <class E>
std::optional<E> ParseEnumCode(std::string_view code) {
  for (const auto& e : EnumInfo<E>::kEntries)
    if (e.code == code) return e.value;
  return std::nullopt;
}

template <class E>
std::optional<E> ParseEnumLabel(std::string_view label) {
  for (const auto& e : EnumInfo<E>::kEntries)
    if (e.label == label) return e.value;
  return std::nullopt;
}

template <class E>
bool IsKnownEnumValue(E value) {
  for (const auto& e : EnumInfo<E>::kEntries)
    if (e.value == value) return true;
  return false;
}

// "a, b or c": the codes of E, for error messages.
template <class E>
std::string EnumCodeList() {
  std::string out;
  const auto& entries = EnumInfo<E>::kEntries;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (i > 0) out += (i + 1 == entries.size()) ? " or " : ", ";
    out += entries[i].code;
  }
  return out;
}

// A set of values of an enum whose underlying values are 0..63, stored as a
// bit mask (the same mask is the store's column value).
template <class E>
class EnumSet {
 public:
  constexpr EnumSet() = default;
  constexpr EnumSet(std::initializer_list<E> values) {
    for (E v : values) Add(v);
  }
  static constexpr EnumSet FromMask(std::uint64_t mask) {
    EnumSet s;
    s.mask_ = mask;
    return s;
  }
  constexpr std::uint64_t mask() const { return mask_; }
  constexpr void Add(E v) { mask_ |= Bit(v); }
  constexpr void Remove(E v) { mask_ &= ~Bit(v); }
  constexpr bool Has(E v) const { return (mask_ & Bit(v)) != 0; }
  constexpr bool empty() const { return mask_ == 0; }
  // True when every member of `other` is in this set.
  constexpr bool Contains(EnumSet other) const { return (other.mask_ & ~mask_) == 0; }
  // Members of `other` that are not in this set.
  constexpr EnumSet Missing(EnumSet other) const { return FromMask(other.mask_ & ~mask_); }
  std::vector<E> Values() const {
    std::vector<E> out;
    for (const auto& e : EnumInfo<E>::kEntries)
      if (Has(e.value)) out.push_back(e.value);
    return out;
  }
  friend constexpr bool operator==(EnumSet, EnumSet) = default;

 private:
  static constexpr std::uint64_t Bit(E v) {
    return std::uint64_t{1} << static_cast<std::underlying_type_t<E>>(v);
  }
  std::uint64_t mask_ = 0;
};

}  // namespace carecoop

#endif  // CARECOOP_CORE_ENUM_NAMES_H_
