// Each RCC's published sufficiency strategy (docs/national.md, "Published
// sufficiency strategy"): the gap between the homes its children will need
// and the places it has, by kind of home and age, now and at 12 and 24
// months with the forecast's 95% band, and where its children are placed
// far from home, by council: a readable page and a CSV anyone signed in may
// read, as councils publish their sufficiency duty statements today.
//
// Model. The input is the RCC's sufficiency as published
// (forecast::SufficiencyJson with small numbers suppressed: counts of
// children from 1 to 4 are null, and secondary suppression hides what
// would give them away; a hidden need hides its gap). These functions only
// lay it out: they publish nothing the JSON does not, and a null stays
// "suppressed" (never 0). Rows are ordered by the gap at 12 months, largest
// first (then the row's order), so the page opens on where homes are most
// needed; the category Other (placed with parents, independent living,
// custody: no kind of home to commission, so no gap) is left out.
//
// Method and complexity: one pass over the rows and councils, O(rows +
// councils) with the sort. Pure.
//
// References: Children Act 1989 s.22G (the sufficiency duty) and the DfE's
// statutory guidance on securing sufficient accommodation (2010); DfE,
// "Children looked after in England" (suppression of counts of 1 to 4).
#ifndef CARECOOP_NATIONAL_SUFFICIENCY_STRATEGY_H_
#define CARECOOP_NATIONAL_SUFFICIENCY_STRATEGY_H_

#include <nlohmann/json.hpp>
#include <string>

#include "core/date.h"

namespace carecoop::national {

// CSV, one row a figure: rcc,rcc_name,as_of,section,category,age_band,
// council,measure,value,lower95,upper95 (value empty where suppressed).
std::string SufficiencyStrategyCsv(const nlohmann::json& published);

// One HTML page that reads offline (styles inline, no script, nothing
// fetched), every text escaped.
std::string SufficiencyStrategyHtml(const nlohmann::json& published, Date produced);

}  // namespace carecoop::national

#endif  // CARECOOP_NATIONAL_SUFFICIENCY_STRATEGY_H_
