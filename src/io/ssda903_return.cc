#include "io/ssda903_return.h"

#include <expat.h>
#include <sys/mman.h>

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <fstream>
#include <limits>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "core/csv.h"
#include "domain/ssda903.h"
#include "io/ssda903_spec.h"

namespace carecoop::ssda903 {
namespace fs = std::filesystem;
namespace {

// ---------------------------------------------------------------------------
// Tables and their columns.

enum class Table { kHeader, kEpisodes, kUasc, kDolo };

struct TableSpec {
  Table table;
  const char* file;  // header.csv
  std::vector<std::string_view> columns;
};

const TableSpec& Spec(Table t) {
  static const std::array<TableSpec, 4> kSpecs = {{
      {Table::kHeader, "header.csv", {"CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"}},
      {Table::kEpisodes,
       "episodes.csv",
       {"CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC",
        "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"}},
      {Table::kUasc, "uasc.csv", {"CHILD", "SEX", "DOB", "DUC"}},
      {Table::kDolo, "dolo.csv", {"CHILD", "DOB", "DOLO_START", "DOLO_END"}},
  }};
  return kSpecs[static_cast<std::size_t>(t)];
}

// ---------------------------------------------------------------------------
// Fast code and date checks: the import reads a million rows a second.

class CodeSet {
 public:
  explicit CodeSet(CodeList list) : list_(list) {
    for (const auto& c : Codes(list)) codes_.insert(c);
  }
  bool Has(std::string_view code) const { return codes_.count(code) > 0; }
  std::string_view column() const { return ColumnName(list_); }

 private:
  CodeList list_;
  std::unordered_set<std::string_view> codes_;
};

const CodeSet& Codes903(CodeList list) {
  static const std::array<CodeSet, 8> kSets = {
      CodeSet(CodeList::kPlacementType),     CodeSet(CodeList::kPlacementProvider),
      CodeSet(CodeList::kLegalStatus),       CodeSet(CodeList::kCategoryOfNeed),
      CodeSet(CodeList::kReasonPlaceChange), CodeSet(CodeList::kReasonEpisodeCeased),
      CodeSet(CodeList::kEthnicity),         CodeSet(CodeList::kReasonNewEpisode),
  };
  return kSets[static_cast<std::size_t>(list)];
}

bool Digits(std::string_view s, std::size_t from, std::size_t n, int& out) {
  out = 0;
  for (std::size_t i = from; i < from + n; ++i) {
    char c = s[i];
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  return true;
}

// dd/mm/YYYY (uk) or YYYY-MM-DD; nullopt when malformed or not a real day.
std::optional<Date> ParseDate(std::string_view s, bool uk) {
  int y = 0, m = 0, d = 0;
  if (s.size() != 10) return std::nullopt;
  if (uk) {
    if (s[2] != '/' || s[5] != '/' || !Digits(s, 0, 2, d) || !Digits(s, 3, 2, m) ||
        !Digits(s, 6, 4, y))
      return std::nullopt;
  } else {
    if (s[4] != '-' || s[7] != '-' || !Digits(s, 0, 4, y) || !Digits(s, 5, 2, m) ||
        !Digits(s, 8, 2, d))
      return std::nullopt;
  }
  std::chrono::year_month_day ymd{std::chrono::year{y},
                                  std::chrono::month{static_cast<unsigned>(m)},
                                  std::chrono::day{static_cast<unsigned>(d)}};
  if (!ymd.ok() || y < 1900) return std::nullopt;
  return Date(std::chrono::sys_days(ymd));
}

std::string FormatDate(const Date& d, bool uk) { return uk ? d.ToUk() : d.ToIso(); }

// ---------------------------------------------------------------------------
// CSV records: RFC 4180 (quotes, doubled quotes, CRLF), fields as views.

class CsvCursor {
 public:
  explicit CsvCursor(std::string_view text) : text_(text) {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;  // UTF-8 byte order mark
  }

  // The next record's fields; false at the end. Sets `line` to the line the
  // record starts on, and `error` for an unterminated quote.
  bool Next(std::vector<std::string_view>& fields, std::size_t& line, std::string& error) {
    fields.clear();
    error.clear();
    if (pos_ >= text_.size()) return false;
    line = ++line_;
    scratch_.clear();
    std::size_t n = text_.size();
    while (true) {
      if (pos_ < n && text_[pos_] == '"') {
        // Quoted: unescape into scratch_ (kept stable by reserving).
        std::size_t start = scratch_.size();
        ++pos_;
        while (true) {
          if (pos_ >= n) {
            error = "unterminated quoted field";
            pos_ = n;
            return true;
          }
          char c = text_[pos_++];
          if (c == '"') {
            if (pos_ < n && text_[pos_] == '"') {
              scratch_.push_back('"');
              ++pos_;
              continue;
            }
            break;
          }
          if (c == '\n') ++line_;
          scratch_.push_back(c);
        }
        quoted_.emplace_back(start, scratch_.size() - start);
        fields.emplace_back();  // filled below, once scratch_ stops moving
        quoted_index_.push_back(fields.size() - 1);
      } else {
        std::size_t start = pos_;
        while (pos_ < n && text_[pos_] != ',' && text_[pos_] != '\n' && text_[pos_] != '\r') ++pos_;
        fields.emplace_back(text_.data() + start, pos_ - start);
      }
      if (pos_ >= n) break;
      char c = text_[pos_];
      if (c == ',') {
        ++pos_;
        continue;
      }
      if (c == '\r') ++pos_;
      if (pos_ < n && text_[pos_] == '\n') ++pos_;
      break;
    }
    for (std::size_t i = 0; i < quoted_index_.size(); ++i)
      fields[quoted_index_[i]] =
          std::string_view(scratch_).substr(quoted_[i].first, quoted_[i].second);
    quoted_.clear();
    quoted_index_.clear();
    return true;
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t line_ = 0;
  std::string scratch_;
  std::vector<std::pair<std::size_t, std::size_t>> quoted_;
  std::vector<std::size_t> quoted_index_;
};

// Large buffers are filled once, front to back: asking for transparent huge
// pages before the first touch halves the time a million-row return spends
// in page faults. Advice only: where the kernel says no, nothing changes.
void AdviseHugePages(const void* data, std::size_t bytes) {
  constexpr std::uintptr_t kHuge = 2u << 20;
  auto from = (reinterpret_cast<std::uintptr_t>(data) + kHuge - 1) & ~(kHuge - 1);
  auto to = (reinterpret_cast<std::uintptr_t>(data) + bytes) & ~(kHuge - 1);
  if (to > from) ::madvise(reinterpret_cast<void*>(from), to - from, MADV_HUGEPAGE);
}

template <class T>
void ReserveLarge(std::vector<T>& v, std::size_t more) {
  if (v.capacity() >= v.size() + more) return;
  v.reserve(v.size() + more);
  AdviseHugePages(v.data() + v.size(), (v.capacity() - v.size()) * sizeof(T));
}

// ---------------------------------------------------------------------------
// Row checking, shared by CSV and XML.

class RowChecker {
 public:
  RowChecker(const std::string& file, std::size_t line, ReadReport& report,
             std::size_t max_problems)
      : file_(file), line_(line), report_(report), max_(max_problems) {}

  bool ok() const { return ok_; }

  void Fail(std::string_view column, std::string reason) {
    ok_ = false;
    if (report_.rejected.size() < max_)
      report_.rejected.push_back({file_, line_, std::string(column), std::move(reason)});
  }

  std::string Required(std::string_view column, std::string_view v) {
    if (v.empty()) Fail(column, "is required");
    return std::string(v);
  }

  std::string Child(std::string_view v) {
    if (v.empty()) {
      Fail("CHILD", "is required");
    } else if (v.size() > 10 || !std::all_of(v.begin(), v.end(), [](char c) {
                 return std::isalnum(static_cast<unsigned char>(c));
               })) {
      Fail("CHILD", "'" + std::string(v) + "' is not a child id (1 to 10 letters or digits)");
    }
    return std::string(v);
  }

  std::string Code(CodeList list, std::string_view v, bool required) {
    const CodeSet& set = Codes903(list);
    if (v.empty()) {
      if (required) Fail(set.column(), "is required");
    } else if (!set.Has(v)) {
      Fail(set.column(),
           "'" + std::string(v) + "' is not an SSDA903 " + std::string(set.column()) + " code");
    }
    return std::string(v);
  }

  // Any year's SEX code here; CheckReturn holds it to its row's year.
  std::string Sex(std::string_view v) {
    if (v != "1" && v != "2" && v != "M" && v != "F" && v != "U")
      Fail("SEX", v.empty() ? "is required"
                            : "'" + std::string(v) +
                                  "' is not a SEX code (1 or 2 until 2023/24; M, F or U from "
                                  "2024/25)");
    return std::string(v);
  }

  std::optional<Date> DateField(std::string_view column, std::string_view v, bool uk,
                                bool required) {
    if (v.empty()) {
      if (required) Fail(column, "is required");
      return std::nullopt;
    }
    auto d = ParseDate(v, uk);
    if (!d)
      Fail(column,
           "bad date '" + std::string(v) + "': expected " + (uk ? "dd/mm/YYYY" : "YYYY-MM-DD"));
    return d;
  }

  std::string Free(std::string_view column, std::string_view v, std::size_t max_len) {
    if (v.size() > max_len) Fail(column, "longer than " + std::to_string(max_len) + " characters");
    return std::string(v);
  }

 private:
  const std::string& file_;
  std::size_t line_;
  ReadReport& report_;
  std::size_t max_;
  bool ok_ = true;
};

// A row's fields by the table's column names, from CSV or XML.
struct FieldSource {
  virtual ~FieldSource() = default;
  virtual std::string_view Get(std::string_view column) const = 0;
};

void ParseHeader(const FieldSource& f, bool uk, RowChecker& c, HeaderRow& h) {
  h.child = c.Child(f.Get("CHILD"));
  h.sex = c.Sex(f.Get("SEX"));
  if (auto d = c.DateField("DOB", f.Get("DOB"), uk, true)) h.dob = *d;
  h.ethnic = c.Code(CodeList::kEthnicity, f.Get("ETHNIC"), true);
  h.upn = c.Free("UPN", f.Get("UPN"), 13);
  std::string_view mother = f.Get("MOTHER");
  if (!(mother.empty() || mother == "0" || mother == "1" || mother == "0.0" || mother == "1.0"))
    c.Fail("MOTHER", "'" + std::string(mother) + "' is not 0 or 1");
  h.mother = std::string(mother);
  h.mc_dob = c.DateField("MC_DOB", f.Get("MC_DOB"), uk, false);
}

void ParseEpisode(const FieldSource& f, bool uk, RowChecker& c, EpisodeRow& e) {
  e.child = c.Child(f.Get("CHILD"));
  auto decom = c.DateField("DECOM", f.Get("DECOM"), uk, true);
  if (decom) e.decom = *decom;
  e.rne = c.Code(CodeList::kReasonNewEpisode, f.Get("RNE"), true);
  e.ls = c.Code(CodeList::kLegalStatus, f.Get("LS"), true);
  e.cin = c.Code(CodeList::kCategoryOfNeed, f.Get("CIN"), true);
  e.place = c.Code(CodeList::kPlacementType, f.Get("PLACE"), true);
  e.place_provider = c.Code(CodeList::kPlacementProvider, f.Get("PLACE_PROVIDER"), false);
  e.dec = c.DateField("DEC", f.Get("DEC"), uk, false);
  if (decom && e.dec && *e.dec < *decom)
    c.Fail("DEC", "episode ends (" + FormatDate(*e.dec, uk) + ") before it starts (" +
                      FormatDate(*decom, uk) + ")");
  e.rec = c.Code(CodeList::kReasonEpisodeCeased, f.Get("REC"), false);
  e.reason_place_change = c.Code(CodeList::kReasonPlaceChange, f.Get("REASON_PLACE_CHANGE"), false);
  e.home_post = c.Free("HOME_POST", f.Get("HOME_POST"), 8);
  e.pl_post = c.Free("PL_POST", f.Get("PL_POST"), 8);
  e.urn = c.Free("URN", f.Get("URN"), 8);
}

void ParseUasc(const FieldSource& f, bool uk, RowChecker& c, UascRow& u) {
  u.child = c.Child(f.Get("CHILD"));
  u.sex = c.Sex(f.Get("SEX"));
  if (auto d = c.DateField("DOB", f.Get("DOB"), uk, true)) u.dob = *d;
  u.duc = c.DateField("DUC", f.Get("DUC"), uk, false);
}

// The DfE validator's rules on one DoLO row: 700 and 701 (valid dates), 702
// (not ended before it started), 708 (not before the child's birth).
void ParseDolo(const FieldSource& f, bool uk, RowChecker& c, DoloRow& d) {
  d.child = std::string(c.Child(f.Get("CHILD")));
  auto dob = c.DateField("DOB", f.Get("DOB"), uk, true);
  if (dob) d.dob = *dob;
  auto start = c.DateField("DOLO_START", f.Get("DOLO_START"), uk, true);
  if (start) d.start = *start;
  d.end = c.DateField("DOLO_END", f.Get("DOLO_END"), uk, false);
  if (start && d.end && *d.end < *start)
    c.Fail("DOLO_END", "the order ends (" + FormatDate(*d.end, uk) + ") before it starts (" +
                           FormatDate(*start, uk) + ") (rule 702)");
  if (start && dob && *start < *dob)
    c.Fail("DOLO_START", "the order starts before the child's birth (rule 708)");
}

// ---------------------------------------------------------------------------
// CSV tables.

struct CsvFields : FieldSource {
  const std::vector<std::string_view>* fields = nullptr;
  const std::unordered_map<std::string_view, int>* index = nullptr;
  std::string_view Get(std::string_view column) const override {
    auto it = index->find(column);
    if (it == index->end() || it->second < 0) return {};
    return (*fields)[static_cast<std::size_t>(it->second)];
  }
};

struct CsvTableInfo {
  bool pooled = false;  // has LA and YEAR
};

// Reads one table file into `out`, tagging rows with `la`/`year` unless the
// file carries its own LA and YEAR columns (pooled).
Status ReadCsvTable(Env& env, const fs::path& path, const std::string& display, Table table,
                    std::optional<int> year, std::optional<bool> expect_pooled, Return& out,
                    ReadReport& report, std::size_t max_problems, CsvTableInfo& info,
                    std::vector<std::uint32_t>& kept_lines) {
  CC_ASSIGN_OR_RETURN(auto file, env.ReadFile(path));
  std::string_view text = file->view();
  {
    // Rows are big: reserve once rather than move them on every growth.
    auto newlines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
    if (table == Table::kEpisodes) ReserveLarge(out.episodes, newlines);
    if (table == Table::kHeader) ReserveLarge(out.headers, newlines);
    ReserveLarge(kept_lines, newlines);
  }
  CsvCursor cursor(text);
  std::vector<std::string_view> fields;
  std::size_t line = 0;
  std::string error;
  auto fail_file = [&](std::size_t l, std::string column, std::string reason) {
    report.rejected.push_back({display, l, std::move(column), std::move(reason)});
  };
  if (!cursor.Next(fields, line, error)) {
    fail_file(1, "", "the file is empty: no header row");
    return Status::Ok();
  }
  const TableSpec& spec = Spec(table);
  std::unordered_map<std::string_view, int> index;
  for (auto c : spec.columns) index[c] = -1;
  int la_col = -1, year_col = -1;
  bool header_ok = true;
  std::vector<std::string> names(fields.begin(), fields.end());
  for (std::size_t i = 0; i < names.size(); ++i) {
    std::string_view name = names[i];
    if (name == "LA") {
      la_col = static_cast<int>(i);
      continue;
    }
    if (name == "YEAR") {
      year_col = static_cast<int>(i);
      continue;
    }
    auto it = index.find(name);
    if (it == index.end()) {
      fail_file(1, std::string(name), "unknown column for " + std::string(spec.file));
      header_ok = false;
    } else if (it->second >= 0) {
      fail_file(1, std::string(name), "column given twice");
      header_ok = false;
    } else {
      it->second = static_cast<int>(i);
    }
  }
  for (auto c : spec.columns)
    if (index[c] < 0) {
      fail_file(1, std::string(c), "missing column");
      header_ok = false;
    }
  if ((la_col < 0) != (year_col < 0)) {
    fail_file(1, la_col < 0 ? "LA" : "YEAR",
              "LA and YEAR come together (pooled layout) or not at all");
    header_ok = false;
  }
  info.pooled = la_col >= 0 && year_col >= 0;
  if (header_ok && expect_pooled && *expect_pooled != info.pooled) {
    fail_file(1, info.pooled ? "LA" : "",
              info.pooled ? "LA and YEAR columns in a per-year layout"
                          : "LA and YEAR columns are missing in a pooled layout");
    header_ok = false;
  }
  if (!header_ok) return Status::Ok();
  bool uk = !info.pooled;
  std::size_t width = names.size();
  CsvFields source;
  source.fields = &fields;
  source.index = &index;
  std::size_t* counter = table == Table::kHeader     ? &report.header_rows
                         : table == Table::kEpisodes ? &report.episode_rows
                         : table == Table::kUasc     ? &report.uasc_rows
                                                     : &report.dolo_rows;
  while (cursor.Next(fields, line, error)) {
    if (fields.size() == 1 && fields[0].empty() && error.empty()) continue;  // blank line
    ++*counter;
    RowChecker check(display, line, report, max_problems);
    if (!error.empty()) {
      check.Fail("", error);
      continue;
    }
    if (fields.size() != width) {
      check.Fail("", "has " + std::to_string(fields.size()) + " fields; the header has " +
                         std::to_string(width));
      continue;
    }
    std::string la;
    int row_year = year.value_or(0);
    if (info.pooled) {
      la = std::string(fields[static_cast<std::size_t>(la_col)]);
      if (la.empty()) check.Fail("LA", "is required");
      std::string_view y = fields[static_cast<std::size_t>(year_col)];
      auto [p, ec] = std::from_chars(y.data(), y.data() + y.size(), row_year);
      if (ec != std::errc() || p != y.data() + y.size() || row_year < 1990 || row_year > 2100)
        check.Fail("YEAR", "'" + std::string(y) + "' is not a collection year");
    }
    // Parses the row into `rows` when every field is good.
    auto keep = [&](auto& rows, auto parse) {
      typename std::remove_reference_t<decltype(rows)>::value_type row;
      parse(source, uk, check, row);
      row.la = std::move(la);
      row.year = row_year;
      if (!check.ok()) return;
      rows.push_back(std::move(row));
      kept_lines.push_back(static_cast<std::uint32_t>(line));
    };
    switch (table) {
      case Table::kHeader:
        keep(out.headers, ParseHeader);
        break;
      case Table::kEpisodes:
        keep(out.episodes, ParseEpisode);
        break;
      case Table::kUasc:
        keep(out.uasc, ParseUasc);
        break;
      case Table::kDolo:
        keep(out.dolo, ParseDolo);
        break;
    }
  }
  return Status::Ok();
}

// ---------------------------------------------------------------------------
// DfE XML (expat, streaming).

struct XmlState : FieldSource {
  std::string display;
  XML_Parser parser = nullptr;
  ReadReport* report = nullptr;
  std::size_t max_problems = 0;
  Return* out = nullptr;
  std::vector<std::string> path;  // element names from the root
  std::string text;
  std::map<std::string, std::string, std::less<>> fields;
  std::size_t record_line = 0;
  std::string current_child;
  bool saw_root = false;

  std::string_view Get(std::string_view column) const override {
    std::string_view tag = column == "CHILD" ? "CHILDID" : column == "PLACE" ? "PL" : column;
    auto it = fields.find(tag);
    return it == fields.end() ? std::string_view() : std::string_view(it->second);
  }
};

void XMLCALL XmlStart(void* data, const XML_Char* name, const XML_Char**) {
  auto& s = *static_cast<XmlState*>(data);
  std::string_view n(name);
  if (s.path.empty()) {
    s.saw_root = true;
    if (n != "EXPSSDA903")
      s.report->rejected.push_back({s.display,
                                    static_cast<std::size_t>(XML_GetCurrentLineNumber(s.parser)),
                                    n.data(), "the root element is not EXPSSDA903"});
  }
  if (s.path.size() == 2 && (n == "HEADER" || n == "EPISODE")) {
    s.fields.clear();
    s.record_line = static_cast<std::size_t>(XML_GetCurrentLineNumber(s.parser));
  }
  s.path.emplace_back(n);
  s.text.clear();
}

void XMLCALL XmlEnd(void* data, const XML_Char*) {
  auto& s = *static_cast<XmlState*>(data);
  std::size_t depth = s.path.size();
  std::string name = s.path.back();
  s.path.pop_back();
  if (depth == 4 && (s.path[2] == "HEADER" || s.path[2] == "EPISODE")) {
    // A field of a record (nested groups such as AREVIEW are ignored).
    s.fields[name] = s.text;
  } else if (depth == 3 && (name == "HEADER" || name == "EPISODE")) {
    RowChecker check(s.display, s.record_line, *s.report, s.max_problems);
    if (name == "HEADER") {
      ++s.report->header_rows;
      HeaderRow h;
      ParseHeader(s, true, check, h);
      s.current_child = h.child;
      if (check.ok()) s.out->headers.push_back(std::move(h));
      // The header's UASC element holds the date UASC status ceased.
      auto duc = s.fields.find("DUC");
      if (duc != s.fields.end() && !duc->second.empty()) {
        UascRow u;
        u.child = s.current_child;
        u.sex = std::string(s.Get("SEX"));
        if (auto d = ParseDate(s.Get("DOB"), true)) u.dob = *d;
        u.duc = check.DateField("DUC", duc->second, true, false);
        if (check.ok()) s.out->uasc.push_back(std::move(u));
      }
    } else {
      ++s.report->episode_rows;
      if (s.fields.find("CHILDID") == s.fields.end()) s.fields["CHILDID"] = s.current_child;
      EpisodeRow e;
      ParseEpisode(s, true, check, e);
      if (check.ok()) s.out->episodes.push_back(std::move(e));
    }
  }
  s.text.clear();
}

void XMLCALL XmlText(void* data, const XML_Char* chars, int len) {
  auto& s = *static_cast<XmlState*>(data);
  s.text.append(chars, static_cast<std::size_t>(len));
}

Status ReadXml(Env& env, const fs::path& path, Return& out, ReadReport& report,
               std::size_t max_problems) {
  CC_ASSIGN_OR_RETURN(auto file, env.ReadFile(path));
  std::string_view text = file->view();
  XmlState state;
  state.display = path.filename().string();
  state.report = &report;
  state.max_problems = max_problems;
  state.out = &out;
  XML_Parser parser = XML_ParserCreate(nullptr);
  state.parser = parser;
  XML_SetUserData(parser, &state);
  XML_SetElementHandler(parser, XmlStart, XmlEnd);
  XML_SetCharacterDataHandler(parser, XmlText);
  if (XML_Parse(parser, text.data(), static_cast<int>(text.size()), XML_TRUE) == XML_STATUS_ERROR) {
    report.rejected.push_back(
        {state.display, static_cast<std::size_t>(XML_GetCurrentLineNumber(parser)), "",
         std::string("malformed XML: ") + XML_ErrorString(XML_GetErrorCode(parser))});
  }
  XML_ParserFree(parser);
  // XML dates and children carry no LA or YEAR: the caller sets them.
  return Status::Ok();
}

// ---------------------------------------------------------------------------
// Whole-return checks.

// Line numbers cannot travel inside the rows (they are not part of the
// return), so reads keep them beside, in the same order, with the file's
// index in `files`.
struct Lines {
  std::vector<std::string> files;
  std::vector<std::uint32_t> header, episode;
  std::vector<std::uint16_t> header_file, episode_file;
};

// Keys over views into the rows: no allocation per row.
struct RowKey {
  std::string_view la;
  int year;
  std::string_view child;
  std::int64_t decom, dec;  // dec: INT64_MIN when open; both 0 for headers
  friend bool operator==(const RowKey&, const RowKey&) = default;
};
struct RowKeyHash {
  std::size_t operator()(const RowKey& k) const {
    std::size_t h = std::hash<std::string_view>()(k.child);
    auto mix = [&](std::size_t v) { h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2); };
    mix(std::hash<std::string_view>()(k.la));
    mix(static_cast<std::size_t>(k.year));
    mix(static_cast<std::size_t>(k.decom));
    mix(static_cast<std::size_t>(k.dec));
    return h;
  }
};

// Row numbers by key, open addressing: one slot array for a million rows,
// no node per row (a node-based map spent half of reading a return in
// malloc and cache misses).
class FlatIndex {
 public:
  static constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

  explicit FlatIndex(std::size_t rows) {
    std::size_t capacity = std::bit_ceil(std::max<std::size_t>(16, rows * 2));
    slots_.assign(capacity, {kNone, 0});
    AdviseHugePages(slots_.data(), slots_.size() * sizeof(Slot));
    mask_ = capacity - 1;
  }

  // The slot of the row equal to the one sought (`same(row)`), or the empty
  // slot where it belongs; its row is kNone then.
  template <class Same>
  std::uint32_t& Find(std::size_t hash, Same&& same) {
    auto tag = static_cast<std::uint32_t>(hash >> 32);
    for (std::size_t i = hash & mask_;; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.row == kNone) {
        s.tag = tag;
        return s.row;
      }
      if (s.tag == tag && same(s.row)) return s.row;
    }
  }

 private:
  struct Slot {
    std::uint32_t row, tag;
  };
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
};

// Keeps the rows marked true, in order.
template <class Row>
void KeepMarked(std::vector<Row>& rows, const std::vector<bool>& keep) {
  std::size_t out = 0;
  for (std::size_t i = 0; i < rows.size(); ++i)
    if (keep[i]) {
      if (out != i) rows[out] = std::move(rows[i]);
      ++out;
    }
  rows.resize(out);
}

// The columns in which two rows for the same episode differ: "PLACE, URN".
std::string DifferingColumns(const EpisodeRow& a, const EpisodeRow& b) {
  std::string out;
  auto add = [&](bool differs, std::string_view column) {
    if (!differs) return;
    if (!out.empty()) out += ", ";
    out += column;
  };
  add(a.rne != b.rne, "RNE");
  add(a.ls != b.ls, "LS");
  add(a.cin != b.cin, "CIN");
  add(a.place != b.place, "PLACE");
  add(a.place_provider != b.place_provider, "PLACE_PROVIDER");
  add(a.rec != b.rec, "REC");
  add(a.reason_place_change != b.reason_place_change, "REASON_PLACE_CHANGE");
  add(a.home_post != b.home_post, "HOME_POST");
  add(a.pl_post != b.pl_post, "PL_POST");
  add(a.urn != b.urn, "URN");
  return out.empty() ? "no column" : out;
}

void CheckReturn(Return& r, const Lines& lines, ReadReport& report, std::size_t max_problems) {
  auto reject = [&](Problem p) {
    if (report.rejected.size() < max_problems) report.rejected.push_back(std::move(p));
  };
  auto warn = [&](Problem p) {
    if (report.warnings.size() < max_problems) report.warnings.push_back(std::move(p));
  };
  auto header_at = [&](std::size_t i) {
    return std::pair(lines.files[lines.header_file[i]], lines.header[i]);
  };
  auto episode_at = [&](std::size_t i) {
    return std::pair(lines.files[lines.episode_file[i]], lines.episode[i]);
  };
  // SEX as the row's collection year codes it (docs/ssda903.md).
  const YearSpec* spec_of_year = nullptr;
  for (std::size_t i = 0; i < r.headers.size(); ++i) {
    if (!spec_of_year || spec_of_year->year != r.headers[i].year)
      spec_of_year = &SpecForYear(r.headers[i].year);
    const YearSpec& spec = *spec_of_year;
    if (YearSpec::In(spec.sex, r.headers[i].sex.view())) continue;
    auto [file, line] = header_at(i);
    std::string codes;
    for (const auto& c : spec.sex) codes += (codes.empty() ? "" : ", ") + c;
    reject({file, line, "SEX",
            "'" + r.headers[i].sex.str() + "' is not a " + spec.Label() + " SEX code (" + codes +
                ")"});
  }
  // Header rows: one per child per year; identical repeats are kept once.
  RowKeyHash hasher;
  std::vector<bool> keep(r.headers.size(), true);
  {
    FlatIndex first_header(r.headers.size());
    for (std::size_t i = 0; i < r.headers.size(); ++i) {
      const HeaderRow& h = r.headers[i];
      std::uint32_t& first =
          first_header.Find(hasher(RowKey{h.la, h.year, h.child, 0, 0}), [&](std::uint32_t j) {
            const HeaderRow& o = r.headers[j];
            return o.child == h.child && o.year == h.year && o.la == h.la;
          });
      if (first == FlatIndex::kNone) {
        first = static_cast<std::uint32_t>(i);
        continue;
      }
      keep[i] = false;
      auto [file, line] = header_at(i);
      if (r.headers[first] == h) {
        warn({file, line, "CHILD",
              "repeats an identical header row for child " + h.child + "; kept once"});
      } else {
        reject({file, line, "CHILD",
                "a second, different header row for child " + h.child + " in " +
                    std::to_string(h.year)});
      }
    }
  }
  // Each child's latest header, for the episode checks (r.headers is
  // compacted only afterwards).
  FlatIndex header_of(r.headers.size());
  auto header_slot = [&](std::string_view la, std::string_view child) -> std::uint32_t& {
    return header_of.Find(hasher(RowKey{la, 0, child, 0, 0}), [&](std::uint32_t j) {
      return r.headers[j].child == child && r.headers[j].la == la;
    });
  };
  for (std::size_t i = 0; i < r.headers.size(); ++i) {
    if (!keep[i]) continue;
    const HeaderRow& h = r.headers[i];
    std::uint32_t& latest = header_slot(h.la, h.child);
    if (latest == FlatIndex::kNone || h.year > r.headers[latest].year)
      latest = static_cast<std::uint32_t>(i);
  }
  // Episodes: the same episode (child, start and end) only once per return.
  // Found by sorting key hashes (a hash table of a million nodes is slower),
  // then comparing the rows whose hashes are equal.
  std::vector<std::pair<std::size_t, std::uint32_t>> hashes(r.episodes.size());
  auto key_of = [](const EpisodeRow& e) {
    return RowKey{e.la, e.year, e.child, e.decom.days_since_epoch(),
                  e.dec ? e.dec->days_since_epoch() : std::numeric_limits<std::int64_t>::min()};
  };
  for (std::size_t i = 0; i < r.episodes.size(); ++i)
    hashes[i] = {hasher(key_of(r.episodes[i])), static_cast<std::uint32_t>(i)};
  std::sort(hashes.begin(), hashes.end());
  std::vector<std::uint32_t> duplicate_of(r.episodes.size(),
                                          std::numeric_limits<std::uint32_t>::max());
  for (std::size_t a = 0; a < hashes.size();) {
    std::size_t b = a + 1;
    while (b < hashes.size() && hashes[b].first == hashes[a].first) ++b;
    for (std::size_t x = a + 1; x < b; ++x)
      for (std::size_t y = a; y < x; ++y)
        if (key_of(r.episodes[hashes[x].second]) == key_of(r.episodes[hashes[y].second])) {
          duplicate_of[hashes[x].second] = hashes[y].second;
          break;
        }
    a = b;
  }
  // The rule (as the sector's tools have it): a row that repeats another
  // exactly is dropped and reported; two rows for the same episode that
  // differ are refused, naming both rows and the columns that differ.
  std::size_t missing_header = 0, unchecked = 0;
  std::vector<bool> keep_episode(r.episodes.size(), true);
  for (std::size_t i = 0; i < r.episodes.size(); ++i) {
    const EpisodeRow& e = r.episodes[i];
    if (duplicate_of[i] != std::numeric_limits<std::uint32_t>::max()) {
      auto [file, line] = episode_at(i);
      const EpisodeRow& first = r.episodes[duplicate_of[i]];
      std::string first_line = std::to_string(episode_at(duplicate_of[i]).second);
      keep_episode[i] = false;
      if (first == e) {
        ++report.duplicate_episodes_dropped;
        warn({file, line, "DECOM",
              "repeats the episode at line " + first_line + " exactly (child " + e.child +
                  ", from " + e.decom.ToIso() + "); dropped"});
      } else {
        reject({file, line, "DECOM",
                "conflicting duplicate episode: child " + e.child + " has another episode from " +
                    e.decom.ToIso() + " with the same end at line " + first_line +
                    " that differs in " + DifferingColumns(first, e)});
      }
      continue;
    }
    const std::uint32_t h = header_slot(e.la, e.child);
    const HeaderRow* header = h == FlatIndex::kNone ? nullptr : &r.headers[h];
    if (!header && missing_header++ < 20) {
      auto [file, line] = episode_at(i);
      warn({file, line, "CHILD",
            "child " + e.child +
                " has no header row: no date of birth, so forecasts leave the episode out"});
    }
    if (report.warnings.size() >= max_problems) {
      ++unchecked;  // the report is full: the cross-field rules are not run
      continue;
    }
    for (auto& breach : CrossFieldBreaches(e, header)) {
      auto [file, line] = episode_at(i);
      warn({file, line, "", std::move(breach)});
    }
  }
  if (missing_header > 20)
    warn({"", 0, "CHILD",
          std::to_string(missing_header) + " episodes in all whose child has no header row"});
  if (unchecked > 0 && !report.warnings.empty())
    report.warnings.back().reason +=
        " (the report is full: cross-field rules were not checked on " + std::to_string(unchecked) +
        " more episodes)";
  KeepMarked(r.episodes, keep_episode);
  KeepMarked(r.headers, keep);  // one header row per child and year
}

bool IsYearDir(const fs::path& p) {
  std::string n = p.filename().string();
  return n.size() == 4 &&
         std::all_of(n.begin(), n.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
         fs::is_directory(p);
}

// A return's episodes all start within or before its year.
int InferYear(const Return& r) {
  std::optional<Date> latest;
  for (const auto& e : r.episodes)
    if (!latest || e.decom > *latest) latest = e.decom;
  return latest ? CollectionYearOf(*latest) : 0;
}

void SetYear(Return& r, int year) {
  for (auto& h : r.headers) h.year = year;
  for (auto& e : r.episodes) e.year = year;
  for (auto& u : r.uasc) u.year = year;
  for (auto& d : r.dolo) d.year = year;
}

}  // namespace

int CollectionYearOf(Date d) { return d.month() >= 4 ? d.year() + 1 : d.year(); }
Date CollectionYearStart(int year) { return Date(year - 1, 4, 1); }
Date CollectionYearEnd(int year) { return Date(year, 3, 31); }

std::string Problem::ToString() const {
  std::string s = file;
  if (line > 0) s += ":" + std::to_string(line);
  s += ": ";
  if (!column.empty()) s += column + ": ";
  return s + reason;
}

std::string_view LayoutName(Layout layout) {
  switch (layout) {
    case Layout::kPerYear:
      return "per-year CSV";
    case Layout::kPooled:
      return "pooled CSV";
    case Layout::kSingleYear:
      return "single-year CSV";
    case Layout::kXml:
      return "DfE XML";
  }
  return "?";
}

Result<Return> ReadReturn(const fs::path& path, const ReadOptions& options, ReadReport& report,
                          Layout* layout_out) {
  Env& env = options.env ? *options.env : Env::Default();
  Return r;
  Lines lines;
  Layout layout;
  // A folder's three tables, read side by side (each into its own rows,
  // line numbers and report; the reports are joined in table order).
  auto read_dir = [&](const fs::path& dir, const std::string& prefix, std::optional<int> year,
                      std::optional<bool> expect_pooled, bool& pooled) -> Status {
    struct Job {
      Table table;
      std::string display;
      std::uint16_t file_index = 0;
      std::size_t before = 0;
      std::vector<std::uint32_t> other_lines;  // UASC and DoLO rows' lines
      ReadReport report;
      CsvTableInfo info;
      Status status;
      std::vector<std::uint32_t>& Kept(Lines& l) {
        return table == Table::kHeader     ? l.header
               : table == Table::kEpisodes ? l.episode
                                           : other_lines;
      }
    };
    std::vector<Job> jobs;
    jobs.reserve(4);
    for (Table t : {Table::kHeader, Table::kEpisodes, Table::kUasc, Table::kDolo}) {
      const TableSpec& spec = Spec(t);
      if (!fs::exists(dir / spec.file)) {
        if (t == Table::kUasc || t == Table::kDolo) continue;
        report.rejected.push_back(
            {prefix + spec.file, 0, "", "missing: every return has " + std::string(spec.file)});
        continue;
      }
      Job& job = jobs.emplace_back();
      job.table = t;
      job.display = prefix + spec.file;
      job.file_index = static_cast<std::uint16_t>(lines.files.size());
      lines.files.push_back(job.display);
      job.before = job.Kept(lines).size();
    }
    auto run = [&](Job& job) {
      job.status =
          ReadCsvTable(env, dir / Spec(job.table).file, job.display, job.table, year, expect_pooled,
                       r, job.report, options.max_problems, job.info, job.Kept(lines));
    };
    {
      std::vector<std::jthread> others;
      for (std::size_t i = 1; i < jobs.size(); ++i) others.emplace_back([&, i] { run(jobs[i]); });
      if (!jobs.empty()) run(jobs[0]);
    }
    for (Job& job : jobs) {
      CC_RETURN_IF_ERROR(job.status);
      if (job.table == Table::kHeader) pooled = job.info.pooled;
      auto& kept_file = job.table == Table::kHeader ? lines.header_file : lines.episode_file;
      if (job.table == Table::kHeader || job.table == Table::kEpisodes)
        kept_file.resize(kept_file.size() + (job.Kept(lines).size() - job.before), job.file_index);
      report.header_rows += job.report.header_rows;
      report.episode_rows += job.report.episode_rows;
      report.uasc_rows += job.report.uasc_rows;
      report.dolo_rows += job.report.dolo_rows;
      for (auto& p : job.report.rejected)
        if (report.rejected.size() < options.max_problems) report.rejected.push_back(std::move(p));
      for (auto& p : job.report.warnings)
        if (report.warnings.size() < options.max_problems) report.warnings.push_back(std::move(p));
    }
    return Status::Ok();
  };

  if (fs::is_regular_file(path)) {
    if (path.extension() != ".xml")
      return InvalidArgument(
          "path",
          path.string() + " is a file but not .xml: give a folder of CSV files or a DfE XML file");
    layout = Layout::kXml;
    CC_RETURN_IF_ERROR(ReadXml(env, path, r, report, options.max_problems));
    // XML records carry their line in the file (the whole file may be one
    // line): 0 means "see the child id in the message".
    lines.files.push_back(path.filename().string());
    lines.header.assign(r.headers.size(), 0);
    lines.episode.assign(r.episodes.size(), 0);
    lines.header_file.assign(r.headers.size(), 0);
    lines.episode_file.assign(r.episodes.size(), 0);
    SetYear(r, options.year.value_or(InferYear(r)));
  } else if (fs::is_directory(path)) {
    std::vector<fs::path> years;
    for (const auto& entry : fs::directory_iterator(path))
      if (IsYearDir(entry.path())) years.push_back(entry.path());
    std::sort(years.begin(), years.end());
    bool pooled = false;
    if (!years.empty()) {
      layout = Layout::kPerYear;
      for (const auto& y : years) {
        int year = std::stoi(y.filename().string());
        CC_RETURN_IF_ERROR(read_dir(y, y.filename().string() + "/", year, false, pooled));
      }
    } else {
      CC_RETURN_IF_ERROR(read_dir(path, "", std::nullopt, std::nullopt, pooled));
      layout = pooled ? Layout::kPooled : Layout::kSingleYear;
      if (!pooled) SetYear(r, options.year.value_or(InferYear(r)));
    }
  } else {
    return InvalidArgument("path", path.string() + " does not exist");
  }
  if (layout_out) *layout_out = layout;
  if (report.rejected.empty()) {
    if (lines.episode.size() != r.episodes.size() || lines.header.size() != r.headers.size())
      return Internal("line bookkeeping lost track of rows");
    CheckReturn(r, lines, report, options.max_problems);
  }
  if (!report.rejected.empty()) {
    return InvalidArgument(
        report.rejected.front().column.empty() ? "path" : report.rejected.front().column,
        report.rejected.front().ToString() +
            (report.rejected.size() > 1
                 ? " (and " + std::to_string(report.rejected.size() - 1) + " more rejected rows)"
                 : ""));
  }
  return Result<Return>(std::move(r));
}

// ---------------------------------------------------------------------------
// Cross-field rules.

std::vector<std::string> CrossFieldBreaches(const EpisodeRow& e, const HeaderRow* header,
                                            const YearSpec* year_spec) {
  std::vector<std::string> out;
  const YearSpec& spec =
      year_spec ? *year_spec : SpecForYear(e.year ? e.year : CollectionYearOf(e.decom));
  const std::string p = e.place.str();
  bool no_provider = YearSpec::In(spec.provider_not_allowed, p);
  if (no_provider && !e.place_provider.empty())
    out.push_back("PLACE_PROVIDER must be blank for PLACE " + p + " (got " + e.place_provider +
                  ") (rule 213)");
  if (!no_provider && p != "Z1" && e.place_provider.empty())
    out.push_back("PLACE_PROVIDER is required for PLACE " + p);
  if (p == "P1" && !e.place_provider.empty() && e.place_provider != "PR0")
    out.push_back("PLACE P1 (placed with parents) takes PLACE_PROVIDER PR0, not " +
                  e.place_provider);
  if (!YearSpec::In(spec.pr0_only_with, p) && e.place_provider == "PR0")
    out.push_back("PLACE_PROVIDER PR0 is only for PLACE P1, not " + p + " (rule 550)");
  // Rule 218 asks for a URN on placements that end in the year or are open.
  bool in_year = !e.dec || e.year == 0 || *e.dec >= CollectionYearStart(spec.year);
  if (in_year && !YearSpec::In(spec.urn_not_required, p) && e.urn.empty())
    out.push_back("URN is required for PLACE " + p + " in " + spec.Label() + " (rule 218)");
  if (YearSpec::In(spec.urn_not_allowed, p) && !e.urn.empty() && e.urn != "XXXXXXX")
    out.push_back("URN must be blank or XXXXXXX for PLACE " + p + " in " + spec.Label() +
                  " (rule 222)");
  if (p != "P1" && !e.home_post.empty() && e.home_post == e.pl_post)
    out.push_back("HOME_POST and PL_POST are the same (" + e.home_post + ") but PLACE is " + p +
                  ", not P1");
  if (p == "K3" && header && AgeInYears(header->dob, e.decom) < 16)
    out.push_back("PLACE K3 (supported accommodation) is only from age 16; the child was " +
                  std::to_string(AgeInYears(header->dob, e.decom)));
  if (e.dec && e.rec.empty()) out.push_back("REC is required when DEC is given (rule 148)");
  if (!e.dec && !e.rec.empty())
    out.push_back("REC " + e.rec + " is given for an episode with no DEC (rule 148)");
  return out;
}

// ---------------------------------------------------------------------------
// Writers.

namespace {

std::string OptDate(const std::optional<Date>& d, bool uk) { return d ? FormatDate(*d, uk) : ""; }

void WriteRows(std::ostream& out, Table t, const Return& r, bool pooled,
               std::optional<int> only_year) {
  const TableSpec& spec = Spec(t);
  bool uk = !pooled;
  for (std::size_t i = 0; i < spec.columns.size(); ++i) out << (i ? "," : "") << spec.columns[i];
  if (pooled) out << ",LA,YEAR";
  out << '\n';
  auto tail = [&](const std::string& la, int year) {
    if (pooled) out << ',' << CsvField(la) << ',' << year;
    out << '\n';
  };
  if (t == Table::kHeader) {
    for (const auto& h : r.headers) {
      if (only_year && h.year != *only_year) continue;
      out << CsvField(h.child) << ',' << h.sex << ',' << FormatDate(h.dob, uk) << ',' << h.ethnic
          << ',' << CsvField(h.upn) << ',' << h.mother << ',' << OptDate(h.mc_dob, uk);
      tail(h.la, h.year);
    }
  } else if (t == Table::kEpisodes) {
    for (const auto& e : r.episodes) {
      if (only_year && e.year != *only_year) continue;
      out << CsvField(e.child) << ',' << FormatDate(e.decom, uk) << ',' << e.rne << ',' << e.ls
          << ',' << e.cin << ',' << e.place << ',' << e.place_provider << ',' << OptDate(e.dec, uk)
          << ',' << e.rec << ',' << e.reason_place_change << ',' << CsvField(e.home_post) << ','
          << CsvField(e.pl_post) << ',' << CsvField(e.urn);
      tail(e.la, e.year);
    }
  } else if (t == Table::kUasc) {
    for (const auto& u : r.uasc) {
      if (only_year && u.year != *only_year) continue;
      out << CsvField(u.child) << ',' << u.sex << ',' << FormatDate(u.dob, uk) << ','
          << OptDate(u.duc, uk);
      tail(u.la, u.year);
    }
  } else {
    for (const auto& d : r.dolo) {
      if (only_year && d.year != *only_year) continue;
      out << CsvField(d.child) << ',' << FormatDate(d.dob, uk) << ',' << FormatDate(d.start, uk)
          << ',' << OptDate(d.end, uk);
      tail(d.la, d.year);
    }
  }
}

Status WriteTables(Env& env, const Return& r, const fs::path& dir, bool pooled,
                   std::optional<int> year) {
  CC_RETURN_IF_ERROR(env.CreateDirectories(dir));
  const bool dolo = std::any_of(r.dolo.begin(), r.dolo.end(),
                                [&](const DoloRow& d) { return !year || d.year == *year; });
  for (Table t : {Table::kHeader, Table::kEpisodes, Table::kUasc, Table::kDolo}) {
    if (t == Table::kDolo && !dolo) continue;  // written only when there are orders
    std::ostringstream out;
    WriteRows(out, t, r, pooled, year);
    CC_RETURN_IF_ERROR(env.WriteFile(dir / Spec(t).file, out.str()));
  }
  return Status::Ok();
}

std::string XmlEscape(std::string_view v) {
  std::string s;
  for (char c : v) {
    switch (c) {
      case '&':
        s += "&amp;";
        break;
      case '<':
        s += "&lt;";
        break;
      case '>':
        s += "&gt;";
        break;
      default:
        s += c;
    }
  }
  return s;
}

}  // namespace

Status WriteCsvPerYear(const Return& r, const fs::path& dir, Env& env) {
  std::set<int> years;
  for (const auto& h : r.headers) years.insert(h.year);
  for (const auto& e : r.episodes) years.insert(e.year);
  for (int y : years) CC_RETURN_IF_ERROR(WriteTables(env, r, dir / std::to_string(y), false, y));
  return Status::Ok();
}

Status WriteCsvPooled(const Return& r, const fs::path& dir, Env& env) {
  return WriteTables(env, r, dir, true, std::nullopt);
}

Status WriteXml(const Return& r, const fs::path& file, Env& env) {
  std::set<int> years;
  for (const auto& e : r.episodes) years.insert(e.year);
  for (const auto& h : r.headers) years.insert(h.year);
  if (years.size() > 1)
    return InvalidArgument("year", "the DfE XML layout holds one collection year");
  std::map<std::string, const UascRow*> uasc;
  for (const auto& u : r.uasc) uasc[u.child] = &u;
  std::map<std::string, std::vector<const EpisodeRow*>> episodes;
  for (const auto& e : r.episodes) episodes[e.child.str()].push_back(&e);
  std::set<std::string> with_header;
  for (const auto& h : r.headers) with_header.insert(h.child.str());
  for (const auto& [child, list] : episodes)
    if (!with_header.count(child))
      return InvalidArgument(
          "CHILD",
          "child " + child + " has episodes but no header row, which the XML layout needs");
  std::ostringstream out;
  out << "<?xml version='1.0' encoding='us-ascii'?>\n<EXPSSDA903>";
  auto tag = [&](const char* name, std::string_view v) {
    if (v.empty()) {
      out << '<' << name << " />";
    } else {
      out << '<' << name << '>' << XmlEscape(v) << "</" << name << '>';
    }
  };
  for (const auto& h : r.headers) {
    out << "<CHILD><HEADER>";
    tag("CHILDID", h.child);
    tag("UPN", h.upn);
    tag("SEX", h.sex);
    tag("DOB", h.dob.ToUk());
    tag("ETHNIC", h.ethnic);
    auto u = uasc.find(h.child.str());
    if (u != uasc.end() && u->second->duc) {
      tag("UASC", "1");
      tag("DUC", u->second->duc->ToUk());
    } else {
      tag("UASC", "0");  // the DfE's XML asks for the flag on every child
    }
    tag("MOTHER", h.mother);
    tag("MC_DOB", h.mc_dob ? h.mc_dob->ToUk() : "");
    out << "</HEADER>";
    for (const EpisodeRow* e : episodes[h.child.str()]) {
      out << "<EPISODE>";
      tag("DECOM", e->decom.ToUk());
      tag("RNE", e->rne);
      tag("LS", e->ls);
      tag("CIN", e->cin);
      tag("PL", e->place);
      tag("PL_POST", e->pl_post);
      tag("HOME_POST", e->home_post);
      tag("URN", e->urn);
      tag("PLACE_PROVIDER", e->place_provider);
      tag("DEC", e->dec ? e->dec->ToUk() : "");
      tag("REC", e->rec);
      tag("REASON_PLACE_CHANGE", e->reason_place_change);
      out << "</EPISODE>";
    }
    out << "</CHILD>";
  }
  out << "</EXPSSDA903>\n";
  return env.WriteFile(file, out.str());
}

}  // namespace carecoop::ssda903
