// Money: integer pence, never floating point. Arithmetic is checked: an
// overflow is reported, never wrapped.
#ifndef CARECOOP_CORE_MONEY_H_
#define CARECOOP_CORE_MONEY_H_

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace carecoop {

class Pence {
 public:
  constexpr Pence() = default;
  constexpr explicit Pence(std::int64_t pence) : pence_(pence) {}
  static constexpr Pence FromPounds(std::int64_t pounds) { return Pence(pounds * 100); }

  constexpr std::int64_t value() const { return pence_; }
  // Whole pounds, rounded half away from zero (for display and reports).
  constexpr std::int64_t RoundedPounds() const {
    return pence_ >= 0 ? (pence_ + 50) / 100 : -((-pence_ + 50) / 100);
  }

  // "£5,000.00" (negative: "-£12.50").
  std::string ToString() const;
  // "£5,000" (rounded to whole pounds, as in explanations).
  std::string ToPoundsString() const;
  // Parses "5000", "5000.5", "5,000.50", "£5,000.50" (pounds); the error names `field`.
  static Result<Pence> ParsePounds(std::string_view text, std::string_view field = "amount");

  friend constexpr auto operator<=>(Pence, Pence) = default;

 private:
  std::int64_t pence_ = 0;
};

// Checked arithmetic: InvalidArgument("amount", "overflow") on overflow.
Result<Pence> Add(Pence a, Pence b);
Result<Pence> Subtract(Pence a, Pence b);
Result<Pence> Multiply(Pence a, std::int64_t factor);

}  // namespace carecoop

#endif  // CARECOOP_CORE_MONEY_H_
