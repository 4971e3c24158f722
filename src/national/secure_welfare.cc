#include "national/secure_welfare.h"

#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include <algorithm>
#include <set>

namespace carecoop::national {

BedMatch MatchBeds(const BedMatchInput& in) {
  BedMatch out;
  const int n = static_cast<int>(in.days_waiting.size());
  const int m = static_cast<int>(in.beds.size());
  out.home_of.assign(static_cast<std::size_t>(n), -1);
  std::int64_t max_days = 0;
  for (int i = 0; i < n; ++i) {
    if (in.days_waiting[static_cast<std::size_t>(i)] < 0) {
      out.error = "days_waiting[" + std::to_string(i) + "] is negative";
      return out;
    }
    max_days = std::max(max_days, in.days_waiting[static_cast<std::size_t>(i)]);
  }
  for (int j = 0; j < m; ++j)
    if (in.beds[static_cast<std::size_t>(j)] < 0) {
      out.error = "beds[" + std::to_string(j) + "] is negative";
      return out;
    }
  std::set<std::pair<int, int>> seen;
  std::vector<std::int64_t> costliest(static_cast<std::size_t>(n), 0);
  for (std::size_t k = 0; k < in.pairs.size(); ++k) {
    const BedPair& p = in.pairs[k];
    const std::string at = "pairs[" + std::to_string(k) + "]";
    if (p.child < 0 || p.child >= n || p.home < 0 || p.home >= m) {
      out.error = at + " names no child or home";
      return out;
    }
    if (p.cost < 0) {
      out.error = at + ".cost is negative";
      return out;
    }
    if (!seen.insert({p.child, p.home}).second) {
      out.error = at + " repeats a pair";
      return out;
    }
    auto& c = costliest[static_cast<std::size_t>(p.child)];
    c = std::max(c, p.cost);
  }
  if (in.pairs.empty()) return out;
  std::int64_t big_m = 1;
  for (std::int64_t c : costliest) big_m += c;
  const std::int64_t k_weight = static_cast<std::int64_t>(n) * (max_days + 1);

  lemon::SmartDigraph g;
  const auto source = g.addNode();
  const auto sink = g.addNode();
  std::vector<lemon::SmartDigraph::Node> child, home;
  for (int i = 0; i < n; ++i) child.push_back(g.addNode());
  for (int j = 0; j < m; ++j) home.push_back(g.addNode());
  lemon::SmartDigraph::ArcMap<std::int64_t> cap(g), cost(g);
  auto arc = [&](lemon::SmartDigraph::Node a, lemon::SmartDigraph::Node b, std::int64_t c,
                 std::int64_t w) {
    auto x = g.addArc(a, b);
    cap[x] = c;
    cost[x] = w;
    return x;
  };
  for (int i = 0; i < n; ++i) {
    arc(source, child[static_cast<std::size_t>(i)], 1, 0);
    arc(child[static_cast<std::size_t>(i)], sink, 1, 0);  // not placed
  }
  for (int j = 0; j < m; ++j)
    arc(home[static_cast<std::size_t>(j)], sink, in.beds[static_cast<std::size_t>(j)], 0);
  std::vector<lemon::SmartDigraph::Arc> pair_arcs;
  for (const BedPair& p : in.pairs) {
    const std::int64_t w = big_m * (k_weight + in.days_waiting[static_cast<std::size_t>(p.child)]);
    pair_arcs.push_back(arc(child[static_cast<std::size_t>(p.child)],
                            home[static_cast<std::size_t>(p.home)], 1, p.cost - w));
  }
  lemon::NetworkSimplex<lemon::SmartDigraph, std::int64_t, std::int64_t> flow(g);
  flow.upperMap(cap).costMap(cost).stSupply(source, sink, n);
  if (flow.run() != decltype(flow)::OPTIMAL) {
    out.error = "the flow found no optimum";
    return out;
  }
  for (std::size_t k = 0; k < in.pairs.size(); ++k) {
    if (flow.flow(pair_arcs[k]) == 0) continue;
    const BedPair& p = in.pairs[k];
    out.home_of[static_cast<std::size_t>(p.child)] = p.home;
    ++out.placed;
    out.days_of_placed += in.days_waiting[static_cast<std::size_t>(p.child)];
    out.total_cost += p.cost;
  }
  return out;
}

}  // namespace carecoop::national
