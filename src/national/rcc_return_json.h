// The RCC return as files: JSON (one object) and CSV (one row a published
// figure), both described in docs/formats/rcc-return.md. Reading is strict
// and names the field of anything wrong ("tables[3].cells[1][2]: must be a
// whole number or null"); it checks the shape only, and Validate
// (national/rcc_return.h) the rules.
#ifndef CARECOOP_NATIONAL_RCC_RETURN_JSON_H_
#define CARECOOP_NATIONAL_RCC_RETURN_JSON_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/status.h"
#include "national/rcc_return.h"

namespace carecoop::national {

inline constexpr std::string_view kReturnFormat = "carecoop-rcc-return";

nlohmann::json ReturnJson(const RccReturn& r);
Result<RccReturn> ReturnFromJson(const nlohmann::json& j);

// Columns: format, version, rcc_code, quarter, produced, table, row, column,
// value. A margin's row or column is "total"; a suppressed value is empty;
// the median wait is the row of table "median_days_to_placement".
std::string ReturnCsv(const RccReturn& r);
Result<RccReturn> ReturnFromCsv(std::string_view text, std::string_view source);

// Either: JSON when the text starts with '{', else CSV.
Result<RccReturn> ReadReturn(std::string_view text, std::string_view source);

}  // namespace carecoop::national

#endif  // CARECOOP_NATIONAL_RCC_RETURN_JSON_H_
