// SSDA903 returns in the store: importing a council's return (all or
// nothing, audited) and reading a council's return back, made of the rows it
// imported and of episodes derived from the store's placements (synthetic
// England's histories, and placements booked through the hub).
#ifndef CARECOOP_SERVICES_SSDA903_STORE_H_
#define CARECOOP_SERVICES_SSDA903_STORE_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/council.h"
#include "io/ssda903_return.h"
#include "store/store.h"

namespace carecoop::services {

struct ImportSummary {
  std::vector<std::pair<std::string, int>> returns;  // (council name, year) stored
  std::size_t headers = 0, episodes = 0, uasc = 0, dolo = 0;
};

// Stores `r`. Rows go to `council_code` (ONS or DfE LA code); rows with an
// LA column (pooled files) go to the council that LA names (by name, ONS or
// DfE code) and, when `council_code` is given too, must all name it. A
// council and year already stored is a Conflict unless `replace`, which
// replaces that return whole. One transaction: on any error nothing changes.
// The audit records' time is env's.
Result<ImportSummary> ImportReturn(store::Store& store, const ssda903::Return& r,
                                   std::string_view council_code, bool replace,
                                   std::string_view actor, Env& env = Env::Default());

// What LoadReturn fills in the episodes it derives from placements: every
// field (an export), or what the forecast reads (no URNs or postcodes, so
// no lookup of the homes). The episodes are the same either way.
enum class ReturnDetail { kFull, kForecast };

// The council's return: for collection year `year` (1 April to 31 March),
// or every year when unset. Imported rows come as stored; episodes derived
// from placements follow the DfE's code lists and cross-field rules
// (docs/ssda903.md); from 2026-27 (year 2027) the DoLO table holds the
// register's deprivation of liberty orders in force in the year.
Result<ssda903::Return> LoadReturn(store::Tx& tx, const Council& council, std::optional<int> year,
                                   ReturnDetail detail = ReturnDetail::kFull);

// The returns of several councils together, every row's LA set to its
// council's ONS code (children are told apart by council: their ids are only
// unique within one): the input for an RCC's or a national forecast.
Result<ssda903::Return> LoadReturns(store::Tx& tx, const std::vector<Council>& councils);

// The council with this ONS code, DfE LA code or name.
Result<Council> ResolveCouncil(store::Tx& tx, std::string_view code_or_name);

}  // namespace carecoop::services

#endif  // CARECOOP_SERVICES_SSDA903_STORE_H_
