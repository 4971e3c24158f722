// A calendar quarter, as RCC returns are keyed ("2026Q3": July to
// September 2026). Quarters are calendar quarters, as the DfE's quarterly
// collections are; the financial year's Q1 is the calendar year's Q2.
#ifndef CARECOOP_NATIONAL_QUARTER_H_
#define CARECOOP_NATIONAL_QUARTER_H_

#include <compare>
#include <string>
#include <string_view>

#include "core/date.h"
#include "core/status.h"

namespace carecoop::national {

struct Quarter {
  int year = 2026;
  int q = 1;  // 1..4

  // "2026Q3"; the field named in the error is `field`.
  static Result<Quarter> Parse(std::string_view text, std::string_view field = "quarter");
  static Quarter Of(Date day);
  std::string ToString() const;
  Date First() const;  // its first day
  Date Last() const;   // its last day
  Quarter Next() const;
  Quarter Previous() const;
  bool Contains(Date day) const { return day >= First() && day <= Last(); }
  friend constexpr auto operator<=>(const Quarter&, const Quarter&) = default;
};

}  // namespace carecoop::national

#endif  // CARECOOP_NATIONAL_QUARTER_H_
