// How every carecoop command reports an error: "carecoop: <status>" on
// stderr, exit code 1.
#ifndef CARECOOP_CLI_FAIL_H_
#define CARECOOP_CLI_FAIL_H_

#include <ostream>

#include "core/status.h"

namespace carecoop::cli {

inline int Fail(std::ostream& err, const Status& s) {
  err << "carecoop: " << s.ToString() << "\n";
  return 1;
}

}  // namespace carecoop::cli

#endif  // CARECOOP_CLI_FAIL_H_
