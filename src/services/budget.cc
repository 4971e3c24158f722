// The pooled budget (services/workflow.h): each member council's budget line
// for a financial year (April to March), set by the RCC's contribution rule
// (market/budget.h), beside its spend so far and its forecast to the year's
// end.
//
// Spend so far: every placement's weekly fee x its days in force from 1
// April up to the day (or the year's end, if sooner) / 7: the cost accrued
// in the year to date, as the LIIA placement costs return counts it.
// Forecast to year end: spend so far plus the cost of the days left, by the
// demand model where it runs: the council's SSDA903 episodes projected to
// the year's end by forecast/model.h (children in care by age band and
// placement category, entries, moves and leavers at the rates of the year
// to the day), each cost item's children costed at the council's current
// unit cost (the mean weekly fee of its placements in force of that item;
// the model's default where it has none). Where the model cannot run (no
// episodes, too short a history), the fallback: the placements in force on
// the day at their weekly fee for the days left, plus the placements
// expected to start in the days left (the council's starts in the 365 days
// to the day, pro rata) at the mean weekly fee of its placements in force,
// each for half the days left. Variance = forecast - budget.
//
// O(placements of the RCC's councils + the model's days x states^2 a council).
#include "market/budget.h"

#include <algorithm>
#include <array>
#include <map>
#include <optional>

#include "forecast/model.h"
#include "services/ssda903_store.h"
#include "services/step.h"
#include "services/workflow.h"

namespace carecoop::services {
namespace {

struct CouncilMoney {
  double spend = 0, committed = 0, expected = 0;  // pence
  std::optional<double> modelled;                 // pence: the demand model's days left
  int children_in_care = 0;
};

Date YearStart(int year) { return Date(year, 4, 1); }
Date YearEnd(int year) { return Date(year + 1, 4, 1); }  // exclusive

double DaysBetween(Date from, Date to) {
  return static_cast<double>(
      std::max<std::int64_t>(0, to.days_since_epoch() - from.days_since_epoch()));
}

// The demand model's cost of the days in [from, to) for `council`, in
// pence, or none when the model cannot run on its episodes.
std::optional<double> ModelledCost(store::Tx& tx, const Council& council,
                                   const std::vector<Placement>& placements, Date from, Date to) {
  auto r = LoadReturn(tx, council, std::nullopt, ReturnDetail::kForecast);
  if (!r.ok()) return std::nullopt;
  auto set = forecast::PrepareEpisodes(*r);
  if (!set.ok()) return std::nullopt;
  forecast::Options o;
  o.reference_end = std::min(from, set->data_end);
  o.reference_start = std::max(set->data_start, AddYears(o.reference_end, -1).AddDays(1));
  if (o.reference_end.DaysSince(o.reference_start) < 180) return std::nullopt;
  // Current unit costs: the mean weekly fee of the placements in force, by cost item.
  std::array<double, forecast::kCostItems> fees{}, counts{};
  for (const Placement& p : placements)
    if (p.start <= from && (!p.end || from < *p.end)) {
      auto item = static_cast<std::size_t>(forecast::CostItemOf(p.place_code, p.provider_code));
      fees[item] += static_cast<double>(p.weekly_fee.value()) / 100;
      ++counts[item];
    }
  for (std::size_t i = 0; i < fees.size(); ++i)
    if (counts[i] > 0) o.weekly_costs[i] = fees[i] / counts[i];
  const int months = static_cast<int>(to.DaysSince(o.reference_end) / 28) + 2;
  o.horizon_months = std::clamp(months, 1, 240);
  auto f = forecast::RunForecast(*set, o);
  if (!f.ok()) return std::nullopt;
  double pounds = 0;
  for (std::size_t k = 0; k < f->days.size(); ++k)
    if (from <= f->days[k] && f->days[k] < to)
      for (double c : f->daily_cost[k]) pounds += c;
  return pounds * 100;
}

Result<std::map<CouncilId, CouncilMoney>> MoneyOf(store::Tx& tx, const Rcc& r, int year, Date day,
                                                  bool with_model = false) {
  std::map<CouncilId, CouncilMoney> out;
  const Date start = YearStart(year), end = YearEnd(year);
  const Date upto = std::min(std::max(day, start), end);
  const double left = DaysBetween(upto, end);
  for (CouncilId c : r.member_councils) {
    CouncilMoney& m = out[c];
    CC_ASSIGN_OR_RETURN(auto placements, tx.List<Placement>(store::Scope::Of(c)));
    double fees_in_force = 0;
    int in_force = 0, starts = 0;
    for (const Placement& p : placements) {
      const double fee = static_cast<double>(p.weekly_fee.value());
      const Date from = std::max(p.start, start);
      const Date to = p.end ? std::min(*p.end, upto) : upto;
      if (from < to) m.spend += fee * DaysBetween(from, to) / 7;
      const bool current = p.start <= day && (!p.end || day < *p.end);
      if (current) {
        ++in_force;
        fees_in_force += fee;
        m.committed += fee * left / 7;
      }
      if (day.AddDays(-365) < p.start && p.start <= day) ++starts;
    }
    m.children_in_care = in_force;
    if (in_force > 0) {
      const double expected_starts = starts * left / 365;
      m.expected = expected_starts * (fees_in_force / in_force) * (left / 2) / 7;
    }
    if (with_model && left > 0) {
      CC_ASSIGN_OR_RETURN(Council council, tx.Get<Council>(c));
      m.modelled = ModelledCost(tx, council, placements, upto, end);
    }
  }
  return out;
}

}  // namespace

Result<Budget> Workflow::BudgetOf(const Principal& who, RccId rcc, int year, Date day) {
  Budget out;
  Step step = Step::OnRecord(policy_, who, Now(), "budget", "read");
  CC_RETURN_IF_ERROR(step.Admit(store_));
  if (year < 2000 || year > 2100) return InvalidArgument("year", "must be between 2000 and 2100");
  out.year = year;
  out.day = day;
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kAudited, [&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(Rcc r, step.Fetch(tx, rcc));
    CC_ASSIGN_OR_RETURN(auto lines, tx.List<BudgetLine>(store::Scope::Of(r.id)));
    CC_ASSIGN_OR_RETURN(auto money, MoneyOf(tx, r, year, day, /*with_model=*/true));
    for (CouncilId c : r.member_councils) {
      CC_ASSIGN_OR_RETURN(Council council, tx.Get<Council>(c));
      BudgetRow row;
      row.council = c;
      row.name = council.name;
      for (const BudgetLine& l : lines)
        if (l.council == c && l.year == year) {
          row.budget = l.amount;
          out.basis = l.basis;
          out.set = true;
        }
      const CouncilMoney& m = money[c];
      row.spend_to_date = Pence(std::llround(m.spend));
      row.forecast_method = m.modelled ? "demand model" : "past starts";
      row.forecast =
          Pence(std::llround(m.spend + (m.modelled ? *m.modelled : m.committed + m.expected)));
      row.variance = Pence(row.forecast.value() - row.budget.value());
      for (auto [total, part] : {std::pair{&out.total.budget, row.budget},
                                 {&out.total.spend_to_date, row.spend_to_date},
                                 {&out.total.forecast, row.forecast},
                                 {&out.total.variance, row.variance}})
        *total = Pence(total->value() + part.value());
      out.councils.push_back(std::move(row));
    }
    out.total.name = r.name;
    return step.Audit(tx, "rcc", r.id.value(), "", std::to_string(year));
  }));
  return out;
}

Result<Budget> Workflow::SetBudget(const Principal& who, RccId rcc, int year, Pence total,
                                   ContributionBasis basis,
                                   const std::map<CouncilId, std::int64_t>& shares_bp) {
  Step step = Step::OnRecord(policy_, who, Now(), "budget", "set");
  CC_RETURN_IF_ERROR(step.Admit(store_));
  if (year < 2000 || year > 2100) return InvalidArgument("year", "must be between 2000 and 2100");
  if (total.value() <= 0) return InvalidArgument("total", "must be above zero");
  if (total > Pence::FromPounds(10'000'000'000))
    return InvalidArgument("total", "must be at most £10,000,000,000");
  const Date day = Date::FromTimestamp(step.now());
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kAudited, [&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(Rcc r, step.Fetch(tx, rcc));
    std::vector<std::int64_t> weights;
    if (basis == ContributionBasis::kFixedSplit) {
      for (const auto& [c, _] : shares_bp)
        if (std::find(r.member_councils.begin(), r.member_councils.end(), c) ==
            r.member_councils.end())
          return InvalidArgument(
              "shares", "council " + std::to_string(c.value()) + " is not a member of the RCC");
      for (CouncilId c : r.member_councils) {
        auto it = shares_bp.find(c);
        weights.push_back(it == shares_bp.end() ? 0 : it->second);
      }
    } else {
      if (!shares_bp.empty())
        return InvalidArgument("shares", "are given only with the fixed_split basis");
      // Children in care on the day; past spend: the year before's accrued cost.
      CC_ASSIGN_OR_RETURN(
          auto money, MoneyOf(tx, r, basis == ContributionBasis::kPastSpend ? year - 1 : year,
                              basis == ContributionBasis::kPastSpend ? YearEnd(year - 1) : day));
      for (CouncilId c : r.member_councils)
        weights.push_back(basis == ContributionBasis::kPastSpend ? std::llround(money[c].spend)
                                                                 : money[c].children_in_care);
    }
    CC_ASSIGN_OR_RETURN(auto amounts, market::Contributions(total, basis, weights));
    CC_ASSIGN_OR_RETURN(auto existing, tx.List<BudgetLine>(store::Scope::Of(r.id)));
    std::string before;
    for (std::size_t i = 0; i < r.member_councils.size(); ++i) {
      BudgetLine line{.rcc = r.id,
                      .council = r.member_councils[i],
                      .year = year,
                      .basis = basis,
                      .weight = weights[i],
                      .amount = amounts[i]};
      bool replaced = false;
      for (BudgetLine& old : existing)
        if (old.council == line.council && old.year == year) {
          before += std::to_string(old.amount.value()) + ";";
          line.id = old.id;
          line.version = old.version;
          CC_RETURN_IF_ERROR(tx.Update(line));
          replaced = true;
        }
      if (!replaced) CC_RETURN_IF_ERROR(tx.Create(line).status());
    }
    return step.Audit(tx, "rcc", r.id.value(), before,
                      std::to_string(year) + " " + std::to_string(total.value()));
  }));
  return BudgetOf(who, rcc, year, day);
}

}  // namespace carecoop::services
