#include "domain/provider.h"

#include "domain/validate.h"

namespace carecoop {

std::string_view PlacementProviderCode(const Provider& provider, CouncilId responsible) {
  switch (provider.ownership) {
    case Ownership::kCouncil:
      return provider.council == responsible ? "PR1" : "PR2";
    case Ownership::kPrivate:
      return "PR4";
    case Ownership::kVoluntary:
      return "PR5";
  }
  return "PR4";
}

Status Validate(const Provider& provider) {
  CC_RETURN_IF_ERROR(validate::NonEmpty("name", provider.name));
  CC_RETURN_IF_ERROR(validate::Known("ownership", provider.ownership));
  CC_RETURN_IF_ERROR(validate::Reference("groupId", provider.group));
  if (provider.ownership == Ownership::kCouncil && provider.group)
    return InvalidArgument("groupId", "a council's own provider belongs to no provider group");
  CC_RETURN_IF_ERROR(validate::MaxLength("ofstedUrn", provider.ofsted_urn, 12));
  if (provider.ownership == Ownership::kCouncil && !provider.council)
    return InvalidArgument("councilId", "a council-owned provider must name its council");
  if (provider.ownership != Ownership::kCouncil && provider.council)
    return InvalidArgument("councilId", "only a council-owned provider names a council");
  return validate::Reference("councilId", provider.council);
}

}  // namespace carecoop
