// Opening a store and finding an RCC in it by code or id: what every
// command that works on one RCC does first.
#ifndef CARECOOP_CLI_OPEN_RCC_H_
#define CARECOOP_CLI_OPEN_RCC_H_

#include <memory>
#include <string>

#include "domain/rcc.h"
#include "store/store.h"

namespace carecoop::cli {

struct RccStore {
  std::unique_ptr<store::Store> store;
  Rcc rcc;
};

// The store at `url` and its RCC `code_or_id`; the store's error, or
// InvalidArgument naming "rcc" when there is no such RCC.
Result<RccStore> OpenRccStore(const std::string& url, const std::string& code_or_id);

}  // namespace carecoop::cli

#endif  // CARECOOP_CLI_OPEN_RCC_H_
