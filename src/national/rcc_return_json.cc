#include "national/rcc_return_json.h"

#include <charconv>
#include <map>
#include <tuple>

#include "core/csv.h"

namespace carecoop::national {
namespace {

using nlohmann::json;

json Optional(const std::optional<std::int64_t>& v) { return v ? json(*v) : json(nullptr); }

Result<std::optional<std::int64_t>> Count(const json& j, const std::string& field) {
  if (j.is_null()) return std::optional<std::int64_t>{};
  if (!j.is_number_integer())
    return InvalidArgument(field, "must be a whole number, or null where suppressed");
  return std::optional<std::int64_t>{j.get<std::int64_t>()};
}

Result<std::vector<std::string>> Codes(const json& j, const std::string& field) {
  if (!j.is_array()) return InvalidArgument(field, "must be a list of codes");
  std::vector<std::string> out;
  for (std::size_t i = 0; i < j.size(); ++i) {
    if (!j[i].is_string())
      return InvalidArgument(field + "[" + std::to_string(i) + "]", "must be a code (text)");
    out.push_back(j[i].get<std::string>());
  }
  return out;
}

Result<std::vector<std::optional<std::int64_t>>> Counts(const json& j, const std::string& field,
                                                        std::size_t size) {
  if (!j.is_array() || j.size() != size)
    return InvalidArgument(field, "must be a list of " + std::to_string(size) +
                                      " whole numbers (null where suppressed)");
  std::vector<std::optional<std::int64_t>> out;
  for (std::size_t i = 0; i < j.size(); ++i) {
    CC_ASSIGN_OR_RETURN(auto v, Count(j[i], field + "[" + std::to_string(i) + "]"));
    out.push_back(v);
  }
  return out;
}

Result<std::string> Text(const json& j, const std::string& key) {
  if (!j.contains(key)) return InvalidArgument(key, "is missing");
  if (!j[key].is_string()) return InvalidArgument(key, "must be text");
  return j[key].get<std::string>();
}

Result<json> Member(const json& j, const std::string& key, const std::string& field) {
  if (!j.contains(key)) return InvalidArgument(field, "is missing");
  return j[key];
}

Status Header(RccReturn& r, const std::string& format, std::int64_t version, const std::string& rcc,
              const std::string& quarter, const std::string& produced) {
  if (format != kReturnFormat)
    return InvalidArgument("format",
                           "must be '" + std::string(kReturnFormat) + "', not '" + format + "'");
  r.version = static_cast<int>(version);
  r.rcc_code = rcc;
  CC_ASSIGN_OR_RETURN(r.quarter, Quarter::Parse(quarter, "quarter"));
  CC_ASSIGN_OR_RETURN(r.produced, Date::ParseIso(produced, "produced"));
  return Status::Ok();
}

// The numbers of a profile count, by their name in the files.
std::vector<std::pair<const char*, std::int64_t*>> ProfileNumbers(NeedProfileCount& c) {
  return {{"unmet", &c.unmet},
          {"hard_to_place", &c.hard_to_place},
          {"weekly_fees_pence", &c.weekly_fees_pence},
          {"miles", &c.miles},
          {"with_distance", &c.with_distance}};
}

}  // namespace

json ReturnJson(const RccReturn& r) {
  json tables = json::array();
  for (const auto& t : r.tables) {
    json cells = json::array();
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
      json row = json::array();
      for (std::size_t c = 0; c < t.columns.size(); ++c) row.push_back(Optional(t.Cell(i, c)));
      cells.push_back(std::move(row));
    }
    json rt = json::array(), ct = json::array();
    for (const auto& v : t.row_totals) rt.push_back(Optional(v));
    for (const auto& v : t.column_totals) ct.push_back(Optional(v));
    tables.push_back({{"name", t.name},
                      {"population", t.population},
                      {"amounts", t.amounts},
                      {"row_dimension", t.row_dimension},
                      {"column_dimension", t.column_dimension},
                      {"rows", t.rows},
                      {"columns", t.columns},
                      {"cells", std::move(cells)},
                      {"row_totals", std::move(rt)},
                      {"column_totals", std::move(ct)},
                      {"total", Optional(t.total)}});
  }
  json profiles = json::array();
  for (const auto& c : r.need_profiles)
    profiles.push_back({{"profile", c.profile.Key()},
                        {"unmet", c.unmet},
                        {"hard_to_place", c.hard_to_place},
                        {"weekly_fees_pence", c.weekly_fees_pence},
                        {"miles", c.miles},
                        {"with_distance", c.with_distance}});
  return {{"format", kReturnFormat},
          {"version", r.version},
          {"rcc_code", r.rcc_code},
          {"quarter", r.quarter.ToString()},
          {"produced", r.produced.ToIso()},
          {"median_days_to_placement",
           r.median_days_to_placement ? json(*r.median_days_to_placement) : json(nullptr)},
          {"tables", std::move(tables)},
          {"need_profiles", std::move(profiles)}};
}

Result<RccReturn> ReturnFromJson(const json& j) {
  if (!j.is_object()) return InvalidArgument("return", "must be a JSON object");
  RccReturn r;
  CC_ASSIGN_OR_RETURN(std::string format, Text(j, "format"));
  if (!j.contains("version") || !j["version"].is_number_integer())
    return InvalidArgument("version", "must be a whole number");
  CC_ASSIGN_OR_RETURN(std::string rcc, Text(j, "rcc_code"));
  CC_ASSIGN_OR_RETURN(std::string quarter, Text(j, "quarter"));
  CC_ASSIGN_OR_RETURN(std::string produced, Text(j, "produced"));
  CC_RETURN_IF_ERROR(Header(r, format, j["version"].get<std::int64_t>(), rcc, quarter, produced));
  if (j.contains("median_days_to_placement") && !j["median_days_to_placement"].is_null()) {
    if (!j["median_days_to_placement"].is_number())
      return InvalidArgument("median_days_to_placement", "must be a number of days, or null");
    r.median_days_to_placement = j["median_days_to_placement"].get<double>();
  }
  CC_ASSIGN_OR_RETURN(json tables, Member(j, "tables", "tables"));
  if (!tables.is_array()) return InvalidArgument("tables", "must be a list of tables");
  for (std::size_t i = 0; i < tables.size(); ++i) {
    const std::string f = "tables[" + std::to_string(i) + "]";
    const json& t = tables[i];
    if (!t.is_object()) return InvalidArgument(f, "must be an object");
    ReturnTable x;
    for (auto [key, into] : {std::pair{"name", &x.name}, std::pair{"population", &x.population},
                             std::pair{"row_dimension", &x.row_dimension},
                             std::pair{"column_dimension", &x.column_dimension}}) {
      if (!t.contains(key) || !t[key].is_string())
        return InvalidArgument(f + "." + key, "must be text");
      *into = t[key].get<std::string>();
    }
    if (!t.contains("amounts") || !t["amounts"].is_boolean())
      return InvalidArgument(f + ".amounts", "must be true or false");
    x.amounts = t["amounts"].get<bool>();
    CC_ASSIGN_OR_RETURN(json rows, Member(t, "rows", f + ".rows"));
    CC_ASSIGN_OR_RETURN(x.rows, Codes(rows, f + ".rows"));
    CC_ASSIGN_OR_RETURN(json columns, Member(t, "columns", f + ".columns"));
    CC_ASSIGN_OR_RETURN(x.columns, Codes(columns, f + ".columns"));
    CC_ASSIGN_OR_RETURN(json cells, Member(t, "cells", f + ".cells"));
    if (!cells.is_array() || cells.size() != x.rows.size())
      return InvalidArgument(f + ".cells", "must be a list of " + std::to_string(x.rows.size()) +
                                               " rows, one a row code");
    for (std::size_t r_i = 0; r_i < cells.size(); ++r_i) {
      CC_ASSIGN_OR_RETURN(auto row, Counts(cells[r_i], f + ".cells[" + std::to_string(r_i) + "]",
                                           x.columns.size()));
      x.cells.insert(x.cells.end(), row.begin(), row.end());
    }
    CC_ASSIGN_OR_RETURN(json rt, Member(t, "row_totals", f + ".row_totals"));
    CC_ASSIGN_OR_RETURN(x.row_totals, Counts(rt, f + ".row_totals", x.rows.size()));
    CC_ASSIGN_OR_RETURN(json ct, Member(t, "column_totals", f + ".column_totals"));
    CC_ASSIGN_OR_RETURN(x.column_totals, Counts(ct, f + ".column_totals", x.columns.size()));
    CC_ASSIGN_OR_RETURN(json total, Member(t, "total", f + ".total"));
    CC_ASSIGN_OR_RETURN(x.total, Count(total, f + ".total"));
    r.tables.push_back(std::move(x));
  }
  if (j.contains("need_profiles")) {
    const json& profiles = j["need_profiles"];
    if (!profiles.is_array()) return InvalidArgument("need_profiles", "must be a list");
    for (std::size_t i = 0; i < profiles.size(); ++i) {
      const std::string f = "need_profiles[" + std::to_string(i) + "]";
      const json& p = profiles[i];
      if (!p.is_object()) return InvalidArgument(f, "must be an object");
      NeedProfileCount c;
      if (!p.contains("profile") || !p["profile"].is_string())
        return InvalidArgument(f + ".profile", "must be a profile key (text)");
      CC_ASSIGN_OR_RETURN(c.profile,
                          ParseProfileKey(p["profile"].get<std::string>(), f + ".profile"));
      for (auto [key, into] : ProfileNumbers(c)) {
        if (!p.contains(key) || !p[key].is_number_integer())
          return InvalidArgument(f + "." + key, "must be a whole number");
        *into = p[key].get<std::int64_t>();
      }
      r.need_profiles.push_back(std::move(c));
    }
  }
  AddLaterTables(r);
  return r;
}

std::string ReturnCsv(const RccReturn& r) {
  std::string out = "format,version,rcc_code,quarter,produced,table,row,column,value\n";
  const std::string head = std::string(kReturnFormat) + "," + std::to_string(r.version) + "," +
                           CsvField(r.rcc_code) + "," + r.quarter.ToString() + "," +
                           r.produced.ToIso() + ",";
  auto line = [&](const std::string& table, const std::string& row, const std::string& column,
                  const std::string& value) {
    out +=
        head + CsvField(table) + "," + CsvField(row) + "," + CsvField(column) + "," + value + "\n";
  };
  auto text = [](const std::optional<std::int64_t>& v) {
    return v ? std::to_string(*v) : std::string();
  };
  for (const auto& t : r.tables) {
    for (std::size_t i = 0; i < t.rows.size(); ++i)
      for (std::size_t c = 0; c < t.columns.size(); ++c)
        line(t.name, t.rows[i], t.columns[c], text(t.Cell(i, c)));
    for (std::size_t i = 0; i < t.rows.size(); ++i)
      line(t.name, t.rows[i], "total", text(t.row_totals[i]));
    for (std::size_t c = 0; c < t.columns.size(); ++c)
      line(t.name, "total", t.columns[c], text(t.column_totals[c]));
    line(t.name, "total", "total", text(t.total));
  }
  line("median_days_to_placement", "", "",
       r.median_days_to_placement ? nlohmann::json(*r.median_days_to_placement).dump() : "");
  for (NeedProfileCount c : r.need_profiles)
    for (auto [name, value] : ProfileNumbers(c))
      line("need_profiles", c.profile.Key(), name, std::to_string(*value));
  return out;
}

Result<RccReturn> ReturnFromCsv(std::string_view text, std::string_view source) {
  CC_ASSIGN_OR_RETURN(CsvTable csv, ParseCsv(text, source));
  const std::vector<std::string> want = {"format", "version", "rcc_code", "quarter", "produced",
                                         "table",  "row",     "column",   "value"};
  if (csv.header != want)
    return InvalidArgument("header", std::string(source) + ": the columns must be " +
                                         "format,version,rcc_code,quarter,produced,table,row,"
                                         "column,value");
  if (csv.rows.empty()) return InvalidArgument("rows", std::string(source) + ": has no rows");
  const auto& first = csv.rows.front().fields;
  RccReturn r;
  std::int64_t version = 0;
  if (std::from_chars(first[1].data(), first[1].data() + first[1].size(), version).ec !=
      std::errc())
    return InvalidArgument("version", "must be a whole number");
  CC_RETURN_IF_ERROR(Header(r, first[0], version, first[2], first[3], first[4]));
  // Where each (table, row, column) goes.
  std::map<std::tuple<std::string, std::string, std::string>,
           std::pair<std::size_t, std::optional<std::int64_t>*>>
      slot;
  for (const auto& l : Layouts()) r.tables.push_back(EmptyTable(l));
  for (std::size_t t = 0; t < r.tables.size(); ++t) {
    // An earlier version's return has no figures for the tables added later.
    if (Layouts()[t].since > r.version) continue;
    ReturnTable& x = r.tables[t];
    for (std::size_t i = 0; i < x.rows.size(); ++i)
      for (std::size_t c = 0; c < x.columns.size(); ++c)
        slot[{x.name, x.rows[i], x.columns[c]}] = {t, &x.cells[i * x.columns.size() + c]};
    for (std::size_t i = 0; i < x.rows.size(); ++i)
      slot[{x.name, x.rows[i], "total"}] = {t, &x.row_totals[i]};
    for (std::size_t c = 0; c < x.columns.size(); ++c)
      slot[{x.name, "total", x.columns[c]}] = {t, &x.column_totals[c]};
    slot[{x.name, "total", "total"}] = {t, &x.total};
  }
  std::map<std::tuple<std::string, std::string, std::string>, std::size_t> seen;
  std::map<std::string, NeedProfileCount> profiles;  // by key, so in key order
  for (const auto& row : csv.rows) {
    const auto& f = row.fields;
    const std::string at = std::string(source) + ":" + std::to_string(row.line) + ": ";
    for (std::size_t k = 0; k < 5; ++k)
      if (f[k] != first[k])
        return InvalidArgument(want[k], at + "every row must have the same " + want[k] +
                                            " as the first ('" + first[k] + "')");
    const auto key = std::make_tuple(f[5], f[6], f[7]);
    if (auto [it, fresh] = seen.try_emplace(key, row.line); !fresh)
      return InvalidArgument("value", at + f[5] + " " + f[6] + " by " + f[7] +
                                          " is given twice (also on line " +
                                          std::to_string(it->second) + ")");
    if (f[5] == "median_days_to_placement") {
      if (!f[8].empty()) {
        double d = 0;
        if (std::from_chars(f[8].data(), f[8].data() + f[8].size(), d).ec != std::errc())
          return InvalidArgument("median_days_to_placement", at + "must be a number of days");
        r.median_days_to_placement = d;
      }
      continue;
    }
    if (f[5] == "need_profiles") {
      auto [at_profile, fresh] = profiles.try_emplace(f[6]);
      if (fresh) {
        CC_ASSIGN_OR_RETURN(at_profile->second.profile,
                            ParseProfileKey(f[6], at + "need_profiles row"));
      }
      bool known = false;
      for (auto [name, into] : ProfileNumbers(at_profile->second)) {
        if (f[7] != name) continue;
        known = true;
        auto [end, ec] = std::from_chars(f[8].data(), f[8].data() + f[8].size(), *into);
        if (f[8].empty() || ec != std::errc() || end != f[8].data() + f[8].size())
          return InvalidArgument("value",
                                 at + "a need profile's " + f[7] + " must be a whole number");
      }
      if (!known)
        return InvalidArgument("column", at + "'" + f[7] +
                                             "' is not a need profile's number (unmet, "
                                             "hard_to_place, weekly_fees_pence, miles, "
                                             "with_distance)");
      continue;
    }
    auto it = slot.find(key);
    if (it == slot.end())
      return InvalidArgument("table", at + "there is no figure '" + f[6] + "' by '" + f[7] +
                                          "' in a table '" + f[5] + "' of return format " +
                                          std::to_string(kReturnVersion));
    if (!f[8].empty()) {
      std::int64_t v = 0;
      auto [end, ec] = std::from_chars(f[8].data(), f[8].data() + f[8].size(), v);
      if (ec != std::errc() || end != f[8].data() + f[8].size())
        return InvalidArgument("value", at + "must be a whole number, or empty where suppressed");
      *it->second.second = v;
    }
  }
  for (const auto& [key, where] : slot)
    if (!seen.count(key))
      return InvalidArgument(
          "value", std::string(source) + ": " + std::get<0>(key) + " " + std::get<1>(key) + " by " +
                       std::get<2>(key) +
                       " is missing (give it with an empty value if suppressed)");
  for (auto& [key, c] : profiles) r.need_profiles.push_back(std::move(c));
  AddLaterTables(r);
  return r;
}

Result<RccReturn> ReadReturn(std::string_view text, std::string_view source) {
  std::size_t i = 0;
  while (i < text.size() &&
         (text[i] == ' ' || text[i] == '\n' || text[i] == '\r' || text[i] == '\t'))
    ++i;
  if (i < text.size() && text[i] == '{') {
    json j = json::parse(text, nullptr, false);
    if (j.is_discarded())
      return InvalidArgument("return", std::string(source) + ": is not well-formed JSON");
    return ReturnFromJson(j);
  }
  return ReturnFromCsv(text, source);
}

}  // namespace carecoop::national
