#include "cli/market_commands.h"

#include <cmath>
#include <iomanip>
#include <nlohmann/json.hpp>

#include "cli/fail.h"
#include "cli/open_rcc.h"
#include "core/date.h"
#include "core/env.h"
#include "market/fair_price.h"
#include "services/matching.h"
#include "services/workflow.h"
#include "store/store.h"

namespace carecoop::cli {

int MarketFairPrice(const FairPriceArgs& args, std::ostream& out, std::ostream& err) {
  market::FairPriceInput in;
  auto setting = ParseEnumCode<Setting>(args.setting);
  if (!setting)
    return Fail(err, InvalidArgument("setting", "must be one of " + EnumCodeList<Setting>()));
  auto ratio = ParseEnumCode<SupportRatio>(args.ratio);
  if (!ratio)
    return Fail(err, InvalidArgument("ratio", "must be one of " + EnumCodeList<SupportRatio>()));
  auto band = ParseEnumCode<NeedBand>(args.band);
  if (!band)
    return Fail(err, InvalidArgument("band", "must be one of " + EnumCodeList<NeedBand>()));
  in.setting = *setting;
  in.registered_places = args.places;
  in.ratio = *ratio;
  in.band = *band;
  in.age = args.age;
  in.occupancy = args.occupancy;
  market::FairPriceAssumptions a;
  a.pay_factor = market::RegionPayFactor(args.region);
  auto price = market::EstimateFairPrice(in, a);
  if (!price.ok()) return Fail(err, price.status());
  std::optional<market::FeeAgainstFairPrice> against;
  if (args.quoted_pounds >= 0)
    against = market::CompareWithFairPrice(Pence(std::llround(args.quoted_pounds * 100)),
                                           price->weekly, args.threshold_percent);
  if (args.json) {
    nlohmann::json j = {{"weekly", price->weekly.value()}, {"lines", nlohmann::json::array()}};
    for (const auto& l : price->lines)
      j["lines"].push_back({{"item", l.item}, {"how", l.how}, {"weekly", l.weekly.value()}});
    if (against)
      j["quoted"] = {{"weekly", against->quoted.value()},
                     {"difference", against->difference.value()},
                     {"percent", against->percent},
                     {"aboveThreshold", against->above_threshold}};
    out << j.dump(2) << "\n";
    return 0;
  }
  out << "Fair price of a place a week: " << price->weekly.ToString() << " (" << EnumLabel(*setting)
      << ", " << args.places << " places, " << EnumLabel(*ratio) << ", " << EnumLabel(*band)
      << " band)\n";
  for (const auto& l : price->lines)
    out << "  " << std::left << std::setw(16) << l.item << std::right << std::setw(12)
        << l.weekly.ToString() << "  " << l.how << "\n";
  if (against)
    out << "Quoted " << against->quoted.ToString() << ": " << against->difference.ToString() << " ("
        << std::fixed << std::setprecision(1) << against->percent << "%) against it"
        << (against->above_threshold ? ", above the threshold" : "") << "\n";
  out << "The model and each default's source: docs/market.md.\n";
  return 0;
}

int MarketPaymentsRun(const PaymentsRunArgs& args, std::ostream& out, std::ostream& err) {
  auto from = Date::ParseIso(args.week_from, "week-from");
  if (!from.ok()) return Fail(err, from.status());
  if (args.weeks < 1 || args.weeks > 520)
    return Fail(err, InvalidArgument("weeks", "must be between 1 and 520"));
  auto opened = OpenRccStore(args.store_url, args.rcc);
  if (!opened.ok()) return Fail(err, opened.status());
  store::Store& store = *opened->store;
  const Rcc& rcc = opened->rcc;
  services::Workflow wf(store, {.clock = [] { return Env::Default().Now(); }});
  const services::Principal finance{0, "cli.payments-run", Role::kCommissioner, {}, rcc.id, {}};
  nlohmann::json runs = nlohmann::json::array();
  for (int w = 0; w < args.weeks; ++w) {
    const Date week = from->AddDays(7 * w);
    auto outcome = wf.RunPayments(finance, rcc.id, week);
    if (!outcome.ok()) return Fail(err, outcome.status());
    const PaymentRun& r = outcome->run;
    if (args.json) {
      runs.push_back({{"weekFrom", week.ToIso()},
                      {"alreadyRun", outcome->already_run},
                      {"placementsPaid", r.placements_paid},
                      {"paid", r.paid.value()},
                      {"voids", r.voids.value()},
                      {"recovered", r.recovered.value()}});
    } else {
      out << rcc.code << " week from " << week.ToIso() << ": "
          << (outcome->already_run ? "already run, " : "") << r.placements_paid
          << " placements paid " << r.paid.ToString() << ", voids " << r.voids.ToString()
          << ", recovered " << r.recovered.ToString() << "\n";
    }
  }
  if (args.json) out << runs.dump(2) << "\n";
  return 0;
}

int MarketRead(const MarketReadArgs& args, std::ostream& out, std::ostream& err) {
  Date day = Date::FromTimestamp(Env::Default().Now());
  if (!args.day.empty()) {
    auto parsed = Date::ParseIso(args.day, "day");
    if (!parsed.ok()) return Fail(err, parsed.status());
    day = *parsed;
  }
  auto opened = OpenRccStore(args.store_url, args.rcc);
  if (!opened.ok()) return Fail(err, opened.status());
  store::Store& store = *opened->store;
  const Rcc& rcc = opened->rcc;
  services::Workflow wf(store, {.clock = [] { return Env::Default().Now(); }});
  const services::Principal reader{0, "cli.market", Role::kCommissioner, {}, rcc.id, {}};
  nlohmann::json j;
  if (args.what == "contracts") {
    auto rows = wf.ContractRegister(reader, rcc.id, day);
    if (!rows.ok()) return Fail(err, rows.status());
    j = nlohmann::json::array();
    for (const auto& r : *rows) {
      j.push_back({{"id", r.contract.id.value()},
                   {"reference", r.contract.reference},
                   {"route", EnumCode(r.contract.type)},
                   {"status", EnumCode(r.contract.status)},
                   {"provider", r.provider},
                   {"inheritedFrom", r.inherited_from},
                   {"decision", EnumCode(r.contract.decision)},
                   {"places", r.places},
                   {"spendLastYear", r.spend_last_year.value()},
                   {"standardFeeNow", r.standard_fee_now.value()},
                   {"endDate", r.contract.end ? r.contract.end->ToIso() : ""}});
      if (!args.json)
        out << std::left << std::setw(22) << r.contract.reference << std::setw(11)
            << EnumCode(r.contract.type) << std::setw(11) << EnumCode(r.contract.status)
            << std::setw(34) << r.provider.substr(0, 33) << std::setw(16)
            << (r.inherited_from.empty() ? "(the RCC)" : r.inherited_from.substr(0, 15))
            << std::setw(15) << EnumCode(r.contract.decision) << std::right << std::setw(4)
            << r.places << std::setw(16) << r.spend_last_year.ToPoundsString() << "\n";
    }
  } else if (args.what == "frameworks") {
    auto rows = wf.Frameworks(reader, rcc.id, day);
    if (!rows.ok()) return Fail(err, rows.status());
    j = nlohmann::json::array();
    for (const auto& r : *rows) {
      const Framework& f = r.framework;
      nlohmann::json lots = nlohmann::json::array(), admitted = nlohmann::json::array();
      for (const Lot& l : f.lots)
        lots.push_back({{"code", l.code},
                        {"setting", EnumCode(l.setting)},
                        {"band", EnumCode(l.band)},
                        {"minAge", l.min_age},
                        {"maxAge", l.max_age}});
      for (const auto& a : r.admissions) {
        nlohmann::json fees = nlohmann::json::object();
        for (const FeeBand& fee : a.contract.fees) fees[fee.lot] = fee.weekly_fee.value();
        admitted.push_back({{"provider", a.provider},
                            {"contractId", a.contract.id.value()},
                            {"admittedOn", a.contract.start.ToIso()},
                            {"fees", fees}});
      }
      j.push_back({{"id", f.id.value()},
                   {"reference", f.reference},
                   {"route", EnumCode(f.route)},
                   {"title", f.title},
                   {"status", EnumCode(f.status)},
                   {"startDate", f.start.ToIso()},
                   {"endDate", f.end.ToIso()},
                   {"nextAdmission", r.next_admission ? r.next_admission->ToIso() : ""},
                   {"lots", lots},
                   {"admissions", admitted}});
      if (!args.json) {
        out << f.reference << " (" << EnumCode(f.route) << ", " << EnumCode(f.status) << ") "
            << f.title << ": " << f.start.ToIso() << " to " << f.end.ToIso() << ", "
            << f.lots.size() << " lots, " << r.admissions.size() << " providers admitted; next "
            << "admission " << (r.next_admission ? r.next_admission->ToIso() : "none") << "\n";
        for (const Lot& l : f.lots) {
          int admitted_to = 0;
          for (const auto& a : r.admissions)
            for (const FeeBand& fee : a.contract.fees) admitted_to += fee.lot == l.code;
          out << "  " << std::left << std::setw(10) << l.code << std::setw(58)
              << l.name.substr(0, 57) << std::right << std::setw(4) << admitted_to << " admitted\n";
        }
      }
    }
  } else if (args.what == "budget") {
    const int year = args.year ? args.year : (day.month() >= 4 ? day.year() : day.year() - 1);
    auto b = wf.BudgetOf(reader, rcc.id, year, day);
    if (!b.ok()) return Fail(err, b.status());
    j = {{"year", b->year}, {"day", b->day.ToIso()}, {"councils", nlohmann::json::array()}};
    auto line = [&](const services::BudgetRow& r) {
      j["councils"].push_back({{"name", r.name},
                               {"budget", r.budget.value()},
                               {"spendToDate", r.spend_to_date.value()},
                               {"forecast", r.forecast.value()},
                               {"variance", r.variance.value()},
                               {"forecastMethod", r.forecast_method}});
      if (!args.json)
        out << std::left << std::setw(28) << r.name.substr(0, 27) << std::right << std::setw(16)
            << r.budget.ToPoundsString() << std::setw(16) << r.spend_to_date.ToPoundsString()
            << std::setw(16) << r.forecast.ToPoundsString() << std::setw(16)
            << r.variance.ToPoundsString() << "\n";
    };
    if (!args.json)
      out << "Budget " << year << "-" << (year + 1) % 100 << " on " << day.ToIso() << "\n"
          << std::left << std::setw(28) << "council" << std::right << std::setw(16) << "budget"
          << std::setw(16) << "spent" << std::setw(16) << "forecast" << std::setw(16) << "variance"
          << "\n";
    for (const auto& r : b->councils) line(r);
    line(b->total);
  } else if (args.what == "recruitment") {
    auto f = wf.FosteringOf(reader, rcc.id, day.AddDays(-365), day.AddDays(1), day);
    if (!f.ok()) return Fail(err, f.status());
    j = {{"households", f->households},
         {"approvedPlaces", f->approved_places},
         {"filled", f->filled},
         {"vacant", f->vacant},
         {"unavailable", f->unavailable},
         {"resignations", f->funnel.resignations},
         {"funnel", nlohmann::json::array()}};
    for (const auto& s : f->funnel.stages) {
      j["funnel"].push_back(
          {{"stage", s.stage},
           {"reached", s.reached},
           {"conversion", s.conversion},
           {"medianDaysToNext", s.median_days_to_next ? nlohmann::json(*s.median_days_to_next)
                                                      : nlohmann::json(nullptr)}});
      if (!args.json)
        out << std::left << std::setw(12) << s.stage << std::right << std::setw(6) << s.reached
            << std::setw(6) << std::llround(s.conversion * 100) << "%\n";
    }
    if (!args.json)
      out << f->households << " households, " << f->approved_places
          << " approved places: " << f->filled << " filled, " << f->vacant << " vacant, "
          << f->unavailable << " unavailable; " << f->funnel.resignations
          << " resigned in the year\n";
  } else {
    return Fail(err,
                InvalidArgument("what", "must be contracts, frameworks, budget or recruitment"));
  }
  if (args.json) out << j.dump(2) << "\n";
  return 0;
}

}  // namespace carecoop::cli
