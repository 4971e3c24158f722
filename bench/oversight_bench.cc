// Market oversight for England (issue 18's targets: every oversight figure
// for England from the store in under 1 s; the failure scenario for the
// largest group in under 2 s; the profit-cap what-if over 26 cap levels in
// under 5 s), each beside its floor in the same process.
//
//   build/bench/oversight_bench --store PATH.sqlite [--runs 5] [--today 2025-03-31]
//
// PATH is a generated England (`carecoop generate --scale national`); it is
// only read. Per run:
//   figures   Workflow::Market (England), ProviderGroups (every group, with
//             entry test, stage and quality), ProfitCapOf (10%) and
//             PriceTransparency, as market oversight asks them;
//   floor     reading the rows those figures need (groups, providers,
//             homes, the placements in homes now, returns, cases), and
//             nothing else: the figures / floor ratio is the computing;
//   failure   Workflow::Failure for the group with the most places, the
//             hub's matching world already loaded (as a running server has
//             it), and, once, with the world's first load;
//   what-if   Workflow::ProfitCapWhatIfOf over 0%, 1%, ..., 25%.
// Prints each time's median, minimum and maximum over the runs.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "bench/bench_util.h"
#include "services/workflow.h"
#include "store/aggregates.h"
#include "store/store.h"

using namespace carecoop;

namespace {

using bench::Median;
using bench::Report;
using bench::Seconds;

void Must(const Status& s, const char* what) { bench::Must("oversight_bench", s, what); }

}  // namespace

int main(int argc, char** argv) {
  std::string path;
  int runs = 5;
  std::string today = "2025-03-31";
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--store")) path = argv[i + 1];
    if (!std::strcmp(argv[i], "--runs")) runs = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--today")) today = argv[i + 1];
  }
  if (path.empty()) {
    std::fprintf(stderr, "usage: oversight_bench --store PATH.sqlite [--runs 5] [--today D]\n");
    return 2;
  }
  auto opened = store::Store::Open("sqlite:" + path);
  Must(opened.status(), "open");
  store::Store& store = **opened;
  auto day = Date::ParseIso(today);
  Must(day.status(), "today");
  const Timestamp noon(day->sys_days() + std::chrono::hours(12));
  services::Workflow wf(store, {.clock = [noon] { return noon; }});
  const services::Principal who{0, "bench", Role::kMarketOversight, {}, {}, {}};

  // The group with the most places (the largest to fail).
  auto groups = wf.ProviderGroups(who, std::nullopt);
  Must(groups.status(), "groups");
  const services::GroupStanding* largest = nullptr;
  for (const auto& g : *groups)
    if (!largest || g.places > largest->places) largest = &g;
  if (!largest) {
    std::fprintf(stderr, "oversight_bench: the store has no provider group\n");
    return 1;
  }
  std::int64_t homes = 0, placed = 0;
  Must(store.Read([&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(homes, tx.Count<Home>());
    CC_ASSIGN_OR_RETURN(auto rows, store::PlacementsInHomesNow(tx));
    placed = static_cast<std::int64_t>(rows.size());
    return Status::Ok();
  }),
       "count");
  std::printf(
      "England: %lld homes, %lld children placed in homes now, %zu provider groups; "
      "largest: %s (%d homes, %d places, %d children)\n",
      static_cast<long long>(homes), static_cast<long long>(placed), groups->size(),
      largest->group.name.c_str(), largest->homes, largest->places, largest->children);

  double cold = Seconds([&] { Must(wf.Failure(who, largest->group.id).status(), "failure"); });
  std::vector<double> figures, floor, failure, what_if;
  services::FailureScenario last;
  services::ProfitCapWhatIf levels;
  std::vector<double> caps;
  for (int i = 0; i <= 25; ++i) caps.push_back(i / 100.0);
  for (int run = 0; run < runs; ++run) {
    figures.push_back(Seconds([&] {
      Must(wf.Market(who, std::nullopt).status(), "market");
      Must(wf.ProviderGroups(who, std::nullopt).status(), "groups");
      Must(wf.ProfitCapOf(who, {market::ProfitCap::Kind::kMargin, 0.10, {}}).status(), "cap");
      Must(wf.PriceTransparency(who).status(), "published");
    }));
    floor.push_back(Seconds([&] {
      Must(store.Read([&](store::Tx& tx) -> Status {
        CC_RETURN_IF_ERROR(tx.List<ProviderGroup>().status());
        CC_RETURN_IF_ERROR(tx.List<Provider>().status());
        CC_RETURN_IF_ERROR(tx.List<Home>().status());
        CC_RETURN_IF_ERROR(store::PlacementsInHomesNow(tx).status());
        CC_RETURN_IF_ERROR(tx.List<FinancialReturn>().status());
        return tx.List<OversightCase>().status();
      }),
           "floor");
    }));
    failure.push_back(Seconds([&] {
      auto f = wf.Failure(who, largest->group.id);
      Must(f.status(), "failure");
      last = *f;
    }));
    what_if.push_back(Seconds([&] {
      auto w = wf.ProfitCapWhatIfOf(who, caps);
      Must(w.status(), "what-if");
      levels = *w;
    }));
  }
  Report("figures for England (market, groups, cap, published)", figures);
  Report("floor: reading the rows they need", floor);
  std::printf("figures / floor: %.2fx (medians)\n", Median(figures) / Median(floor));
  Report("failure of the largest group (world loaded)", failure);
  std::printf("%-52s %.3f s (once)\n", "failure with the world's first load", cold);
  const auto& i = last.impact;
  std::printf(
      "  %d homes, %d places close; %d children: %d within 20 miles, %d within RCC, %d "
      "elsewhere, %d nowhere; weekly cost change %s\n",
      i.homes_closing, i.places_leaving, i.children, i.landing[0], i.landing[1], i.landing[2],
      i.landing[3], Pence(i.fee_after - i.fee_before).ToPoundsString().c_str());
  Report("profit-cap what-if, 26 levels", what_if);
  std::printf("  at 0%%: %d places leave, %d children to move; at 10%%: %d, %d; at 25%%: %d, %d\n",
              levels.levels[0].impact.places_leaving, levels.levels[0].impact.children,
              levels.levels[10].impact.places_leaving, levels.levels[10].impact.children,
              levels.levels[25].impact.places_leaving, levels.levels[25].impact.children);
  return 0;
}
