#include "national/quarter.h"

#include <cctype>

namespace carecoop::national {

Result<Quarter> Quarter::Parse(std::string_view text, std::string_view field) {
  auto bad = [&] {
    return InvalidArgument(std::string(field),
                           "must be a calendar quarter written like 2026Q3 (a year 2000-2099, "
                           "then Q and 1 to 4), not '" +
                               std::string(text) + "'");
  };
  if (text.size() != 6 || (text[4] != 'Q' && text[4] != 'q')) return bad();
  for (int i = 0; i < 4; ++i)
    if (!std::isdigit(static_cast<unsigned char>(text[static_cast<std::size_t>(i)]))) return bad();
  Quarter out;
  out.year = std::stoi(std::string(text.substr(0, 4)));
  out.q = text[5] - '0';
  if (out.year < 2000 || out.year > 2099 || out.q < 1 || out.q > 4) return bad();
  return out;
}

Quarter Quarter::Of(Date day) { return {day.year(), static_cast<int>((day.month() - 1) / 3 + 1)}; }

std::string Quarter::ToString() const { return std::to_string(year) + "Q" + std::to_string(q); }

Date Quarter::First() const { return Date(year, static_cast<unsigned>(3 * (q - 1) + 1), 1); }

Date Quarter::Last() const { return Next().First().AddDays(-1); }

Quarter Quarter::Next() const { return q == 4 ? Quarter{year + 1, 1} : Quarter{year, q + 1}; }

Quarter Quarter::Previous() const { return q == 1 ? Quarter{year - 1, 4} : Quarter{year, q - 1}; }

}  // namespace carecoop::national
