#include "core/england.h"

#include <charconv>
#include <cstdio>
#include <cstdlib>

#include "core/csv.h"

namespace carecoop {
namespace embedded {
std::string_view england_councils_csv();
std::string_view calibration_england_csv();
}  // namespace embedded

std::string_view EmbeddedCouncilsCsv() { return embedded::england_councils_csv(); }
std::string_view EmbeddedCalibrationCsv() { return embedded::calibration_england_csv(); }

const std::vector<RegionRecord>& EnglandRegions() {
  static const std::vector<RegionRecord> kRegions = {
      {"E12000001", "North East"},
      {"E12000002", "North West"},
      {"E12000003", "Yorkshire and The Humber"},
      {"E12000004", "East Midlands"},
      {"E12000005", "West Midlands"},
      {"E12000006", "East of England"},
      {"E12000007", "London"},
      {"E12000008", "South East"},
      {"E12000009", "South West"},
  };
  return kRegions;
}

namespace {

[[noreturn]] void Die(const std::string& why) {
  std::fprintf(stderr, "carecoop: embedded england_councils.csv is invalid: %s\n", why.c_str());
  std::abort();
}

std::vector<CouncilRecord> ParseCouncils() {
  auto table = ParseCsv(EmbeddedCouncilsCsv(), "data/england_councils.csv");
  if (!table.ok()) Die(table.status().ToString());
  const char* names[] = {"ons_code", "dfe_la_code", "name", "region", "lat", "lon", "cla_2024"};
  int col[7];
  for (int i = 0; i < 7; ++i) {
    col[i] = table->Column(names[i]);
    if (col[i] < 0) Die(std::string("missing column ") + names[i]);
  }
  std::vector<CouncilRecord> out;
  for (const auto& row : table->rows) {
    const auto& f = row.fields;
    CouncilRecord c;
    c.ons_code = f[std::size_t(col[0])];
    c.dfe_la_code = f[std::size_t(col[1])];
    c.name = f[std::size_t(col[2])];
    c.region = f[std::size_t(col[3])];
    c.centre.lat = std::strtod(f[std::size_t(col[4])].c_str(), nullptr);
    c.centre.lon = std::strtod(f[std::size_t(col[5])].c_str(), nullptr);
    const auto& cla = f[std::size_t(col[6])];
    std::from_chars(cla.data(), cla.data() + cla.size(), c.cla_2024);
    out.push_back(std::move(c));
  }
  if (out.size() != 153) Die("expected 153 councils, found " + std::to_string(out.size()));
  return out;
}

}  // namespace

const std::vector<CouncilRecord>& EnglandCouncils() {
  static const std::vector<CouncilRecord> kCouncils = ParseCouncils();
  return kCouncils;
}

}  // namespace carecoop
