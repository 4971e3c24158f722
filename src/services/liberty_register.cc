// The registers of liberty (services/liberty_register.h, docs/national.md
// "Deprivation of liberty and unregistered settings").
#include "services/liberty_register.h"

#include <algorithm>
#include <map>
#include <tuple>
#include <type_traits>

#include "domain/child.h"
#include "domain/council.h"
#include "domain/rcc.h"
#include "services/step.h"
#include "services/workflow.h"

namespace carecoop::services {
namespace {

std::string Who(const Principal& who) { return who.username.empty() ? "unknown" : who.username; }

bool Overlap(Date a_start, std::optional<Date> a_end, Date b_start, std::optional<Date> b_end) {
  return (!b_end || a_start <= *b_end) && (!a_end || b_start <= *a_end);
}

std::string Span(Date start, std::optional<Date> end) {
  return start.ToIso() + (end ? " to " + end->ToIso() : " (open)");
}

void Apply(const DolOrderInput& in, DolOrder& o) {
  o.court = in.court;
  o.start = in.start;
  o.end = in.end;
  o.review_on = in.review_on;
  o.setting = in.setting;
  o.setting_registered = in.setting_registered;
}

void Apply(const UnregisteredInput& in, UnregisteredPlacement& u) {
  u.setting = in.setting;
  u.start = in.start;
  u.end = in.end;
  u.weekly_cost = in.weekly_cost;
  u.exit_plan = in.exit_plan;
  u.exit_by = in.exit_by;
  u.dol_order = in.dol_order;
}

// The child's orders may not overlap (SSDA903 rule 705: an order cannot
// start while the one before is open), nor their stays (a child lives in
// one place); the order a stay rests on must be the same child's.
Status CheckAgainstOthers(store::Tx& tx, const DolOrder& o) {
  CC_ASSIGN_OR_RETURN(auto others, tx.ListBy<DolOrder>(o.child));
  for (const DolOrder& x : others)
    if (x.id != o.id && Overlap(o.start, o.end, x.start, x.end))
      return Conflict("the child's deprivation of liberty order " + std::to_string(x.id.value()) +
                          " (" + Span(x.start, x.end) +
                          ") overlaps this one: end it first (SSDA903 rule 705)",
                      "startDate");
  return Status::Ok();
}

Status CheckAgainstOthers(store::Tx& tx, const UnregisteredPlacement& u) {
  CC_ASSIGN_OR_RETURN(auto others, tx.ListBy<UnregisteredPlacement>(u.child));
  for (const UnregisteredPlacement& x : others)
    if (x.id != u.id && Overlap(u.start, u.end, x.start, x.end))
      return Conflict("the child's stay in an unregistered setting " +
                          std::to_string(x.id.value()) + " (" + Span(x.start, x.end) +
                          ") overlaps this one: record when the child left it first",
                      "startDate");
  if (u.dol_order) {
    auto order = tx.Get(*u.dol_order);
    if (!order.ok() || order->child != u.child)
      return InvalidArgument("dolOrderId",
                             "is not one of this child's deprivation of liberty "
                             "orders");
  }
  return Status::Ok();
}

// An entry checked whole: its own rules, not before the child's birth, and
// against the child's other entries.
template <class T>
Status CheckWhole(store::Tx& tx, const Child& child, const T& entry) {
  CC_RETURN_IF_ERROR(Validate(entry));
  if (entry.start < child.date_of_birth)
    return InvalidArgument("startDate", std::is_same_v<T, DolOrder>
                                            ? "is before the child's birth (SSDA903 rule 708)"
                                            : "is before the child's birth");
  return CheckAgainstOthers(tx, entry);
}

// A new entry for child `id`, in the child's council and RCC (a step on
// `resource`.create).
template <class T, class Input>
Result<T> CreateEntry(const AccessPolicy& policy, store::Store& store, const Principal& who,
                      Timestamp now, const char* resource, ChildId id, const Input& in) {
  T out;
  Step step = Step::OnRecord(policy, who, now, resource, "create");
  CC_RETURN_IF_ERROR(step.Run(store, Step::Mode::kAudited, [&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(Child child, step.Fetch(tx, id));
    CC_ASSIGN_OR_RETURN(auto rcc, tx.RccOfCouncil(child.council));
    if (!rcc) return InvalidArgument("childId", "the child's council is in no RCC");
    out = {};
    out.child = id;
    out.council = child.council;
    out.rcc = *rcc;
    Apply(in, out);
    out.recorded_at = step.now();
    out.recorded_by = Who(who);
    CC_RETURN_IF_ERROR(CheckWhole(tx, child, out));
    CC_ASSIGN_OR_RETURN(out.id, tx.Create(out));
    out.version = 1;
    return step.Audit(tx, resource, out.id.value(), "", RecordDigest(out));
  }));
  return out;
}

// A change to entry `id` (a step on `resource`.update): `edit` may not move
// it to another child, council or RCC.
template <class T>
Result<T> ChangeEntry(const AccessPolicy& policy, store::Store& store, const Principal& who,
                      Timestamp now, const char* resource, Id<T> id, std::int64_t version,
                      const std::function<Status(T&)>& edit) {
  T out;
  Step step = Step::OnRecord(policy, who, now, resource, "update");
  CC_RETURN_IF_ERROR(step.Run(store, Step::Mode::kAudited, [&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(out, step.Fetch(tx, id));
    const std::string before = RecordDigest(out);
    CC_ASSIGN_OR_RETURN(Child child, tx.Get(out.child));
    const auto kept = std::make_tuple(out.id, out.child, out.council, out.rcc);
    CC_RETURN_IF_ERROR(edit(out));
    std::tie(out.id, out.child, out.council, out.rcc) = kept;
    out.version = version;
    out.recorded_at = step.now();
    out.recorded_by = Who(who);
    CC_RETURN_IF_ERROR(CheckWhole(tx, child, out));
    CC_RETURN_IF_ERROR(tx.Update(out));
    return step.Audit(tx, resource, id.value(), before, RecordDigest(out));
  }));
  return out;
}

}  // namespace

Result<DolOrder> Workflow::RecordDolOrder(const Principal& who, ChildId id,
                                          const DolOrderInput& in) {
  return CreateEntry<DolOrder>(policy_, store_, who, Now(), "dol_order", id, in);
}

Result<DolOrder> Workflow::ChangeDolOrder(const Principal& who, DolOrderId id, std::int64_t version,
                                          const std::function<Status(DolOrder&)>& edit) {
  return ChangeEntry<DolOrder>(policy_, store_, who, Now(), "dol_order", id, version, edit);
}

Result<UnregisteredPlacement> Workflow::RecordUnregistered(const Principal& who, ChildId id,
                                                           const UnregisteredInput& in) {
  return CreateEntry<UnregisteredPlacement>(policy_, store_, who, Now(), "unregistered_placement",
                                            id, in);
}

Result<UnregisteredPlacement> Workflow::ChangeUnregistered(
    const Principal& who, UnregisteredPlacementId id, std::int64_t version,
    const std::function<Status(UnregisteredPlacement&)>& edit) {
  return ChangeEntry<UnregisteredPlacement>(policy_, store_, who, Now(), "unregistered_placement",
                                            id, version, edit);
}

Result<LibertyRegister> Workflow::LibertyRegisterOf(const Principal& who,
                                                    std::optional<Date> as_at) {
  LibertyRegister out;
  Step step = Step::OnCollection(policy_, who, Now(), "liberty_register", "read");
  CC_RETURN_IF_ERROR(step.Admit(store_));
  CC_ASSIGN_OR_RETURN(store::Scope scope, ListScope(who));
  const Date day = as_at.value_or(Today());
  // The child's own RCC knows the child; the national commissioner sees the
  // entries without identity; the national analyst the counts alone.
  const bool rcc_role = scope.kind == store::Scope::Kind::kRcc;
  const bool entries = who.role != Role::kNationalAnalyst;
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kRead, [&](store::Tx& tx) -> Status {
    out = {};
    out.as_at = day;
    out.identified = rcc_role;
    CC_ASSIGN_OR_RETURN(auto orders, tx.List<DolOrder>(scope));
    CC_ASSIGN_OR_RETURN(auto stays, tx.List<UnregisteredPlacement>(scope));
    std::map<std::int64_t, std::string> council_name, rcc_name;
    auto name_of = [&](auto id, auto& names) -> Result<std::string> {
      auto it = names.find(id.value());
      if (it != names.end()) return it->second;
      CC_ASSIGN_OR_RETURN(auto record, tx.Get(id));
      return names[id.value()] = record.name;
    };
    auto child_of = [&](ChildId id, CouncilId council, RccId rcc) -> Result<LibertyChild> {
      LibertyChild c;
      CC_ASSIGN_OR_RETURN(Child child, tx.Get(id));
      c.age = std::max(0, AgeInYears(child.date_of_birth, day));
      if (rcc_role) {
        c.child = id;
        c.pseudonym = child.pseudonym;
      }
      CC_ASSIGN_OR_RETURN(c.council, name_of(council, council_name));
      CC_ASSIGN_OR_RETURN(c.rcc, name_of(rcc, rcc_name));
      return c;
    };
    std::vector<national::OrderFact> order_facts;
    std::map<std::int64_t, bool> order_in_force;
    for (DolOrder& o : orders) {
      CC_ASSIGN_OR_RETURN(std::string rcc, name_of(o.rcc, rcc_name));
      order_facts.push_back({rcc, o.start, o.end, o.review_on, o.setting_registered});
      order_in_force[o.id.value()] = o.in_force_on(day);
      if (!entries) continue;
      DolOrderEntry e;
      CC_ASSIGN_OR_RETURN(e.child, child_of(o.child, o.council, o.rcc));
      e.in_force = o.in_force_on(day);
      e.review_overdue = e.in_force && o.review_on < day;
      e.record = std::move(o);
      out.orders.push_back(std::move(e));
    }
    std::vector<national::StayFact> stay_facts;
    for (UnregisteredPlacement& u : stays) {
      CC_ASSIGN_OR_RETURN(std::string rcc, name_of(u.rcc, rcc_name));
      const bool under_order = u.dol_order && order_in_force[u.dol_order->value()];
      stay_facts.push_back({rcc, u.start, u.end, u.exit_by, u.weekly_cost.value(), under_order});
      if (!entries) continue;
      UnregisteredEntry e;
      CC_ASSIGN_OR_RETURN(e.child, child_of(u.child, u.council, u.rcc));
      e.open = u.open_on(day);
      e.exit_date_passed = e.open && u.exit_by < day;
      e.days_there =
          std::max<std::int64_t>(0, (u.end && *u.end < day ? *u.end : day).DaysSince(u.start));
      e.record = std::move(u);
      out.unregistered.push_back(std::move(e));
    }
    out.counts = national::CountLiberty(order_facts, stay_facts, day);
    std::stable_sort(out.orders.begin(), out.orders.end(), [](const auto& a, const auto& b) {
      if (a.in_force != b.in_force) return a.in_force;
      return a.record.start > b.record.start;
    });
    std::stable_sort(out.unregistered.begin(), out.unregistered.end(),
                     [](const auto& a, const auto& b) {
                       if (a.open != b.open) return a.open;
                       return a.days_there > b.days_there;
                     });
    return Status::Ok();
  }));
  return out;
}

}  // namespace carecoop::services
