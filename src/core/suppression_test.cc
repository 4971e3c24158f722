// The suppression engine against an attacker who solves the linear system
// another way: x_k is fixed by the visible cells and the equations exactly
// when every vector of the kernel of A_H (Eigen's full-pivoting LU, not the
// engine's elimination) is zero at k.
#include "core/suppression.h"

#include <gtest/gtest.h>

#include <random>

#include "tests/support/kernel_attack.h"

namespace carecoop::suppression {
namespace {

// The hidden cells an attacker can fix, by the kernel of A_H.
std::vector<int> Attack(const Table& t, const std::vector<bool>& hidden) {
  std::vector<int> cols;
  std::vector<int> column_of(hidden.size(), -1);
  for (std::size_t c = 0; c < hidden.size(); ++c)
    if (hidden[c]) {
      column_of[c] = static_cast<int>(cols.size());
      cols.push_back(static_cast<int>(c));
    }
  std::vector<std::vector<std::pair<std::size_t, double>>> equations;
  for (const auto& eq : t.equations) {
    equations.emplace_back();
    for (const auto& [cell, coef] : eq)
      if (column_of[static_cast<std::size_t>(cell)] >= 0)
        equations.back().emplace_back(column_of[static_cast<std::size_t>(cell)], coef);
  }
  std::vector<int> fixed;
  for (std::size_t j : testing::FixedUnknowns(equations, cols.size())) fixed.push_back(cols[j]);
  return fixed;
}

// An r x c table of counts with row totals, column totals and a grand total.
Table Grid(const std::vector<std::vector<double>>& v, double threshold) {
  Table t;
  const std::size_t r = v.size(), c = v[0].size();
  std::vector<std::vector<int>> cell(r, std::vector<int>(c));
  for (std::size_t i = 0; i < r; ++i)
    for (std::size_t j = 0; j < c; ++j)
      cell[i][j] = t.Cell(v[i][j], v[i][j] > 0 && v[i][j] < threshold);
  std::vector<int> row_totals, col_totals;
  double grand = 0;
  for (std::size_t i = 0; i < r; ++i) {
    double s = 0;
    for (double x : v[i]) s += x;
    grand += s;
    row_totals.push_back(t.Cell(s, s > 0 && s < threshold));
    t.Sum(row_totals.back(), cell[i]);
  }
  for (std::size_t j = 0; j < c; ++j) {
    double s = 0;
    std::vector<int> parts;
    for (std::size_t i = 0; i < r; ++i) {
      s += v[i][j];
      parts.push_back(cell[i][j]);
    }
    col_totals.push_back(t.Cell(s, s > 0 && s < threshold));
    t.Sum(col_totals.back(), parts);
  }
  const int g = t.Cell(grand, grand > 0 && grand < threshold);
  t.Sum(g, row_totals);
  t.Sum(g, col_totals);
  return t;
}

TEST(SuppressionTest, PrimarySuppressionAloneIsUndoneByDifferencing) {
  // The finding: 3 hidden in a row with a visible total and visible neighbours.
  Table t = Grid({{3, 20}, {30, 40}}, 5);
  EXPECT_EQ(Attack(t, t.primary), std::vector<int>{0});
  EXPECT_EQ(Recoverable(t, t.primary), std::vector<int>{0});
}

TEST(SuppressionTest, OneSmallCellInATwoByTwoTableIsProtected) {
  // No fewer than four hidden cells can protect one interior cell of a 2x2
  // table with its margins (the corners of a rectangle); the greedy rule may
  // hide more (it is a heuristic: the fewest is NP-hard in general), but
  // never leaves a cell that can be worked out.
  Table t = Grid({{3, 20}, {30, 40}}, 5);
  std::vector<bool> hidden = Protect(t);
  EXPECT_TRUE(Attack(t, hidden).empty());
  int n = 0;
  for (bool b : hidden) n += b;
  EXPECT_GE(n, 4);
  EXPECT_TRUE(hidden[0]);
}

// Regression (issue 19): the cover was the smallest visible cell, so zeros
// came first, and a hidden zero covers little (a reader often knows a cell
// is empty: an RCC with no secure home). The 3 below was covered by hiding
// the 0 beside it; now a non-zero cell covers it, and no zero is hidden.
TEST(SuppressionTest, ANonZeroCellCoversBeforeAZero) {
  Table t = Grid({{10, 3, 0}, {6, 7, 8}}, 5);
  std::vector<bool> hidden = Protect(t);
  EXPECT_TRUE(Attack(t, hidden).empty());
  EXPECT_TRUE(hidden[1]);
  for (std::size_t c = 0; c < hidden.size(); ++c)
    if (hidden[c]) {
      EXPECT_NE(t.values[c], 0.0) << "cell " << c << " is a zero used as cover";
    }
}

TEST(SuppressionTest, RandomTablesAreProtectedAgainstTheKernelAttack) {
  std::mt19937 rng(20261202);
  for (int trial = 0; trial < 300; ++trial) {
    const int rows = 2 + static_cast<int>(rng() % 4), cols = 2 + static_cast<int>(rng() % 5);
    std::vector<std::vector<double>> v(static_cast<std::size_t>(rows));
    for (auto& row : v)
      for (int j = 0; j < cols; ++j)
        row.push_back(rng() % 3 == 0 ? static_cast<double>(rng() % 5)
                                     : 5.0 + static_cast<double>(rng() % 40));
    Table t = Grid(v, 5);
    std::vector<bool> hidden = Protect(t);
    EXPECT_TRUE(Attack(t, hidden).empty()) << "trial " << trial;
    EXPECT_TRUE(Recoverable(t, hidden).empty()) << "trial " << trial;
    for (std::size_t c = 0; c < hidden.size(); ++c)
      if (t.primary[c]) {
        EXPECT_TRUE(hidden[c]) << "a primary cell must stay hidden";
      }
  }
}

TEST(SuppressionTest, TheEngineAndTheAttackerAgreeOnWhatIsExposed) {
  std::mt19937 rng(7);
  for (int trial = 0; trial < 300; ++trial) {
    std::vector<std::vector<double>> v(3, std::vector<double>(3));
    for (auto& row : v)
      for (double& x : row) x = static_cast<double>(rng() % 12);
    Table t = Grid(v, 5);
    std::vector<bool> hidden(t.values.size());
    for (std::size_t c = 0; c < hidden.size(); ++c) hidden[c] = rng() % 3 == 0;
    EXPECT_EQ(Recoverable(t, hidden), Attack(t, hidden)) << "trial " << trial;
  }
}

}  // namespace
}  // namespace carecoop::suppression
