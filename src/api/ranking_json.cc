#include "api/ranking_json.h"

namespace carecoop::api {

using nlohmann::json;

json FactorsJson(const match::Option& o) {
  json f = json::object();
  for (int i = 0; i < match::kFactorCount; ++i)
    f[std::string(match::FactorName(static_cast<match::Factor>(i)))] =
        o.points[static_cast<std::size_t>(i)];
  return f;
}

json HomeJson(const services::HomeInfo& h) {
  return {{"id", h.id.value()},
          {"name", h.name},
          {"setting", std::string(EnumCode(h.setting))},
          {"council", h.council},
          {"lat", h.location.lat},
          {"lon", h.location.lon}};
}

json RankingJson(const services::RankedReferral& ranked, const match::MatchPolicy& policy) {
  const match::Ranking& k = ranked.ranking;
  json options = json::array();
  for (std::size_t i = 0; i < k.options.size(); ++i) {
    const match::Option& o = k.options[i];
    options.push_back({{"rank", i + 1},
                       {"home", HomeJson(ranked.option_homes[i])},
                       {"cost", static_cast<double>(o.cost) / 100},
                       {"factors", FactorsJson(o)},
                       {"weekly_fee_pence", o.weekly_fee.value()},
                       {"explanation", o.explanation}});
  }
  return {{"referral", ranked.referral.id.value()},
          {"child_council", ranked.council},
          {"policy_version", policy.version},
          {"homes_considered", ranked.homes_considered},
          {"feasible", k.feasible},
          {"options", std::move(options)},
          {"excluded", k.excluded.Sentences()}};
}

}  // namespace carecoop::api
