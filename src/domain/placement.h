// Placement: a child living in a placement, from a start date to an end date
// (open while current), recorded with its SSDA903 codes so the statutory
// return can be written from it. A placement booked through the hub names the
// vacancy it took; the store lets a vacancy be taken once only.
#ifndef CARECOOP_DOMAIN_PLACEMENT_H_
#define CARECOOP_DOMAIN_PLACEMENT_H_

#include <cstdint>
#include <optional>
#include <string>

#include "core/date.h"
#include "core/money.h"
#include "core/status.h"
#include "domain/ids.h"
#include "domain/needs.h"

namespace carecoop {

struct Placement {
  PlacementId id;
  std::int64_t version = 0;
  ChildId child;
  CouncilId council;                   // the child's responsible council
  std::optional<ReferralId> referral;  // the referral it answered, if any
  std::optional<HomeId> home;          // none for e.g. placed with parents (P1)
  std::optional<VacancyId> vacancy;    // the vacancy booked, if booked through the hub
  std::optional<ContractId> contract;  // the contract that prices it
  Date start;
  std::optional<Date> end;
  std::string place_code;           // SSDA903 PLACE
  std::string provider_code;        // SSDA903 PLACE_PROVIDER ("" where none applies)
  std::string legal_status = "C2";  // SSDA903 LS
  // Where the child lives when the placement has no home on record (placed
  // with parents, some other arrangements): a postcode district and sector,
  // as SSDA903 PL_POST carries it; "" where the home's postcode applies.
  std::string postcode;
  NeedBand need_band = NeedBand::kStandard;
  Pence weekly_fee;  // the whole care package a week
  // Lines of the package beside the core fee (weekly_fee - these = core).
  Pence staffing_fee, education_fee, transport_fee;
  // Who pays (basis points): health (the ICB) and education; social care the rest.
  int health_share_bp = 0;
  int education_share_bp = 0;
  std::string reason_place_change;  // SSDA903 REASON_PLACE_CHANGE when it ended with a move
  std::string reason_ceased;        // SSDA903 REC when care ended with it
  bool emergency = false;           // booked before scrutiny (urgency Today)

  bool current() const { return !end.has_value(); }

  friend bool operator==(const Placement&, const Placement&) = default;
};

// Checks codes against the SSDA903 lists and the published cross-field rules
// that concern one placement (no provider code for T0-T3 and Z1; P1 only with
// PR0; a home for settings that need one).
Status Validate(const Placement& placement);

}  // namespace carecoop

#endif  // CARECOOP_DOMAIN_PLACEMENT_H_
