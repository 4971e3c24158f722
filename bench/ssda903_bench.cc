// Times reading (parsing and checking every field of) an SSDA903 return and
// the forecast on it, in process: median of --runs. bench/forecast_bench.py
// runs it beside pandas' read_csv on the same file.
//   ssda903_bench import PATH [--runs N]     episodes per second
//   ssda903_bench forecast PATH [--runs N]   read + prepare + forecast, seconds
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "forecast/model.h"
#include "io/ssda903_return.h"

namespace {

double Seconds(std::chrono::steady_clock::duration d) {
  return std::chrono::duration<double>(d).count();
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  using namespace carecoop;
  if (argc < 3) {
    std::fprintf(stderr, "usage: ssda903_bench import|forecast PATH [--runs N]\n");
    return 2;
  }
  std::string mode = argv[1], path = argv[2];
  int runs = 5;
  if (argc >= 5 && std::string(argv[3]) == "--runs") runs = std::stoi(argv[4]);
  std::vector<double> times;
  std::size_t rows = 0, children = 0;
  double in_care = 0;
  for (int i = 0; i < runs; ++i) {
    auto t0 = std::chrono::steady_clock::now();
    ssda903::ReadReport report;
    auto r = ssda903::ReadReturn(path, {}, report);
    if (!r.ok()) {
      std::fprintf(stderr, "%s\n", r.status().ToString().c_str());
      return 1;
    }
    rows = r->episodes.size();
    if (mode == "forecast") {
      auto set = forecast::PrepareEpisodes(*r);
      if (!set.ok()) return 1;
      forecast::Options o;
      o.reference_start = Date(2021, 4, 1);
      o.reference_end = Date(2022, 3, 31);
      auto f = forecast::RunForecast(*set, o);
      if (!f.ok()) {
        std::fprintf(stderr, "%s\n", f.status().ToString().c_str());
        return 1;
      }
      children = set->children;
      in_care = f->InCare(f->days.size() - 1);
    }
    times.push_back(Seconds(std::chrono::steady_clock::now() - t0));
  }
  double median = Median(times);
  if (mode == "import") {
    std::printf("carecoop read %zu episode rows: median %.3f s over %d runs = %.0f rows/s\n", rows,
                median, runs, static_cast<double>(rows) / median);
  } else {
    std::printf(
        "carecoop forecast of %zu children (%zu episode rows): median %.3f s over %d runs; in care "
        "in 24 months %.1f\n",
        children, rows, median, runs, in_care);
  }
  return 0;
}
