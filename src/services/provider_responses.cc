// Stage 3 of the workflow: a provider sees the referrals sent to it,
// anonymised, and offers one of its homes or declines (services/workflow.h).
#include <algorithm>

#include "domain/validate.h"
#include "match/feasibility.h"
#include "services/step.h"
#include "services/workflow.h"
#include "store/referral_recipients.h"

namespace carecoop::services {
namespace {

// How long after a referral's latest start date an offer may still start.
constexpr int kOfferStartMarginDays = 28;

// The referral with the child's identity taken out: no child or council
// record, no officers' names, no points, only the places' labels.
Referral Scrub(Referral r) {
  r.child = ChildId(0);
  r.council = CouncilId(0);
  r.referral_officer_name.clear();
  r.placement_officer_name.clear();
  r.cost_officer_name.clear();
  r.actual_placement.reset();
  auto hide = [](NamedLocation& l) { l.point = {}; };
  if (r.primary_family_location) hide(*r.primary_family_location);
  if (r.school_location) hide(*r.school_location);
  for (auto& l : r.other_important_locations) hide(l);
  for (auto& l : r.locations_to_avoid) hide(l);
  return r;
}

// What `provider` sees of `r`: scrubbed, and its own eligible homes only.
Result<AnonymisedReferral> Anonymise(store::Tx& tx, const Referral& r, Timestamp closes, Date today,
                                     const MatchingWorld& world, const match::MatchPolicy& policy,
                                     ProviderId provider) {
  CC_ASSIGN_OR_RETURN(Child child, tx.Get<Child>(r.child));
  CC_ASSIGN_OR_RETURN(Council council, tx.Get<Council>(r.council));
  AnonymisedReferral a;
  a.referral = Scrub(r);
  a.age_years = AgeInYears(child.date_of_birth, today);
  a.sex = child.sex;
  a.area = council.name;
  a.offers_close = closes;
  auto needs = match::MakeNeeds(r, child, world.RccOf(r.council), world.snapshot);
  if (needs.ok()) {
    std::vector<std::int32_t> feasible;
    match::FeasibleHomes(*needs, world.snapshot, policy, feasible, nullptr);
    for (std::int32_t h : feasible)
      if (world.snapshot.provider[static_cast<std::size_t>(h)] == provider)
        a.eligible_homes.push_back(world.snapshot.id[static_cast<std::size_t>(h)]);
  }
  return a;
}

}  // namespace

Result<std::vector<AnonymisedReferral>> Workflow::ProviderReferrals(const Principal& who) {
  std::vector<AnonymisedReferral> out;
  Step step = Step::OnCollection(policy_, who, Now(), "provider_referral", "list");
  const Date today = Date::FromTimestamp(step.now());
  CC_ASSIGN_OR_RETURN(auto world, worlds_.Get(store_, today));
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kAudited, [&](store::Tx& tx) -> Status {
    out.clear();
    if (!who.provider)
      return PermissionDenied("only a provider's users see referrals sent to providers");
    CC_ASSIGN_OR_RETURN(auto sent, store::ReferralsSentTo(tx, *who.provider));
    std::vector<Referral> listed;
    for (const auto& [id, closes] : sent) {
      CC_ASSIGN_OR_RETURN(Referral r, tx.Get<Referral>(id));
      CC_ASSIGN_OR_RETURN(
          auto a, Anonymise(tx, r, closes, today, *world, options_.match_policy, *who.provider));
      out.push_back(std::move(a));
      listed.push_back(std::move(r));
    }
    return step.Audit(tx, "referral", 0, "", DigestOfIds(listed));
  }));
  return out;
}

Result<AnonymisedReferral> Workflow::ProviderReferral(const Principal& who, ReferralId id) {
  AnonymisedReferral out;
  Step step = Step::OnRecord(policy_, who, Now(), "provider_referral", "read");
  CC_RETURN_IF_ERROR(step.Admit(store_));
  const Date today = Date::FromTimestamp(step.now());
  CC_ASSIGN_OR_RETURN(auto world, worlds_.Get(store_, today));
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kAudited, [&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(Referral r, step.Fetch(tx, id));
    std::optional<Timestamp> closes;
    if (who.provider) {
      CC_ASSIGN_OR_RETURN(closes, store::RecipientDeadline(tx, id, *who.provider));
    }
    if (!closes)
      return PermissionDenied("only a provider the referral was sent to sees it anonymised");
    CC_ASSIGN_OR_RETURN(
        out, Anonymise(tx, r, *closes, today, *world, options_.match_policy, *who.provider));
    return step.Audit(tx, "referral", id.value(), "", RecordDigest(r));
  }));
  return out;
}

Result<Offer> Workflow::Respond(const Principal& who, ReferralId id, Offer response) {
  Offer out;
  Step step = Step::OnRecord(policy_, who, Now(), "offer", "create");
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kAudited, [&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(Referral r, step.Fetch(tx, id));
    std::optional<Timestamp> closes;
    if (who.provider) {
      CC_ASSIGN_OR_RETURN(closes, store::RecipientDeadline(tx, id, *who.provider));
    }
    if (!closes) return NotFound("no referral " + std::to_string(id.value()));
    if (r.status != ReferralStatus::kSentToProviders && r.status != ReferralStatus::kProposed)
      return Conflict(
          "the referral is " + std::string(EnumLabel(r.status)) + ": it takes no more offers",
          "status");
    if (step.now() > *closes)
      return Conflict("offers for this referral closed at " + FormatTimestamp(*closes), "deadline");
    auto home = tx.Get<Home>(response.home);
    if (!home.ok() || home->provider != *who.provider)
      return InvalidArgument("homeId", "there is no home with id " +
                                           std::to_string(response.home.value()) + " among yours");
    if (response.status != OfferStatus::kOffered && response.status != OfferStatus::kDeclined)
      return InvalidArgument("decision", "must be offer or decline");
    response.referral = id;
    response.created_at = step.now();
    response.deadline = *closes;
    if (response.status == OfferStatus::kDeclined) {
      response.core_fee = response.staffing_fee = response.education_fee = response.transport_fee =
          Pence(0);
      response.start_date = Date::FromTimestamp(step.now());
    }
    CC_RETURN_IF_ERROR(Validate(response));  // the fields first, then whether the home has answered
    if (response.status == OfferStatus::kOffered) {
      // From the day the referral was written to a little after the latest
      // start it asks for: anything else is a mistake (docs/api.md, "Limits").
      const Date written = Date::FromTimestamp(r.created_at);
      const Date latest = r.latest_start_date.AddDays(kOfferStartMarginDays);
      if (response.start_date < written || response.start_date > latest)
        return InvalidArgument("startDate", "must be from " + written.ToIso() +
                                                " (when the referral was written) to " +
                                                latest.ToIso() + " (its latest start date and " +
                                                std::to_string(kOfferStartMarginDays) + " days)");
    }
    CC_ASSIGN_OR_RETURN(auto existing, tx.ListBy<Offer>(id));
    for (const Offer& o : existing)
      if (o.home == response.home && o.status != OfferStatus::kWithdrawn &&
          o.status != OfferStatus::kLapsed)
        return Conflict(home->name + " has already answered this referral (offer " +
                            std::to_string(o.id.value()) + ")",
                        "homeId");
    CC_ASSIGN_OR_RETURN(OfferId offer_id, tx.Create(response));
    CC_ASSIGN_OR_RETURN(out, tx.Get<Offer>(offer_id));
    return step.Audit(tx, "offer", offer_id.value(), "", RecordDigest(out));
  }));
  return out;
}

Result<Offer> Workflow::WithdrawOffer(const Principal& who, OfferId id, std::string reason) {
  Offer out;
  Step step = Step::OnRecord(policy_, who, Now(), "offer", "withdraw");
  CC_RETURN_IF_ERROR(step.Admit(store_));
  if (validate::Blank(reason)) return InvalidArgument("reason", "say why the offer is withdrawn");
  CC_RETURN_IF_ERROR(validate::NonEmpty("reason", reason, validate::kMaxLongText));
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kAudited, [&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(Offer o, step.Fetch(tx, id));
    const OfferStatus now_status = StatusAt(o, step.now());
    if (now_status != OfferStatus::kOffered)
      return Conflict("offer " + std::to_string(id.value()) + " is " +
                          std::string(EnumLabel(now_status)) +
                          ": only an open offer is withdrawn (a proposed one: ask the hub)",
                      "status");
    std::string before = RecordDigest(o);
    o.status = OfferStatus::kWithdrawn;
    o.withdrawal_reason = reason;
    CC_RETURN_IF_ERROR(tx.Update(o));
    out = o;
    return step.Audit(tx, "offer", id.value(), before, RecordDigest(o));
  }));
  return out;
}

Result<std::vector<Offer>> Workflow::ProviderOffers(const Principal& who) {
  std::vector<Offer> out;
  Step step = Step::OnCollection(policy_, who, Now(), "provider_offer", "list");
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kAudited, [&](store::Tx& tx) -> Status {
    out.clear();
    if (!who.provider) return PermissionDenied("only a provider's users see their offers");
    CC_ASSIGN_OR_RETURN(auto homes, tx.ListBy<Home>(*who.provider));
    for (const Home& h : homes) {
      CC_ASSIGN_OR_RETURN(auto offers, tx.ListBy<Offer>(h.id));
      for (Offer& o : offers) {
        o.status = StatusAt(o, step.now());
        out.push_back(std::move(o));
      }
    }
    std::sort(out.begin(), out.end(), [](const Offer& a, const Offer& b) { return a.id > b.id; });
    return step.Audit(tx, "offer", 0, "", DigestOfIds(out));
  }));
  return out;
}

}  // namespace carecoop::services
