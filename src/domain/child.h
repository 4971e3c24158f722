// Child: a child in (or recently in) the care of a council, held under a
// pseudonymous id. Names and addresses never enter CareCoop; locations are
// points for distance only.
#ifndef CARECOOP_DOMAIN_CHILD_H_
#define CARECOOP_DOMAIN_CHILD_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "core/date.h"
#include "core/enum_names.h"
#include "core/geo.h"
#include "core/status.h"
#include "domain/ids.h"

namespace carecoop {

enum class Sex : std::uint8_t { kMale, kFemale };  // SSDA903 SEX 1 and 2

template <>
struct EnumInfo<Sex> {
  static constexpr std::array<EnumEntry<Sex>, 2> kEntries = {{
      {Sex::kMale, "male", "1"},
      {Sex::kFemale, "female", "2"},
  }};
};

struct Child {
  ChildId id;
  std::int64_t version = 0;
  std::string pseudonym;  // unique, carries no identity (like an SSDA903 CHILD id)
  CouncilId council;      // the responsible council
  Date date_of_birth;
  Sex sex = Sex::kMale;
  std::string ethnicity = "NOBT";       // SSDA903 ETHNIC code
  bool uasc = false;                    // unaccompanied asylum-seeking child
  std::string category_of_need = "N1";  // SSDA903 CIN code
  LatLon family_location;               // where family lives
  std::optional<LatLon> school_location;
  Date care_started;               // start of the current (latest) period of care
  std::optional<Date> care_ended;  // set when that period ended
  std::string reason_ceased;       // SSDA903 REC when care ended, else ""

  friend bool operator==(const Child&, const Child&) = default;
};

// Checks every field: codes against the SSDA903 lists, dates in order.
Status Validate(const Child& child);

}  // namespace carecoop

#endif  // CARECOOP_DOMAIN_CHILD_H_
