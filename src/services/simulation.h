// The policy simulator's world from the store (docs/simulator.md, "The
// world"): England's homes as the matching engine sees them, every
// registered place of each; each council with its centre, RCC, children
// entering care a year and where its children's families live; the need
// profiles of the store's referrals; the children placed on the day, each
// in its home; and potential homes, not open at the start: a copy of each
// fostering household (where carers may join) and of each children's home
// and supported accommodation a provider runs (where providers may open
// homes). The engine (sim/simulator.h) stays pure.
#ifndef CARECOOP_SERVICES_SIMULATION_H_
#define CARECOOP_SERVICES_SIMULATION_H_

#include <nlohmann/json.hpp>

#include "core/date.h"
#include "sim/simulator.h"
#include "store/store.h"

namespace carecoop::services {

// What the world was made of, for the record beside a simulation's output.
struct SimulationWorldFacts {
  std::size_t homes = 0, places = 0, councils = 0, profiles = 0, children = 0;
  std::size_t potential_homes = 0;     // not open at the start
  double entries_per_year = 0;         // England's, summed over councils
  std::size_t referrals_left_out = 0;  // referrals whose needs could not be read
};

// The facts as JSON: {homes, places, potentialHomes, councils, needProfiles,
// childrenPlaced, entriesPerYear} (the outputs' "world").
nlohmann::json FactsJson(const SimulationWorldFacts& facts);

// The world as at `as_at`. Entries a year: the children of each council
// whose first placement started in the year before `as_at`. A child placed
// on `as_at` takes a need profile of its band (the first of that band after
// its id, cyclically, so the draw is fixed); with no profile of the band,
// the first profile. InvalidArgument when the store holds no home, council
// or referral to draw needs from. O(homes + placements + children +
// referrals) to read; MakeWorld's O(councils x homes log homes) after.
Result<sim::World> LoadSimulationWorld(store::Tx& tx, Date as_at,
                                       SimulationWorldFacts* facts = nullptr);

}  // namespace carecoop::services

#endif  // CARECOOP_SERVICES_SIMULATION_H_
