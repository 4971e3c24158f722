#include "core/money.h"

#include <charconv>

namespace carecoop {
namespace {

std::string GroupThousands(std::int64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  int count = 0;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    if (count > 0 && count % 3 == 0) out.insert(out.begin(), ',');
    out.insert(out.begin(), *it);
    ++count;
  }
  return out;
}

Status Overflow() { return InvalidArgument("amount", "amount is too large (overflow)"); }

}  // namespace

std::string Pence::ToString() const {
  bool negative = pence_ < 0;
  // Compute on the unsigned magnitude so INT64_MIN formats too.
  std::uint64_t mag = negative ? std::uint64_t(0) - std::uint64_t(pence_) : std::uint64_t(pence_);
  std::string out = negative ? "-£" : "£";
  out += GroupThousands(static_cast<std::int64_t>(mag / 100));
  std::uint64_t p = mag % 100;
  out += '.';
  out += char('0' + p / 10);
  out += char('0' + p % 10);
  return out;
}

std::string Pence::ToPoundsString() const {
  std::int64_t pounds = RoundedPounds();
  return (pounds < 0 ? "-£" : "£") + GroupThousands(pounds < 0 ? -pounds : pounds);
}

Result<Pence> Pence::ParsePounds(std::string_view text, std::string_view field) {
  std::string original(text);
  auto bad = [&](std::string why) {
    return InvalidArgument(std::string(field), "'" + original + "' " + why);
  };
  bool negative = false;
  if (!text.empty() && text[0] == '-') {
    negative = true;
    text.remove_prefix(1);
  }
  if (text.starts_with("£")) text.remove_prefix(std::string_view("£").size());
  std::string whole;
  std::string frac;
  bool in_frac = false;
  for (char c : text) {
    if (c == ',' && !in_frac) continue;
    if (c == '.' && !in_frac) {
      in_frac = true;
      continue;
    }
    if (c < '0' || c > '9') return bad("is not an amount in pounds (like 4850 or 4,850.00)");
    (in_frac ? frac : whole) += c;
  }
  if (whole.empty()) return bad("is not an amount in pounds (like 4850 or 4,850.00)");
  if (frac.size() > 2) return bad("has more than two decimal places");
  while (frac.size() < 2) frac += '0';
  std::int64_t pounds = 0;
  auto [p, ec] = std::from_chars(whole.data(), whole.data() + whole.size(), pounds);
  if (ec != std::errc() || pounds > INT64_MAX / 100 - 1) return bad("is too large");
  std::int64_t pence = pounds * 100 + (frac[0] - '0') * 10 + (frac[1] - '0');
  return Pence(negative ? -pence : pence);
}

Result<Pence> Add(Pence a, Pence b) {
  std::int64_t r;
  if (__builtin_add_overflow(a.value(), b.value(), &r)) return Overflow();
  return Pence(r);
}

Result<Pence> Subtract(Pence a, Pence b) {
  std::int64_t r;
  if (__builtin_sub_overflow(a.value(), b.value(), &r)) return Overflow();
  return Pence(r);
}

Result<Pence> Multiply(Pence a, std::int64_t factor) {
  std::int64_t r;
  if (__builtin_mul_overflow(a.value(), factor, &r)) return Overflow();
  return Pence(r);
}

}  // namespace carecoop
