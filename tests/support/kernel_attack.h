// The attacker of the suppression tests: which unknowns of a linear system
// are fixed by it. x_j is fixed exactly when every vector of the kernel of
// the system's matrix is zero at j (Eigen's full-pivoting LU, a method
// independent of core/suppression.h's elimination).
#ifndef CARECOOP_TESTS_SUPPORT_KERNEL_ATTACK_H_
#define CARECOOP_TESTS_SUPPORT_KERNEL_ATTACK_H_

#include <Eigen/Dense>
#include <cmath>
#include <utility>
#include <vector>

namespace carecoop::testing {

// `equations`: for each equation, (unknown's column, coefficient) terms;
// `unknowns` columns in all. The columns the equations fix.
inline std::vector<std::size_t> FixedUnknowns(
    const std::vector<std::vector<std::pair<std::size_t, double>>>& equations,
    std::size_t unknowns) {
  if (unknowns == 0) return {};
  Eigen::MatrixXd a = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(equations.size()) + 1,
                                            static_cast<Eigen::Index>(unknowns));
  for (std::size_t e = 0; e < equations.size(); ++e)
    for (const auto& [column, coef] : equations[e])
      a(static_cast<Eigen::Index>(e), static_cast<Eigen::Index>(column)) += coef;
  Eigen::FullPivLU<Eigen::MatrixXd> lu(a);
  lu.setThreshold(1e-9);
  const Eigen::MatrixXd kernel = lu.kernel();
  std::vector<std::size_t> fixed;
  for (std::size_t j = 0; j < unknowns; ++j) {
    bool moves = false;
    if (lu.dimensionOfKernel() > 0)
      for (Eigen::Index k = 0; k < kernel.cols(); ++k)
        moves = moves || std::fabs(kernel(static_cast<Eigen::Index>(j), k)) > 1e-9;
    if (!moves) fixed.push_back(j);
  }
  return fixed;
}

}  // namespace carecoop::testing

#endif  // CARECOOP_TESTS_SUPPORT_KERNEL_ATTACK_H_
