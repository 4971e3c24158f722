#include "cli/match_commands.h"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "api/ranking_json.h"
#include "cli/fail.h"

namespace carecoop::cli {
namespace {

using api::MetricsJson;
using api::OutcomeName;
using api::PlanJson;
using api::UnplacedReason;
using nlohmann::json;

std::string Fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string Percent(double share) { return Fixed(100 * share, 1) + "%"; }

Result<std::unique_ptr<store::Store>> OpenStore(const MatchArgs& args, Date* as_at) {
  CC_ASSIGN_OR_RETURN(*as_at, Date::ParseIso(args.as_at, "as-at"));
  return store::Store::Open(args.store_url);
}

}  // namespace

int MatchRank(const MatchArgs& args, std::int64_t referral, int top, std::ostream& out,
              std::ostream& err) {
  Date as_at;
  auto store = OpenStore(args, &as_at);
  if (!store.ok()) return Fail(err, store.status());
  auto ranked =
      services::RankReferral(**store, ReferralId(referral), as_at, top, match::DefaultPolicy());
  if (!ranked.ok()) return Fail(err, ranked.status());
  const match::Ranking& k = ranked->ranking;
  if (args.json) {
    json result = api::RankingJson(*ranked, match::DefaultPolicy());
    out << result.dump(2) << "\n";
    return 0;
  }
  out << "Referral " << referral << " (" << ranked->council << ", "
      << (ranked->needs.places > 1 ? std::to_string(ranked->needs.places) + " siblings together, "
                                   : "")
      << "needed " << EnumLabel(ranked->referral.needed_by) << "): " << k.feasible << " of "
      << ranked->homes_considered << " homes with a free place meet every requirement\n";
  for (std::size_t i = 0; i < k.options.size(); ++i) {
    const match::Option& o = k.options[i];
    const services::HomeInfo& h = ranked->option_homes[i];
    out << "  " << (i + 1) << ". " << h.name << " (home " << h.id.value() << ", " << h.council
        << ")  score " << Fixed(static_cast<double>(o.cost) / 100, 1) << "\n"
        << "     " << o.explanation << "\n     ";
    for (int f = 0; f < match::kFactorCount; ++f) {
      double v = o.points[static_cast<std::size_t>(f)];
      if (v == 0) continue;
      out << match::FactorName(static_cast<match::Factor>(f)) << " " << Fixed(v, 1) << "  ";
    }
    out << "\n";
  }
  if (k.options.empty()) out << "  No home can meet every requirement now.\n";
  auto sentences = k.excluded.Sentences();
  if (!sentences.empty()) {
    out << "Excluded:\n";
    for (const auto& s : sentences) out << "  " << s << "\n";
  }
  out << "Lower score is better (policy version " << match::DefaultPolicy().version
      << ", docs/matching.md).\n";
  return 0;
}

int MatchAssign(const MatchArgs& args, const std::string& rcc, const std::string& policy_text,
                std::ostream& out, std::ostream& err) {
  auto policy = services::ParseSourcingPolicy(policy_text);
  if (!policy.ok()) return Fail(err, policy.status());
  Date as_at;
  auto store = OpenStore(args, &as_at);
  if (!store.ok()) return Fail(err, store.status());
  auto plan = services::PlanRegion(**store, rcc, *policy, as_at, match::DefaultPolicy());
  if (!plan.ok()) return Fail(err, plan.status());
  if (args.json) {
    out << PlanJson(*plan).dump(2) << "\n";
    return 0;
  }
  const match::PlanMetrics& m = plan->metrics;
  out << plan->rcc.name << ": " << services::SourcingPolicyName(plan->policy) << " placement of "
      << m.referrals << " open referrals (" << m.children << " children): " << m.children_placed
      << " placed; " << OutcomeName(plan->assignment.outcome) << "\n";
  if (plan->assignment.outcome == match::AssignOutcome::kFeasible)
    out << "  (bound: at most " << plan->assignment.bound_weighted
        << " urgency-weighted children could be placed; this plan places "
        << plan->assignment.weighted_placed << ")\n";
  for (std::size_t r = 0; r < plan->referrals.size(); ++r) {
    out << "  referral " << plan->referrals[r].id.value() << " (" << plan->councils[r];
    if (plan->needs[r].places > 1) out << ", " << plan->needs[r].places << " siblings";
    out << "): ";
    if (plan->placed_in[r])
      out << plan->placed_in[r]->name << " (home " << plan->placed_in[r]->id.value() << ") - "
          << plan->assignment.explanation[r] << "\n";
    else
      out << "not placed: " << UnplacedReason(plan->assignment.why_unplaced[r]) << "\n";
  }
  return 0;
}

int MatchCompare(const MatchArgs& args, const std::string& rcc, std::ostream& out,
                 std::ostream& err) {
  Date as_at;
  auto store = OpenStore(args, &as_at);
  if (!store.ok()) return Fail(err, store.status());
  auto cmp = services::ComparePolicies(**store, rcc, as_at, match::DefaultPolicy());
  if (!cmp.ok()) return Fail(err, cmp.status());
  const match::PlanMetrics& a = cmp->needs_led.metrics;
  const match::PlanMetrics& b = cmp->sequential.metrics;
  if (args.json) {
    json result = {{"rcc", cmp->needs_led.rcc.code},
                   {"needs_led", MetricsJson(a)},
                   {"sequential", MetricsJson(b)}};
    out << result.dump(2) << "\n";
    return 0;
  }
  char line[160];
  auto row = [&](const char* label, const std::string& x, const std::string& y) {
    std::snprintf(line, sizeof line, "  %-40s %14s %14s\n", label, x.c_str(), y.c_str());
    out << line;
  };
  out << cmp->needs_led.rcc.name << ": " << a.referrals << " open referrals (" << a.children
      << " children), the same homes, two sourcing policies\n";
  row("", "needs-led", "sequential");
  row("children placed", std::to_string(a.children_placed), std::to_string(b.children_placed));
  row("mean distance from family", Fixed(a.mean_family_km, 1) + " km",
      Fixed(b.mean_family_km, 1) + " km");
  row("90th percentile distance from family", Fixed(a.p90_family_km, 1) + " km",
      Fixed(b.p90_family_km, 1) + " km");
  row("placed over 20 miles from family", Percent(a.share_over_20_miles),
      Percent(b.share_over_20_miles));
  row("placed outside their council", Percent(a.share_outside_council),
      Percent(b.share_outside_council));
  row("needs fully met", Percent(a.share_needs_fully_met), Percent(b.share_needs_fully_met));
  row("weekly cost", a.weekly_cost.ToPoundsString(), b.weekly_cost.ToPoundsString());
  out << "Shares are of children placed; \"needs fully met\": a preferred setting, every wish met "
         "and, in school, the school in reach (docs/matching.md).\n";
  return 0;
}

}  // namespace carecoop::cli
