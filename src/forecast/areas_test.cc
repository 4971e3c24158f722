// Forecasting many areas at once gives, for each, the forecast of that area
// alone: on the peers' pooled regional data, each LA and all of them.
#include "forecast/areas.h"

#include <gtest/gtest.h>

#include <cmath>

namespace carecoop::forecast {
namespace {
namespace fs = std::filesystem;

const fs::path kRegional =
    fs::path(CARECOOP_TEST_DATA) / "peers" / "cs-demand-model-regional" / "data";

ssda903::Return OnlyLa(const ssda903::Return& r, const std::string& la) {
  ssda903::Return out;
  for (const auto& h : r.headers)
    if (h.la == la) out.headers.push_back(h);
  for (const auto& e : r.episodes)
    if (e.la == la) out.episodes.push_back(e);
  return out;
}

void ExpectSame(const Forecast& a, const Forecast& b) {
  ASSERT_EQ(a.states, b.states);
  EXPECT_EQ(a.reference_start, b.reference_start);
  EXPECT_EQ(a.reference_end, b.reference_end);
  EXPECT_EQ(a.stock_at_start, b.stock_at_start);
  ASSERT_EQ(a.days.size(), b.days.size());
  for (std::size_t d = 0; d < a.days.size(); d += 30)
    for (std::size_t i = 0; i < a.states.size(); ++i) {
      EXPECT_NEAR(a.population[d][i], b.population[d][i],
                  1e-9 * (1 + std::abs(b.population[d][i])));
      EXPECT_NEAR(a.variance[d][i], b.variance[d][i], 1e-9 * (1 + std::abs(b.variance[d][i])));
    }
}

TEST(ForecastAreas, EachAreaIsItsForecastAlone) {
  ssda903::ReadReport report;
  auto pooled = ssda903::ReadReturn(kRegional, {}, report);
  ASSERT_TRUE(pooled.ok()) << pooled.status().ToString();
  std::vector<std::string> las;
  for (const auto& h : pooled->headers)
    if (std::find(las.begin(), las.end(), h.la) == las.end()) las.push_back(h.la);
  ASSERT_GE(las.size(), 2u);
  std::vector<ssda903::Return> councils;
  std::vector<Area> areas;
  Area all{"rcc", "ALL", "All of them", {}};
  for (const auto& la : las) {
    areas.push_back({"council", la, la, {councils.size()}});
    all.councils.push_back(councils.size());
    councils.push_back(OnlyLa(*pooled, la));
  }
  areas.push_back(all);
  areas.push_back({"council", "EMPTY", "No one", {councils.size()}});
  councils.emplace_back();

  for (unsigned threads : {1u, 2u}) {
    AreaOptions options;
    options.threads = threads;
    auto got = ForecastAreas(councils, areas, options);
    ASSERT_EQ(got.size(), areas.size());
    for (std::size_t i = 0; i < las.size(); ++i) {
      SCOPED_TRACE(las[i]);
      auto set = PrepareEpisodes(*pooled, las[i]);
      ASSERT_TRUE(set.ok());
      auto alone = RunForecast(*set, DefaultOptions(*set, options));
      ASSERT_TRUE(alone.ok() && got[i].ok());
      ExpectSame(*got[i], *alone);
    }
    // All together: as if prepared from the pooled file in one go.
    auto set = PrepareEpisodes(*pooled);
    ASSERT_TRUE(set.ok());
    auto together = RunForecast(*set, DefaultOptions(*set, options));
    ASSERT_TRUE(together.ok() && got[las.size()].ok());
    ExpectSame(*got[las.size()], *together);
    // A council with nothing to forecast says so, and spoils no other area.
    EXPECT_FALSE(got.back().ok());
    EXPECT_EQ(got.back().status().code(), StatusCode::kInvalidArgument);
  }
}

TEST(ForecastAreas, SetsWithDifferentDataEndsAreAlignedBeforeCombining) {
  ssda903::ReadReport report;
  auto pooled = ssda903::ReadReturn(kRegional, {}, report);
  ASSERT_TRUE(pooled.ok());
  // One LA's data stops a year early: its open episodes must still age to
  // the area's end, as in a joint preparation.
  std::string la = pooled->headers.front().la;
  ssda903::Return early = OnlyLa(*pooled, la), rest;
  auto end = PrepareEpisodes(early)->data_end;
  ssda903::Return cut;
  for (const auto& h : early.headers) cut.headers.push_back(h);
  for (auto e : early.episodes) {
    if (e.decom > AddYears(end, -1)) continue;
    if (e.dec && *e.dec > AddYears(end, -1)) e.dec.reset();
    cut.episodes.push_back(e);
  }
  for (const auto& h : pooled->headers)
    if (h.la != la) rest.headers.push_back(h);
  for (const auto& e : pooled->episodes)
    if (e.la != la) rest.episodes.push_back(e);
  ASSERT_LT(PrepareEpisodes(cut)->data_end, PrepareEpisodes(rest)->data_end);
  std::vector<ssda903::Return> councils = {cut, rest};
  auto got = ForecastAreas(councils, {{"rcc", "X", "X", {0, 1}}}, {});
  ssda903::Return joint = rest;
  joint.headers.insert(joint.headers.end(), cut.headers.begin(), cut.headers.end());
  joint.episodes.insert(joint.episodes.end(), cut.episodes.begin(), cut.episodes.end());
  auto set = PrepareEpisodes(joint);
  ASSERT_TRUE(set.ok() && got[0].ok());
  ExpectSame(*got[0], *RunForecast(*set, DefaultOptions(*set, {})));
}

}  // namespace
}  // namespace carecoop::forecast
