// The synthetic England generator: councils, RCCs, providers, homes,
// vacancies, children in care with their placement histories, contracts and
// open referrals, calibrated to published figures (synth/published.h) and
// deterministic by seed. All data is synthetic; no real child is described.
//
// Method (docs/synthetic-england.md has the detail and every assumption):
// supply is laid out first (homes per council from the published totals);
// children's attributes are assigned by exact quota so national shares hit
// their targets; each child's current placement is found in a home with a
// free place, choosing among "inside/outside their council, nearer/farther
// than 20 miles" so that the running shares follow the published ones;
// histories are a Poisson process of placement changes whose rate is solved
// to give the published number of changes in the year.
#ifndef CARECOOP_SYNTH_GENERATOR_H_
#define CARECOOP_SYNTH_GENERATOR_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "domain/child.h"
#include "domain/contract.h"
#include "domain/council.h"
#include "domain/framework.h"
#include "domain/home.h"
#include "domain/money_records.h"
#include "domain/placement.h"
#include "domain/provider.h"
#include "domain/rcc.h"
#include "domain/referral.h"
#include "domain/region.h"
#include "domain/vacancy.h"
#include "store/store.h"

namespace carecoop::synth {

enum class Scale { kRegion, kNational };

struct GenerateOptions {
  Scale scale = Scale::kRegion;
  std::uint64_t seed = 1;
  // The snapshot day (children looked after "on 31 March"); the year of
  // flows (starts, changes, ceasing) is the 12 months ending on it.
  Date as_at = Date(2025, 3, 31);
  // Region scale: which RCC of RccPlan() to generate (default: the Greater
  // Manchester pathfinder).
  std::string rcc = "NW-GM";
  // Called as work proceeds: a stage name, units done, units in the stage.
  std::function<void(std::string_view stage, std::int64_t done, std::int64_t total)> progress;
};

struct GenerateSummary {
  int regions = 0;
  int councils = 0;
  int rccs = 0;
  int providers = 0;
  int homes = 0;
  int places = 0;
  int vacancies = 0;
  int children = 0;          // every child record, including those who left care
  int children_in_care = 0;  // looked after on as_at
  int placements = 0;
  int contracts = 0;
  int open_referrals = 0;
};

// Synthetic England in memory, before it is written to a store. Ids are
// local: a record's id is its index in its vector plus one, and every
// reference uses those ids, so the whole is consistent without a store.
struct England {
  std::vector<Region> regions;
  std::vector<Council> councils;
  std::vector<Rcc> rccs;
  std::vector<ProviderGroup> groups;  // parents may come after the groups they own
  std::vector<Provider> providers;
  std::vector<Home> homes;
  std::vector<Vacancy> vacancies;
  std::vector<Child> children;
  std::vector<Framework> frameworks;  // each RCC's framework and DPS, before the contracts
  std::vector<Contract> contracts;
  std::vector<Placement> placements;
  std::vector<Referral> referrals;
  std::vector<BudgetLine> budget_lines;  // financial year 2024 (April 2024 - March 2025)
  std::vector<CarerApplication> carer_applications;  // councils' own fostering services
  std::vector<FinancialReturn> financial_returns;    // each operating group's, year to as_at
};

// Builds synthetic England in memory (what Generate() writes), for
// benchmarks and tests that need data without a store.
Result<England> BuildEngland(const GenerateOptions& options);

// Reads every record of `store` back into the England shape, in one read
// transaction (ids as the store gave them).
Result<England> ReadEngland(store::Store& store);

// Generates into `store`, which must be empty (InvalidArgument "store"
// otherwise), in one transaction: on any error nothing is written.
Result<GenerateSummary> Generate(store::Store& store, const GenerateOptions& options);

}  // namespace carecoop::synth

#endif  // CARECOOP_SYNTH_GENERATOR_H_
