// The short summary of a store that `carecoop summary` and `make demo` print:
// councils, RCCs, homes, places, children in care, open referrals.
#ifndef CARECOOP_CLI_SUMMARY_H_
#define CARECOOP_CLI_SUMMARY_H_

#include <cstdint>
#include <string>

#include "store/store.h"

namespace carecoop::cli {

struct StoreSummary {
  std::int64_t councils = 0;
  std::int64_t rccs = 0;
  std::int64_t providers = 0;
  std::int64_t homes = 0;
  std::int64_t places = 0;
  std::int64_t vacancies = 0;
  std::int64_t children_in_care = 0;
  std::int64_t open_referrals = 0;
  std::string rcc_names;  // "Greater Manchester RCC" or "20 RCCs"
};

Result<StoreSummary> Summarise(store::Store& store);
std::string FormatSummary(const StoreSummary& s);

}  // namespace carecoop::cli

#endif  // CARECOOP_CLI_SUMMARY_H_
