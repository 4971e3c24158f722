// National contracts (services/national_contracts.h): the national
// commissioner lets one, a call-off for every RCC in one audited
// transaction; the national roles and RCC commissioners list them with a
// block's ledger of weeks. O(RCCs + placements open on the start day) to let
// (the default void shares count children placed); O(contracts +
// placements and block weeks under them) to list.
#include "services/national_contracts.h"

#include <algorithm>
#include <map>
#include <set>

#include "market/budget.h"
#include "services/step.h"
#include "services/workflow.h"
#include "store/aggregates.h"

namespace carecoop::services {
namespace {

// The most weeks of a block's ledger a list shows (a quarter).
constexpr std::size_t kLedgerWeeks = 13;

// Each RCC's share of a block's voids, in basis points summing to 10,000, in
// the order of `rccs`: as given (every RCC named at most once, each share
// 0..10,000, summing to 10,000), or in proportion to the children placed on
// `day` (equal shares when no child is placed anywhere).
Result<std::vector<int>> VoidShares(store::Tx& tx, const std::vector<Rcc>& rccs,
                                    const std::map<RccId, int>& given, Date day) {
  std::vector<std::int64_t> weights;
  if (!given.empty()) {
    std::int64_t sum = 0;
    for (const auto& [rcc, bp] : given) {
      const std::string which = "RCC " + std::to_string(rcc.value());
      if (std::none_of(rccs.begin(), rccs.end(), [&](const Rcc& r) { return r.id == rcc; }))
        return InvalidArgument("voidShares", "names " + which + ", which is not an RCC");
      if (bp < 0 || bp > 10'000)
        return InvalidArgument("voidShares", which + "'s share must be 0 to 10000 basis points");
      sum += bp;
    }
    if (sum != 10'000)
      return InvalidArgument("voidShares",
                             "must sum to 10000 basis points, not " + std::to_string(sum));
    std::vector<int> out;
    for (const Rcc& r : rccs) {
      auto it = given.find(r.id);
      out.push_back(it == given.end() ? 0 : it->second);
    }
    return out;
  }
  CC_ASSIGN_OR_RETURN(auto placed, store::MovesPlacementsBetween(tx, day, day));
  std::map<RccId, std::set<std::int64_t>> children;
  for (const store::MovesPlacementRow& p : placed)
    if (p.rcc) children[*p.rcc].insert(p.child);
  std::int64_t all = 0;
  for (const Rcc& r : rccs) {
    weights.push_back(static_cast<std::int64_t>(children[r.id].size()));
    all += weights.back();
  }
  if (all == 0) std::fill(weights.begin(), weights.end(), 1);
  // Basis points apportioned as pence would be: the same largest remainder.
  CC_ASSIGN_OR_RETURN(auto parts, market::Apportion(Pence(10'000), weights, "voidShares"));
  std::vector<int> out;
  for (Pence p : parts) out.push_back(static_cast<int>(p.value()));
  return out;
}

// RCC `rcc`'s call-off of the national contract `in`, with its void share.
Contract CallOffOf(const NationalContractInput& in, RccId rcc, int void_share_bp) {
  Contract c;
  c.provider = in.provider;
  c.rcc = rcc;
  c.type = in.type;
  c.reference = in.reference;
  c.start = in.start;
  c.end = in.end;
  c.fees = in.fees;
  c.status = ContractStatus::kInForce;
  c.uplift_cap_bp = in.uplift_cap_bp;
  c.national = true;
  c.block_places = in.block_places;
  c.block_homes = in.block_homes;
  c.void_share_bp = void_share_bp;
  return c;
}

// The national contract's terms, as a call-off of it states them.
NationalContract TermsOf(const Contract& c, std::string provider_name) {
  NationalContract n;
  n.reference = c.reference;
  n.provider = c.provider;
  n.provider_name = std::move(provider_name);
  n.type = c.type;
  n.start = c.start;
  n.end = c.end;
  n.fees = c.fees;
  n.status = c.status;
  n.block_places = c.block_places;
  n.block_homes = c.block_homes;
  return n;
}

}  // namespace

Result<NationalContract> Workflow::LetNationalContract(const Principal& who,
                                                       const NationalContractInput& in) {
  NationalContract out;
  Step step = Step::OnCollection(policy_, who, Now(), "national_contract", "create");
  CC_RETURN_IF_ERROR(step.Admit(store_));
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kAudited, [&](store::Tx& tx) -> Status {
    out = {};
    if (!in.provider.valid()) return InvalidArgument("providerId", "is required");
    if (in.type != ContractType::kFramework && in.type != ContractType::kBlock)
      return InvalidArgument("type", "a national contract is a framework or a block");
    if (in.type != ContractType::kBlock && !in.void_shares_bp.empty())
      return InvalidArgument("voidShares", "only a block shares its voids");
    auto provider = tx.Get<Provider>(in.provider);
    if (!provider.ok())
      return provider.status().code() == StatusCode::kNotFound
                 ? InvalidArgument("providerId", "is not a provider")
                 : provider.status();
    CC_ASSIGN_OR_RETURN(auto rccs, tx.List<Rcc>());
    if (rccs.empty()) return InvalidArgument("rccs", "there is no RCC to call it off");
    CC_ASSIGN_OR_RETURN(auto same, tx.NationalCallOffs(in.reference));
    if (!same.empty())
      return Conflict("a national contract " + in.reference + " is let already", "reference");
    std::vector<int> shares(rccs.size(), 0);
    if (in.type == ContractType::kBlock) {
      // The terms first (a bad block field is named before the homes are read).
      const Contract terms = CallOffOf(in, rccs.front().id, 0);
      CC_RETURN_IF_ERROR(Validate(terms));
      CC_RETURN_IF_ERROR(CheckBlockHomes(tx, terms));
      CC_ASSIGN_OR_RETURN(shares, VoidShares(tx, rccs, in.void_shares_bp, in.start));
    }
    std::vector<NationalCallOff> call_offs;
    for (std::size_t i = 0; i < rccs.size(); ++i) {
      const Rcc& r = rccs[i];
      Contract c = CallOffOf(in, r.id, shares[i]);
      CC_RETURN_IF_ERROR(Validate(c));  // the first call-off names a bad field; none is kept
      CC_ASSIGN_OR_RETURN(c.id, tx.Create(c));
      call_offs.push_back({c.id, r.id, r.name, c.status, c.void_share_bp, 0, Pence()});
      CC_RETURN_IF_ERROR(step.Audit(tx, "contract", c.id.value(), "", RecordDigest(c)));
    }
    out = TermsOf(CallOffOf(in, rccs.front().id, 0), provider->name);
    out.call_offs = std::move(call_offs);
    return Status::Ok();
  }));
  worlds_.Invalidate();
  return out;
}

Result<NationalContractList> Workflow::NationalContracts(const Principal& who,
                                                         std::optional<Date> on) {
  NationalContractList result;
  result.on = on.value_or(Today());
  const Date day = result.on;
  std::vector<NationalContract>& out = result.contracts;
  Step step = Step::OnCollection(policy_, who, Now(), "national_contract", "list");
  CC_RETURN_IF_ERROR(step.Admit(store_));
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kRead, [&](store::Tx& tx) -> Status {
    out.clear();
    CC_ASSIGN_OR_RETURN(auto contracts, tx.List<Contract>());
    CC_ASSIGN_OR_RETURN(auto rccs, tx.List<Rcc>());
    std::map<RccId, std::string> rcc_names;
    for (const Rcc& r : rccs) rcc_names[r.id] = r.name;
    std::map<std::string, std::size_t> at;  // by reference
    std::map<ProviderId, std::string> names;
    // A block's weeks by their first day: the RCCs' runs of each added up.
    std::map<std::string, std::map<Date, NationalBlockWeek>> ledger;
    for (const Contract& c : contracts) {
      if (!c.national) continue;
      auto [it, fresh] = at.try_emplace(c.reference, out.size());
      if (fresh) {
        auto name = names.find(c.provider);
        if (name == names.end()) {
          CC_ASSIGN_OR_RETURN(Provider p, tx.Get<Provider>(c.provider));
          name = names.emplace(c.provider, p.name).first;
        }
        out.push_back(TermsOf(c, name->second));
      }
      NationalContract& n = out[it->second];
      NationalCallOff call_off{c.id, c.rcc,  rcc_names[c.rcc], c.status, c.void_share_bp,
                               0,    Pence()};
      CC_ASSIGN_OR_RETURN(auto placements, tx.ListBy<Placement>(c.id));
      for (const Placement& p : placements)
        if (p.start <= day && (!p.end || day < *p.end)) ++call_off.placements_in_force;
      n.placements_in_force += call_off.placements_in_force;
      if (c.type == ContractType::kBlock) {
        CC_ASSIGN_OR_RETURN(auto weeks, tx.ListBy<BlockUtilisation>(c.id));
        for (const BlockUtilisation& w : weeks) {
          call_off.void_cost_paid = Pence(call_off.void_cost_paid.value() + w.void_cost.value());
          NationalBlockWeek& week = ledger[c.reference][w.week_from];
          // Every RCC's run measures the whole block: the same figures.
          week.week_from = w.week_from;
          week.reserved = w.reserved;
          week.used = w.used;
          week.voids = w.voids;
          week.void_cost_paid = Pence(week.void_cost_paid.value() + w.void_cost.value());
          ++week.rccs_paid;
        }
      }
      n.call_offs.push_back(std::move(call_off));
    }
    for (NationalContract& n : out) {
      const auto& weeks = ledger[n.reference];
      for (auto w = weeks.rbegin(); w != weeks.rend() && n.weeks.size() < kLedgerWeeks; ++w)
        n.weeks.push_back(w->second);
    }
    return Status::Ok();
  }));
  return result;
}

Result<std::vector<DirectoryProvider>> Workflow::ProviderDirectory(const Principal& who,
                                                                   std::optional<Setting> setting) {
  std::vector<DirectoryProvider> out;
  Step step = Step::OnCollection(policy_, who, Now(), "provider_directory", "list");
  CC_RETURN_IF_ERROR(step.Admit(store_));
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kRead, [&](store::Tx& tx) -> Status {
    out.clear();
    CC_ASSIGN_OR_RETURN(auto providers, tx.List<Provider>());
    CC_ASSIGN_OR_RETURN(auto homes, tx.List<Home>());
    CC_ASSIGN_OR_RETURN(auto councils, tx.List<Council>());
    std::map<CouncilId, std::string> council_names;
    for (const Council& c : councils) council_names[c.id] = c.name;
    std::map<ProviderId, std::vector<DirectoryHome>> by_provider;
    for (const Home& h : homes)
      if (!setting || h.setting == *setting)
        by_provider[h.provider].push_back({h.id, h.name, h.setting, h.registered_places,
                                           h.ofsted_rating, council_names[h.council]});
    for (const Provider& p : providers) {
      auto it = by_provider.find(p.id);
      if (it == by_provider.end()) continue;
      out.push_back({p.id, p.name, p.ownership, std::move(it->second)});
    }
    std::stable_sort(
        out.begin(), out.end(),
        [](const DirectoryProvider& a, const DirectoryProvider& b) { return a.name < b.name; });
    return Status::Ok();
  }));
  return out;
}

}  // namespace carecoop::services
