#include "market/oversight.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <set>

namespace carecoop::market {
namespace {

template <class T>
double D(T x) {
  return static_cast<double>(x);
}

std::string Percent(double share) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", share * 100);
  return buf;
}

std::string Ratio(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", x);
  return buf;
}

double QuantileSorted(const std::vector<std::int64_t>& v, double p) {
  if (v.empty()) return 0;
  double h = (static_cast<double>(v.size()) - 1) * p;
  auto lo = static_cast<std::size_t>(std::floor(h));
  std::size_t hi = std::min(lo + 1, v.size() - 1);
  return static_cast<double>(v[lo]) +
         (h - static_cast<double>(lo)) * static_cast<double>(v[hi] - v[lo]);
}

double MedianOf(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

std::string QuarterOf(Date d) {
  auto ymd = d.ymd();
  unsigned q = (static_cast<unsigned>(ymd.month()) - 1) / 3 + 1;
  return std::to_string(static_cast<int>(ymd.year())) + "Q" + std::to_string(q);
}

}  // namespace

// ---------------------------------------------------------------------------

Result<GroupTree> GroupTree::Build(const std::vector<ProviderGroup>& groups) {
  GroupTree tree;
  for (const ProviderGroup& g : groups) tree.groups_[g.id] = g;
  for (const ProviderGroup& g : groups) {
    std::set<ProviderGroupId> seen{g.id};
    std::optional<ProviderGroupId> at = g.parent;
    while (at) {
      auto it = tree.groups_.find(*at);
      if (it == tree.groups_.end())
        return InvalidArgument("parentId", "group " + g.name + "'s parent undertaking " +
                                               std::to_string(at->value()) + " is not a group");
      if (!seen.insert(*at).second)
        return InvalidArgument(
            "parentId", "group " + g.name + " would own itself through its parent undertakings");
      at = it->second.parent;
    }
  }
  return tree;
}

ProviderGroupId GroupTree::Ultimate(ProviderGroupId g) const {
  for (auto it = groups_.find(g); it != groups_.end() && it->second.parent; it = groups_.find(g))
    g = *it->second.parent;
  return g;
}

std::vector<ProviderGroupId> GroupTree::WithDescendants(ProviderGroupId g) const {
  std::vector<ProviderGroupId> out;
  for (const auto& [id, group] : groups_) {
    for (std::optional<ProviderGroupId> at = id; at;) {
      if (*at == g) {
        out.push_back(id);
        break;
      }
      auto it = groups_.find(*at);
      at = it == groups_.end() ? std::nullopt : it->second.parent;
    }
  }
  return out;
}

const ProviderGroup* GroupTree::Find(ProviderGroupId g) const {
  auto it = groups_.find(g);
  return it == groups_.end() ? nullptr : &it->second;
}

// ---------------------------------------------------------------------------

Quartiles QuartilesOf(std::vector<Pence> fees) {
  Quartiles q;
  q.count = static_cast<int>(fees.size());
  if (fees.empty()) return q;
  std::vector<std::int64_t> v;
  v.reserve(fees.size());
  for (Pence p : fees) v.push_back(p.value());
  std::sort(v.begin(), v.end());
  q.q1 = Pence(std::llround(QuantileSorted(v, 0.25)));
  q.median = Pence(std::llround(QuantileSorted(v, 0.5)));
  q.q3 = Pence(std::llround(QuantileSorted(v, 0.75)));
  return q;
}

PriceSummary SummarisePrices(const std::vector<PricePoint>& points) {
  PriceSummary out;
  std::map<std::pair<Setting, NeedBand>, std::vector<const PricePoint*>> cells;
  std::int64_t spend = 0, spot_spend = 0;
  int spot = 0;
  for (const PricePoint& p : points) {
    cells[{p.setting, p.band}].push_back(&p);
    spend += p.weekly_fee.value();
    if (p.route == ContractType::kSpot) {
      ++spot;
      spot_spend += p.weekly_fee.value();
    }
  }
  out.placements = static_cast<int>(points.size());
  if (!points.empty()) out.spot_share_placements = D(spot) / D(points.size());
  if (spend > 0) out.spot_share_spend = D(spot_spend) / D(spend);
  for (const auto& [key, cell_points] : cells) {
    PriceCell c;
    c.setting = key.first;
    c.band = key.second;
    std::vector<Pence> fees;
    std::map<std::string, std::vector<Pence>> quarters;
    std::map<ContractType, std::vector<Pence>> routes;
    std::vector<double> ratios;
    std::int64_t cell_spend = 0, cell_spot_spend = 0;
    int cell_spot = 0;
    for (const PricePoint* p : cell_points) {
      fees.push_back(p->weekly_fee);
      quarters[QuarterOf(p->start)].push_back(p->weekly_fee);
      routes[p->route].push_back(p->weekly_fee);
      cell_spend += p->weekly_fee.value();
      if (p->route == ContractType::kSpot) {
        ++cell_spot;
        cell_spot_spend += p->weekly_fee.value();
      }
      if (p->fair_price && p->fair_price->value() > 0)
        ratios.push_back(static_cast<double>(p->weekly_fee.value()) /
                         static_cast<double>(p->fair_price->value()));
    }
    c.fees = QuartilesOf(fees);
    for (auto& [q, f] : quarters) c.by_quarter.push_back({q, QuartilesOf(std::move(f))});
    for (auto& [r, f] : routes) c.by_route.push_back({r, QuartilesOf(std::move(f))});
    c.spot_share_placements = D(cell_spot) / D(cell_points.size());
    if (cell_spend > 0) c.spot_share_spend = D(cell_spot_spend) / D(cell_spend);
    c.with_fair_price = static_cast<int>(ratios.size());
    if (!ratios.empty()) c.median_fee_to_fair = MedianOf(std::move(ratios));
    out.cells.push_back(std::move(c));
  }
  return out;
}

// ---------------------------------------------------------------------------

double Hhi(const std::vector<std::int64_t>& amounts) {
  long double total = 0;
  for (std::int64_t a : amounts) total += static_cast<long double>(a);
  if (total <= 0) return 0;
  long double sum = 0;
  for (std::int64_t a : amounts) {
    long double share = 100 * static_cast<long double>(a) / total;
    sum += share * share;
  }
  return static_cast<double>(sum);
}

std::string_view HhiBand(double hhi) {
  if (hhi > 1800) return "highly concentrated";
  if (hhi >= 1000) return "moderately concentrated";
  return "unconcentrated";
}

Concentration Concentrate(const std::vector<Holding>& holdings, int top) {
  struct Held {
    std::string firm;
    std::int64_t places = 0, spend = 0;
  };
  std::map<std::string, Held> firms;
  for (const Holding& h : holdings) {
    Held& f = firms[h.key];
    f.firm = h.firm;
    f.places += h.places;
    f.spend += h.spend;
  }
  Concentration out;
  std::vector<std::int64_t> places, spend;
  std::vector<FirmShare> shares;
  for (const auto& [key, held] : firms) {
    places.push_back(held.places);
    spend.push_back(held.spend);
    out.places += held.places;
    out.spend += held.spend;
    shares.push_back({key, held.firm, held.places, held.spend, 0, 0});
  }
  out.firms = static_cast<int>(firms.size());
  out.hhi_places = Hhi(places);
  out.hhi_spend = Hhi(spend);
  for (FirmShare& s : shares) {
    if (out.places > 0) s.places_share = D(s.places) / D(out.places);
    if (out.spend > 0) s.spend_share = D(s.spend) / D(out.spend);
  }
  std::sort(shares.begin(), shares.end(), [](const FirmShare& a, const FirmShare& b) {
    if (a.places != b.places) return a.places > b.places;
    if (a.spend != b.spend) return a.spend > b.spend;
    return a.key < b.key;
  });
  if (static_cast<int>(shares.size()) > top)
    shares.resize(static_cast<std::size_t>(std::max(0, top)));
  out.largest = std::move(shares);
  return out;
}

// ---------------------------------------------------------------------------

EntryVerdict EntryTest(const Footprint& f, const EntryConditions& c) {
  EntryVerdict v;
  if (f.homes >= c.min_homes)
    v.reasons.push_back(std::to_string(f.homes) +
                        " homes (the test: " + std::to_string(c.min_homes) + " or more)");
  if (f.places >= c.min_places)
    v.reasons.push_back(std::to_string(f.places) +
                        " places (the test: " + std::to_string(c.min_places) + " or more)");
  for (const auto& [setting, regions] : f.group_places) {
    auto market = f.market_places.find(setting);
    if (market == f.market_places.end()) continue;
    int group_total = 0, market_total = 0;
    for (const auto& [region, places] : regions) {
      group_total += places;
      auto m = market->second.find(region);
      if (m == market->second.end() || m->second <= 0) continue;
      double share = static_cast<double>(places) / m->second;
      if (share > v.region_share) {
        v.region_share = share;
        v.region = region;
      }
    }
    for (const auto& [region, places] : market->second) market_total += places;
    if (market_total > 0)
      v.market_share = std::max(v.market_share, static_cast<double>(group_total) / market_total);
  }
  if (v.market_share >= c.min_market_share)
    v.reasons.push_back(Percent(v.market_share) + " of a setting's places in England (the test: " +
                        Percent(c.min_market_share) + " or more)");
  if (v.region_share >= c.min_region_share)
    v.reasons.push_back(Percent(v.region_share) + " of a setting's places in " + v.region +
                        " (the test: " + Percent(c.min_region_share) + " or more in one region)");
  v.in_scope = !v.reasons.empty();
  return v;
}

// ---------------------------------------------------------------------------

RiskAssessment StageRisk(const FinancialReturn& r, double region_share, const RiskThresholds& t) {
  RiskAssessment a;
  RiskRatios& x = a.ratios;
  const double costs = static_cast<double>(r.TotalCosts());
  const double profit = static_cast<double>(r.operating_profit.value());
  x.cash_months = costs > 0 ? D(r.cash.value()) / (costs / 12) : 99;
  if (r.debt.value() > 0 && profit > 0) x.leverage = D(r.debt.value()) / profit;
  if (r.interest.value() > 0) x.interest_cover = profit / D(r.interest.value());
  x.margin = r.revenue.value() > 0 ? profit / D(r.revenue.value()) : 0;
  x.region_share = region_share;

  if (x.cash_months < t.cash_months_severe)
    a.severe.push_back("cash covers " + Ratio(x.cash_months) + " months of costs (severe below " +
                       Ratio(t.cash_months_severe) + ")");
  else if (x.cash_months < t.cash_months_concern)
    a.concerns.push_back("cash covers " + Ratio(x.cash_months) +
                         " months of costs (concern below " + Ratio(t.cash_months_concern) + ")");
  if (r.debt.value() > 0 && profit <= 0)
    a.severe.push_back("debt of " + r.debt.ToPoundsString() +
                       " and no operating profit to serve it");
  else if (x.leverage && *x.leverage > t.leverage_severe)
    a.severe.push_back("debt is " + Ratio(*x.leverage) + " times operating profit (severe above " +
                       Ratio(t.leverage_severe) + ")");
  else if (x.leverage && *x.leverage > t.leverage_concern)
    a.concerns.push_back("debt is " + Ratio(*x.leverage) +
                         " times operating profit (concern above " + Ratio(t.leverage_concern) +
                         ")");
  if (x.interest_cover && *x.interest_cover < t.cover_severe)
    a.severe.push_back("operating profit covers interest " + Ratio(*x.interest_cover) +
                       " times (severe below " + Ratio(t.cover_severe) + ")");
  else if (x.interest_cover && *x.interest_cover < t.cover_concern)
    a.concerns.push_back("operating profit covers interest " + Ratio(*x.interest_cover) +
                         " times (concern below " + Ratio(t.cover_concern) + ")");
  if (profit < 0) {
    if (-x.margin > t.loss_severe)
      a.severe.push_back("an operating loss of " + Percent(-x.margin) +
                         " of revenue (severe above " + Percent(t.loss_severe) + ")");
    else
      a.concerns.push_back("an operating loss of " + Percent(-x.margin) + " of revenue");
  }
  if (region_share >= t.region_concern)
    a.concerns.push_back(Percent(region_share) + " of its places in one region (concern from " +
                         Percent(t.region_concern) + ")");

  if (a.severe.size() >= 2)
    a.stage = RiskStage::kFailureRisk;
  else if (a.severe.size() == 1 || a.concerns.size() >= 2)
    a.stage = RiskStage::kSignificant;
  else if (a.concerns.size() == 1)
    a.stage = RiskStage::kMonitor;
  return a;
}

// ---------------------------------------------------------------------------

RegulatedProfit MeasureProfit(const FinancialReturn& r) {
  RegulatedProfit p;
  p.revenue = r.revenue;
  p.operating_profit = r.operating_profit;
  p.interest = r.interest;
  p.profit_before_tax = Pence(r.operating_profit.value() - r.interest.value());
  std::int64_t rent_excess =
      std::max<std::int64_t>(0, r.related_party_rent.value() - r.market_rent.value());
  p.adjustments = {
      {"related-party rent above the market rent", Pence(rent_excess)},
      {"management charges to group companies", r.management_charges},
      {"interest to connected parties", r.connected_interest},
  };
  std::int64_t profit = p.profit_before_tax.value();
  for (const Adjustment& a : p.adjustments) profit += a.amount.value();
  p.profit = Pence(profit);
  if (r.revenue.value() > 0)
    p.margin = static_cast<double>(profit) / static_cast<double>(r.revenue.value());
  return p;
}

Status Validate(const ProfitCap& cap) {
  if (cap.kind == ProfitCap::Kind::kMargin && !(cap.margin >= 0 && cap.margin <= 1))
    return InvalidArgument("cap", "a margin cap is a share of revenue from 0 to 1 (0.10 is 10%)");
  if (cap.kind == ProfitCap::Kind::kAmount && cap.amount.value() < 0)
    return InvalidArgument("cap", "an amount cap must not be negative");
  return Status::Ok();
}

CapOutcome ApplyCap(const RegulatedProfit& p, const ProfitCap& cap) {
  CapOutcome o;
  o.allowed = cap.kind == ProfitCap::Kind::kMargin
                  ? Pence(std::llround(cap.margin * static_cast<double>(p.revenue.value())))
                  : cap.amount;
  std::int64_t excess = p.profit.value() - o.allowed.value();
  o.breach = excess > 0;
  o.excess = Pence(std::max<std::int64_t>(0, excess));
  std::int64_t kept = p.profit.value() - o.excess.value();
  o.capped_margin = p.revenue.value() > 0
                        ? static_cast<double>(kept) / static_cast<double>(p.revenue.value())
                        : 0;
  return o;
}

double ExitShare(const RegulatedProfit& p, const CapOutcome& o, double cost_of_capital) {
  if (!o.breach) return 0;  // the cap does not bind: the group is as it was
  double required = std::min(p.margin, cost_of_capital);
  if (required <= 0) return 0;
  double kept = std::max(o.capped_margin, 0.0);
  if (kept >= required) return 0;
  return std::clamp((required - kept) / required, 0.0, 1.0);
}

std::vector<HomeId> HomesToClose(std::vector<GroupHome> homes, double share) {
  std::int64_t total = 0;
  for (const GroupHome& h : homes) total += h.places;
  auto target = static_cast<std::int64_t>(std::ceil(share * static_cast<double>(total) - 1e-9));
  std::sort(homes.begin(), homes.end(), [](const GroupHome& a, const GroupHome& b) {
    if (a.residents != b.residents) return a.residents < b.residents;
    if (a.places != b.places) return a.places < b.places;
    return a.home < b.home;
  });
  std::vector<HomeId> out;
  std::int64_t closed = 0;
  for (const GroupHome& h : homes) {
    if (closed >= target) break;
    out.push_back(h.home);
    closed += h.places;
  }
  return out;
}

// ---------------------------------------------------------------------------

QualityRollup RollUpQuality(const std::vector<HomeGrade>& homes) {
  QualityRollup q;
  int inspected = 0, good = 0;
  for (const HomeGrade& h : homes) {
    ++q.homes;
    ++q.by_rating[static_cast<std::size_t>(h.rating)];
    if (h.rating == OfstedRating::kRequiresImprovement || h.rating == OfstedRating::kInadequate)
      ++q.below_good;
    if (h.rating != OfstedRating::kNotYetInspected) {
      ++inspected;
      if (h.rating == OfstedRating::kOutstanding || h.rating == OfstedRating::kGood) ++good;
    }
    if (h.last_inspected && (!q.oldest_inspection || *h.last_inspected < *q.oldest_inspection))
      q.oldest_inspection = h.last_inspected;
  }
  q.improvement_trigger = q.below_good >= 2;
  if (inspected > 0) q.good_or_better_share = static_cast<double>(good) / inspected;
  return q;
}

}  // namespace carecoop::market
