#include "cli/market_commands.h"

#include <cmath>
#include <iomanip>
#include <nlohmann/json.hpp>

#include "cli/fail.h"
#include "market/fair_price.h"

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

}  // namespace carecoop::cli
