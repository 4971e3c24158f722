#include "domain/provider_group.h"

#include <cctype>

#include "domain/validate.h"

namespace carecoop {

Status Validate(const ProviderGroup& g) {
  CC_RETURN_IF_ERROR(validate::NonEmpty("name", g.name, validate::kMaxShortText));
  if (g.company_number.size() != 8)
    return InvalidArgument("companyNumber",
                           "must be 8 letters and digits, as Companies House "
                           "numbers are");
  for (char c : g.company_number)
    if (!std::isdigit(static_cast<unsigned char>(c)) && !(c >= 'A' && c <= 'Z'))
      return InvalidArgument("companyNumber", "must be capital letters and digits only");
  CC_RETURN_IF_ERROR(validate::Reference("parentId", g.parent));
  if (g.parent && g.id.valid() && *g.parent == g.id)
    return InvalidArgument("parentId", "a group cannot be its own parent undertaking");
  return validate::Range("costOfCapitalBp", g.cost_of_capital_bp, 0, 10000);
}

}  // namespace carecoop
