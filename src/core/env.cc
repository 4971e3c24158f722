#include "core/env.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <fstream>

namespace carecoop {
namespace {

namespace fs = std::filesystem;

// A file mapped read-only: no copy, and no fresh pages to zero.
class MappedFile : public FileBytes {
 public:
  MappedFile(char* data, std::size_t size) : data_(data), size_(size) {}
  ~MappedFile() override {
    if (data_) ::munmap(data_, size_);
  }
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  std::string_view view() const override { return {data_, size_}; }

 private:
  char* data_;
  std::size_t size_;
};

class RealEnv : public Env {
 public:
  Timestamp Now() override {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  }

  Result<std::unique_ptr<FileBytes>> ReadFile(const fs::path& path) override {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return InvalidArgument("path", "cannot read " + path.string());
    struct stat st {};
    char* data = nullptr;
    std::size_t size = 0;
    if (::fstat(fd, &st) == 0 && st.st_size > 0) {
      void* p =
          ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
      if (p != MAP_FAILED) {
        data = static_cast<char*>(p);
        size = static_cast<std::size_t>(st.st_size);
        ::madvise(p, size, MADV_SEQUENTIAL);
      }
    }
    bool mapped = data != nullptr || st.st_size == 0;
    ::close(fd);
    if (!mapped) return InvalidArgument("path", "cannot read " + path.string());
    return std::unique_ptr<FileBytes>(std::make_unique<MappedFile>(data, size));
  }

  Status WriteFile(const fs::path& file, std::string_view contents) override {
    fs::path tmp = file;
    tmp += ".tmp";
    {
      std::ofstream out(tmp, std::ios::binary);
      if (!out) return InvalidArgument("output", "cannot write " + tmp.string());
      out << contents;
      if (!out) return InvalidArgument("output", "cannot write " + tmp.string());
    }
    std::error_code ec;
    fs::rename(tmp, file, ec);
    if (ec) return InvalidArgument("output", "cannot write " + file.string() + ": " + ec.message());
    return Status::Ok();
  }

  Status CreateDirectories(const fs::path& dir) override {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) return InvalidArgument("output", "cannot create " + dir.string() + ": " + ec.message());
    return Status::Ok();
  }
};

}  // namespace

Env& Env::Default() {
  static RealEnv env;
  return env;
}

Result<std::unique_ptr<FileBytes>> FaultyEnv::ReadFile(const fs::path& path) {
  if (reads_.Next())
    return InvalidArgument("path", "cannot read " + path.string() + " (injected fault)");
  return base_.ReadFile(path);
}

Status FaultyEnv::WriteFile(const fs::path& path, std::string_view contents) {
  if (writes_.Next())
    return InvalidArgument("output", "cannot write " + path.string() + " (injected fault)");
  return base_.WriteFile(path, contents);
}

}  // namespace carecoop
