// Stage 2 of the workflow: the RCC hub's queue, a referral's ranked options,
// and sending it to every provider with an eligible home at once
// (services/workflow.h).
#include <algorithm>
#include <map>

#include "core/identifiers.h"
#include "domain/validate.h"
#include "match/feasibility.h"
#include "services/step.h"
#include "services/workflow.h"
#include "store/referral_recipients.h"

namespace carecoop::services {
namespace {

int UrgencyOrder(NeededBy n) {
  switch (n) {
    case NeededBy::kToday:
      return 0;
    case NeededBy::kWithin5Days:
      return 1;
    case NeededBy::kAfter5Days:
      return 2;
  }
  return 3;
}

}  // namespace

Result<std::vector<QueueEntry>> Workflow::Queue(const Principal& who) {
  std::vector<QueueEntry> out;
  Step step = Step::OnCollection(policy_, who, Now(), "queue", "list");
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kAudited, [&](store::Tx& tx) -> Status {
    out.clear();
    CC_ASSIGN_OR_RETURN(store::Scope scope, ListScope(who));
    CC_ASSIGN_OR_RETURN(auto referrals, tx.List<Referral>(scope));
    CC_ASSIGN_OR_RETURN(auto councils, tx.List<Council>(scope));
    std::map<CouncilId, std::string> names;
    for (const Council& c : councils) names[c.id] = c.name;
    for (Referral& r : referrals) {
      if (r.status != ReferralStatus::kOpen && r.status != ReferralStatus::kSentToProviders)
        continue;
      std::int64_t waiting =
          std::chrono::duration_cast<std::chrono::hours>(step.now() - r.created_at).count() / 24;
      out.push_back({std::move(r), names[r.council], std::max<std::int64_t>(0, waiting)});
    }
    std::stable_sort(out.begin(), out.end(), [](const QueueEntry& a, const QueueEntry& b) {
      int ua = UrgencyOrder(a.referral.needed_by), ub = UrgencyOrder(b.referral.needed_by);
      if (ua != ub) return ua < ub;
      if (a.referral.created_at != b.referral.created_at)
        return a.referral.created_at < b.referral.created_at;
      return a.referral.id < b.referral.id;
    });
    std::vector<Referral> listed;
    for (const auto& e : out) listed.push_back(e.referral);
    return step.Audit(tx, "referral", 0, "", DigestOfIds(listed));
  }));
  return out;
}

Result<RankedReferral> Workflow::Options(const Principal& who, ReferralId id, int top) {
  Step step = Step::OnRecord(policy_, who, Now(), "options", "read");
  CC_RETURN_IF_ERROR(step.Admit(store_));
  if (top < 1 || top > 100) return InvalidArgument("top", "must be between 1 and 100");
  Referral referral;
  Child child;
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kAudited, [&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(referral, step.Fetch(tx, id));
    CC_ASSIGN_OR_RETURN(child, tx.Get<Child>(referral.child));
    return step.Audit(tx, "referral", id.value(), "", RecordDigest(referral));
  }));
  CC_ASSIGN_OR_RETURN(auto world, worlds_.Get(store_, Date::FromTimestamp(step.now())));
  return RankInWorld(*world, referral, child, top, options_.match_policy);
}

Result<SendResult> Workflow::SendToProviders(const Principal& who, ReferralId id,
                                             SendOptions send) {
  Step step = Step::OnRecord(policy_, who, Now(), "referral", "send");
  CC_RETURN_IF_ERROR(step.Admit(store_));
  const Timestamp now = step.now();
  Timestamp closes = send.deadline.value_or(now + options_.default_offer_window);
  if (closes <= now) return InvalidArgument("deadline", "must be in the future");
  CC_ASSIGN_OR_RETURN(auto world, worlds_.Get(store_, Date::FromTimestamp(now)));
  SendResult out;
  out.deadline = closes;
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kAudited, [&](store::Tx& tx) -> Status {
    out.recipients.clear();
    CC_ASSIGN_OR_RETURN(Referral r, step.Fetch(tx, id));
    if (r.status != ReferralStatus::kOpen)
      return Conflict("the referral is " + std::string(EnumLabel(r.status)) +
                          ": only an open referral is sent to providers",
                      "status");
    CC_ASSIGN_OR_RETURN(Child child, tx.Get<Child>(r.child));
    std::string before = RecordDigest(r);
    // What providers will read: the summary, checked for identifiers.
    if (send.provider_summary) r.provider_summary = *send.provider_summary;
    CC_RETURN_IF_ERROR(validate::MaxLength("providerSummary", r.provider_summary));
    if (validate::Blank(r.provider_summary))
      return InvalidArgument("providerSummary",
                             "write a summary for providers (send providerSummary): they never "
                             "read the referral's free text");
    const identifiers::Known known{
        {r.referral_officer_name, r.placement_officer_name, r.cost_officer_name, child.pseudonym},
        {child.date_of_birth}};
    const auto findings = identifiers::Find(r.provider_summary, known);
    std::string found;
    for (const auto& f : findings)
      found += (found.empty() ? "" : "; ") + std::string(identifiers::KindCode(f.kind)) + " '" +
               f.text + "' at " + std::to_string(f.offset);
    if (!findings.empty() && !send.confirm_identifiers)
      return InvalidArgument("providerSummary",
                             "may name the child or where they live: " + found +
                                 ". Edit it (send providerSummary) or confirm each is safe "
                                 "(confirmIdentifiers: true)");
    CC_ASSIGN_OR_RETURN(auto needs,
                        match::MakeNeeds(r, child, world->RccOf(r.council), world->snapshot));
    std::vector<std::int32_t> feasible;
    match::FeasibleHomes(needs, world->snapshot, options_.match_policy, feasible, nullptr);
    // Every provider with an eligible home, at once: never one at a time.
    std::map<ProviderId, int> homes;
    for (std::int32_t h : feasible) ++homes[world->snapshot.provider[static_cast<std::size_t>(h)]];
    if (homes.empty())
      return Conflict(
          "no provider has an eligible home for this referral today; see its options for why",
          "referral");
    for (const auto& [provider, count] : homes) {
      CC_ASSIGN_OR_RETURN(Provider p, tx.Get<Provider>(provider));
      CC_RETURN_IF_ERROR(store::AddRecipient(tx, id, provider, now, closes));
      out.recipients.push_back({provider, p.name, count});
    }
    r.status = ReferralStatus::kSentToProviders;
    CC_RETURN_IF_ERROR(tx.Update(r));
    out.referral = r;
    store::SqlParams sent_to;
    for (const Recipient& x : out.recipients) sent_to.emplace_back(x.provider.value());
    // Identifiers the hub confirmed are part of what was sent, on the record.
    return step.Audit(
        tx, "referral", id.value(), before,
        Combined({RecordDigest(r), DigestOfParams(sent_to), DigestOfParams({found})}));
  }));
  return out;
}

Result<std::vector<Offer>> Workflow::ListOffers(const Principal& who, ReferralId id) {
  const Timestamp now = Now();
  CC_ASSIGN_OR_RETURN(auto offers, ListUnder<Offer>(store_, policy_, who, now, "offer", id));
  for (Offer& o : offers) o.status = StatusAt(o, now);  // an offer past its deadline has lapsed
  return offers;
}

namespace {

// A weekly fee beside the fair-price estimate for a place in a home
// (market/fair_price.h): the home's setting and size, the pay of its
// region, the child's ratio, band and age. Regions' pay factors are read
// once a council.
class FairPricer {
 public:
  FairPricer(store::Tx& tx, double threshold_percent)
      : tx_(tx), threshold_percent_(threshold_percent) {}

  std::optional<market::FeeAgainstFairPrice> Compare(const Home& home, SupportRatio ratio,
                                                     NeedBand band, int age, Pence fee) {
    market::FairPriceAssumptions a;
    a.pay_factor = PayFactor(home.council);
    auto fair = market::EstimateFairPrice({.setting = home.setting,
                                           .registered_places = home.registered_places,
                                           .ratio = ratio,
                                           .band = band,
                                           .age = std::clamp(age, 0, kMaxChildAge)},
                                          a);
    if (!fair.ok()) return std::nullopt;
    return market::CompareWithFairPrice(fee, fair->weekly, threshold_percent_);
  }

 private:
  double PayFactor(CouncilId council) {
    auto it = pay_factor_.find(council);
    if (it != pay_factor_.end()) return it->second;
    double f = 1.0;
    if (auto c = tx_.Get<Council>(council); c.ok())
      if (auto region = tx_.Get<Region>(c->region); region.ok())
        f = market::RegionPayFactor(region->name);
    return pay_factor_.emplace(council, f).first->second;
  }

  store::Tx& tx_;
  double threshold_percent_;
  std::map<CouncilId, double> pay_factor_;
};

}  // namespace

Result<std::vector<PricedOffer>> Workflow::ListOffersPriced(const Principal& who, ReferralId id) {
  CC_ASSIGN_OR_RETURN(auto offers, ListOffers(who, id));  // authorised and audited there
  std::vector<PricedOffer> out;
  CC_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(Referral r, tx.Get<Referral>(id));
    CC_ASSIGN_OR_RETURN(Child child, tx.Get<Child>(r.child));
    const int age = AgeInYears(child.date_of_birth, Date::FromTimestamp(Now()));
    FairPricer pricer(tx, options_.fair_price_threshold_percent);
    for (Offer& o : offers) {
      PricedOffer p{.offer = o};
      auto fee = o.WeeklyFee();
      auto home = tx.Get<Home>(o.home);
      if (fee.ok() && home.ok())
        p.fair = pricer.Compare(*home, r.minimum_adult_support_ratio, r.need_band(), age, *fee);
      out.push_back(std::move(p));
    }
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<PricedPlacement>> Workflow::ListPlacementsPriced(const Principal& who,
                                                                    bool current_only) {
  CC_ASSIGN_OR_RETURN(auto placements, ListPlacements(who, current_only));  // authorised, audited
  std::vector<PricedPlacement> out;
  out.reserve(placements.size());
  CC_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) -> Status {
    FairPricer pricer(tx, options_.fair_price_threshold_percent);
    std::map<HomeId, std::optional<Home>> homes;  // each home read once
    for (Placement& p : placements) {
      PricedPlacement priced{.placement = std::move(p)};
      const Placement& pl = priced.placement;
      if (pl.home) {
        auto it = homes.find(*pl.home);
        if (it == homes.end()) {
          auto home = tx.Get<Home>(*pl.home);
          it = homes.emplace(*pl.home, home.ok() ? std::optional<Home>(*home) : std::nullopt).first;
        }
        auto child = tx.Get<Child>(pl.child);
        if (it->second && child.ok()) {
          SupportRatio ratio = SupportRatio::kStandard;
          if (pl.referral)
            if (auto r = tx.Get<Referral>(*pl.referral); r.ok())
              ratio = r->minimum_adult_support_ratio;
          priced.fair = pricer.Compare(*it->second, ratio, pl.need_band,
                                       AgeInYears(child->date_of_birth, pl.start), pl.weekly_fee);
        }
      }
      out.push_back(std::move(priced));
    }
    return Status::Ok();
  }));
  return out;
}

Result<RegionPlan> Workflow::Assignment(const Principal& who, SourcingPolicy sourcing) {
  Step step = Step::OnCollection(policy_, who, Now(), "assignment", "read");
  CC_RETURN_IF_ERROR(step.Admit(store_));
  if (!who.rcc) return PermissionDenied("region-wide assignment is for an RCC's officers");
  return PlanRegion(store_, std::to_string(who.rcc->value()), sourcing,
                    Date::FromTimestamp(step.now()), options_.match_policy);
}

Result<PolicyComparison> Workflow::CompareSourcing(const Principal& who) {
  Step step = Step::OnCollection(policy_, who, Now(), "assignment", "read");
  CC_RETURN_IF_ERROR(step.Admit(store_));
  if (!who.rcc) return PermissionDenied("the sourcing comparison is for an RCC's officers");
  return ComparePolicies(store_, std::to_string(who.rcc->value()), Date::FromTimestamp(step.now()),
                         options_.match_policy);
}

}  // namespace carecoop::services
