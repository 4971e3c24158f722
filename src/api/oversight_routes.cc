// The market oversight routes (docs/api.md, "Market oversight"): thin JSON
// over Workflow's oversight steps (services/oversight.h).
#include <cmath>
#include <set>

#include "api/route_kit.h"
#include "core/csv.h"
#include "services/workflow.h"

namespace carecoop::api {
namespace {

json QuartilesJson(const market::Quartiles& q) {
  if (q.count == 0) return {{"count", 0}, {"q1", nullptr}, {"median", nullptr}, {"q3", nullptr}};
  return {
      {"count", q.count}, {"q1", q.q1.value()}, {"median", q.median.value()}, {"q3", q.q3.value()}};
}

json ConcentrationJson(const market::Concentration& c) {
  json largest = json::array();
  for (const market::FirmShare& f : c.largest)
    largest.push_back({{"firm", f.firm},
                       {"places", f.places},
                       {"spend", f.spend},
                       {"placesShare", f.places_share},
                       {"spendShare", f.spend_share}});
  return {{"places", c.places},
          {"spend", c.spend},
          {"firms", c.firms},
          {"hhiPlaces", std::round(c.hhi_places * 10) / 10},
          {"hhiSpend", std::round(c.hhi_spend * 10) / 10},
          {"bandPlaces", std::string(market::HhiBand(c.hhi_places))},
          {"largest", std::move(largest)}};
}

json RiskJson(const std::optional<market::RiskAssessment>& r) {
  if (!r) return nullptr;
  return {
      {"stage", std::string(EnumCode(r->stage))},
      {"label", std::string(EnumLabel(r->stage))},
      {"concerns", r->concerns},
      {"severe", r->severe},
      {"cashMonths", std::round(r->ratios.cash_months * 100) / 100},
      {"leverage", r->ratios.leverage ? json(std::round(*r->ratios.leverage * 100) / 100) : json()},
      {"interestCover",
       r->ratios.interest_cover ? json(std::round(*r->ratios.interest_cover * 100) / 100) : json()},
      {"margin", r->ratios.margin}};
}

json QualityJson(const market::QualityRollup& q) {
  json by = json::object();
  for (const auto& e : EnumInfo<OfstedRating>::kEntries)
    by[std::string(e.code)] = q.by_rating[static_cast<std::size_t>(e.value)];
  return {{"homes", q.homes},
          {"byRating", by},
          {"belowGood", q.below_good},
          {"improvementTrigger", q.improvement_trigger},
          {"oldestInspection", q.oldest_inspection ? json(q.oldest_inspection->ToIso()) : json()},
          {"goodOrBetterShare", q.good_or_better_share}};
}

json StandingJson(const services::GroupStanding& s) {
  return {{"id", s.group.id.value()},
          {"name", s.group.name},
          {"companyNumber", s.group.company_number},
          {"parentId", s.group.parent ? json(s.group.parent->value()) : json()},
          {"parent", s.parent_name},
          {"ultimateOwner", s.ultimate_name},
          {"costOfCapitalBp", s.group.cost_of_capital_bp},
          {"providers", s.providers},
          {"homes", s.homes},
          {"places", s.places},
          {"children", s.children},
          {"homesInRcc", s.homes_in_rcc},
          {"placesInRcc", s.places_in_rcc},
          {"inScope", s.entry.in_scope},
          {"scopeReasons", s.entry.reasons},
          {"marketShare", s.entry.market_share},
          {"regionShare", s.entry.region_share},
          {"region", s.entry.region},
          {"latestReturn", s.latest ? ToJson(*s.latest) : json()},
          {"consolidated", s.consolidated},
          {"risk", RiskJson(s.risk)},
          {"quality", QualityJson(s.quality)},
          {"openCases", s.open_cases},
          {"improvementPlanOpen", s.improvement_plan_open}};
}

json ProfitJson(const market::RegulatedProfit& p) {
  json adjustments = json::array();
  for (const market::Adjustment& a : p.adjustments)
    adjustments.push_back({{"what", a.what}, {"amount", a.amount.value()}});
  return {{"revenue", p.revenue.value()},
          {"operatingProfit", p.operating_profit.value()},
          {"interest", p.interest.value()},
          {"profitBeforeTax", p.profit_before_tax.value()},
          {"adjustments", std::move(adjustments)},
          {"profit", p.profit.value()},
          {"margin", p.margin}};
}

json ImpactJson(const services::Impact& i) {
  auto landing = [](const std::array<int, 4>& l) {
    json o = json::object();
    for (const auto& e : EnumInfo<match::Landing>::kEntries)
      o[std::string(e.code)] = l[static_cast<std::size_t>(e.value)];
    return o;
  };
  json rows = json::array();
  for (const services::RccImpact& r : i.by_rcc)
    rows.push_back({{"rcc", r.code},
                    {"name", r.name},
                    {"homesClosing", r.homes_closing},
                    {"placesLeaving", r.places_leaving},
                    {"children", r.children},
                    {"landing", landing(r.landing)},
                    {"weeklyFeeBefore", r.fee_before},
                    {"weeklyFeeAfter", r.fee_after},
                    {"weeklyCostChange", r.fee_after - r.fee_before}});
  return {{"homesClosing", i.homes_closing},
          {"placesLeaving", i.places_leaving},
          {"children", i.children},
          {"landing", landing(i.landing)},
          {"weeklyFeeBefore", i.fee_before},
          {"weeklyFeeAfter", i.fee_after},
          {"weeklyCostChange", i.fee_after - i.fee_before},
          {"provedOptimal", i.proved_optimal},
          {"byRcc", std::move(rows)}};
}

json CaseJson(const OversightCase& c) { return ToJson(c); }

json MarketJson(const services::MarketView& v) {
  json cells = json::array();
  for (const market::PriceCell& p : v.prices.cells) {
    json quarters = json::array(), routes = json::array();
    for (const market::QuarterPrice& q : p.by_quarter)
      quarters.push_back({{"quarter", q.quarter}, {"fees", QuartilesJson(q.fees)}});
    for (const market::RoutePrice& r : p.by_route)
      routes.push_back(
          {{"route", std::string(EnumCode(r.route))}, {"fees", QuartilesJson(r.fees)}});
    cells.push_back(
        {{"setting", std::string(EnumCode(p.setting))},
         {"band", std::string(EnumCode(p.band))},
         {"fees", QuartilesJson(p.fees)},
         {"byQuarter", std::move(quarters)},
         {"byRoute", std::move(routes)},
         {"spotSharePlacements", p.spot_share_placements},
         {"spotShareSpend", p.spot_share_spend},
         {"withFairPrice", p.with_fair_price},
         {"medianFeeToFairPrice", p.median_fee_to_fair ? json(*p.median_fee_to_fair) : json()}});
  }
  json settings = json::array(), scarce = json::array(), rccs = json::array();
  for (const services::SettingConcentration& s : v.by_setting)
    settings.push_back({{"setting", std::string(EnumCode(s.setting))},
                        {"concentration", ConcentrationJson(s.concentration)}});
  for (const services::ScarceConcentration& s : v.scarce)
    scarce.push_back({{"market", std::string(EnumCode(s.market))},
                      {"label", std::string(EnumLabel(s.market))},
                      {"concentration", ConcentrationJson(s.concentration)}});
  for (const services::RccConcentration& r : v.by_rcc)
    rccs.push_back({{"rccId", r.rcc.value()},
                    {"code", r.code},
                    {"name", r.name},
                    {"concentration", ConcentrationJson(r.concentration)}});
  return {{"rccId", v.rcc ? json(v.rcc->id.value()) : json()},
          {"scope", v.rcc ? v.rcc->name : "England"},
          {"asAt", v.as_at.ToIso()},
          {"placements", v.prices.placements},
          {"spotSharePlacements", v.prices.spot_share_placements},
          {"spotShareSpend", v.prices.spot_share_spend},
          {"prices", std::move(cells)},
          {"concentration", ConcentrationJson(v.all)},
          {"bySetting", std::move(settings)},
          {"scarce", std::move(scarce)},
          {"byRcc", std::move(rccs)}};
}

Result<double> NumberParam(const Call& c, const char* name, double fallback, double lo, double hi) {
  const std::string* v = c.req.Param(name);
  if (!v) return fallback;
  try {
    std::size_t used = 0;
    double x = std::stod(*v, &used);
    if (used != v->size() || !(x >= lo && x <= hi)) throw std::invalid_argument(name);
    return x;
  } catch (const std::exception&) {
    return InvalidArgument(
        name, "must be a number from " + std::to_string(lo) + " to " + std::to_string(hi));
  }
}

}  // namespace

void AddOversightRoutes(const AddRoute& add_route, services::Workflow* wf) {
  auto add = [&](std::string method, std::string path, bool signed_in, Handler h,
                 std::vector<std::string> query = {}) {
    add_route(std::move(method), std::move(path), signed_in, std::move(h), std::move(query));
  };
  add("GET", "/api/oversight/market", true, [wf](Call& c) -> Result<Reply> {
    CC_ASSIGN_OR_RETURN(services::MarketView v, wf->Market(c.who, std::nullopt));
    return Reply{200, MarketJson(v)};
  });
  add("GET", "/api/rccs/{id}/market", true, [wf](Call& c) -> Result<Reply> {
    CC_ASSIGN_OR_RETURN(services::MarketView v, wf->Market(c.who, RccId(c.id)));
    return Reply{200, MarketJson(v)};
  });

  add("GET", "/api/oversight/prices/published", true,
      [wf](Call& c) -> Result<Reply> {
        CC_ASSIGN_OR_RETURN(auto cells, wf->PriceTransparency(c.who));
        const std::string* format = c.req.Param("format");
        if (format && *format != "csv" && *format != "json")
          return InvalidArgument("format", "must be csv or json");
        if (format && *format == "csv") {
          std::string text =
              "rcc,rcc_name,setting,need_band,placements,q1_weekly,median_weekly,q3_weekly\n";
          auto pounds = [](Pence p) { return std::to_string(p.RoundedPounds()); };
          for (const services::PublishedPriceCell& p : cells) {
            std::vector<std::string> row = {p.rcc_code, p.rcc_name,
                                            std::string(EnumCode(p.setting)),
                                            std::string(EnumCode(p.band))};
            if (p.suppressed)
              row.insert(row.end(), {"<5", "", "", ""});
            else
              row.insert(row.end(), {std::to_string(p.fees.count), pounds(p.fees.q1),
                                     pounds(p.fees.median), pounds(p.fees.q3)});
            for (std::size_t i = 0; i < row.size(); ++i) text += (i ? "," : "") + CsvField(row[i]);
            text += "\n";
          }
          Reply r;
          r.content_type = "text/csv; charset=utf-8";
          r.text = std::move(text);
          r.headers = {{"Content-Disposition", "attachment; filename=\"prices-paid.csv\""}};
          return r;
        }
        json a = json::array();
        for (const services::PublishedPriceCell& p : cells)
          a.push_back({{"rcc", p.rcc_code},
                       {"rccName", p.rcc_name},
                       {"setting", std::string(EnumCode(p.setting))},
                       {"band", std::string(EnumCode(p.band))},
                       {"suppressed", p.suppressed},
                       {"fees", p.suppressed ? json() : QuartilesJson(p.fees)}});
        return Reply{200, {{"suppressBelow", services::kSmallNumber}, {"cells", std::move(a)}}};
      },
      {"format"});

  auto groups = [wf](Call& c, std::optional<RccId> rcc) -> Result<Reply> {
    CC_ASSIGN_OR_RETURN(auto found, wf->ProviderGroups(c.who, rcc));
    json a = json::array();
    for (const services::GroupStanding& s : found) a.push_back(StandingJson(s));
    return Reply{200, {{"rccId", rcc ? json(rcc->value()) : json()}, {"groups", std::move(a)}}};
  };
  add("GET", "/api/oversight/groups", true,
      [groups](Call& c) -> Result<Reply> { return groups(c, std::nullopt); });
  add("GET", "/api/rccs/{id}/provider-groups", true,
      [groups](Call& c) -> Result<Reply> { return groups(c, RccId(c.id)); });

  add("GET", "/api/oversight/groups/{id}", true, [wf](Call& c) -> Result<Reply> {
    CC_ASSIGN_OR_RETURN(services::GroupDetail d,
                        wf->ProviderGroupDetail(c.who, ProviderGroupId(c.id)));
    json homes = json::array(), returns = json::array(), cases = json::array(),
         providers = json::array();
    for (const services::GroupHomeRow& h : d.homes)
      homes.push_back(
          {{"id", h.id.value()},
           {"name", h.name},
           {"urn", h.urn},
           {"provider", h.provider},
           {"council", h.council},
           {"rcc", h.rcc},
           {"setting", std::string(EnumCode(h.setting))},
           {"rating", std::string(EnumCode(h.rating))},
           {"lastInspected", h.last_inspected ? json(h.last_inspected->ToIso()) : json()},
           {"places", h.places},
           {"children", h.children}});
    for (const FinancialReturn& r : d.returns) returns.push_back(ToJson(r));
    for (const OversightCase& oc : d.cases) cases.push_back(CaseJson(oc));
    for (const Provider& p : d.providers)
      providers.push_back({{"id", p.id.value()}, {"name", p.name}, {"urn", p.ofsted_urn}});
    json out = StandingJson(d.standing);
    out["providersList"] = std::move(providers);
    out["homesList"] = std::move(homes);
    out["returns"] = std::move(returns);
    out["profit"] = d.profit ? ProfitJson(*d.profit) : json();
    out["cases"] = std::move(cases);
    out["groupsUnder"] = d.children_groups;
    return Reply{200, std::move(out)};
  });

  add("GET", "/api/oversight/groups/{id}/returns", true, [wf](Call& c) -> Result<Reply> {
    CC_ASSIGN_OR_RETURN(auto returns, wf->FinancialReturns(c.who, ProviderGroupId(c.id)));
    json a = json::array();
    for (const FinancialReturn& r : returns) a.push_back(ToJson(r));
    return Reply{200, {{"groupId", c.id}, {"returns", std::move(a)}}};
  });

  add("GET", "/api/provider/returns", true, [wf](Call& c) -> Result<Reply> {
    CC_ASSIGN_OR_RETURN(auto got, wf->ProviderReturns(c.who));
    json a = json::array();
    for (const FinancialReturn& r : got.second) a.push_back(ToJson(r));
    return Reply{200,
                 {{"group", got.first ? json({{"id", got.first->id.value()},
                                              {"name", got.first->name},
                                              {"companyNumber", got.first->company_number}})
                                      : json()},
                  {"returns", std::move(a)}}};
  });

  add("POST", "/api/oversight/groups/{id}/returns", true, [wf](Call& c) -> Result<Reply> {
    CC_RETURN_IF_ERROR(OnlyKeys(c.body, {"returns"}));
    if (!c.body.contains("returns")) return InvalidArgument("returns", "is required");
    const json& given = c.body["returns"];
    if (!given.is_array()) return InvalidArgument("returns", "must be a list of returns");
    if (given.size() > 10000) return InvalidArgument("returns", "at most 10,000 returns at once");
    static const std::set<std::string> kServer = {"submitted", "groupId"};
    std::vector<FinancialReturn> returns(given.size());
    for (std::size_t i = 0; i < given.size(); ++i) {
      Status s = FromJson(given[i], returns[i], kServer, /*require_all=*/true);
      if (!s.ok()) return s.WithFieldPrefix("returns[" + std::to_string(i) + "]");
      returns[i].group = ProviderGroupId(c.id);  // the group in the path
    }
    CC_ASSIGN_OR_RETURN(auto stored, wf->SubmitFinancialReturns(c.who, std::move(returns)));
    json a = json::array();
    for (const FinancialReturn& r : stored) a.push_back(ToJson(r));
    return Reply{201, {{"returns", std::move(a)}}};
  });

  add("POST", "/api/oversight/groups/{id}/cases", true, [wf](Call& c) -> Result<Reply> {
    CC_RETURN_IF_ERROR(OnlyKeys(c.body, {"kind", "reason"}));
    OversightCaseKind kind{};
    std::string reason;
    CC_RETURN_IF_ERROR(Required(c.body, "kind", kind));
    CC_RETURN_IF_ERROR(Required(c.body, "reason", reason));
    CC_ASSIGN_OR_RETURN(
        auto made, wf->OpenOversightCase(c.who, ProviderGroupId(c.id), kind, std::move(reason)));
    return Reply{201, CaseJson(made)};
  });

  add("PATCH", "/api/oversight/cases/{id}", true, [wf](Call& c) -> Result<Reply> {
    CC_RETURN_IF_ERROR(OnlyKeys(c.body, {"version", "entry", "outcome"}));
    std::int64_t version = 0;
    CC_RETURN_IF_ERROR(Required(c.body, "version", version));
    std::optional<CaseEntry> entry;
    std::optional<std::string> outcome;
    if (c.body.contains("entry")) {
      const json& e = c.body["entry"];
      if (!e.is_object()) return InvalidArgument("entry", "must be an object");
      CC_RETURN_IF_ERROR(
          OnlyKeys(e, {"kind", "title", "due", "completed"}).WithFieldPrefix("entry"));
      CaseEntry made;
      CC_RETURN_IF_ERROR(Required(e, "kind", made.kind).WithFieldPrefix("entry"));
      CC_RETURN_IF_ERROR(Required(e, "title", made.title).WithFieldPrefix("entry"));
      CC_RETURN_IF_ERROR(Required(e, "due", made.due).WithFieldPrefix("entry"));
      CC_RETURN_IF_ERROR(Optional(e, "completed", made.completed).WithFieldPrefix("entry"));
      entry = std::move(made);
    }
    if (c.body.contains("outcome")) {
      std::string o;
      CC_RETURN_IF_ERROR(Required(c.body, "outcome", o));
      outcome = std::move(o);
    }
    CC_ASSIGN_OR_RETURN(auto changed,
                        wf->ChangeOversightCase(c.who, OversightCaseId(c.id), version,
                                                std::move(entry), std::move(outcome)));
    return Reply{200, CaseJson(changed)};
  });

  add("GET", "/api/rccs/{id}/oversight-warnings", true, [wf](Call& c) -> Result<Reply> {
    CC_ASSIGN_OR_RETURN(auto warnings, wf->RiskWarnings(c.who, RccId(c.id)));
    json a = json::array();
    for (const services::RiskWarning& w : warnings) {
      json councils = json::array(), homes = json::array();
      for (const auto& x : w.councils)
        councils.push_back({{"council", x.council}, {"rcc", x.rcc}, {"children", x.children}});
      for (const auto& h : w.homes)
        homes.push_back({{"name", h.name},
                         {"urn", h.urn},
                         {"council", h.council},
                         {"rcc", h.rcc},
                         {"children", h.children}});
      a.push_back({{"groupId", w.group.value()},
                   {"group", w.name},
                   {"risk", RiskJson(w.risk)},
                   {"children", w.children},
                   {"councils", std::move(councils)},
                   {"homes", std::move(homes)}});
    }
    return Reply{200, {{"rccId", c.id}, {"warnings", std::move(a)}}};
  });

  add("GET", "/api/oversight/profit-cap", true,
      [wf](Call& c) -> Result<Reply> {
        market::ProfitCap cap;
        if (c.req.Param("amount") && c.req.Param("margin"))
          return InvalidArgument("cap", "give a margin or an amount, not both");
        if (const std::string* amount = c.req.Param("amount")) {
          CC_ASSIGN_OR_RETURN(Pence p, Pence::ParsePounds(*amount, "amount"));
          cap = {market::ProfitCap::Kind::kAmount, 0, p};
        } else {
          CC_ASSIGN_OR_RETURN(double m, NumberParam(c, "margin", 0.10, 0, 1));
          cap = {market::ProfitCap::Kind::kMargin, m, {}};
        }
        CC_ASSIGN_OR_RETURN(auto report, wf->ProfitCapOf(c.who, cap));
        json rows = json::array();
        for (const services::ProfitCapRow& r : report.rows)
          rows.push_back({{"groupId", r.group.value()},
                          {"group", r.name},
                          {"year", r.year},
                          {"profit", ProfitJson(r.profit)},
                          {"allowed", r.outcome.allowed.value()},
                          {"excess", r.outcome.excess.value()},
                          {"breach", r.outcome.breach},
                          {"cappedMargin", r.outcome.capped_margin}});
        return Reply{200,
                     {{"cap", cap.kind == market::ProfitCap::Kind::kMargin
                                  ? json({{"margin", cap.margin}})
                                  : json({{"amount", cap.amount.value()}})},
                      {"breaches", report.breaches},
                      {"totalExcess", report.total_excess.value()},
                      {"groups", std::move(rows)}}};
      },
      {"margin", "amount"});

  add("GET", "/api/oversight/profit-cap/what-if", true,
      [wf](Call& c) -> Result<Reply> {
        CC_ASSIGN_OR_RETURN(double from, NumberParam(c, "from", 0, 0, 1));
        CC_ASSIGN_OR_RETURN(double to, NumberParam(c, "to", 0.25, 0, 1));
        CC_ASSIGN_OR_RETURN(double step, NumberParam(c, "step", 0.01, 0.001, 1));
        if (to < from) return InvalidArgument("to", "must not be below from");
        std::vector<double> levels;
        for (int i = 0; from + i * step <= to + 1e-9; ++i) {
          levels.push_back(std::round((from + i * step) * 10000) / 10000);
          if (levels.size() > 101) return InvalidArgument("step", "at most 101 levels");
        }
        CC_ASSIGN_OR_RETURN(auto what, wf->ProfitCapWhatIfOf(c.who, levels));
        json a = json::array();
        for (const services::WhatIfLevel& l : what.levels)
          a.push_back({{"cap", l.cap},
                       {"repaid", l.repaid.value()},
                       {"breaches", l.breaches},
                       {"groupsShrinking", l.groups_shrinking},
                       {"impact", ImpactJson(l.impact)}});
        return Reply{200, {{"levels", std::move(a)}}};
      },
      {"from", "to", "step"});

  add("GET", "/api/oversight/groups/{id}/failure", true, [wf](Call& c) -> Result<Reply> {
    CC_ASSIGN_OR_RETURN(auto f, wf->Failure(c.who, ProviderGroupId(c.id)));
    return Reply{200,
                 {{"groupId", f.group.value()},
                  {"group", f.name},
                  {"asAt", f.as_at.ToIso()},
                  {"impact", ImpactJson(f.impact)}}};
  });
}

}  // namespace carecoop::api
