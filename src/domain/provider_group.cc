#include "domain/provider_group.h"

#include "domain/validate.h"

namespace carecoop {

Status Validate(const ProviderGroup& g) {
  CC_RETURN_IF_ERROR(validate::NonEmpty("name", g.name, validate::kMaxShortText));
  CC_RETURN_IF_ERROR(validate::CompanyNumber("companyNumber", g.company_number));
  CC_RETURN_IF_ERROR(validate::Reference("parentId", g.parent));
  if (g.parent && g.id.valid() && *g.parent == g.id)
    return InvalidArgument("parentId", "a group cannot be its own parent undertaking");
  return validate::Range("costOfCapitalBp", g.cost_of_capital_bp, 0, 10000);
}

}  // namespace carecoop
