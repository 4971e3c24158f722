#include "services/workflow.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "match/feasibility.h"
#include "services/audit.h"
#include "services/sufficiency.h"

namespace carecoop::services {
namespace {

std::string Str(std::int64_t v) { return std::to_string(v); }

// How an RCC (or a record of one of its councils) stands to the person.
Relation ToRcc(const Principal& who, std::optional<RccId> rcc) {
  switch (who.role) {
    case Role::kHubOfficer:
    case Role::kScrutinyOfficer:
    case Role::kCommissioner: return rcc && who.rcc == *rcc ? Relation::kOwn : Relation::kOther;
    // Their scope is the whole system; what they may do is the role's.
    case Role::kNationalAnalyst:
    case Role::kAdmin: return Relation::kOwn;
    case Role::kSocialWorker:
    case Role::kProvider: return Relation::kOther;
  }
  return Relation::kOther;
}

Result<Relation> ToCouncil(store::Tx& tx, const Principal& who, CouncilId council) {
  if (who.role == Role::kSocialWorker) return who.council == council ? Relation::kOwn : Relation::kOther;
  bool rcc_scoped = who.role == Role::kHubOfficer || who.role == Role::kScrutinyOfficer ||
                    who.role == Role::kCommissioner;
  if (!rcc_scoped) return ToRcc(who, std::nullopt);  // whole system, or none: no need to look the RCC up
  CC_ASSIGN_OR_RETURN(auto rcc, tx.RccOfCouncil(council));
  return ToRcc(who, rcc);
}

// The deadline for offers when `provider` was sent `referral`, if it was.
Result<std::optional<Timestamp>> SentTo(store::Tx& tx, ReferralId referral, ProviderId provider) {
  std::optional<Timestamp> deadline;
  CC_RETURN_IF_ERROR(tx.connection().Query(
      "SELECT deadline FROM referral_recipient WHERE referral_id = $1 AND provider_id = $2",
      {referral.value(), provider.value()}, [&](const store::SqlRow& row) {
        auto t = ParseTimestamp(row.Text(0), "deadline");
        if (!t.ok()) return Internal("stored deadline is not a timestamp");
        deadline = *t;
        return Status::Ok();
      }));
  return deadline;
}

Result<Relation> ToReferral(store::Tx& tx, const Principal& who, const Referral& r) {
  if (who.role == Role::kProvider) {
    if (!who.provider) return Relation::kOther;
    CC_ASSIGN_OR_RETURN(auto sent, SentTo(tx, r.id, *who.provider));
    return sent ? Relation::kOwn : Relation::kOther;
  }
  return ToCouncil(tx, who, r.council);
}

// A record by id, NotFound worded the same whether it is missing or out of scope.
template <class T>
Result<T> Fetch(store::Tx& tx, Id<T> id, std::string_view what) {
  auto r = tx.Get<T>(id);
  if (!r.ok() && r.status().code() == StatusCode::kNotFound)
    return NotFound("no " + std::string(what) + " " + Str(id.value()));
  return r;
}

Status Audit(store::Tx& tx, const Principal& who, Timestamp at, std::string action, std::string resource,
             std::int64_t id, std::string before, std::string after) {
  return AppendAudit(tx, at, {who.username, std::move(action), std::move(resource), id, std::move(before),
                              std::move(after)});
}

// A digest of several records' digests, for a change that writes more than one.
std::string Combined(std::initializer_list<std::string> digests) {
  store::SqlParams p;
  for (const auto& d : digests) p.emplace_back(d);
  return DigestOfParams(p);
}

int UrgencyOrder(NeededBy n) {
  switch (n) {
    case NeededBy::kToday: return 0;
    case NeededBy::kWithin5Days: return 1;
    case NeededBy::kAfter5Days: return 2;
  }
  return 3;
}

std::string PlaceCodeFor(Setting s) {
  switch (s) {
    case Setting::kFosteringHousehold: return "U4";
    case Setting::kChildrensHome: return "K2";
    case Setting::kSecureChildrensHome: return "K1";
    case Setting::kSupportedAccommodation: return "K3";
  }
  return "Z1";
}

AgreedPlacementType AgreedTypeFor(Setting s) {
  switch (s) {
    case Setting::kFosteringHousehold: return AgreedPlacementType::kFoster;
    case Setting::kSupportedAccommodation: return AgreedPlacementType::kSupportedAccommodation;
    default: return AgreedPlacementType::kResidential;
  }
}

int ContractPreference(ContractType t) {
  switch (t) {
    case ContractType::kBlock: return 0;  // places already paid for
    case ContractType::kFramework: return 1;
    case ContractType::kDps: return 2;
    case ContractType::kSpot: return 3;
  }
  return 4;
}

bool IsBookingRace(const Status& s) { return s.code() == StatusCode::kConflict && s.field() == "vacancyId"; }

// Runs a write that books a place, again when it lost a race for a place to
// another booking (the UNIQUE vacancy_id said so): the next try sees that
// place taken and books another free one, or answers Conflict when none is left.
Status WriteBooking(store::Store& store, const std::function<Status(store::Tx&)>& fn) {
  Status s;
  for (int attempt = 0; attempt < 20; ++attempt) {
    s = store.Write(fn);
    if (!IsBookingRace(s)) return s;
  }
  return s;
}

struct Booking {
  Placement placement;
  std::string digest;
};

// Books a place in the offer's home for the referral's child, prices it from
// the provider's contract and schedules its payments. In the caller's transaction.
Result<Booking> Book(store::Tx& tx, const WorkflowOptions& options, Timestamp now, Referral& referral,
                     const Offer& offer, bool emergency) {
  CC_ASSIGN_OR_RETURN(Home home, tx.Get<Home>(offer.home));
  CC_ASSIGN_OR_RETURN(Provider provider, tx.Get<Provider>(home.provider));
  CC_ASSIGN_OR_RETURN(auto vacancies, tx.ListBy<Vacancy>(home.id));
  std::optional<Vacancy> place;
  for (const Vacancy& v : vacancies)
    if (v.status == VacancyStatus::kOpen && v.available_from <= offer.start_date &&
        (!place || std::pair(v.available_from, v.id) < std::pair(place->available_from, place->id)))
      place = v;
  if (!place)
    return Conflict("no place is free in " + home.name + " on " + offer.start_date.ToIso() +
                        ": it has been booked",
                    "vacancy");
  CC_ASSIGN_OR_RETURN(auto rcc, tx.RccOfCouncil(referral.council));
  if (!rcc) return InvalidArgument("councilId", "the child's council belongs to no RCC that could pay");

  // Price: the contract in force with the RCC, block first (already paid
  // for), then framework, DPS and spot; a contracted band fee replaces the
  // offer's core fee, and the offer's additional items are added to it.
  NeedBand band = referral.need_band();
  CC_ASSIGN_OR_RETURN(auto contracts, tx.List<Contract>(store::Scope::Of(*rcc)));
  std::optional<Contract> contract;
  for (const Contract& c : contracts) {
    if (c.provider != provider.id || c.start > offer.start_date || (c.end && *c.end < offer.start_date)) continue;
    if (c.type != ContractType::kSpot && !c.FeeFor(band)) continue;
    if (!contract || ContractPreference(c.type) < ContractPreference(contract->type)) contract = c;
  }
  CC_ASSIGN_OR_RETURN(Pence offered, offer.WeeklyFee());
  Pence weekly = offered;
  if (contract && contract->type != ContractType::kSpot) {
    CC_ASSIGN_OR_RETURN(weekly, Add(*contract->FeeFor(band), offer.staffing_fee));
    CC_ASSIGN_OR_RETURN(weekly, Add(weekly, offer.education_fee));
    CC_ASSIGN_OR_RETURN(weekly, Add(weekly, offer.transport_fee));
  }

  Placement p;
  p.child = referral.child;
  p.council = referral.council;
  p.referral = referral.id;
  p.home = home.id;
  p.vacancy = place->id;
  if (contract) p.contract = contract->id;
  p.start = offer.start_date;
  p.place_code = PlaceCodeFor(home.setting);
  p.provider_code = std::string(PlacementProviderCode(provider, referral.council));
  CC_ASSIGN_OR_RETURN(auto history, tx.ListBy<Placement>(referral.child));
  if (!history.empty()) p.legal_status = history.back().legal_status;
  p.need_band = band;
  p.weekly_fee = weekly;
  p.emergency = emergency;
  // The UNIQUE vacancy_id decides a race for this place (Conflict "vacancyId").
  CC_ASSIGN_OR_RETURN(p.id, tx.Create(p));
  p.version = 1;
  place->status = VacancyStatus::kBooked;
  CC_RETURN_IF_ERROR(tx.Update(*place));

  for (int w = 0; w < options.payment_weeks; ++w) {
    Payment pay;
    pay.placement = p.id;
    pay.rcc = *rcc;
    pay.council = referral.council;
    pay.week_start = p.start.AddDays(7 * w);
    pay.amount = weekly;
    CC_RETURN_IF_ERROR(tx.Create(pay).status());
  }

  ActualPlacement actual;
  actual.total_weekly_cost = weekly;
  CC_ASSIGN_OR_RETURN(Council area, tx.Get<Council>(home.council));
  // The standard wants the postcode district; homes carry no postcode here,
  // so the area's ONS code stands in for it.
  actual.placement_location = area.ons_code;
  actual.provider_urn = home.ofsted_urn;
  actual.siblings_placed_together = referral.sibling_count;
  actual.placement_type = AgreedTypeFor(home.setting);
  referral.actual_placement = actual;
  referral.placement_date = p.start;
  referral.cost_date = Date::FromTimestamp(now);
  referral.status = ReferralStatus::kPlaced;
  return Booking{p, RecordDigest(p)};
}

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

}  // namespace

Workflow::Workflow(store::Store& store, WorkflowOptions options, const AccessPolicy& policy)
    : store_(store), options_(std::move(options)), policy_(policy), worlds_(options_.world_max_age) {}

Date Workflow::Today() const { return Date::FromTimestamp(Now()); }

// ---------------------------------------------------------------------------
// 1. Referrals

Result<Referral> Workflow::CreateReferral(const Principal& who, Referral draft) {
  CC_RETURN_IF_ERROR(policy_.Gate(who, "referral", "create"));
  Referral out;
  Timestamp now = Now();
  CC_RETURN_IF_ERROR(store_.Write([&](store::Tx& tx) -> Status {
    auto no_child = InvalidArgument("childId", "there is no child with id " + Str(draft.child.value()));
    auto child = tx.Get<Child>(draft.child);
    if (!child.ok()) return child.status().code() == StatusCode::kNotFound ? no_child : child.status();
    CC_ASSIGN_OR_RETURN(Relation rel, ToCouncil(tx, who, child->council));
    if (rel == Relation::kOther) return no_child;
    CC_RETURN_IF_ERROR(policy_.Check(who, rel, "referral", "create", "child"));
    draft.council = child->council;
    draft.status = ReferralStatus::kDraft;
    draft.created_at = now;
    draft.actual_placement.reset();
    CC_ASSIGN_OR_RETURN(ReferralId id, tx.Create(draft));
    CC_ASSIGN_OR_RETURN(out, tx.Get<Referral>(id));
    return Audit(tx, who, now, "referral.create", "referral", id.value(), "", RecordDigest(out));
  }));
  return out;
}

Result<Referral> Workflow::UpdateReferral(const Principal& who, ReferralId id, std::int64_t version,
                                          const std::function<Status(Referral&)>& edit) {
  CC_RETURN_IF_ERROR(policy_.Gate(who, "referral", "update"));
  Referral out;
  Timestamp now = Now();
  CC_RETURN_IF_ERROR(store_.Write([&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(Referral before, Fetch(tx, id, "referral"));
    CC_ASSIGN_OR_RETURN(Relation rel, ToReferral(tx, who, before));
    CC_RETURN_IF_ERROR(policy_.Check(who, rel, "referral", "update", "referral " + Str(id.value())));
    if (before.status != ReferralStatus::kDraft && before.status != ReferralStatus::kOpen)
      return Conflict("a referral that is " + std::string(EnumLabel(before.status)) + " cannot be edited",
                      "status");
    Referral after = before;
    CC_RETURN_IF_ERROR(edit(after));
    if (after.child != before.child) return InvalidArgument("childId", "cannot be changed: write a new referral");
    after.id = before.id;
    after.version = version;  // Tx::Update refuses a stale version (Conflict naming "version")
    after.council = before.council;
    after.status = before.status;
    after.created_at = before.created_at;
    after.actual_placement = before.actual_placement;
    CC_RETURN_IF_ERROR(tx.Update(after));
    out = after;
    return Audit(tx, who, now, "referral.update", "referral", id.value(), RecordDigest(before),
                 RecordDigest(after));
  }));
  return out;
}

Result<Referral> Workflow::SubmitReferral(const Principal& who, ReferralId id) {
  CC_RETURN_IF_ERROR(policy_.Gate(who, "referral", "submit"));
  Referral out;
  Timestamp now = Now();
  CC_RETURN_IF_ERROR(store_.Write([&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(Referral r, Fetch(tx, id, "referral"));
    CC_ASSIGN_OR_RETURN(Relation rel, ToReferral(tx, who, r));
    CC_RETURN_IF_ERROR(policy_.Check(who, rel, "referral", "submit", "referral " + Str(id.value())));
    if (r.status != ReferralStatus::kDraft)
      return Conflict("the referral is " + std::string(EnumLabel(r.status)) + ": only a draft is submitted",
                      "status");
    std::string before = RecordDigest(r);
    r.status = ReferralStatus::kOpen;
    CC_RETURN_IF_ERROR(tx.Update(r));
    out = r;
    return Audit(tx, who, now, "referral.submit", "referral", id.value(), before, RecordDigest(r));
  }));
  return out;
}

Result<Referral> Workflow::GetReferral(const Principal& who, ReferralId id) {
  CC_RETURN_IF_ERROR(policy_.Gate(who, "referral", "read"));
  Referral out;
  Timestamp now = Now();
  CC_RETURN_IF_ERROR(store_.Write([&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(out, Fetch(tx, id, "referral"));
    CC_ASSIGN_OR_RETURN(Relation rel, ToReferral(tx, who, out));
    CC_RETURN_IF_ERROR(policy_.Check(who, rel, "referral", "read", "referral " + Str(id.value())));
    return Audit(tx, who, now, "referral.read", "referral", id.value(), "", RecordDigest(out));
  }));
  return out;
}

namespace {

// The records a person may list: their council's or their RCC's.
Result<store::Scope> ListScope(const Principal& who) {
  switch (who.role) {
    case Role::kSocialWorker:
      if (who.council) return store::Scope::Of(*who.council);
      break;
    case Role::kHubOfficer:
    case Role::kScrutinyOfficer:
    case Role::kCommissioner:
      if (who.rcc) return store::Scope::Of(*who.rcc);
      break;
    case Role::kNationalAnalyst:
    case Role::kAdmin: return store::Scope::All();
    case Role::kProvider: break;
  }
  return PermissionDenied("a " + std::string(EnumCode(who.role)) + " has no records of this kind to list");
}

std::string DigestOfIds(const auto& records) {
  store::SqlParams ids;
  for (const auto& r : records) ids.emplace_back(r.id.value());
  return DigestOfParams(ids);
}

// The records of type T in the person's scope that `keep` accepts, checked
// against "<resource>.list" and audited as one read.
template <class T>
Result<std::vector<T>> ListInScope(store::Store& store, const AccessPolicy& policy, const Principal& who,
                                   Timestamp now, const std::string& resource,
                                   const std::function<bool(const T&)>& keep) {
  std::vector<T> out;
  CC_RETURN_IF_ERROR(store.Write([&](store::Tx& tx) -> Status {
    CC_RETURN_IF_ERROR(policy.Check(who, Relation::kAny, resource, "list", resource + "s"));
    CC_ASSIGN_OR_RETURN(store::Scope scope, ListScope(who));
    CC_ASSIGN_OR_RETURN(auto all, tx.List<T>(scope));
    for (T& x : all)
      if (keep(x)) out.push_back(std::move(x));
    return Audit(tx, who, now, resource + ".list", resource, 0, "", DigestOfIds(out));
  }));
  return out;
}

}  // namespace

Result<std::vector<Referral>> Workflow::ListReferrals(const Principal& who, std::optional<ReferralStatus> status) {
  return ListInScope<Referral>(store_, policy_, who, Now(), "referral",
                               [&](const Referral& r) { return !status || r.status == *status; });
}

// ---------------------------------------------------------------------------
// 2. The hub

Result<std::vector<QueueEntry>> Workflow::Queue(const Principal& who) {
  std::vector<QueueEntry> out;
  Timestamp now = Now();
  CC_RETURN_IF_ERROR(store_.Write([&](store::Tx& tx) -> Status {
    CC_RETURN_IF_ERROR(policy_.Check(who, Relation::kAny, "queue", "list", "queue"));
    CC_ASSIGN_OR_RETURN(store::Scope scope, ListScope(who));
    CC_ASSIGN_OR_RETURN(auto referrals, tx.List<Referral>(scope));
    CC_ASSIGN_OR_RETURN(auto councils, tx.List<Council>(scope));
    std::map<CouncilId, std::string> names;
    for (const Council& c : councils) names[c.id] = c.name;
    for (Referral& r : referrals) {
      if (r.status != ReferralStatus::kOpen && r.status != ReferralStatus::kSentToProviders) continue;
      std::int64_t waiting = std::chrono::duration_cast<std::chrono::hours>(now - r.created_at).count() / 24;
      out.push_back({std::move(r), names[r.council], std::max<std::int64_t>(0, waiting)});
    }
    std::stable_sort(out.begin(), out.end(), [](const QueueEntry& a, const QueueEntry& b) {
      int ua = UrgencyOrder(a.referral.needed_by), ub = UrgencyOrder(b.referral.needed_by);
      if (ua != ub) return ua < ub;
      if (a.referral.created_at != b.referral.created_at) return a.referral.created_at < b.referral.created_at;
      return a.referral.id < b.referral.id;
    });
    std::vector<Referral> listed;
    for (const auto& e : out) listed.push_back(e.referral);
    return Audit(tx, who, now, "queue.list", "referral", 0, "", DigestOfIds(listed));
  }));
  return out;
}

Result<RankedReferral> Workflow::Options(const Principal& who, ReferralId id, int top) {
  CC_RETURN_IF_ERROR(policy_.Gate(who, "options", "read"));
  if (top < 1 || top > 100) return InvalidArgument("top", "must be between 1 and 100");
  Referral referral;
  Child child;
  Timestamp now = Now();
  CC_RETURN_IF_ERROR(store_.Write([&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(referral, Fetch(tx, id, "referral"));
    CC_ASSIGN_OR_RETURN(Relation rel, ToReferral(tx, who, referral));
    CC_RETURN_IF_ERROR(policy_.Check(who, rel, "options", "read", "referral " + Str(id.value())));
    CC_ASSIGN_OR_RETURN(child, tx.Get<Child>(referral.child));
    return Audit(tx, who, now, "options.read", "referral", id.value(), "", RecordDigest(referral));
  }));
  CC_ASSIGN_OR_RETURN(auto world, worlds_.Get(store_, Date::FromTimestamp(now)));
  return RankInWorld(*world, referral, child, top, options_.match_policy);
}

Result<SendResult> Workflow::SendToProviders(const Principal& who, ReferralId id,
                                             std::optional<Timestamp> deadline) {
  CC_RETURN_IF_ERROR(policy_.Gate(who, "referral", "send"));
  Timestamp now = Now();
  Timestamp closes = deadline.value_or(now + options_.default_offer_window);
  if (closes <= now) return InvalidArgument("deadline", "must be in the future");
  CC_ASSIGN_OR_RETURN(auto world, worlds_.Get(store_, Date::FromTimestamp(now)));
  SendResult out;
  out.deadline = closes;
  CC_RETURN_IF_ERROR(store_.Write([&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(Referral r, Fetch(tx, id, "referral"));
    CC_ASSIGN_OR_RETURN(Relation rel, ToReferral(tx, who, r));
    CC_RETURN_IF_ERROR(policy_.Check(who, rel, "referral", "send", "referral " + Str(id.value())));
    if (r.status != ReferralStatus::kOpen)
      return Conflict("the referral is " + std::string(EnumLabel(r.status)) +
                          ": only an open referral is sent to providers",
                      "status");
    CC_ASSIGN_OR_RETURN(Child child, tx.Get<Child>(r.child));
    CC_ASSIGN_OR_RETURN(auto needs, match::MakeNeeds(r, child, world->RccOf(r.council), world->snapshot));
    std::vector<std::int32_t> feasible;
    match::FeasibleHomes(needs, world->snapshot, options_.match_policy, feasible, nullptr);
    // Every provider with an eligible home, at once: never one at a time.
    std::map<ProviderId, int> homes;
    for (std::int32_t h : feasible) ++homes[world->snapshot.provider[static_cast<std::size_t>(h)]];
    if (homes.empty())
      return Conflict("no provider has an eligible home for this referral today; see its options for why",
                      "referral");
    for (const auto& [provider, count] : homes) {
      CC_ASSIGN_OR_RETURN(Provider p, tx.Get<Provider>(provider));
      CC_RETURN_IF_ERROR(tx.connection()
                             .Exec("INSERT INTO referral_recipient (referral_id, provider_id, sent_at, deadline) "
                                   "VALUES ($1, $2, $3, $4)",
                                   {id.value(), provider.value(), FormatTimestamp(now), FormatTimestamp(closes)})
                             .status());
      out.recipients.push_back({provider, p.name, count});
    }
    std::string before = RecordDigest(r);
    r.status = ReferralStatus::kSentToProviders;
    CC_RETURN_IF_ERROR(tx.Update(r));
    out.referral = r;
    store::SqlParams sent_to;
    for (const Recipient& x : out.recipients) sent_to.emplace_back(x.provider.value());
    return Audit(tx, who, now, "referral.send", "referral", id.value(), before,
                 Combined({RecordDigest(r), DigestOfParams(sent_to)}));
  }));
  return out;
}

Result<std::vector<Offer>> Workflow::ListOffers(const Principal& who, ReferralId id) {
  CC_RETURN_IF_ERROR(policy_.Gate(who, "offer", "list"));
  std::vector<Offer> out;
  CC_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(Referral r, Fetch(tx, id, "referral"));
    CC_ASSIGN_OR_RETURN(Relation rel, ToReferral(tx, who, r));
    CC_RETURN_IF_ERROR(policy_.Check(who, rel, "offer", "list", "referral " + Str(id.value())));
    CC_ASSIGN_OR_RETURN(out, (tx.ListBy<Offer>(id)));
    return Status::Ok();
  }));
  return out;
}

// ---------------------------------------------------------------------------
// 3. Providers

namespace {

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
  Timestamp now = Now();
  CC_ASSIGN_OR_RETURN(auto world, worlds_.Get(store_, Date::FromTimestamp(now)));
  CC_RETURN_IF_ERROR(store_.Write([&](store::Tx& tx) -> Status {
    CC_RETURN_IF_ERROR(policy_.Check(who, Relation::kAny, "provider_referral", "list", "referrals"));
    if (!who.provider) return PermissionDenied("only a provider's users see referrals sent to providers");
    std::vector<std::pair<ReferralId, Timestamp>> sent;
    CC_RETURN_IF_ERROR(tx.connection().Query(
        "SELECT referral_id, deadline FROM referral_recipient WHERE provider_id = $1 ORDER BY referral_id",
        {who.provider->value()}, [&](const store::SqlRow& row) {
          auto t = ParseTimestamp(row.Text(1), "deadline");
          if (!t.ok()) return Internal("stored deadline is not a timestamp");
          sent.emplace_back(ReferralId(row.Int(0)), *t);
          return Status::Ok();
        }));
    std::vector<Referral> listed;
    for (const auto& [id, closes] : sent) {
      CC_ASSIGN_OR_RETURN(Referral r, tx.Get<Referral>(id));
      CC_ASSIGN_OR_RETURN(auto a, Anonymise(tx, r, closes, Date::FromTimestamp(now), *world,
                                            options_.match_policy, *who.provider));
      out.push_back(std::move(a));
      listed.push_back(std::move(r));
    }
    return Audit(tx, who, now, "provider_referral.list", "referral", 0, "", DigestOfIds(listed));
  }));
  return out;
}

Result<AnonymisedReferral> Workflow::ProviderReferral(const Principal& who, ReferralId id) {
  CC_RETURN_IF_ERROR(policy_.Gate(who, "provider_referral", "read"));
  AnonymisedReferral out;
  Timestamp now = Now();
  CC_ASSIGN_OR_RETURN(auto world, worlds_.Get(store_, Date::FromTimestamp(now)));
  CC_RETURN_IF_ERROR(store_.Write([&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(Referral r, Fetch(tx, id, "referral"));
    CC_ASSIGN_OR_RETURN(Relation rel, ToReferral(tx, who, r));
    CC_RETURN_IF_ERROR(policy_.Check(who, rel, "provider_referral", "read", "referral " + Str(id.value())));
    std::optional<Timestamp> closes;
    if (who.provider) {
      CC_ASSIGN_OR_RETURN(closes, SentTo(tx, id, *who.provider));
    }
    if (!closes) return PermissionDenied("only a provider the referral was sent to sees it anonymised");
    CC_ASSIGN_OR_RETURN(out, Anonymise(tx, r, *closes, Date::FromTimestamp(now), *world, options_.match_policy,
                                       *who.provider));
    return Audit(tx, who, now, "provider_referral.read", "referral", id.value(), "", RecordDigest(r));
  }));
  return out;
}

Result<Offer> Workflow::Respond(const Principal& who, ReferralId id, Offer response) {
  CC_RETURN_IF_ERROR(policy_.Gate(who, "offer", "create"));
  Offer out;
  Timestamp now = Now();
  CC_RETURN_IF_ERROR(store_.Write([&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(Referral r, Fetch(tx, id, "referral"));
    CC_ASSIGN_OR_RETURN(Relation rel, ToReferral(tx, who, r));
    CC_RETURN_IF_ERROR(policy_.Check(who, rel, "offer", "create", "referral " + Str(id.value())));
    std::optional<Timestamp> closes;
    if (who.provider) {
      CC_ASSIGN_OR_RETURN(closes, SentTo(tx, id, *who.provider));
    }
    if (!closes) return NotFound("no referral " + Str(id.value()));
    if (r.status != ReferralStatus::kSentToProviders && r.status != ReferralStatus::kProposed)
      return Conflict("the referral is " + std::string(EnumLabel(r.status)) + ": it takes no more offers", "status");
    if (now > *closes) return Conflict("offers for this referral closed at " + FormatTimestamp(*closes), "deadline");
    auto home = tx.Get<Home>(response.home);
    if (!home.ok() || home->provider != *who.provider)
      return InvalidArgument("homeId", "there is no home with id " + Str(response.home.value()) + " among yours");
    if (response.status != OfferStatus::kOffered && response.status != OfferStatus::kDeclined)
      return InvalidArgument("decision", "must be offer or decline");
    response.referral = id;
    response.created_at = now;
    response.deadline = *closes;
    if (response.status == OfferStatus::kDeclined) {
      response.core_fee = response.staffing_fee = response.education_fee = response.transport_fee = Pence(0);
      response.start_date = Date::FromTimestamp(now);
    }
    CC_RETURN_IF_ERROR(Validate(response));  // the fields first, then whether the home has answered
    CC_ASSIGN_OR_RETURN(auto existing, tx.ListBy<Offer>(id));
    for (const Offer& o : existing)
      if (o.home == response.home && o.status != OfferStatus::kWithdrawn && o.status != OfferStatus::kLapsed)
        return Conflict(home->name + " has already answered this referral (offer " + Str(o.id.value()) + ")",
                        "homeId");
    CC_ASSIGN_OR_RETURN(OfferId offer_id, tx.Create(response));
    CC_ASSIGN_OR_RETURN(out, tx.Get<Offer>(offer_id));
    return Audit(tx, who, now, "offer.create", "offer", offer_id.value(), "", RecordDigest(out));
  }));
  return out;
}

// ---------------------------------------------------------------------------
// 4-6. Proposal, scrutiny, booking

Result<ProposalOutcome> Workflow::Propose(const Principal& who, ReferralId id, OfferId offer_id,
                                          std::string child_views, std::string reason_not_top) {
  CC_RETURN_IF_ERROR(policy_.Gate(who, "proposal", "create"));
  Timestamp now = Now();
  CC_ASSIGN_OR_RETURN(auto world, worlds_.Get(store_, Date::FromTimestamp(now)));
  ProposalOutcome out;
  CC_RETURN_IF_ERROR(WriteBooking(store_, [&](store::Tx& tx) -> Status {
    out = {};
    CC_ASSIGN_OR_RETURN(Referral r, Fetch(tx, id, "referral"));
    CC_ASSIGN_OR_RETURN(Relation rel, ToReferral(tx, who, r));
    CC_RETURN_IF_ERROR(policy_.Check(who, rel, "proposal", "create", "referral " + Str(id.value())));
    if (r.status != ReferralStatus::kSentToProviders)
      return Conflict("the referral is " + std::string(EnumLabel(r.status)) +
                          ": a proposal is made once it has been sent to providers and has no proposal pending",
                      "status");
    auto offer = tx.Get<Offer>(offer_id);
    if (!offer.ok() || offer->referral != id)
      return InvalidArgument("offerId", "there is no offer " + Str(offer_id.value()) + " for referral " +
                                            Str(id.value()));
    if (offer->status != OfferStatus::kOffered)
      return Conflict("offer " + Str(offer_id.value()) + " is " + std::string(EnumLabel(offer->status)) +
                          ", not an open offer",
                      "offerId");
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
    p.child_views = std::move(child_views);
    p.rank = rank;
    p.reason_not_top = std::move(reason_not_top);
    p.created_at = now;
    if (p.child_views.find_first_not_of(" \t\r\n") == std::string::npos)
      return InvalidArgument("childViews", "record the child's views on this option");
    if (p.rank > 1 && p.reason_not_top.find_first_not_of(" \t\r\n") == std::string::npos)
      return InvalidArgument("reasonNotTop", "this option is ranked " + Str(p.rank) +
                                                 ": say why the top-ranked option is not proposed");
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
    return Audit(tx, who, now, "proposal.create", "proposal", p.id.value(), before,
                 Combined({RecordDigest(p), RecordDigest(r), placed}));
  }));
  if (out.placement) worlds_.Invalidate();
  return out;
}

Result<Proposal> Workflow::GetProposal(const Principal& who, ProposalId id) {
  CC_RETURN_IF_ERROR(policy_.Gate(who, "proposal", "read"));
  Proposal out;
  Timestamp now = Now();
  CC_RETURN_IF_ERROR(store_.Write([&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(out, Fetch(tx, id, "proposal"));
    CC_ASSIGN_OR_RETURN(Referral r, tx.Get<Referral>(out.referral));
    CC_ASSIGN_OR_RETURN(Relation rel, ToReferral(tx, who, r));
    CC_RETURN_IF_ERROR(policy_.Check(who, rel, "proposal", "read", "proposal " + Str(id.value())));
    return Audit(tx, who, now, "proposal.read", "proposal", id.value(), "", RecordDigest(out));
  }));
  return out;
}

Result<std::vector<Proposal>> Workflow::ListProposals(const Principal& who, std::optional<ProposalStatus> status) {
  return ListInScope<Proposal>(store_, policy_, who, Now(), "proposal",
                               [&](const Proposal& p) { return !status || p.status == *status; });
}

Result<DecisionOutcome> Workflow::Decide(const Principal& who, ProposalId id, ScrutinyOutcome outcome,
                                         std::string reasons) {
  CC_RETURN_IF_ERROR(policy_.Gate(who, "proposal", "decide"));
  if (!IsKnownEnumValue(outcome))
    return InvalidArgument("outcome", "must be one of " + EnumCodeList<ScrutinyOutcome>());
  Timestamp now = Now();
  DecisionOutcome out;
  CC_RETURN_IF_ERROR(WriteBooking(store_, [&](store::Tx& tx) -> Status {
    out = {};
    CC_ASSIGN_OR_RETURN(Proposal p, Fetch(tx, id, "proposal"));
    CC_ASSIGN_OR_RETURN(Referral r, tx.Get<Referral>(p.referral));
    CC_ASSIGN_OR_RETURN(Relation rel, ToReferral(tx, who, r));
    CC_RETURN_IF_ERROR(policy_.Check(who, rel, "proposal", "decide", "proposal " + Str(id.value())));
    if (p.status != ProposalStatus::kAwaitingScrutiny)
      return Conflict("this proposal was already " + std::string(EnumLabel(p.status)), "status");
    if (p.proposed_by == who.username)
      return PermissionDenied("scrutiny is independent: the officer who proposed may not decide");
    if (outcome == ScrutinyOutcome::kSentBack && reasons.find_first_not_of(" \t\r\n") == std::string::npos)
      return InvalidArgument("reasons", "say why the proposal is sent back");
    ScrutinyDecision d;
    d.proposal = id;
    d.officer = who.username;
    d.outcome = outcome;
    d.reasons = std::move(reasons);
    d.decided_at = now;
    std::string before = Combined({RecordDigest(p), RecordDigest(r)});
    // The proposal first: a second decision on it waits here and then finds it changed.
    p.status = outcome == ScrutinyOutcome::kApproved ? ProposalStatus::kApproved : ProposalStatus::kSentBack;
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
    return Audit(tx, who, now, "proposal.decide", "proposal", id.value(), before,
                 Combined({RecordDigest(p), RecordDigest(d), RecordDigest(r), placed}));
  }));
  if (out.placement) worlds_.Invalidate();
  return out;
}

Result<std::vector<OverdueScrutiny>> Workflow::OverdueScrutinies(const Principal& who) {
  std::vector<OverdueScrutiny> out;
  Timestamp now = Now();
  CC_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) -> Status {
    CC_RETURN_IF_ERROR(policy_.Check(who, Relation::kAny, "overdue_scrutiny", "list", "proposals"));
    CC_ASSIGN_OR_RETURN(store::Scope scope, ListScope(who));
    CC_ASSIGN_OR_RETURN(auto proposals, tx.List<Proposal>(scope));
    for (const Proposal& p : proposals) {
      if (p.status != ProposalStatus::kAwaitingScrutiny) continue;
      Timestamp due = p.created_at + options_.scrutiny_window;
      if (due >= now) continue;
      CC_ASSIGN_OR_RETURN(auto placements, tx.ListBy<Placement>(p.referral));
      for (const Placement& pl : placements)
        if (pl.emergency) out.push_back({p, pl, due});
    }
    return Status::Ok();
  }));
  return out;
}

// ---------------------------------------------------------------------------
// 7-8. Placements and payments

Result<Placement> Workflow::GetPlacement(const Principal& who, PlacementId id) {
  CC_RETURN_IF_ERROR(policy_.Gate(who, "placement", "read"));
  Placement out;
  Timestamp now = Now();
  CC_RETURN_IF_ERROR(store_.Write([&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(out, Fetch(tx, id, "placement"));
    CC_ASSIGN_OR_RETURN(Relation rel, ToCouncil(tx, who, out.council));
    CC_RETURN_IF_ERROR(policy_.Check(who, rel, "placement", "read", "placement " + Str(id.value())));
    return Audit(tx, who, now, "placement.read", "placement", id.value(), "", RecordDigest(out));
  }));
  return out;
}

Result<std::vector<Placement>> Workflow::ListPlacements(const Principal& who, bool current_only) {
  return ListInScope<Placement>(store_, policy_, who, Now(), "placement",
                                [&](const Placement& p) { return !current_only || p.current(); });
}

Result<Placement> Workflow::EndPlacement(const Principal& who, PlacementId id, const EndRequest& request) {
  CC_RETURN_IF_ERROR(policy_.Gate(who, "placement", "end"));
  Placement out;
  Timestamp now = Now();
  CC_RETURN_IF_ERROR(store_.Write([&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(Placement p, Fetch(tx, id, "placement"));
    CC_ASSIGN_OR_RETURN(Relation rel, ToCouncil(tx, who, p.council));
    CC_RETURN_IF_ERROR(policy_.Check(who, rel, "placement", "end", "placement " + Str(id.value())));
    if (p.end) return Conflict("the placement already ended on " + p.end->ToIso(), "endDate");
    if (request.end < p.start)
      return InvalidArgument("endDate", "is before the placement started (" + p.start.ToIso() + ")");
    if (request.reason_place_change.empty() == request.reason_ceased.empty())
      return InvalidArgument("reasonPlaceChange",
                             "give the SSDA903 reason for the placement change, or reasonCeased when care "
                             "ends with it (one of the two)");
    std::string before = RecordDigest(p);
    p.end = request.end;
    p.reason_place_change = request.reason_place_change;
    p.reason_ceased = request.reason_ceased;
    CC_RETURN_IF_ERROR(tx.Update(p));
    // Free the place: a new vacancy from the end date (the booked one stays as history).
    std::string freed;
    if (p.home) {
      Vacancy v{.home = *p.home, .available_from = request.end, .status = VacancyStatus::kOpen};
      CC_ASSIGN_OR_RETURN(v.id, tx.Create(v));
      freed = Str(v.id.value());
    }
    // Close the payments: weeks from the end are cancelled, the week it ends in is paid pro rata.
    CC_ASSIGN_OR_RETURN(auto payments, tx.ListBy<Payment>(id));
    for (Payment& pay : payments) {
      if (pay.status != PaymentStatus::kScheduled) continue;
      if (pay.week_start >= request.end) {
        pay.status = PaymentStatus::kCancelled;
      } else if (pay.week_start.AddDays(7) > request.end) {
        auto days = request.end.days_since_epoch() - pay.week_start.days_since_epoch();
        pay.amount = Pence(static_cast<std::int64_t>(
            std::llround(static_cast<double>(pay.amount.value()) * static_cast<double>(days) / 7.0)));
      } else {
        continue;
      }
      CC_RETURN_IF_ERROR(tx.Update(pay));
    }
    out = p;
    return Audit(tx, who, now, "placement.end", "placement", id.value(), before,
                 Combined({RecordDigest(p), freed}));
  }));
  worlds_.Invalidate();
  return out;
}

Result<std::vector<Payment>> Workflow::ListPayments(const Principal& who, PlacementId id) {
  CC_RETURN_IF_ERROR(policy_.Gate(who, "payment", "list"));
  std::vector<Payment> out;
  CC_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(Placement p, Fetch(tx, id, "placement"));
    CC_ASSIGN_OR_RETURN(Relation rel, ToCouncil(tx, who, p.council));
    CC_RETURN_IF_ERROR(policy_.Check(who, rel, "payment", "list", "placement " + Str(id.value())));
    CC_ASSIGN_OR_RETURN(out, (tx.ListBy<Payment>(id)));
    return Status::Ok();
  }));
  return out;
}

// ---------------------------------------------------------------------------
// National layer

Result<std::vector<NationalRow>> Workflow::National(const Principal& who) {
  std::vector<NationalRow> out;
  CC_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) -> Status {
    CC_RETURN_IF_ERROR(policy_.Check(who, Relation::kAny, "national", "read", "figures"));
    CC_ASSIGN_OR_RETURN(auto rccs, tx.List<Rcc>());
    std::map<std::int64_t, NationalRow> rows;
    for (const Rcc& r : rccs) rows[r.id.value()] = {r.code, r.name, {}, {}, {}, {}};
    auto suppress = [](std::int64_t n) -> std::optional<std::int64_t> {
      if (n < kSmallNumber) return std::nullopt;
      return n;
    };
    CC_RETURN_IF_ERROR(tx.connection().Query(
        "SELECT m.rcc_id, COUNT(*) FROM referral r JOIN rcc_member m ON m.council_id = r.council_id "
        "WHERE r.status IN ('open', 'sent_to_providers', 'proposed', 'approved') GROUP BY m.rcc_id",
        {}, [&](const store::SqlRow& row) {
          rows[row.Int(0)].open_referrals = suppress(row.Int(1));
          return Status::Ok();
        }));
    CC_RETURN_IF_ERROR(tx.connection().Query(
        "SELECT m.rcc_id, COUNT(*), SUM(p.emergency), SUM(p.weekly_fee) FROM placement p "
        "JOIN rcc_member m ON m.council_id = p.council_id WHERE p.end_date IS NULL GROUP BY m.rcc_id",
        {}, [&](const store::SqlRow& row) {
          NationalRow& n = rows[row.Int(0)];
          std::int64_t count = row.Int(1);
          n.current_placements = suppress(count);
          n.emergency_placements = suppress(row.Int(2));
          if (count >= kSmallNumber) n.mean_weekly_fee = Pence(row.Int(3) / count);
          return Status::Ok();
        }));
    for (auto& [id, row] : rows) out.push_back(std::move(row));
    return Status::Ok();
  }));
  return out;
}

Result<forecast::Sufficiency> Workflow::Sufficiency(const Principal& who, RccId id) {
  forecast::Sufficiency out;
  CC_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) -> Status {
    CC_RETURN_IF_ERROR(policy_.Gate(who, "sufficiency", "read"));
    CC_ASSIGN_OR_RETURN(Rcc rcc, Fetch(tx, id, "rcc"));
    CC_RETURN_IF_ERROR(policy_.Check(who, ToRcc(who, rcc.id), "sufficiency", "read", "rcc " + Str(id.value())));
    CC_ASSIGN_OR_RETURN(out, LoadSufficiency(tx, rcc, Today()));
    return Status::Ok();
  }));
  if (who.role == Role::kNationalAnalyst) out.suppress_below = static_cast<int>(kSmallNumber);
  return out;
}

}  // namespace carecoop::services
