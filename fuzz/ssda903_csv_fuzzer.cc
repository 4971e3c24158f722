// The SSDA903 CSV reader on arbitrary bytes: the input is split at 0x01
// into header.csv, episodes.csv and uasc.csv of a single-year folder. The
// reader must answer (a return, or a refusal naming file, line and column)
// and never crash, read out of bounds or overflow.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/fuzz_files.h"
#include "io/ssda903_return.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto dir = carecoop::fuzz::ScratchDir("csv");
  std::string_view in(reinterpret_cast<const char*>(data), size);
  const char* names[] = {"header.csv", "episodes.csv", "uasc.csv"};
  for (int i = 0; i < 3; ++i) {
    const auto cut = in.find('\x01');
    carecoop::fuzz::WriteFile(dir / names[i], in.substr(0, cut));
    in = cut == std::string_view::npos ? std::string_view() : in.substr(cut + 1);
  }
  carecoop::ssda903::ReadReport report;
  carecoop::ssda903::ReadOptions options;
  options.year = 2024;
  options.max_problems = 50;
  auto r = carecoop::ssda903::ReadReturn(dir, options, report);
  if (!r.ok() && report.rejected.empty() && r.status().message().empty()) __builtin_trap();
  return 0;
}
