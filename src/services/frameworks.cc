// Frameworks and DPS (services/workflow.h): an RCC's agreements with their
// lots, admissions made under market/admission.h's rules, and a provider's
// own view of its contracts with every RCC. O(frameworks + contracts of the RCC).
#include <map>

#include "market/admission.h"
#include "market/contract_terms.h"
#include "services/step.h"
#include "services/workflow.h"

namespace carecoop::services {

Result<std::vector<FrameworkRow>> Workflow::Frameworks(const Principal& who, RccId rcc, Date day) {
  std::vector<FrameworkRow> out;
  Step step = Step::OnRecord(policy_, who, Now(), "framework", "list");
  CC_RETURN_IF_ERROR(step.Admit(store_));
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kAudited, [&](store::Tx& tx) -> Status {
    out.clear();
    CC_ASSIGN_OR_RETURN(Rcc r, step.Fetch(tx, rcc));
    CC_ASSIGN_OR_RETURN(auto frameworks, tx.List<Framework>(store::Scope::Of(r.id)));
    std::map<ProviderId, std::string> names;
    for (const Framework& f : frameworks) {
      FrameworkRow row{f, market::NextAdmissionDay(f, day), {}};
      CC_ASSIGN_OR_RETURN(auto admissions, tx.ListBy<Contract>(f.id));
      for (Contract& c : admissions) {
        auto name = names.find(c.provider);
        if (name == names.end()) {
          CC_ASSIGN_OR_RETURN(Provider p, tx.Get<Provider>(c.provider));
          name = names.emplace(c.provider, p.name).first;
        }
        row.admissions.push_back({std::move(c), name->second});
      }
      out.push_back(std::move(row));
    }
    return step.Audit(tx, "rcc", r.id.value(), "", DigestOfIds(frameworks));
  }));
  return out;
}

Result<Framework> Workflow::CreateFramework(const Principal& who, RccId rcc, Framework f) {
  Step step = Step::OnRecord(policy_, who, Now(), "framework", "create");
  CC_RETURN_IF_ERROR(step.Admit(store_));
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kAudited, [&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(Rcc r, step.Fetch(tx, rcc));
    f.rcc = r.id;
    CC_RETURN_IF_ERROR(Validate(f));
    CC_ASSIGN_OR_RETURN(auto existing, tx.List<Framework>(store::Scope::Of(r.id)));
    for (const Framework& other : existing)
      if (other.reference == f.reference)
        return InvalidArgument("reference", "the RCC already has a framework " + f.reference);
    CC_ASSIGN_OR_RETURN(f.id, tx.Create(f));
    f.version = 1;
    return step.Audit(tx, "framework", f.id.value(), "", RecordDigest(f));
  }));
  return f;
}

Result<Contract> Workflow::Admit(const Principal& who, FrameworkId id, ProviderId provider, Date on,
                                 const std::vector<market::LotFee>& lots) {
  Contract out;
  Step step = Step::OnRecord(policy_, who, Now(), "framework", "admit");
  CC_RETURN_IF_ERROR(step.Admit(store_));
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kAudited, [&](store::Tx& tx) -> Status {
    const std::string missing = "no framework " + std::to_string(id.value());
    auto found = tx.Get<Framework>(id);
    if (!found.ok())
      return found.status().code() == StatusCode::kNotFound ? NotFound(missing) : found.status();
    // Authorised through its RCC: another RCC's framework is as missing as none.
    auto rcc = step.Fetch(tx, found->rcc);
    if (!rcc.ok())
      return rcc.status().code() == StatusCode::kNotFound ? NotFound(missing) : rcc.status();
    if (!provider.valid() || !tx.Get<Provider>(provider).ok())
      return InvalidArgument("providerId", "is not a provider");
    CC_ASSIGN_OR_RETURN(auto admissions, tx.ListBy<Contract>(found->id));
    CC_ASSIGN_OR_RETURN(auto homes, tx.ListBy<Home>(provider));
    CC_RETURN_IF_ERROR(market::CheckAdmission(*found, provider, on, lots, admissions, homes));
    out = market::AdmissionContract(*found, provider, on, lots);
    CC_ASSIGN_OR_RETURN(out.id, tx.Create(out));
    out.version = 1;
    return step.Audit(tx, "contract", out.id.value(), "", RecordDigest(out));
  }));
  worlds_.Invalidate();
  return out;
}

Result<std::vector<ProviderContract>> Workflow::ProviderContracts(const Principal& who, Date day) {
  std::vector<ProviderContract> out;
  Step step = Step::OnCollection(policy_, who, Now(), "provider_contract", "list");
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kAudited, [&](store::Tx& tx) -> Status {
    out.clear();
    if (!who.provider) return PermissionDenied("only a provider's users see their contracts");
    CC_ASSIGN_OR_RETURN(auto contracts, tx.ListBy<Contract>(*who.provider));
    std::map<RccId, std::string> rccs;
    std::map<FrameworkId, std::string> titles;
    for (Contract& c : contracts) {
      ProviderContract row;
      auto rcc = rccs.find(c.rcc);
      if (rcc == rccs.end()) {
        CC_ASSIGN_OR_RETURN(Rcc r, tx.Get<Rcc>(c.rcc));
        rcc = rccs.emplace(c.rcc, r.name).first;
      }
      row.rcc = rcc->second;
      if (c.framework) {
        auto title = titles.find(*c.framework);
        if (title == titles.end()) {
          CC_ASSIGN_OR_RETURN(Framework f, tx.Get<Framework>(*c.framework));
          title = titles.emplace(f.id, f.title).first;
        }
        row.framework = title->second;
      }
      row.standard_fee_now = market::StandardFeeNow(c, day);
      row.contract = std::move(c);
      out.push_back(std::move(row));
    }
    return step.Audit(tx, "provider", who.provider->value(), "", DigestOfIds(contracts));
  }));
  return out;
}

}  // namespace carecoop::services
