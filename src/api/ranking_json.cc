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

// Each wish the child chose, and whether this option meets it.
json WishesJson(const ChildWishSet& wishes, const match::Option& o) {
  json a = json::array();
  for (ChildWish w : wishes.Values())
    a.push_back({{"wish", std::string(EnumCode(w))},
                 {"label", std::string(EnumLabel(w))},
                 {"met", !o.wishes_unmet.Has(w)}});
  return a;
}

// docs/matching.md, "Cost": where an option's weekly fee comes from.
const char* FeeSourceCode(match::FeeSource s) {
  switch (s) {
    case match::FeeSource::kContract:
      return "contract";
    case match::FeeSource::kUnitCost:
      return "in_house_unit_cost";
    case match::FeeSource::kPlacements:
      return "placements_mean";
    case match::FeeSource::kFairPrice:
      return "fair_price_estimate";
  }
  return "contract";
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
                       {"route", o.route ? json(EnumCode(*o.route)) : json(nullptr)},
                       {"national_contract", o.national},
                       {"fee_source", FeeSourceCode(o.fee_source)},
                       {"child_wishes", WishesJson(ranked.referral.child_wishes, o)},
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

std::string UnplacedReason(match::Unplaced u) {
  switch (u) {
    case match::Unplaced::kNoFeasibleHome:
      return "no home with a free place meets every requirement";
    case match::Unplaced::kLostToHigherPriority:
      return "the homes that could meet every requirement went to children placed first";
    case match::Unplaced::kPlaced:
      break;
  }
  return "placed";
}

std::string_view UnplacedCode(match::Unplaced u) {
  return u == match::Unplaced::kNoFeasibleHome         ? "no_feasible_home"
         : u == match::Unplaced::kLostToHigherPriority ? "lost_to_higher_priority"
                                                       : "placed";
}

std::string_view OutcomeName(match::AssignOutcome o) {
  switch (o) {
    case match::AssignOutcome::kOptimal:
      return "optimal";
    case match::AssignOutcome::kFeasible:
      return "best found, optimality not proved";
    case match::AssignOutcome::kGreedy:
      return "sequential sourcing, no optimality claimed";
    case match::AssignOutcome::kInvalid:
      break;
  }
  return "invalid";
}

json MetricsJson(const match::PlanMetrics& m) {
  return {{"referrals", m.referrals},
          {"children", m.children},
          {"children_placed", m.children_placed},
          {"mean_distance_from_family_km", m.mean_family_km},
          {"p90_distance_from_family_km", m.p90_family_km},
          {"share_over_20_miles", m.share_over_20_miles},
          {"share_outside_council", m.share_outside_council},
          {"share_needs_fully_met", m.share_needs_fully_met},
          {"weekly_cost_pence", m.weekly_cost.value()}};
}

json PlanJson(const services::RegionPlan& p) {
  json rows = json::array();
  for (std::size_t r = 0; r < p.referrals.size(); ++r) {
    json row = {{"referral", p.referrals[r].id.value()},
                {"child_council", p.councils[r]},
                {"children", p.needs[r].places},
                {"needed_by", std::string(EnumCode(p.referrals[r].needed_by))},
                {"status", std::string(EnumCode(p.referrals[r].status))}};
    if (p.placed_in[r]) {
      row["home"] = HomeJson(*p.placed_in[r]);
      row["explanation"] = p.assignment.explanation[r];
    } else {
      row["home"] = nullptr;
      row["unplaced_reason"] = std::string(UnplacedCode(p.assignment.why_unplaced[r]));
    }
    rows.push_back(std::move(row));
  }
  json out = {{"rcc", p.rcc.code},
              {"policy", std::string(services::SourcingPolicyName(p.policy))},
              {"outcome", std::string(OutcomeName(p.assignment.outcome))},
              {"metrics", MetricsJson(p.metrics)},
              {"referrals", std::move(rows)}};
  if (p.assignment.outcome == match::AssignOutcome::kFeasible)
    out["bound"] = {{"weighted_children", p.assignment.bound_weighted},
                    {"cost", p.assignment.bound_cost}};
  return out;
}

}  // namespace carecoop::api
