// National contracts for rare needs (docs/national.md, "National
// contracts"): the national body lets a framework with a provider for a
// service no RCC sees enough children to commission (national/rare_needs.h
// finds them); every RCC gets a call-off on the same terms, so the
// provider's homes price under it in every hub's ranking, shown as national
// (match/snapshot.h), and a placement is bought under it (market/pricing.h:
// within its route a national call-off first).
#ifndef CARECOOP_SERVICES_NATIONAL_CONTRACTS_H_
#define CARECOOP_SERVICES_NATIONAL_CONTRACTS_H_

#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "domain/contract.h"

namespace carecoop::services {

// What the national commissioner lets.
struct NationalContractInput {
  ProviderId provider;
  std::string reference;  // the national contract's, shared by its call-offs
  Date start;
  std::optional<Date> end;
  std::vector<FeeBand> fees;  // lots: band, setting, ages, weekly fee
  int uplift_cap_bp = 0;
};

// One national contract: its terms and its RCCs' call-offs.
struct NationalContract {
  std::string reference;
  ProviderId provider;
  std::string provider_name;
  Date start;
  std::optional<Date> end;
  std::vector<FeeBand> fees;
  ContractStatus status =
      ContractStatus::kInForce;       // the first call-off's (an RCC may end its own)
  std::vector<ContractId> call_offs;  // one an RCC
  int placements_in_force = 0;        // bought under it, every RCC
};

// The national contracts on a day.
struct NationalContractList {
  Date on;
  std::vector<NationalContract> contracts;
};

}  // namespace carecoop::services

#endif  // CARECOOP_SERVICES_NATIONAL_CONTRACTS_H_
