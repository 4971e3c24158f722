#include "domain/rcc.h"

#include <set>

#include "domain/validate.h"

namespace carecoop {

Status Validate(const Rcc& rcc) {
  CC_RETURN_IF_ERROR(validate::NonEmpty("code", rcc.code, 32));
  CC_RETURN_IF_ERROR(validate::NonEmpty("name", rcc.name));
  CC_RETURN_IF_ERROR(validate::Reference("regionId", rcc.region));
  std::set<CouncilId> seen;
  for (std::size_t i = 0; i < rcc.member_councils.size(); ++i) {
    std::string field = "memberCouncils[" + std::to_string(i) + "]";
    CC_RETURN_IF_ERROR(validate::Reference(field, rcc.member_councils[i]));
    if (!seen.insert(rcc.member_councils[i]).second)
      return InvalidArgument(field, "lists the same council twice");
  }
  return Status::Ok();
}

}  // namespace carecoop
