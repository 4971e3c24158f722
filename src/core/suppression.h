// Small-number suppression that holds against differencing: the cells of a
// published table, the linear equations that tie them (a total is the sum
// of its parts, a gap is a need less a supply), the cells hidden because
// they are small (primary suppression), and the further cells hidden so
// that no hidden cell can be worked out from the visible ones (secondary
// suppression).
//
// Model: cells x_1..x_n with known values; equations sum_j a_ij x_j = 0. An
// attacker knows every visible cell and every equation. A hidden cell k is
// recoverable when the equations fix it: moving the visible cells to the
// right-hand side leaves A_H x_H = b, and x_k is fixed exactly when the unit
// vector e_k lies in the row space of A_H.
// Method: Gauss-Jordan elimination of A_H (partial pivoting, tolerance
// 1e-9; the coefficients are small integers); e_k lies in the row space iff
// k is a pivot column whose row has no other non-zero entry. While a hidden
// cell is recoverable, hide the smallest visible non-zero cell of an
// equation that reaches it through hidden cells (a zero only when no
// non-zero cell reaches it: a hidden zero covers little, since readers often
// know a cell is empty), and check again. Every round hides one
// more cell, so it ends after at most n rounds.
// Complexity: O(n) rounds of O(m h min(m, h)) elimination, for m equations
// and h hidden cells: well under a millisecond for a region's tables.
// Guarantee: no hidden cell is determined exactly by the visible cells and
// the equations. Not guaranteed: an interval tighter than the threshold from
// the cells' non-negativity (x + y = 1, both hidden, gives each 0 or 1).
// References: Hundepool et al., Statistical Disclosure Control (Wiley,
// 2012), ch. 5 (cell suppression, the audit by linear algebra); ONS,
// "Disclosure control guidance for tables produced from administrative
// sources" (2014).
#ifndef CARECOOP_CORE_SUPPRESSION_H_
#define CARECOOP_CORE_SUPPRESSION_H_

#include <utility>
#include <vector>

namespace carecoop::suppression {

struct Table {
  std::vector<double> values;
  std::vector<bool> primary;  // hidden because small
  // Each equation: terms (cell, coefficient) summing to zero.
  std::vector<std::vector<std::pair<int, double>>> equations;

  // A cell; its index.
  int Cell(double value, bool hide) {
    values.push_back(value);
    primary.push_back(hide);
    return static_cast<int>(values.size()) - 1;
  }
  // total = sum of parts.
  void Sum(int total, const std::vector<int>& parts) {
    std::vector<std::pair<int, double>> terms = {{total, -1.0}};
    for (int p : parts) terms.emplace_back(p, 1.0);
    equations.push_back(std::move(terms));
  }
};

// The hidden cells (of `hidden`) that the visible ones and the equations fix.
std::vector<int> Recoverable(const Table& table, const std::vector<bool>& hidden);

// The primary cells and as many more as it takes for Recoverable to be empty.
std::vector<bool> Protect(const Table& table);

}  // namespace carecoop::suppression

#endif  // CARECOOP_CORE_SUPPRESSION_H_
