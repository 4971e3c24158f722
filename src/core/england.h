// Reference geography of England, compiled into the program from data/:
// the 9 regions and the 153 councils with children's services
// (data/england_councils.csv; sources and licences in data/README.md).
#ifndef CARECOOP_CORE_ENGLAND_H_
#define CARECOOP_CORE_ENGLAND_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/geo.h"

namespace carecoop {

struct RegionRecord {
  std::string ons_code;  // E12000001..E12000009
  std::string name;      // as the DfE spells it: "Yorkshire and The Humber"
};

struct CouncilRecord {
  std::string ons_code;     // E06/E08/E09/E10...
  std::string dfe_la_code;  // 3 digits, as in SSDA903 returns
  std::string name;
  std::string region;  // RegionRecord::name
  LatLon centre;       // area centre, for rough distances only
  int cla_2024 = 0;    // children looked after on 31 March 2024
};

// The 9 English regions, in ONS code order.
const std::vector<RegionRecord>& EnglandRegions();

// The 153 councils, sorted by ONS code. Parsed once from the embedded CSV;
// a malformed embedded file is a build defect and stops the program.
const std::vector<CouncilRecord>& EnglandCouncils();

// The embedded data files, for code that parses them itself.
std::string_view EmbeddedCouncilsCsv();
std::string_view EmbeddedCalibrationCsv();

}  // namespace carecoop

#endif  // CARECOOP_CORE_ENGLAND_H_
