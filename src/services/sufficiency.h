// Sufficiency from the store: an RCC's forecast need against the homes in
// its area, and where its children are placed far from home (the method is
// forecast/sufficiency.h's). Workflow::Sufficiency is the authorised way in;
// this is the reading behind it and behind `carecoop sufficiency`.
#ifndef CARECOOP_SERVICES_SUFFICIENCY_H_
#define CARECOOP_SERVICES_SUFFICIENCY_H_

#include "core/date.h"
#include "domain/rcc.h"
#include "forecast/sufficiency.h"
#include "store/store.h"

namespace carecoop::services {

// The RCC's sufficiency. The forecast runs on its councils' returns (imported
// rows and placements) from the latest date in them, rates measured over the
// year before; `fallback_today` is "now" when the RCC has no episodes. An RCC
// whose data cannot carry a forecast (no episode ended in that year) still
// gets its supply, its need now and its distances, with the reason.
Result<forecast::Sufficiency> LoadSufficiency(store::Tx& tx, const Rcc& rcc, Date fallback_today);

}  // namespace carecoop::services

#endif  // CARECOOP_SERVICES_SUFFICIENCY_H_
