// A store that fails on purpose, so that tests prove a failure in the middle
// of a change leaves the store as it was (leveldb's fault-injection idea).
// Every connection of a faulty store counts the writes (INSERT, UPDATE and
// DELETE statements) and commits it runs; when armed, the Nth of either
// fails: the statement is not run, or the transaction is rolled back instead
// of committed, and the caller gets Internal("injected fault: ...").
// A plan can also make every transaction slow (SetLatency), as a store under
// load is, so that tests can fill the server's queue.
#ifndef CARECOOP_STORE_FAULTS_H_
#define CARECOOP_STORE_FAULTS_H_

#include <atomic>
#include <chrono>
#include <memory>
#include <string_view>

#include "core/nth_fault.h"
#include "store/store.h"

namespace carecoop::store {

// What to break, shared by all of a faulty store's connections. Thread-safe.
class FaultPlan {
 public:
  // From now on, the nth write statement (1-based) fails; 0 disarms.
  void FailWrite(int nth) { writes_.Arm(nth); }
  // From now on, the nth commit (1-based) fails; 0 disarms.
  void FailCommit(int nth) { commits_.Arm(nth); }
  void Disarm() {
    FailWrite(0);
    FailCommit(0);
  }
  // From now on, every transaction waits `latency` before it begins; 0 stops it.
  void SetLatency(std::chrono::milliseconds latency) { latency_ms_ = latency.count(); }
  std::chrono::milliseconds latency() const {
    return std::chrono::milliseconds(latency_ms_.load());
  }

  // Whether an armed fault has fired since it was armed.
  bool fired() const { return writes_.fired() || commits_.fired(); }

  // Called by the connections: whether this write or commit is the one to fail.
  bool NextWriteFails() { return writes_.Next(); }
  bool NextCommitFails() { return commits_.Next(); }

 private:
  NthFault writes_, commits_;
  std::atomic<std::int64_t> latency_ms_{0};
};

// Opens the store at `url` (as Store::Open) with every connection obeying `plan`.
Result<std::unique_ptr<Store>> OpenFaultyStore(std::string_view url,
                                               std::shared_ptr<FaultPlan> plan,
                                               int max_connections = 8);

}  // namespace carecoop::store

#endif  // CARECOOP_STORE_FAULTS_H_
