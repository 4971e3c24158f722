#include "bench/cbc_assign.h"

#include <coin/Cbc_C_Interface.h>
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>

namespace carecoop::bench {

CbcAssignment AssignWithCbc(const std::vector<match::ReferralNeeds>& refs,
                            const match::ArcSet& arcs, const match::MatchPolicy& policy,
                            double max_seconds) {
  auto started = std::chrono::steady_clock::now();
  const std::size_t R = refs.size(), L = arcs.level_day.size();
  const int weighted_row = static_cast<int>(R + L);
  std::vector<std::int32_t> home_of_level(L);
  for (std::size_t h = 0; h + 1 < arcs.level_begin.size(); ++h)
    for (auto l = arcs.level_begin[h]; l < arcs.level_begin[h + 1]; ++l)
      home_of_level[static_cast<std::size_t>(l)] = static_cast<std::int32_t>(h);
  // Columns: one per arc, in ArcSet order.
  std::vector<CoinBigIndex> start{0};
  std::vector<int> index;
  std::vector<double> value, lower, upper, weight, cost;
  std::vector<std::size_t> referral_of;
  for (std::size_t r = 0; r < R; ++r) {
    const double p = refs[r].places;
    const double w = policy.urgency_weight[static_cast<std::size_t>(refs[r].needed_by)];
    for (auto a = arcs.begin[r]; a < arcs.begin[r + 1]; ++a) {
      auto ai = static_cast<std::size_t>(a);
      index.push_back(static_cast<int>(r));
      value.push_back(1);
      auto level = arcs.level[ai];
      auto h = static_cast<std::size_t>(home_of_level[static_cast<std::size_t>(level)]);
      for (auto l = level; l < arcs.level_begin[h + 1]; ++l) {
        index.push_back(static_cast<int>(R + static_cast<std::size_t>(l)));
        value.push_back(p);
      }
      index.push_back(weighted_row);
      value.push_back(w * p);
      start.push_back(static_cast<CoinBigIndex>(index.size()));
      lower.push_back(0);
      upper.push_back(1);
      weight.push_back(w * p);
      cost.push_back(p * static_cast<double>(arcs.cost[ai]));
      referral_of.push_back(r);
    }
  }
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double> row_lower(R + L + 1, -inf), row_upper(R + L + 1, inf);
  for (std::size_t r = 0; r < R; ++r) row_upper[r] = 1;
  for (std::size_t h = 0; h + 1 < arcs.level_begin.size(); ++h) {
    double places = 0;
    for (auto l = arcs.level_begin[h]; l < arcs.level_begin[h + 1]; ++l) {
      places += arcs.level_places[static_cast<std::size_t>(l)];
      row_upper[R + static_cast<std::size_t>(l)] = places;
    }
  }
  const int columns = static_cast<int>(lower.size());
  CbcAssignment out;
  out.home_of.assign(R, -1);
  auto solve = [&](const std::vector<double>& objective, double sense, double weighted_at_least,
                   std::vector<double>* solution) {
    Cbc_Model* model = Cbc_newModel();
    std::vector<double> rl = row_lower;
    rl[static_cast<std::size_t>(weighted_row)] = weighted_at_least;
    Cbc_loadProblem(model, columns, static_cast<int>(R + L + 1), start.data(), index.data(),
                    value.data(), lower.data(), upper.data(), objective.data(), rl.data(),
                    row_upper.data());
    for (int c = 0; c < columns; ++c) Cbc_setInteger(model, c);
    Cbc_setObjSense(model, sense);
    Cbc_setLogLevel(model, 0);
    double left = max_seconds -
                  std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    Cbc_setMaximumSeconds(model, std::max(1.0, left));
    Cbc_setAllowableGap(model, 0.5);  // objectives are integers: a gap under 1 proves it
    Cbc_setAllowableFractionGap(model, 0);
    {
      // CBC's LP solver prints "slacks added" lines whatever the log level:
      // keep them out of the benchmark's and tests' output.
      std::fflush(stdout);
      int saved = dup(STDOUT_FILENO);
      int null = open("/dev/null", O_WRONLY);
      if (saved >= 0 && null >= 0) dup2(null, STDOUT_FILENO);
      Cbc_solve(model);
      std::fflush(stdout);
      if (saved >= 0) {
        dup2(saved, STDOUT_FILENO);
        close(saved);
      }
      if (null >= 0) close(null);
    }
    bool optimal = Cbc_isProvenOptimal(model) != 0;
    const double* x = Cbc_getColSolution(model);
    if (x) solution->assign(x, x + columns);
    Cbc_deleteModel(model);
    return optimal;
  };
  std::vector<double> x;
  bool first = solve(weight, -1, -inf, &x);
  double placed = 0;
  for (int c = 0; c < columns; ++c)
    if (x.size() == static_cast<std::size_t>(columns) && x[static_cast<std::size_t>(c)] > 0.5)
      placed += weight[static_cast<std::size_t>(c)];
  bool second = solve(cost, 1, placed - 0.5, &x);
  out.optimal = first && second;
  if (x.size() == static_cast<std::size_t>(columns)) {
    std::int64_t column = 0;
    for (std::size_t r = 0; r < R; ++r)
      for (auto a = arcs.begin[r]; a < arcs.begin[r + 1]; ++a, ++column) {
        if (x[static_cast<std::size_t>(column)] <= 0.5) continue;
        auto ai = static_cast<std::size_t>(a);
        out.home_of[r] = arcs.home[ai];
        out.weighted_placed += std::llround(weight[static_cast<std::size_t>(column)]);
        out.total_cost += static_cast<std::int64_t>(refs[r].places) * arcs.cost[ai];
        out.children_placed += refs[r].places;
      }
  }
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return out;
}

}  // namespace carecoop::bench
