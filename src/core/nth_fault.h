// NthFault: the nth operation of a kind fails, on demand. The one counter
// behind FaultyEnv's reads and writes (core/env.h) and a faulty store's
// writes and commits (store/faults.h). Thread-safe.
#ifndef CARECOOP_CORE_NTH_FAULT_H_
#define CARECOOP_CORE_NTH_FAULT_H_

#include <atomic>

namespace carecoop {

class NthFault {
 public:
  // From now on, the nth operation (1-based) fails; 0 disarms. Restarts the count.
  void Arm(int nth) {
    target_ = nth;
    count_ = 0;
    fired_ = false;
  }
  // Counts one operation: true when it is the one that must fail.
  bool Next() {
    int n = ++count_;
    if (target_.load() == 0 || n != target_.load()) return false;
    fired_ = true;
    return true;
  }
  // Whether the fault has fired since it was armed.
  bool fired() const { return fired_.load(); }

 private:
  std::atomic<int> target_{0}, count_{0};
  std::atomic<bool> fired_{false};
};

}  // namespace carecoop

#endif  // CARECOOP_CORE_NTH_FAULT_H_
