// Proposal: the hub's choice of one offer for a referral, put to an
// independent scrutiny officer. It records the child's views and, when the
// option is not the top-ranked one, why.
#ifndef CARECOOP_DOMAIN_PROPOSAL_H_
#define CARECOOP_DOMAIN_PROPOSAL_H_

#include <array>
#include <cstdint>
#include <string>

#include "core/date.h"
#include "core/enum_names.h"
#include "core/status.h"
#include "domain/ids.h"

namespace carecoop {

enum class ProposalStatus : std::uint8_t { kAwaitingScrutiny, kApproved, kSentBack };
template <>
struct EnumInfo<ProposalStatus> {
  static constexpr std::array<EnumEntry<ProposalStatus>, 3> kEntries = {{
      {ProposalStatus::kAwaitingScrutiny, "awaiting_scrutiny", "Awaiting scrutiny"},
      {ProposalStatus::kApproved, "approved", "Approved"},
      {ProposalStatus::kSentBack, "sent_back", "Sent back"},
  }};
};

struct Proposal {
  ProposalId id;
  std::int64_t version = 0;
  ReferralId referral;
  OfferId offer;
  std::string proposed_by;     // the hub officer
  std::string child_views;     // the child's views on this option, as recorded
  int rank = 1;                // the option's place in the ranking (1 = top)
  std::string reason_not_top;  // required when rank > 1
  // Required when the proposal goes against the child's recorded view: the
  // child does not want this home, or wants another offered one.
  std::string reason_against_child_view;
  ProposalStatus status = ProposalStatus::kAwaitingScrutiny;
  Timestamp created_at{};

  friend bool operator==(const Proposal&, const Proposal&) = default;
};

Status Validate(const Proposal& proposal);

}  // namespace carecoop

#endif  // CARECOOP_DOMAIN_PROPOSAL_H_
