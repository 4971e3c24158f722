#include "domain/oversight_case.h"

#include <string>

#include "domain/validate.h"

namespace carecoop {

Status Validate(const OversightCase& c) {
  CC_RETURN_IF_ERROR(validate::Reference("groupId", c.group));
  CC_RETURN_IF_ERROR(validate::Known("kind", c.kind));
  CC_RETURN_IF_ERROR(validate::NonEmpty("reason", c.reason, validate::kMaxLongText));
  if (c.closed && *c.closed < c.opened)
    return InvalidArgument("closed", "must not be before the case was opened");
  if (c.closed && validate::Blank(c.outcome))
    return InvalidArgument("outcome", "a closed case records its outcome");
  if (!c.closed && !c.outcome.empty())
    return InvalidArgument("outcome", "only a closed case has an outcome");
  CC_RETURN_IF_ERROR(validate::MaxLength("outcome", c.outcome, validate::kMaxLongText));
  if (c.entries.size() > 200) return InvalidArgument("entries", "at most 200 entries");
  for (std::size_t i = 0; i < c.entries.size(); ++i) {
    const CaseEntry& e = c.entries[i];
    const std::string field = "entries[" + std::to_string(i) + "]";
    CC_RETURN_IF_ERROR(validate::Known(field + ".kind", e.kind));
    CC_RETURN_IF_ERROR(validate::NonEmpty(field + ".title", e.title, validate::kMaxShortText));
    if (e.completed && *e.completed < c.opened)
      return InvalidArgument(field + ".completed", "must not be before the case was opened");
  }
  return Status::Ok();
}

}  // namespace carecoop
