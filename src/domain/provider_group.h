// ProviderGroup: a group of companies that owns providers (a provider belongs
// to at most one group; groups nest, each under its parent undertaking up to
// the ultimate owner). The unit the 2026 Act's financial oversight regime,
// profit cap and Ofsted's group powers look at (docs/oversight.md).
#ifndef CARECOOP_DOMAIN_PROVIDER_GROUP_H_
#define CARECOOP_DOMAIN_PROVIDER_GROUP_H_

#include <cstdint>
#include <optional>
#include <string>

#include "core/status.h"
#include "domain/ids.h"

namespace carecoop {

struct ProviderGroup {
  ProviderGroupId id;
  std::int64_t version = 0;
  std::string name;
  // Companies House registration number of the group's parent company: the
  // key a financial return names its group by.
  std::string company_number;
  std::optional<ProviderGroupId> parent;  // the parent undertaking; none for an ultimate owner
  // Cost of capital, basis points of revenue: the margin below which the
  // group would rather close homes (the profit cap's exit rule).
  int cost_of_capital_bp = 800;

  friend bool operator==(const ProviderGroup&, const ProviderGroup&) = default;
};

// The fields alone: a name, a company number of 8 letters and digits, a
// cost of capital from 0 to 100%, and a parent that is not the group itself.
// A parent chain that loops back is refused by market::GroupTree.
Status Validate(const ProviderGroup& group);

}  // namespace carecoop

#endif  // CARECOOP_DOMAIN_PROVIDER_GROUP_H_
