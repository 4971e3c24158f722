// The national layer's RCC returns for England (issue 19's targets: building
// all 20 RCCs' returns for a quarter from the national synthetic store in
// under 5 s; receiving and validating them and building the overview in
// under 1 s), each beside its floor in the same process.
//
//   build/bench/national_bench --store PATH.sqlite [--runs 5] [--quarter 2025Q1]
//                              [--today 2025-04-10]
//
// PATH is a generated England (`carecoop generate --scale national`); the
// bench works on a copy of it (receiving writes), made once and removed at
// the end. Per run:
//   build all      services::BuildReturns: every RCC's return from one
//                  reading of the store (what a national run does);
//   build each     Workflow::BuildRccReturn for each RCC in turn, as each
//                  RCC's commissioner (one reading an RCC, audited);
//   floor          the reading alone (LoadReturnSources for England): the
//                  build / floor ratio is the tabulating and suppressing;
//   receive        Workflow::ReceiveRccReturn for the 20 returns (each checked
//                  whole, the recovery audit included, and stored, replacing
//                  the last run's) and Workflow::NationalOverview;
//   rare           Workflow::RareNeeds over the year ending with the quarter,
//                  from the returns received (their need-profile sections).
// Prints each time's median, minimum and maximum over the runs.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "bench/bench_util.h"
#include "services/workflow.h"
#include "store/store.h"

using namespace carecoop;

namespace {

using bench::Median;
using bench::Report;
using bench::Seconds;

void Must(const Status& s, const char* what) { bench::Must("national_bench", s, what); }

}  // namespace

int main(int argc, char** argv) {
  std::string path, quarter_text = "2025Q1", today = "2025-04-10";
  int runs = 5;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--store")) path = argv[i + 1];
    if (!std::strcmp(argv[i], "--runs")) runs = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--quarter")) quarter_text = argv[i + 1];
    if (!std::strcmp(argv[i], "--today")) today = argv[i + 1];
  }
  if (path.empty()) {
    std::fprintf(
        stderr, "usage: national_bench --store PATH.sqlite [--runs 5] [--quarter Q] [--today D]\n");
    return 2;
  }
  auto quarter = national::Quarter::Parse(quarter_text);
  Must(quarter.status(), "quarter");
  auto day = Date::ParseIso(today);
  Must(day.status(), "today");
  const std::string copy = path + ".national-bench.sqlite";
  std::filesystem::copy_file(path, copy, std::filesystem::copy_options::overwrite_existing);
  {
    auto opened = store::Store::Open("sqlite:" + copy);
    Must(opened.status(), "open");
    store::Store& store = **opened;
    const Timestamp noon(day->sys_days() + std::chrono::hours(12));
    services::Workflow wf(store, {.clock = [noon] { return noon; }});
    const services::Principal national{0, "bench.national", Role::kNationalAnalyst, {}, {}, {}};
    std::vector<Rcc> rccs;
    Must(store.Read([&](store::Tx& tx) -> Status {
      CC_ASSIGN_OR_RETURN(rccs, tx.List<Rcc>());
      return Status::Ok();
    }),
         "rccs");

    std::vector<double> build_all, build_each, floor, receive, rare;
    std::vector<national::RccReturn> returns;
    std::size_t placements = 0, referrals = 0;
    for (int run = 0; run < runs; ++run) {
      build_all.push_back(Seconds([&] {
        Must(store.Read([&](store::Tx& tx) -> Status {
          CC_ASSIGN_OR_RETURN(returns, services::BuildReturns(tx, *quarter, *day));
          return Status::Ok();
        }),
             "build all");
      }));
      floor.push_back(Seconds([&] {
        Must(store.Read([&](store::Tx& tx) -> Status {
          CC_ASSIGN_OR_RETURN(auto s, services::LoadReturnSources(tx, *quarter));
          placements = s.placements.size();
          referrals = s.referrals.size();
          return Status::Ok();
        }),
             "floor");
      }));
      build_each.push_back(Seconds([&] {
        for (const Rcc& r : rccs) {
          const services::Principal who{0, "bench.commissioner", Role::kCommissioner, {}, r.id, {}};
          Must(wf.BuildRccReturn(who, r.id, *quarter).status(), "build one");
        }
      }));
      national::Overview overview;
      receive.push_back(Seconds([&] {
        for (std::size_t i = 0; i < returns.size(); ++i)
          Must(wf.ReceiveRccReturn(national, rccs[i].id, returns[i]).status(), "receive");
        auto o = wf.NationalOverview(national);
        Must(o.status(), "overview");
        overview = std::move(*o);
      }));
      rare.push_back(Seconds([&] {
        Must(wf.RareNeeds(national, *quarter, national::RareNeedRules{}).status(), "rare needs");
      }));
      if (run == 0) {
        int shown = 0, hidden = 0;
        for (const auto& r : returns)
          for (const auto& t : r.tables)
            for (const auto& c : t.cells) (c ? shown : hidden) += 1;
        const auto& e = overview.quarters.back().england_measures;
        std::printf(
            "England %s: %zu RCCs, %zu placements open in the quarter, %zu referrals made; "
            "%d cells shown, %d suppressed; England: %lld started, %lld at the end\n",
            quarter->ToString().c_str(), rccs.size(), placements, referrals, shown, hidden,
            static_cast<long long>(e.started.value_or(-1)),
            static_cast<long long>(e.at_end.value_or(-1)));
      }
    }
    Report("build all 20 returns (one reading)", build_all);
    Report("build each RCC's return as its commissioner (20 steps)", build_each);
    Report("floor: reading what the returns need", floor);
    std::printf("build all / floor: %.2fx (medians)\n", Median(build_all) / Median(floor));
    Report("receive and validate 20 returns, then the overview", receive);
    Report("rare needs over the year from the returns received", rare);
  }
  std::filesystem::remove(copy);
  std::filesystem::remove(copy + "-wal");
  std::filesystem::remove(copy + "-shm");
  return 0;
}
