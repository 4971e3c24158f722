#include "market/contract_terms.h"

#include <algorithm>
#include <array>

namespace carecoop::market {

std::span<const IndexYear> DefaultPriceIndex() {
  // CPI annual rate, September of each year (ONS D7G7), basis points, to
  // 2025; 2026 and 2027 are the 2% target, an assumption until replaced by
  // the published figure (docs/market.md).
  static constexpr std::array<IndexYear, 16> kCpi = {{
      {2012, 220},
      {2013, 270},
      {2014, 120},
      {2015, -10},
      {2016, 100},
      {2017, 300},
      {2018, 240},
      {2019, 170},
      {2020, 50},
      {2021, 310},
      {2022, 1010},
      {2023, 670},
      {2024, 170},
      {2025, 380},
      {2026, 200},
      {2027, 200},
  }};
  return kCpi;
}

Result<Pence> UpliftedFee(Pence fee, Date start, Date on, int cap_bp,
                          std::span<const IndexYear> index) {
  if (cap_bp < 0) return InvalidArgument("capBp", "must not be negative");
  if (cap_bp == 0) return fee;
  std::int64_t pence = fee.value();
  for (int k = 1;; ++k) {
    Date anniversary = AddYears(start, k);
    if (on < anniversary) break;
    const int year = static_cast<int>(anniversary.year());
    auto it = std::find_if(index.begin(), index.end(),
                           [&](const IndexYear& y) { return y.year == year; });
    if (it == index.end())
      return InvalidArgument("index", "has no figure for " + std::to_string(year));
    // A fall in the index leaves the fee where it is; a rise is capped.
    const std::int64_t bp = std::clamp(it->basis_points, 0, cap_bp);
    // pence x (10000 + bp) / 10000, to the nearest penny (half up).
    const std::int64_t scaled = pence * (10'000 + bp);
    pence = (scaled + 5'000) / 10'000;
  }
  return Pence(pence);
}

Result<BlockWeek> MeasureBlockWeek(int reserved, int placements_in_force, Pence fee_per_place) {
  if (reserved < 1) return InvalidArgument("blockPlaces", "must be at least 1");
  if (placements_in_force < 0) return InvalidArgument("used", "must not be negative");
  BlockWeek w;
  w.reserved = reserved;
  w.used = std::min(reserved, placements_in_force);
  w.voids = reserved - w.used;
  CC_ASSIGN_OR_RETURN(w.void_cost, Multiply(fee_per_place, w.voids));
  w.utilisation = static_cast<double>(w.used) / reserved;
  return w;
}

Pence StandardFeeNow(const Contract& c, Date on) {
  if (c.fees.empty()) return Pence(0);
  auto fee = UpliftedFee(c.fees.front().weekly_fee, c.start, on, c.uplift_cap_bp);
  return fee.ok() ? *fee : c.fees.front().weekly_fee;
}

}  // namespace carecoop::market
