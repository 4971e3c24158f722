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
  // What the SSDA903 header and episodes need (docs/ssda903.md):
  std::string upn;            // Unique Pupil Number, UN1-UN5 when there is none, "" unknown
  bool mother = false;        // MOTHER: the child is a mother (asked of girls)
  std::string home_postcode;  // HOME_POST: the family home's postcode district and sector ("BL3 5")

  friend bool operator==(const Child&, const Child&) = default;
};

// Checks every field: codes against the SSDA903 lists, dates in order, the
// UPN's form and check letter, the postcode a district and sector
// (validate::IsPostcodeSector).
Status Validate(const Child& child);

// A Unique Pupil Number: a check letter and 12 digits (or 11 and a letter
// for a temporary number), the check letter right (DfE, "Unique pupil
// numbers (UPNs)": weights 2-13 on characters 2-13, the sum mod 23 indexes
// ABCDEFGHJKLMNPQRTUVWXYZ); or UN1-UN5, the DfE's codes for none.
bool IsUpn(std::string_view upn);
// The check letter for the 12 characters after it.
char UpnCheckLetter(std::string_view last12);

}  // namespace carecoop

#endif  // CARECOOP_DOMAIN_CHILD_H_
