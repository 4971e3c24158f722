#include "io/ssda903_return.h"

#include <gtest/gtest.h>

#include <fstream>
#include <random>

#include "tests/support/temp_dir.h"

namespace carecoop::ssda903 {
namespace {
namespace fs = std::filesystem;

const fs::path kPeers = fs::path(CARECOOP_TEST_DATA) / "peers";

fs::path TempDir(const std::string& name) { return testing::FreshTempDir("io_" + name); }

Return MustRead(const fs::path& path, Layout* layout = nullptr, ReadOptions options = {}) {
  ReadReport report;
  auto r = ReadReturn(path, options, report, layout);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : Return{};
}

void Write(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  std::ofstream(file) << text;
}

TEST(ReadReturn, ReadsEveryLayoutOfTheSharedSamples) {
  Layout layout;
  Return pooled = MustRead(kPeers / "cs-demand-model-regional/data", &layout);
  EXPECT_EQ(layout, Layout::kPooled);
  EXPECT_EQ(pooled.episodes.size(), 3737u);
  EXPECT_EQ(pooled.episodes[0].la, "Hillingdon");
  EXPECT_EQ(pooled.episodes[0].year, 2017);
  EXPECT_EQ(pooled.episodes[0].decom, Date(2017, 4, 9));
  EXPECT_EQ(pooled.uasc.size(), 51u);

  Return per_year = MustRead(kPeers / "cs-demand-model/data", &layout);
  EXPECT_EQ(layout, Layout::kPerYear);
  EXPECT_EQ(per_year.episodes.size(), 3737u);
  EXPECT_EQ(per_year.episodes[0].year, 2017);
  EXPECT_EQ(per_year.episodes[0].dec, Date(2017, 10, 31));

  Return synth = MustRead(kPeers / "csc-data-synthesizer/generated-m100-seed7", &layout);
  EXPECT_EQ(synth.episodes.size(), 29444u);

  Return single = MustRead(kPeers / "csc-validator-be-903/data", &layout);
  EXPECT_EQ(layout, Layout::kSingleYear);
  EXPECT_EQ(single.episodes.size(), 5050u);
  EXPECT_EQ(single.episodes[0].year, 2018) << "the latest DECOM falls in 2017/18";

  Return xml = MustRead(kPeers / "csc-validator-be-903/data/fake_903.xml", &layout);
  EXPECT_EQ(layout, Layout::kXml);
  EXPECT_EQ(xml.headers.size(), 253u);
  EXPECT_GT(xml.episodes.size(), 253u);
  EXPECT_EQ(xml.episodes[0].child, "907440");
  EXPECT_EQ(xml.episodes[0].place, "R5");
  EXPECT_FALSE(xml.uasc.empty());
}

TEST(ReadReturn, RepeatedIdenticalHeadersAreKeptOnceWithAWarning) {
  ReadReport report;
  auto r = ReadReturn(kPeers / "cs-demand-model-regional/data", {}, report);
  ASSERT_TRUE(r.ok());
  EXPECT_LT(r->headers.size(), report.header_rows);
  bool warned = false;
  for (const auto& w : report.warnings)
    warned |= w.reason.find("identical header row") != std::string::npos;
  EXPECT_TRUE(warned);
}

void ExpectSameEpisodes(const Return& a, const Return& b);
fs::path SmallReturn(const std::string& name, const std::string& episodes_extra = "",
                     const std::string& episodes_header =
                         "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,"
                         "HOME_POST,PL_POST,URN");

// Finding 3 of issue 15: four councils' returns were refused whole for 2 to
// 8 episode rows that repeated another row exactly. An exact repeat is now
// dropped and reported (a warning and a count); a row for the same episode
// that differs is still refused (MalformedFilesFailNamingFileLineColumnAndReason).
TEST(ReadReturn, AnEpisodeRowRepeatedExactlyIsDroppedAndReported) {
  Return once = MustRead(SmallReturn("once"));
  ReadReport report;
  auto twice = ReadReturn(SmallReturn("twice",
                                      "101,01/05/2020,S,C2,N1,U4,PR1,,,,,,\n"
                                      "102,02/06/2020,S,C2,N2,K2,PR4,,,,,,1234567\n"
                                      "101,01/05/2020,S,C2,N1,U4,PR1,,,,,,\n"),
                          {}, report);
  ASSERT_TRUE(twice.ok()) << twice.status().ToString();
  EXPECT_EQ(report.episode_rows, 5u);
  EXPECT_EQ(report.duplicate_episodes_dropped, 3u);
  ExpectSameEpisodes(*twice, once);
  std::vector<std::size_t> lines;
  for (const auto& w : report.warnings)
    if (w.reason.find("exactly") != std::string::npos) lines.push_back(w.line);
  EXPECT_EQ(lines, (std::vector<std::size_t>{4, 5, 6}));
}

void ExpectSameEpisodes(const Return& a, const Return& b) {
  ASSERT_EQ(a.episodes.size(), b.episodes.size());
  for (std::size_t i = 0; i < a.episodes.size(); ++i)
    ASSERT_EQ(a.episodes[i], b.episodes[i]) << "episode " << i;
  EXPECT_EQ(a.headers, b.headers);
  EXPECT_EQ(a.uasc, b.uasc);
}

TEST(WriteReturn, EveryLayoutReadsBackTheSameReturn) {
  Return synth = MustRead(kPeers / "csc-data-synthesizer/generated-m100-seed7");
  fs::path dir = TempDir("per_year");
  ASSERT_TRUE(WriteCsvPerYear(synth, dir).ok());
  ExpectSameEpisodes(synth, MustRead(dir));

  Return pooled = MustRead(kPeers / "cs-demand-model-regional/data");
  fs::path pdir = TempDir("pooled");
  ASSERT_TRUE(WriteCsvPooled(pooled, pdir).ok());
  ExpectSameEpisodes(pooled, MustRead(pdir));

  Return xml = MustRead(kPeers / "csc-validator-be-903/data/fake_903.xml");
  fs::path xfile = TempDir("xml") / "return.xml";
  ASSERT_TRUE(WriteXml(xml, xfile).ok());
  ReadOptions same_year;
  same_year.year = xml.episodes[0].year;
  ExpectSameEpisodes(xml, MustRead(xfile, nullptr, same_year));
  fs::remove_all(dir);
  fs::remove_all(pdir);
}

// A valid single-year folder, to break one way at a time.
fs::path SmallReturn(const std::string& name, const std::string& episodes_extra,
                     const std::string& episodes_header) {
  fs::path dir = TempDir(name);
  Write(dir / "header.csv",
        "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n101,1,01/02/2010,WBRI,,,\n102,2,03/04/"
        "2008,MWBA,,,\n");
  Write(dir / "episodes.csv",
        episodes_header +
            "\n101,01/05/2020,S,C2,N1,U4,PR1,,,,,,\n102,02/06/2020,S,C2,N2,K2,PR4,,,,,,1234567\n" +
            episodes_extra);
  return dir;
}

Problem FirstProblem(const fs::path& dir) {
  ReadReport report;
  auto r = ReadReturn(dir, {}, report);
  EXPECT_FALSE(r.ok());
  EXPECT_FALSE(report.rejected.empty());
  return report.rejected.empty() ? Problem{} : report.rejected.front();
}

// The DoLO table (2026-27): read from dolo.csv in the per-year and pooled
// layouts, written back only when there are rows, and a row breaking the
// validator's rules 702 or 708 rejected naming its column.
TEST(ReadReturn, TheDoloTableRoundTripsAndItsRulesAreChecked) {
  const std::string header_cols =
      "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,"
      "REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN";
  fs::path dir = SmallReturn("dolo", "", header_cols);
  Write(dir / "dolo.csv",
        "CHILD,DOB,DOLO_START,DOLO_END\n101,01/02/2010,03/06/2020,\n"
        "102,03/04/2008,01/01/2021,30/03/2021\n");
  ReadOptions year;
  year.year = 2021;
  Return r = MustRead(dir, nullptr, year);
  ASSERT_EQ(r.dolo.size(), 2u);
  EXPECT_EQ(r.dolo[0].child, "101");
  EXPECT_EQ(r.dolo[0].start, Date(2020, 6, 3));
  EXPECT_FALSE(r.dolo[0].end.has_value());
  EXPECT_EQ(r.dolo[1].end, Date(2021, 3, 30));
  EXPECT_EQ(r.dolo[1].year, 2021);

  fs::path per_year = TempDir("dolo_per_year");
  ASSERT_TRUE(WriteCsvPerYear(r, per_year).ok());
  EXPECT_TRUE(fs::exists(per_year / "2021" / "dolo.csv"));
  EXPECT_EQ(MustRead(per_year).dolo, r.dolo);
  fs::path pooled = TempDir("dolo_pooled");
  Return with_la = r;
  for (auto& h : with_la.headers) h.la = "E08000003";
  for (auto& e : with_la.episodes) e.la = "E08000003";
  for (auto& d : with_la.dolo) d.la = "E08000003";
  ASSERT_TRUE(WriteCsvPooled(with_la, pooled).ok());
  EXPECT_EQ(MustRead(pooled).dolo, with_la.dolo);

  // No orders: no dolo.csv written (years before 2026-27 have none).
  Return none = r;
  none.dolo.clear();
  fs::path without = TempDir("dolo_none");
  ASSERT_TRUE(WriteCsvPerYear(none, without).ok());
  EXPECT_FALSE(fs::exists(without / "2021" / "dolo.csv"));

  Write(dir / "dolo.csv", "CHILD,DOB,DOLO_START,DOLO_END\n101,01/02/2010,03/06/2020,02/06/2020\n");
  Problem p = FirstProblem(dir);
  EXPECT_EQ(p.file, "dolo.csv");
  EXPECT_EQ(p.line, 2u);
  EXPECT_EQ(p.column, "DOLO_END");
  EXPECT_NE(p.reason.find("rule 702"), std::string::npos) << p.ToString();
  Write(dir / "dolo.csv", "CHILD,DOB,DOLO_START,DOLO_END\n101,01/02/2010,03/06/2009,\n");
  p = FirstProblem(dir);
  EXPECT_EQ(p.column, "DOLO_START");
  EXPECT_NE(p.reason.find("rule 708"), std::string::npos) << p.ToString();
  Write(dir / "dolo.csv", "CHILD,DOB,DOLO_START\n101,01/02/2010,03/06/2020\n");
  p = FirstProblem(dir);
  EXPECT_EQ(p.column, "DOLO_END");
  fs::remove_all(dir);
  fs::remove_all(per_year);
  fs::remove_all(pooled);
  fs::remove_all(without);
}

TEST(ReadReturn, MalformedFilesFailNamingFileLineColumnAndReason) {
  EXPECT_EQ(MustRead(SmallReturn("ok")).episodes.size(), 2u);

  Problem p = FirstProblem(SmallReturn("bad_date", "101,31/02/2021,P,C2,N1,U4,PR1,,,,,,\n"));
  EXPECT_EQ(p.file, "episodes.csv");
  EXPECT_EQ(p.line, 4u);
  EXPECT_EQ(p.column, "DECOM");
  EXPECT_NE(p.reason.find("bad date '31/02/2021'"), std::string::npos) << p.ToString();

  p = FirstProblem(SmallReturn("unknown_code", "101,01/03/2021,P,C2,N1,X9,PR1,,,,,,\n"));
  EXPECT_EQ(p.line, 4u);
  EXPECT_EQ(p.column, "PLACE");
  EXPECT_NE(p.reason.find("'X9' is not an SSDA903 PLACE code"), std::string::npos);

  p = FirstProblem(SmallReturn("conflicting", "101,01/05/2020,S,C2,N1,U5,PR1,,,,,,\n"));
  EXPECT_EQ(p.line, 4u);
  EXPECT_NE(p.reason.find("conflicting duplicate episode"), std::string::npos) << p.ToString();
  EXPECT_NE(p.reason.find("line 2"), std::string::npos);
  EXPECT_NE(p.reason.find("differs in PLACE"), std::string::npos) << p.ToString();

  p = FirstProblem(SmallReturn(
      "wrong_column", "",
      "CHILD,DECOM,RNE,LS,CIN,PLACEMENT,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,"
      "PL_POST,URN"));
  EXPECT_EQ(p.line, 1u);
  EXPECT_EQ(p.column, "PLACEMENT");
  EXPECT_NE(p.reason.find("unknown column"), std::string::npos);

  p = FirstProblem(
      SmallReturn("ends_before_start", "101,01/03/2021,P,C2,N1,U4,PR1,01/01/2021,X1,,,,\n"));
  EXPECT_EQ(p.column, "DEC");

  p = FirstProblem(SmallReturn("short_row", "101,01/03/2021,P\n"));
  EXPECT_EQ(p.line, 4u);
  EXPECT_NE(p.reason.find("3 fields"), std::string::npos);

  // ISO dates where the layout has dd/mm/YYYY.
  p = FirstProblem(SmallReturn("iso_in_uk", "101,2021-03-01,P,C2,N1,U4,PR1,,,,,,\n"));
  EXPECT_NE(p.reason.find("expected dd/mm/YYYY"), std::string::npos);
}

TEST(ReadReturn, EveryBadRowIsReportedNotJustTheFirst) {
  ReadReport report;
  auto r = ReadReturn(
      SmallReturn("many",
                  "101,99/99/2021,P,C2,N1,U4,PR1,,,,,,\n102,01/03/2021,Q,C2,N1,U4,PR1,,,,,,\n"),
      {}, report);
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(report.rejected.size(), 2u);
  EXPECT_EQ(report.rejected[0].line, 4u);
  EXPECT_EQ(report.rejected[1].line, 5u);
  EXPECT_EQ(report.rejected[1].column, "RNE");
  EXPECT_NE(r.status().message().find("and 1 more"), std::string::npos);
}

TEST(ReadReturn, QuotedFieldsAndCrlfLineEnds) {
  fs::path dir = TempDir("crlf");
  Write(dir / "header.csv",
        "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\n\"101\",1,01/02/2010,WBRI,\"A,1\",,\r\n");
  Write(dir / "episodes.csv",
        "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,"
        "URN\r\n"
        "101,01/05/2020,S,C2,N1,U4,PR1,,,,\"AB1 2CD\",,\r\n");
  Return r = MustRead(dir);
  ASSERT_EQ(r.episodes.size(), 1u);
  EXPECT_EQ(r.headers[0].upn, "A,1");
  EXPECT_EQ(r.episodes[0].home_post, "AB1 2CD");
}

TEST(CrossFieldBreaches, ApplyThePublishedRules) {
  EpisodeRow e;
  e.place = "T1";
  e.place_provider = "PR1";
  EXPECT_FALSE(CrossFieldBreaches(e, nullptr).empty());
  e.place = "P1";
  e.place_provider = "PR0";
  e.home_post = e.pl_post = "AB1 2CD";
  EXPECT_TRUE(CrossFieldBreaches(e, nullptr).empty());
  e.place = "U4";
  e.place_provider = "PR1";
  e.urn = "SC123456";  // rule 218: a foster placement names its fostering service
  EXPECT_FALSE(CrossFieldBreaches(e, nullptr).empty()) << "same postcodes only with P1";
  e.pl_post = "XY9 8ZZ";
  EXPECT_TRUE(CrossFieldBreaches(e, nullptr).empty());
  e.urn = "";
  EXPECT_FALSE(CrossFieldBreaches(e, nullptr).empty()) << "rule 218";
  HeaderRow h;
  h.dob = Date(2010, 1, 1);
  e.decom = Date(2025, 1, 1);
  e.place = "K3";
  e.urn = "SC123456";
  EXPECT_FALSE(CrossFieldBreaches(e, &h).empty()) << "K3 only from 16";
  e.decom = Date(2026, 1, 1);
  EXPECT_TRUE(CrossFieldBreaches(e, &h).empty());
}

}  // namespace
}  // namespace carecoop::ssda903
