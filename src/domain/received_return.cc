#include "domain/received_return.h"

#include <cctype>

#include "domain/validate.h"

namespace carecoop {

Status Validate(const ReceivedReturn& r) {
  CC_RETURN_IF_ERROR(validate::Reference("rccId", r.rcc));
  const std::string& q = r.quarter;
  if (q.size() != 6 || q[4] != 'Q' || q[5] < '1' || q[5] > '4' ||
      !std::isdigit(static_cast<unsigned char>(q[0])) ||
      !std::isdigit(static_cast<unsigned char>(q[1])) ||
      !std::isdigit(static_cast<unsigned char>(q[2])) ||
      !std::isdigit(static_cast<unsigned char>(q[3])))
    return InvalidArgument("quarter", "must be a quarter written like 2026Q3");
  CC_RETURN_IF_ERROR(validate::NonEmpty("receivedBy", r.received_by, validate::kMaxShortText));
  if (r.format_version < 1) return InvalidArgument("formatVersion", "must be 1 or more");
  if (r.body.empty() || r.body.front() != '{')
    return InvalidArgument("body", "must be the return as a JSON object");
  if (r.body.size() > 4'000'000) return InvalidArgument("body", "must be under 4 MB");
  return Status::Ok();
}

}  // namespace carecoop
