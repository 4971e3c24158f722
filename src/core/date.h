// Calendar dates and timestamps (std::chrono), with the two text forms the
// sector uses: ISO 8601 (2025-03-31) and the SSDA903 form (31/03/2025).
#ifndef CARECOOP_CORE_DATE_H_
#define CARECOOP_CORE_DATE_H_

#include <chrono>
#include <compare>
#include <string>
#include <string_view>

#include "core/status.h"

namespace carecoop {

// A calendar day (no time zone: the day as a council records it).
class Date {
 public:
  constexpr Date() = default;
  constexpr explicit Date(std::chrono::sys_days days) : days_(days) {}
  constexpr Date(int year, unsigned month, unsigned day)
      : days_(std::chrono::year_month_day{std::chrono::year{year}, std::chrono::month{month},
                                          std::chrono::day{day}}) {}

  // Parses "YYYY-MM-DD"; the error names `field`.
  static Result<Date> ParseIso(std::string_view text, std::string_view field = "date");
  // Parses the SSDA903 form "dd/mm/YYYY".
  static Result<Date> ParseUk(std::string_view text, std::string_view field = "date");

  constexpr std::chrono::sys_days sys_days() const { return days_; }
  constexpr std::chrono::year_month_day ymd() const { return {days_}; }
  constexpr int year() const { return int(ymd().year()); }
  constexpr unsigned month() const { return unsigned(ymd().month()); }
  constexpr unsigned day() const { return unsigned(ymd().day()); }
  constexpr std::int64_t days_since_epoch() const { return days_.time_since_epoch().count(); }

  std::string ToIso() const;  // 2025-03-31
  std::string ToUk() const;   // 31/03/2025

  // The UTC day of a timestamp.
  static Date FromTimestamp(std::chrono::sys_seconds t) {
    return Date(std::chrono::floor<std::chrono::days>(t));
  }

  constexpr Date AddDays(std::int64_t n) const { return Date(days_ + std::chrono::days{n}); }
  // Whole days from `earlier` to this date (negative if this is earlier).
  constexpr std::int64_t DaysSince(Date earlier) const { return (days_ - earlier.days_).count(); }

  friend constexpr auto operator<=>(Date, Date) = default;

 private:
  std::chrono::sys_days days_{};
};

// Completed years of age on `on` for someone born on `birth` (birthdays on
// 29 February fall on 1 March in other years).
int AgeInYears(Date birth, Date on);

// The date `years` after `d` (29 February becomes 1 March when needed).
Date AddYears(Date d, int years);

// A point in time, to the second, UTC.
using Timestamp = std::chrono::sys_seconds;

// "2025-03-31T09:15:00Z".
std::string FormatTimestamp(Timestamp t);
// Accepts "YYYY-MM-DDTHH:MM:SS" with 'T' or ' ' between, optional fraction of
// a second (dropped) and an optional "Z" or "+00"/"+00:00" suffix.
Result<Timestamp> ParseTimestamp(std::string_view text, std::string_view field = "timestamp");

}  // namespace carecoop

#endif  // CARECOOP_CORE_DATE_H_
