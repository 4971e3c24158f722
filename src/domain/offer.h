// Offer: a provider's answer to a referral sent to it — a home at a weekly
// fee with its breakdown, or a decline with a reason.
#ifndef CARECOOP_DOMAIN_OFFER_H_
#define CARECOOP_DOMAIN_OFFER_H_

#include <array>
#include <cstdint>
#include <string>

#include "core/date.h"
#include "core/enum_names.h"
#include "core/money.h"
#include "core/status.h"
#include "domain/ids.h"

namespace carecoop {

enum class OfferStatus : std::uint8_t {
  kOffered,
  kDeclined,
  kWithdrawn,
  kProposed,
  kAccepted,
  kLapsed
};
template <>
struct EnumInfo<OfferStatus> {
  static constexpr std::array<EnumEntry<OfferStatus>, 6> kEntries = {{
      {OfferStatus::kOffered, "offered", "Offered"},
      {OfferStatus::kDeclined, "declined", "Declined"},
      {OfferStatus::kWithdrawn, "withdrawn", "Withdrawn"},
      {OfferStatus::kProposed, "proposed", "Proposed"},
      {OfferStatus::kAccepted, "accepted", "Accepted"},
      {OfferStatus::kLapsed, "lapsed", "Lapsed (deadline passed)"},
  }};
};

// The child's view of an offered home, recorded by the hub with the child
// before a proposal (the reform: where more than one option could meet the
// needs, the child is given the chance to say what they think).
enum class ChildView : std::uint8_t { kNotRecorded, kWants, kDoesNotMind, kDoesNotWant };
template <>
struct EnumInfo<ChildView> {
  static constexpr std::array<EnumEntry<ChildView>, 4> kEntries = {{
      {ChildView::kNotRecorded, "not_recorded", "Not yet asked"},
      {ChildView::kWants, "wants", "Wants it"},
      {ChildView::kDoesNotMind, "doesnt_mind", "Doesn't mind"},
      {ChildView::kDoesNotWant, "doesnt_want", "Doesn't want it"},
  }};
};

struct Offer {
  OfferId id;
  std::int64_t version = 0;
  ReferralId referral;
  HomeId home;
  OfferStatus status = OfferStatus::kOffered;
  // Weekly fee breakdown (all zero for a decline).
  Pence core_fee;
  Pence staffing_fee;  // additional staffing
  Pence education_fee;
  Pence transport_fee;
  Date start_date;
  std::string conditions;
  std::string decline_reason;  // required for a decline
  Timestamp deadline{};        // offers close at this time
  Timestamp created_at{};
  std::string withdrawal_reason;  // the provider's, when it withdrew the offer
  ChildView child_view = ChildView::kNotRecorded;
  std::string child_view_why;  // in the child's words, as the hub recorded them

  // The weekly fee: the sum of the breakdown (checked).
  Result<Pence> WeeklyFee() const;

  friend bool operator==(const Offer&, const Offer&) = default;
};

Status Validate(const Offer& offer);

// An offer still open at `now`: offered and its deadline not passed. An
// offer left open past its deadline has lapsed: it is shown as lapsed and
// can no longer be proposed.
bool IsLive(const Offer& offer, Timestamp now);
OfferStatus StatusAt(const Offer& offer, Timestamp now);

}  // namespace carecoop

#endif  // CARECOOP_DOMAIN_OFFER_H_
