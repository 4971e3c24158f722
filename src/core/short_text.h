// ShortText<N>: text of at most N bytes held inline, for the short codes a
// million-row SSDA903 return is made of ("C2", "U4", "SC123456"): a row of
// them is a quarter the size of one of std::strings, and reading a return
// is mostly writing its rows to fresh memory. It reads as a string_view;
// longer text is cut to N bytes (readers reject such values before they
// matter: every field has a length or code check).
#ifndef CARECOOP_CORE_SHORT_TEXT_H_
#define CARECOOP_CORE_SHORT_TEXT_H_

#include <algorithm>
#include <compare>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>

namespace carecoop {

template <std::size_t N>
class ShortText {
  static_assert(N > 0 && N < 256);

 public:
  constexpr ShortText() = default;
  constexpr ShortText(std::string_view s) { assign(s); }  // NOLINT: text converts freely
  ShortText(const std::string& s) : ShortText(std::string_view(s)) {}     // NOLINT
  constexpr ShortText(const char* s) : ShortText(std::string_view(s)) {}  // NOLINT

  constexpr void assign(std::string_view s) {
    size_ = static_cast<std::uint8_t>(std::min(s.size(), N));
    std::copy_n(s.data(), size_, data_);
  }

  constexpr std::string_view view() const { return {data_, size_}; }
  constexpr operator std::string_view() const { return view(); }  // NOLINT
  std::string str() const { return std::string(view()); }
  explicit operator std::string() const { return str(); }

  constexpr bool empty() const { return size_ == 0; }
  constexpr std::size_t size() const { return size_; }
  constexpr const char* data() const { return data_; }
  constexpr const char* begin() const { return data_; }
  constexpr const char* end() const { return data_ + size_; }
  constexpr char operator[](std::size_t i) const { return data_[i]; }
  void clear() { size_ = 0; }

  friend constexpr bool operator==(const ShortText& a, const ShortText& b) {
    return a.view() == b.view();
  }
  friend constexpr bool operator==(const ShortText& a, std::string_view b) { return a.view() == b; }
  friend constexpr bool operator==(const ShortText& a, const char* b) {
    return a.view() == std::string_view(b);
  }
  friend bool operator==(const ShortText& a, const std::string& b) { return a.view() == b; }
  friend constexpr auto operator<=>(const ShortText& a, const ShortText& b) {
    return a.view() <=> b.view();
  }
  friend std::string operator+(const std::string& a, const ShortText& b) {
    return a + std::string(b.view());
  }
  friend std::string operator+(const char* a, const ShortText& b) {
    return a + std::string(b.view());
  }
  friend std::string operator+(const ShortText& a, const std::string& b) {
    return std::string(a.view()) + b;
  }
  friend std::string operator+(const ShortText& a, const char* b) {
    return std::string(a.view()) + b;
  }
  friend std::ostream& operator<<(std::ostream& out, const ShortText& t) { return out << t.view(); }

 private:
  char data_[N]{};
  std::uint8_t size_ = 0;
};

}  // namespace carecoop

template <std::size_t N>
struct std::hash<carecoop::ShortText<N>> {
  std::size_t operator()(const carecoop::ShortText<N>& t) const noexcept {
    return std::hash<std::string_view>()(t.view());
  }
};

#endif  // CARECOOP_CORE_SHORT_TEXT_H_
