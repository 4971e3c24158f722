// Home: a place where children live — a fostering household, a children's
// home, a secure children's home or supported accommodation (16+) — with the
// needs it can meet and risks it can manage.
#ifndef CARECOOP_DOMAIN_HOME_H_
#define CARECOOP_DOMAIN_HOME_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "core/date.h"
#include "core/enum_names.h"
#include "core/geo.h"
#include "core/money.h"
#include "core/status.h"
#include "domain/ids.h"
#include "domain/needs.h"

namespace carecoop {

enum class Setting : std::uint8_t {
  kFosteringHousehold,
  kChildrensHome,
  kSecureChildrensHome,
  kSupportedAccommodation,  // 16+ only
};

template <>
struct EnumInfo<Setting> {
  static constexpr std::array<EnumEntry<Setting>, 4> kEntries = {{
      {Setting::kFosteringHousehold, "fostering_household", "Fostering household"},
      {Setting::kChildrensHome, "childrens_home", "Children's home"},
      {Setting::kSecureChildrensHome, "secure_childrens_home", "Secure children's home"},
      {Setting::kSupportedAccommodation, "supported_accommodation",
       "Supported accommodation (16+)"},
  }};
};

enum class OfstedRating : std::uint8_t {
  kOutstanding,
  kGood,
  kRequiresImprovement,
  kInadequate,
  kNotYetInspected,
};

template <>
struct EnumInfo<OfstedRating> {
  static constexpr std::array<EnumEntry<OfstedRating>, 5> kEntries = {{
      {OfstedRating::kOutstanding, "outstanding", "Outstanding"},
      {OfstedRating::kGood, "good", "Good"},
      {OfstedRating::kRequiresImprovement, "requires_improvement",
       "Requires improvement to be good"},
      {OfstedRating::kInadequate, "inadequate", "Inadequate"},
      {OfstedRating::kNotYetInspected, "not_yet_inspected", "Not yet inspected"},
  }};
};

// A year's declared running costs of a home the RCC or a member council
// runs (market/in_house.h turns them into a unit cost per place per week).
struct RunningCosts {
  Pence staff, property, other, overhead;
  friend bool operator==(const RunningCosts&, const RunningCosts&) = default;
};
// InvalidArgument naming the line that is negative or above £50m a year.
Status Validate(const RunningCosts& costs);

inline constexpr int kMaxChildAge = 25;  // care leavers in staying-put/supported settings

struct Home {
  HomeId id;
  std::int64_t version = 0;
  ProviderId provider;
  std::string name;
  Setting setting = Setting::kChildrensHome;
  std::string
      ofsted_urn;  // the registered setting's URN; a fostering household carries its service's
  OfstedRating ofsted_rating = OfstedRating::kNotYetInspected;
  std::optional<Date> last_inspected;  // the inspection that gave the rating; none if not inspected
  CouncilId council;                   // the council area the home is in
  LatLon location;
  std::string postcode;  // district and sector ("BL3 5"), as SSDA903 PL_POST carries it
  int registered_places = 1;
  int min_age = 0;        // youngest age (years) the home is registered/approved for
  int max_age = 17;       // oldest
  NeedSet needs_met;      // needs it can meet
  RiskSet risks_managed;  // risks it can manage
  SupportRatio max_support_ratio = SupportRatio::kStandard;  // highest ratio it can staff
  bool solo_only = false;  // takes one child at a time, whatever its places
  int max_siblings = 0;    // largest sibling group it accepts together (0: none)
  bool has_pets = false;
  bool connected_person = false;  // a kinship (family and friends) household: not open to referrals
  // Approved for parent and child placements (a young parent placed with
  // their baby): a foster carer's preference, or a family assessment unit.
  bool parent_and_child = false;
  std::optional<RunningCosts> running_costs;  // declared, for a council- or RCC-run home

  friend bool operator==(const Home&, const Home&) = default;
};

Status Validate(const Home& home);

}  // namespace carecoop

#endif  // CARECOOP_DOMAIN_HOME_H_
