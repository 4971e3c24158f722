// The DfE SSDA903 XML reader on arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/fuzz_files.h"
#include "io/ssda903_return.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto file = carecoop::fuzz::ScratchDir("xml") / "return.xml";
  carecoop::fuzz::WriteFile(file, std::string_view(reinterpret_cast<const char*>(data), size));
  carecoop::ssda903::ReadReport report;
  carecoop::ssda903::ReadOptions options;
  options.year = 2024;
  options.max_problems = 50;
  (void)carecoop::ssda903::ReadReturn(file, options, report);
  return 0;
}
