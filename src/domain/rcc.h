// Rcc: a Regional Care Co-operative, a group of councils that pools their
// placement budgets and commissions homes for their children together.
#ifndef CARECOOP_DOMAIN_RCC_H_
#define CARECOOP_DOMAIN_RCC_H_

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/ids.h"

namespace carecoop {

struct Rcc {
  RccId id;
  std::int64_t version = 0;
  std::string code;  // short stable code, e.g. "NW-GM"
  std::string name;
  RegionId region;                         // the region it lies in
  std::vector<CouncilId> member_councils;  // a council belongs to at most one RCC

  friend bool operator==(const Rcc&, const Rcc&) = default;
};

Status Validate(const Rcc& rcc);

}  // namespace carecoop

#endif  // CARECOOP_DOMAIN_RCC_H_
