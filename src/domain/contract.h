// Contract: the terms on which an RCC buys places from a provider — under a
// framework, a dynamic purchasing system (DPS), a block contract (places paid
// for whether used or not) or a spot purchase — with a weekly fee per need band.
#ifndef CARECOOP_DOMAIN_CONTRACT_H_
#define CARECOOP_DOMAIN_CONTRACT_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/enum_names.h"
#include "core/money.h"
#include "core/status.h"
#include "domain/ids.h"
#include "domain/needs.h"

namespace carecoop {

enum class ContractType : std::uint8_t { kFramework, kDps, kBlock, kSpot };
template <>
struct EnumInfo<ContractType> {
  static constexpr std::array<EnumEntry<ContractType>, 4> kEntries = {{
      {ContractType::kFramework, "framework", "Framework"},
      {ContractType::kDps, "dps", "Dynamic purchasing system"},
      {ContractType::kBlock, "block", "Block"},
      {ContractType::kSpot, "spot", "Spot"},
  }};
};

// The most any weekly fee may be (each item of an offer, their sum, a
// contract's band fee, a placement's fee, a week's payment): far above what
// any placement costs, and far below where sums over every placement in
// England could overflow. A larger figure is a typing error or an attack,
// refused as invalid input naming the field (docs/api.md, "Limits").
inline constexpr Pence kMaxWeeklyFee = Pence::FromPounds(100'000);

// The weekly fee for one need band.
struct FeeBand {
  NeedBand band = NeedBand::kStandard;
  Pence weekly_fee;
  friend bool operator==(const FeeBand&, const FeeBand&) = default;
};

struct Contract {
  ContractId id;
  std::int64_t version = 0;
  ProviderId provider;
  RccId rcc;
  ContractType type = ContractType::kSpot;
  std::string reference;  // the RCC's contract reference
  Date start;
  std::optional<Date> end;
  std::vector<FeeBand> fees;  // at most one per band
  int block_places = 0;       // places paid for under a block contract; 0 otherwise

  // The weekly fee for `band`, if the contract prices it.
  std::optional<Pence> FeeFor(NeedBand band) const;

  friend bool operator==(const Contract&, const Contract&) = default;
};

Status Validate(const Contract& contract);

}  // namespace carecoop

#endif  // CARECOOP_DOMAIN_CONTRACT_H_
