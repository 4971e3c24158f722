// Fair price: what a place in a home should cost a week, built up from the
// costs of running it, as the sector's cost tools do (the LGA and County
// Councils Network placement cost calculators, "Care Cubed"): so that an
// offer's quoted fee can be set beside an estimate the RCC can explain.
//
// Model. A home of P registered places, run at occupancy u (the share of
// places filled over a year), costs each week:
//   staff      care hours x the care worker's hourly rate, plus management
//              hours x the manager's rate, times (1 + on-costs: employer's
//              National Insurance, pension, holiday and training cover);
//              every rate times the region's pay factor;
//   property   the home's yearly property costs / 52;
//   running    the child-related running costs (food, activities, transport
//              to school) per child placed;
//   overhead   a share of the above for the organisation's central costs;
//   margin     a reasonable return on the total (not the margins the CMA
//              found: docs/market.md, "Fair price").
// and the price per place is that total / (P x u), so empty places are paid
// for by the filled ones, as a provider's fee must pay for them.
//
// Care hours by setting:
//   children's home, secure home: adults on shift around the clock (168 h a
//     week) = max(1, ceil(P x adults per child)) for the home's staffing
//     ratio (standard: one adult to two children; 1:1; 2:1; 3:1), plus the
//     registered manager's and deputy's weeks;
//   supported accommodation: key-worker hours per young person a week by
//     ratio, plus a share of a manager;
//   fostering household: no shifts; the carer's allowance (by age) and fee
//     (by need band) per child, a supervising social worker's time per
//     household, and the fostering service's recruitment and panel costs.
//
// Every figure is an input (FairPriceAssumptions) with a default whose
// source is in docs/market.md; the estimate is a value with its lines, so a
// hub officer can see why it is what it is.
//
// Complexity: O(1) an estimate.
//
// References: LGA/CCN cost calculator approach; Ofsted staffing guidance for
// children's homes (Guide to the Children's Homes Regulations 2015, ch. 13);
// DfE national minimum allowance for foster carers; CMA children's social
// care market study (2022) for margins.
#ifndef CARECOOP_MARKET_FAIR_PRICE_H_
#define CARECOOP_MARKET_FAIR_PRICE_H_

#include <string>
#include <vector>

#include "core/money.h"
#include "core/status.h"
#include "domain/home.h"
#include "domain/needs.h"

namespace carecoop::market {

// The cost model's figures. Money is pence; shares are fractions.
struct FairPriceAssumptions {
  // Residential staffing.
  Pence care_worker_hourly = Pence(1'450);       // residential support worker, per hour
  Pence manager_hourly = Pence(2'600);           // registered manager and deputy, blended
  double management_hours_a_week = 75;           // manager + deputy, full time
  double on_costs = 0.32;                        // employer's NI, pension, holiday cover
  Pence property_a_year = Pence(6'000'000);      // rent or mortgage, upkeep, utilities: a home
  Pence running_per_child_week = Pence(15'000);  // food, activities, school transport
  double overhead = 0.12;                        // central costs, as a share of direct costs
  double margin = 0.08;                          // a reasonable return, on the total
  double occupancy = 0.85;                       // planning occupancy when none is known
  // Supported accommodation: key-work hours per young person a week at the
  // standard ratio (enhanced ratios multiply it) and property per place.
  double supported_hours_per_person = 12;
  Pence supported_property_place_year = Pence(900'000);
  // Fostering.
  Pence allowance_under_5 = Pence(19'000);  // carer's allowance per child a week, by age
  Pence allowance_5_to_10 = Pence(21'000);
  Pence allowance_11_to_15 = Pence(24'000);
  Pence allowance_16_plus = Pence(28'000);
  Pence carer_fee_standard = Pence(15'000);       // carer's fee (reward) per child a week
  double carer_fee_per_band = 0.35;               // each need band above standard adds this share
  Pence social_worker_a_year = Pence(6'000'000);  // supervising social worker with on-costs
  double households_per_social_worker = 15;
  Pence recruitment_per_household_week = Pence(4'000);  // recruitment, training, panel
  // Region pay factor (London and the South East pay more).
  double pay_factor = 1.0;
};

// What is being priced.
struct FairPriceInput {
  Setting setting = Setting::kChildrensHome;
  int registered_places = 1;
  SupportRatio ratio = SupportRatio::kStandard;
  NeedBand band = NeedBand::kStandard;
  int age = 12;           // the child's age, for the foster allowance
  double occupancy = -1;  // share of places filled over the year; < 0: the assumption
};

// One line of the estimate, per place a week.
struct FairPriceLine {
  std::string item;  // "staff", "property", "running", "overhead", "margin", ...
  std::string how;   // the working, in words ("336 care hours x £14.50 x 1.32 / 3.4 places")
  Pence weekly;
};

struct FairPrice {
  std::vector<FairPriceLine> lines;
  Pence weekly;  // the sum of the lines: the fair price per place a week
};

// The estimate. InvalidArgument naming the field when an input is out of
// range (places 1..100, occupancy in (0, 1], age 0..25, rates >= 0).
Result<FairPrice> EstimateFairPrice(const FairPriceInput& input,
                                    const FairPriceAssumptions& assumptions = {});

// A quoted fee set beside the estimate.
struct FeeAgainstFairPrice {
  Pence quoted, fair;
  Pence difference;              // quoted - fair
  double percent = 0;            // difference / fair x 100 (0 when fair is 0)
  bool above_threshold = false;  // percent > the threshold
};
FeeAgainstFairPrice CompareWithFairPrice(Pence quoted, Pence fair, double threshold_percent);

// The pay factor for a region by its name (docs/market.md): London 1.15,
// South East 1.06, East of England 1.03, anywhere else 1.0.
double RegionPayFactor(std::string_view region_name);

}  // namespace carecoop::market

#endif  // CARECOOP_MARKET_FAIR_PRICE_H_
