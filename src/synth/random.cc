#include "synth/random.h"

#include <algorithm>
#include <numeric>

namespace carecoop::synth {

std::vector<int> QuotaCounts(const std::vector<double>& shares, int total) {
  double sum = std::accumulate(shares.begin(), shares.end(), 0.0);
  std::vector<int> counts(shares.size(), 0);
  std::vector<std::pair<double, std::size_t>> remainders;
  int assigned = 0;
  for (std::size_t i = 0; i < shares.size(); ++i) {
    double exact = sum > 0 ? shares[i] / sum * total : 0;
    counts[i] = static_cast<int>(exact);
    assigned += counts[i];
    remainders.push_back({exact - counts[i], i});
  }
  std::stable_sort(remainders.begin(), remainders.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t k = 0; assigned < total && k < remainders.size(); ++k, ++assigned)
    ++counts[remainders[k].second];
  return counts;
}

std::vector<int> ShuffledQuota(const std::vector<double>& shares, int total, Rng& rng) {
  std::vector<int> counts = QuotaCounts(shares, total);
  std::vector<int> out;
  out.reserve(static_cast<std::size_t>(total));
  for (std::size_t i = 0; i < counts.size(); ++i)
    out.insert(out.end(), static_cast<std::size_t>(counts[i]), static_cast<int>(i));
  rng.Shuffle(out);
  return out;
}

}  // namespace carecoop::synth
