// SSDA903 code lists (the DfE's children looked after return), compiled in
// from data/codes/ssda903_*.csv: placement types (PLACE), placement providers
// (PLACE_PROVIDER), legal status (LS), category of need (CIN), reason for
// placement change (REASON_PLACE_CHANGE), reason episode ceased (REC) and
// ethnicity (ETHNIC) and reason for new episode (RNE).
#ifndef CARECOOP_DOMAIN_SSDA903_H_
#define CARECOOP_DOMAIN_SSDA903_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace carecoop::ssda903 {

enum class CodeList {
  kPlacementType,
  kPlacementProvider,
  kLegalStatus,
  kCategoryOfNeed,
  kReasonPlaceChange,
  kReasonEpisodeCeased,
  kEthnicity,
  kReasonNewEpisode,
};

// The list's 903 column name ("PLACE", "PLACE_PROVIDER", ...).
std::string_view ColumnName(CodeList list);

// Every code of the list, in file order.
const std::vector<std::string>& Codes(CodeList list);
bool IsValid(CodeList list, std::string_view code);
// The code's meaning, or "" when unknown.
std::string_view Meaning(CodeList list, std::string_view code);

// OK, or InvalidArgument naming `field`: "'X9' is not an SSDA903 PLACE code".
Status Check(CodeList list, std::string_view code, std::string_view field);

}  // namespace carecoop::ssda903

#endif  // CARECOOP_DOMAIN_SSDA903_H_
