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
      if (!c.fees.empty()) {
        auto fee = market::UpliftedFee(c.fees.front().weekly_fee, c.start, day, c.uplift_cap_bp);
        row.standard_fee_now = fee.ok() ? *fee : c.fees.front().weekly_fee;
      }
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
