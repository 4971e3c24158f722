#include "synth/calibration.h"

#include <array>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <unordered_map>

#include "core/england.h"
#include "synth/generator.h"

namespace carecoop::synth {
namespace {

bool StartsWithAny(const std::string& code, std::initializer_list<const char*> prefixes) {
  for (const char* p : prefixes)
    if (code == p) return true;
  return false;
}

std::string EthnicGroup(const std::string& code) {
  if (code.starts_with("W")) return "White";
  if (code.starts_with("M")) return "Mixed";
  if (code.starts_with("B")) return "Black";
  if (code.starts_with("A")) return "Asian";
  if (code == "OOTH" || code == "CHNE") return "Other";
  return "Unknown";
}

std::string FormatValue(double v, Unit unit) {
  char buf[64];
  switch (unit) {
    case Unit::kShare:
      std::snprintf(buf, sizeof buf, "%.1f%%", v * 100);
      break;
    case Unit::kPounds:
      if (v >= 1e8)
        std::snprintf(buf, sizeof buf, "£%.2fbn", v / 1e9);
      else
        std::snprintf(buf, sizeof buf, "£%.0f", v);
      break;
    default:
      std::snprintf(buf, sizeof buf, "%.0f", v);
  }
  return buf;
}

}  // namespace

double CalibrationRow::DifferencePercent() const {
  if (published == 0) return 0;
  return (generated - published) / published * 100;
}

Result<Calibration> Calibrate(store::Store& store, Date as_at) {
  CC_ASSIGN_OR_RETURN(England england, ReadEngland(store));
  const std::vector<Council>& councils = england.councils;
  const std::vector<Region>& regions = england.regions;
  const std::vector<Provider>& providers = england.providers;
  const std::vector<Home>& homes = england.homes;
  const std::vector<Vacancy>& vacancies = england.vacancies;
  const std::vector<Child>& children = england.children;
  const std::vector<Placement>& placements = england.placements;
  if (councils.empty())
    return InvalidArgument("store", "holds no councils: generate synthetic England first");

  std::unordered_map<std::int64_t, const Council*> council_by_id;
  std::unordered_map<std::int64_t, std::string> region_name;
  for (const auto& r : regions) region_name[r.id.value()] = r.name;
  double cla_2024 = 0;
  for (const auto& c : councils) {
    council_by_id[c.id.value()] = &c;
    cla_2024 += c.cla_2024;
  }
  double england_2024 = 0;
  for (const auto& c : EnglandCouncils()) england_2024 += c.cla_2024;
  std::unordered_map<std::int64_t, const Provider*> provider_by_id;
  for (const auto& p : providers) provider_by_id[p.id.value()] = &p;
  std::unordered_map<std::int64_t, const Home*> home_by_id;
  for (const auto& h : homes) home_by_id[h.id.value()] = &h;
  std::unordered_map<std::int64_t, const Child*> child_by_id;
  for (const auto& c : children) child_by_id[c.id.value()] = &c;

  const Date year_start = as_at.AddDays(-364);
  auto in_year = [&](Date d) { return d >= year_start && d <= as_at; };
  auto in_care = [&](const Child& c) {
    return c.care_started <= as_at && (!c.care_ended || *c.care_ended > as_at);
  };

  std::map<std::string, double> g;  // generated values by key
  double cla = 0;
  std::map<int, double> age_bands;
  std::map<std::string, double> ethnic;
  for (const auto& c : children) {
    if (in_care(c)) {
      ++cla;
      g["uasc"] += c.uasc;
      g["male"] += c.sex == Sex::kMale;
      int age = AgeInYears(c.date_of_birth, as_at);
      ++age_bands[age < 1 ? 0 : age < 5 ? 1 : age < 10 ? 2 : age < 16 ? 3 : 4];
      ++ethnic[EthnicGroup(c.ethnicity)];
    }
    if (in_year(c.care_started)) ++g["started"];
    if (c.care_ended && in_year(*c.care_ended)) {
      ++g["ceased"];
      g["adopted"] += c.reason_ceased == "E11" || c.reason_ceased == "E12";
    }
  }
  g["cla"] = cla;
  g["councils"] = static_cast<double>(councils.size());
  const char* age_keys[] = {"age_under1", "age_1_4", "age_5_9", "age_10_15", "age_16_plus"};
  for (int b = 0; b < 5; ++b) g[age_keys[b]] = age_bands[b] / std::max(1.0, cla);
  g["male"] /= std::max(1.0, cla);
  const std::pair<const char*, const char*> eth_keys[] = {{"eth_white", "White"},
                                                          {"eth_mixed", "Mixed"},
                                                          {"eth_black", "Black"},
                                                          {"eth_asian", "Asian"},
                                                          {"eth_other", "Other"}};
  for (auto [key, group] : eth_keys) g[key] = ethnic[group] / std::max(1.0, cla);

  // Placements: the stock on as_at, the year's changes and new placements.
  double changes = 0, new_known = 0, new_far = 0, new_outside = 0, stock_homed = 0,
         stock_outside = 0;
  std::map<std::string, double> reasons;
  double ch_fees = 0, ch_n = 0, ifa_fees = 0, ifa_n = 0, la_fees = 0, la_n = 0;
  double mainstream_filled = 0;
  for (const auto& p : placements) {
    const Child* child =
        child_by_id.count(p.child.value()) ? child_by_id[p.child.value()] : nullptr;
    if (child == nullptr) continue;
    const Home* home =
        p.home && home_by_id.count(p.home->value()) ? home_by_id[p.home->value()] : nullptr;
    if (p.end && in_year(*p.end) && !p.reason_place_change.empty()) {
      ++changes;
      ++reasons[p.reason_place_change];
    }
    if (in_year(p.start) && home) {
      ++new_known;
      new_far += DistanceKm(child->family_location, home->location) > 20 * kKmPerMile;
      new_outside += home->council != child->council;
    }
    bool current = p.start <= as_at && (!p.end || *p.end > as_at);
    if (!current) continue;
    const std::string& code = p.place_code;
    bool kinship = StartsWithAny(code, {"U1", "U2", "U3"});
    bool foster = kinship || StartsWithAny(code, {"U4", "U5", "U6"});
    g["foster"] += foster;
    g["kinship"] += kinship;
    g["residential"] += StartsWithAny(code, {"K1", "K2"});
    g["supported"] += StartsWithAny(code, {"K3", "H5", "P2"});
    g["with_parents"] += code == "P1";
    g["adoption"] += StartsWithAny(code, {"A3", "A4", "A5", "A6"});
    g["other_residential"] += StartsWithAny(code, {"R1", "R2", "R3", "R5"});
    double pounds = static_cast<double>(p.weekly_fee.value()) / 100;
    g["spend"] += pounds * 52;
    g["high_cost"] += pounds >= 10000;
    if (code == "K2") {
      ch_fees += pounds;
      ++ch_n;
    }
    if (foster && !kinship && home) {
      const Provider* prov = provider_by_id[home->provider.value()];
      if (prov && prov->ownership == Ownership::kCouncil) {
        la_fees += pounds;
        ++la_n;
      } else {
        ifa_fees += pounds;
        ++ifa_n;
      }
      if (!home->connected_person) ++mainstream_filled;
    }
    if (home) {
      ++stock_homed;
      stock_outside += home->council != child->council;
    }
  }
  for (const char* key : {"foster", "kinship", "residential", "supported", "with_parents",
                          "adoption", "other_residential"})
    g[key] /= std::max(1.0, cla);
  g["changes"] = changes;
  const std::pair<const char*, const char*> reason_keys[] = {
      {"change_carpl", "CARPL"}, {"change_place", "PLACE"}, {"change_other", "OTHER"},
      {"change_creqb", "CREQB"}, {"change_creqo", "CREQO"}, {"change_child", "CHILD"}};
  for (auto [key, code] : reason_keys) g[key] = reasons[code] / std::max(1.0, changes);
  g["new_over_20mi"] = new_far / std::max(1.0, new_known);
  g["new_outside_la"] = new_outside / std::max(1.0, new_known);
  g["stock_outside_la"] = stock_outside / std::max(1.0, stock_homed);
  g["fee_residential"] = ch_fees / std::max(1.0, ch_n);
  g["fee_ifa"] = ifa_fees / std::max(1.0, ifa_n);
  g["fee_la_foster"] = la_fees / std::max(1.0, la_n);

  // Supply.
  double ch_homes = 0, ch_places = 0, ch_private = 0, ch_nw_homes = 0, ch_nw_places = 0;
  double secure_homes = 0, secure_places = 0, households = 0, kinship_households = 0,
         mainstream_places = 0;
  std::set<std::int64_t> sa_providers;
  std::set<std::int64_t> mainstream_homes;
  for (const auto& h : homes) {
    const Council* council = council_by_id[h.council.value()];
    bool nw = council && region_name[council->region.value()] == "North West";
    switch (h.setting) {
      case Setting::kChildrensHome: {
        ++ch_homes;
        ch_places += h.registered_places;
        const Provider* prov = provider_by_id[h.provider.value()];
        ch_private += prov && prov->ownership == Ownership::kPrivate;
        ch_nw_homes += nw;
        ch_nw_places += nw ? h.registered_places : 0;
        break;
      }
      case Setting::kSecureChildrensHome:
        ++secure_homes;
        secure_places += h.registered_places;
        break;
      case Setting::kSupportedAccommodation:
        sa_providers.insert(h.provider.value());
        break;
      case Setting::kFosteringHousehold:
        ++households;
        if (h.connected_person) {
          ++kinship_households;
        } else {
          mainstream_places += h.registered_places;
          mainstream_homes.insert(h.id.value());
        }
        break;
    }
  }
  double vacant = 0;
  for (const auto& v : vacancies)
    if (v.status == VacancyStatus::kOpen && mainstream_homes.count(v.home.value())) ++vacant;
  g["childrens_homes"] = ch_homes + secure_homes;
  g["ch_places"] = ch_places;
  g["ch_private"] = ch_private / std::max(1.0, ch_homes);
  g["ch_nw_homes"] = ch_nw_homes / std::max(1.0, ch_homes);
  g["ch_nw_places"] = ch_nw_places / std::max(1.0, ch_places);
  g["secure_homes"] = secure_homes;
  g["secure_places"] = secure_places;
  g["sa_providers"] = static_cast<double>(sa_providers.size());
  g["foster_households"] = households;
  g["foster_places"] = mainstream_places;
  g["foster_filled"] = mainstream_filled / std::max(1.0, mainstream_places);
  g["foster_vacant"] = vacant / std::max(1.0, mainstream_places);
  g["kinship_households"] = kinship_households / std::max(1.0, households);

  // The latest year's pooled budgets (the generator sets the year to as_at)
  // against the spend (weekly fees x 52).
  {
    int latest = 0;
    for (const BudgetLine& l : england.budget_lines) latest = std::max(latest, l.year);
    double budget = 0;
    for (const BudgetLine& l : england.budget_lines)
      if (l.year == latest) budget += static_cast<double>(l.amount.value()) / 100;
    g["budget_share"] = g["spend"] > 0 ? budget / g["spend"] : 0;
  }
  // Foster applications and approvals made in the year to as_at.
  {
    double applications = 0, approvals = 0;
    for (const CarerApplication& a : england.carer_applications) {
      if (a.application && year_start <= *a.application && *a.application <= as_at) ++applications;
      if (a.approval && year_start <= *a.approval && *a.approval <= as_at) ++approvals;
    }
    g["foster_approval"] = approvals / std::max(1.0, applications);
  }
  // Provider groups' operating margins from their returns, by what most of
  // their homes are.
  {
    std::map<std::int64_t, std::array<int, 2>>
        kinds;  // group -> children's homes, foster households
    std::map<std::int64_t, std::int64_t> group_of;
    for (const Provider& p : england.providers)
      if (p.group) group_of[p.id.value()] = p.group->value();
    for (const Home& h : england.homes) {
      auto g_it = group_of.find(h.provider.value());
      if (g_it == group_of.end()) continue;
      if (h.setting == Setting::kChildrensHome) ++kinds[g_it->second][0];
      if (h.setting == Setting::kFosteringHousehold) ++kinds[g_it->second][1];
    }
    double revenue[2] = {0, 0}, profit[2] = {0, 0};
    for (const FinancialReturn& r : england.financial_returns) {
      auto k = kinds.find(r.group.value());
      if (k == kinds.end()) continue;
      int kind = k->second[1] > k->second[0] ? 1 : 0;
      revenue[kind] += static_cast<double>(r.revenue.value());
      profit[kind] += static_cast<double>(r.operating_profit.value());
    }
    g["margin_ch"] = revenue[0] > 0 ? profit[0] / revenue[0] : 0;
    g["margin_ifa"] = revenue[1] > 0 ? profit[1] / revenue[1] : 0;
  }

  Calibration out;
  out.england_share = cla_2024 / england_2024;
  out.councils = static_cast<int>(councils.size());
  for (const auto& f : PublishedFigures()) {
    CalibrationRow row;
    row.figure = &f;
    bool scaled = (f.unit == Unit::kCount || f.key == "spend") && f.key != "councils";
    row.published = f.value * (scaled ? out.england_share : 1.0);
    if (f.key == "councils") row.published = std::round(f.value * out.england_share);
    row.generated = g[std::string(f.key)];
    out.rows.push_back(row);
  }
  return out;
}

std::string FormatCalibration(const Calibration& c) {
  std::string out;
  char line[256];
  if (c.england_share < 0.999) {
    std::snprintf(line, sizeof line,
                  "Store holds %d councils with %.1f%% of England's children in care; published "
                  "counts are scaled "
                  "to that share.\n\n",
                  c.councils, c.england_share * 100);
    out += line;
  }
  std::snprintf(line, sizeof line, "%-62s %14s %14s %9s  %s\n", "figure", "published", "generated",
                "diff", "targeted");
  out += line;
  for (const auto& r : c.rows) {
    char diff[32];
    std::snprintf(diff, sizeof diff, "%+.1f%%", r.DifferencePercent());
    std::snprintf(line, sizeof line, "%-62s %14s %14s %9s  %s\n",
                  std::string(r.figure->name).c_str(),
                  FormatValue(r.published, r.figure->unit).c_str(),
                  FormatValue(r.generated, r.figure->unit).c_str(), diff,
                  r.figure->targeted ? "yes" : "no (reference)");
    out += line;
  }
  return out;
}

}  // namespace carecoop::synth
