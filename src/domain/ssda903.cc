#include "domain/ssda903.h"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <utility>

#include "core/csv.h"

namespace carecoop {
namespace embedded {
std::string_view ssda903_placement_types_csv();
std::string_view ssda903_placement_providers_csv();
std::string_view ssda903_legal_status_csv();
std::string_view ssda903_category_of_need_csv();
std::string_view ssda903_reason_placement_change_csv();
std::string_view ssda903_reason_episode_ceased_csv();
std::string_view ssda903_ethnicity_csv();
std::string_view ssda903_reason_new_episode_csv();
}  // namespace embedded

namespace ssda903 {
namespace {

struct List {
  std::vector<std::string> codes;
  std::vector<std::string> meanings;
};

List Load(std::string_view text, std::string_view source) {
  auto table = ParseCsv(text, source);
  if (!table.ok()) {
    std::fprintf(stderr, "carecoop: embedded %s is invalid: %s\n", std::string(source).c_str(),
                 table.status().ToString().c_str());
    std::abort();
  }
  List list;
  for (const auto& row : table->rows) {
    list.codes.push_back(row.fields[0]);
    list.meanings.push_back(row.fields.size() > 1 ? row.fields[1] : "");
  }
  return list;
}

const List& Get(CodeList which) {
  static const std::array<List, 8> kLists = {
      Load(embedded::ssda903_placement_types_csv(), "ssda903_placement_types.csv"),
      Load(embedded::ssda903_placement_providers_csv(), "ssda903_placement_providers.csv"),
      Load(embedded::ssda903_legal_status_csv(), "ssda903_legal_status.csv"),
      Load(embedded::ssda903_category_of_need_csv(), "ssda903_category_of_need.csv"),
      Load(embedded::ssda903_reason_placement_change_csv(), "ssda903_reason_placement_change.csv"),
      Load(embedded::ssda903_reason_episode_ceased_csv(), "ssda903_reason_episode_ceased.csv"),
      Load(embedded::ssda903_ethnicity_csv(), "ssda903_ethnicity.csv"),
      Load(embedded::ssda903_reason_new_episode_csv(), "ssda903_reason_new_episode.csv"),
  };
  return kLists[static_cast<std::size_t>(which)];
}

}  // namespace

std::string_view ColumnName(CodeList list) {
  switch (list) {
    case CodeList::kPlacementType:
      return "PLACE";
    case CodeList::kPlacementProvider:
      return "PLACE_PROVIDER";
    case CodeList::kLegalStatus:
      return "LS";
    case CodeList::kCategoryOfNeed:
      return "CIN";
    case CodeList::kReasonPlaceChange:
      return "REASON_PLACE_CHANGE";
    case CodeList::kReasonEpisodeCeased:
      return "REC";
    case CodeList::kEthnicity:
      return "ETHNIC";
    case CodeList::kReasonNewEpisode:
      return "RNE";
  }
  return "?";
}

const std::vector<std::string>& Codes(CodeList list) { return Get(list).codes; }

bool IsValid(CodeList list, std::string_view code) { return !Meaning(list, code).empty(); }

std::string_view Meaning(CodeList list, std::string_view code) {
  const List& l = Get(list);
  for (std::size_t i = 0; i < l.codes.size(); ++i)
    if (l.codes[i] == code) return l.meanings[i].empty() ? l.codes[i] : l.meanings[i];
  return {};
}

Status Check(CodeList list, std::string_view code, std::string_view field) {
  if (IsValid(list, code)) return Status::Ok();
  return InvalidArgument(std::string(field), "'" + std::string(code) + "' is not an SSDA903 " +
                                                 std::string(ColumnName(list)) + " code");
}

}  // namespace ssda903
}  // namespace carecoop
