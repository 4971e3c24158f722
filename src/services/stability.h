// An RCC's placement stability as the services give it
// (services/stability.cc; the engine national/stability.h; docs/national.md
// "Stability").
#ifndef CARECOOP_SERVICES_STABILITY_H_
#define CARECOOP_SERVICES_STABILITY_H_

#include <cstdint>
#include <map>
#include <string>

#include "national/stability.h"

namespace carecoop::services {

// The stability figures, with the children's pseudonyms for the hub's
// early-warning list.
struct RccStability {
  national::Stability stability;
  std::map<std::int64_t, std::string> pseudonyms;  // by child id
};

}  // namespace carecoop::services

#endif  // CARECOOP_SERVICES_STABILITY_H_
