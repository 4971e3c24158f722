// The matching engine's benchmark: exact assignment on instances (a) and (b)
// beside LEMON NetworkSimplex on the full feasible graph (same model, same
// branch and bound), and ranking one referral against instance (b)'s
// places. Prints one line per measurement; docs/benchmarks.md records them.
//
// The sibling groups' answer is set against its bound and, on (a), against
// the exact integer program solved by CBC.
//
//   build/bench/match_bench [--runs N] [--skip-national] [--skip-siblings]
//                           [--skip-cbc] [--candidates N] [--arcs-only]
//                           [--export-b PATH]   (for bench/scipy_assign.py)
//                           [--rank-only]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "bench/cbc_assign.h"
#include "bench/match_instances.h"
#include "match/assign.h"
#include "match/rank.h"

namespace {

using Clock = std::chrono::steady_clock;
using namespace carecoop;         // NOLINT
using namespace carecoop::match;  // NOLINT

bool arcs_only = false;  // --arcs-only: print the instances' sizes and stop
bool skip_siblings = false;
bool skip_cbc = false;  // --skip-cbc: no CBC reference run (about 90 s on (a))
int candidates = AssignOptions{}.candidates;  // --candidates N
std::string export_b;    // --export-b PATH: write (b)'s single-child part for SciPy, then stop
bool rank_only = false;  // --rank-only: the ranking benchmark alone  // --skip-siblings: the
                         // single-child flows and ranking only

double Seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

std::string Time(double s) {
  char buf[32];
  if (s < 1e-3)
    std::snprintf(buf, sizeof buf, "%.0f us", s * 1e6);
  else if (s < 0.1)
    std::snprintf(buf, sizeof buf, "%.1f ms", s * 1e3);
  else
    std::snprintf(buf, sizeof buf, "%.2f s", s);
  return buf;
}

// The flow itself (every referral a single child): ours against LEMON
// NetworkSimplex on the full feasible graph, interleaved run by run so that
// the machine's noise falls on both. The baseline's network is the natural
// one (every feasible arc; a date level per distinct free day, every place
// kept); a second baseline solves every feasible arc on our reduced date
// levels, to show what the reduction and what the pricing each bring.
// Sibling groups: see BenchSiblings.
void BenchAssignment(const bench::MatchInstance& whole, int runs) {
  bench::MatchInstance inst = whole;
  inst.referrals.clear();
  for (const auto& r : whole.referrals)
    if (r.places == 1) inst.referrals.push_back(r);
  auto t0 = Clock::now();
  ArcSet arcs = BuildArcs(inst.referrals, inst.snapshot, DefaultPolicy());
  auto t1 = Clock::now();
  ArcSet natural =
      BuildArcs(inst.referrals, inst.snapshot, DefaultPolicy(), 0, LevelKeying::kFreeDays);
  double pairs =
      static_cast<double>(inst.referrals.size()) * static_cast<double>(inst.snapshot.size());
  std::printf(
      "%s, single children: %zu referrals x %zu places in %zu homes; %zu feasible arcs (%.1f%% "
      "of referral-home pairs), built in %s; date levels: %zu natural, %zu reduced\n",
      inst.name.c_str(), inst.referrals.size(), inst.snapshot.places(), inst.snapshot.size(),
      arcs.arcs(), 100.0 * static_cast<double>(arcs.arcs()) / pairs, Time(Seconds(t0, t1)).c_str(),
      natural.level_day.size(), arcs.level_day.size());
  if (arcs_only) return;
  std::vector<double> ours, full, reduced;
  match::Assignment a, b, c;
  AssignOptions options{.candidates = candidates, .explain = false};
  for (int i = 0; i < runs; ++i) {
    auto s = Clock::now();
    a = Assign(inst.referrals, inst.snapshot, arcs, DefaultPolicy(), options);
    ours.push_back(Seconds(s, Clock::now()));
    s = Clock::now();
    b = AssignFullGraph(inst.referrals, inst.snapshot, natural, DefaultPolicy(), options);
    full.push_back(Seconds(s, Clock::now()));
    s = Clock::now();
    c = AssignFullGraph(inst.referrals, inst.snapshot, arcs, DefaultPolicy(), options);
    reduced.push_back(Seconds(s, Clock::now()));
  }
  auto same = [&](const match::Assignment& x) {
    return x.weighted_placed == a.weighted_placed && x.total_cost == a.total_cost;
  };
  std::printf("%s: carecoop %s, LEMON NetworkSimplex %s, ratio %.1fx, costs %s (medians of %d)\n",
              inst.name.c_str(), Time(Median(ours)).c_str(), Time(Median(full)).c_str(),
              Median(full) / Median(ours), same(b) ? "equal" : "DIFFER", runs);
  std::printf(
      "  LEMON NetworkSimplex on every feasible arc with our reduced date levels: %s, ratio "
      "%.1fx, costs %s\n",
      Time(Median(reduced)).c_str(), Median(reduced) / Median(ours), same(c) ? "equal" : "DIFFER");
  std::printf(
      "  placed %lld children; cost %lld; %d pricing rounds, %lld arcs built over them (of "
      "%zu); outcome %s\n",
      static_cast<long long>(a.children_placed), static_cast<long long>(a.total_cost),
      a.pricing_rounds, static_cast<long long>(a.arcs_built), arcs.arcs(),
      a.outcome == AssignOutcome::kOptimal ? "optimal" : "not proved");
}

// The whole instance with sibling groups: the root flow, the dive, then
// branch and bound within a node limit; the answer against the best bound.
void BenchSiblings(const bench::MatchInstance& inst, int max_nodes) {
  ArcSet arcs = BuildArcs(inst.referrals, inst.snapshot, DefaultPolicy());
  int groups = 0;
  for (auto& r : inst.referrals) groups += r.places > 1;
  auto s = Clock::now();
  match::Assignment a =
      Assign(inst.referrals, inst.snapshot, arcs, DefaultPolicy(),
             {.candidates = candidates, .max_nodes = max_nodes, .explain = false});
  double t = Seconds(s, Clock::now());
  std::string verdict = "optimal";
  if (a.outcome != AssignOutcome::kOptimal) {
    char buf[200];
    std::snprintf(buf, sizeof buf,
                  "not proved: gap to the bound %lld weighted children, cost %+lld (%.3f%%)",
                  static_cast<long long>(a.bound_weighted - a.weighted_placed),
                  static_cast<long long>(a.total_cost - a.bound_cost),
                  100.0 * static_cast<double>(a.total_cost - a.bound_cost) /
                      static_cast<double>(std::max<std::int64_t>(1, a.bound_cost)));
    verdict = buf;
  }
  std::printf(
      "%s, whole (%zu referrals, %d sibling groups): carecoop %s, placed %lld children, %d "
      "dive flows, %d branch-and-bound nodes; %s\n",
      inst.name.c_str(), inst.referrals.size(), groups, Time(t).c_str(),
      static_cast<long long>(a.children_placed), a.dive_solves, a.nodes, verdict.c_str());
}

// The whole instance against the exact integer program (CBC): how far the
// answer is from the optimum, not just from the bound.
void BenchCbc(const bench::MatchInstance& inst, int max_nodes) {
  ArcSet arcs = BuildArcs(inst.referrals, inst.snapshot, DefaultPolicy());
  auto s = Clock::now();
  match::Assignment a =
      Assign(inst.referrals, inst.snapshot, arcs, DefaultPolicy(),
             {.candidates = candidates, .max_nodes = max_nodes, .explain = false});
  double t = Seconds(s, Clock::now());
  bench::CbcAssignment c = bench::AssignWithCbc(inst.referrals, arcs, DefaultPolicy(), 900);
  std::printf(
      "%s, whole: carecoop %s (%lld weighted children, cost %lld), CBC %s (%s: %lld weighted "
      "children, cost %lld); carecoop places %.2f%% fewer weighted children than the optimum\n",
      inst.name.c_str(), Time(t).c_str(), static_cast<long long>(a.weighted_placed),
      static_cast<long long>(a.total_cost), Time(c.seconds).c_str(),
      c.optimal ? "optimal" : "time limit, best found", static_cast<long long>(c.weighted_placed),
      static_cast<long long>(c.total_cost),
      100.0 * static_cast<double>(c.weighted_placed - a.weighted_placed) /
          static_cast<double>(std::max<std::int64_t>(1, c.weighted_placed)));
}

// Writes the single-child part of an instance for bench/scipy_assign.py as
// a bipartite graph: a row per referral, a column per free place usable in
// time (a home's places expanded by date level: an arc entering level l may
// use any place at levels <= l). Files: PATH.json (sizes, and our answer and
// time on the same instance) and PATH.{row,col}.i32, PATH.cost.i64 (the
// child-first cost c), PATH.weight.i8 (the urgency weight w).
void ExportForScipy(const bench::MatchInstance& whole, const std::string& path, int runs) {
  std::vector<ReferralNeeds> refs;
  for (const auto& r : whole.referrals)
    if (r.places == 1) refs.push_back(r);
  ArcSet arcs = BuildArcs(refs, whole.snapshot, DefaultPolicy());
  std::vector<double> ours;
  match::Assignment a;
  for (int i = 0; i < runs; ++i) {
    auto s = Clock::now();
    a = Assign(refs, whole.snapshot, arcs, DefaultPolicy(),
               {.candidates = candidates, .explain = false});
    ours.push_back(Seconds(s, Clock::now()));
  }
  // Column of each place: levels in order, each level's places consecutive.
  std::vector<std::int32_t> first_column(arcs.level_day.size() + 1, 0);
  for (std::size_t l = 0; l < arcs.level_day.size(); ++l)
    first_column[l + 1] = first_column[l] + arcs.level_places[l];
  std::vector<std::int32_t> home_of_level(arcs.level_day.size());
  for (std::size_t h = 0; h + 1 < arcs.level_begin.size(); ++h)
    for (auto l = arcs.level_begin[h]; l < arcs.level_begin[h + 1]; ++l)
      home_of_level[static_cast<std::size_t>(l)] = static_cast<std::int32_t>(h);
  std::FILE* row = std::fopen((path + ".row.i32").c_str(), "wb");
  std::FILE* col = std::fopen((path + ".col.i32").c_str(), "wb");
  std::FILE* cost = std::fopen((path + ".cost.i64").c_str(), "wb");
  std::FILE* weight = std::fopen((path + ".weight.i8").c_str(), "wb");
  if (!row || !col || !cost || !weight) {
    std::fprintf(stderr, "match_bench: cannot write %s.*\n", path.c_str());
    std::exit(1);
  }
  std::int64_t nnz = 0;
  for (std::size_t r = 0; r < refs.size(); ++r) {
    auto ri = static_cast<std::int32_t>(r);
    auto w = static_cast<std::int8_t>(
        DefaultPolicy().urgency_weight[static_cast<std::size_t>(refs[r].needed_by)]);
    for (auto x = arcs.begin[r]; x < arcs.begin[r + 1]; ++x) {
      auto level = arcs.level[static_cast<std::size_t>(x)];
      auto h = static_cast<std::size_t>(home_of_level[static_cast<std::size_t>(level)]);
      std::int64_t c = arcs.cost[static_cast<std::size_t>(x)];
      for (auto column = first_column[static_cast<std::size_t>(arcs.level_begin[h])];
           column < first_column[static_cast<std::size_t>(level) + 1]; ++column, ++nnz) {
        std::fwrite(&ri, sizeof ri, 1, row);
        std::fwrite(&column, sizeof column, 1, col);
        std::fwrite(&c, sizeof c, 1, cost);
        std::fwrite(&w, sizeof w, 1, weight);
      }
    }
  }
  for (std::FILE* f : {row, col, cost, weight}) std::fclose(f);
  std::FILE* meta = std::fopen((path + ".json").c_str(), "w");
  if (!meta) {
    std::fprintf(stderr, "match_bench: cannot write %s.json\n", path.c_str());
    std::exit(1);
  }
  std::fprintf(meta,
               "{\"name\": \"%s\", \"rows\": %zu, \"columns\": %d, \"nonzeros\": %lld, "
               "\"carecoop_seconds\": %.6f, \"carecoop_weighted\": %lld, \"carecoop_cost\": %lld, "
               "\"carecoop_placed\": %lld}\n",
               whole.name.c_str(), refs.size(), first_column.back(), static_cast<long long>(nnz),
               Median(ours), static_cast<long long>(a.weighted_placed),
               static_cast<long long>(a.total_cost), static_cast<long long>(a.children_placed));
  std::fclose(meta);
  std::printf("%s: wrote %s.* for SciPy: %zu referrals x %d places, %lld usable pairs\n",
              whole.name.c_str(), path.c_str(), refs.size(), first_column.back(),
              static_cast<long long>(nnz));
}

// Ranking one referral, beside a plain scan of the candidate arrays: one
// pass over the 60,000 free places, each place's setting and age range
// (copied per place, structure of arrays) tested against the referral and
// counted. Timed in alternating blocks of 100 calls, so that the machine's
// noise falls on both and the ratio stands.
void BenchRanking(const bench::MatchInstance& inst, int calls) {
  std::vector<double> t, scan;
  std::size_t options = 0;
  const match::Snapshot& s = inst.snapshot;
  std::vector<std::uint8_t> setting;
  std::vector<std::int8_t> min_age, max_age;
  for (std::size_t h = 0; h < s.size(); ++h)
    for (int p = s.free_begin[h]; p < s.free_begin[h + 1]; ++p) {
      setting.push_back(static_cast<std::uint8_t>(1u << static_cast<unsigned>(s.setting[h])));
      min_age.push_back(s.min_age[h]);
      max_age.push_back(s.max_age[h]);
    }
  std::int64_t sink = 0;
  auto referral = [&](int i) -> const ReferralNeeds& {
    return inst.referrals[static_cast<std::size_t>(i) % inst.referrals.size()];
  };
  for (int block = 0; block < calls; block += 100) {
    for (int i = block; i < std::min(calls, block + 100); ++i) {
      auto start = Clock::now();
      match::Ranking k = Rank(referral(i), s, DefaultPolicy(), 10);
      t.push_back(Seconds(start, Clock::now()));
      options += k.options.size();
    }
    for (int i = block; i < std::min(calls, block + 100); ++i) {
      const ReferralNeeds& r = referral(i);
      auto start = Clock::now();
      std::uint8_t suitable = 0;
      for (unsigned st = 0; st < 4; ++st)
        if (SuitabilityFor(r, static_cast<Setting>(st)) != Suitability::kUnsuitable)
          suitable = static_cast<std::uint8_t>(suitable | (1u << st));
      const std::int8_t age = static_cast<std::int8_t>(r.age);
      int fit = 0;
      for (std::size_t p = 0; p < setting.size(); ++p)
        fit += ((setting[p] & suitable) != 0) & (age >= min_age[p]) & (age <= max_age[p]);
      asm volatile("" : : "r"(fit) : "memory");  // the scan ends before the clock is read
      scan.push_back(Seconds(start, Clock::now()));
      sink += fit;
    }
  }
  std::sort(t.begin(), t.end());
  std::sort(scan.begin(), scan.end());
  std::printf(
      "rank one referral against %s (%zu places in %zu homes), top 10: median %s, p99 %s over %d "
      "referrals (%.1f options each); a plain scan of the %zu places (setting and age): median "
      "%s, ratio %.1fx\n",
      inst.name.c_str(), s.places(), s.size(), Time(t[t.size() / 2]).c_str(),
      Time(t[t.size() * 99 / 100]).c_str(), calls, static_cast<double>(options) / calls,
      setting.size(), Time(scan[scan.size() / 2]).c_str(), t[t.size() / 2] / scan[scan.size() / 2]);
  if (sink < 0) std::printf("\n");  // keeps the scan from being optimised away
}

}  // namespace

int main(int argc, char** argv) {
  int runs = 3;
  bool national = true;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--runs") && i + 1 < argc) runs = std::atoi(argv[++i]);
    if (!std::strcmp(argv[i], "--skip-national")) national = false;
    if (!std::strcmp(argv[i], "--arcs-only")) arcs_only = true;
    if (!std::strcmp(argv[i], "--skip-siblings")) skip_siblings = true;
    if (!std::strcmp(argv[i], "--skip-cbc")) skip_cbc = true;
    if (!std::strcmp(argv[i], "--candidates") && i + 1 < argc) candidates = std::atoi(argv[++i]);
    if (!std::strcmp(argv[i], "--export-b") && i + 1 < argc) export_b = argv[++i];
    if (!std::strcmp(argv[i], "--rank-only")) rank_only = true;
  }
  if (rank_only) {
    BenchRanking(bench::MakeMatchInstance(bench::InstanceB()), 4000);
    return 0;
  }
  if (!export_b.empty()) {
    ExportForScipy(bench::MakeMatchInstance(bench::InstanceB()), export_b, runs);
    return 0;
  }
  auto region = bench::MakeMatchInstance(bench::InstanceA());
  BenchAssignment(region, std::max(runs, 5));
  if (!arcs_only && !skip_siblings) BenchSiblings(region, 50);
  if (!arcs_only && !skip_siblings && !skip_cbc) BenchCbc(region, 50);
  if (national) {
    auto england = bench::MakeMatchInstance(bench::InstanceB());
    BenchAssignment(england, runs);
    if (arcs_only) return 0;
    if (!skip_siblings) BenchSiblings(england, 1);
    BenchRanking(england, 2000);
  }
  return 0;
}
