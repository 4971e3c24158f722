// Contract terms over time: the annual uplift of a fee, and a block
// contract's weekly utilisation and voids.
//
// Model. A contract's fees are set at its start. On each anniversary of the
// start (start + k years, k >= 1) every fee rises by the price index's
// figure for that anniversary's year, capped at the contract's cap, and
// never falls: the fee after k anniversaries is
// fee_{k-1} x (1 + min(max(index(year_k), 0), cap)),
// rounded to the nearest penny at each step (uplift letters state each
// year's new fee in pounds and pence). A contract with cap 0 never rises.
//
// A block contract reserves N places in named homes at a fixed weekly fee
// whether used or not; the RCC holds the occupancy risk. In a week, used =
// the placements made under it in force that week (at most N count), voids
// = N - used, and the void cost = voids x the fee for a place: what the RCC
// pays for empty reserved places.
//
// Complexity: uplift O(years); a block week O(1).
//
// References: docs/market.md, "Contracts" (the default index, CPI's
// annual rate each September, ONS series D7G7).
#ifndef CARECOOP_MARKET_CONTRACT_TERMS_H_
#define CARECOOP_MARKET_CONTRACT_TERMS_H_

#include <span>

#include "core/date.h"
#include "core/money.h"
#include "core/status.h"
#include "domain/contract.h"

namespace carecoop::market {

// One year's index figure, in basis points (3.8% = 380).
struct IndexYear {
  int year = 0;
  int basis_points = 0;
};

// The default price index: CPI 12-month rate each September (docs/market.md).
std::span<const IndexYear> DefaultPriceIndex();

// The fee on `on` of a fee set at `start`, with annual uplifts capped at
// `cap_bp`. InvalidArgument naming "index" when an anniversary's year has
// no figure; "capBp" when the cap is negative.
Result<Pence> UpliftedFee(Pence fee, Date start, Date on, int cap_bp,
                          std::span<const IndexYear> index = DefaultPriceIndex());

// A contract's first fee line on `on`, after its uplifts: the fee as set
// when the index has no figure for a year; zero for a contract without lines.
Pence StandardFeeNow(const Contract& contract, Date on);

// A block contract's week.
struct BlockWeek {
  int reserved = 0;
  int used = 0;
  int voids = 0;
  Pence void_cost;         // voids x the fee for a place
  double utilisation = 0;  // used / reserved
};

// `placements_in_force`: placements under the block in force in the week
// (more than reserved count as reserved: the others are paid as ordinary
// placements). InvalidArgument naming "blockPlaces" when reserved < 1.
Result<BlockWeek> MeasureBlockWeek(int reserved, int placements_in_force, Pence fee_per_place);

}  // namespace carecoop::market

#endif  // CARECOOP_MARKET_CONTRACT_TERMS_H_
