#include "market/fair_price.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace carecoop::market {
namespace {

// Adults per child on shift for a staffing ratio (standard: one to two).
double AdultsPerChild(SupportRatio r) {
  switch (r) {
    case SupportRatio::kOneToOne:
      return 1;
    case SupportRatio::kTwoToOne:
      return 2;
    case SupportRatio::kMoreThanTwoToOne:
      return 3;
    default:
      return 0.5;
  }
}

Pence Round(double pence) { return Pence(std::llround(pence)); }

std::string Pounds(double pence) { return Round(pence).ToString(); }

std::string Num(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", x);
  return buf;
}

Pence Allowance(const FairPriceAssumptions& a, int age) {
  if (age < 5) return a.allowance_under_5;
  if (age <= 10) return a.allowance_5_to_10;
  if (age <= 15) return a.allowance_11_to_15;
  return a.allowance_16_plus;
}

}  // namespace

Result<FairPrice> EstimateFairPrice(const FairPriceInput& in, const FairPriceAssumptions& a) {
  if (in.registered_places < 1 || in.registered_places > 100)
    return InvalidArgument("registeredPlaces", "must be between 1 and 100");
  if (in.occupancy >= 0 && (in.occupancy == 0 || in.occupancy > 1))
    return InvalidArgument("occupancy", "must be above 0 and at most 1");
  if (in.age < 0 || in.age > kMaxChildAge)
    return InvalidArgument("age", "must be between 0 and 25");
  for (auto [field, value] : {std::pair{"careWorkerHourly", a.care_worker_hourly.value()},
                              {"managerHourly", a.manager_hourly.value()},
                              {"propertyAYear", a.property_a_year.value()},
                              {"runningPerChildWeek", a.running_per_child_week.value()},
                              {"carerFeeStandard", a.carer_fee_standard.value()}})
    if (value < 0) return InvalidArgument(field, "must not be negative");
  if (a.on_costs < 0 || a.overhead < 0 || a.margin < 0 || a.margin >= 1 || a.pay_factor <= 0 ||
      a.occupancy <= 0 || a.occupancy > 1 || a.households_per_social_worker <= 0)
    return InvalidArgument("assumptions", "a share is out of range");

  const double occupancy = in.occupancy >= 0 ? in.occupancy : a.occupancy;
  const double places = in.registered_places;
  const double filled = places * occupancy;  // children living there on average
  const double pay = a.pay_factor * (1 + a.on_costs);
  const double care_rate = static_cast<double>(a.care_worker_hourly.value()) * pay;
  const double manager_rate = static_cast<double>(a.manager_hourly.value()) * pay;
  const double extra_adults = std::max(0.0, AdultsPerChild(in.ratio) - 0.5);
  FairPrice out;
  auto line = [&](std::string item, std::string how, double pence) {
    out.lines.push_back({std::move(item), std::move(how), Round(pence)});
  };

  switch (in.setting) {
    case Setting::kChildrensHome:
    case Setting::kSecureChildrensHome: {
      const bool secure = in.setting == Setting::kSecureChildrensHome;
      const double base_per_child = secure ? 1.0 : 0.5;
      const double adults = std::max(1.0, std::ceil(places * base_per_child));
      const double care_hours = adults * 168;
      line("staff",
           Num(care_hours) + " care hours x " + Pounds(care_rate) + " and " +
               Num(a.management_hours_a_week) + " management hours x " + Pounds(manager_rate) +
               " (pay with on-costs), shared by " + Num(filled) + " children",
           (care_hours * care_rate + a.management_hours_a_week * manager_rate) / filled);
      if (extra_adults > 0 && !secure)
        line("extra staffing",
             Num(extra_adults * 168) + " hours for this child's ratio x " + Pounds(care_rate),
             extra_adults * 168 * care_rate);
      const double property = static_cast<double>(a.property_a_year.value()) * (secure ? 2 : 1);
      line("property", Pounds(property) + " a year / 52, shared by " + Num(filled) + " children",
           property / 52 / filled);
      line("running", "food, activities and school transport",
           static_cast<double>(a.running_per_child_week.value()));
      break;
    }
    case Setting::kSupportedAccommodation: {
      const double hours = a.supported_hours_per_person + extra_adults * 168;
      line("staff",
           Num(hours) + " key-work hours x " + Pounds(care_rate) + " and a manager's " +
               Num(a.management_hours_a_week / 2) + " hours shared by " + Num(filled) +
               " young people",
           hours * care_rate + a.management_hours_a_week / 2 * manager_rate / filled);
      line("property",
           Pounds(static_cast<double>(a.supported_property_place_year.value())) +
               " a place a year / 52, at " + Num(occupancy * 100) + "% occupancy",
           static_cast<double>(a.supported_property_place_year.value()) / 52 / occupancy);
      line("running", "activities and travel",
           static_cast<double>(a.running_per_child_week.value()) / 2);
      break;
    }
    case Setting::kFosteringHousehold: {
      const double allowance = static_cast<double>(Allowance(a, in.age).value());
      line("allowance", "the carer's allowance at age " + std::to_string(in.age), allowance);
      const double fee = static_cast<double>(a.carer_fee_standard.value()) *
                         (1 + a.carer_fee_per_band * static_cast<int>(in.band));
      line("carer fee", "the carer's fee for the " + std::string(EnumLabel(in.band)) + " band",
           fee);
      const double worker = static_cast<double>(a.social_worker_a_year.value()) * a.pay_factor /
                            52 / a.households_per_social_worker;
      line("supervision",
           "a supervising social worker (" + Pounds(worker) + " a household a week), shared by " +
               Num(filled) + " children",
           worker / filled);
      line("recruitment", "recruitment, training and panel, a household a week, shared",
           static_cast<double>(a.recruitment_per_household_week.value()) / filled);
      break;
    }
  }
  double direct = 0;
  for (const auto& l : out.lines) direct += static_cast<double>(l.weekly.value());
  const double overhead = direct * a.overhead;
  line("overhead", Num(a.overhead * 100) + "% of direct costs for central costs", overhead);
  const double margin = (direct + overhead) * a.margin / (1 - a.margin);
  line("margin", Num(a.margin * 100) + "% of the price", margin);
  std::int64_t total = 0;
  for (const auto& l : out.lines) total += l.weekly.value();
  out.weekly = Pence(total);
  return out;
}

FeeAgainstFairPrice CompareWithFairPrice(Pence quoted, Pence fair, double threshold_percent) {
  FeeAgainstFairPrice c;
  c.quoted = quoted;
  c.fair = fair;
  c.difference = Pence(quoted.value() - fair.value());
  c.percent = fair.value() > 0 ? 100.0 * static_cast<double>(c.difference.value()) /
                                     static_cast<double>(fair.value())
                               : 0;
  c.above_threshold = fair.value() > 0 && c.percent > threshold_percent;
  return c;
}

double RegionPayFactor(std::string_view region) {
  if (region == "London") return 1.15;
  if (region == "South East") return 1.06;
  if (region == "East of England") return 1.03;
  return 1.0;
}

}  // namespace carecoop::market
