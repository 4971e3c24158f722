// The national layer's routes (docs/api.md, "The national layer"): RCC
// returns built, received and listed, and the national overview with the
// comparison of RCCs, over Workflow's steps (services/national_returns.h).
#include <map>
#include <set>

#include "api/route_kit.h"
#include "national/inspection.h"
#include "national/rcc_return_json.h"
#include "services/workflow.h"

namespace carecoop::api {
namespace {

json Opt(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }
json Opt(const std::optional<std::int64_t>& v) { return v ? json(*v) : json(nullptr); }

json ReceivedJson(const services::ReceivedRccReturn& r) {
  return {{"id", r.record.id.value()},
          {"rccId", r.record.rcc.value()},
          {"rcc", r.rcc_code},
          {"rccName", r.rcc_name},
          {"quarter", r.record.quarter},
          {"produced", r.record.produced.ToIso()},
          {"receivedAt", FormatTimestamp(r.record.received_at)},
          {"receivedBy", r.record.received_by},
          {"formatVersion", r.record.format_version},
          {"version", r.record.version}};
}

json MeasuresJson(const national::Measures& m) {
  return {{"rcc", m.rcc_code},
          {"quarter", m.quarter.ToString()},
          {"started", Opt(m.started)},
          {"atEnd", Opt(m.at_end)},
          {"referrals", Opt(m.referrals)},
          {"placed", Opt(m.placed)},
          {"unmet", Opt(m.unmet)},
          {"moves", Opt(m.moves)},
          {"startedWithin20Miles", Opt(m.started_within_20_miles)},
          {"startedInsideRcc", Opt(m.started_inside_rcc)},
          {"atEndOver20Miles", Opt(m.at_end_over_20_miles)},
          {"atEndOutsideRcc", Opt(m.at_end_outside_rcc)},
          {"spotShare", Opt(m.spot_share)},
          {"spotShareOfSpend", Opt(m.spot_share_of_spend)},
          {"weeklySpend", Opt(m.weekly_spend)},
          {"spendPerChildWeek", Opt(m.spend_per_child_week)},
          {"viewsRecorded", Opt(m.views_recorded)},
          {"scrutinyBeforeAgreement", Opt(m.scrutiny_before_agreement)},
          {"placedWithin28Days", Opt(m.placed_within_28_days)},
          {"movesPerChild", Opt(m.moves_per_child)},
          {"childrenAtEnd", Opt(m.children_at_end)},
          {"twoOrMoreMovesInYear", Opt(m.two_or_more_moves_in_year)},
          {"threeOrMoreMovesInTwoYears", Opt(m.three_or_more_moves_in_two_years)},
          {"weeklyFairPrice", Opt(m.weekly_fair_price)},
          {"priceToFairPrice", Opt(m.price_to_fair_price)},
          {"medianDaysToPlacement", Opt(m.median_days_to_placement)}};
}

json OverviewJson(const national::Overview& o, const std::map<std::string, RccId>& rcc_ids) {
  json quarters = json::array();
  for (const national::QuarterOverview& q : o.quarters) {
    json by_rcc = json::array(), tables = json::array(), comparison = json::array();
    for (const auto& m : q.by_rcc) {
      json x = MeasuresJson(m);
      auto id = rcc_ids.find(m.rcc_code);
      x["rccId"] = id == rcc_ids.end() ? json(nullptr) : json(id->second.value());
      by_rcc.push_back(std::move(x));
    }
    national::RccReturn england;
    england.tables = q.england;
    for (const auto& t : national::ReturnJson(england)["tables"]) {
      json x = t;
      if (x["row_dimension"] == "setting") {
        json cats = json::array();
        for (const auto& code : x["rows"]) cats.push_back(national::DfeCategory(code));
        x["dfe_categories"] = std::move(cats);
      }
      tables.push_back(std::move(x));
    }
    for (const national::Comparison& c : national::Compare(q)) {
      json rows = json::array();
      for (const auto& r : c.rows)
        rows.push_back({{"rcc", r.rcc_code},
                        {"value", Opt(r.value)},
                        {"rank", r.rank ? json(*r.rank) : json(nullptr)}});
      comparison.push_back({{"measure", c.measure},
                            {"higherIsBetter", c.higher_is_better},
                            {"englandMedian", Opt(c.england_median)},
                            {"rows", std::move(rows)}});
    }
    json inspection = json::array();
    for (const national::InspectionSummary& s :
         national::Inspect(q, national::DefaultInspectionThresholds())) {
      auto findings = [](const std::vector<national::Finding>& list) {
        json a = json::array();
        for (const auto& f : list)
          a.push_back({{"measure", f.measure},
                       {"label", f.label},
                       {"value", f.value},
                       {"level", f.level},
                       {"englandMedian", Opt(f.england_median)},
                       {"rank", f.rank ? json(*f.rank) : json(nullptr)},
                       {"of", f.of}});
        return a;
      };
      inspection.push_back({{"rcc", s.rcc_code},
                            {"strengths", findings(s.strengths)},
                            {"improvements", findings(s.improvements)},
                            {"notKnown", s.not_known}});
    }
    quarters.push_back({{"quarter", q.quarter.ToString()},
                        {"inspection", std::move(inspection)},
                        {"rccs", q.rccs},
                        {"england", MeasuresJson(q.england_measures)},
                        {"byRcc", std::move(by_rcc)},
                        {"comparison", std::move(comparison)},
                        {"englandTables", std::move(tables)}});
  }
  return {{"quarters", std::move(quarters)}};
}

json RareNeedsJson(const national::RareNeedsResult& r, const national::RareNeedRules& rules) {
  json rare = json::array();
  for (const national::RareNeed& n : r.rare)
    rare.push_back({{"profile", n.key},
                    {"setting", n.profile.setting},
                    {"age", n.profile.age},
                    {"ratio", n.profile.ratio},
                    {"risks", n.profile.risks},
                    {"needs", n.profile.needs},
                    {"children", n.children},
                    {"unmet", n.unmet},
                    {"hardToPlace", n.hard_to_place},
                    {"rccsSeen", n.rccs_seen},
                    {"meanWeeklyFeePence", Opt(n.mean_weekly_fee_pence)},
                    {"meanMiles", Opt(n.mean_miles)}});
  return {{"first", r.first.ToString()},
          {"last", r.last.ToString()},
          {"rccs", r.rccs},
          {"rules",
           {{"rareAtMost", rules.rare_at_most},
            {"nationalAtLeast", rules.national_at_least},
            {"quarters", rules.quarters},
            {"parts", rules.parts}}},
          {"profilesSeen", r.profiles_seen},
          {"commonElsewhere", r.common_elsewhere},
          {"tooFew", r.too_few},
          {"rare", std::move(rare)}};
}

json SecureJson(const SecureReferral& r) {
  json sendings = json::array(), history = json::array();
  for (const SecureSending& s : r.sendings)
    sendings.push_back(
        {{"homeId", s.home.value()},
         {"sentAt", FormatTimestamp(s.sent_at)},
         {"decision", EnumCode(s.decision)},
         {"reason", s.reason},
         {"decidedAt", s.decided_at ? json(FormatTimestamp(*s.decided_at)) : json(nullptr)}});
  for (const SecureEvent& e : r.history)
    history.push_back({{"at", FormatTimestamp(e.at)}, {"what", e.what}, {"by", e.by}});
  return {{"id", r.id.value()},
          {"version", r.version},
          {"referralId", r.referral.value()},
          {"councilId", r.council.value()},
          {"rccId", r.rcc.value()},
          {"orderMade", r.order_made},
          {"referredAt", FormatTimestamp(r.referred_at)},
          {"referredBy", r.referred_by},
          {"status", EnumCode(r.status)},
          {"placedHomeId", r.placed_home ? json(r.placed_home->value()) : json(nullptr)},
          {"placedAt", r.placed_at ? json(FormatTimestamp(*r.placed_at)) : json(nullptr)},
          {"acrossBorder", r.across_border},
          {"withdrawnReason", r.withdrawn_reason},
          {"sendings", std::move(sendings)},
          {"history", std::move(history)}};
}

json QueueEntryJson(const services::SecureQueueEntry& e) {
  json x = SecureJson(e.record);
  x["council"] = e.council;
  x["rcc"] = e.rcc;
  x["age"] = e.age;
  x["sex"] = e.sex;
  x["daysWaiting"] = e.days_waiting;
  for (std::size_t i = 0; i < e.home_names.size() && i < x["sendings"].size(); ++i)
    x["sendings"][i]["home"] = e.home_names[i];
  return x;
}

// The registers of liberty: a body read against the record's own fields
// (docs/api.md), the fields the server sets refused.
const std::set<std::string> kLibertyServerFields = {"childId", "councilId", "rccId", "recordedAt",
                                                    "recordedBy"};

Result<services::DolOrderInput> DolOrderBody(const json& body) {
  DolOrder o;
  CC_RETURN_IF_ERROR(FromJson(body, o, kLibertyServerFields, /*require_all=*/true));
  return services::DolOrderInput{o.court,     o.start,   o.end,
                                 o.review_on, o.setting, o.setting_registered};
}

Result<services::UnregisteredInput> UnregisteredBody(const json& body) {
  UnregisteredPlacement u;
  CC_RETURN_IF_ERROR(FromJson(body, u, kLibertyServerFields, /*require_all=*/true));
  return services::UnregisteredInput{u.setting,   u.start,   u.end,      u.weekly_cost,
                                     u.exit_plan, u.exit_by, u.dol_order};
}

// A change to a register entry: the body's fields (those present) checked
// before anything is read, then applied to the record read, with `version`.
template <class T, class Change>
Result<Reply> PatchEntry(Call& c, const Change& change) {
  std::int64_t version = 0;
  CC_RETURN_IF_ERROR(Required(c.body, "version", version));
  T scratch;
  CC_RETURN_IF_ERROR(FromJson(c.body, scratch, kLibertyServerFields, false, {"version"}));
  const std::function<Status(T&)> edit = [&](T& x) {
    return FromJson(c.body, x, kLibertyServerFields, false, {"version"});
  };
  CC_ASSIGN_OR_RETURN(T out, change(version, edit));
  return Reply{200, ToJson(out)};
}

json LibertyChildJson(const services::LibertyChild& c) {
  return {{"childId", c.child ? json(c.child->value()) : json(nullptr)},
          {"child", c.pseudonym},
          {"age", c.age},
          {"council", c.council},
          {"rcc", c.rcc}};
}

json LibertyCountsJson(const national::LibertyCounts& c) {
  json bands = json::object();
  for (std::size_t i = 0; i < national::kStayBands.size(); ++i)
    bands[national::kStayBands[i]] = c.by_stay_band[i];
  return {{"rcc", c.rcc},
          {"ordersInForce", c.orders_in_force},
          {"ordersInUnregisteredSettings", c.orders_in_unregistered_settings},
          {"ordersBegunInYear", c.orders_begun_in_year},
          {"reviewsOverdue", c.reviews_overdue},
          {"childrenUnregistered", c.children_unregistered},
          {"unregisteredWithOrder", c.unregistered_with_order},
          {"byTimeThere", std::move(bands)},
          {"exitDatePassed", c.exit_date_passed},
          {"medianDays", Opt(c.median_days)},
          {"longestDays", c.longest_days},
          {"weeklyCost", c.weekly_cost_pence},
          {"meanWeeklyCost", Opt(c.mean_weekly_cost_pence)}};
}

}  // namespace

void AddNationalRoutes(const AddRoute& add, services::Workflow* wf) {
  add("GET", "/api/rccs/{id}/return", true,
      [wf](Call& c) -> Result<Reply> {
        const std::string* q = c.req.Param("quarter");
        if (!q) return InvalidArgument("quarter", "is required (like 2026Q3)");
        CC_ASSIGN_OR_RETURN(national::Quarter quarter, national::Quarter::Parse(*q, "quarter"));
        const std::string* format = c.req.Param("format");
        if (format && *format != "csv" && *format != "json")
          return InvalidArgument("format", "must be csv or json");
        CC_ASSIGN_OR_RETURN(national::RccReturn r, wf->BuildRccReturn(c.who, RccId(c.id), quarter));
        if (format && *format == "csv") {
          Reply reply;
          reply.content_type = "text/csv; charset=utf-8";
          reply.text = national::ReturnCsv(r);
          reply.headers = {{"Content-Disposition", "attachment; filename=\"" + r.rcc_code + "-" +
                                                       quarter.ToString() + ".csv\""}};
          return reply;
        }
        return Reply{200, national::ReturnJson(r)};
      },
      {"quarter", "format"});
  add("POST", "/api/rccs/{id}/returns", true,
      [wf](Call& c) -> Result<Reply> {
        CC_ASSIGN_OR_RETURN(national::RccReturn r, national::ReturnFromJson(c.body));
        CC_ASSIGN_OR_RETURN(auto received, wf->ReceiveRccReturn(c.who, RccId(c.id), r));
        json body = ReceivedJson(received);
        body["replaced"] = received.replaced;
        return Reply{received.replaced ? 200 : 201, std::move(body)};
      },
      {});
  add("GET", "/api/national/returns", true,
      [wf](Call& c) -> Result<Reply> {
        std::optional<national::Quarter> quarter;
        if (const std::string* q = c.req.Param("quarter")) {
          CC_ASSIGN_OR_RETURN(quarter, national::Quarter::Parse(*q, "quarter"));
        }
        CC_ASSIGN_OR_RETURN(auto returns, wf->RccReturns(c.who, quarter));
        json a = json::array();
        for (const auto& r : returns) a.push_back(ReceivedJson(r));
        return Reply{200, {{"returns", std::move(a)}}};
      },
      {"quarter"});
  add("GET", "/api/national/returns/overview", true,
      [wf](Call& c) -> Result<Reply> {
        std::map<std::string, RccId> rcc_ids;
        CC_ASSIGN_OR_RETURN(national::Overview o, wf->NationalOverview(c.who, &rcc_ids));
        return Reply{200, OverviewJson(o, rcc_ids)};
      },
      {});
  add("GET", "/api/national/rare-needs", true,
      [wf](Call& c) -> Result<Reply> {
        const std::string* q = c.req.Param("quarter");
        if (!q)
          return InvalidArgument("quarter", "is required: the window's last quarter (like 2026Q3)");
        CC_ASSIGN_OR_RETURN(national::Quarter last, national::Quarter::Parse(*q, "quarter"));
        std::map<std::string, std::string> given;
        for (const char* name : {"rare_at_most", "national_at_least", "quarters", "parts"})
          if (const std::string* v = c.req.Param(name)) given[name] = *v;
        CC_ASSIGN_OR_RETURN(national::RareNeedRules rules, national::ParseRareNeedRules(given));
        national::RareNeedOrder order = national::RareNeedOrder::kChildren;
        if (const std::string* o = c.req.Param("order")) {
          CC_ASSIGN_OR_RETURN(order, national::ParseRareNeedOrder(*o));
        }
        CC_ASSIGN_OR_RETURN(auto found, wf->RareNeeds(c.who, last, rules, order));
        return Reply{200, RareNeedsJson(found, rules)};
      },
      {"quarter", "rare_at_most", "national_at_least", "quarters", "parts", "order"});

  // Placement stability of an RCC (national/stability.h).
  add("GET", "/api/rccs/{id}/stability", true,
      [wf](Call& c) -> Result<Reply> {
        std::optional<Date> as_at;
        if (const std::string* d = c.req.Param("as_at")) {
          CC_ASSIGN_OR_RETURN(as_at, Date::ParseIso(*d, "as_at"));
        }
        CC_ASSIGN_OR_RETURN(services::RccStability r,
                            wf->PlacementStability(c.who, RccId(c.id), as_at));
        auto figures = [](const national::StabilityFigures& f) {
          return json{{"council", f.group},
                      {"children", f.children},
                      {"movesInYear", f.moves_in_year},
                      {"twoOrMoreInYear", f.two_or_more_in_year},
                      {"threeOrMoreInTwoYears", f.three_or_more_in_two_years},
                      {"movesByReason", f.moves_by_reason}};
        };
        json by_council = json::array(), at_risk = json::array();
        for (const auto& f : r.stability.by_group) by_council.push_back(figures(f));
        for (const auto& a : r.stability.at_risk) {
          auto name = r.pseudonyms.find(a.child);
          at_risk.push_back({{"childId", a.child},
                             {"child", name == r.pseudonyms.end() ? "" : name->second},
                             {"council", a.group},
                             {"placedSince", a.placed_since.ToIso()},
                             {"movesInYear", a.moves_in_year},
                             {"signals", a.signals}});
        }
        return Reply{200,
                     {{"asAt", r.stability.as_at.ToIso()},
                      {"all", figures(r.stability.all)},
                      {"byCouncil", std::move(by_council)},
                      {"atRisk", std::move(at_risk)}}};
      },
      {"as_at"});

  // The national secure welfare queue (services/secure_welfare.h).
  add("POST", "/api/referrals/{id}/secure-referral", true,
      [wf](Call& c) -> Result<Reply> {
        CC_RETURN_IF_ERROR(OnlyKeys(c.body, {"orderMade"}));
        bool order_made = false;
        CC_RETURN_IF_ERROR(Required(c.body, "orderMade", order_made));
        CC_ASSIGN_OR_RETURN(SecureReferral r,
                            wf->ReferToSecureWelfare(c.who, ReferralId(c.id), order_made));
        return Reply{201, SecureJson(r)};
      },
      {});
  add("GET", "/api/national/secure-welfare", true,
      [wf](Call& c) -> Result<Reply> {
        CC_ASSIGN_OR_RETURN(services::SecureQueue q, wf->SecureWelfareQueue(c.who));
        json waiting = json::array(), settled = json::array(), beds = json::array();
        for (const auto& e : q.waiting) waiting.push_back(QueueEntryJson(e));
        for (const auto& e : q.settled) settled.push_back(QueueEntryJson(e));
        for (const auto& b : q.beds)
          beds.push_back({{"homeId", b.home.value()},
                          {"name", b.name},
                          {"council", b.council},
                          {"bedsFree", b.beds_free},
                          {"minAge", b.min_age},
                          {"maxAge", b.max_age}});
        return Reply{200,
                     {{"today", q.today.ToIso()},
                      {"waiting", std::move(waiting)},
                      {"settled", std::move(settled)},
                      {"beds", std::move(beds)},
                      {"bedsFree", q.beds_free},
                      {"placedInEngland", q.placed_in_england},
                      {"placedAcrossBorder", q.placed_across_border}}};
      },
      {});
  add("GET", "/api/national/secure-welfare/match", true,
      [wf](Call& c) -> Result<Reply> {
        CC_ASSIGN_OR_RETURN(services::SecureDailyMatch m, wf->SecureWelfareMatch(c.who));
        json rows = json::array();
        for (const auto& r : m.rows)
          rows.push_back(
              {{"secureReferralId", r.referral.value()},
               {"daysWaiting", r.days_waiting},
               {"homeId", r.home ? json(r.home->value()) : json(nullptr)},
               {"home", r.home_name},
               {"familyMiles", r.family_miles < 0 ? json(nullptr) : json(r.family_miles)},
               {"explanation", r.explanation}});
        return Reply{200,
                     {{"today", m.today.ToIso()},
                      {"waiting", m.waiting},
                      {"bedsFree", m.beds_free},
                      {"matched", m.matched},
                      {"rows", std::move(rows)}}};
      },
      {});
  add("POST", "/api/secure-referrals/{id}/actions", true,
      [wf](Call& c) -> Result<Reply> {
        CC_RETURN_IF_ERROR(OnlyKeys(c.body, {"action", "version", "homeId", "reason", "where"}));
        services::SecureAction a;
        CC_RETURN_IF_ERROR(Required(c.body, "action", a.action));
        CC_RETURN_IF_ERROR(Required(c.body, "version", a.version));
        CC_RETURN_IF_ERROR(Optional(c.body, "homeId", a.home));
        CC_RETURN_IF_ERROR(Optional(c.body, "reason", a.reason));
        CC_RETURN_IF_ERROR(Optional(c.body, "where", a.where));
        CC_ASSIGN_OR_RETURN(SecureReferral r,
                            wf->ActOnSecureReferral(c.who, SecureReferralId(c.id), a));
        return Reply{200, SecureJson(r)};
      },
      {});
  // The registers of liberty (services/liberty_register.h).
  add("POST", "/api/children/{id}/dol-orders", true,
      [wf](Call& c) -> Result<Reply> {
        CC_ASSIGN_OR_RETURN(services::DolOrderInput in, DolOrderBody(c.body));
        CC_ASSIGN_OR_RETURN(DolOrder o, wf->RecordDolOrder(c.who, ChildId(c.id), in));
        return Reply{201, ToJson(o)};
      },
      {});
  add("PATCH", "/api/dol-orders/{id}", true,
      [wf](Call& c) -> Result<Reply> {
        return PatchEntry<DolOrder>(c, [&](std::int64_t version, const auto& edit) {
          return wf->ChangeDolOrder(c.who, DolOrderId(c.id), version, edit);
        });
      },
      {});
  add("POST", "/api/children/{id}/unregistered-placements", true,
      [wf](Call& c) -> Result<Reply> {
        CC_ASSIGN_OR_RETURN(services::UnregisteredInput in, UnregisteredBody(c.body));
        CC_ASSIGN_OR_RETURN(UnregisteredPlacement u,
                            wf->RecordUnregistered(c.who, ChildId(c.id), in));
        return Reply{201, ToJson(u)};
      },
      {});
  add("PATCH", "/api/unregistered-placements/{id}", true,
      [wf](Call& c) -> Result<Reply> {
        return PatchEntry<UnregisteredPlacement>(c, [&](std::int64_t version, const auto& edit) {
          return wf->ChangeUnregistered(c.who, UnregisteredPlacementId(c.id), version, edit);
        });
      },
      {});
  add("GET", "/api/liberty-register", true,
      [wf](Call& c) -> Result<Reply> {
        std::optional<Date> as_at;
        if (const std::string* d = c.req.Param("as_at")) {
          CC_ASSIGN_OR_RETURN(as_at, Date::ParseIso(*d, "as_at"));
        }
        CC_ASSIGN_OR_RETURN(services::LibertyRegister r, wf->LibertyRegisterOf(c.who, as_at));
        json orders = json::array(), stays = json::array(), by_rcc = json::array();
        for (const auto& e : r.orders) {
          json x = ToJson(e.record);
          x.erase("childId");
          if (!r.identified) x.erase("recordedBy");
          x["person"] = LibertyChildJson(e.child);
          x["inForce"] = e.in_force;
          x["reviewOverdue"] = e.review_overdue;
          orders.push_back(std::move(x));
        }
        for (const auto& e : r.unregistered) {
          json x = ToJson(e.record);
          x.erase("childId");
          if (!r.identified) x.erase("recordedBy");
          x["person"] = LibertyChildJson(e.child);
          x["open"] = e.open;
          x["exitDatePassed"] = e.exit_date_passed;
          x["daysThere"] = e.days_there;
          stays.push_back(std::move(x));
        }
        for (const auto& x : r.counts.by_rcc) by_rcc.push_back(LibertyCountsJson(x));
        return Reply{200,
                     {{"asAt", r.as_at.ToIso()},
                      {"identified", r.identified},
                      {"orders", std::move(orders)},
                      {"unregistered", std::move(stays)},
                      {"england", LibertyCountsJson(r.counts.england)},
                      {"byRcc", std::move(by_rcc)}}};
      },
      {"as_at"});

  // National contracts for rare needs (services/national_contracts.h).
  auto national_contract_json = [](const services::NationalContract& n) {
    json fees = json::array();
    for (const FeeBand& f : n.fees) fees.push_back(jsoncodec::To(f));
    json call_offs = json::array();
    for (const services::NationalCallOff& o : n.call_offs)
      call_offs.push_back({{"contractId", o.contract.value()},
                           {"rccId", o.rcc.value()},
                           {"rcc", o.rcc_name},
                           {"status", std::string(EnumCode(o.status))},
                           {"voidShareBp", o.void_share_bp},
                           {"placementsInForce", o.placements_in_force},
                           {"voidCostPaid", o.void_cost_paid.value()}});
    json homes = json::array();
    for (HomeId h : n.block_homes) homes.push_back(h.value());
    json weeks = json::array();
    for (const services::NationalBlockWeek& w : n.weeks)
      weeks.push_back({{"weekFrom", w.week_from.ToIso()},
                       {"reserved", w.reserved},
                       {"used", w.used},
                       {"voids", w.voids},
                       {"voidCostPaid", w.void_cost_paid.value()},
                       {"rccsPaid", w.rccs_paid}});
    return json{{"reference", n.reference},
                {"providerId", n.provider.value()},
                {"provider", n.provider_name},
                {"route", std::string(EnumCode(n.type))},
                {"startDate", n.start.ToIso()},
                {"endDate", n.end ? json(n.end->ToIso()) : json(nullptr)},
                {"status", std::string(EnumCode(n.status))},
                {"fees", std::move(fees)},
                {"blockPlaces", n.block_places},
                {"blockHomes", std::move(homes)},
                {"callOffs", std::move(call_offs)},
                {"rccs", n.call_offs.size()},
                {"placementsInForce", n.placements_in_force},
                {"weeks", std::move(weeks)}};
  };
  add("POST", "/api/national/contracts", true,
      [wf, national_contract_json](Call& c) -> Result<Reply> {
        // The terms as a contract's fields (type: framework or block); the
        // server sets the rest; a block's void shares by RCC beside them.
        static const std::set<std::string> kServer = {
            "rccId",    "frameworkId", "national", "status", "inheritedFromCouncilId",
            "decision", "voidShareBp"};
        Contract terms;
        terms.type = ContractType::kFramework;
        CC_RETURN_IF_ERROR(FromJson(c.body, terms, kServer, false, {"voidShares"}));
        for (const char* field : {"providerId", "reference", "startDate", "fees"})
          if (!c.body.contains(field)) return InvalidArgument(field, "is required");
        services::NationalContractInput in{.provider = terms.provider,
                                           .reference = terms.reference,
                                           .start = terms.start,
                                           .end = terms.end,
                                           .fees = terms.fees,
                                           .uplift_cap_bp = terms.uplift_cap_bp,
                                           .type = terms.type,
                                           .block_places = terms.block_places,
                                           .block_homes = terms.block_homes,
                                           .void_shares_bp = {}};
        if (auto shares = c.body.find("voidShares"); shares != c.body.end()) {
          if (!shares->is_array())
            return InvalidArgument("voidShares", "must be a list of {rccId, shareBp}");
          for (std::size_t i = 0; i < shares->size(); ++i) {
            const json& s = (*shares)[i];
            const std::string field = "voidShares[" + std::to_string(i) + "]";
            if (!s.is_object() || s.size() != 2 || !s.contains("rccId") || !s.contains("shareBp") ||
                !s["rccId"].is_number_integer() || !s["shareBp"].is_number_integer())
              return InvalidArgument(field, "must be {rccId, shareBp} with whole numbers");
            const auto bp = s["shareBp"].get<std::int64_t>();
            if (bp < 0 || bp > 10'000)
              return InvalidArgument(field + ".shareBp", "must be 0 to 10000 basis points");
            if (!in.void_shares_bp
                     .emplace(RccId(s["rccId"].get<std::int64_t>()), static_cast<int>(bp))
                     .second)
              return InvalidArgument(field + ".rccId", "names an RCC twice");
          }
          if (in.void_shares_bp.empty())
            return InvalidArgument("voidShares", "leave it out, or give each RCC's share");
        }
        CC_ASSIGN_OR_RETURN(auto made, wf->LetNationalContract(c.who, in));
        return Reply{201, national_contract_json(made)};
      },
      {});
  add("GET", "/api/national/contracts", true,
      [wf, national_contract_json](Call& c) -> Result<Reply> {
        std::optional<Date> on;
        if (const std::string* d = c.req.Param("on")) {
          CC_ASSIGN_OR_RETURN(on, Date::ParseIso(*d, "on"));
        }
        CC_ASSIGN_OR_RETURN(auto list, wf->NationalContracts(c.who, on));
        json a = json::array();
        for (const auto& n : list.contracts) a.push_back(national_contract_json(n));
        return Reply{200, {{"on", list.on.ToIso()}, {"contracts", std::move(a)}}};
      },
      {"on"});
  // The providers a national contract is let with, and their homes.
  add("GET", "/api/national/providers", true,
      [wf](Call& c) -> Result<Reply> {
        std::optional<Setting> setting;
        if (const std::string* code = c.req.Param("setting")) {
          setting = ParseEnumCode<Setting>(*code);
          if (!setting) return InvalidArgument("setting", "is not a setting: " + *code);
        }
        CC_ASSIGN_OR_RETURN(auto providers, wf->ProviderDirectory(c.who, setting));
        json a = json::array();
        for (const services::DirectoryProvider& p : providers) {
          json homes = json::array();
          for (const services::DirectoryHome& h : p.homes)
            homes.push_back({{"id", h.id.value()},
                             {"name", h.name},
                             {"setting", std::string(EnumCode(h.setting))},
                             {"registeredPlaces", h.registered_places},
                             {"ofstedRating", std::string(EnumCode(h.rating))},
                             {"council", h.council}});
          a.push_back({{"id", p.id.value()},
                       {"name", p.name},
                       {"ownership", std::string(EnumCode(p.ownership))},
                       {"homes", std::move(homes)}});
        }
        return Reply{200, {{"providers", std::move(a)}}};
      },
      {"setting"});
}

}  // namespace carecoop::api
