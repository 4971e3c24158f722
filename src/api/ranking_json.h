// The JSON of one referral's ranked options, shared by the API
// (GET /api/referrals/{id}/options) and `carecoop match rank --json`.
#ifndef CARECOOP_API_RANKING_JSON_H_
#define CARECOOP_API_RANKING_JSON_H_

#include <nlohmann/json.hpp>

#include "services/matching.h"

namespace carecoop::api {

nlohmann::json HomeJson(const services::HomeInfo& h);
nlohmann::json FactorsJson(const match::Option& o);
nlohmann::json RankingJson(const services::RankedReferral& ranked,
                           const match::MatchPolicy& policy);

}  // namespace carecoop::api

#endif  // CARECOOP_API_RANKING_JSON_H_
