// Provider: an organisation that runs homes (children's homes, fostering
// services, supported accommodation): a council's own service, a private
// company (often part of a larger group) or a voluntary organisation.
#ifndef CARECOOP_DOMAIN_PROVIDER_H_
#define CARECOOP_DOMAIN_PROVIDER_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "core/enum_names.h"
#include "core/status.h"
#include "domain/ids.h"

namespace carecoop {

enum class Ownership : std::uint8_t { kCouncil, kPrivate, kVoluntary };

template <>
struct EnumInfo<Ownership> {
  static constexpr std::array<EnumEntry<Ownership>, 3> kEntries = {{
      {Ownership::kCouncil, "council", "Local authority"},
      {Ownership::kPrivate, "private", "Private"},
      {Ownership::kVoluntary, "voluntary", "Voluntary"},
  }};
};

struct Provider {
  ProviderId id;
  std::int64_t version = 0;
  std::string name;
  Ownership ownership = Ownership::kPrivate;
  std::optional<ProviderGroupId> group;  // the group that owns it (domain/provider_group.h), if any
  std::optional<CouncilId> council;      // the owning council; set iff ownership is kCouncil
  std::string ofsted_urn;                // the provider's (fostering service's) URN, or ""

  friend bool operator==(const Provider&, const Provider&) = default;
};

// SSDA903 PLACE_PROVIDER code for a placement with this provider, seen from
// `responsible` council: PR1 own provision, PR2 another council's, PR4
// private, PR5 voluntary.
std::string_view PlacementProviderCode(const Provider& provider, CouncilId responsible);

Status Validate(const Provider& provider);

}  // namespace carecoop

#endif  // CARECOOP_DOMAIN_PROVIDER_H_
