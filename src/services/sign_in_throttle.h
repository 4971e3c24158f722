// Sign-in throttling: failed sign-ins counted per username and per client
// address, with a lock that grows with each failure and always ends.
//
// Rule (docs/api.md, "Sign-in throttling"). Failures are counted over the
// last kWindow (an hour), separately for each username and for each client
// address:
//   - from a username's kUserFailures-th failure (5th) on, the username is
//     locked for 1 minute, doubling with every further failure (2, 4, 8
//     minutes), never longer than kMaxLock (15 minutes);
//   - from an address's kAddressFailures-th failure (20th, whatever the
//     usernames: password spraying) on, the address is locked the same way;
//   - while a username or an address is locked, a sign-in is refused with
//     429 and Retry-After before the password is checked (no hash is spent);
//   - a correct password clears its username's failures (not its address's);
//   - every lock ends, so the right password works again from any address
//     that is not itself locked: a user is never locked out for good.
// Every failure and every lock is audited and logged by the caller.
//
// Thread-safe. State is in memory, per server process: a restart forgets it
// (locks are short), and several processes each count their own.
#ifndef CARECOOP_SERVICES_SIGN_IN_THROTTLE_H_
#define CARECOOP_SERVICES_SIGN_IN_THROTTLE_H_

#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "core/date.h"

namespace carecoop::services {

class SignInThrottle {
 public:
  // Longer than the locks add up to (1 + 2 + 4 + 8 + 15 minutes), so that
  // waiting each lock out does not let the first failures expire and the
  // lock shrink: a patient attacker gets about four tries an hour.
  static constexpr std::chrono::minutes kWindow{60};
  static constexpr std::chrono::minutes kMaxLock{15};
  static constexpr std::chrono::minutes kFirstLock{1};
  static constexpr int kUserFailures = 5;
  static constexpr int kAddressFailures = 20;

  // How long the caller must wait before `username` may try from `address`,
  // or nullopt when it may try now.
  std::optional<std::chrono::seconds> Wait(const std::string& username, const std::string& address,
                                           Timestamp now);

  // What a failure did: whether it locked the username or the address, and until when.
  struct Failure {
    bool locked_user = false, locked_address = false;
    Timestamp until{};
  };
  Failure RecordFailure(const std::string& username, const std::string& address, Timestamp now);

  void RecordSuccess(const std::string& username);

 private:
  struct Counter {
    std::deque<Timestamp> failures;  // within the window, oldest first
    Timestamp locked_until{};
  };
  // Counts one failure; locks from the threshold on. Returns whether it locked.
  static bool Count(Counter& c, int threshold, Timestamp now);
  static void Forget(Counter& c, Timestamp now);

  std::mutex mu_;
  std::map<std::string, Counter> users_, addresses_;
  int failures_since_sweep_ = 0;
};

}  // namespace carecoop::services

#endif  // CARECOOP_SERVICES_SIGN_IN_THROTTLE_H_
