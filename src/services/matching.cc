#include "services/matching.h"

#include <algorithm>
#include <charconv>

namespace carecoop::services {

std::string MatchingWorld::CouncilName(CouncilId id) const {
  for (const Council& c : councils)
    if (c.id == id) return c.name;
  return "council " + std::to_string(id.value());
}

const Child* MatchingWorld::FindChild(ChildId id) const {
  auto it = std::lower_bound(children.begin(), children.end(), id,
                             [](const Child& c, ChildId x) { return c.id < x; });
  return it != children.end() && it->id == id ? &*it : nullptr;
}

std::optional<RccId> MatchingWorld::RccOf(CouncilId council) const {
  for (const Rcc& r : rccs)
    if (std::find(r.member_councils.begin(), r.member_councils.end(), council) !=
        r.member_councils.end())
      return r.id;
  return std::nullopt;
}

Result<match::SnapshotInput> ReadSnapshotInput(store::Tx& tx, Date as_at) {
  match::SnapshotInput in;
  in.as_at = as_at;
  CC_ASSIGN_OR_RETURN(in.rccs, tx.List<Rcc>());
  CC_ASSIGN_OR_RETURN(in.councils, tx.List<Council>());
  CC_ASSIGN_OR_RETURN(in.providers, tx.List<Provider>());
  CC_ASSIGN_OR_RETURN(in.homes, tx.List<Home>());
  CC_ASSIGN_OR_RETURN(in.vacancies, tx.List<Vacancy>());
  CC_ASSIGN_OR_RETURN(in.placements, tx.List<Placement>());
  CC_ASSIGN_OR_RETURN(in.children, tx.List<Child>());
  CC_ASSIGN_OR_RETURN(in.contracts, tx.List<Contract>());
  return in;
}

Result<MatchingWorld> LoadWorld(store::Tx& tx, Date as_at) {
  CC_ASSIGN_OR_RETURN(match::SnapshotInput in, ReadSnapshotInput(tx, as_at));
  MatchingWorld world;
  world.snapshot = match::BuildSnapshot(in);
  world.rccs = std::move(in.rccs);
  world.councils = std::move(in.councils);
  world.children = std::move(in.children);  // listed in id order
  return world;
}

Result<Rcc> FindRcc(store::Tx& tx, std::string_view code_or_id) {
  CC_ASSIGN_OR_RETURN(auto rccs, tx.List<Rcc>());
  std::int64_t id = 0;
  auto [end, ec] = std::from_chars(code_or_id.data(), code_or_id.data() + code_or_id.size(), id);
  bool numeric = ec == std::errc() && end == code_or_id.data() + code_or_id.size();
  for (const Rcc& r : rccs)
    if (r.code == code_or_id || (numeric && r.id.value() == id)) return r;
  std::string known;
  for (const Rcc& r : rccs) known += (known.empty() ? "" : ", ") + r.code;
  return InvalidArgument(
      "rcc", "no RCC '" + std::string(code_or_id) + "' in this store (RCCs: " + known + ")");
}

namespace {

HomeInfo InfoOf(const MatchingWorld& world, std::size_t h) {
  const match::Snapshot& s = world.snapshot;
  return {s.id[h], s.name[h], s.setting[h], world.CouncilName(s.council[h]), s.location[h]};
}

bool Matchable(ReferralStatus s) {
  return s == ReferralStatus::kOpen || s == ReferralStatus::kSentToProviders ||
         s == ReferralStatus::kProposed;
}

Result<match::ReferralNeeds> NeedsOf(const MatchingWorld& world, const Referral& referral) {
  const Child* child = world.FindChild(referral.child);
  if (!child)
    return NotFound("child " + std::to_string(referral.child.value()) + " of referral " +
                    std::to_string(referral.id.value()));
  return match::MakeNeeds(referral, *child, world.RccOf(referral.council), world.snapshot);
}

}  // namespace

Result<RankedReferral> RankInWorld(const MatchingWorld& world, const Referral& referral,
                                   const Child& child, int k, const match::MatchPolicy& policy) {
  CC_RETURN_IF_ERROR(match::Validate(policy));
  if (k < 1) return InvalidArgument("top", "must be at least 1");
  if (!Matchable(referral.status))
    return InvalidArgument("referral", "referral " + std::to_string(referral.id.value()) + " is " +
                                           std::string(EnumLabel(referral.status)) +
                                           ", not open: there is nothing to match");
  RankedReferral out;
  out.referral = referral;
  CC_ASSIGN_OR_RETURN(
      out.needs, match::MakeNeeds(referral, child, world.RccOf(referral.council), world.snapshot));
  out.ranking = match::Rank(out.needs, world.snapshot, policy, k);
  out.council = world.CouncilName(referral.council);
  for (const match::Option& o : out.ranking.options)
    out.option_homes.push_back(InfoOf(world, o.home));
  out.homes_considered = world.snapshot.size();
  return out;
}

Result<RankedReferral> RankReferral(store::Store& store, ReferralId id, Date as_at, int k,
                                    const match::MatchPolicy& policy) {
  Result<RankedReferral> out = Internal("not ranked");
  CC_RETURN_IF_ERROR(store.Read([&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(Referral referral, tx.Get<Referral>(id));
    CC_ASSIGN_OR_RETURN(MatchingWorld world, LoadWorld(tx, as_at));
    const Child* child = world.FindChild(referral.child);
    if (!child)
      return NotFound("child " + std::to_string(referral.child.value()) + " of referral " +
                      std::to_string(referral.id.value()));
    out = RankInWorld(world, referral, *child, k, policy);
    return out.status();
  }));
  return out;
}

namespace {

Result<std::shared_ptr<const MatchingWorld>> ReadWorld(store::Store& store, Date as_at) {
  std::shared_ptr<const MatchingWorld> fresh;
  CC_RETURN_IF_ERROR(store.Read([&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(MatchingWorld world, LoadWorld(tx, as_at));
    fresh = std::make_shared<const MatchingWorld>(std::move(world));
    return Status::Ok();
  }));
  return fresh;
}

}  // namespace

WorldCache::~WorldCache() {
  std::thread reloader;
  {
    std::lock_guard lock(mu_);
    reloader = std::move(reloader_);
  }
  if (reloader.joinable()) reloader.join();
}

Result<std::shared_ptr<const MatchingWorld>> WorldCache::Get(store::Store& store, Date as_at) {
  std::unique_lock lock(mu_);
  auto now = std::chrono::steady_clock::now();
  if (!world_ || as_at_ != as_at) {
    // Nothing to serve meanwhile: load now (holding the lock, so once).
    std::uint64_t generation = generation_;
    CC_ASSIGN_OR_RETURN(world_, ReadWorld(store, as_at));
    as_at_ = as_at;
    loaded_ = now;
    loaded_generation_ = generation;
    return world_;
  }
  bool stale = loaded_generation_ != generation_ || now - loaded_ >= max_age_;
  if (stale && !reloading_) {
    reloading_ = true;
    if (reloader_.joinable()) reloader_.join();  // finished: reloading_ was false
    std::uint64_t generation = generation_;
    reloader_ = std::thread([this, &store, as_at, generation] {
      auto fresh = ReadWorld(store, as_at);
      std::lock_guard relock(mu_);
      // Installed unless a newer world was loaded meanwhile (after a Reset).
      if (fresh.ok() && as_at_ == as_at && generation >= loaded_generation_) {
        world_ = *fresh;
        loaded_ = std::chrono::steady_clock::now();
        loaded_generation_ = generation;
      }
      reloading_ = false;
    });
  }
  return world_;
}

void WorldCache::Invalidate() {
  std::lock_guard lock(mu_);
  ++generation_;
}

void WorldCache::Reset() {
  std::lock_guard lock(mu_);
  ++generation_;
  world_.reset();
}

Result<SourcingPolicy> ParseSourcingPolicy(std::string_view text) {
  if (text == "needs-led") return SourcingPolicy::kNeedsLed;
  if (text == "sequential") return SourcingPolicy::kSequential;
  return InvalidArgument("policy",
                         "must be needs-led or sequential, not '" + std::string(text) + "'");
}

std::string_view SourcingPolicyName(SourcingPolicy p) {
  return p == SourcingPolicy::kNeedsLed ? "needs-led" : "sequential";
}

namespace {

// The RCC's open referrals and the world, read in one transaction.
struct RegionInput {
  Rcc rcc;
  MatchingWorld world;
  std::vector<Referral> referrals;
  std::vector<match::ReferralNeeds> needs;
};

Result<RegionInput> LoadRegion(store::Store& store, std::string_view rcc, Date as_at) {
  RegionInput in;
  CC_RETURN_IF_ERROR(store.Read([&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(in.rcc, FindRcc(tx, rcc));
    CC_ASSIGN_OR_RETURN(in.world, LoadWorld(tx, as_at));
    CC_ASSIGN_OR_RETURN(auto referrals, tx.List<Referral>(store::Scope::Of(in.rcc.id)));
    std::sort(referrals.begin(), referrals.end(),
              [](const Referral& a, const Referral& b) { return a.id < b.id; });
    for (Referral& r : referrals) {
      if (!Matchable(r.status)) continue;
      CC_ASSIGN_OR_RETURN(auto needs, NeedsOf(in.world, r));
      in.needs.push_back(std::move(needs));
      in.referrals.push_back(std::move(r));
    }
    return Status::Ok();
  }));
  return in;
}

RegionPlan Plan(const RegionInput& in, SourcingPolicy policy, const match::ArcSet& arcs,
                const match::MatchPolicy& match_policy) {
  RegionPlan plan;
  plan.rcc = in.rcc;
  plan.policy = policy;
  plan.referrals = in.referrals;
  plan.needs = in.needs;
  plan.assignment = policy == SourcingPolicy::kNeedsLed
                        ? match::Assign(in.needs, in.world.snapshot, arcs, match_policy)
                        : match::AssignSequential(in.needs, in.world.snapshot, arcs, match_policy);
  plan.metrics = match::Measure(in.needs, in.world.snapshot, plan.assignment, match_policy);
  for (std::size_t r = 0; r < in.referrals.size(); ++r) {
    plan.councils.push_back(in.world.CouncilName(in.referrals[r].council));
    std::int32_t h = r < plan.assignment.home_of.size() ? plan.assignment.home_of[r] : -1;
    plan.placed_in.push_back(h < 0 ? std::nullopt
                                   : std::optional(InfoOf(in.world, static_cast<std::size_t>(h))));
  }
  return plan;
}

}  // namespace

Result<RegionPlan> PlanRegion(store::Store& store, std::string_view rcc, SourcingPolicy policy,
                              Date as_at, const match::MatchPolicy& match_policy) {
  CC_RETURN_IF_ERROR(match::Validate(match_policy));
  CC_ASSIGN_OR_RETURN(RegionInput in, LoadRegion(store, rcc, as_at));
  match::ArcSet arcs = match::BuildArcs(in.needs, in.world.snapshot, match_policy);
  RegionPlan plan = Plan(in, policy, arcs, match_policy);
  if (plan.assignment.outcome == match::AssignOutcome::kInvalid)
    return InvalidArgument("policy", plan.assignment.error);
  return plan;
}

Result<PolicyComparison> ComparePolicies(store::Store& store, std::string_view rcc, Date as_at,
                                         const match::MatchPolicy& match_policy) {
  CC_RETURN_IF_ERROR(match::Validate(match_policy));
  CC_ASSIGN_OR_RETURN(RegionInput in, LoadRegion(store, rcc, as_at));
  match::ArcSet arcs = match::BuildArcs(in.needs, in.world.snapshot, match_policy);
  PolicyComparison out{Plan(in, SourcingPolicy::kNeedsLed, arcs, match_policy),
                       Plan(in, SourcingPolicy::kSequential, arcs, match_policy)};
  return out;
}

}  // namespace carecoop::services
