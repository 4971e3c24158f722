// A strict CSV reader (RFC 4180: quoted fields, doubled quotes, \n or \r\n)
// that keeps line numbers, so every error can say where it is.
#ifndef CARECOOP_CORE_CSV_H_
#define CARECOOP_CORE_CSV_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace carecoop {

struct CsvRow {
  std::size_t line = 0;  // 1-based line where the row starts
  std::vector<std::string> fields;
};

struct CsvTable {
  std::vector<std::string> header;
  std::vector<CsvRow> rows;

  // Index of a header column, or -1.
  int Column(std::string_view name) const;
};

// Parses `text` (with a header row). `source` names the file in errors, which
// read "source:line: reason". Every row must have as many fields as the header.
Result<CsvTable> ParseCsv(std::string_view text, std::string_view source);

// One field for writing: quoted (quotes doubled) when it holds a comma, a
// quote or a line break, else as it is.
std::string CsvField(std::string_view value);

}  // namespace carecoop

#endif  // CARECOOP_CORE_CSV_H_
