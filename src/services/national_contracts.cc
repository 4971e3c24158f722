// National contracts (services/national_contracts.h): the national
// commissioner lets one, a call-off for every RCC in one audited
// transaction; the national roles and RCC commissioners list them.
// O(RCCs) to let; O(contracts + placements under them) to list.
#include "services/national_contracts.h"

#include <map>

#include "services/step.h"
#include "services/workflow.h"

namespace carecoop::services {

Result<NationalContract> Workflow::LetNationalContract(const Principal& who,
                                                       const NationalContractInput& in) {
  NationalContract out;
  Step step = Step::OnCollection(policy_, who, Now(), "national_contract", "create");
  CC_RETURN_IF_ERROR(step.Admit(store_));
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kAudited, [&](store::Tx& tx) -> Status {
    out = {};
    if (!in.provider.valid()) return InvalidArgument("providerId", "is required");
    auto provider = tx.Get<Provider>(in.provider);
    if (!provider.ok())
      return provider.status().code() == StatusCode::kNotFound
                 ? InvalidArgument("providerId", "is not a provider")
                 : provider.status();
    CC_ASSIGN_OR_RETURN(auto rccs, tx.List<Rcc>());
    if (rccs.empty()) return InvalidArgument("rccs", "there is no RCC to call it off");
    CC_ASSIGN_OR_RETURN(auto contracts, tx.List<Contract>());
    for (const Contract& c : contracts)
      if (c.national && c.reference == in.reference)
        return Conflict("a national contract " + in.reference + " is let already", "reference");
    for (const Rcc& r : rccs) {
      Contract c;
      c.provider = in.provider;
      c.rcc = r.id;
      c.type = ContractType::kFramework;
      c.reference = in.reference;
      c.start = in.start;
      c.end = in.end;
      c.fees = in.fees;
      c.status = ContractStatus::kInForce;
      c.uplift_cap_bp = in.uplift_cap_bp;
      c.national = true;
      CC_RETURN_IF_ERROR(Validate(c));  // the first call-off names a bad field; none is kept
      CC_ASSIGN_OR_RETURN(c.id, tx.Create(c));
      out.call_offs.push_back(c.id);
      CC_RETURN_IF_ERROR(step.Audit(tx, "contract", c.id.value(), "", RecordDigest(c)));
    }
    out.reference = in.reference;
    out.provider = in.provider;
    out.provider_name = provider->name;
    out.start = in.start;
    out.end = in.end;
    out.fees = in.fees;
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
    std::map<std::string, std::size_t> at;  // by reference
    std::map<ProviderId, std::string> names;
    for (const Contract& c : contracts) {
      if (!c.national) continue;
      auto [it, fresh] = at.try_emplace(c.reference, out.size());
      if (fresh) {
        auto name = names.find(c.provider);
        if (name == names.end()) {
          CC_ASSIGN_OR_RETURN(Provider p, tx.Get<Provider>(c.provider));
          name = names.emplace(c.provider, p.name).first;
        }
        out.push_back(
            {c.reference, c.provider, name->second, c.start, c.end, c.fees, c.status, {}, 0});
      }
      NationalContract& n = out[it->second];
      n.call_offs.push_back(c.id);
      CC_ASSIGN_OR_RETURN(auto placements, tx.ListBy<Placement>(c.id));
      for (const Placement& p : placements)
        if (p.start <= day && (!p.end || day < *p.end)) ++n.placements_in_force;
    }
    return Status::Ok();
  }));
  return result;
}

}  // namespace carecoop::services
