// The RCC as provider: the unit cost of a place in its own (or a member
// council's) home or fostering household, so that in-house provision is
// ranked and compared on the same terms as a bought place: never free.
//
// Model. A home declares its running costs for a year (staff, property,
// other running costs, and its share of the service's overheads). Its unit
// cost per place per week is
//     declared costs / 52 / (registered places x occupancy),
// with occupancy the share of its places filled, floored at a minimum
// (default 50%) so that a home that is briefly empty is not priced as if it
// would stay so. A home that declares nothing is priced at its fair-price
// estimate (fair_price.h), never at zero.
//
// Complexity: O(1).
//
// References: docs/market.md, "The RCC as provider"; the LIIA internal
// residential costs return (shared/data/codes/liia_placement_costs_fields.csv).
#ifndef CARECOOP_MARKET_IN_HOUSE_H_
#define CARECOOP_MARKET_IN_HOUSE_H_

#include "core/money.h"
#include "core/status.h"
#include "domain/home.h"

namespace carecoop::market {

using carecoop::RunningCosts;  // domain/home.h

inline constexpr double kMinimumOccupancy = 0.5;

// The unit cost per place per week. `occupied`: places filled (0 ..
// registered). InvalidArgument naming "registeredPlaces" when below 1,
// "occupied" when out of range.
Result<Pence> UnitCost(const RunningCosts& costs, int registered_places, double occupied,
                       double minimum_occupancy = kMinimumOccupancy);

}  // namespace carecoop::market

#endif  // CARECOOP_MARKET_IN_HOUSE_H_
