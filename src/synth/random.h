// Deterministic randomness for the generator: xoshiro256** seeded through
// SplitMix64, with our own samplers (the standard library's distributions
// are implementation-defined, so they could change output between
// compilers; these cannot).
#ifndef CARECOOP_SYNTH_RANDOM_H_
#define CARECOOP_SYNTH_RANDOM_H_

#include <cmath>
#include <cstdint>
#include <numbers>
#include <utility>
#include <vector>

namespace carecoop::synth {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) {
    for (auto& s : s_) {
      seed += 0x9E3779B97F4A7C15ULL;
      std::uint64_t z = seed;
      z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
      z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
      s = z ^ (z >> 31);
    }
  }
  // An independent stream for a named part of the generation, so adding
  // draws in one part does not shift every other part.
  Rng Fork(std::uint64_t salt) { return Rng(Next() ^ (salt * 0xD1B54A32D192ED03ULL)); }

  std::uint64_t Next() {
    std::uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }
  // Uniform in [0, 1).
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  double Uniform(double lo, double hi) { return lo + (hi - lo) * Uniform(); }
  // Uniform integer in [0, n).
  std::size_t Index(std::size_t n) {
    return n == 0 ? 0 : static_cast<std::size_t>(Uniform() * static_cast<double>(n));
  }
  int Int(int lo, int hi_inclusive) {
    return lo + static_cast<int>(Index(static_cast<std::size_t>(hi_inclusive - lo + 1)));
  }
  bool Chance(double p) { return Uniform() < p; }
  double Normal() {
    double u1 = Uniform();
    double u2 = Uniform();
    if (u1 < 1e-300) u1 = 1e-300;
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2 * std::numbers::pi * u2);
  }
  // Lognormal with the given mean and log-scale sigma.
  double LogNormalMean(double mean, double sigma) {
    return mean * std::exp(sigma * Normal() - sigma * sigma / 2);
  }
  int Poisson(double lambda) {
    if (lambda > 30) {
      double x = std::round(lambda + std::sqrt(lambda) * Normal());
      return x < 0 ? 0 : static_cast<int>(x);
    }
    double l = std::exp(-lambda), p = 1.0;
    int k = 0;
    do {
      ++k;
      p *= Uniform();
    } while (p > l);
    return k - 1;
  }
  // An index drawn with probability proportional to weights[i].
  std::size_t Weighted(const std::vector<double>& weights) {
    double total = 0;
    for (double w : weights) total += w;
    double r = Uniform() * total;
    for (std::size_t i = 0; i < weights.size(); ++i) {
      if (r < weights[i]) return i;
      r -= weights[i];
    }
    return weights.size() - 1;
  }
  template <class T>
  void Shuffle(std::vector<T>& v) {
    for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[Index(i)]);
  }

 private:
  static std::uint64_t Rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4];
};

// Counts that sum exactly to `total`, in proportion to `shares`
// (largest-remainder rounding).
std::vector<int> QuotaCounts(const std::vector<double>& shares, int total);

// `total` category indices with exact quota counts, in random order.
std::vector<int> ShuffledQuota(const std::vector<double>& shares, int total, Rng& rng);

// Picks categories one at a time so that the running counts track the
// target shares as closely as possible (the category most behind its share
// goes next), with `allowed` restricting the choice. Used where a plain
// random draw would add sampling noise to a calibrated figure.
class QuotaPicker {
 public:
  // `shares` are relative weights; they need not sum to 1.
  explicit QuotaPicker(std::vector<double> shares)
      : shares_(std::move(shares)), counts_(shares_.size(), 0) {
    double total = 0;
    for (double s : shares_) total += s;
    if (total > 0)
      for (double& s : shares_) s /= total;
  }
  template <class Allowed>
  int Pick(Allowed&& allowed) {
    int best = -1;
    double best_gap = -1e300;
    for (std::size_t i = 0; i < shares_.size(); ++i) {
      if (shares_[i] <= 0 || !allowed(static_cast<int>(i))) continue;
      double gap = shares_[i] * static_cast<double>(n_ + 1) - counts_[i];
      if (gap > best_gap) {
        best_gap = gap;
        best = static_cast<int>(i);
      }
    }
    return best;
  }
  int Pick() {
    return Pick([](int) { return true; });
  }
  void Record(int category) {
    ++counts_[static_cast<std::size_t>(category)];
    ++n_;
  }

 private:
  std::vector<double> shares_;
  std::vector<double> counts_;
  std::int64_t n_ = 0;
};

}  // namespace carecoop::synth

#endif  // CARECOOP_SYNTH_RANDOM_H_
