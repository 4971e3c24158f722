#include "io/ssda903_spec.h"

#include <algorithm>
#include <map>
#include <mutex>
#include <sstream>
#include <stdexcept>

#include "core/csv.h"

namespace carecoop::embedded {
std::string_view ssda903_years_csv();
}  // namespace carecoop::embedded

namespace carecoop::ssda903 {
namespace {

std::vector<SpecRow> LoadTable() {
  auto table = ParseCsv(embedded::ssda903_years_csv(), "ssda903_years.csv");
  if (!table.ok()) throw std::runtime_error(table.status().ToString());
  std::vector<SpecRow> out;
  for (const auto& row : table->rows) {
    SpecRow r;
    r.item = row.fields.at(0);
    r.from_year = std::stoi(row.fields.at(1));
    r.to_year = std::stoi(row.fields.at(2));
    std::istringstream codes(row.fields.at(3));
    for (std::string c; codes >> c;) r.codes.push_back(c);
    r.rule = row.fields.at(4);
    r.meaning = row.fields.at(5);
    out.push_back(std::move(r));
  }
  return out;
}

YearSpec Build(int year) {
  YearSpec s;
  s.year = year;
  const std::map<std::string, std::vector<std::string>*> items = {
      {"SEX", &s.sex},
      {"URN_NOT_REQUIRED", &s.urn_not_required},
      {"URN_NOT_ALLOWED", &s.urn_not_allowed},
      {"PROVIDER_NOT_ALLOWED", &s.provider_not_allowed},
      {"PR0_ONLY_WITH", &s.pr0_only_with},
      {"HEADER_REQUIRED", &s.header_required},
      {"HEADER_REQUIRED_FEMALE", &s.header_required_female},
      {"EPISODE_REQUIRED", &s.episode_required},
  };
  for (const auto& row : SpecTable()) {
    if (year < row.from_year || year > row.to_year) continue;
    auto it = items.find(row.item);
    if (it == items.end()) throw std::runtime_error("ssda903_years.csv: unknown item " + row.item);
    *it->second = row.codes;
  }
  return s;
}

}  // namespace

bool YearSpec::In(const std::vector<std::string>& list, std::string_view code) {
  return std::find(list.begin(), list.end(), code) != list.end();
}

std::string YearSpec::Label() const {
  std::string next = std::to_string(year % 100);
  if (next.size() < 2) next = "0" + next;
  return std::to_string(year - 1) + "/" + next;
}

const std::vector<SpecRow>& SpecTable() {
  static const std::vector<SpecRow> kTable = LoadTable();
  return kTable;
}

const YearSpec& SpecForYear(int year) {
  static std::mutex mu;
  static std::map<int, YearSpec> cache;
  year = std::clamp(year, 1990, 9999);
  std::lock_guard<std::mutex> lock(mu);
  auto it = cache.find(year);
  if (it == cache.end()) it = cache.emplace(year, Build(year)).first;
  return it->second;  // std::map nodes do not move
}

}  // namespace carecoop::ssda903
