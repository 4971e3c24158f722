// Council: a local authority with children's services duties. It stays the
// corporate parent of its children when its placement budget moves to an RCC.
#ifndef CARECOOP_DOMAIN_COUNCIL_H_
#define CARECOOP_DOMAIN_COUNCIL_H_

#include <cstdint>
#include <string>

#include "core/geo.h"
#include "core/status.h"
#include "domain/ids.h"

namespace carecoop {

struct Council {
  CouncilId id;
  std::int64_t version = 0;
  std::string ons_code;     // E06/E08/E09/E10 + 6 digits
  std::string dfe_la_code;  // 3 digits, as in SSDA903 returns
  std::string name;
  RegionId region;
  LatLon location;   // area centre
  int cla_2024 = 0;  // children looked after on 31 March 2024 (DfE)

  friend bool operator==(const Council&, const Council&) = default;
};

Status Validate(const Council& council);

}  // namespace carecoop

#endif  // CARECOOP_DOMAIN_COUNCIL_H_
