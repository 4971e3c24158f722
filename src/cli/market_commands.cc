#include "cli/market_commands.h"

#include <cmath>
#include <iomanip>
#include <nlohmann/json.hpp>

#include "cli/fail.h"
#include "core/date.h"
#include "core/env.h"
#include "market/fair_price.h"
#include "services/matching.h"
#include "services/workflow.h"
#include "store/store.h"

namespace carecoop::cli {

int MarketFairPrice(const FairPriceArgs& args, std::ostream& out, std::ostream& err) {
  market::FairPriceInput in;
  auto setting = ParseEnumCode<Setting>(args.setting);
  if (!setting)
    return Fail(err, InvalidArgument("setting", "must be one of " + EnumCodeList<Setting>()));
  auto ratio = ParseEnumCode<SupportRatio>(args.ratio);
  if (!ratio)
    return Fail(err, InvalidArgument("ratio", "must be one of " + EnumCodeList<SupportRatio>()));
  auto band = ParseEnumCode<NeedBand>(args.band);
  if (!band)
    return Fail(err, InvalidArgument("band", "must be one of " + EnumCodeList<NeedBand>()));
  in.setting = *setting;
  in.registered_places = args.places;
  in.ratio = *ratio;
  in.band = *band;
  in.age = args.age;
  in.occupancy = args.occupancy;
  market::FairPriceAssumptions a;
  a.pay_factor = market::RegionPayFactor(args.region);
  auto price = market::EstimateFairPrice(in, a);
  if (!price.ok()) return Fail(err, price.status());
  std::optional<market::FeeAgainstFairPrice> against;
  if (args.quoted_pounds >= 0)
    against = market::CompareWithFairPrice(Pence(std::llround(args.quoted_pounds * 100)),
                                           price->weekly, args.threshold_percent);
  if (args.json) {
    nlohmann::json j = {{"weekly", price->weekly.value()}, {"lines", nlohmann::json::array()}};
    for (const auto& l : price->lines)
      j["lines"].push_back({{"item", l.item}, {"how", l.how}, {"weekly", l.weekly.value()}});
    if (against)
      j["quoted"] = {{"weekly", against->quoted.value()},
                     {"difference", against->difference.value()},
                     {"percent", against->percent},
                     {"aboveThreshold", against->above_threshold}};
    out << j.dump(2) << "\n";
    return 0;
  }
  out << "Fair price of a place a week: " << price->weekly.ToString() << " (" << EnumLabel(*setting)
      << ", " << args.places << " places, " << EnumLabel(*ratio) << ", " << EnumLabel(*band)
      << " band)\n";
  for (const auto& l : price->lines)
    out << "  " << std::left << std::setw(16) << l.item << std::right << std::setw(12)
        << l.weekly.ToString() << "  " << l.how << "\n";
  if (against)
    out << "Quoted " << against->quoted.ToString() << ": " << against->difference.ToString() << " ("
        << std::fixed << std::setprecision(1) << against->percent << "%) against it"
        << (against->above_threshold ? ", above the threshold" : "") << "\n";
  out << "The model and each default's source: docs/market.md.\n";
  return 0;
}

int MarketPaymentsRun(const PaymentsRunArgs& args, std::ostream& out, std::ostream& err) {
  auto from = Date::ParseIso(args.week_from, "week-from");
  if (!from.ok()) return Fail(err, from.status());
  if (args.weeks < 1 || args.weeks > 520)
    return Fail(err, InvalidArgument("weeks", "must be between 1 and 520"));
  auto store = store::Store::Open(args.store_url);
  if (!store.ok()) return Fail(err, store.status());
  Rcc rcc;
  Status found = (*store)->Read([&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(rcc, services::FindRcc(tx, args.rcc));
    return Status::Ok();
  });
  if (!found.ok()) return Fail(err, found);
  services::Workflow wf(**store, {.clock = [] { return Env::Default().Now(); }});
  const services::Principal finance{0, "cli.payments-run", Role::kCommissioner, {}, rcc.id, {}};
  nlohmann::json runs = nlohmann::json::array();
  for (int w = 0; w < args.weeks; ++w) {
    const Date week = from->AddDays(7 * w);
    auto outcome = wf.RunPayments(finance, rcc.id, week);
    if (!outcome.ok()) return Fail(err, outcome.status());
    const PaymentRun& r = outcome->run;
    if (args.json) {
      runs.push_back({{"weekFrom", week.ToIso()},
                      {"alreadyRun", outcome->already_run},
                      {"placementsPaid", r.placements_paid},
                      {"paid", r.paid.value()},
                      {"voids", r.voids.value()},
                      {"recovered", r.recovered.value()}});
    } else {
      out << rcc.code << " week from " << week.ToIso() << ": "
          << (outcome->already_run ? "already run, " : "") << r.placements_paid
          << " placements paid " << r.paid.ToString() << ", voids " << r.voids.ToString()
          << ", recovered " << r.recovered.ToString() << "\n";
    }
  }
  if (args.json) out << runs.dump(2) << "\n";
  return 0;
}

}  // namespace carecoop::cli
