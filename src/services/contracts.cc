// The contracts register (services/workflow.h): an RCC's contracts, those
// its member councils brought with them and those it let, each with its
// route, provider, places, spend over the last year, expiry, current fee
// (after uplifts, market/contract_terms.h) and the RCC's decision.
// O(contracts + placements of the RCC's councils).
#include <map>

#include "market/contract_terms.h"
#include "services/step.h"
#include "services/workflow.h"

namespace carecoop::services {

Result<std::vector<ContractRow>> Workflow::ContractRegister(const Principal& who, RccId rcc,
                                                            Date day) {
  std::vector<ContractRow> out;
  Step step = Step::OnRecord(policy_, who, Now(), "contract", "list");
  CC_RETURN_IF_ERROR(step.Admit(store_));
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kAudited, [&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(Rcc r, step.Fetch(tx, rcc));
    CC_ASSIGN_OR_RETURN(auto contracts, tx.List<Contract>(store::Scope::Of(r.id)));
    std::map<CouncilId, std::string> council_names;
    std::map<ContractId, ContractRow*> row_of;
    out.reserve(contracts.size());
    for (CouncilId c : r.member_councils) {
      CC_ASSIGN_OR_RETURN(Council council, tx.Get<Council>(c));
      council_names[c] = council.name;
    }
    std::map<ProviderId, std::string> provider_names;
    for (const Contract& c : contracts) {
      ContractRow row;
      row.contract = c;
      auto name = provider_names.find(c.provider);
      if (name == provider_names.end()) {
        CC_ASSIGN_OR_RETURN(Provider p, tx.Get<Provider>(c.provider));
        name = provider_names.emplace(c.provider, p.name).first;
      }
      row.provider = name->second;
      if (c.inherited_from) row.inherited_from = council_names[*c.inherited_from];
      row.standard_fee_now = market::StandardFeeNow(c, day);
      out.push_back(std::move(row));
    }
    for (ContractRow& row : out) row_of[row.contract.id] = &row;
    const Date year_ago = day.AddDays(-365);
    for (CouncilId c : r.member_councils) {
      CC_ASSIGN_OR_RETURN(auto placements, tx.List<Placement>(store::Scope::Of(c)));
      for (const Placement& p : placements) {
        if (!p.contract) continue;
        auto it = row_of.find(*p.contract);
        if (it == row_of.end()) continue;
        ContractRow& row = *it->second;
        if (p.start <= day && (!p.end || day < *p.end)) ++row.placements_in_force;
        const Date from = std::max(p.start, year_ago);
        const Date to = p.end ? std::min(*p.end, day) : day;
        if (from < to) {
          const std::int64_t days = to.days_since_epoch() - from.days_since_epoch();
          row.spend_last_year =
              Pence(row.spend_last_year.value() + p.weekly_fee.value() * days / 7);
        }
      }
    }
    for (ContractRow& row : out)
      row.places = row.contract.type == ContractType::kBlock ? row.contract.block_places
                                                             : row.placements_in_force;
    return step.Audit(tx, "rcc", r.id.value(), "", DigestOfIds(contracts));
  }));
  return out;
}

}  // namespace carecoop::services

namespace carecoop::services {
namespace {

bool Overlap(const Contract& a, const Contract& b) {
  const Date far(9999, 12, 31);
  return a.start <= b.end.value_or(far) && b.start <= a.end.value_or(far);
}

bool Live(ContractStatus s) {
  return s == ContractStatus::kAwarded || s == ContractStatus::kInForce ||
         s == ContractStatus::kOpen || s == ContractStatus::kDraft;
}

}  // namespace

Status Workflow::CheckBlockHomes(store::Tx& tx, const Contract& c) {
  // A block reserves no more places than its named homes have, all the provider's.
  int places = 0;
  for (std::size_t i = 0; i < c.block_homes.size(); ++i) {
    auto home = tx.Get<Home>(c.block_homes[i]);
    const std::string field = "blockHomes[" + std::to_string(i) + "]";
    if (!home.ok()) return InvalidArgument(field, "is not a home");
    if (home->provider != c.provider) return InvalidArgument(field, "is another provider's home");
    places += home->registered_places;
  }
  if (c.type == ContractType::kBlock && c.block_places > places)
    return InvalidArgument("blockPlaces", "reserves " + std::to_string(c.block_places) +
                                              " places in homes that have " +
                                              std::to_string(places));
  return Status::Ok();
}

Result<Contract> Workflow::CreateContract(const Principal& who, RccId rcc, Contract c) {
  Step step = Step::OnRecord(policy_, who, Now(), "contract", "create");
  CC_RETURN_IF_ERROR(step.Admit(store_));
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kAudited, [&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(Rcc r, step.Fetch(tx, rcc));
    c.rcc = r.id;
    CC_RETURN_IF_ERROR(Validate(c));
    if (c.inherited_from && std::find(r.member_councils.begin(), r.member_councils.end(),
                                      *c.inherited_from) == r.member_councils.end())
      return InvalidArgument("inheritedFromCouncilId", "is not a member council of the RCC");
    auto provider = tx.Get<Provider>(c.provider);
    if (!provider.ok()) return InvalidArgument("providerId", "is not a provider");
    CC_RETURN_IF_ERROR(CheckBlockHomes(tx, c));
    // One contract a route with a provider at a time.
    CC_ASSIGN_OR_RETURN(auto existing, tx.List<Contract>(store::Scope::Of(r.id)));
    for (const Contract& other : existing)
      if (other.provider == c.provider && other.type == c.type && Live(other.status) &&
          Overlap(other, c))
        return InvalidArgument("startDate", "overlaps the term of contract " + other.reference +
                                                " with the same provider and route");
    CC_ASSIGN_OR_RETURN(c.id, tx.Create(c));
    c.version = 1;
    return step.Audit(tx, "contract", c.id.value(), "", RecordDigest(c));
  }));
  return c;
}

Result<Contract> Workflow::ChangeContract(const Principal& who, ContractId id, std::int64_t version,
                                          std::optional<ContractStatus> status,
                                          std::optional<RegisterDecision> decision) {
  Contract out;
  Step step = Step::OnRecord(policy_, who, Now(), "contract", "update");
  CC_RETURN_IF_ERROR(step.Admit(store_));
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kAudited, [&](store::Tx& tx) -> Status {
    auto found = tx.Get<Contract>(id);
    if (!found.ok())
      return found.status().code() == StatusCode::kNotFound
                 ? NotFound("no contract " + std::to_string(id.value()))
                 : found.status();
    Contract c = *found;
    // Authorised through its RCC: another RCC's contract is as missing as none.
    auto rcc = step.Fetch(tx, c.rcc);
    if (!rcc.ok())
      return rcc.status().code() == StatusCode::kNotFound
                 ? NotFound("no contract " + std::to_string(id.value()))
                 : rcc.status();
    if (c.version != version)
      return Conflict(
          "the contract was changed since it was read (version " + std::to_string(c.version) + ")",
          "version");
    const std::string before = RecordDigest(c);
    if (status && *status != c.status) {
      if (!CanMove(c.status, *status))
        return InvalidArgument("status", "a contract cannot move from " +
                                             std::string(EnumCode(c.status)) + " to " +
                                             std::string(EnumCode(*status)));
      c.status = *status;
    }
    if (decision) {
      if (!c.inherited_from)
        return InvalidArgument("decision", "only an inherited contract carries a decision");
      c.decision = *decision;
    }
    CC_RETURN_IF_ERROR(tx.Update(c));
    out = c;
    return step.Audit(tx, "contract", c.id.value(), before, RecordDigest(c));
  }));
  worlds_.Invalidate();
  return out;
}

}  // namespace carecoop::services
