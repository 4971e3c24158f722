// Region: one of England's 9 regions (ONS E12 codes).
#ifndef CARECOOP_DOMAIN_REGION_H_
#define CARECOOP_DOMAIN_REGION_H_

#include <cstdint>
#include <string>

#include "core/status.h"
#include "domain/ids.h"

namespace carecoop {

struct Region {
  RegionId id;
  std::int64_t version = 0;  // set by the store; bumped on every update
  std::string ons_code;      // E12000001..E12000009
  std::string name;

  friend bool operator==(const Region&, const Region&) = default;
};

Status Validate(const Region& region);

}  // namespace carecoop

#endif  // CARECOOP_DOMAIN_REGION_H_
