// Market oversight: the measures an RCC and the national body read to see
// the market they buy from, and the 2026 Act's financial oversight regime
// and profit cap applied to provider groups. Every measure and default is
// defined, with its source, in docs/oversight.md.
//
// Model and method, measure by measure:
//   prices         placements' weekly fees by setting and need band: the
//                  median and interquartile range (linear interpolation
//                  between order statistics, Hyndman-Fan type 7), the
//                  median by quarter of start, by route, and the median of
//                  fee / fair-price estimate (market/fair_price.h); spot
//                  shares of placements and of weekly spend.
//   concentration  the Herfindahl-Hirschman index HHI = sum over firms of
//                  (100 x share)^2, 0-10,000, of places and of weekly spend,
//                  where a firm is a provider group's ultimate owner (a
//                  provider outside any group is a firm of its own).
//   entry test     a group is in scope when any configured condition holds:
//                  homes, places, its share of a setting's places in
//                  England (market share) or in one region (geographical
//                  concentration); each condition met is a reason.
//   risk staging   ratios from the latest return: months of cash, debt over
//                  operating profit, interest cover, a loss, and the
//                  largest share of places in one region; each ratio past
//                  its "concern" or "severe" threshold is a reason; the
//                  stage follows from how many there are (RiskStage).
//   profit         profit before tax (operating profit less interest) with
//                  disguised profit added back: related-party rent above
//                  the market rent, management charges to group companies,
//                  interest to connected parties; each adjustment a line.
//   cap            a margin of revenue or an amount; the excess over it is
//                  what would be repaid.
//   exit rule      a group whose cap binds (cap below its margin) and whose
//                  capped margin falls below its cost of capital shrinks in
//                  proportion to the shortfall: it closes the share
//                  (r - c) / r of its places, r = min(margin, cost of
//                  capital), c = max(capped margin, 0); homes close emptiest
//                  first (fewest children, then fewest places, then id).
//   quality        every home's Ofsted grade rolled up by group; two or more
//                  settings rated inadequate or requires improvement is
//                  the trigger for an improvement plan.
// The failure scenario's re-placement is match/relocate.h.
//
// Complexity: prices O(n log n) in placements; concentration O(n log n) in
// holdings; the rest O(1) per group or O(homes) per group.
//
// References: US DoJ/FTC Horizontal Merger Guidelines (2023) s.2.1 (HHI and
// its thresholds); CMA, Children's social care market study, final report
// (March 2022), ch. 4-6 (margins, debt, disorderly exit); Care Standards Act
// 2000 ss.30ZE-30ZM and the profit cap power as inserted by the Children's
// Wellbeing and Schools Act 2026 ss.16-17; Hyndman & Fan (1996), "Sample
// quantiles in statistical packages".
#ifndef CARECOOP_MARKET_OVERSIGHT_H_
#define CARECOOP_MARKET_OVERSIGHT_H_

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/enum_names.h"
#include "core/money.h"
#include "core/status.h"
#include "domain/contract.h"
#include "domain/financial_return.h"
#include "domain/home.h"
#include "domain/needs.h"
#include "domain/provider_group.h"

namespace carecoop::market {
enum class RiskStage : std::uint8_t { kNoConcern, kMonitor, kSignificant, kFailureRisk };
}  // namespace carecoop::market

namespace carecoop {
template <>
struct EnumInfo<market::RiskStage> {
  static constexpr std::array<EnumEntry<market::RiskStage>, 4> kEntries = {{
      {market::RiskStage::kNoConcern, "1", "Stage 1: no concern"},
      {market::RiskStage::kMonitor, "2", "Stage 2: monitor"},
      {market::RiskStage::kSignificant, "3", "Stage 3: significant risk (business review)"},
      {market::RiskStage::kFailureRisk, "4",
       "Stage 4: real possibility of failure (councils warned)"},
  }};
};
}  // namespace carecoop

namespace carecoop::market {

// ---------------------------------------------------------------------------
// Groups and their parent undertakings.

class GroupTree {
 public:
  // InvalidArgument("parentId") naming the first group whose parent is not
  // in `groups` or whose chain of parents comes back to itself (a group
  // that owns itself, directly or through others). O(groups x depth).
  static Result<GroupTree> Build(const std::vector<ProviderGroup>& groups);
  // The top of g's chain (g itself when it has no parent).
  ProviderGroupId Ultimate(ProviderGroupId g) const;
  // g and every group under it, at any depth.
  std::vector<ProviderGroupId> WithDescendants(ProviderGroupId g) const;
  const ProviderGroup* Find(ProviderGroupId g) const;

 private:
  std::map<ProviderGroupId, ProviderGroup> groups_;
};

// ---------------------------------------------------------------------------
// Prices.

// One placement as the price measures see it.
struct PricePoint {
  Setting setting = Setting::kChildrensHome;
  NeedBand band = NeedBand::kStandard;
  ContractType route = ContractType::kSpot;  // spot where no contract prices it
  Date start;
  Pence weekly_fee;
  std::optional<Pence> fair_price;  // the estimate for the home and band, if one could be made
};

struct Quartiles {
  int count = 0;
  Pence q1, median, q3;
};
// Type-7 quantiles of `fees` (unsorted), rounded to the penny; zero count
// for none.
Quartiles QuartilesOf(std::vector<Pence> fees);

struct QuarterPrice {
  std::string quarter;  // "2026Q3": calendar quarter of the placement's start
  Quartiles fees;
};
struct RoutePrice {
  ContractType route = ContractType::kSpot;
  Quartiles fees;
};
struct PriceCell {
  Setting setting = Setting::kChildrensHome;
  NeedBand band = NeedBand::kStandard;
  Quartiles fees;
  std::vector<QuarterPrice> by_quarter;      // ascending
  std::vector<RoutePrice> by_route;          // in ContractType order, routes with placements only
  double spot_share_placements = 0;          // of the cell's placements
  double spot_share_spend = 0;               // of the cell's weekly spend
  int with_fair_price = 0;                   // placements with an estimate
  std::optional<double> median_fee_to_fair;  // median of fee / estimate
};
struct PriceSummary {
  std::vector<PriceCell> cells;  // setting, then band, each with placements
  int placements = 0;
  double spot_share_placements = 0;
  double spot_share_spend = 0;
};
PriceSummary SummarisePrices(const std::vector<PricePoint>& points);

// ---------------------------------------------------------------------------
// Concentration.

// What one firm holds in the market measured.
struct Holding {
  std::string key;   // tells firms apart: the ultimate owner's id (or the provider's)
  std::string firm;  // the ultimate owner's name (or the provider's)
  std::int64_t places = 0;
  std::int64_t spend = 0;  // weekly, pence
};
struct FirmShare {
  std::string key, firm;
  std::int64_t places = 0, spend = 0;
  double places_share = 0, spend_share = 0;
};
struct Concentration {
  std::int64_t places = 0, spend = 0;
  int firms = 0;
  double hhi_places = 0, hhi_spend = 0;  // 0-10,000
  std::vector<FirmShare> largest;        // by places, then spend, then name; at most `top`
};
// Holdings of the same firm (key) are summed first. O(n log n).
Concentration Concentrate(const std::vector<Holding>& holdings, int top = 10);
// The HHI of these amounts (shares of their sum, as percentages, squared
// and summed): 10,000 for one firm, 10,000 / n for n equal ones; 0 for none.
double Hhi(const std::vector<std::int64_t>& amounts);

// The DoJ/FTC bands (2023 guidelines): "unconcentrated" below 1,000,
// "moderately concentrated" to 1,800, "highly concentrated" above.
std::string_view HhiBand(double hhi);

// ---------------------------------------------------------------------------
// The entry test of the financial oversight regime.

// A group's footprint: its homes and places (every provider under it, at
// any depth), and its places by setting and region beside the market's.
struct Footprint {
  int homes = 0;
  int places = 0;
  // places[setting][region index]: the group's, and the whole market's.
  std::map<Setting, std::map<std::string, int>> group_places, market_places;
};
struct EntryConditions {
  int min_homes = 50;
  int min_places = 250;
  double min_market_share = 0.02;  // of a setting's places in England
  double min_region_share = 0.10;  // of a setting's places in one region
};
struct EntryVerdict {
  bool in_scope = false;
  std::vector<std::string> reasons;  // each condition met, with the figure
  double market_share = 0;           // largest over settings
  double region_share = 0;           // largest over settings and regions
  std::string region;                // where region_share is
};
EntryVerdict EntryTest(const Footprint& footprint, const EntryConditions& conditions);

// ---------------------------------------------------------------------------
// Risk staging.

// RiskStage: carecoop::market::RiskStage, declared at the top of this file.

// Thresholds: a ratio past "concern" is one concern, past "severe" one
// severe reason.
struct RiskThresholds {
  double cash_months_concern = 2, cash_months_severe = 1;
  double leverage_concern = 4, leverage_severe = 6;  // debt / operating profit
  double cover_concern = 2, cover_severe = 1;        // operating profit / interest
  double loss_severe = 0.05;                         // loss as a share of revenue
  double region_concern = 0.8;                       // share of places in one region
};
struct RiskRatios {
  double cash_months = 0;
  std::optional<double> leverage;        // none without debt
  std::optional<double> interest_cover;  // none without interest
  double margin = 0;                     // operating profit / revenue
  double region_share = 0;
};
struct RiskAssessment {
  RiskStage stage = RiskStage::kNoConcern;
  RiskRatios ratios;
  std::vector<std::string> concerns, severe;  // the reasons, each with its figure
};
// Stage 1: nothing; 2: one concern; 3: two or more concerns or one severe;
// 4: two or more severe. `region_share` is the group's largest share of its
// own places in one region.
RiskAssessment StageRisk(const FinancialReturn& r, double region_share,
                         const RiskThresholds& t = {});

// ---------------------------------------------------------------------------
// The profit cap.

struct Adjustment {
  std::string what;
  Pence amount;
};
struct RegulatedProfit {
  Pence revenue;
  Pence operating_profit;
  Pence interest;
  Pence profit_before_tax;              // operating profit less interest
  std::vector<Adjustment> adjustments;  // disguised profit added back, each >= 0
  Pence profit;                         // profit before tax plus the adjustments
  double margin = 0;                    // profit / revenue (0 without revenue)
};
RegulatedProfit MeasureProfit(const FinancialReturn& r);

struct ProfitCap {
  enum class Kind : std::uint8_t { kMargin, kAmount };
  Kind kind = Kind::kMargin;
  double margin = 0.10;  // of revenue, when kMargin
  Pence amount;          // a year, when kAmount
};
// InvalidArgument("cap") for a margin outside 0-100% or a negative amount.
Status Validate(const ProfitCap& cap);

struct CapOutcome {
  Pence allowed;  // the most profit the cap allows
  Pence excess;   // profit above it (0 when within): what would be repaid
  bool breach = false;
  double capped_margin = 0;  // margin after repaying the excess
};
CapOutcome ApplyCap(const RegulatedProfit& profit, const ProfitCap& cap);

// The exit rule: the share of its places a group closes under `outcome`,
// 0-1 (see the model above).
double ExitShare(const RegulatedProfit& profit, const CapOutcome& outcome, double cost_of_capital);

struct GroupHome {
  HomeId home;
  int places = 0;
  int residents = 0;
};
// The homes a group closes to shed `share` of its places: emptiest first
// (fewest residents, then fewest places, then id), until the places closed
// reach ceil(share x places). O(n log n).
std::vector<HomeId> HomesToClose(std::vector<GroupHome> homes, double share);

// ---------------------------------------------------------------------------
// Quality across a group.

struct HomeGrade {
  HomeId home;
  std::string urn;
  OfstedRating rating = OfstedRating::kNotYetInspected;
  std::optional<Date> last_inspected;
};
struct QualityRollup {
  int homes = 0;
  std::array<int, 5> by_rating{};    // indexed by OfstedRating
  int below_good = 0;                // requires improvement or inadequate
  bool improvement_trigger = false;  // two or more below good
  std::optional<Date> oldest_inspection;
  double good_or_better_share = 0;  // of homes inspected
};
QualityRollup RollUpQuality(const std::vector<HomeGrade>& homes);

}  // namespace carecoop::market

#endif  // CARECOOP_MARKET_OVERSIGHT_H_
