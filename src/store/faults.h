// A store that fails on purpose, so that tests prove a failure in the middle
// of a change leaves the store as it was (leveldb's fault-injection idea).
// Every connection of a faulty store counts the writes (INSERT, UPDATE and
// DELETE statements) and commits it runs; when armed, the Nth of either
// fails: the statement is not run, or the transaction is rolled back instead
// of committed, and the caller gets Internal("injected fault: ...").
#ifndef CARECOOP_STORE_FAULTS_H_
#define CARECOOP_STORE_FAULTS_H_

#include <atomic>
#include <memory>
#include <string_view>

#include "store/store.h"

namespace carecoop::store {

// What to break, shared by all of a faulty store's connections. Thread-safe.
class FaultPlan {
 public:
  // From now on, the nth write statement (1-based) fails; 0 disarms.
  void FailWrite(int nth) { Arm(fail_write_, nth); }
  // From now on, the nth commit (1-based) fails; 0 disarms.
  void FailCommit(int nth) { Arm(fail_commit_, nth); }
  void Disarm() {
    FailWrite(0);
    FailCommit(0);
  }
  // Writes and commits run since the plan was last armed or disarmed.
  int writes() const { return writes_.load(); }
  int commits() const { return commits_.load(); }
  // Whether an armed fault has fired since.
  bool fired() const { return fired_.load(); }

  // Called by the connections: whether this write or commit is the one to fail.
  bool NextWriteFails() { return Next(writes_, fail_write_); }
  bool NextCommitFails() { return Next(commits_, fail_commit_); }

 private:
  void Arm(std::atomic<int>& target, int nth) {
    target = nth;
    writes_ = 0;
    commits_ = 0;
    fired_ = false;
  }
  bool Next(std::atomic<int>& count, const std::atomic<int>& target) {
    int n = ++count;
    if (target.load() == 0 || n != target.load()) return false;
    fired_ = true;
    return true;
  }

  std::atomic<int> fail_write_{0}, fail_commit_{0};
  std::atomic<int> writes_{0}, commits_{0};
  std::atomic<bool> fired_{false};
};

// Opens the store at `url` (as Store::Open) with every connection obeying `plan`.
Result<std::unique_ptr<Store>> OpenFaultyStore(std::string_view url,
                                               std::shared_ptr<FaultPlan> plan,
                                               int max_connections = 8);

}  // namespace carecoop::store

#endif  // CARECOOP_STORE_FAULTS_H_
