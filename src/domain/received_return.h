// An RCC's quarterly return as the national body received it: the return
// itself (national/rcc_return.h) kept whole as its JSON, with the RCC and
// quarter it is for and who sent it when. One per RCC and quarter: a
// resubmission replaces it (services/national_returns.cc).
#ifndef CARECOOP_DOMAIN_RECEIVED_RETURN_H_
#define CARECOOP_DOMAIN_RECEIVED_RETURN_H_

#include <cstdint>
#include <string>

#include "core/date.h"
#include "core/status.h"
#include "domain/ids.h"

namespace carecoop {

struct ReceivedReturn {
  ReceivedReturnId id;
  std::int64_t version = 0;
  RccId rcc;
  std::string quarter;  // "2026Q3"
  Date produced;        // as the return says
  Timestamp received_at{};
  std::string received_by;  // the username of who sent it
  int format_version = 1;
  std::string body;  // the return's JSON (docs/formats/rcc-return.md)

  friend bool operator==(const ReceivedReturn&, const ReceivedReturn&) = default;
};

// The record's own fields; the return inside is checked by national::Validate.
Status Validate(const ReceivedReturn& r);

}  // namespace carecoop

#endif  // CARECOOP_DOMAIN_RECEIVED_RETURN_H_
