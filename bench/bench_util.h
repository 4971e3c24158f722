// What the process benchmarks share: timing a call, the median of runs, one
// line a figure (median, minimum, maximum), and stopping on an error.
#ifndef CARECOOP_BENCH_BENCH_UTIL_H_
#define CARECOOP_BENCH_BENCH_UTIL_H_

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "core/status.h"

namespace carecoop::bench {

inline double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

template <class F>
double Seconds(F&& f) {
  auto t0 = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

inline void Report(const char* what, const std::vector<double>& t) {
  std::printf("%-56s median %.3f s (min %.3f, max %.3f, %zu runs)\n", what, Median(t),
              *std::min_element(t.begin(), t.end()), *std::max_element(t.begin(), t.end()),
              t.size());
}

// Exits with the status when it is an error, naming the program and the step.
inline void Must(const char* program, const Status& s, const char* what) {
  if (!s.ok()) {
    std::fprintf(stderr, "%s: %s: %s\n", program, what, s.ToString().c_str());
    std::exit(1);
  }
}

}  // namespace carecoop::bench

#endif  // CARECOOP_BENCH_BENCH_UTIL_H_
