// The JSON of one referral's ranked options, shared by the API
// (GET /api/referrals/{id}/options) and `carecoop match rank --json`, and of
// a region-wide assignment plan.
#ifndef CARECOOP_API_RANKING_JSON_H_
#define CARECOOP_API_RANKING_JSON_H_

#include <nlohmann/json.hpp>

#include "services/matching.h"

namespace carecoop::api {

nlohmann::json HomeJson(const services::HomeInfo& h);
nlohmann::json FactorsJson(const match::Option& o);
nlohmann::json RankingJson(const services::RankedReferral& ranked,
                           const match::MatchPolicy& policy);

// Region-wide assignment (GET /api/assignment, `carecoop match assign --json`).
std::string UnplacedReason(match::Unplaced u);  // in words
std::string_view UnplacedCode(match::Unplaced u);
std::string_view OutcomeName(match::AssignOutcome o);
nlohmann::json MetricsJson(const match::PlanMetrics& m);
nlohmann::json PlanJson(const services::RegionPlan& p);

}  // namespace carecoop::api

#endif  // CARECOOP_API_RANKING_JSON_H_
