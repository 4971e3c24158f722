// The SSDA903 return (the DfE's children looked after collection) as files:
// its header, episodes, UASC and DoLO tables, read strictly and written back.
//
// Three layouts are read (ReadReturn):
//   per-year     DIR/<YYYY>/{header,episodes,uasc}.csv, dates dd/mm/YYYY; the
//                folder name is the collection YEAR (as councils keep them).
//   pooled       DIR/{header,episodes,uasc}.csv with extra LA and YEAR
//                columns and ISO dates (regional extracts).
//   DfE XML      FILE.xml: EXPSSDA903/CHILD/HEADER + EPISODE (tags CHILDID
//                and PL for CHILD and PLACE), one collection year.
// A single year's DIR/{header,episodes,uasc}.csv without LA and YEAR is read
// as one collection year too. uasc.csv and dolo.csv (deprivation of liberty
// orders, from 2026-27: CHILD, DOB, DOLO_START, DOLO_END) are optional, and
// dolo.csv is written only when the return has DoLO rows; the XML layout
// carries no DoLO rows (its schema for them is not in shared/).
//
// Strict: every code is checked against the DfE's lists (data/codes/), every
// date against the layout's one format, and columns must be exactly the
// table's. A bad row is a Problem naming file, line, column and reason; one
// problem fails the whole read (nothing is returned, nothing is stored), and
// ReadReport lists every rejected row, not just the first. Rows that are
// legal but doubtful are warnings: identical repeats of a header or an
// episode row (kept once), episodes whose child has no header, breaches of
// the DfE's cross-field rules. Two different rows for one episode (child,
// DECOM, DEC) or one child's header in a year are rejected.
#ifndef CARECOOP_IO_SSDA903_RETURN_H_
#define CARECOOP_IO_SSDA903_RETURN_H_

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/env.h"
#include "core/short_text.h"
#include "core/status.h"

namespace carecoop::ssda903 {

// One child's header row for one collection year.
struct HeaderRow {
  std::string la;  // LA column (pooled layout) or "" (the importing council)
  int year = 0;    // collection year: the year the return ends (31 March)
  ShortText<10> child;
  ShortText<1> sex;  // 1 male, 2 female
  Date dob;
  ShortText<4> ethnic;
  ShortText<13> upn;
  ShortText<3> mother;  // 1 if the child is a mother, else "" (0, 1, 0.0 or 1.0 as filed)
  std::optional<Date> mc_dob;

  friend bool operator==(const HeaderRow&, const HeaderRow&) = default;
};

// One episode of care: a period with one placement and legal status. Codes
// and short fields are held inline (core/short_text.h): a million of these
// rows is what a national return holds.
struct EpisodeRow {
  std::string la;
  int year = 0;
  ShortText<10> child;
  Date decom;
  ShortText<1> rne;  // reason new episode
  ShortText<2> ls;   // legal status
  ShortText<2> cin;  // category of need
  ShortText<3> place;
  ShortText<3> place_provider;
  std::optional<Date> dec;  // open episodes have none
  ShortText<3> rec;         // reason episode ceased ("" while open)
  ShortText<6> reason_place_change;
  ShortText<8> home_post;
  ShortText<8> pl_post;
  ShortText<8> urn;

  friend bool operator==(const EpisodeRow&, const EpisodeRow&) = default;
};

// An unaccompanied asylum-seeking child's date UASC status ceased.
struct UascRow {
  std::string la;
  int year = 0;
  std::string child;
  std::string sex;
  Date dob;
  std::optional<Date> duc;

  friend bool operator==(const UascRow&, const UascRow&) = default;
};

// A deprivation of liberty order (DoLO) the child was under in the year:
// the return's DoLO table, collected from 2026-27 (the DfE validator's
// rules 700-710). Optional in every year's files.
struct DoloRow {
  std::string la;
  int year = 0;
  std::string child;
  Date dob;
  Date start;               // DOLO_START
  std::optional<Date> end;  // DOLO_END; none while the order is in force

  friend bool operator==(const DoloRow&, const DoloRow&) = default;
};

struct Return {
  std::vector<HeaderRow> headers;
  std::vector<EpisodeRow> episodes;
  std::vector<UascRow> uasc;
  std::vector<DoloRow> dolo;
};

struct Problem {
  std::string file;
  std::size_t line = 0;  // 1-based; the header row is line 1
  std::string column;
  std::string reason;

  std::string ToString() const;  // "episodes.csv:12: DECOM: bad date '31/02/2020'"
};

struct ReadReport {
  std::size_t header_rows = 0;
  std::size_t episode_rows = 0;
  // Episode rows that repeated another row exactly: dropped, each also a
  // warning (a row for the same episode that differs is rejected).
  std::size_t duplicate_episodes_dropped = 0;
  std::size_t uasc_rows = 0;
  std::size_t dolo_rows = 0;
  std::vector<Problem> rejected;  // each makes the read fail
  std::vector<Problem> warnings;  // accepted, but worth a look
};

enum class Layout { kPerYear, kPooled, kSingleYear, kXml };
std::string_view LayoutName(Layout layout);

struct ReadOptions {
  // Collection year for a single-year folder or an XML file; when unset it
  // is the year of the 31 March that ends the year of the latest DECOM.
  std::optional<int> year;
  // Stop collecting problems after this many (the read fails either way).
  std::size_t max_problems = 1000;
  // Where files are read from (tests break it on purpose); null: Env::Default().
  Env* env = nullptr;
};

// Reads `path` in whichever layout it is. On any rejected row returns
// InvalidArgument whose message is the first problem (file:line: column:
// reason) and fills report->rejected with all of them.
Result<Return> ReadReturn(const std::filesystem::path& path, const ReadOptions& options,
                          ReadReport& report, Layout* layout = nullptr);

// Writes the return: CSV per-year files (DIR/<YYYY>/...), pooled CSV
// (DIR/...), or DfE XML (one file; one collection year only).
// Files are written through `env`, each beside its name and renamed into place.
Status WriteCsvPerYear(const Return& r, const std::filesystem::path& dir,
                       Env& env = Env::Default());
Status WriteCsvPooled(const Return& r, const std::filesystem::path& dir, Env& env = Env::Default());
Status WriteXml(const Return& r, const std::filesystem::path& file, Env& env = Env::Default());

// Collection years run 1 April to 31 March and are named by the year they
// end in: 2025 is April 2024 to March 2025.
int CollectionYearOf(Date d);
Date CollectionYearStart(int year);  // 1 April of year - 1
Date CollectionYearEnd(int year);    // 31 March of year

// The DfE's cross-field rules that CareCoop applies to what it reads and
// writes (docs/ssda903.md): each breach as a problem against `episode`,
// naming the DfE rule where it has one ("(rule 222)"). The lists are those
// of `spec`, or of the episode's collection year when null.
struct YearSpec;
std::vector<std::string> CrossFieldBreaches(const EpisodeRow& episode, const HeaderRow* header,
                                            const YearSpec* spec = nullptr);

}  // namespace carecoop::ssda903

#endif  // CARECOOP_IO_SSDA903_RETURN_H_
