// Stages 4 to 6 of the workflow: the hub proposes one offer, an independent
// scrutiny officer approves it or sends it back, and approval books the
// place once (services/booking.h). An emergency is booked when proposed and
// scrutinised within the scrutiny window (services/workflow.h).
#include <algorithm>

#include "domain/validate.h"
#include "services/booking.h"
#include "services/step.h"
#include "services/workflow.h"

namespace carecoop::services {
namespace {

using validate::Blank;

}  // namespace

Result<Offer> Workflow::RecordChildView(const Principal& who, OfferId id, ChildView view,
                                        std::string why) {
  Offer out;
  Step step = Step::OnRecord(policy_, who, Now(), "offer", "record_view");
  CC_RETURN_IF_ERROR(step.Admit(store_));
  if (!IsKnownEnumValue(view) || view == ChildView::kNotRecorded)
    return InvalidArgument("view", "must be one of wants, doesnt_mind, doesnt_want");
  if (Blank(why)) return InvalidArgument("why", "say why, in the child's words where you can");
  CC_RETURN_IF_ERROR(validate::NonEmpty("why", why, validate::kMaxLongText));
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kAudited, [&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(Offer o, step.Fetch(tx, id));
    const OfferStatus status = StatusAt(o, step.now());
    if (status != OfferStatus::kOffered && status != OfferStatus::kProposed)
      return Conflict("offer " + std::to_string(id.value()) + " is " +
                          std::string(EnumLabel(status)) +
                          ": the child's view is recorded for an "
                          "open offer",
                      "status");
    std::string before = RecordDigest(o);
    o.child_view = view;
    o.child_view_why = why;
    CC_RETURN_IF_ERROR(tx.Update(o));
    out = o;
    return step.Audit(tx, "offer", id.value(), before, RecordDigest(o));
  }));
  return out;
}

Result<ProposalOutcome> Workflow::Propose(const Principal& who, ReferralId id, OfferId offer_id,
                                          std::string child_views, std::string reason_not_top,
                                          std::string reason_against_child_view) {
  Step step = Step::OnRecord(policy_, who, Now(), "proposal", "create");
  CC_RETURN_IF_ERROR(step.Admit(store_));
  const Timestamp now = step.now();
  CC_ASSIGN_OR_RETURN(auto world, worlds_.Get(store_, Date::FromTimestamp(now)));
  ProposalOutcome out;
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kBooking, [&](store::Tx& tx) -> Status {
    out = {};
    CC_ASSIGN_OR_RETURN(Referral r, step.Fetch(tx, id));
    if (r.status != ReferralStatus::kSentToProviders)
      return Conflict(
          "the referral is " + std::string(EnumLabel(r.status)) +
              ": a proposal is made once it has been sent to providers and has no proposal pending",
          "status");
    auto offer = tx.Get<Offer>(offer_id);
    if (!offer.ok() || offer->referral != id)
      return InvalidArgument("offerId", "there is no offer " + std::to_string(offer_id.value()) +
                                            " for referral " + std::to_string(id.value()));
    const OfferStatus status = StatusAt(*offer, now);
    if (status == OfferStatus::kLapsed)
      return Conflict("offer " + std::to_string(offer_id.value()) + " lapsed at its deadline, " +
                          FormatTimestamp(offer->deadline) + ": ask the provider to offer again",
                      "offerId");
    if (status != OfferStatus::kOffered)
      return Conflict("offer " + std::to_string(offer_id.value()) + " is " +
                          std::string(EnumLabel(status)) + ", not an open offer",
                      "offerId");
    // The child's view of this home comes first (the reform: the child is
    // given the chance to say what they think of the options).
    if (offer->child_view == ChildView::kNotRecorded)
      return InvalidArgument("childView",
                             "record the child's view of this offer before proposing it");
    CC_ASSIGN_OR_RETURN(auto all_offers, tx.ListBy<Offer>(id));
    bool wants_another = false;
    for (const Offer& o : all_offers)
      if (o.id != offer_id && IsLive(o, now) && o.child_view == ChildView::kWants)
        wants_another = true;
    const bool against_child = offer->child_view == ChildView::kDoesNotWant ||
                               (wants_another && offer->child_view != ChildView::kWants);
    if (Blank(child_views))
      child_views = std::string(EnumLabel(offer->child_view)) + ": " + offer->child_view_why;
    CC_ASSIGN_OR_RETURN(Child child, tx.Get<Child>(r.child));
    // The offer's place in the ranking; a home the engine does not rank
    // (no longer eligible today) comes after every ranked one.
    auto size = static_cast<int>(std::max<std::size_t>(1, world->snapshot.size()));
    CC_ASSIGN_OR_RETURN(auto ranked, RankInWorld(*world, r, child, size, options_.match_policy));
    int rank = static_cast<int>(ranked.ranking.options.size()) + 1;
    for (std::size_t i = 0; i < ranked.ranking.options.size(); ++i)
      if (ranked.ranking.options[i].home_id == offer->home) {
        rank = static_cast<int>(i) + 1;
        break;
      }
    Proposal p;
    p.referral = id;
    p.offer = offer_id;
    p.proposed_by = who.username;
    p.child_views = child_views;
    p.rank = rank;
    p.reason_not_top = reason_not_top;
    p.created_at = now;
    if (Blank(p.child_views))
      return InvalidArgument("childViews", "record the child's views on this option");
    if (p.rank > 1 && Blank(p.reason_not_top))
      return InvalidArgument("reasonNotTop", "this option is ranked " + std::to_string(p.rank) +
                                                 ": say why the top-ranked option is not proposed");
    if (against_child && Blank(reason_against_child_view))
      return InvalidArgument(
          "reasonAgainstChildView",
          offer->child_view == ChildView::kDoesNotWant
              ? "the child does not want this home: say why it is proposed all the same"
              : "the child wants another offered home: say why this one is proposed");
    p.reason_against_child_view = against_child ? reason_against_child_view : "";
    CC_ASSIGN_OR_RETURN(p.id, tx.Create(p));
    p.version = 1;
    std::string before = RecordDigest(r);
    Offer o = *offer;
    o.status = OfferStatus::kProposed;
    r.status = ReferralStatus::kProposed;
    std::string placed;
    if (r.needed_by == NeededBy::kToday) {
      // An emergency: booked now, scrutinised within the scrutiny window.
      CC_ASSIGN_OR_RETURN(Booking b, Book(tx, options_, now, r, o, /*emergency=*/true));
      o.status = OfferStatus::kAccepted;
      out.placement = b.placement;
      placed = b.digest;
    }
    CC_RETURN_IF_ERROR(tx.Update(o));
    CC_RETURN_IF_ERROR(tx.Update(r));
    out.proposal = p;
    return step.Audit(tx, "proposal", p.id.value(), before,
                      Combined({RecordDigest(p), RecordDigest(r), placed}));
  }));
  if (out.placement) worlds_.Invalidate();
  return out;
}

Result<Proposal> Workflow::GetProposal(const Principal& who, ProposalId id) {
  return ReadInScope(store_, policy_, who, Now(), id);
}

Result<std::vector<Proposal>> Workflow::ListProposals(const Principal& who,
                                                      std::optional<ProposalStatus> status) {
  return ListInScope<Proposal>(store_, policy_, who, Now(), "proposal",
                               [&](const Proposal& p) { return !status || p.status == *status; });
}

Result<DecisionOutcome> Workflow::Decide(const Principal& who, ProposalId id,
                                         ScrutinyOutcome outcome, std::string reasons) {
  Step step = Step::OnRecord(policy_, who, Now(), "proposal", "decide");
  CC_RETURN_IF_ERROR(step.Admit(store_));
  if (!IsKnownEnumValue(outcome))
    return InvalidArgument("outcome", "must be one of " + EnumCodeList<ScrutinyOutcome>());
  const Timestamp now = step.now();
  DecisionOutcome out;
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kBooking, [&](store::Tx& tx) -> Status {
    out = {};
    CC_ASSIGN_OR_RETURN(Proposal p, step.Fetch(tx, id));
    CC_ASSIGN_OR_RETURN(Referral r, tx.Get<Referral>(p.referral));
    if (p.status != ProposalStatus::kAwaitingScrutiny)
      return Conflict("this proposal was already " + std::string(EnumLabel(p.status)), "status");
    if (p.proposed_by == who.username)
      return PermissionDenied("scrutiny is independent: the officer who proposed may not decide");
    if (outcome == ScrutinyOutcome::kSentBack && Blank(reasons))
      return InvalidArgument("reasons", "say why the proposal is sent back");
    ScrutinyDecision d;
    d.proposal = id;
    d.officer = who.username;
    d.outcome = outcome;
    d.reasons = reasons;
    d.decided_at = now;
    std::string before = Combined({RecordDigest(p), RecordDigest(r)});
    // The proposal first: a second decision on it waits here and then finds it changed.
    p.status = outcome == ScrutinyOutcome::kApproved ? ProposalStatus::kApproved
                                                     : ProposalStatus::kSentBack;
    CC_RETURN_IF_ERROR(tx.Update(p));
    CC_ASSIGN_OR_RETURN(d.id, tx.Create(d));
    d.version = 1;
    CC_ASSIGN_OR_RETURN(Offer o, tx.Get<Offer>(p.offer));
    bool emergency_placed = r.status == ReferralStatus::kPlaced;
    std::string placed;
    if (!emergency_placed) {
      if (outcome == ScrutinyOutcome::kApproved) {
        CC_ASSIGN_OR_RETURN(Booking b, Book(tx, options_, now, r, o, /*emergency=*/false));
        o.status = OfferStatus::kAccepted;
        out.placement = b.placement;
        placed = b.digest;
      } else {
        o.status = OfferStatus::kOffered;  // it may be proposed again, or another one
        r.status = ReferralStatus::kSentToProviders;
      }
      CC_RETURN_IF_ERROR(tx.Update(o));
      CC_RETURN_IF_ERROR(tx.Update(r));
    }
    out.proposal = p;
    out.decision = d;
    return step.Audit(tx, "proposal", id.value(), before,
                      Combined({RecordDigest(p), RecordDigest(d), RecordDigest(r), placed}));
  }));
  if (out.placement) worlds_.Invalidate();
  return out;
}

Result<std::vector<OverdueScrutiny>> Workflow::OverdueScrutinies(const Principal& who) {
  std::vector<OverdueScrutiny> out;
  Step step = Step::OnCollection(policy_, who, Now(), "overdue_scrutiny", "list");
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kRead, [&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(store::Scope scope, ListScope(who));
    CC_ASSIGN_OR_RETURN(auto proposals, tx.List<Proposal>(scope));
    for (const Proposal& p : proposals) {
      if (p.status != ProposalStatus::kAwaitingScrutiny) continue;
      Timestamp due = p.created_at + options_.scrutiny_window;
      if (due >= step.now()) continue;
      CC_ASSIGN_OR_RETURN(auto placements, tx.ListBy<Placement>(p.referral));
      for (const Placement& pl : placements)
        if (pl.emergency) out.push_back({p, pl, due});
    }
    return Status::Ok();
  }));
  return out;
}

}  // namespace carecoop::services
