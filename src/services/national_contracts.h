// National contracts for rare needs (docs/national.md, "National
// contracts"): the national body lets a framework or a block with a provider
// for a service no RCC sees enough children to commission
// (national/rare_needs.h finds them); every RCC gets a call-off on the same
// terms, so the provider's homes price under it in every hub's ranking,
// shown as national (match/snapshot.h), and a placement is bought under it
// (market/pricing.h: within its route a national call-off first).
//
// A national block reserves England's places in named homes, used by any
// RCC. Who pays for the empty ones: every RCC, by its share (basis points,
// the call-offs' shares summing to 10,000), set when the block is let —
// given by the national commissioner, or by default in proportion to each
// RCC's children placed on the start date. Each RCC's weekly payments run
// measures the whole block (placements under every call-off) and pays its
// share of the week's void cost, divided by the largest remainder so the
// RCCs' parts add up to the block's void cost to the penny
// (services/payments.cc). The ledger of those weeks is listed with the
// contract.
#ifndef CARECOOP_SERVICES_NATIONAL_CONTRACTS_H_
#define CARECOOP_SERVICES_NATIONAL_CONTRACTS_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "domain/contract.h"
#include "domain/home.h"
#include "domain/provider.h"

namespace carecoop::services {

// What the national commissioner lets.
struct NationalContractInput {
  ProviderId provider;
  std::string reference;  // the national contract's, shared by its call-offs
  Date start;
  std::optional<Date> end;
  std::vector<FeeBand> fees;  // lots: band, setting, ages, weekly fee (a block: its place fee)
  int uplift_cap_bp = 0;
  ContractType type = ContractType::kFramework;  // framework or block
  int block_places = 0;                          // a block: England's reserved places
  std::vector<HomeId> block_homes;               // a block: the homes it reserves them in
  // A block: each RCC's share of the voids (basis points summing to 10,000);
  // empty: in proportion to each RCC's children placed on `start`.
  std::map<RccId, int> void_shares_bp;
};

// One RCC's call-off of a national contract.
struct NationalCallOff {
  ContractId contract;
  RccId rcc;
  std::string rcc_name;
  ContractStatus status = ContractStatus::kInForce;
  int void_share_bp = 0;        // a block: the RCC's share of the voids
  int placements_in_force = 0;  // the RCC's placements under it on the day
  Pence void_cost_paid;         // a block: the RCC's parts of void costs paid so far
};

// A national block's week, over every RCC's payments run of it so far.
struct NationalBlockWeek {
  Date week_from;
  int reserved = 0;
  int used = 0;          // placements under the block, every RCC
  int voids = 0;         // reserved places empty
  Pence void_cost_paid;  // the RCCs' parts paid (the whole when every RCC has run the week)
  int rccs_paid = 0;     // RCCs whose run paid the week
};

// One national contract: its terms and its RCCs' call-offs.
struct NationalContract {
  std::string reference;
  ProviderId provider;
  std::string provider_name;
  ContractType type = ContractType::kFramework;
  Date start;
  std::optional<Date> end;
  std::vector<FeeBand> fees;
  ContractStatus status =
      ContractStatus::kInForce;  // the first call-off's (an RCC may end its own)
  int block_places = 0;
  std::vector<HomeId> block_homes;
  std::vector<NationalCallOff> call_offs;  // one an RCC, in contract id order
  int placements_in_force = 0;             // bought under it, every RCC
  std::vector<NationalBlockWeek> weeks;    // a block: the ledger, latest first
};

// The providers a national contract may be let with, each with its homes
// (of one setting when asked): what the national commissioner chooses the
// provider and a block's homes from. No child is in it.
struct DirectoryHome {
  HomeId id;
  std::string name;
  Setting setting = Setting::kChildrensHome;
  int registered_places = 0;
  OfstedRating rating = OfstedRating::kNotYetInspected;
  std::string council;  // the council area it is in
};
struct DirectoryProvider {
  ProviderId id;
  std::string name;
  Ownership ownership = Ownership::kPrivate;
  std::vector<DirectoryHome> homes;  // in home id order
};

// The national contracts on a day.
struct NationalContractList {
  Date on;
  std::vector<NationalContract> contracts;
};

}  // namespace carecoop::services

#endif  // CARECOOP_SERVICES_NATIONAL_CONTRACTS_H_
