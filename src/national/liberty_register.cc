#include "national/liberty_register.h"

#include <algorithm>
#include <map>

namespace carecoop::national {

std::string StayBand(std::int64_t days) {
  if (days < 28) return kStayBands[0];
  if (days < 91) return kStayBands[1];
  if (days <= 182) return kStayBands[2];
  return kStayBands[3];
}

namespace {

bool OpenOn(Date start, const std::optional<Date>& end, Date d) {
  return start <= d && (!end || d <= *end);
}

struct Tally {
  LibertyCounts counts;
  std::vector<std::int64_t> days;  // of each child there on the day
};

void AddOrder(Tally& t, const OrderFact& o, Date d) {
  if (o.start <= d && d.DaysSince(o.start) < 365) ++t.counts.orders_begun_in_year;
  if (!OpenOn(o.start, o.end, d)) return;
  ++t.counts.orders_in_force;
  if (!o.setting_registered) ++t.counts.orders_in_unregistered_settings;
  if (o.review_on < d) ++t.counts.reviews_overdue;
}

void AddStay(Tally& t, const StayFact& s, Date d) {
  if (!OpenOn(s.start, s.end, d)) return;
  LibertyCounts& c = t.counts;
  ++c.children_unregistered;
  if (s.under_dol_order) ++c.unregistered_with_order;
  const std::int64_t days = d.DaysSince(s.start);
  const auto band = std::find(kStayBands.begin(), kStayBands.end(), StayBand(days));
  ++c.by_stay_band[static_cast<std::size_t>(band - kStayBands.begin())];
  if (s.exit_by < d) ++c.exit_date_passed;
  c.longest_days = std::max(c.longest_days, days);
  c.weekly_cost_pence += s.weekly_cost_pence;
  t.days.push_back(days);
}

LibertyCounts Finish(Tally& t) {
  LibertyCounts c = std::move(t.counts);
  auto& v = t.days;
  if (!v.empty()) {
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    c.median_days = n % 2 ? static_cast<double>(v[n / 2])
                          : (static_cast<double>(v[n / 2 - 1]) + static_cast<double>(v[n / 2])) / 2;
    c.mean_weekly_cost_pence = c.weekly_cost_pence / static_cast<std::int64_t>(n);
  }
  return c;
}

}  // namespace

LibertySummary CountLiberty(const std::vector<OrderFact>& orders,
                            const std::vector<StayFact>& stays, Date as_at) {
  Tally england;
  std::map<std::string, Tally> by_rcc;
  for (const auto& o : orders) {
    AddOrder(england, o, as_at);
    AddOrder(by_rcc[o.rcc], o, as_at);
  }
  for (const auto& s : stays) {
    AddStay(england, s, as_at);
    AddStay(by_rcc[s.rcc], s, as_at);
  }
  LibertySummary out;
  out.as_at = as_at;
  out.england = Finish(england);
  for (auto& [rcc, tally] : by_rcc) {
    tally.counts.rcc = rcc;
    out.by_rcc.push_back(Finish(tally));
  }
  return out;
}

}  // namespace carecoop::national
