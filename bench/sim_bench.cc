// The policy simulator's speed (docs/benchmarks.md, "The policy simulator";
// issue 20's targets: one national 10-year run under 10 s on one core, 100
// runs under 10 minutes on 2 cores, memory under 2 GiB). On a store's
// England: the world's reading; one run of the design (`--years`) on one
// thread, `--runs` times, with the time per simulated placement decision
// (each referral sourced in a week: a placement made or a week's wait);
// `--runs` runs over `--threads` threads, as runs a minute; and, beside it,
// the matching engine's ranking of one referral (match::Rank, top 10) on the
// same homes, for the cost of a decision against a hub's search; peak memory.
//
//   build/bench/sim_bench --store england.sqlite [--design national|rcc|today]
//                         [--years 10] [--runs 3] [--threads 2]
#include <sys/resource.h>

#include <cstdio>
#include <cstring>
#include <string>

#include "bench/bench_util.h"
#include "match/rank.h"
#include "services/simulation.h"
#include "sim/simulator.h"
#include "store/store.h"

using namespace carecoop;

int main(int argc, char** argv) {
  std::string store_path, design_name = "national";
  int years = 10, runs = 3, threads = 2;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--store")
      store_path = argv[i + 1];
    else if (flag == "--design")
      design_name = argv[i + 1];
    else if (flag == "--years")
      years = std::atoi(argv[i + 1]);
    else if (flag == "--runs")
      runs = std::atoi(argv[i + 1]);
    else if (flag == "--threads")
      threads = std::atoi(argv[i + 1]);
    else {
      std::fprintf(stderr, "sim_bench: unknown flag %s\n", flag.c_str());
      return 2;
    }
  }
  if (store_path.empty() || years < 1 || runs < 1 || threads < 1) {
    std::fprintf(stderr,
                 "usage: sim_bench --store england.sqlite [--design national|rcc|today] "
                 "[--years 10] [--runs 3] [--threads 2]\n");
    return 2;
  }
  sim::Design design = sim::TodayDesign();
  if (design_name == "national" || design_name == "rcc") {
    design = {
        .name = design_name,
        .footprint = design_name == "national" ? sim::Footprint::kNational : sim::Footprint::kRcc,
        .sourcing = sim::Sourcing::kNeedsLed,
        .contracted_share = 0.6};
  } else if (design_name != "today") {
    std::fprintf(stderr, "sim_bench: --design must be national, rcc or today\n");
    return 2;
  }
  auto store = store::Store::Open("sqlite:" + store_path);
  bench::Must("sim_bench", store.status(), "open the store");
  Result<sim::World> world = InvalidArgument("store", "not read");
  const double read = bench::Seconds([&] {
    bench::Must("sim_bench", (*store)->Read([&](store::Tx& tx) -> Status {
      world = services::LoadSimulationWorld(tx, Date(2025, 3, 31));
      return world.status();
    }),
                "read the world");
  });
  std::printf(
      "world: %zu homes (with the potential ones), %zu councils, %zu children placed; read in %.2f "
      "s\n",
      world->homes.size(), world->councils.size(), world->children.size(), read);

  const sim::Parameters parameters;
  std::vector<double> one;
  double decisions = 0;
  for (int r = 0; r < runs; ++r) {
    sim::RunOutcome out;
    one.push_back(bench::Seconds(
        [&] { out = sim::RunOnce(*world, design, parameters, years, sim::RunSeed(1, r)); }));
    decisions = 0;
    for (const sim::YearOutcome& y : out.years)
      decisions += static_cast<double>(y.placements + y.waiting_weeks);
  }
  const std::string label =
      "one " + design_name + " run of " + std::to_string(years) + " years, one thread";
  bench::Report(label.c_str(), one);
  const double per_decision = bench::Median(one) / decisions;
  std::printf(
      "  %.0f placement decisions a run: %.1f us a decision (the run's whole time over them)\n",
      decisions, 1e6 * per_decision);

  const double many =
      bench::Seconds([&] { sim::RunMany(*world, design, parameters, years, runs, 7, threads); });
  std::printf("%d runs over %d threads: %.1f s, %.2f runs a minute (100 runs: %.1f minutes)\n",
              runs, threads, many, 60.0 * runs / many, 100.0 * many / runs / 60.0);

  // The matching engine's ranking of one referral against the same homes.
  std::vector<double> rank;
  const int calls = 200;
  for (int rep = 0; rep < 3; ++rep)
    rank.push_back(
        bench::Seconds([&] {
          for (int i = 0; i < calls; ++i) {
            match::ReferralNeeds r =
                world->profiles[static_cast<std::size_t>(i) % world->profiles.size()];
            r.council = world->councils[static_cast<std::size_t>(i) % world->councils.size()].id;
            r.family = match::ToUnitVector(
                world->councils[static_cast<std::size_t>(i) % world->councils.size()].centre);
            (void)match::Rank(r, world->homes, parameters.policy, 10);
          }
        }) /
        calls);
  std::printf("match::Rank of one referral on the same homes: median %.1f us (%d calls x 3)\n",
              1e6 * bench::Median(rank), calls);
  std::printf("  a simulated decision costs %.2f rankings\n", per_decision / bench::Median(rank));

  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("peak memory: %.0f MB\n", static_cast<double>(usage.ru_maxrss) / 1024.0);
  return 0;
}
