#include "core/date.h"

#include <charconv>
#include <cstdio>

namespace carecoop {
namespace {

bool ParseFixed(std::string_view text, std::size_t pos, std::size_t len, int& out) {
  if (pos + len > text.size()) return false;
  for (std::size_t i = pos; i < pos + len; ++i)
    if (text[i] < '0' || text[i] > '9') return false;
  auto [ptr, ec] = std::from_chars(text.data() + pos, text.data() + pos + len, out);
  return ec == std::errc() && ptr == text.data() + pos + len;
}

Result<Date> MakeDate(int y, int m, int d, std::string_view text, std::string_view field) {
  std::chrono::year_month_day ymd{std::chrono::year{y},
                                  std::chrono::month{static_cast<unsigned>(m)},
                                  std::chrono::day{static_cast<unsigned>(d)}};
  if (y < 1900 || y > 2200 || !ymd.ok())
    return InvalidArgument(std::string(field),
                           "'" + std::string(text) + "' is not a real calendar date");
  return Date(std::chrono::sys_days(ymd));
}

}  // namespace

Result<Date> Date::ParseIso(std::string_view text, std::string_view field) {
  int y = 0, m = 0, d = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !ParseFixed(text, 0, 4, y) ||
      !ParseFixed(text, 5, 2, m) || !ParseFixed(text, 8, 2, d))
    return InvalidArgument(std::string(field),
                           "'" + std::string(text) + "' is not a date of the form YYYY-MM-DD");
  return MakeDate(y, m, d, text, field);
}

Result<Date> Date::ParseUk(std::string_view text, std::string_view field) {
  int y = 0, m = 0, d = 0;
  if (text.size() != 10 || text[2] != '/' || text[5] != '/' || !ParseFixed(text, 0, 2, d) ||
      !ParseFixed(text, 3, 2, m) || !ParseFixed(text, 6, 4, y))
    return InvalidArgument(std::string(field),
                           "'" + std::string(text) + "' is not a date of the form dd/mm/YYYY");
  return MakeDate(y, m, d, text, field);
}

std::string Date::ToIso() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", year(), month(), day());
  return buf;
}

std::string Date::ToUk() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02u/%02u/%04d", day(), month(), year());
  return buf;
}

int AgeInYears(Date birth, Date on) {
  int age = on.year() - birth.year();
  if (on.month() < birth.month() || (on.month() == birth.month() && on.day() < birth.day())) --age;
  return age;
}

Date AddYears(Date d, int years) {
  auto ymd = d.ymd() + std::chrono::years{years};
  if (!ymd.ok()) return Date(std::chrono::sys_days(ymd.year() / std::chrono::March / 1));
  return Date(std::chrono::sys_days(ymd));
}

std::string FormatTimestamp(Timestamp t) {
  auto days = std::chrono::floor<std::chrono::days>(t);
  std::chrono::hh_mm_ss hms{t - days};
  Date d(days);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02dZ", d.ToIso().c_str(),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return buf;
}

Result<Timestamp> ParseTimestamp(std::string_view text, std::string_view field) {
  auto bad = [&] {
    return InvalidArgument(std::string(field), "'" + std::string(text) +
                                                   "' is not a timestamp of the form "
                                                   "YYYY-MM-DDTHH:MM:SSZ");
  };
  if (text.size() < 19 || (text[10] != 'T' && text[10] != ' ')) return bad();
  auto date = Date::ParseIso(text.substr(0, 10), field);
  if (!date.ok()) return bad();
  int h = 0, m = 0, s = 0;
  if (text[13] != ':' || text[16] != ':' || !ParseFixed(text, 11, 2, h) ||
      !ParseFixed(text, 14, 2, m) || !ParseFixed(text, 17, 2, s) || h > 23 || m > 59 || s > 60)
    return bad();
  std::string_view rest = text.substr(19);
  if (!rest.empty() && rest[0] == '.') {
    std::size_t i = 1;
    while (i < rest.size() && rest[i] >= '0' && rest[i] <= '9') ++i;
    rest = rest.substr(i);
  }
  if (!(rest.empty() || rest == "Z" || rest == "+00" || rest == "+00:00")) return bad();
  return Timestamp(date->sys_days()) + std::chrono::hours{h} + std::chrono::minutes{m} +
         std::chrono::seconds{s};
}

}  // namespace carecoop
