// Episodes that start on a band birthday (1st, 5th, 10th, 16th): the state
// each piece gets, by the sector model's definition, and a forecast that is
// a number on any return (issue 15, findings 1 and 2).
//
// The definition (cs-demand-model-regional, datacontainer.py): age is days /
// 365.24, so a birthday is the band below when the years held one leap day
// fewer (1,826 days = 4.9995 years, case A) and the band above otherwise
// (366 days = 1.0021 years, case B). An episode that crosses a band end is
// split at the birthday into pieces kept in the order they were made (the
// child's episodes by start, each one's pieces by age); the category before
// and after a piece is its neighbour's when they touch. Either case makes a
// piece of no days on the birthday.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "forecast/model.h"

namespace carecoop::forecast {
namespace {
namespace fs = std::filesystem;

const fs::path kRegional =
    fs::path(CARECOOP_TEST_DATA) / "peers" / "cs-demand-model-regional" / "data";

Date Iso(std::string_view s) { return *Date::ParseIso(s); }

void AddChild(ssda903::Return& r, std::string_view child, std::string_view dob) {
  ssda903::HeaderRow h;
  h.la = "Bromley";
  h.year = 2023;
  h.child = child;
  h.sex = "1";
  h.dob = Iso(dob);
  h.ethnic = "WBRI";
  r.headers.push_back(h);
}

void AddEpisode(ssda903::Return& r, std::string_view child, std::string_view decom,
                std::string_view place, std::optional<std::string_view> dec,
                std::string_view rne = "P") {
  ssda903::EpisodeRow e;
  e.la = "Bromley";
  e.year = 2023;
  e.child = child;
  e.decom = Iso(decom);
  e.rne = rne;
  e.ls = "C2";
  e.cin = "N1";
  e.place = place;
  e.place_provider = "PR4";
  if (dec) e.dec = Iso(*dec);
  r.episodes.push_back(e);
}

struct Piece {
  std::string start, end;  // end "" while open
  std::string from, before, to;
};

std::vector<Piece> Pieces(const EpisodeSet& set) {
  std::vector<Piece> out;
  auto day = [](std::int64_t d) {
    return Date(std::chrono::sys_days(std::chrono::days(d))).ToIso();
  };
  for (const auto& e : set.episodes)
    out.push_back({day(e.start), e.end ? day(*e.end) : "", StateLabel(e.from),
                   std::string(CategoryLabel(e.before)), e.to ? StateLabel(*e.to) : ""});
  return out;
}

void ExpectPieces(const std::vector<Piece>& got, const std::vector<Piece>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    SCOPED_TRACE("piece " + std::to_string(i));
    EXPECT_EQ(got[i].start, want[i].start);
    EXPECT_EQ(got[i].end, want[i].end);
    EXPECT_EQ(got[i].from, want[i].from);
    EXPECT_EQ(got[i].before, want[i].before);
    EXPECT_EQ(got[i].to, want[i].to);
  }
}

// Case A: the 5th birthday is 1,826 days on (4.9995 years), so the new
// placement's first day is a piece of no days in 1 to 5, then it ages.
TEST(BandBirthday, ANewPlacementOnTheFifthBirthdayAgesOutOfTheBandBelow) {
  for (bool open : {true, false}) {
    SCOPED_TRACE(open ? "open" : "closed");
    ssda903::Return r;
    AddChild(r, "1", "2017-06-10");
    AddEpisode(r, "1", "2021-01-01", "K2", "2022-06-10", "S");
    AddEpisode(r, "1", "2022-06-10", "U4",
               open ? std::nullopt : std::optional<std::string_view>("2022-12-01"));
    auto set = PrepareEpisodes(r);
    ASSERT_TRUE(set.ok()) << set.status().ToString();
    std::string last_to = open ? "" : "5 to 10 - Not in care";
    ExpectPieces(
        Pieces(*set),
        {{"2021-01-01", "2022-06-10", "1 to 5 - Residential", "Not in care", "1 to 5 - Fostering"},
         {"2022-06-10", "2022-06-10", "1 to 5 - Fostering", "Residential", "5 to 10 - Fostering"},
         {"2022-06-10", open ? "" : "2022-12-01", "5 to 10 - Fostering", "Fostering", last_to}});
  }
}

// Case B: the 1st birthday is 366 days on (1.0021 years), so the old
// placement's last day is a piece of no days in 1 to 5, which moves on.
// Sorting the pieces again put an open new placement before that piece, and
// the piece became an entry into care and an exit from it (finding 2).
TEST(BandBirthday, ANewPlacementOnTheFirstBirthdayFollowsTheOldOnesLastDay) {
  for (bool open : {true, false}) {
    SCOPED_TRACE(open ? "open" : "closed");
    ssda903::Return r;
    AddChild(r, "1", "2019-06-10");
    AddEpisode(r, "1", "2019-07-01", "U4", "2020-06-10", "S");
    AddEpisode(r, "1", "2020-06-10", "K2",
               open ? std::nullopt : std::optional<std::string_view>("2021-01-05"));
    auto set = PrepareEpisodes(r);
    ASSERT_TRUE(set.ok()) << set.status().ToString();
    std::string last_to = open ? "" : "1 to 5 - Not in care";
    ExpectPieces(
        Pieces(*set),
        {{"2019-07-01", "2020-06-10", "Birth to 1 - Fostering", "Not in care",
          "1 to 5 - Fostering"},
         {"2020-06-10", "2020-06-10", "1 to 5 - Fostering", "Fostering", "1 to 5 - Residential"},
         {"2020-06-10", open ? "" : "2021-01-05", "1 to 5 - Residential", "Fostering", last_to}});
  }
}

ssda903::Return Regional() {
  ssda903::ReadReport report;
  auto r = ssda903::ReadReturn(kRegional, {}, report);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : ssda903::Return{};
}

void ExpectFinite(const Forecast& f) {
  for (std::size_t k = 0; k < f.days.size(); ++k) {
    for (std::size_t i = 0; i < f.states.size(); ++i) {
      ASSERT_TRUE(std::isfinite(f.population[k][i])) << StateLabel(f.states[i]) << " day " << k;
      ASSERT_TRUE(std::isfinite(f.variance[k][i])) << StateLabel(f.states[i]) << " day " << k;
    }
    for (double c : f.daily_cost[k]) ASSERT_TRUE(std::isfinite(c)) << "cost on day " << k;
  }
  for (const auto& row : f.transition)
    for (double rate : row) ASSERT_TRUE(std::isfinite(rate));
}

// Finding 1: a placement starting on a 5th birthday, in a state no child
// held the day before, made a rate of 1/0 and a forecast of -nan for every
// state, with exit status 0. The move is now left out of the rate and named.
TEST(BandBirthday, AMoveFromAStateNoChildHeldIsLeftOutNotDividedByZero) {
  ssda903::Return r = Regional();
  AddChild(r, "999001", "2017-06-10");
  AddEpisode(r, "999001", "2021-01-01", "K2", "2022-06-10", "S");
  AddEpisode(r, "999001", "2022-06-10", "H5", "2022-12-01");
  auto set = PrepareEpisodes(r);
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  Options options{Iso("2022-04-01"), Iso("2023-03-31")};
  auto f = RunForecast(*set, options);
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  ExpectFinite(*f);
  ASSERT_EQ(f->moves_without_stock.size(), 1u);
  EXPECT_EQ(StateLabel(f->moves_without_stock[0].from), "1 to 5 - Supported");
  EXPECT_EQ(StateLabel(f->moves_without_stock[0].to), "5 to 10 - Supported");
  EXPECT_EQ(f->moves_without_stock[0].day, Iso("2022-06-10"));
  EXPECT_EQ(f->moves_without_stock[0].moves, 1);
}

// The guard: a figure that overflows is an error naming the state and the
// step, never a NaN in the answer.
TEST(BandBirthday, AProjectionThatIsNotANumberIsAnErrorNamingStateAndStep) {
  auto set = PrepareEpisodes(Regional());
  ASSERT_TRUE(set.ok());
  Options options{Iso("2021-04-01"), Iso("2022-03-31")};
  auto state = ParseState("10 to 16 - Fostering");
  ASSERT_TRUE(state);
  options.entry_adjustments.push_back({*state, 1, 1e308});
  auto f = RunForecast(*set, options);
  ASSERT_FALSE(f.ok());
  EXPECT_NE(f.status().message().find("10 to 16 - Fostering"), std::string::npos)
      << f.status().ToString();
  EXPECT_NE(f.status().message().find("step: day 2 "), std::string::npos) << f.status().ToString();
}

// Property, over random small returns where a third of the placements start
// on a band birthday: every figure is a number, and the entry rates count
// exactly the periods of care that begin in the reference year (a piece of
// no days is never an entry), counted here from the episodes themselves.
TEST(BandBirthday, RandomReturnsGiveNumbersAndCountEveryEntryOnce) {
  const std::array<std::string_view, 8> places = {"U1", "U4", "U5", "K2", "R1", "H5", "P2", "Z1"};
  const std::array<int, 4> bounds = {1, 5, 10, 16};
  const Date rs = Iso("2022-04-01"), re = Iso("2023-03-31");
  for (unsigned seed = 1; seed <= 40; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    std::mt19937 rng(seed);
    auto uniform = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    ssda903::Return r;
    std::size_t periods_in_reference = 0;
    for (int c = 0; c < 60; ++c) {
      std::string child = std::to_string(1000 + c);
      Date dob = Iso("2004-01-01").AddDays(uniform(0, 18 * 365));
      AddChild(r, child, dob.ToIso());
      Date start = std::max(dob, Iso("2019-04-01")).AddDays(uniform(0, 900));
      int episodes = uniform(1, 4);
      bool joined = false;
      for (int k = 0; k < episodes; ++k) {
        if (uniform(0, 2) == 0) {  // start on the next band birthday instead
          for (int b : bounds) {
            using namespace std::chrono;
            year_month_day ymd = dob.ymd();
            year_month_day bd{ymd.year() + years{b}, ymd.month(), ymd.day()};
            if (!bd.ok()) bd = year_month_day_last{bd.year(), month_day_last{bd.month()}};
            Date birthday{sys_days(bd)};
            if (birthday > start) {
              start = birthday;
              joined = false;  // moved on: a gap before it
              break;
            }
          }
        }
        if (start > Iso("2023-03-31")) break;
        if (!joined && start >= rs && start <= re) ++periods_in_reference;
        bool last = k + 1 == episodes;
        Date end = start.AddDays(uniform(1, 400));
        bool open = last && uniform(0, 1) == 0;
        if (!open && end > Iso("2023-03-31")) open = true;
        AddEpisode(r, child, start.ToIso(), places[static_cast<std::size_t>(uniform(0, 7))],
                   open ? std::nullopt : std::optional<std::string>(end.ToIso()),
                   joined ? "P" : "S");
        if (open) break;
        joined = uniform(0, 3) != 0;  // the next one starts where this ends, or later
        start = joined ? end : end.AddDays(uniform(1, 200));
      }
    }
    auto set = PrepareEpisodes(r, {}, Iso("2023-03-31"));
    ASSERT_TRUE(set.ok()) << set.status().ToString();
    Options options{rs, re, 12};
    auto f = RunForecast(*set, options);
    ASSERT_TRUE(f.ok()) << f.status().ToString();
    ExpectFinite(*f);
    double entrants = 0;
    for (double rate : f->entry_rate) entrants += rate * static_cast<double>(re.DaysSince(rs) + 1);
    EXPECT_NEAR(entrants, static_cast<double>(periods_in_reference), 1e-6);
  }
}

}  // namespace
}  // namespace carecoop::forecast
