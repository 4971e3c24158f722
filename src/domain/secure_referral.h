// A secure welfare referral: a child whose RCC seeks a place in a secure
// children's home on welfare grounds (a secure accommodation order under
// s25 Children Act 1989, made or applied for), sent to the national secure
// welfare queue (docs/national.md, "Secure welfare"). The national
// commissioner sends it to homes with a bed free, records each home's
// answer with its reason, and records where the child was placed, in
// England or across the border. The record keeps its own history.
#ifndef CARECOOP_DOMAIN_SECURE_REFERRAL_H_
#define CARECOOP_DOMAIN_SECURE_REFERRAL_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/enum_names.h"
#include "core/status.h"
#include "domain/ids.h"

namespace carecoop {

enum class SecureStatus : std::uint8_t { kWaiting, kPlaced, kPlacedAcrossBorder, kWithdrawn };
template <>
struct EnumInfo<SecureStatus> {
  static constexpr std::array<EnumEntry<SecureStatus>, 4> kEntries = {{
      {SecureStatus::kWaiting, "waiting", "Waiting for a bed"},
      {SecureStatus::kPlaced, "placed", "Placed in a secure children's home"},
      {SecureStatus::kPlacedAcrossBorder, "placed_across_border",
       "Placed outside England (Scotland or Wales)"},
      {SecureStatus::kWithdrawn, "withdrawn", "Withdrawn"},
  }};
};

enum class SecureDecision : std::uint8_t { kPending, kAccepted, kDeclined };
template <>
struct EnumInfo<SecureDecision> {
  static constexpr std::array<EnumEntry<SecureDecision>, 3> kEntries = {{
      {SecureDecision::kPending, "pending", "Awaiting the home's answer"},
      {SecureDecision::kAccepted, "accepted", "Accepted"},
      {SecureDecision::kDeclined, "declined", "Declined"},
  }};
};

// The referral sent to one home, and the home's answer.
struct SecureSending {
  HomeId home;
  Timestamp sent_at{};
  SecureDecision decision = SecureDecision::kPending;
  std::string reason;  // why declined (required then)
  std::optional<Timestamp> decided_at;
  friend bool operator==(const SecureSending&, const SecureSending&) = default;
};

// One step in the referral's life, as the waiting list's history shows it.
struct SecureEvent {
  Timestamp at{};
  std::string what;  // "referred", "sent to <home>", "declined by <home>: <reason>", ...
  std::string by;    // the username
  friend bool operator==(const SecureEvent&, const SecureEvent&) = default;
};

inline constexpr std::size_t kMaxSecureSendings = 100;
inline constexpr std::size_t kMaxSecureEvents = 400;

struct SecureReferral {
  SecureReferralId id;
  std::int64_t version = 0;
  ReferralId referral;  // the child's referral in its RCC (deprivation of liberty asked for)
  CouncilId council;    // the child's responsible council
  RccId rcc;
  bool order_made = false;  // the secure accommodation order is made (else applied for)
  Timestamp referred_at{};
  std::string referred_by;
  SecureStatus status = SecureStatus::kWaiting;
  std::optional<HomeId> placed_home;
  std::optional<Timestamp> placed_at;  // placed, in England or across the border
  std::string across_border;           // where, when placed outside England
  std::string withdrawn_reason;
  std::vector<SecureSending> sendings;
  std::vector<SecureEvent> history;

  friend bool operator==(const SecureReferral&, const SecureReferral&) = default;
};

// The record's own rules: a placed referral has its home and time, one
// placed across the border its place and time, a withdrawn one its reason;
// a declined sending its reason; at most kMaxSecureSendings sendings and
// kMaxSecureEvents events. Field named.
Status Validate(const SecureReferral& r);

}  // namespace carecoop

#endif  // CARECOOP_DOMAIN_SECURE_REFERRAL_H_
