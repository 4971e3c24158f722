// `carecoop demo activity`: some of a synthetic region's open referrals
// walked through the real workflow (services::Workflow), so that every
// role's views in `make demo` have work in them: referrals sent to
// providers (some to the demo provider, awaiting its answer), offers with
// the child's view recorded, proposals awaiting scrutiny, and approved ones
// booked, whose weekly payments make the commissioner's spend.
#ifndef CARECOOP_CLI_DEMO_COMMANDS_H_
#define CARECOOP_CLI_DEMO_COMMANDS_H_

#include <cstdint>
#include <ostream>
#include <string>

namespace carecoop::cli {

struct DemoActivityArgs {
  std::string store_url;
  std::string rcc;            // the RCC's code, e.g. NW-GM
  std::string today;          // the day the demo's clock runs from (YYYY-MM-DD)
  std::int64_t provider = 0;  // the demo provider: some referrals await its answer
  int referrals = 16;         // how many open referrals to walk
};
int DemoActivity(const DemoActivityArgs& args, std::ostream& out, std::ostream& err);

}  // namespace carecoop::cli

#endif  // CARECOOP_CLI_DEMO_COMMANDS_H_
