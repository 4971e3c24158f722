#include "services/sign_in_throttle.h"

#include <algorithm>

namespace carecoop::services {

void SignInThrottle::Forget(Counter& c, Timestamp now) {
  while (!c.failures.empty() && c.failures.front() + kWindow <= now) c.failures.pop_front();
}

bool SignInThrottle::Count(Counter& c, int threshold, Timestamp now) {
  Forget(c, now);
  c.failures.push_back(now);
  const auto n = static_cast<int>(c.failures.size());
  if (n < threshold) return false;
  // 1 minute at the threshold, doubling with each failure after it, at most kMaxLock.
  std::chrono::seconds lock = kFirstLock;
  for (int extra = n - threshold; extra > 0 && lock < kMaxLock; --extra) lock *= 2;
  lock = std::min<std::chrono::seconds>(lock, kMaxLock);
  c.locked_until = std::max(c.locked_until, now + lock);
  return true;
}

std::optional<std::chrono::seconds> SignInThrottle::Wait(const std::string& username,
                                                         const std::string& address,
                                                         Timestamp now) {
  std::lock_guard lock(mu_);
  Timestamp until{};
  if (auto u = users_.find(username); u != users_.end())
    until = std::max(until, u->second.locked_until);
  if (auto a = addresses_.find(address); a != addresses_.end())
    until = std::max(until, a->second.locked_until);
  if (until <= now) return std::nullopt;
  return std::chrono::duration_cast<std::chrono::seconds>(until - now);
}

SignInThrottle::Failure SignInThrottle::RecordFailure(const std::string& username,
                                                      const std::string& address, Timestamp now) {
  std::lock_guard lock(mu_);
  Failure f;
  Counter& user = users_[username];
  Counter& from = addresses_[address];
  f.locked_user = Count(user, kUserFailures, now);
  f.locked_address = Count(from, kAddressFailures, now);
  f.until = std::max(f.locked_user ? user.locked_until : Timestamp{},
                     f.locked_address ? from.locked_until : Timestamp{});
  // Counters with nothing left to remember are dropped now and then, so the
  // maps stay small without a full sweep on every failure.
  if (++failures_since_sweep_ < 256) return f;
  failures_since_sweep_ = 0;
  for (auto* map : {&users_, &addresses_})
    for (auto it = map->begin(); it != map->end();) {
      Forget(it->second, now);
      if (it->second.failures.empty() && it->second.locked_until <= now)
        it = map->erase(it);
      else
        ++it;
    }
  return f;
}

void SignInThrottle::RecordSuccess(const std::string& username) {
  std::lock_guard lock(mu_);
  users_.erase(username);
}

}  // namespace carecoop::services
