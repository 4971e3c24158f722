#include "cli/oversight_commands.h"

#include <cmath>
#include <fstream>
#include <iomanip>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/fail.h"
#include "core/csv.h"
#include "core/env.h"
#include "services/matching.h"
#include "services/workflow.h"
#include "store/store.h"

namespace carecoop::cli {
namespace {

using nlohmann::json;

std::string Percent(double x) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(1) << x * 100 << "%";
  return s.str();
}

std::string Pounds(std::int64_t pence) { return Pence(pence).ToPoundsString(); }

// The financial-return CSV (docs/formats/financial-return.md): one row a
// group and year, the group named by its company number, amounts in pounds.
Result<std::vector<FinancialReturn>> ReadReturns(store::Store& store, const std::string& path) {
  std::ifstream in(path);
  if (!in) return InvalidArgument("file", "cannot read " + path);
  std::stringstream text;
  text << in.rdbuf();
  CC_ASSIGN_OR_RETURN(CsvTable table, ParseCsv(text.str(), path));
  static const char* kAmounts[] = {"revenue",
                                   "staff_costs",
                                   "property_costs",
                                   "related_party_rent",
                                   "management_charges",
                                   "other_costs",
                                   "operating_profit",
                                   "market_rent",
                                   "debt",
                                   "connected_debt",
                                   "interest",
                                   "connected_interest",
                                   "cash",
                                   "capital_employed"};
  for (const char* column : {"company_number", "year"})
    if (table.Column(column) < 0) return InvalidArgument(column, path + ": no column " + column);
  for (const char* column : kAmounts)
    if (table.Column(column) < 0) return InvalidArgument(column, path + ": no column " + column);
  std::map<std::string, ProviderGroupId> groups;
  CC_RETURN_IF_ERROR(store.Read([&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(auto all, tx.List<ProviderGroup>());
    for (const ProviderGroup& g : all) groups[g.company_number] = g.id;
    return Status::Ok();
  }));
  std::vector<FinancialReturn> out;
  for (const CsvRow& row : table.rows) {
    const std::string where = path + ":" + std::to_string(row.line) + ": ";
    auto cell = [&](const char* column) {
      return row.fields[static_cast<std::size_t>(table.Column(column))];
    };
    FinancialReturn r;
    auto group = groups.find(cell("company_number"));
    if (group == groups.end())
      return InvalidArgument("company_number", where + "no provider group has company number '" +
                                                   cell("company_number") + "'");
    r.group = group->second;
    try {
      std::size_t used = 0;
      std::string year = cell("year");
      r.year = std::stoi(year, &used);
      if (used != year.size()) throw std::invalid_argument("year");
    } catch (const std::exception&) {
      return InvalidArgument("year", where + "must be a year such as 2025");
    }
    Pence* fields[] = {&r.revenue,
                       &r.staff_costs,
                       &r.property_costs,
                       &r.related_party_rent,
                       &r.management_charges,
                       &r.other_costs,
                       &r.operating_profit,
                       &r.market_rent,
                       &r.debt,
                       &r.connected_debt,
                       &r.interest,
                       &r.connected_interest,
                       &r.cash,
                       &r.capital_employed};
    for (std::size_t i = 0; i < std::size(kAmounts); ++i) {
      auto p = Pence::ParsePounds(cell(kAmounts[i]), kAmounts[i]);
      if (!p.ok()) return InvalidArgument(kAmounts[i], where + p.status().message());
      *fields[i] = *p;
    }
    if (table.Column("parent_company_number") >= 0)
      r.parent_company_number = cell("parent_company_number");
    Status valid = Validate(r);
    if (!valid.ok()) return InvalidArgument(valid.field(), where + valid.message());
    out.push_back(r);
  }
  return out;
}

json ConcentrationJson(const market::Concentration& c) {
  json largest = json::array();
  for (const market::FirmShare& f : c.largest)
    largest.push_back(
        {{"firm", f.firm}, {"placesShare", f.places_share}, {"spendShare", f.spend_share}});
  return {{"places", c.places},        {"spend", c.spend},        {"firms", c.firms},
          {"hhiPlaces", c.hhi_places}, {"hhiSpend", c.hhi_spend}, {"largest", largest}};
}

json ImpactJson(const services::Impact& i) {
  json rows = json::array();
  for (const services::RccImpact& r : i.by_rcc)
    rows.push_back({{"rcc", r.code},
                    {"placesLeaving", r.places_leaving},
                    {"children", r.children},
                    {"within20Miles", r.landing[0]},
                    {"withinRcc", r.landing[1]},
                    {"elsewhere", r.landing[2]},
                    {"nowhere", r.landing[3]},
                    {"weeklyCostChange", r.fee_after - r.fee_before}});
  return {{"homesClosing", i.homes_closing},
          {"placesLeaving", i.places_leaving},
          {"children", i.children},
          {"within20Miles", i.landing[0]},
          {"withinRcc", i.landing[1]},
          {"elsewhere", i.landing[2]},
          {"nowhere", i.landing[3]},
          {"weeklyCostChange", i.fee_after - i.fee_before},
          {"byRcc", rows}};
}

void PrintImpact(const services::Impact& i, std::ostream& out) {
  out << "  " << i.homes_closing << " homes close with " << i.places_leaving << " places; "
      << i.children << " children need another home: " << i.landing[0] << " within 20 miles, "
      << i.landing[1] << " further within their RCC, " << i.landing[2] << " elsewhere, "
      << i.landing[3] << " nowhere; weekly cost " << Pounds(i.fee_before) << " -> "
      << Pounds(i.fee_after) << "\n";
  for (const services::RccImpact& r : i.by_rcc)
    out << "    " << std::left << std::setw(8) << (r.code.empty() ? "(none)" : r.code) << std::right
        << std::setw(6) << r.places_leaving << " places leave " << std::setw(5) << r.children
        << " children: " << r.landing[0] << " / " << r.landing[1] << " / " << r.landing[2] << " / "
        << r.landing[3] << "  weekly change " << Pounds(r.fee_after - r.fee_before) << "\n";
}

}  // namespace

int Oversight(const OversightArgs& args, std::ostream& out, std::ostream& err) {
  Date today = Date::FromTimestamp(Env::Default().Now());
  if (!args.today.empty()) {
    auto parsed = Date::ParseIso(args.today, "today");
    if (!parsed.ok()) return Fail(err, parsed.status());
    today = *parsed;
  }
  auto opened = store::Store::Open(args.store_url);
  if (!opened.ok()) return Fail(err, opened.status());
  store::Store& store = **opened;
  const auto now = today.sys_days() + std::chrono::hours(12);
  services::Workflow wf(store, {.clock = [now] { return Timestamp(now); }});
  const services::Principal who{0, "cli.oversight", Role::kMarketOversight, {}, {}, {}};
  std::optional<RccId> rcc;
  if (!args.rcc.empty()) {
    Status found = store.Read([&](store::Tx& tx) -> Status {
      CC_ASSIGN_OR_RETURN(Rcc r, services::FindRcc(tx, args.rcc));
      rcc = r.id;
      return Status::Ok();
    });
    if (!found.ok()) return Fail(err, found);
  }
  json j;
  if (args.what == "prices" || args.what == "concentration") {
    auto v = wf.Market(who, rcc);
    if (!v.ok()) return Fail(err, v.status());
    if (args.what == "prices") {
      j = {{"scope", v->rcc ? v->rcc->code : "England"},
           {"placements", v->prices.placements},
           {"spotSharePlacements", v->prices.spot_share_placements},
           {"spotShareSpend", v->prices.spot_share_spend},
           {"cells", json::array()}};
      if (!args.json)
        out << "Prices paid, " << (v->rcc ? v->rcc->name : "England") << " ("
            << v->prices.placements << " current placements; spot "
            << Percent(v->prices.spot_share_placements) << " of placements, "
            << Percent(v->prices.spot_share_spend) << " of spend)\n"
            << "  setting                     band          n    lower q     median    upper q   "
               "fee/fair\n";
      for (const market::PriceCell& c : v->prices.cells) {
        j["cells"].push_back({{"setting", EnumCode(c.setting)},
                              {"band", EnumCode(c.band)},
                              {"count", c.fees.count},
                              {"q1", c.fees.q1.value()},
                              {"median", c.fees.median.value()},
                              {"q3", c.fees.q3.value()},
                              {"spotSharePlacements", c.spot_share_placements},
                              {"medianFeeToFairPrice",
                               c.median_fee_to_fair ? json(*c.median_fee_to_fair) : json()}});
        if (!args.json)
          out << "  " << std::left << std::setw(28) << EnumCode(c.setting) << std::setw(12)
              << EnumCode(c.band) << std::right << std::setw(5) << c.fees.count << std::setw(11)
              << c.fees.q1.ToPoundsString() << std::setw(11) << c.fees.median.ToPoundsString()
              << std::setw(11) << c.fees.q3.ToPoundsString() << std::setw(10)
              << (c.median_fee_to_fair ? Percent(*c.median_fee_to_fair) : "-") << "\n";
      }
    } else {
      j = {{"scope", v->rcc ? v->rcc->code : "England"},
           {"all", ConcentrationJson(v->all)},
           {"bySetting", json::array()},
           {"scarce", json::array()},
           {"byRcc", json::array()}};
      auto line = [&](const std::string& what, const market::Concentration& c) {
        out << "  " << std::left << std::setw(44) << what << std::right << std::setw(8)
            << std::lround(c.hhi_places) << std::setw(8) << std::lround(c.hhi_spend) << std::setw(7)
            << c.firms << "  "
            << (c.largest.empty()
                    ? ""
                    : c.largest[0].firm.substr(0, 34) + " " + Percent(c.largest[0].places_share))
            << "\n";
      };
      if (!args.json) {
        out << "Concentration (HHI of places and of weekly spend, by ultimate owner), "
            << (v->rcc ? v->rcc->name : "England") << "\n"
            << "  market                                      places   spend  firms  largest\n";
        line("all homes", v->all);
      }
      for (const auto& s : v->by_setting) {
        j["bySetting"].push_back({{"setting", EnumCode(s.setting)},
                                  {"concentration", ConcentrationJson(s.concentration)}});
        if (!args.json) line(std::string(EnumLabel(s.setting)), s.concentration);
      }
      for (const auto& s : v->scarce) {
        j["scarce"].push_back({{"market", EnumCode(s.market)},
                               {"concentration", ConcentrationJson(s.concentration)}});
        if (!args.json) line(std::string(EnumLabel(s.market)), s.concentration);
      }
      for (const auto& r : v->by_rcc) {
        j["byRcc"].push_back(
            {{"rcc", r.code}, {"concentration", ConcentrationJson(r.concentration)}});
        if (!args.json) line("RCC " + r.code, r.concentration);
      }
    }
  } else if (args.what == "groups" || args.what == "risk") {
    auto groups = wf.ProviderGroups(who, rcc);
    if (!groups.ok()) return Fail(err, groups.status());
    j = json::array();
    if (!args.json)
      out << (args.what == "groups" ? "Provider groups (in scope of the oversight regime first)\n"
                                    : "Risk stages of the groups in scope\n");
    for (const services::GroupStanding& s : *groups) {
      if (args.what == "risk" && !s.entry.in_scope) continue;
      json row = {{"id", s.group.id.value()},
                  {"name", s.group.name},
                  {"companyNumber", s.group.company_number},
                  {"parent", s.parent_name},
                  {"homes", s.homes},
                  {"places", s.places},
                  {"children", s.children},
                  {"inScope", s.entry.in_scope},
                  {"scopeReasons", s.entry.reasons},
                  {"stage", s.risk ? json(EnumCode(s.risk->stage)) : json()},
                  {"concerns", s.risk ? json(s.risk->concerns) : json::array()},
                  {"severe", s.risk ? json(s.risk->severe) : json::array()},
                  {"belowGood", s.quality.below_good},
                  {"improvementTrigger", s.quality.improvement_trigger}};
      j.push_back(row);
      if (args.json) continue;
      out << std::setw(4) << s.group.id.value() << "  " << std::left << std::setw(46)
          << s.group.name.substr(0, 45) << std::right << std::setw(5) << s.homes << " homes"
          << std::setw(6) << s.places << " places  " << (s.entry.in_scope ? "in scope" : "        ")
          << "  stage " << (s.risk ? std::string(EnumCode(s.risk->stage)) : "-") << "  below good "
          << s.quality.below_good << (s.quality.improvement_trigger ? " (improvement plan)" : "")
          << "\n";
      if (args.what == "groups")
        for (const std::string& r : s.entry.reasons) out << "        in scope: " << r << "\n";
      if (s.risk) {
        for (const std::string& r : s.risk->severe) out << "        severe: " << r << "\n";
        for (const std::string& r : s.risk->concerns) out << "        concern: " << r << "\n";
      }
    }
  } else if (args.what == "returns-import") {
    if (args.file.empty()) return Fail(err, InvalidArgument("file", "give the returns CSV"));
    auto returns = ReadReturns(store, args.file);
    if (!returns.ok()) return Fail(err, returns.status());
    auto stored = wf.SubmitFinancialReturns(who, std::move(*returns));
    if (!stored.ok()) return Fail(err, stored.status());
    j = {{"imported", stored->size()}};
    if (!args.json)
      out << "Imported " << stored->size() << " financial returns from " << args.file << "\n";
  } else if (args.what == "profit-cap") {
    auto report = wf.ProfitCapOf(who, {market::ProfitCap::Kind::kMargin, args.cap, {}});
    if (!report.ok()) return Fail(err, report.status());
    j = {{"cap", args.cap},
         {"breaches", report->breaches},
         {"totalExcess", report->total_excess.value()},
         {"groups", json::array()}};
    if (!args.json)
      out << "Profit cap at " << Percent(args.cap) << " of revenue: " << report->breaches
          << " groups over it, " << report->total_excess.ToPoundsString() << " to repay\n";
    for (const services::ProfitCapRow& r : report->rows) {
      json adj = json::array();
      for (const auto& a : r.profit.adjustments)
        adj.push_back({{"what", a.what}, {"amount", a.amount.value()}});
      j["groups"].push_back({{"id", r.group.value()},
                             {"name", r.name},
                             {"year", r.year},
                             {"operatingProfit", r.profit.operating_profit.value()},
                             {"profitBeforeTax", r.profit.profit_before_tax.value()},
                             {"adjustments", adj},
                             {"profit", r.profit.profit.value()},
                             {"margin", r.profit.margin},
                             {"excess", r.outcome.excess.value()}});
      if (args.json) continue;
      out << "  " << std::left << std::setw(46) << r.name.substr(0, 45) << std::right << " profit "
          << std::setw(12) << r.profit.profit.ToPoundsString() << " (" << Percent(r.profit.margin)
          << ")  excess " << r.outcome.excess.ToPoundsString() << "\n";
      out << "      operating profit " << r.profit.operating_profit.ToPoundsString()
          << " less interest " << r.profit.interest.ToPoundsString();
      for (const auto& a : r.profit.adjustments)
        out << "; + " << a.what << " " << a.amount.ToPoundsString();
      out << "\n";
    }
  } else if (args.what == "what-if") {
    std::vector<double> levels;
    for (int i = 0; i <= 25; ++i) levels.push_back(i / 100.0);
    auto what = wf.ProfitCapWhatIfOf(who, levels);
    if (!what.ok()) return Fail(err, what.status());
    j = json::array();
    if (!args.json) out << "Profit cap what-if (exit rule: docs/oversight.md)\n";
    for (const services::WhatIfLevel& l : what->levels) {
      j.push_back({{"cap", l.cap},
                   {"repaid", l.repaid.value()},
                   {"breaches", l.breaches},
                   {"groupsShrinking", l.groups_shrinking},
                   {"impact", ImpactJson(l.impact)}});
      if (args.json) continue;
      out << "cap " << std::setw(3) << std::lround(l.cap * 100) << "%: repaid "
          << l.repaid.ToPoundsString() << ", " << l.breaches << " groups over, "
          << l.groups_shrinking << " shrink\n";
      if (l.impact.homes_closing > 0) PrintImpact(l.impact, out);
    }
  } else if (args.what == "failure") {
    if (args.group <= 0) return Fail(err, InvalidArgument("group", "give the group's id"));
    auto f = wf.Failure(who, ProviderGroupId(args.group));
    if (!f.ok()) return Fail(err, f.status());
    j = {{"group", f->name}, {"asAt", f->as_at.ToIso()}, {"impact", ImpactJson(f->impact)}};
    if (!args.json) {
      out << "If " << f->name << " failed (as at " << f->as_at.ToIso() << "):\n";
      PrintImpact(f->impact, out);
    }
  } else {
    return Fail(err, InvalidArgument("what",
                                     "must be prices, concentration, groups, returns-import, "
                                     "risk, profit-cap, what-if or failure"));
  }
  if (args.json) out << j.dump(2) << "\n";
  return 0;
}

}  // namespace carecoop::cli
