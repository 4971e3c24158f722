#include "national/stability.h"

#include <algorithm>

namespace carecoop::national {

Stability MeasureStability(const std::vector<StabilityPlacement>& placements, Date as_at) {
  Stability out;
  out.as_at = as_at;
  std::map<std::int64_t, std::vector<const StabilityPlacement*>> by_child;
  for (const auto& p : placements) by_child[p.child].push_back(&p);
  const Date year_ago = as_at.AddDays(-365), two_years_ago = as_at.AddDays(-730);
  std::map<std::string, StabilityFigures> groups;
  for (auto& [child, list] : by_child) {
    const StabilityPlacement* current = nullptr;
    for (const StabilityPlacement* p : list)
      if (p->start <= as_at && (!p->end || *p->end > as_at) &&
          (!current || p->start > current->start))
        current = p;
    if (!current) continue;
    int year = 0, two_years = 0;
    std::map<std::string, int> reasons;
    std::optional<Date> last_move;
    for (const StabilityPlacement* p : list) {
      if (!p->end || p->reason_place_change.empty() || *p->end > as_at) continue;
      if (*p->end > two_years_ago) ++two_years;
      if (*p->end > year_ago) {
        ++year;
        ++reasons[p->reason_place_change];
        if (!last_move || *p->end > *last_move) last_move = *p->end;
      }
    }
    for (StabilityFigures* f : {&out.all, &groups[current->group]}) {
      ++f->children;
      f->moves_in_year += year;
      f->two_or_more_in_year += year >= 2;
      f->three_or_more_in_two_years += two_years >= 3;
      for (const auto& [reason, n] : reasons) f->moves_by_reason[reason] += n;
    }
    AtRisk risk{child, current->group, current->start, year, {}};
    if (year >= 2)
      risk.signals.push_back(std::to_string(year) +
                             " moves in the last year: a further move would make " +
                             std::to_string(year + 1));
    if (last_move && as_at.DaysSince(*last_move) <= 28)
      risk.signals.push_back("moved " + std::to_string(as_at.DaysSince(*last_move)) + " days ago");
    if (current->emergency) risk.signals.push_back("placed as an emergency, before scrutiny");
    if (!risk.signals.empty()) out.at_risk.push_back(std::move(risk));
  }
  for (auto& [name, f] : groups) {
    f.group = name;
    out.by_group.push_back(std::move(f));
  }
  std::stable_sort(out.at_risk.begin(), out.at_risk.end(), [](const AtRisk& a, const AtRisk& b) {
    if (a.moves_in_year != b.moves_in_year) return a.moves_in_year > b.moves_in_year;
    return a.child < b.child;
  });
  return out;
}

}  // namespace carecoop::national
