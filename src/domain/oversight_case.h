// OversightCase: a piece of oversight work on one provider group, tracked
// from opening to closing: an independent business review (the regime's
// response to significant risk), a recovery and resolution plan, or a
// quality improvement plan (Ofsted's group power: two or more of a group's
// settings rated inadequate or requires improvement). Each document and
// milestone is an entry; every change is audited by the service.
#ifndef CARECOOP_DOMAIN_OVERSIGHT_CASE_H_
#define CARECOOP_DOMAIN_OVERSIGHT_CASE_H_

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

enum class OversightCaseKind : std::uint8_t { kBusinessReview, kRecoveryPlan, kImprovementPlan };
template <>
struct EnumInfo<OversightCaseKind> {
  static constexpr std::array<EnumEntry<OversightCaseKind>, 3> kEntries = {{
      {OversightCaseKind::kBusinessReview, "business_review", "Independent business review"},
      {OversightCaseKind::kRecoveryPlan, "recovery_plan", "Recovery and resolution plan"},
      {OversightCaseKind::kImprovementPlan, "improvement_plan", "Quality improvement plan"},
  }};
};

enum class CaseEntryKind : std::uint8_t { kDocument, kMilestone };
template <>
struct EnumInfo<CaseEntryKind> {
  static constexpr std::array<EnumEntry<CaseEntryKind>, 2> kEntries = {{
      {CaseEntryKind::kDocument, "document", "Document recorded"},
      {CaseEntryKind::kMilestone, "milestone", "Milestone"},
  }};
};

struct CaseEntry {
  CaseEntryKind kind = CaseEntryKind::kDocument;
  std::string title;
  Date due;                       // a milestone's due date; a document's date
  std::optional<Date> completed;  // a milestone met; a document: its date
  friend bool operator==(const CaseEntry&, const CaseEntry&) = default;
};

struct OversightCase {
  OversightCaseId id;
  std::int64_t version = 0;
  ProviderGroupId group;
  OversightCaseKind kind = OversightCaseKind::kBusinessReview;
  std::string reason;  // why it was opened (a stage's reasons, the settings that fell short)
  Date opened;
  std::optional<Date> closed;
  std::string outcome;  // set when closed
  std::vector<CaseEntry> entries;

  bool open() const { return !closed.has_value(); }
  friend bool operator==(const OversightCase&, const OversightCase&) = default;
};

// Every field: a reason; closed not before opened, with an outcome, and an
// outcome only when closed; at most 200 entries, each titled, a completed
// date not before the case opened.
Status Validate(const OversightCase& c);

}  // namespace carecoop

#endif  // CARECOOP_DOMAIN_OVERSIGHT_CASE_H_
