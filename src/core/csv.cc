#include "core/csv.h"

namespace carecoop {

int CsvTable::Column(std::string_view name) const {
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return static_cast<int>(i);
  return -1;
}

std::string CsvField(std::string_view v) {
  if (v.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(v);
  std::string s = "\"";
  for (char c : v) {
    if (c == '"') s += '"';
    s += c;
  }
  return s + "\"";
}

Result<CsvTable> ParseCsv(std::string_view text, std::string_view source) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // UTF-8 BOM
  std::vector<CsvRow> rows;
  CsvRow row;
  std::string field;
  std::size_t line = 1;
  row.line = 1;
  bool in_quotes = false;
  bool field_started = false;
  auto error = [&](std::size_t at, const std::string& why) {
    return Status(StatusCode::kInvalidArgument,
                  std::string(source) + ":" + std::to_string(at) + ": " + why, "csv");
  };
  auto end_row = [&] {
    row.fields.push_back(std::move(field));
    field.clear();
    rows.push_back(std::move(row));
    row = CsvRow{};
    field_started = false;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          in_quotes = false;
          if (i + 1 < text.size() && text[i + 1] != ',' && text[i + 1] != '\n' &&
              text[i + 1] != '\r')
            return error(line, "unexpected character after a closing quote");
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    switch (c) {
      case '"':
        if (field_started && !field.empty()) return error(line, "a quote inside an unquoted field");
        in_quotes = true;
        field_started = true;
        break;
      case ',':
        row.fields.push_back(std::move(field));
        field.clear();
        field_started = false;
        break;
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') break;
        return error(line, "a carriage return without a line feed");
      case '\n':
        end_row();
        ++line;
        row.line = line;
        break;
      default:
        field += c;
        field_started = true;
    }
  }
  if (in_quotes) return error(row.line, "a quoted field is never closed");
  if (field_started || !row.fields.empty()) end_row();
  if (rows.empty()) return error(1, "no header row");
  CsvTable table;
  table.header = std::move(rows.front().fields);
  for (std::size_t r = 1; r < rows.size(); ++r) {
    if (rows[r].fields.size() == 1 && rows[r].fields[0].empty()) continue;  // blank line
    if (rows[r].fields.size() != table.header.size())
      return error(rows[r].line, "expected " + std::to_string(table.header.size()) +
                                     " fields, found " + std::to_string(rows[r].fields.size()));
    table.rows.push_back(std::move(rows[r]));
  }
  return table;
}

}  // namespace carecoop
