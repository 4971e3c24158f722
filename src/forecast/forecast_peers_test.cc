// The forecast reproduces the sector's regional demand model: its outputs on
// the peers' synthetic data sets are in tests/data/peers/*/expected/ (see the
// README there). Stock exactly; every other figure within 1%.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "core/csv.h"
#include "forecast/model.h"

namespace carecoop::forecast {
namespace {
namespace fs = std::filesystem;

const fs::path kPeers = fs::path(CARECOOP_TEST_DATA) / "peers";

CsvTable Load(const fs::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  auto t = ParseCsv(text.str(), file.string());
  EXPECT_TRUE(t.ok()) << file;
  return t.ok() ? *t : CsvTable{};
}

double Num(const std::string& s) { return s.empty() ? 0.0 : std::stod(s); }

// Within 1% of the expected value, or 1e-9 of it near zero.
::testing::AssertionResult Near(double expected, double actual, const std::string& what) {
  double tol = std::max(std::abs(expected) * 0.01, 1e-9);
  if (std::abs(expected - actual) <= tol) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << what << ": expected " << expected << ", got " << actual;
}

State MustState(const std::string& label) {
  auto s = ParseState(label);
  EXPECT_TRUE(s.has_value()) << label;
  return s.value_or(0);
}

struct Case {
  std::string name;
  fs::path input;
  fs::path expected;
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

class PeerForecast : public ::testing::TestWithParam<Case> {
 protected:
  void SetUp() override {
    ssda903::ReadReport report;
    auto r = ssda903::ReadReturn(GetParam().input, {}, report);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    auto set = PrepareEpisodes(*r);
    ASSERT_TRUE(set.ok()) << set.status().ToString();
    Options o;
    o.reference_start = Date(2021, 4, 1);
    o.reference_end = Date(2022, 3, 31);
    o.horizon_months = 24;
    auto f = RunForecast(*set, o);
    ASSERT_TRUE(f.ok()) << f.status().ToString();
    forecast_ = *f;
    set_ = *set;
  }
  double Value(const std::vector<double>& v, State s) const {
    int i = forecast_.IndexOf(s);
    return i < 0 ? 0.0 : v[static_cast<std::size_t>(i)];
  }
  Forecast forecast_;
  EpisodeSet set_;
};

TEST_P(PeerForecast, DataPeriod) {
  // The data ends with the collection year; its start is not compared: the
  // peers' run log reports 2016-04-01 for the synthesizer's data, whose
  // earliest cleaned episode ends in 2015 (nothing depends on it).
  EXPECT_EQ(set_.data_end, Date(2022, 3, 31));
  EXPECT_LE(set_.data_start, Date(2021, 4, 1));
}

// The run log's totals: children in care at the end of the horizon and the
// standard deviation of that total.
TEST_P(PeerForecast, InCareAtTheEndAndItsSpread) {
  std::ifstream in(GetParam().expected / "run_log.txt");
  std::string line;
  double total = -1, sd = -1;
  while (std::getline(in, line)) {
    auto at = line.find("predicted in care at ");
    if (at == std::string::npos) continue;
    total = std::stod(line.substr(line.find("= ") + 2));
    sd = std::stod(line.substr(line.find("~ ") + 2));
  }
  ASSERT_GT(total, 0);
  std::size_t last = forecast_.days.size() - 1;
  EXPECT_TRUE(Near(total, forecast_.InCare(last), "in care"));
  EXPECT_TRUE(Near(sd, forecast_.InCareSd(last), "sd of in care"));
}

TEST_P(PeerForecast, StockAtEndExactly) {
  CsvTable t = Load(GetParam().expected / "stock_at_end.csv");
  double total = 0;
  for (const auto& row : t.rows) {
    EXPECT_EQ(Value(forecast_.stock_at_start, MustState(row.fields[0])), Num(row.fields[1]))
        << row.fields[0];
    total += Num(row.fields[1]);
  }
  double ours = 0;
  for (double v : forecast_.stock_at_start) ours += v;
  EXPECT_EQ(ours, total);
}

TEST_P(PeerForecast, TransitionRates) {
  CsvTable t = Load(GetParam().expected / "transition_rates.csv");
  for (const auto& row : t.rows) {
    int i = forecast_.IndexOf(MustState(row.fields[0])),
        j = forecast_.IndexOf(MustState(row.fields[1]));
    ASSERT_GE(i, 0) << row.fields[0];
    ASSERT_GE(j, 0) << row.fields[1];
    EXPECT_TRUE(Near(Num(row.fields[2]),
                     forecast_.transition[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)],
                     row.fields[0] + " -> " + row.fields[1]));
  }
  EXPECT_EQ(forecast_.observed_pairs.size(), t.rows.size());
}

TEST_P(PeerForecast, EntryRates) {
  CsvTable t = Load(GetParam().expected / "entry_rates.csv");
  for (const auto& row : t.rows)
    EXPECT_TRUE(Near(Num(row.fields[1]), Value(forecast_.entry_rate, MustState(row.fields[0])),
                     row.fields[0]));
  EXPECT_EQ(forecast_.states.size(), t.rows.size()) << "the model's states";
}

void CompareMonthly(const Forecast& f, const std::vector<std::vector<double>>& ours,
                    const CsvTable& t, const std::string& what) {
  auto ends = f.MonthEnds();
  ASSERT_EQ(ends.size(), t.rows.size());
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    EXPECT_EQ(f.days[ends[r]].ToIso(), t.rows[r].fields[0]);
    for (std::size_t c = 1; c < t.header.size(); ++c) {
      int i = f.IndexOf(MustState(t.header[c]));
      ASSERT_GE(i, 0) << t.header[c];
      EXPECT_TRUE(Near(Num(t.rows[r].fields[c]), ours[ends[r]][static_cast<std::size_t>(i)],
                       what + " " + t.rows[r].fields[0] + " " + t.header[c]));
    }
  }
}

TEST_P(PeerForecast, MonthEndPredictions) {
  CompareMonthly(forecast_, forecast_.population,
                 Load(GetParam().expected / "prediction_month_end.csv"), "prediction");
}

TEST_P(PeerForecast, MonthEndVariances) {
  CompareMonthly(forecast_, forecast_.variance,
                 Load(GetParam().expected / "variance_month_end.csv"), "variance");
}

TEST_P(PeerForecast, PlacementProportions) {
  CsvTable t = Load(GetParam().expected / "placement_proportions.csv");
  for (const auto& row : t.rows) {
    auto item = ParseCostItem(row.fields[0]);
    ASSERT_TRUE(item.has_value()) << row.fields[0];
    EXPECT_TRUE(Near(Num(row.fields[1]), forecast_.proportion[static_cast<std::size_t>(*item)],
                     row.fields[0]));
  }
}

TEST_P(PeerForecast, QuarterlyCosts) {
  CsvTable t = Load(GetParam().expected / "costs_quarterly.csv");
  auto quarters = forecast_.QuarterlyCosts();
  ASSERT_EQ(quarters.size(), t.rows.size());
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    EXPECT_EQ(quarters[r].label, t.rows[r].fields[0]);
    for (std::size_t c = 1; c < t.header.size(); ++c) {
      auto item = ParseCostItem(t.header[c]);
      ASSERT_TRUE(item.has_value()) << t.header[c];
      EXPECT_TRUE(Near(Num(t.rows[r].fields[c]), quarters[r].cost[static_cast<std::size_t>(*item)],
                       quarters[r].label + " " + t.header[c]));
    }
  }
}

INSTANTIATE_TEST_SUITE_P(
    Peers, PeerForecast,
    ::testing::Values(Case{"regional_sample", kPeers / "cs-demand-model-regional/data",
                           kPeers / "cs-demand-model-regional/expected"},
                      Case{"synthesizer_m100_seed7",
                           kPeers / "csc-data-synthesizer/generated-m100-seed7",
                           kPeers / "csc-data-synthesizer/expected/cs-demand-model-regional"}),
    [](const auto& test_info) { return test_info.param.name; });

}  // namespace
}  // namespace carecoop::forecast
