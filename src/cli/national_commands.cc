#include "cli/national_commands.h"

#include <cstdio>
#include <fstream>
#include <iomanip>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/fail.h"
#include "core/env.h"
#include "national/inspection.h"
#include "national/rcc_return_json.h"
#include "national/report.h"
#include "services/matching.h"
#include "services/workflow.h"
#include "store/store.h"

namespace carecoop::cli {
namespace {

using nlohmann::json;

std::string Share(const std::optional<double>& x) {
  if (!x) return "-";
  std::ostringstream s;
  s << std::fixed << std::setprecision(1) << *x * 100 << "%";
  return s.str();
}

std::string Number(const std::optional<std::int64_t>& x) { return x ? std::to_string(*x) : "c"; }

std::string Pounds(const std::optional<double>& pence) {
  if (!pence) return "-";
  return Pence(static_cast<std::int64_t>(*pence)).ToPoundsString();
}

// Writes `text` to `path` whole: to a temporary file beside it, then renamed
// over it, so a failure never leaves half a return.
Status WriteWhole(const std::string& path, const std::string& text) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f) return InvalidArgument("out", "cannot write " + tmp);
    f << text;
    f.close();
    if (!f) return InvalidArgument("out", "cannot write " + tmp);
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    return InvalidArgument("out", "cannot write " + path);
  }
  return Status::Ok();
}

json MeasuresRow(const national::Measures& m) {
  auto opt = [](const auto& v) { return v ? json(*v) : json(nullptr); };
  return {{"rcc", m.rcc_code},
          {"started", opt(m.started)},
          {"atEnd", opt(m.at_end)},
          {"referrals", opt(m.referrals)},
          {"placed", opt(m.placed)},
          {"unmet", opt(m.unmet)},
          {"startedWithin20Miles", opt(m.started_within_20_miles)},
          {"startedInsideRcc", opt(m.started_inside_rcc)},
          {"atEndOver20Miles", opt(m.at_end_over_20_miles)},
          {"spotShare", opt(m.spot_share)},
          {"spendPerChildWeek", opt(m.spend_per_child_week)},
          {"viewsRecorded", opt(m.views_recorded)},
          {"scrutinyBeforeAgreement", opt(m.scrutiny_before_agreement)},
          {"movesPerChild", opt(m.moves_per_child)},
          {"childrenAtEnd", opt(m.children_at_end)},
          {"twoOrMoreMovesInYear", opt(m.two_or_more_moves_in_year)},
          {"threeOrMoreMovesInTwoYears", opt(m.three_or_more_moves_in_two_years)},
          {"weeklyFairPrice", opt(m.weekly_fair_price)},
          {"priceToFairPrice", opt(m.price_to_fair_price)},
          {"medianDaysToPlacement", opt(m.median_days_to_placement)}};
}

}  // namespace

int National(const NationalArgs& args, std::ostream& out, std::ostream& err) {
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

  if (args.what == "return") {
    auto quarter = national::Quarter::Parse(args.quarter, "quarter");
    if (!quarter.ok()) return Fail(err, quarter.status());
    std::optional<Rcc> rcc;
    Status found = store.Read([&](store::Tx& tx) -> Status {
      CC_ASSIGN_OR_RETURN(rcc, services::FindRcc(tx, args.rcc));
      return Status::Ok();
    });
    if (!found.ok()) return Fail(err, found);
    // The RCC's own commissioner builds its return.
    const services::Principal who{0, "cli.national", Role::kCommissioner, {}, rcc->id, {}};
    auto r = wf.BuildRccReturn(who, rcc->id, *quarter);
    if (!r.ok()) return Fail(err, r.status());
    const bool csv = args.out.size() >= 4 && args.out.substr(args.out.size() - 4) == ".csv";
    Status written = WriteWhole(
        args.out, csv ? national::ReturnCsv(*r) : national::ReturnJson(*r).dump(2) + "\n");
    if (!written.ok()) return Fail(err, written);
    int hidden = 0, shown = 0;
    for (const auto& t : r->tables)
      for (const auto& c : t.cells) (c ? shown : hidden) += 1;
    out << "Return of " << rcc->code << " for " << quarter->ToString() << " written to " << args.out
        << " (" << r->tables.size() << " tables, " << shown << " cells shown, " << hidden
        << " suppressed)\n";
    return 0;
  }
  if (args.what == "receive") {
    std::ifstream f(args.file, std::ios::binary);
    if (!f) return Fail(err, InvalidArgument("file", "cannot read " + args.file));
    std::stringstream text;
    text << f.rdbuf();
    auto r = national::ReadReturn(text.str(), args.file);
    if (!r.ok()) return Fail(err, r.status());
    std::optional<Rcc> rcc;
    Status found = store.Read([&](store::Tx& tx) -> Status {
      auto x = services::FindRcc(tx, r->rcc_code);
      if (!x.ok()) return InvalidArgument("rcc_code", x.status().message());
      rcc = *x;
      return Status::Ok();
    });
    if (!found.ok()) return Fail(err, found);
    const services::Principal who{0, "cli.national", Role::kNationalAnalyst, {}, {}, {}};
    auto received = wf.ReceiveRccReturn(who, rcc->id, *r);
    if (!received.ok()) return Fail(err, received.status());
    if (args.json) {
      out << json{{"rcc", received->rcc_code},
                  {"quarter", received->record.quarter},
                  {"produced", received->record.produced.ToIso()},
                  {"replaced", received->replaced}}
                 .dump(2)
          << "\n";
    } else {
      out << "Received " << received->rcc_code << "'s return for " << received->record.quarter
          << (received->replaced ? " (it replaces the one received before)" : "") << "\n";
    }
    return 0;
  }
  if (args.what == "report") {
    auto wanted = national::Quarter::Parse(args.quarter, "quarter");
    if (!wanted.ok()) return Fail(err, wanted.status());
    const services::Principal who{0, "cli.national", Role::kNationalAnalyst, {}, {}, {}};
    auto o = wf.NationalOverview(who);
    if (!o.ok()) return Fail(err, o.status());
    national::ReportInput in;
    bool found = false;
    for (const auto& x : o->quarters)
      if (x.quarter == *wanted) {
        in.quarter = x;
        found = true;
      }
    if (!found)
      return Fail(err, NotFound("no returns for " + wanted->ToString() +
                                " are in: receive them "
                                "first (carecoop national receive)"));
    in.inspection = national::Inspect(in.quarter, national::DefaultInspectionThresholds());
    auto rare = wf.RareNeeds(who, *wanted, national::RareNeedRules{});
    if (!rare.ok()) return Fail(err, rare.status());
    in.rare_needs = *rare;
    in.produced = today;
    Status written = WriteWhole(args.out, national::NationalReportHtml(in));
    if (!written.ok()) return Fail(err, written);
    out << "National report for " << wanted->ToString() << " (" << in.quarter.rccs.size()
        << " RCCs' returns) written to " << args.out << "\n";
    return 0;
  }
  if (args.what == "rare-needs") {
    auto last = national::Quarter::Parse(args.quarter, "quarter");
    if (!last.ok()) return Fail(err, last.status());
    std::map<std::string, std::string> given;
    for (const auto& [name, value] : args.rules)
      if (!value.empty()) given[name] = value;
    auto rules = national::ParseRareNeedRules(given);
    if (!rules.ok()) return Fail(err, rules.status());
    auto order = national::ParseRareNeedOrder(args.order);
    if (!order.ok()) return Fail(err, order.status());
    const services::Principal who{0, "cli.national", Role::kNationalAnalyst, {}, {}, {}};
    auto found = wf.RareNeeds(who, *last, *rules, *order);
    if (!found.ok()) return Fail(err, found.status());
    if (args.json) {
      json rare = json::array();
      for (const auto& n : found->rare)
        rare.push_back({{"profile", n.key},
                        {"children", n.children},
                        {"unmet", n.unmet},
                        {"hardToPlace", n.hard_to_place},
                        {"rccsSeen", n.rccs_seen},
                        {"meanWeeklyFeePence",
                         n.mean_weekly_fee_pence ? json(*n.mean_weekly_fee_pence) : json(nullptr)},
                        {"meanMiles", n.mean_miles ? json(*n.mean_miles) : json(nullptr)}});
      out << json{{"first", found->first.ToString()},
                  {"last", found->last.ToString()},
                  {"rccs", found->rccs},
                  {"profilesSeen", found->profiles_seen},
                  {"commonElsewhere", found->common_elsewhere},
                  {"tooFew", found->too_few},
                  {"rare", rare}}
                 .dump(2)
          << "\n";
      return 0;
    }
    out << "Rare needs, " << found->first.ToString() << " to " << found->last.ToString()
        << ", from " << found->rccs.size() << " RCCs' returns: " << found->rare.size()
        << " profiles seen at most " << rules->rare_at_most << " times in every RCC and "
        << rules->national_at_least << " or more in England (of " << found->profiles_seen
        << " profiles; " << found->common_elsewhere << " common in some RCC, " << found->too_few
        << " too few)\n";
    if (found->rare.empty()) return 0;
    out << "  children  unmet  hard  RCCs  mean weekly fee  mean miles  profile "
           "(setting/age/ratio/risks/needs)\n";
    for (const auto& n : found->rare) {
      std::ostringstream miles;
      if (n.mean_miles) miles << std::fixed << std::setprecision(0) << *n.mean_miles;
      out << std::setw(10) << n.children << std::setw(7) << n.unmet << std::setw(6)
          << n.hard_to_place << std::setw(6) << n.rccs_seen << std::setw(17)
          << Pounds(n.mean_weekly_fee_pence) << std::setw(12) << (n.mean_miles ? miles.str() : "-")
          << "  " << n.key << "\n";
    }
    return 0;
  }
  // overview
  const services::Principal who{0, "cli.national", Role::kNationalAnalyst, {}, {}, {}};
  auto o = wf.NationalOverview(who);
  if (!o.ok()) return Fail(err, o.status());
  if (o->quarters.empty()) {
    out << "No returns have been received.\n";
    return 0;
  }
  const national::QuarterOverview* q = &o->quarters.back();
  if (!args.quarter.empty()) {
    auto wanted = national::Quarter::Parse(args.quarter, "quarter");
    if (!wanted.ok()) return Fail(err, wanted.status());
    q = nullptr;
    for (const auto& x : o->quarters)
      if (x.quarter == *wanted) q = &x;
    if (!q) return Fail(err, NotFound("no returns for " + wanted->ToString() + " are in"));
  }
  if (args.json) {
    json rows = json::array();
    for (const auto& m : q->by_rcc) rows.push_back(MeasuresRow(m));
    json quarters = json::array();
    for (const auto& x : o->quarters) quarters.push_back(x.quarter.ToString());
    out << json{{"quarter", q->quarter.ToString()},
                {"quarters", quarters},
                {"england", MeasuresRow(q->england_measures)},
                {"byRcc", rows}}
               .dump(2)
        << "\n";
    return 0;
  }
  out << "National overview, " << q->quarter.ToString() << ", from " << q->rccs.size()
      << " RCCs' returns (c: suppressed; -: not known)\n"
      << "  RCC         started  at end  placed  unmet  <=20mi new  inside  spot   views  "
         "scrutiny  per child-week\n";
  auto line = [&](const national::Measures& m) {
    out << "  " << std::left << std::setw(10) << m.rcc_code << std::right << std::setw(9)
        << Number(m.started) << std::setw(8) << Number(m.at_end) << std::setw(8) << Number(m.placed)
        << std::setw(7) << Number(m.unmet) << std::setw(12) << Share(m.started_within_20_miles)
        << std::setw(8) << Share(m.started_inside_rcc) << std::setw(7) << Share(m.spot_share)
        << std::setw(8) << Share(m.views_recorded) << std::setw(10)
        << Share(m.scrutiny_before_agreement) << std::setw(16) << Pounds(m.spend_per_child_week)
        << "\n";
  };
  for (const auto& m : q->by_rcc) line(m);
  line(q->england_measures);
  return 0;
}

}  // namespace carecoop::cli
