// The registers of liberty (docs/national.md, "Deprivation of liberty and
// unregistered settings"): an RCC's hub records each deprivation of liberty
// order made for one of its children and each child living in an
// unregistered setting, and keeps them up to date (the order's end and
// review, the child's leaving and the exit plan); the RCC sees its own with
// the children's pseudonyms; the national commissioner sees England's
// entries without any child's identity; the national analyst the counts
// alone (national/liberty_register.h).
#ifndef CARECOOP_SERVICES_LIBERTY_REGISTER_H_
#define CARECOOP_SERVICES_LIBERTY_REGISTER_H_

#include <optional>
#include <string>
#include <vector>

#include "domain/liberty_register.h"
#include "national/liberty_register.h"

namespace carecoop::services {

// What the hub writes for a new entry. Who and when are the step's.
struct DolOrderInput {
  std::string court;
  Date start;
  std::optional<Date> end;
  Date review_on;
  Setting setting = Setting::kChildrensHome;
  bool setting_registered = true;
};

struct UnregisteredInput {
  std::string setting;
  Date start;
  std::optional<Date> end;
  Pence weekly_cost;
  std::string exit_plan;
  Date exit_by;
  std::optional<DolOrderId> dol_order;
};

// One entry as a reader sees it: the child's pseudonym and id only for the
// child's own RCC; always the age on the day, the council and the RCC.
struct LibertyChild {
  std::optional<ChildId> child;
  std::string pseudonym;  // "" when the reader may not know the child
  int age = 0;
  std::string council, rcc;
};

struct DolOrderEntry {
  DolOrder record;
  LibertyChild child;
  bool in_force = false, review_overdue = false;
};

struct UnregisteredEntry {
  UnregisteredPlacement record;
  LibertyChild child;
  bool open = false, exit_date_passed = false;
  std::int64_t days_there = 0;  // to the day, or to the day the child left
};

struct LibertyRegister {
  Date as_at;
  bool identified = false;                      // entries carry the children's pseudonyms
  std::vector<DolOrderEntry> orders;            // in force first, then latest start first
  std::vector<UnregisteredEntry> unregistered;  // there now first, longest first
  national::LibertySummary counts;
};

}  // namespace carecoop::services

#endif  // CARECOOP_SERVICES_LIBERTY_REGISTER_H_
