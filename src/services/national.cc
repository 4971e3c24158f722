// The national layer's views of the workflow: each RCC's activity as counts,
// with small numbers suppressed, and an RCC's sufficiency (services/workflow.h).
#include "services/step.h"
#include "services/sufficiency.h"
#include "services/workflow.h"
#include "store/aggregates.h"

namespace carecoop::services {
namespace {

// A count, or nothing when it is under the small-number threshold.
std::optional<std::int64_t> SuppressSmall(std::int64_t n) {
  if (n < kSmallNumber) return std::nullopt;
  return n;
}

}  // namespace

Result<std::vector<NationalRow>> Workflow::National(const Principal& who) {
  std::vector<NationalRow> out;
  Step step = Step::OnCollection(policy_, who, Now(), "national", "read");
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kRead, [&](store::Tx& tx) -> Status {
    out.clear();
    CC_ASSIGN_OR_RETURN(auto rccs, tx.List<Rcc>());
    CC_ASSIGN_OR_RETURN(auto activity, store::ActivityByRcc(tx));
    for (const Rcc& r : rccs) {
      NationalRow row{r.id, r.code, r.name, {}, {}, {}, {}};
      auto it = activity.find(r.id);
      if (it != activity.end()) {
        const store::RccActivity& a = it->second;
        if (a.open_referrals > 0) row.open_referrals = SuppressSmall(a.open_referrals);
        if (a.current_placements > 0) {
          row.current_placements = SuppressSmall(a.current_placements);
          row.emergency_placements = SuppressSmall(a.emergency_placements);
          if (a.current_placements >= kSmallNumber)
            row.mean_weekly_fee = Pence(a.weekly_fee_sum / a.current_placements);
        }
      }
      out.push_back(std::move(row));
    }
    return Status::Ok();
  }));
  return out;
}

Result<forecast::Sufficiency> Workflow::ReadSufficiency(const Principal& who, RccId id,
                                                        const char* resource, bool suppressed) {
  forecast::Sufficiency out;
  Step step = Step::OnRecord(policy_, who, Now(), resource, "read");
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kRead, [&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(Rcc rcc, step.Fetch(tx, id));
    CC_ASSIGN_OR_RETURN(out, LoadSufficiency(tx, rcc, Today()));
    return Status::Ok();
  }));
  if (suppressed) out.suppress_below = static_cast<int>(kSmallNumber);
  return out;
}

Result<forecast::Sufficiency> Workflow::Sufficiency(const Principal& who, RccId id) {
  return ReadSufficiency(who, id, "sufficiency", who.role == Role::kNationalAnalyst);
}

Result<std::vector<Rcc>> Workflow::ListRccs(const Principal& who) {
  std::vector<Rcc> out;
  Step step = Step::OnCollection(policy_, who, Now(), "rcc", "list");
  CC_RETURN_IF_ERROR(step.Admit(store_));
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kRead, [&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(out, tx.List<Rcc>());
    return Status::Ok();
  }));
  return out;
}

Result<forecast::Sufficiency> Workflow::SufficiencyStrategy(const Principal& who, RccId id) {
  return ReadSufficiency(who, id, "sufficiency_strategy", true);  // published: for everyone alike
}

}  // namespace carecoop::services
