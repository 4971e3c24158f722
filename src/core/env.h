// Env: the world outside the process that CareCoop's modules touch, the
// clock and files, behind one small interface so that tests can replace it
// (a fixed clock) and break it on purpose (a file that cannot be read or
// written), after leveldb's Env. io/ reads and writes SSDA903 files through
// it and services/ takes the time from it; Env::Default() is the real one.
//
// Thread-safety: Default() may be used from any thread; FaultyEnv too.
#ifndef CARECOOP_CORE_ENV_H_
#define CARECOOP_CORE_ENV_H_

#include <filesystem>
#include <memory>
#include <optional>
#include <string_view>

#include "core/date.h"
#include "core/nth_fault.h"
#include "core/status.h"

namespace carecoop {

// A file's bytes, held while they are read (mapped, not copied, by Default()).
class FileBytes {
 public:
  virtual ~FileBytes() = default;
  virtual std::string_view view() const = 0;
};

class Env {
 public:
  virtual ~Env() = default;

  // Now, to the second.
  virtual Timestamp Now() = 0;
  // The whole file; InvalidArgument("path", "cannot read PATH") when it cannot be read.
  virtual Result<std::unique_ptr<FileBytes>> ReadFile(const std::filesystem::path& path) = 0;
  // Writes the whole file beside its name and renames it into place, so a
  // reader never sees half a file; InvalidArgument("output", ...) on failure.
  virtual Status WriteFile(const std::filesystem::path& path, std::string_view contents) = 0;
  // Creates `dir` and its parents; InvalidArgument("output", ...) on failure.
  virtual Status CreateDirectories(const std::filesystem::path& dir) = 0;

  // The real clock and file system.
  static Env& Default();
};

// An Env that passes everything to `base` but can be told to fail the nth
// read or write from now on (1-based; 0 disarms), and to show a fixed time.
class FaultyEnv : public Env {
 public:
  explicit FaultyEnv(Env& base = Env::Default()) : base_(base) {}

  void FailRead(int nth) { reads_.Arm(nth); }
  void FailWrite(int nth) { writes_.Arm(nth); }
  void SetNow(std::optional<Timestamp> now) { now_ = now; }

  Timestamp Now() override { return now_ ? *now_ : base_.Now(); }
  Result<std::unique_ptr<FileBytes>> ReadFile(const std::filesystem::path& path) override;
  Status WriteFile(const std::filesystem::path& path, std::string_view contents) override;
  Status CreateDirectories(const std::filesystem::path& dir) override {
    return base_.CreateDirectories(dir);
  }

 private:
  Env& base_;
  NthFault reads_, writes_;
  std::optional<Timestamp> now_;
};

}  // namespace carecoop

#endif  // CARECOOP_CORE_ENV_H_
