// ScrutinyDecision: an independent scrutiny officer's approval of a proposal,
// or its return to the hub with reasons.
#ifndef CARECOOP_DOMAIN_SCRUTINY_DECISION_H_
#define CARECOOP_DOMAIN_SCRUTINY_DECISION_H_

#include <array>
#include <cstdint>
#include <string>

#include "core/date.h"
#include "core/enum_names.h"
#include "core/status.h"
#include "domain/ids.h"

namespace carecoop {

enum class ScrutinyOutcome : std::uint8_t { kApproved, kSentBack };
template <>
struct EnumInfo<ScrutinyOutcome> {
  static constexpr std::array<EnumEntry<ScrutinyOutcome>, 2> kEntries = {{
      {ScrutinyOutcome::kApproved, "approved", "Approved"},
      {ScrutinyOutcome::kSentBack, "sent_back", "Sent back"},
  }};
};

struct ScrutinyDecision {
  ScrutinyDecisionId id;
  std::int64_t version = 0;
  ProposalId proposal;
  std::string officer;  // never the proposer
  ScrutinyOutcome outcome = ScrutinyOutcome::kApproved;
  std::string reasons;  // required when sent back
  Timestamp decided_at{};

  friend bool operator==(const ScrutinyDecision&, const ScrutinyDecision&) = default;
};

Status Validate(const ScrutinyDecision& decision);

}  // namespace carecoop

#endif  // CARECOOP_DOMAIN_SCRUTINY_DECISION_H_
