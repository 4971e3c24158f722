#include "core/suppression.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>

namespace carecoop::suppression {
namespace {

constexpr double kTolerance = 1e-9;

// Which visible cell makes the better cover: any non-zero one before a zero
// (a hidden zero covers little: a reader often knows a cell is empty, as
// when an RCC has no secure home), then the smaller.
bool Better(double candidate, double current) {
  const bool candidate_zero = std::fabs(candidate) < kTolerance;
  const bool current_zero = std::fabs(current) < kTolerance;
  if (candidate_zero != current_zero) return !candidate_zero;
  return candidate < current;
}

}  // namespace

std::vector<int> Recoverable(const Table& table, const std::vector<bool>& hidden) {
  // Columns: the hidden cells.
  std::vector<int> column_of(table.values.size(), -1), cell_of;
  for (std::size_t c = 0; c < table.values.size(); ++c)
    if (hidden[c]) {
      column_of[c] = static_cast<int>(cell_of.size());
      cell_of.push_back(static_cast<int>(c));
    }
  const std::size_t h = cell_of.size();
  if (h == 0) return {};
  std::vector<std::vector<double>> a;
  for (const auto& eq : table.equations) {
    std::vector<double> row(h, 0.0);
    bool any = false;
    for (const auto& [cell, coef] : eq)
      if (column_of[static_cast<std::size_t>(cell)] >= 0) {
        row[static_cast<std::size_t>(column_of[static_cast<std::size_t>(cell)])] += coef;
        any = true;
      }
    if (any) a.push_back(std::move(row));
  }
  // Gauss-Jordan to reduced row echelon form.
  std::vector<int> pivot_row(h, -1);
  std::size_t rank = 0;
  for (std::size_t col = 0; col < h && rank < a.size(); ++col) {
    std::size_t best = rank;
    for (std::size_t r = rank; r < a.size(); ++r)
      if (std::fabs(a[r][col]) > std::fabs(a[best][col])) best = r;
    if (std::fabs(a[best][col]) < kTolerance) continue;
    std::swap(a[best], a[rank]);
    const double p = a[rank][col];
    for (double& x : a[rank]) x /= p;
    for (std::size_t r = 0; r < a.size(); ++r) {
      if (r == rank || std::fabs(a[r][col]) < kTolerance) continue;
      const double f = a[r][col];
      for (std::size_t k = 0; k < h; ++k) a[r][k] -= f * a[rank][k];
    }
    pivot_row[col] = static_cast<int>(rank);
    ++rank;
  }
  std::vector<int> out;
  for (std::size_t col = 0; col < h; ++col) {
    if (pivot_row[col] < 0) continue;
    const auto& row = a[static_cast<std::size_t>(pivot_row[col])];
    bool alone = true;
    for (std::size_t k = 0; k < h && alone; ++k)
      if (k != col && std::fabs(row[k]) > kTolerance) alone = false;
    if (alone) out.push_back(cell_of[col]);
  }
  return out;
}

std::vector<bool> Protect(const Table& table) {
  std::vector<bool> hidden = table.primary;
  const std::size_t n = table.values.size();
  // Equations by cell.
  std::vector<std::vector<std::size_t>> equations_of(n);
  for (std::size_t e = 0; e < table.equations.size(); ++e)
    for (const auto& [cell, coef] : table.equations[e])
      equations_of[static_cast<std::size_t>(cell)].push_back(e);
  for (std::size_t round = 0; round <= n; ++round) {
    std::vector<int> exposed = Recoverable(table, hidden);
    if (exposed.empty()) break;
    // From the first exposed cell, through equations and the hidden cells in
    // them, to the smallest visible cell met.
    const int start = exposed.front();
    std::vector<bool> seen_cell(n, false), seen_eq(table.equations.size(), false);
    std::deque<int> queue = {start};
    seen_cell[static_cast<std::size_t>(start)] = true;
    int pick = -1;
    while (!queue.empty()) {
      const int c = queue.front();
      queue.pop_front();
      for (std::size_t e : equations_of[static_cast<std::size_t>(c)]) {
        if (seen_eq[e]) continue;
        seen_eq[e] = true;
        for (const auto& [cell, coef] : table.equations[e]) {
          const auto u = static_cast<std::size_t>(cell);
          if (seen_cell[u]) continue;
          seen_cell[u] = true;
          if (hidden[u]) {
            queue.push_back(cell);
          } else if (pick < 0 ||
                     Better(table.values[u], table.values[static_cast<std::size_t>(pick)])) {
            pick = cell;
          }
        }
      }
    }
    // A cell fixed by no equation with a visible cell cannot be: stop rather than loop.
    if (pick < 0) break;
    hidden[static_cast<std::size_t>(pick)] = true;
  }
  return hidden;
}

}  // namespace carecoop::suppression
