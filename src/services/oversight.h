// Market oversight as the services answer it (services/oversight.cc): the
// values Workflow's oversight steps return. The measures are
// market/oversight.h's; the failure scenario's re-placement match/relocate.h's;
// definitions in docs/oversight.md.
#ifndef CARECOOP_SERVICES_OVERSIGHT_H_
#define CARECOOP_SERVICES_OVERSIGHT_H_

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "domain/financial_return.h"
#include "domain/oversight_case.h"
#include "domain/provider_group.h"
#include "domain/rcc.h"
#include "market/oversight.h"
#include "match/relocate.h"

namespace carecoop::services {

// The settings and needs where supply is scarcest, each measured apart.
enum class ScarceMarket : std::uint8_t { kSoloHomes, kSecure, kComplexNeeds };
}  // namespace carecoop::services

namespace carecoop {
template <>
struct EnumInfo<services::ScarceMarket> {
  static constexpr std::array<EnumEntry<services::ScarceMarket>, 3> kEntries = {{
      {services::ScarceMarket::kSoloHomes, "solo_homes", "Solo homes (one child at a time)"},
      {services::ScarceMarket::kSecure, "secure", "Secure children's homes"},
      {services::ScarceMarket::kComplexNeeds, "complex_needs",
       "Placements for complex and specialist needs"},
  }};
};
}  // namespace carecoop

namespace carecoop::services {

struct SettingConcentration {
  Setting setting = Setting::kChildrensHome;
  market::Concentration concentration;
};
struct ScarceConcentration {
  ScarceMarket market = ScarceMarket::kSoloHomes;
  market::Concentration concentration;
};
// One RCC's concentration, in England's table.
struct RccConcentration {
  RccId rcc;
  std::string code, name;
  market::Concentration concentration;
};

// Prices and concentration for one RCC (homes in its councils' areas and
// its councils' children) or for England.
struct MarketView {
  std::optional<Rcc> rcc;  // none: England
  Date as_at;
  market::PriceSummary prices;
  market::Concentration all;  // places: registered places; spend: weekly fees of children there now
  std::vector<SettingConcentration> by_setting;
  std::vector<ScarceConcentration> scarce;
  std::vector<RccConcentration> by_rcc;  // England only
};

// One provider group as the register shows it.
struct GroupStanding {
  ProviderGroup group;
  std::string parent_name;    // "" for an ultimate owner
  std::string ultimate_name;  // the group itself when it is the ultimate owner
  int providers = 0, homes = 0, places = 0, children = 0;  // with every group under it
  int homes_in_rcc = 0, places_in_rcc = 0;                 // in the RCC asked about, when one was
  market::EntryVerdict entry;
  // The latest return: the group's own, or its groups' summed when it files
  // none itself (consolidated).
  std::optional<FinancialReturn> latest;
  bool consolidated = false;
  std::optional<market::RiskAssessment> risk;
  market::QualityRollup quality;
  int open_cases = 0;
  bool improvement_plan_open = false;
};

struct GroupHomeRow {
  HomeId id;
  std::string name, urn, provider, council, rcc;
  Setting setting = Setting::kChildrensHome;
  OfstedRating rating = OfstedRating::kNotYetInspected;
  std::optional<Date> last_inspected;
  int places = 0, children = 0;
};

struct GroupDetail {
  GroupStanding standing;
  std::vector<Provider> providers;
  std::vector<GroupHomeRow> homes;
  std::vector<FinancialReturn> returns;           // the group's own, newest first
  std::optional<market::RegulatedProfit> profit;  // of the latest return
  std::vector<OversightCase> cases;
  std::vector<std::string> children_groups;  // names of the groups directly under it
};

// The warning to councils and RCCs of a group at stage 4: who lives in its
// homes, as counts, and which homes.
struct WarningCouncil {
  std::string council, rcc;
  int children = 0;
};
struct WarningHome {
  std::string name, urn, council, rcc;
  int children = 0;
};
struct RiskWarning {
  ProviderGroupId group;
  std::string name;
  market::RiskAssessment risk;
  std::vector<WarningCouncil> councils;  // the asker's RCC's only, for a commissioner
  std::vector<WarningHome> homes;
  int children = 0;
};

struct ProfitCapRow {
  ProviderGroupId group;
  std::string name;
  int year = 0;
  market::RegulatedProfit profit;
  market::CapOutcome outcome;
};
struct ProfitCapReport {
  market::ProfitCap cap;
  std::vector<ProfitCapRow> rows;  // every group with a return, largest excess first
  Pence total_excess;
  int breaches = 0;
};

// One RCC's part of a scenario: places that leave, children who must move,
// where they could go, and the weekly cost change of those placed again.
struct RccImpact {
  std::string code, name;  // "" for children of councils in no RCC
  int places_leaving = 0;
  int homes_closing = 0;
  int children = 0;
  std::array<int, 4> landing{};  // by match::Landing
  std::int64_t fee_before = 0, fee_after = 0;
};
struct Impact {
  int homes_closing = 0, places_leaving = 0, children = 0;
  std::array<int, 4> landing{};
  std::int64_t fee_before = 0, fee_after = 0;
  std::vector<RccImpact> by_rcc;  // RCCs with any closing place or child
  bool proved_optimal = false;    // the re-placement's assignment was proved optimal
};

struct WhatIfLevel {
  double cap = 0;  // margin of revenue
  Pence repaid;
  int breaches = 0;
  int groups_shrinking = 0;
  Impact impact;
};
struct ProfitCapWhatIf {
  std::vector<WhatIfLevel> levels;  // ascending cap
};

struct FailureScenario {
  ProviderGroupId group;
  std::string name;
  Date as_at;
  Impact impact;
};

// The price transparency publication: prices paid by each RCC's councils
// by setting and need band, current placements. A cell of fewer than
// kSmallNumber placements shows neither its count nor its prices; no totals
// are published, so no suppressed cell can be worked back from the others.
struct PublishedPriceCell {
  std::string rcc_code, rcc_name;
  Setting setting = Setting::kChildrensHome;
  NeedBand band = NeedBand::kStandard;
  bool suppressed = false;
  market::Quartiles fees;  // count 0 when suppressed
};

}  // namespace carecoop::services

#endif  // CARECOOP_SERVICES_OVERSIGHT_H_
