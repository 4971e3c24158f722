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
#include "domain/home.h"
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

// Where a contract is in its life. Only a contract in force prices a
// placement (market/pricing.h).
enum class ContractStatus : std::uint8_t {
  kDraft,
  kOpen,  // tendering, or open to admissions
  kAwarded,
  kInForce,
  kExpired,
  kTerminated,
};
template <>
struct EnumInfo<ContractStatus> {
  static constexpr std::array<EnumEntry<ContractStatus>, 6> kEntries = {{
      {ContractStatus::kDraft, "draft", "Draft"},
      {ContractStatus::kOpen, "open", "Open"},
      {ContractStatus::kAwarded, "awarded", "Awarded"},
      {ContractStatus::kInForce, "in_force", "In force"},
      {ContractStatus::kExpired, "expired", "Expired"},
      {ContractStatus::kTerminated, "terminated", "Terminated"},
  }};
};

// Whether a contract may move from one status to another: forward along
// draft, open, awarded, in force, expired; terminated from open, awarded
// or in force.
bool CanMove(ContractStatus from, ContractStatus to);

// The RCC's decision on a contract a member council brought with it.
enum class RegisterDecision : std::uint8_t { kUndecided, kKeep, kFoldIntoLot, kLetLapse };
template <>
struct EnumInfo<RegisterDecision> {
  static constexpr std::array<EnumEntry<RegisterDecision>, 4> kEntries = {{
      {RegisterDecision::kUndecided, "undecided", "Not yet decided"},
      {RegisterDecision::kKeep, "keep", "Keep"},
      {RegisterDecision::kFoldIntoLot, "fold_into_lot", "Fold into a regional lot"},
      {RegisterDecision::kLetLapse, "let_lapse", "Let lapse"},
  }};
};

// The longest a block contract or long-term partnership may run.
inline constexpr int kMaxBlockYears = 10;
// The largest annual uplift cap a contract may carry (basis points: 20%).
inline constexpr int kMaxUpliftCapBp = 2000;

// The most any weekly fee may be (each item of an offer, their sum, a
// contract's band fee, a placement's fee, a week's payment): far above what
// any placement costs, and far below where sums over every placement in
// England could overflow. A larger figure is a typing error or an attack,
// refused as invalid input naming the field (docs/api.md, "Limits").
inline constexpr Pence kMaxWeeklyFee = Pence::FromPounds(100'000);

// The weekly fee for one need band, or, under a framework or DPS, for one
// lot (domain/framework.h): a need band narrowed to a setting and an age
// band. A line without a setting covers every setting; ages are inclusive.
struct FeeBand {
  NeedBand band = NeedBand::kStandard;
  Pence weekly_fee;
  std::string lot;                 // the framework's lot code; empty when none
  std::optional<Setting> setting;  // none: any setting
  int min_age = 0;
  int max_age = kMaxChildAge;

  // Whether the line prices a place in `band`, in `setting` (none: any
  // line of the band), for a child aged `age` (none: any age).
  bool Covers(NeedBand band, std::optional<Setting> setting = std::nullopt,
              std::optional<int> age = std::nullopt) const;
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
  std::vector<FeeBand> fees;             // lines that never cover the same place twice
  std::optional<FrameworkId> framework;  // the framework or DPS this admits the provider to
  int block_places = 0;                  // places paid for under a block contract; 0 otherwise
  std::vector<HomeId> block_homes;       // the named homes a block reserves places in
  ContractStatus status = ContractStatus::kInForce;
  std::optional<CouncilId> inherited_from;  // the member council whose contract it was
  RegisterDecision decision = RegisterDecision::kUndecided;  // for an inherited contract
  int uplift_cap_bp = 0;  // annual uplift: the index, capped at this (basis points; 0: none)
  // A call-off of a national contract: the national body let a framework or
  // a block for a rare need on the same terms for every RCC (one call-off
  // each, sharing `reference`); within its route it prices before the RCC's
  // own (market/pricing.h) and the ranking shows it as national
  // (docs/national.md, "National contracts"). A national block's places
  // (block_places, block_homes: the same on every call-off) are England's,
  // used by any RCC.
  bool national = false;
  // A call-off of a national block: the RCC's share of the block's empty
  // places, in basis points (the call-offs' shares sum to 10,000). Each
  // week's void cost of the whole block is divided among the RCCs by these
  // shares (services/payments.cc, market::Apportion); 0 on any other contract.
  int void_share_bp = 0;

  // The weekly fee of the line that covers the place (FeeBand::Covers), if any.
  std::optional<Pence> FeeFor(NeedBand band, std::optional<Setting> setting = std::nullopt,
                              std::optional<int> age = std::nullopt) const;

  friend bool operator==(const Contract&, const Contract&) = default;
};

Status Validate(const Contract& contract);

}  // namespace carecoop

#endif  // CARECOOP_DOMAIN_CONTRACT_H_
