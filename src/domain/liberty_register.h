// The registers of liberty (docs/national.md, "Deprivation of liberty and
// unregistered settings"): the orders that deprive a child in care of their
// liberty, and the children living in settings Ofsted has not registered.
//
// DolOrder: a court's order authorising a deprivation of the child's
// liberty where the child lives (in England, under the High Court's
// inherent jurisdiction where no secure accommodation order under s25
// Children Act 1989 applies): the court, when it began and ended, the
// setting and whether that setting is registered with Ofsted, and when the
// court reviews it. Its dates are what the SSDA903 return's DoLO table
// (from 2026-27: CHILD, DOB, DOLO_START, DOLO_END) carries.
//
// UnregisteredPlacement: a child living in a setting that should be, but is
// not, registered as a children's home (or supported accommodation): since
// when, what it costs a week, the plan to move the child to a registered
// home and the date that plan aims at, and the DoL order it rests on if any.
//
// Both are recorded by the child's RCC (its hub); the national body reads
// them without the child's identity (services/liberty_register.h).
#ifndef CARECOOP_DOMAIN_LIBERTY_REGISTER_H_
#define CARECOOP_DOMAIN_LIBERTY_REGISTER_H_

#include <cstdint>
#include <optional>
#include <string>

#include "core/date.h"
#include "core/money.h"
#include "core/status.h"
#include "domain/home.h"
#include "domain/ids.h"

namespace carecoop {

struct DolOrder {
  DolOrderId id;
  std::int64_t version = 0;
  ChildId child;
  CouncilId council;  // the child's responsible council
  RccId rcc;
  std::string court;        // "High Court, Family Division", ...
  Date start;               // DOLO_START
  std::optional<Date> end;  // DOLO_END; none while in force
  Date review_on;           // when the court next reviews it
  Setting setting = Setting::kChildrensHome;
  bool setting_registered = true;  // is the setting registered with Ofsted
  Timestamp recorded_at{};
  std::string recorded_by;

  bool in_force_on(Date d) const { return start <= d && (!end || d <= *end); }
  friend bool operator==(const DolOrder&, const DolOrder&) = default;
};

struct UnregisteredPlacement {
  UnregisteredPlacementId id;
  std::int64_t version = 0;
  ChildId child;
  CouncilId council;
  RccId rcc;
  std::string setting;  // what it is: "a rented house with agency staff", ...
  Date start;
  std::optional<Date> end;  // when the child left it
  Pence weekly_cost;
  std::string exit_plan;                // how the child moves to a registered home
  Date exit_by;                         // the date the plan aims at
  std::optional<DolOrderId> dol_order;  // the order it rests on, if any
  Timestamp recorded_at{};
  std::string recorded_by;

  bool open_on(Date d) const { return start <= d && (!end || d <= *end); }
  friend bool operator==(const UnregisteredPlacement&, const UnregisteredPlacement&) = default;
};

// The records' own rules, field named: references set; court, setting,
// exit plan and who recorded it not blank; an end not before the start
// (SSDA903 rule 702); the review and the exit date not before the start;
// the weekly cost within a weekly fee's range. A DoL order cannot be in a
// secure children's home (that is a secure accommodation order) nor in
// supported accommodation (SSDA903 rule 710).
Status Validate(const DolOrder& o);
Status Validate(const UnregisteredPlacement& u);

}  // namespace carecoop

#endif  // CARECOOP_DOMAIN_LIBERTY_REGISTER_H_
