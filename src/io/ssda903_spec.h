// The SSDA903 specification by collection year, as data: which codes SEX
// takes, which placements need an Ofsted URN and which may not carry one,
// which placements take no provider, which fields are required. The table
// is data/codes/ssda903_years.csv (compiled in), one row per item and span
// of years, each naming the DfE validation rule it follows; docs/ssda903.md
// prints it. Import checks SEX by the year of the row, export writes each
// field as its year asks, and CrossFieldBreaches applies the year's lists.
//
// Years are collection years (2025 is April 2024 to March 2025, the DfE's
// "2024/25"). The rule numbers are the DfE's, as the sector's validator
// (data-to-insight/csc-validator-be-903) implements them in its rule packs
// lac2022_23 to lac2025_26; years before 2022/23 take the 2022/23 lists.
#ifndef CARECOOP_IO_SSDA903_SPEC_H_
#define CARECOOP_IO_SSDA903_SPEC_H_

#include <string>
#include <string_view>
#include <vector>

namespace carecoop::ssda903 {

struct YearSpec {
  int year = 0;
  std::vector<std::string> sex;                     // SEX codes: male, female[, unknown]
  std::vector<std::string> urn_not_required;        // rule 218's exempt PLACE codes
  std::vector<std::string> urn_not_allowed;         // rule 222
  std::vector<std::string> provider_not_allowed;    // rule 213
  std::vector<std::string> pr0_only_with;           // rule 550
  std::vector<std::string> header_required;         // rule 442 (UPN) and the rest
  std::vector<std::string> header_required_female;  // rule 393 (MOTHER)
  std::vector<std::string> episode_required;        // rule 392b (postcodes) and the rest

  static bool In(const std::vector<std::string>& list, std::string_view code);
  const std::string& MaleSex() const { return sex.at(0); }
  const std::string& FemaleSex() const { return sex.at(1); }
  // "2024/25" for 2025.
  std::string Label() const;
};

// The specification of collection year `year` (any year: the table's spans
// cover 1990 on).
const YearSpec& SpecForYear(int year);

// One row of the table, for documents and tests.
struct SpecRow {
  std::string item;
  int from_year = 0, to_year = 0;
  std::vector<std::string> codes;
  std::string rule, meaning;
};
const std::vector<SpecRow>& SpecTable();

}  // namespace carecoop::ssda903

#endif  // CARECOOP_IO_SSDA903_SPEC_H_
