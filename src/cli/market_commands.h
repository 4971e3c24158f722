// `carecoop market ...`: the money and provision engines from the command
// line (docs/market.md).
#ifndef CARECOOP_CLI_MARKET_COMMANDS_H_
#define CARECOOP_CLI_MARKET_COMMANDS_H_

#include <ostream>
#include <string>

namespace carecoop::cli {

struct FairPriceArgs {
  std::string setting = "childrens_home";
  int places = 4;
  std::string ratio = "standard";
  std::string band = "standard";
  int age = 12;
  double occupancy = -1;      // < 0: the model's planning occupancy
  std::string region;         // for the pay factor; "" is 1.0
  double quoted_pounds = -1;  // a fee to set beside the estimate
  double threshold_percent = 10;
  bool json = false;
};
// The fair-price estimate with its lines (market/fair_price.h).
int MarketFairPrice(const FairPriceArgs& args, std::ostream& out, std::ostream& err);

struct PaymentsRunArgs {
  std::string store_url;
  std::string rcc;        // code or id
  std::string week_from;  // YYYY-MM-DD
  int weeks = 1;          // runs for this many weeks from week_from
  bool json = false;
};
// The weekly payments run (services/payments.cc) for one or more weeks, as
// the RCC's finance operator (audited as "cli.payments-run").
int MarketPaymentsRun(const PaymentsRunArgs& args, std::ostream& out, std::ostream& err);

// What `market contracts|budget|recruitment` read: an RCC's contracts
// register, its pooled budget for a year, its foster-carer funnel.
struct MarketReadArgs {
  std::string store_url;
  std::string rcc;   // code or id
  std::string what;  // "contracts", "budget" or "recruitment"
  std::string day;   // YYYY-MM-DD: the day figures are measured on (default today)
  int year = 0;      // budget: the financial year (default: the one `day` is in)
  bool json = false;
};
int MarketRead(const MarketReadArgs& args, std::ostream& out, std::ostream& err);

}  // namespace carecoop::cli

#endif  // CARECOOP_CLI_MARKET_COMMANDS_H_
