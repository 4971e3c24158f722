// The counts the national body reports from the registers of liberty
// (docs/national.md, "Deprivation of liberty and unregistered settings"):
// deprivation of liberty (DoL) orders and children in unregistered settings,
// for England and by RCC, on one day.
//
// Model. An order is in force on day D when start <= D and it has not
// ended before D; its review is overdue when in force and review_on < D. A
// child is in an unregistered setting on D when the stay began on or before
// D and had not ended before D; days there = D - start; the exit date has
// passed when exit_by < D. Counts on D: orders in force, of them in a
// setting not registered with Ofsted, orders begun in the year to D
// (D - 365 < start <= D), reviews overdue; children in unregistered
// settings, of them with a DoL order, by time there (under 4 weeks, 4 weeks
// to 3 months, 3 to 6 months, over 6 months: 28, 91, 182 days), with the
// exit date passed, the median and longest days there, and the weekly cost
// (total and mean, in pence).
//
// Method and complexity: one pass over the records, then a sort of each
// group's stays by days for the median: O(n log n).
//
// References: DfE, "Children looked after in England" (children in
// unregistered provision, from 2026-27 the SSDA903 DoLO table); Ofsted,
// "Unregistered children's homes" (2023); Nuffield Family Justice
// Observatory, "Deprivation of liberty applications" (2023).
#ifndef CARECOOP_NATIONAL_LIBERTY_REGISTER_H_
#define CARECOOP_NATIONAL_LIBERTY_REGISTER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"

namespace carecoop::national {

// What the counts read: dates, codes and amounts, never an identity.
struct OrderFact {
  std::string rcc;  // the RCC's name (or code)
  Date start;
  std::optional<Date> end;
  Date review_on;
  bool setting_registered = true;
};

struct StayFact {
  std::string rcc;
  Date start;
  std::optional<Date> end;
  Date exit_by;
  std::int64_t weekly_cost_pence = 0;
  bool under_dol_order = false;
};

inline const std::vector<std::string> kStayBands = {"under_4_weeks", "4_weeks_to_3_months",
                                                    "3_to_6_months", "over_6_months"};
std::string StayBand(std::int64_t days);

struct LibertyCounts {
  std::string rcc;  // "" for England
  int orders_in_force = 0;
  int orders_in_unregistered_settings = 0;
  int orders_begun_in_year = 0;
  int reviews_overdue = 0;
  int children_unregistered = 0;
  int unregistered_with_order = 0;
  std::vector<int> by_stay_band = std::vector<int>(kStayBands.size(), 0);
  int exit_date_passed = 0;
  std::optional<double> median_days;  // of the children there on the day
  std::int64_t longest_days = 0;
  std::int64_t weekly_cost_pence = 0;  // of the children there on the day
  std::optional<std::int64_t> mean_weekly_cost_pence;
};

struct LibertySummary {
  Date as_at;
  LibertyCounts england;
  std::vector<LibertyCounts> by_rcc;  // by name; only RCCs with a record
};

// Pure.
LibertySummary CountLiberty(const std::vector<OrderFact>& orders,
                            const std::vector<StayFact>& stays, Date as_at);

}  // namespace carecoop::national

#endif  // CARECOOP_NATIONAL_LIBERTY_REGISTER_H_
