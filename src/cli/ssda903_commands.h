// `carecoop import-903`, `carecoop export-903` and `carecoop forecast`: the
// SSDA903 return in and out of the store, and the demand forecast on it.
#ifndef CARECOOP_CLI_SSDA903_COMMANDS_H_
#define CARECOOP_CLI_SSDA903_COMMANDS_H_

#include <optional>
#include <ostream>
#include <string>

namespace carecoop::cli {

struct ImportArgs {
  std::string store_url;
  std::string path;
  std::string council;      // ONS/DfE code or name; "" when the files carry LA
  std::optional<int> year;  // for a single-year folder or XML file
  bool replace = false;
  std::string report;  // write every rejected row and warning here (CSV)
};
int Import903(const ImportArgs& args, std::ostream& out, std::ostream& err);

struct ExportArgs {
  std::string store_url;
  std::string council;
  int year = 0;
  std::string format = "csv";  // csv: OUT/<YEAR>/{header,episodes,uasc}.csv; xml: OUT is the file
  std::string out;
};
int Export903(const ExportArgs& args, std::ostream& out, std::ostream& err);

struct ForecastArgs {
  std::string input;      // a 903 return in any layout, or
  std::string store_url;  // the store
  std::string council;    // one council (code or name; with --input, an LA value)
  std::string rcc;        // one RCC (store only)
  bool all = false;       // every council, every RCC and England (store only)
  unsigned threads = 0;   // for --all; 0: one per core
  std::string reference_start, reference_end;  // default: the data's last year
  int horizon_months = 24;
  std::string format = "text";  // text, json or csv
};
int Forecast(const ForecastArgs& args, std::ostream& out, std::ostream& err);

}  // namespace carecoop::cli

#endif  // CARECOOP_CLI_SSDA903_COMMANDS_H_
