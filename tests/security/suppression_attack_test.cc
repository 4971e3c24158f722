// Regression (issue 14, finding 6): in the national analyst's sufficiency
// view, hidden counts (3, 2 and 4) came back by subtracting the visible
// cells from the published totals. Every suppressed table is attacked here
// as an analyst would: from the published JSON alone, with the sums the
// table publishes, first by differencing (an equation with one hidden cell)
// and then by solving the whole linear system (a hidden cell is recovered
// when every vector of the kernel is zero at it; Eigen's LU, not the
// engine's elimination).
#include <gtest/gtest.h>

#include <map>
#include <random>

#include "forecast/json.h"
#include "tests/support/api_harness.h"
#include "tests/support/kernel_attack.h"

namespace carecoop::testing {
namespace {

// The attacker's model: cells by JSON pointer, equations as (pointer, coefficient) sums to 0.
struct Published {
  std::map<std::string, std::optional<double>> cells;  // nullopt: hidden
  std::vector<std::vector<std::pair<std::string, double>>> equations;
  std::optional<double> At(const json& j, const std::string& p) {
    const json& v = j[json::json_pointer(p)];
    if (v.is_null()) return std::nullopt;
    if (v.is_object()) return v["value"].get<double>();
    return v.get<double>();
  }
  void Cell(const json& j, const std::string& p) { cells[p] = At(j, p); }
  void Sum(const std::string& total, const std::vector<std::string>& parts) {
    std::vector<std::pair<std::string, double>> eq = {{total, -1}};
    for (const auto& p : parts) eq.emplace_back(p, 1);
    equations.push_back(eq);
  }
};

// What the published sufficiency JSON says about itself (docs/forecast.md).
Published ReadSufficiency(const json& j) {
  Published p;
  for (std::size_t i = 0; i < j["rows"].size(); ++i) {
    const std::string at = "/rows/" + std::to_string(i);
    for (const char* k : {"/occupiedByOwn", "/vacant", "/available"}) p.Cell(j, at + k);
    p.Sum(at + "/available", {at + "/occupiedByOwn", at + "/vacant"});
    if (!j["rows"][i]["need"].contains("now")) continue;
    p.Cell(j, at + "/need/now");
    p.Cell(j, at + "/gap/now");
    // gap = need - available
    p.equations.push_back({{at + "/gap/now", -1}, {at + "/need/now", 1}, {at + "/available", -1}});
  }
  for (std::size_t i = 0; i < j["councils"].size(); ++i) {
    const std::string at = "/councils/" + std::to_string(i);
    auto reasons = [&](const std::string& r) {
      std::vector<std::string> out;
      for (const char* k : {"/noHomeNearby", "/nearbyHomesFull", "/nearbyVacancy"}) {
        p.Cell(j, r + k);
        out.push_back(r + k);
      }
      return out;
    };
    p.Cell(j, at + "/placedFar");
    p.Sum(at + "/placedFar", reasons(at + "/reasons"));
    std::vector<std::string> states;
    for (std::size_t k = 0; k < j["councils"][i]["placedFarByState"].size(); ++k) {
      const std::string st = at + "/placedFarByState/" + std::to_string(k);
      p.Cell(j, st + "/children");
      p.Sum(st + "/children", reasons(st + "/reasons"));
      states.push_back(st + "/children");
    }
    if (!states.empty()) p.Sum(at + "/placedFar", states);
  }
  return p;
}

// Hidden cells recovered by one equation with a single hidden cell, repeated to a fixed point.
std::vector<std::string> Differencing(Published p) {
  std::vector<std::string> recovered;
  for (bool progress = true; progress;) {
    progress = false;
    for (const auto& eq : p.equations) {
      int unknown = 0;
      std::string which;
      double known = 0, coef = 0;
      for (const auto& [cell, a] : eq) {
        if (p.cells[cell]) {
          known += a * *p.cells[cell];
        } else {
          ++unknown;
          which = cell;
          coef = a;
        }
      }
      if (unknown == 1) {
        p.cells[which] = -known / coef;
        recovered.push_back(which);
        progress = true;
      }
    }
  }
  return recovered;
}

// Hidden cells fixed by the whole linear system.
std::vector<std::string> Solving(const Published& p) {
  std::vector<std::string> hidden;
  for (const auto& [cell, v] : p.cells)
    if (!v) hidden.push_back(cell);
  std::map<std::string, std::size_t> column;
  for (std::size_t k = 0; k < hidden.size(); ++k) column[hidden[k]] = k;
  std::vector<std::vector<std::pair<std::size_t, double>>> equations;
  for (const auto& eq : p.equations) {
    equations.emplace_back();
    for (const auto& [cell, coef] : eq)
      if (auto it = column.find(cell); it != column.end())
        equations.back().emplace_back(it->second, coef);
  }
  std::vector<std::string> fixed;
  for (std::size_t k : FixedUnknowns(equations, hidden.size())) fixed.push_back(hidden[k]);
  return fixed;
}

forecast::FarReasons SplitReasons(int n, std::mt19937& rng) {
  forecast::FarReasons r;
  r.no_home_nearby = n == 0 ? 0 : static_cast<int>(rng() % static_cast<unsigned>(n + 1));
  r.nearby_homes_full =
      n - r.no_home_nearby == 0
          ? 0
          : static_cast<int>(rng() % static_cast<unsigned>(n - r.no_home_nearby + 1));
  r.nearby_vacancy = n - r.no_home_nearby - r.nearby_homes_full;
  return r;
}

// A random RCC's sufficiency with many small counts.
forecast::Sufficiency RandomSufficiency(std::mt19937& rng) {
  forecast::Sufficiency s;
  s.rcc_code = "T";
  s.rcc_name = "Test";
  s.suppress_below = 5;
  auto small_or_not = [&] {
    return rng() % 2 ? static_cast<int>(rng() % 5) : 5 + static_cast<int>(rng() % 30);
  };
  for (int b = 0; b < 5; ++b)
    for (int c = 0; c < 3; ++c) {
      forecast::GapRow r;
      r.band = static_cast<forecast::AgeBand>(b);
      r.category = static_cast<forecast::Category>(c);
      r.occupied_by_own = small_or_not();
      r.occupied = r.occupied_by_own + static_cast<double>(rng() % 4);
      r.vacant = static_cast<double>(rng() % 4);
      r.registered_places = r.occupied + r.vacant;
      r.available = r.occupied_by_own + r.vacant;
      const double need = small_or_not();
      r.need[0] = forecast::Banded{need, need, need};
      r.gap[0] = forecast::Banded{need - r.available, need - r.available, need - r.available};
      s.rows.push_back(r);
    }
  for (int k = 0; k < 4; ++k) {
    forecast::CouncilDistance c;
    c.council = "C" + std::to_string(k);
    for (int st = 0; st < 3; ++st) {
      forecast::FarState f;
      f.band = static_cast<forecast::AgeBand>(st);
      f.children = small_or_not();
      f.reasons = SplitReasons(f.children, rng);
      c.placed_far += f.children;
      c.reasons.no_home_nearby += f.reasons.no_home_nearby;
      c.reasons.nearby_homes_full += f.reasons.nearby_homes_full;
      c.reasons.nearby_vacancy += f.reasons.nearby_vacancy;
      c.states.push_back(f);
    }
    c.placed = c.placed_far + small_or_not();
    c.outside_rcc = std::min(c.placed, small_or_not());
    c.median_km = 12.5;
    s.councils.push_back(c);
  }
  return s;
}

TEST(SuppressionAttackTest, TheFindingsTableNoLongerGivesUpItsHiddenCells) {
  // The finding's shape: a council's far placements (9) by reason, 3, 2 and 4 hidden, total shown.
  forecast::Sufficiency s;
  s.suppress_below = 5;
  forecast::CouncilDistance c;
  c.council = "C";
  c.placed = 40;
  c.placed_far = 9;
  c.reasons = {3, 2, 4};
  forecast::FarState f1{forecast::AgeBand::k10To16, forecast::Category::kResidential, 6, {3, 2, 1}};
  forecast::FarState f2{forecast::AgeBand::k5To10, forecast::Category::kFostering, 3, {0, 0, 3}};
  c.states = {f1, f2};
  s.councils.push_back(c);
  json j = forecast::SufficiencyJson(s);
  Published p = ReadSufficiency(j);
  EXPECT_TRUE(Differencing(p).empty()) << j.dump(1);
  EXPECT_TRUE(Solving(p).empty()) << j.dump(1);
  EXPECT_TRUE(j["councils"][0]["reasons"]["noHomeNearby"].is_null());
}

TEST(SuppressionAttackTest, RandomSufficiencyTablesResistDifferencingAndSolving) {
  std::mt19937 rng(14);
  for (int trial = 0; trial < 200; ++trial) {
    forecast::Sufficiency s = RandomSufficiency(rng);
    json j = forecast::SufficiencyJson(s);
    Published p = ReadSufficiency(j);
    int hidden = 0;
    for (const auto& [cell, v] : p.cells) hidden += !v.has_value();
    ASSERT_GT(hidden, 0);
    EXPECT_TRUE(Differencing(p).empty()) << "trial " << trial;
    EXPECT_TRUE(Solving(p).empty()) << "trial " << trial;
    // Every count under 5 that is not zero is hidden.
    for (const auto& [cell, v] : p.cells)
      if (v && cell.find("vacant") == std::string::npos &&
          cell.find("available") == std::string::npos && cell.find("/gap/") == std::string::npos) {
        EXPECT_TRUE(*v >= 5 || (*v == 0 && cell.find("/need/") != std::string::npos))
            << cell << " = " << *v << " is shown";
      }
  }
}

TEST(SuppressionAttackTest, WithoutSuppressionNothingIsHidden) {
  std::mt19937 rng(3);
  forecast::Sufficiency s = RandomSufficiency(rng);
  s.suppress_below = 0;
  Published p = ReadSufficiency(forecast::SufficiencyJson(s));
  for (const auto& [cell, v] : p.cells) EXPECT_TRUE(v.has_value()) << cell;
}

TEST(SuppressionAttackTest, TheNationalOverviewPublishesNoSumToDifference) {
  // Its cells are per RCC and tie to nothing published (no totals, no
  // parts): primary suppression is all it needs. Prove it: no total row.
  ApiHarness h("sqlite", 3);
  HttpReply r = h.Do("GET", "/api/national/overview", h.national_token);
  ASSERT_EQ(r.status, 200) << r.text;
  for (const auto& row : r.body["rccs"]) {
    for (const char* k : {"openReferrals", "currentPlacements", "emergencyPlacements"})
      if (!row[k].is_null()) {
        EXPECT_GE(row[k].get<int>(), 5) << k;
      }
    EXPECT_FALSE(row.contains("total"));
  }
  EXPECT_FALSE(r.body.contains("total"));
  EXPECT_FALSE(r.body.contains("totals"));
  // The analyst's sufficiency over HTTP resists both attacks too.
  HttpReply suff = h.Do("GET", "/api/rccs/" + std::to_string(h.a.rcc.value()) + "/sufficiency",
                        h.national_token);
  ASSERT_EQ(suff.status, 200) << suff.text;
  Published p = ReadSufficiency(suff.body);
  EXPECT_TRUE(Differencing(p).empty());
  EXPECT_TRUE(Solving(p).empty());
}

}  // namespace
}  // namespace carecoop::testing
