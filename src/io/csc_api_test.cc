#include "io/csc_api.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

namespace carecoop::ssda903 {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kPeers = fs::path(CARECOOP_TEST_DATA) / "peers";

Date D(const char* iso) { return *Date::ParseIso(iso, "date"); }

EpisodeRow Episode(const char* child, const char* decom, const char* rne, const char* place,
                   std::optional<const char*> dec, const char* rec, const char* rpc = "") {
  EpisodeRow e;
  e.child = child;
  e.decom = D(decom);
  e.rne = rne;
  e.ls = "C2";
  e.cin = "N1";
  e.place = place;
  e.place_provider = "PR1";
  if (dec) e.dec = D(*dec);
  e.rec = rec;
  e.reason_place_change = rpc;
  e.pl_post = "M1 1AA";
  return e;
}

// Worked by hand: a child with two periods of care, the first with a
// change of legal status inside a placement and then a move, and a UASC
// child with no episode in the return.
TEST(CscApiChildren, WorkedExample) {
  Return r;
  HeaderRow h;
  h.child = "A1";
  h.sex = "1";
  h.dob = D("2012-03-04");
  h.ethnic = "WBRI";
  h.upn = "A123456789012";
  r.headers.push_back(h);
  HeaderRow b = h;
  b.child = "B2";
  b.sex = "2";
  b.upn = "";
  r.headers.push_back(b);
  r.uasc.push_back({"", 2025, "B2", "2", D("2012-03-04"), D("2030-03-04")});
  // Out of order on purpose: the payload is in date order.
  r.episodes.push_back(Episode("A1", "2025-01-05", "S", "U3", std::nullopt, ""));
  r.episodes.push_back(Episode("A1", "2024-06-01", "L", "U1", "2024-08-01", "X1", "CARPL"));
  r.episodes.push_back(Episode("A1", "2024-04-10", "S", "U1", "2024-06-01", "X1"));
  r.episodes.push_back(Episode("A1", "2024-08-01", "P", "K2", "2024-10-01", "E13"));

  json out = CscApiChildren(r);
  ASSERT_EQ(out.size(), 2u);
  const json& a = out[0];
  EXPECT_EQ(a["la_child_id"], "A1");
  EXPECT_EQ(a["child_details"]["sex"], "M");
  EXPECT_EQ(a["child_details"]["date_of_birth"], "2012-03-04");
  EXPECT_EQ(a["child_details"]["unique_pupil_number"], "A123456789012");
  EXPECT_EQ(a["child_details"]["ethnicity"], "WBRI");
  EXPECT_EQ(a["child_details"]["uasc_flag"], false);
  const json& periods = a["social_care_episodes"];
  ASSERT_EQ(periods.size(), 2u);
  EXPECT_EQ(periods[0]["social_care_episode_id"], "A1/2024-04-10");
  EXPECT_EQ(periods[0]["closure_date"], "2024-10-01");
  const json& first = periods[0]["child_looked_after_placements"];
  ASSERT_EQ(first.size(), 2u);
  // The L episode continues the U1 placement: its end is the L episode's.
  EXPECT_EQ(first[0]["start_date"], "2024-04-10");
  EXPECT_EQ(first[0]["start_reason"], "S");
  EXPECT_EQ(first[0]["placement_type"], "U1");
  EXPECT_EQ(first[0]["postcode"], "M1 1AA");
  EXPECT_EQ(first[0]["end_date"], "2024-08-01");
  EXPECT_EQ(first[0]["end_reason"], "X1");
  EXPECT_EQ(first[0]["change_reason"], "CARPL");
  EXPECT_EQ(first[1]["child_looked_after_placement_id"], "A1/2024-08-01");
  EXPECT_EQ(first[1]["start_reason"], "P");
  EXPECT_EQ(first[1]["placement_type"], "K2");
  EXPECT_EQ(first[1]["end_reason"], "E13");
  EXPECT_FALSE(first[1].contains("change_reason"));
  const json& second = periods[1]["child_looked_after_placements"];
  ASSERT_EQ(second.size(), 1u);
  EXPECT_FALSE(periods[1].contains("closure_date"));
  EXPECT_FALSE(second[0].contains("end_date"));
  EXPECT_FALSE(second[0].contains("end_reason"));

  const json& child_b = out[1];
  EXPECT_EQ(child_b["child_details"]["sex"], "F");
  EXPECT_FALSE(child_b["child_details"].contains("unique_pupil_number"));
  EXPECT_EQ(child_b["child_details"]["uasc_flag"], true);
  EXPECT_EQ(child_b["child_details"]["uasc_end_date"], "2030-03-04");
  EXPECT_FALSE(child_b.contains("social_care_episodes"));
}

// Over the peers' samples: every episode is in exactly one placement (its
// DECOM is the start of one, or it is a change of legal status inside the
// placement before it); placements start at every episode that is not
// RNE L (and at a child's first); each period closes on an episode that
// ended with a REC other than X1; the ends are the latest episode's.
TEST(CscApiChildren, AccountsForEveryEpisodeOfThePeersSamples) {
  for (const char* sample : {"cs-demand-model/data", "csc-data-synthesizer/generated-m100-seed7"}) {
    ReadReport report;
    auto r = ReadReturn(kPeers / sample, {}, report);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    // One year at a time, as the return is exported.
    std::map<int, Return> years;
    for (const auto& e : r->episodes) years[e.year].episodes.push_back(e);
    for (const auto& h : r->headers) years[h.year].headers.push_back(h);
    ASSERT_FALSE(years.empty());
    for (auto& [year, y] : years) {
      std::map<std::string, std::vector<EpisodeRow>> by_child;
      for (const auto& e : y.episodes) by_child[e.child.str()].push_back(e);
      json out = CscApiChildren(y);
      std::set<std::string> children;
      for (const auto& h : y.headers) children.insert(h.child.str());
      for (const auto& [c, list] : by_child) children.insert(c);
      ASSERT_EQ(out.size(), children.size()) << sample << " " << year;
      for (const json& child : out) {
        const std::string id = child["la_child_id"];
        auto eps = by_child[id];
        std::sort(eps.begin(), eps.end(),
                  [](const EpisodeRow& a, const EpisodeRow& b) { return a.decom < b.decom; });
        std::size_t starts = 0, closures = 0;
        for (std::size_t i = 0; i < eps.size(); ++i) {
          const bool after_closure =
              i > 0 && eps[i - 1].dec && !eps[i - 1].rec.empty() && eps[i - 1].rec != "X1";
          if (i == 0 || eps[i].rne != "L" || after_closure) ++starts;
          if (eps[i].dec && !eps[i].rec.empty() && eps[i].rec != "X1") ++closures;
        }
        std::size_t placements = 0, closed = 0;
        std::set<std::string> start_dates;
        if (child.contains("social_care_episodes")) {
          for (const json& period : child["social_care_episodes"]) {
            closed += period.contains("closure_date") ? 1 : 0;
            for (const json& p : period["child_looked_after_placements"]) {
              ++placements;
              start_dates.insert(p["start_date"].get<std::string>());
            }
          }
        }
        EXPECT_EQ(placements, starts) << sample << " " << year << " " << id;
        EXPECT_EQ(closed, closures) << sample << " " << year << " " << id;
        for (const auto& e : eps) {
          const bool starts_one = start_dates.count(e.decom.ToIso()) > 0;
          EXPECT_TRUE(starts_one || e.rne == "L") << id << " " << e.decom.ToIso();
        }
      }
    }
  }
}

}  // namespace
}  // namespace carecoop::ssda903
