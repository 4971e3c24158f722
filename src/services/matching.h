// The matching service: reads what the matching engine needs from the store
// (homes with open vacancies, the open referrals of an RCC) and runs it.
// The CLI (`carecoop match ...`) and, later, the HTTP API are thin layers
// over these functions. The engine itself (src/match/) stays pure.
#ifndef CARECOOP_SERVICES_MATCHING_H_
#define CARECOOP_SERVICES_MATCHING_H_

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "match/assign.h"
#include "match/rank.h"
#include "match/sequential.h"
#include "store/store.h"

namespace carecoop::services {

// What the engine matches against, as at a date, and the names behind its
// indices, for printing.
struct MatchingWorld {
  match::Snapshot snapshot;
  std::vector<Rcc> rccs;
  std::vector<Council> councils;  // ascending by id; use CouncilName
  std::vector<Child> children;    // ascending by id; use FindChild
  std::string CouncilName(CouncilId id) const;
  const Child* FindChild(ChildId id) const;  // null when there is none
  std::optional<RccId> RccOf(CouncilId council) const;
};

// What BuildSnapshot reads, as at `as_at`: every RCC, council, provider,
// home, vacancy, placement, child and contract (LoadWorld; the simulator's
// world, services/simulation.h).
Result<match::SnapshotInput> ReadSnapshotInput(store::Tx& tx, Date as_at);

// Loads the snapshot of every home with an open vacancy as at `as_at`.
Result<MatchingWorld> LoadWorld(store::Tx& tx, Date as_at);

// An RCC by its code ("NW-GM") or numeric id; NotFound naming what was asked.
Result<Rcc> FindRcc(store::Tx& tx, std::string_view code_or_id);

// A home as people read it, beside an engine's snapshot index.
struct HomeInfo {
  HomeId id;
  std::string name;
  Setting setting = Setting::kFosteringHousehold;
  std::string council;  // the council area it is in
  LatLon location;      // where it stands (for the hub's plot of options)
};

struct RankedReferral {
  Referral referral;
  std::string council;                 // the child's council
  std::vector<HomeInfo> option_homes;  // parallel to ranking.options
  match::ReferralNeeds needs;
  match::Ranking ranking;
  std::size_t homes_considered = 0;
};

// The top `k` options for one referral (any status but draft, withdrawn or placed).
Result<RankedReferral> RankReferral(store::Store& store, ReferralId id, Date as_at, int k,
                                    const match::MatchPolicy& policy);

// The same against a world already loaded, for `child` (the referral's).
Result<RankedReferral> RankInWorld(const MatchingWorld& world, const Referral& referral,
                                   const Child& child, int k, const match::MatchPolicy& policy);

// The world as at a date, kept between requests: loading it reads every home
// and placement, which a server must not do per request. The first request
// for a date loads it; after that, when it is older than max_age (changes
// made by other processes) or Invalidate() was called (a booking or an
// ending here), it is reloaded on a background thread while requests go on
// with the copy they have: a ranking may lag a booking by one reload, never
// the booking itself, which the store enforces. Thread-safe.
class WorldCache {
 public:
  explicit WorldCache(std::chrono::seconds max_age = std::chrono::seconds(30))
      : max_age_(max_age) {}
  ~WorldCache();
  WorldCache(const WorldCache&) = delete;
  WorldCache& operator=(const WorldCache&) = delete;

  Result<std::shared_ptr<const MatchingWorld>> Get(store::Store& store, Date as_at);
  void Invalidate();
  // The next Get loads afresh and waits for it: for a change the very next
  // search must see (a vacancy published or withdrawn, a home edited).
  void Reset();

 private:
  std::chrono::seconds max_age_;
  std::mutex mu_;
  std::shared_ptr<const MatchingWorld> world_;
  Date as_at_;
  std::chrono::steady_clock::time_point loaded_{};
  std::uint64_t generation_ = 0;         // bumped by Invalidate
  std::uint64_t loaded_generation_ = 0;  // the generation world_ was read at
  bool reloading_ = false;
  std::thread reloader_;
};

enum class SourcingPolicy { kNeedsLed, kSequential };
Result<SourcingPolicy> ParseSourcingPolicy(std::string_view text);  // "needs-led" | "sequential"
std::string_view SourcingPolicyName(SourcingPolicy p);

// Every open referral (open or sent to providers) of an RCC's councils,
// placed at once by one policy.
struct RegionPlan {
  Rcc rcc;
  SourcingPolicy policy = SourcingPolicy::kNeedsLed;
  std::vector<Referral> referrals;
  std::vector<match::ReferralNeeds> needs;
  std::vector<std::string> councils;               // per referral: the child's council
  std::vector<std::optional<HomeInfo>> placed_in;  // per referral
  match::Assignment assignment;
  match::PlanMetrics metrics;
};

Result<RegionPlan> PlanRegion(store::Store& store, std::string_view rcc, SourcingPolicy policy,
                              Date as_at, const match::MatchPolicy& match_policy);

// Both policies on the same open referrals and homes.
struct PolicyComparison {
  RegionPlan needs_led;
  RegionPlan sequential;
};
Result<PolicyComparison> ComparePolicies(store::Store& store, std::string_view rcc, Date as_at,
                                         const match::MatchPolicy& match_policy);

}  // namespace carecoop::services

#endif  // CARECOOP_SERVICES_MATCHING_H_
