// Stage 1 of the workflow: a social worker writes, edits and submits a
// referral for a child of their council (services/workflow.h).
#include <map>

#include "domain/validate.h"
#include "services/step.h"
#include "services/workflow.h"
#include "store/audit_log.h"

namespace carecoop::services {

Result<Referral> Workflow::CreateReferral(const Principal& who, Referral draft) {
  Referral out;
  Step step = Step::OnRecord(policy_, who, Now(), "referral", "create");
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kAudited, [&](store::Tx& tx) -> Status {
    // A child outside the person's scope is answered as a missing one.
    auto no_child = InvalidArgument(
        "childId", "there is no child with id " + std::to_string(draft.child.value()));
    auto child = tx.Get<Child>(draft.child);
    if (!child.ok())
      return child.status().code() == StatusCode::kNotFound ? no_child : child.status();
    CC_ASSIGN_OR_RETURN(Relation rel, ToCouncil(tx, who, child->council));
    if (rel == Relation::kOther) return no_child;
    CC_RETURN_IF_ERROR(step.Allow(rel, "child"));
    draft.council = child->council;
    draft.status = ReferralStatus::kDraft;
    draft.created_at = step.now();
    draft.actual_placement.reset();
    CC_ASSIGN_OR_RETURN(ReferralId id, tx.Create(draft));
    CC_ASSIGN_OR_RETURN(out, tx.Get<Referral>(id));
    return step.Audit(tx, "referral", id.value(), "", RecordDigest(out));
  }));
  return out;
}

Result<Referral> Workflow::UpdateReferral(const Principal& who, ReferralId id, std::int64_t version,
                                          const std::function<Status(Referral&)>& edit) {
  Referral out;
  Step step = Step::OnRecord(policy_, who, Now(), "referral", "update");
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kAudited, [&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(Referral before, step.Fetch(tx, id));
    if (before.status != ReferralStatus::kDraft && before.status != ReferralStatus::kOpen)
      return Conflict(
          "a referral that is " + std::string(EnumLabel(before.status)) + " cannot be edited",
          "status");
    Referral after = before;
    CC_RETURN_IF_ERROR(edit(after));
    if (after.child != before.child)
      return InvalidArgument("childId", "cannot be changed: write a new referral");
    after.id = before.id;
    after.version = version;  // Tx::Update refuses a stale version (Conflict naming "version")
    after.council = before.council;
    after.status = before.status;
    after.created_at = before.created_at;
    after.actual_placement = before.actual_placement;
    CC_RETURN_IF_ERROR(tx.Update(after));
    out = after;
    return step.Audit(tx, "referral", id.value(), RecordDigest(before), RecordDigest(after));
  }));
  return out;
}

Result<Referral> Workflow::SubmitReferral(const Principal& who, ReferralId id) {
  Referral out;
  Step step = Step::OnRecord(policy_, who, Now(), "referral", "submit");
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kAudited, [&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(Referral r, step.Fetch(tx, id));
    if (r.status != ReferralStatus::kDraft)
      return Conflict(
          "the referral is " + std::string(EnumLabel(r.status)) + ": only a draft is submitted",
          "status");
    std::string before = RecordDigest(r);
    r.status = ReferralStatus::kOpen;
    CC_RETURN_IF_ERROR(tx.Update(r));
    out = r;
    return step.Audit(tx, "referral", id.value(), before, RecordDigest(r));
  }));
  return out;
}

Result<Referral> Workflow::GetReferral(const Principal& who, ReferralId id) {
  return ReadInScope(store_, policy_, who, Now(), id);
}

Result<std::vector<Referral>> Workflow::ListReferrals(const Principal& who,
                                                      std::optional<ReferralStatus> status) {
  return ListInScope<Referral>(store_, policy_, who, Now(), "referral",
                               [&](const Referral& r) { return !status || r.status == *status; });
}

Result<Referral> Workflow::WithdrawReferral(const Principal& who, ReferralId id,
                                            std::string reason) {
  Referral out;
  Step step = Step::OnRecord(policy_, who, Now(), "referral", "withdraw");
  CC_RETURN_IF_ERROR(step.Admit(store_));
  if (validate::Blank(reason))
    return InvalidArgument("reason", "say why the referral is withdrawn");
  CC_RETURN_IF_ERROR(validate::NonEmpty("reason", reason, validate::kMaxLongText));
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kAudited, [&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(Referral r, step.Fetch(tx, id));
    if (r.status != ReferralStatus::kDraft && r.status != ReferralStatus::kOpen &&
        r.status != ReferralStatus::kSentToProviders)
      return Conflict("the referral is " + std::string(EnumLabel(r.status)) +
                          ": only a draft, open or sent referral is withdrawn (a proposal is "
                          "sent back by scrutiny, a placement is ended)",
                      "status");
    std::string before = RecordDigest(r);
    r.status = ReferralStatus::kWithdrawn;
    r.withdrawal_reason = reason;
    CC_RETURN_IF_ERROR(tx.Update(r));
    // Offers still open lapse with the referral: none can be proposed now.
    CC_ASSIGN_OR_RETURN(auto offers, tx.ListBy<Offer>(id));
    for (Offer& o : offers)
      if (o.status == OfferStatus::kOffered) {
        o.status = OfferStatus::kLapsed;
        CC_RETURN_IF_ERROR(tx.Update(o));
      }
    out = r;
    return step.Audit(tx, "referral", id.value(), before, RecordDigest(r));
  }));
  return out;
}

Result<std::vector<ChildEntry>> Workflow::Children(const Principal& who) {
  std::vector<ChildEntry> out;
  Step step = Step::OnCollection(policy_, who, Now(), "child", "list");
  const Date today = Date::FromTimestamp(step.now());
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kAudited, [&](store::Tx& tx) -> Status {
    out.clear();
    CC_ASSIGN_OR_RETURN(store::Scope scope, ListScope(who));
    CC_ASSIGN_OR_RETURN(auto children, tx.List<Child>(scope));
    CC_ASSIGN_OR_RETURN(auto referrals, tx.List<Referral>(scope));
    std::map<ChildId, Referral> in_progress;
    for (Referral& r : referrals)
      if (r.status != ReferralStatus::kPlaced && r.status != ReferralStatus::kWithdrawn)
        in_progress[r.child] = std::move(r);
    std::vector<Child> listed;
    for (Child& c : children) {
      if (c.care_ended && *c.care_ended <= today) continue;
      if (today < c.care_started) continue;
      ChildEntry e;
      e.age_years = AgeInYears(c.date_of_birth, today);
      if (auto it = in_progress.find(c.id); it != in_progress.end()) e.referral = it->second;
      listed.push_back(c);
      e.child = std::move(c);
      out.push_back(std::move(e));
    }
    return step.Audit(tx, "child", 0, "", DigestOfIds(listed));
  }));
  return out;
}

Result<std::vector<TimelineEntry>> Workflow::Timeline(const Principal& who, ReferralId id) {
  std::vector<TimelineEntry> out;
  Step step = Step::OnRecord(policy_, who, Now(), "referral", "read");
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kAudited, [&](store::Tx& tx) -> Status {
    out.clear();
    CC_ASSIGN_OR_RETURN(Referral r, step.Fetch(tx, id));
    std::vector<std::pair<std::string, std::int64_t>> about = {{"referral", id.value()}};
    CC_ASSIGN_OR_RETURN(auto offers, tx.ListBy<Offer>(id));
    for (const Offer& o : offers) about.emplace_back("offer", o.id.value());
    CC_ASSIGN_OR_RETURN(auto proposals, tx.ListBy<Proposal>(id));
    for (const Proposal& p : proposals) about.emplace_back("proposal", p.id.value());
    CC_ASSIGN_OR_RETURN(auto placements, tx.ListBy<Placement>(id));
    for (const Placement& p : placements) about.emplace_back("placement", p.id.value());
    CC_ASSIGN_OR_RETURN(auto records, store::ListAuditRecordsAbout(tx, about));
    // The steps that changed something: reads, lists and refusals are in
    // the trail, but are not steps of the referral's story.
    for (const auto& a : records) {
      if (a.after_digest.empty() || a.action.ends_with(".read") || a.action.ends_with(".denied") ||
          a.action.ends_with(".out_of_scope"))
        continue;
      out.push_back({a.at, a.actor, a.action, a.resource, a.resource_id});
    }
    return step.Audit(tx, "referral", id.value(), "", RecordDigest(r));
  }));
  return out;
}

}  // namespace carecoop::services
