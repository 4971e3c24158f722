// A private folder for a fuzz target's input files (the SSDA903 readers read
// files), one per process, under /dev/shm when it exists.
#ifndef CARECOOP_FUZZ_FUZZ_FILES_H_
#define CARECOOP_FUZZ_FUZZ_FILES_H_

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace carecoop::fuzz {

inline std::filesystem::path ScratchDir(const std::string& name) {
  std::filesystem::path base =
      std::filesystem::exists("/dev/shm") ? "/dev/shm" : std::filesystem::temp_directory_path();
  auto dir = base / ("carecoop_fuzz_" + name + "_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  return dir;
}

inline void WriteFile(const std::filesystem::path& p, std::string_view bytes) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

}  // namespace carecoop::fuzz

#endif  // CARECOOP_FUZZ_FUZZ_FILES_H_
