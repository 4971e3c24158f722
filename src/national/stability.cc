#include "national/stability.h"

#include <algorithm>

namespace carecoop::national {

std::vector<ChildMoves> MovesOfChildrenInPlacement(
    const std::vector<StabilityPlacement>& placements, Date as_at) {
  std::map<std::int64_t, std::vector<const StabilityPlacement*>> by_child;
  for (const auto& p : placements) by_child[p.child].push_back(&p);
  const Date year_ago = as_at.AddDays(-365), two_years_ago = as_at.AddDays(-730);
  std::vector<ChildMoves> out;
  for (auto& [child, list] : by_child) {
    ChildMoves m;
    m.child = child;
    for (const StabilityPlacement* p : list)
      if (p->start <= as_at && (!p->end || *p->end > as_at) &&
          (!m.current || p->start > m.current->start))
        m.current = p;
    if (!m.current) continue;
    for (const StabilityPlacement* p : list) {
      if (!p->end || p->reason_place_change.empty() || *p->end > as_at) continue;
      if (*p->end > two_years_ago) ++m.moves_in_two_years;
      if (*p->end > year_ago) {
        ++m.moves_in_year;
        ++m.moves_by_reason[p->reason_place_change];
        if (!m.last_move || *p->end > *m.last_move) m.last_move = *p->end;
      }
    }
    out.push_back(std::move(m));
  }
  return out;
}

Stability MeasureStability(const std::vector<StabilityPlacement>& placements, Date as_at) {
  Stability out;
  out.as_at = as_at;
  std::map<std::string, StabilityFigures> groups;
  for (const ChildMoves& m : MovesOfChildrenInPlacement(placements, as_at)) {
    const StabilityPlacement* current = m.current;
    const int year = m.moves_in_year, two_years = m.moves_in_two_years;
    for (StabilityFigures* f : {&out.all, &groups[current->group]}) {
      ++f->children;
      f->moves_in_year += year;
      f->two_or_more_in_year += year >= 2;
      f->three_or_more_in_two_years += two_years >= 3;
      for (const auto& [reason, n] : m.moves_by_reason) f->moves_by_reason[reason] += n;
    }
    AtRisk risk{m.child, current->group, current->start, year, {}};
    if (year >= 2)
      risk.signals.push_back(std::to_string(year) +
                             " moves in the last year: a further move would make " +
                             std::to_string(year + 1));
    if (m.last_move && as_at.DaysSince(*m.last_move) <= 28)
      risk.signals.push_back("moved " + std::to_string(as_at.DaysSince(*m.last_move)) +
                             " days ago");
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
