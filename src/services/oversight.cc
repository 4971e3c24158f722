// Market oversight (services/oversight.h, docs/oversight.md): prices and
// concentration, the groups register with the entry test, risk stages and
// quality, financial returns, oversight cases, warnings, the profit cap and
// its what-if, and the failure scenario. Each step reads what it needs in
// one transaction (LoadOversight: groups, providers, homes, the placements
// in homes now, returns, cases) and computes with market/oversight.h;
// scenarios re-place children with match/relocate.h over the hub's world.
// O(homes + current placements) a step, plus the assignment for scenarios.
#include <algorithm>
#include <atomic>
#include <map>
#include <set>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "market/fair_price.h"
#include "services/step.h"
#include "services/workflow.h"
#include "store/aggregates.h"

namespace carecoop::services {
namespace {

template <class T>
double D(T x) {
  return static_cast<double>(x);
}

// Everything the oversight measures read, in one transaction.
struct OversightData {
  std::vector<Region> regions;
  std::vector<Council> councils;
  std::vector<Rcc> rccs;
  std::vector<ProviderGroup> groups;
  market::GroupTree tree;
  std::vector<Provider> providers;
  std::vector<Home> homes;
  std::vector<store::PlacementInHomeRow> placed;
  std::vector<FinancialReturn> returns;
  std::vector<OversightCase> cases;

  std::unordered_map<std::int64_t, const Provider*> provider;
  std::unordered_map<std::int64_t, const Council*> council;
  std::unordered_map<std::int64_t, const Rcc*> rcc_of_council;
  std::unordered_map<std::int64_t, std::string> region_of_council;
  std::unordered_map<std::int64_t, int> children_in_home;
  std::unordered_map<std::int64_t, std::int64_t> spend_in_home;
  std::unordered_map<std::int64_t, const Home*> home;
  std::unordered_map<std::int64_t, std::vector<const Home*>> homes_of_provider;

  std::string CouncilName(CouncilId c) const {
    auto it = council.find(c.value());
    return it == council.end() ? "" : it->second->name;
  }
  const Rcc* RccOf(CouncilId c) const {
    auto it = rcc_of_council.find(c.value());
    return it == rcc_of_council.end() ? nullptr : it->second;
  }
  std::optional<ProviderGroupId> GroupOf(ProviderId p) const {
    auto it = provider.find(p.value());
    return it == provider.end() ? std::nullopt : it->second->group;
  }
  // The firm a home's places count for: its provider's ultimate owner, or the provider.
  market::Holding FirmOf(const Home& h) const {
    auto g = GroupOf(h.provider);
    if (g) {
      ProviderGroupId top = tree.Ultimate(*g);
      const ProviderGroup* group = tree.Find(top);
      return {"g" + std::to_string(top.value()), group ? group->name : "", 0, 0};
    }
    auto it = provider.find(h.provider.value());
    return {"p" + std::to_string(h.provider.value()), it == provider.end() ? "" : it->second->name,
            0, 0};
  }
};

Result<OversightData> LoadOversight(store::Tx& tx) {
  OversightData d;
  CC_ASSIGN_OR_RETURN(d.regions, tx.List<Region>());
  CC_ASSIGN_OR_RETURN(d.councils, tx.List<Council>());
  CC_ASSIGN_OR_RETURN(d.rccs, tx.List<Rcc>());
  CC_ASSIGN_OR_RETURN(d.groups, tx.List<ProviderGroup>());
  CC_ASSIGN_OR_RETURN(d.tree, market::GroupTree::Build(d.groups));
  CC_ASSIGN_OR_RETURN(d.providers, tx.List<Provider>());
  CC_ASSIGN_OR_RETURN(d.homes, tx.List<Home>());
  CC_ASSIGN_OR_RETURN(d.placed, store::PlacementsInHomesNow(tx));
  CC_ASSIGN_OR_RETURN(d.returns, tx.List<FinancialReturn>());
  CC_ASSIGN_OR_RETURN(d.cases, tx.List<OversightCase>());
  std::unordered_map<std::int64_t, std::string> region_name;
  for (const Region& r : d.regions) region_name[r.id.value()] = r.name;
  for (const Council& c : d.councils) {
    d.council[c.id.value()] = &c;
    d.region_of_council[c.id.value()] = region_name[c.region.value()];
  }
  for (const Rcc& r : d.rccs)
    for (CouncilId c : r.member_councils) d.rcc_of_council[c.value()] = &r;
  for (const Provider& p : d.providers) d.provider[p.id.value()] = &p;
  for (const Home& h : d.homes) {
    d.home[h.id.value()] = &h;
    d.homes_of_provider[h.provider.value()].push_back(&h);
  }
  for (const auto& p : d.placed) {
    ++d.children_in_home[p.home.value()];
    d.spend_in_home[p.home.value()] += p.weekly_fee;
  }
  return d;
}

// Each group's own latest return, by group id.
std::map<std::int64_t, const FinancialReturn*> LatestReturns(
    const std::vector<FinancialReturn>& returns) {
  std::map<std::int64_t, const FinancialReturn*> latest;
  for (const FinancialReturn& r : returns) {
    auto& l = latest[r.group.value()];
    if (!l || r.year > l->year) l = &r;
  }
  return latest;
}

bool HomeIn(const OversightData& d, const Home& h, const std::optional<Rcc>& rcc) {
  if (!rcc) return true;
  const Rcc* r = d.RccOf(h.council);
  return r && r->id == rcc->id;
}

// ---------------------------------------------------------------------------
// Groups: footprint, latest return, stage, quality.

struct GroupFacts {
  std::vector<ProviderGroupId> family;  // the group and every group under it
  std::vector<const Home*> homes;
  std::set<std::int64_t> providers;
  std::map<std::string, int> places_by_region;
};

GroupFacts FactsOf(const OversightData& d, ProviderGroupId g) {
  GroupFacts f;
  f.family = d.tree.WithDescendants(g);
  std::set<std::int64_t> family;
  for (ProviderGroupId id : f.family) family.insert(id.value());
  for (const Provider& p : d.providers)
    if (p.group && family.count(p.group->value())) f.providers.insert(p.id.value());
  for (std::int64_t p : f.providers) {
    auto homes = d.homes_of_provider.find(p);
    if (homes == d.homes_of_provider.end()) continue;
    for (const Home* h : homes->second) {
      if (h->connected_person) continue;
      f.homes.push_back(h);
      auto r = d.region_of_council.find(h->council.value());
      f.places_by_region[r == d.region_of_council.end() ? "" : r->second] += h->registered_places;
    }
  }
  std::sort(f.homes.begin(), f.homes.end(),
            [](const Home* a, const Home* b) { return a->id < b->id; });
  return f;
}

// Places by setting and region in the whole market (every home but kinship carers').
std::map<Setting, std::map<std::string, int>> MarketPlaces(const OversightData& d) {
  std::map<Setting, std::map<std::string, int>> out;
  for (const Home& h : d.homes)
    if (!h.connected_person)
      out[h.setting][d.region_of_council.at(h.council.value())] += h.registered_places;
  return out;
}

// The group's latest own return, else the sum of its groups' latest returns
// for the latest year any of them filed.
std::pair<std::optional<FinancialReturn>, bool> LatestReturn(const OversightData& d,
                                                             const GroupFacts& f,
                                                             ProviderGroupId g) {
  std::optional<FinancialReturn> own;
  for (const FinancialReturn& r : d.returns)
    if (r.group == g && (!own || r.year > own->year)) own = r;
  if (own) return {own, false};
  int year = 0;
  std::set<std::int64_t> family;
  for (ProviderGroupId id : f.family) family.insert(id.value());
  for (const FinancialReturn& r : d.returns)
    if (family.count(r.group.value())) year = std::max(year, r.year);
  if (year == 0) return {std::nullopt, false};
  FinancialReturn sum;
  sum.group = g;
  sum.year = year;
  auto add = [](Pence& a, Pence b) { a = Pence(a.value() + b.value()); };
  for (const FinancialReturn& r : d.returns) {
    if (!family.count(r.group.value()) || r.year != year) continue;
    add(sum.revenue, r.revenue);
    add(sum.staff_costs, r.staff_costs);
    add(sum.property_costs, r.property_costs);
    add(sum.related_party_rent, r.related_party_rent);
    add(sum.management_charges, r.management_charges);
    add(sum.other_costs, r.other_costs);
    add(sum.operating_profit, r.operating_profit);
    add(sum.market_rent, r.market_rent);
    add(sum.debt, r.debt);
    add(sum.connected_debt, r.connected_debt);
    add(sum.interest, r.interest);
    add(sum.connected_interest, r.connected_interest);
    add(sum.cash, r.cash);
    add(sum.capital_employed, r.capital_employed);
    sum.submitted = std::max(sum.submitted, r.submitted);
  }
  return {sum, true};
}

GroupStanding StandingOf(const OversightData& d, const ProviderGroup& g, const GroupFacts& f,
                         const std::map<Setting, std::map<std::string, int>>& market_places,
                         const WorkflowOptions& options, const std::optional<Rcc>& rcc) {
  GroupStanding s;
  s.group = g;
  if (g.parent)
    if (const ProviderGroup* p = d.tree.Find(*g.parent)) s.parent_name = p->name;
  if (const ProviderGroup* top = d.tree.Find(d.tree.Ultimate(g.id))) s.ultimate_name = top->name;
  s.providers = static_cast<int>(f.providers.size());
  market::Footprint fp;
  std::vector<market::HomeGrade> grades;
  for (const Home* h : f.homes) {
    ++s.homes;
    s.places += h->registered_places;
    auto kids = d.children_in_home.find(h->id.value());
    if (kids != d.children_in_home.end()) s.children += kids->second;
    if (rcc && HomeIn(d, *h, rcc)) {
      ++s.homes_in_rcc;
      s.places_in_rcc += h->registered_places;
    }
    fp.group_places[h->setting][d.region_of_council.at(h->council.value())] += h->registered_places;
    grades.push_back({h->id, h->ofsted_urn, h->ofsted_rating, h->last_inspected});
  }
  fp.homes = s.homes;
  fp.places = s.places;
  fp.market_places = market_places;
  s.entry = market::EntryTest(fp, options.entry_conditions);
  s.quality = market::RollUpQuality(grades);
  auto [latest, consolidated] = LatestReturn(d, f, g.id);
  s.latest = latest;
  s.consolidated = consolidated;
  if (latest) {
    double region_share = 0;
    for (const auto& [region, places] : f.places_by_region)
      if (s.places > 0) region_share = std::max(region_share, D(places) / D(s.places));
    s.risk = market::StageRisk(*latest, region_share, options.risk_thresholds);
  }
  for (const OversightCase& c : d.cases)
    if (c.group == g.id && c.open()) {
      ++s.open_cases;
      if (c.kind == OversightCaseKind::kImprovementPlan) s.improvement_plan_open = true;
    }
  return s;
}

// A commissioner sees a group's quality and footprint, not its finances:
// its stage only when councils are being warned (stage 4).
void HideFinances(GroupStanding& s) {
  s.latest.reset();
  s.consolidated = false;
  if (s.risk && s.risk->stage != market::RiskStage::kFailureRisk) s.risk.reset();
}

// ---------------------------------------------------------------------------
// Scenarios: homes close, children re-placed.

// The children living in `closing` homes now, as the matching engine sees
// them: their referral's needs where their placement answered one, else
// NeedsOfPlacedChild's; each needing a home within a closing home's notice.
struct Displaced {
  std::vector<match::ReferralNeeds> needs;
  std::vector<Pence> fees;
  std::vector<CouncilId> councils;
  std::vector<HomeId> homes;
};

Result<Displaced> DisplacedBy(const OversightData& d, const std::vector<HomeId>& closing,
                              const MatchingWorld& world, store::Tx& tx) {
  Displaced out;
  std::set<std::int64_t> gone;
  for (HomeId h : closing) gone.insert(h.value());
  const match::Snapshot& full = world.snapshot;
  for (const auto& p : d.placed) {
    if (!gone.count(p.home.value())) continue;
    const Child* child = world.FindChild(p.child);
    const Home* home = d.home.at(p.home.value());
    if (!child) continue;
    std::int32_t rcc_index = match::kNoRcc;
    if (const Rcc* r = d.RccOf(p.council)) {
      auto at = std::find(full.rcc_ids.begin(), full.rcc_ids.end(), r->id);
      if (at != full.rcc_ids.end())
        rcc_index = static_cast<std::int32_t>(at - full.rcc_ids.begin());
    }
    std::optional<match::ReferralNeeds> n;
    if (p.referral) {
      auto referral = tx.Get<Referral>(*p.referral);
      if (referral.ok()) {
        auto made = match::MakeNeeds(*referral, *child, world.RccOf(p.council), full);
        if (made.ok()) n = *made;
      }
    }
    if (!n) {
      Placement placement;
      placement.council = p.council;
      auto band = ParseEnumCode<NeedBand>(p.need_band);
      placement.need_band = band ? *band : NeedBand::kStandard;
      n = match::NeedsOfPlacedChild(*child, placement, *home, rcc_index, full);
    }
    // A home within a closing home's notice, whatever a referral once said.
    n->needed_by = NeededBy::kAfter5Days;
    n->latest_start_day = static_cast<std::int32_t>(full.as_at.AddDays(28).days_since_epoch());
    n->id = ReferralId(static_cast<std::int64_t>(out.needs.size()) + 1);
    out.needs.push_back(*n);
    out.fees.push_back(Pence(p.weekly_fee));
    out.councils.push_back(p.council);
    out.homes.push_back(p.home);
  }
  return out;
}

// The impact of closing `closing`: places leaving each RCC, and where the
// children marked in `moving` landed in `moved` (which lists them in order).
Impact Summarise(const OversightData& d, const std::vector<HomeId>& closing,
                 const Displaced& displaced, const std::vector<bool>& moving,
                 const match::Relocation& moved) {
  Impact out;
  std::map<std::string, RccImpact> by_rcc;
  auto rcc_row = [&](CouncilId council) -> RccImpact& {
    const Rcc* r = d.RccOf(council);
    RccImpact& row = by_rcc[r ? r->code : ""];
    if (r) {
      row.code = r->code;
      row.name = r->name;
    }
    return row;
  };
  for (HomeId h : closing) {
    auto it = d.home.find(h.value());
    if (it == d.home.end()) continue;
    ++out.homes_closing;
    out.places_leaving += it->second->registered_places;
    RccImpact& row = rcc_row(it->second->council);
    ++row.homes_closing;
    row.places_leaving += it->second->registered_places;
  }
  out.proved_optimal = moved.assignment.outcome == match::AssignOutcome::kOptimal;
  std::size_t k = 0;  // index into moved
  for (std::size_t i = 0; i < displaced.needs.size(); ++i) {
    if (!moving[i]) continue;
    RccImpact& row = rcc_row(displaced.councils[i]);
    const auto where = static_cast<std::size_t>(moved.landing[k]);
    ++row.children;
    ++row.landing[where];
    ++out.children;
    ++out.landing[where];
    ++k;
  }
  for (const match::RccRelocation& r : moved.by_rcc) {
    out.fee_before += r.fee_before;
    out.fee_after += r.fee_after;
  }
  // Fees by the child's RCC, as Relocate summed them.
  k = 0;
  for (std::size_t i = 0; i < displaced.needs.size(); ++i) {
    if (!moving[i]) continue;
    const std::int32_t h = moved.assignment.home_of[k];
    if (h >= 0) {
      RccImpact& row = rcc_row(displaced.councils[i]);
      row.fee_before += displaced.fees[i].value();
      row.fee_after += moved.fee_after[k];
    }
    ++k;
  }
  for (auto& [code, row] : by_rcc)
    if (!code.empty()) out.by_rcc.push_back(row);
  if (by_rcc.count("")) out.by_rcc.push_back(by_rcc[""]);
  return out;
}

Result<Impact> ImpactOf(const OversightData& d, const std::vector<HomeId>& closing,
                        const MatchingWorld& world, store::Tx& tx,
                        const match::MatchPolicy& policy) {
  CC_ASSIGN_OR_RETURN(Displaced displaced, DisplacedBy(d, closing, world, tx));
  match::Snapshot remaining = match::WithoutHomes(world.snapshot, closing);
  match::Relocation moved = match::Relocate(displaced.needs, displaced.fees, remaining, policy);
  return Summarise(d, closing, displaced, std::vector<bool>(displaced.needs.size(), true), moved);
}

}  // namespace

// ---------------------------------------------------------------------------

Result<MarketView> Workflow::Market(const Principal& who, std::optional<RccId> rcc) {
  MarketView out;
  Step step = rcc ? Step::OnRecord(policy_, who, Now(), "market", "read")
                  : Step::OnCollection(policy_, who, Now(), "market", "read_england");
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kRead, [&](store::Tx& tx) -> Status {
    out = MarketView{};
    out.as_at = Today();
    if (rcc) {
      CC_ASSIGN_OR_RETURN(out.rcc, step.Fetch(tx, *rcc));
    }
    CC_ASSIGN_OR_RETURN(OversightData d, LoadOversight(tx));
    // Prices paid by the scope's councils, wherever their children live.
    std::map<std::int64_t, double> pay_factor;
    for (const Council& c : d.councils)
      pay_factor[c.id.value()] = market::RegionPayFactor(d.region_of_council[c.id.value()]);
    std::vector<market::PricePoint> points;
    for (const auto& p : d.placed) {
      const Rcc* r = d.RccOf(p.council);
      if (out.rcc && (!r || r->id != out.rcc->id)) continue;
      const Home& h = *d.home.at(p.home.value());
      if (h.connected_person) continue;
      market::PricePoint pt;
      pt.setting = h.setting;
      auto band = ParseEnumCode<NeedBand>(p.need_band);
      pt.band = band ? *band : NeedBand::kStandard;
      auto route = ParseEnumCode<ContractType>(p.route);
      pt.route = route ? *route : ContractType::kSpot;
      auto start = Date::ParseIso(p.start.substr(0, 10));
      pt.start = start.ok() ? *start : out.as_at;
      pt.weekly_fee = Pence(p.weekly_fee);
      auto dob = Date::ParseIso(p.date_of_birth.substr(0, 10));
      market::FairPriceAssumptions a;
      a.pay_factor = pay_factor[h.council.value()];
      auto fair = market::EstimateFairPrice(
          {.setting = h.setting,
           .registered_places = h.registered_places,
           .ratio = SupportRatio::kStandard,
           .band = pt.band,
           .age = dob.ok() ? std::clamp(AgeInYears(*dob, pt.start), 0, kMaxChildAge) : 12},
          a);
      if (fair.ok()) pt.fair_price = fair->weekly;
      points.push_back(pt);
    }
    out.prices = market::SummarisePrices(points);
    // Concentration of the homes in the scope.
    std::vector<market::Holding> all;
    std::map<Setting, std::vector<market::Holding>> by_setting;
    std::map<ScarceMarket, std::vector<market::Holding>> scarce;
    std::map<std::int64_t, std::vector<market::Holding>> by_rcc;
    for (const Home& h : d.homes) {
      if (h.connected_person || !HomeIn(d, h, out.rcc)) continue;
      market::Holding held = d.FirmOf(h);
      held.places = h.registered_places;
      auto spend = d.spend_in_home.find(h.id.value());
      held.spend = spend == d.spend_in_home.end() ? 0 : spend->second;
      all.push_back(held);
      by_setting[h.setting].push_back(held);
      if (h.solo_only) scarce[ScarceMarket::kSoloHomes].push_back(held);
      if (h.setting == Setting::kSecureChildrensHome) scarce[ScarceMarket::kSecure].push_back(held);
      if (!out.rcc)
        if (const Rcc* r = d.RccOf(h.council)) by_rcc[r->id.value()].push_back(held);
    }
    // Complex and specialist needs: the children placed for them, by firm.
    for (const auto& p : d.placed) {
      if (p.need_band != "complex" && p.need_band != "specialist") continue;
      const Home& h = *d.home.at(p.home.value());
      if (h.connected_person || !HomeIn(d, h, out.rcc)) continue;
      market::Holding held = d.FirmOf(h);
      held.places = 1;
      held.spend = p.weekly_fee;
      scarce[ScarceMarket::kComplexNeeds].push_back(held);
    }
    out.all = market::Concentrate(all);
    for (auto& [setting, held] : by_setting)
      out.by_setting.push_back({setting, market::Concentrate(held)});
    for (auto& [kind, held] : scarce) out.scarce.push_back({kind, market::Concentrate(held, 5)});
    for (const Rcc& r : d.rccs) {
      auto it = by_rcc.find(r.id.value());
      if (it == by_rcc.end()) continue;
      out.by_rcc.push_back({r.id, r.code, r.name, market::Concentrate(it->second, 3)});
    }
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<PublishedPriceCell>> Workflow::PriceTransparency(const Principal& who) {
  std::vector<PublishedPriceCell> out;
  Step step = Step::OnCollection(policy_, who, Now(), "price_publication", "read");
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kRead, [&](store::Tx& tx) -> Status {
    out.clear();
    CC_ASSIGN_OR_RETURN(OversightData d, LoadOversight(tx));
    std::map<std::tuple<std::string, Setting, NeedBand>, std::vector<Pence>> cells;
    std::map<std::string, std::string> names;
    for (const auto& p : d.placed) {
      const Rcc* r = d.RccOf(p.council);
      const Home& h = *d.home.at(p.home.value());
      if (!r || h.connected_person) continue;
      auto band = ParseEnumCode<NeedBand>(p.need_band);
      names[r->code] = r->name;
      cells[{r->code, h.setting, band ? *band : NeedBand::kStandard}].push_back(
          Pence(p.weekly_fee));
    }
    for (auto& [key, fees] : cells) {
      PublishedPriceCell c{
          std::get<0>(key), names[std::get<0>(key)], std::get<1>(key), std::get<2>(key), false, {}};
      c.suppressed = static_cast<std::int64_t>(fees.size()) < kSmallNumber;
      if (!c.suppressed) c.fees = market::QuartilesOf(std::move(fees));
      out.push_back(std::move(c));
    }
    return Status::Ok();
  }));
  return out;
}

Result<std::pair<std::optional<ProviderGroup>, std::vector<FinancialReturn>>>
Workflow::ProviderReturns(const Principal& who) {
  if (who.role != Role::kProvider || !who.provider)
    return PermissionDenied("only a provider has its own group's returns");
  std::optional<ProviderGroupId> group;
  CC_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(Provider p, tx.Get<Provider>(*who.provider));
    group = p.group;
    return Status::Ok();
  }));
  if (!group) return std::pair<std::optional<ProviderGroup>, std::vector<FinancialReturn>>{};
  CC_ASSIGN_OR_RETURN(auto returns, FinancialReturns(who, *group));
  std::optional<ProviderGroup> g;
  CC_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(g, tx.Get<ProviderGroup>(*group));
    return Status::Ok();
  }));
  return std::pair{g, std::move(returns)};
}

Result<std::vector<GroupStanding>> Workflow::ProviderGroups(const Principal& who,
                                                            std::optional<RccId> rcc) {
  std::vector<GroupStanding> out;
  Step step = rcc ? Step::OnRecord(policy_, who, Now(), "provider_group", "list")
                  : Step::OnCollection(policy_, who, Now(), "provider_group", "list_all");
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kRead, [&](store::Tx& tx) -> Status {
    out.clear();
    std::optional<Rcc> in;
    if (rcc) {
      CC_ASSIGN_OR_RETURN(in, step.Fetch(tx, *rcc));
    }
    CC_ASSIGN_OR_RETURN(OversightData d, LoadOversight(tx));
    auto market_places = MarketPlaces(d);
    for (const ProviderGroup& g : d.groups) {
      GroupFacts f = FactsOf(d, g.id);
      GroupStanding s = StandingOf(d, g, f, market_places, options_, in);
      if (in && s.homes_in_rcc == 0) continue;  // not active in the RCC
      if (who.role == Role::kCommissioner) HideFinances(s);
      out.push_back(std::move(s));
    }
    // In scope first, then by stage (highest first), then by places.
    std::stable_sort(out.begin(), out.end(), [](const GroupStanding& a, const GroupStanding& b) {
      if (a.entry.in_scope != b.entry.in_scope) return a.entry.in_scope;
      int sa = a.risk ? static_cast<int>(a.risk->stage) : -1;
      int sb = b.risk ? static_cast<int>(b.risk->stage) : -1;
      if (sa != sb) return sa > sb;
      return a.places > b.places;
    });
    return Status::Ok();
  }));
  return out;
}

Result<GroupDetail> Workflow::ProviderGroupDetail(const Principal& who, ProviderGroupId id) {
  GroupDetail out;
  Step step = Step::OnRecord(policy_, who, Now(), "provider_group", "read");
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kAudited, [&](store::Tx& tx) -> Status {
    out = GroupDetail{};
    CC_ASSIGN_OR_RETURN(ProviderGroup g, step.Fetch(tx, id));
    CC_ASSIGN_OR_RETURN(OversightData d, LoadOversight(tx));
    GroupFacts f = FactsOf(d, g.id);
    out.standing = StandingOf(d, g, f, MarketPlaces(d), options_, std::nullopt);
    for (const Provider& p : d.providers)
      if (f.providers.count(p.id.value())) out.providers.push_back(p);
    for (const Home* h : f.homes) {
      GroupHomeRow row;
      row.id = h->id;
      row.name = h->name;
      row.urn = h->ofsted_urn;
      row.provider = d.provider.at(h->provider.value())->name;
      row.council = d.CouncilName(h->council);
      if (const Rcc* r = d.RccOf(h->council)) row.rcc = r->code;
      row.setting = h->setting;
      row.rating = h->ofsted_rating;
      row.last_inspected = h->last_inspected;
      row.places = h->registered_places;
      auto kids = d.children_in_home.find(h->id.value());
      row.children = kids == d.children_in_home.end() ? 0 : kids->second;
      out.homes.push_back(std::move(row));
    }
    for (const FinancialReturn& r : d.returns)
      if (r.group == g.id) out.returns.push_back(r);
    std::sort(out.returns.begin(), out.returns.end(),
              [](const FinancialReturn& a, const FinancialReturn& b) { return a.year > b.year; });
    if (out.standing.latest) out.profit = market::MeasureProfit(*out.standing.latest);
    for (const OversightCase& c : d.cases)
      if (c.group == g.id) out.cases.push_back(c);
    for (const ProviderGroup& child : d.groups)
      if (child.parent == g.id) out.children_groups.push_back(child.name);
    return step.Audit(tx, "provider_group", g.id.value(), "", RecordDigest(g));
  }));
  return out;
}

Result<std::vector<FinancialReturn>> Workflow::FinancialReturns(const Principal& who,
                                                                ProviderGroupId id) {
  std::vector<FinancialReturn> out;
  Step step = Step::OnRecord(policy_, who, Now(), "financial_return", "list");
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kAudited, [&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(ProviderGroup g, step.Fetch(tx, id));
    CC_ASSIGN_OR_RETURN(out, tx.ListBy<FinancialReturn>(g.id));
    std::sort(out.begin(), out.end(),
              [](const FinancialReturn& a, const FinancialReturn& b) { return a.year > b.year; });
    return step.Audit(tx, "provider_group", g.id.value(), "", DigestOfIds(out));
  }));
  return out;
}

Result<std::vector<FinancialReturn>> Workflow::SubmitFinancialReturns(
    const Principal& who, std::vector<FinancialReturn> returns) {
  Step step = Step::OnRecord(policy_, who, Now(), "financial_return", "submit");
  CC_RETURN_IF_ERROR(step.Admit(store_));
  if (returns.empty()) return InvalidArgument("returns", "there is no return to submit");
  if (returns.size() > 10000) return InvalidArgument("returns", "at most 10,000 returns at once");
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kAudited, [&](store::Tx& tx) -> Status {
    std::set<std::pair<std::int64_t, int>> seen;
    std::string digests;
    CC_ASSIGN_OR_RETURN(auto groups, tx.List<ProviderGroup>());
    for (std::size_t i = 0; i < returns.size(); ++i) {
      FinancialReturn& r = returns[i];
      const std::string at = "returns[" + std::to_string(i) + "]";
      const std::string where = at + ".";
      r.submitted = Today();
      if (!r.group.valid()) return InvalidArgument(where + "groupId", "is required");
      CC_ASSIGN_OR_RETURN(ProviderGroup group,
                          step.Fetch(tx, r.group));  // NotFound: missing or not theirs
      Status valid = Validate(r);
      if (!valid.ok()) return valid.WithFieldPrefix(at);
      // The parent undertaking declared: a known group, and no loop of ownership.
      std::optional<ProviderGroupId> parent;
      if (!r.parent_company_number.empty()) {
        if (r.parent_company_number == group.company_number)
          return InvalidArgument(where + "parentCompanyNumber",
                                 "names the group itself: a group cannot own itself");
        for (const ProviderGroup& g : groups)
          if (g.company_number == r.parent_company_number) parent = g.id;
        if (!parent)
          return InvalidArgument(where + "parentCompanyNumber",
                                 "no provider group has company number " + r.parent_company_number);
      }
      if (parent != group.parent) {
        for (ProviderGroup& g : groups)
          if (g.id == group.id) g.parent = parent;
        auto tree = market::GroupTree::Build(groups);
        if (!tree.ok())
          return InvalidArgument(where + "parentCompanyNumber",
                                 "would make the group own itself through its parent undertakings");
        const std::string before = RecordDigest(group);
        group.parent = parent;
        CC_RETURN_IF_ERROR(tx.Update(group));
        CC_RETURN_IF_ERROR(
            step.Audit(tx, "provider_group", group.id.value(), before, RecordDigest(group)));
      }
      if (!seen.insert({r.group.value(), r.year}).second)
        return InvalidArgument(where + "year", "the same group's return for " +
                                                   std::to_string(r.year) + " is given twice");
      // A resubmission replaces the year's return.
      CC_ASSIGN_OR_RETURN(auto existing, tx.ListBy<FinancialReturn>(r.group));
      auto same = std::find_if(existing.begin(), existing.end(),
                               [&](const FinancialReturn& e) { return e.year == r.year; });
      if (same != existing.end()) {
        r.id = same->id;
        r.version = same->version;
        CC_RETURN_IF_ERROR(tx.Update(r));
      } else {
        CC_ASSIGN_OR_RETURN(r.id, tx.Create(r));
        r.version = 1;
      }
      digests += RecordDigest(r);
    }
    return step.Audit(tx, "financial_return", returns.front().id.value(), "", Combined({digests}));
  }));
  return returns;
}

Result<OversightCase> Workflow::OpenOversightCase(const Principal& who, ProviderGroupId group,
                                                  OversightCaseKind kind, std::string reason) {
  OversightCase out;
  Step step = Step::OnRecord(policy_, who, Now(), "oversight_case", "write");
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kAudited, [&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(ProviderGroup g, step.Fetch(tx, group));
    out = OversightCase{};
    out.group = g.id;
    out.kind = kind;
    out.reason = reason;
    out.opened = Today();
    CC_ASSIGN_OR_RETURN(auto cases, tx.ListBy<OversightCase>(g.id));
    for (const OversightCase& c : cases)
      if (c.open() && c.kind == kind)
        return Conflict("group " + g.name + " already has an open " + std::string(EnumLabel(kind)) +
                            " (case " + std::to_string(c.id.value()) + ")",
                        "kind");
    CC_ASSIGN_OR_RETURN(out.id, tx.Create(out));
    out.version = 1;
    return step.Audit(tx, "oversight_case", out.id.value(), "", RecordDigest(out));
  }));
  return out;
}

Result<OversightCase> Workflow::ChangeOversightCase(const Principal& who, OversightCaseId id,
                                                    std::int64_t version,
                                                    std::optional<CaseEntry> entry,
                                                    std::optional<std::string> close_outcome) {
  OversightCase out;
  Step step = Step::OnRecord(policy_, who, Now(), "oversight_case", "write");
  CC_RETURN_IF_ERROR(step.Admit(store_));
  if (!entry && !close_outcome)
    return InvalidArgument("body", "give an entry to record, or an outcome to close the case");
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kAudited, [&](store::Tx& tx) -> Status {
    const std::string missing = "no oversight_case " + std::to_string(id.value());
    auto found = tx.Get<OversightCase>(id);
    if (!found.ok())
      return found.status().code() == StatusCode::kNotFound ? NotFound(missing) : found.status();
    CC_RETURN_IF_ERROR(step.Fetch(tx, found->group).status());  // authorised through its group
    out = *found;
    const std::string before = RecordDigest(out);
    if (out.version != version)
      return Conflict(
          "the case was changed since it was read (version " + std::to_string(out.version) + ")",
          "version");
    if (!out.open()) return InvalidArgument("closed", "the case is closed");
    if (entry) out.entries.push_back(*entry);
    if (close_outcome) {
      out.closed = Today();
      out.outcome = *close_outcome;
    }
    CC_RETURN_IF_ERROR(tx.Update(out));
    return step.Audit(tx, "oversight_case", out.id.value(), before, RecordDigest(out));
  }));
  return out;
}

Result<std::vector<RiskWarning>> Workflow::RiskWarnings(const Principal& who, RccId rcc) {
  std::vector<RiskWarning> out;
  Step step = Step::OnRecord(policy_, who, Now(), "risk_warning", "list");
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kAudited, [&](store::Tx& tx) -> Status {
    out.clear();
    CC_ASSIGN_OR_RETURN(Rcc in, step.Fetch(tx, rcc));
    CC_ASSIGN_OR_RETURN(OversightData d, LoadOversight(tx));
    auto market_places = MarketPlaces(d);
    for (const ProviderGroup& g : d.groups) {
      GroupFacts f = FactsOf(d, g.id);
      GroupStanding s = StandingOf(d, g, f, market_places, options_, std::nullopt);
      if (!s.risk || s.risk->stage != market::RiskStage::kFailureRisk) continue;
      RiskWarning w{g.id, g.name, *s.risk, {}, {}, 0};
      std::set<std::int64_t> homes;
      for (const Home* h : f.homes) homes.insert(h->id.value());
      std::map<std::int64_t, int> by_council, by_home;
      for (const auto& p : d.placed) {
        if (!homes.count(p.home.value())) continue;
        const Rcc* r = d.RccOf(p.council);
        if (!r || r->id != in.id) continue;  // the children of the RCC asking
        ++by_council[p.council.value()];
        ++by_home[p.home.value()];
        ++w.children;
      }
      if (w.children == 0) continue;  // no child of this RCC lives there
      for (const auto& [council, n] : by_council)
        w.councils.push_back({d.CouncilName(CouncilId(council)), in.code, n});
      for (const auto& [home, n] : by_home) {
        const Home& h = *d.home.at(home);
        const Rcc* hr = d.RccOf(h.council);
        w.homes.push_back({h.name, h.ofsted_urn, d.CouncilName(h.council), hr ? hr->code : "", n});
      }
      out.push_back(std::move(w));
    }
    return step.Audit(tx, "rcc", in.id.value(), "", std::to_string(out.size()));
  }));
  return out;
}

Result<ProfitCapReport> Workflow::ProfitCapOf(const Principal& who, market::ProfitCap cap) {
  ProfitCapReport out;
  out.cap = cap;
  Step step = Step::OnCollection(policy_, who, Now(), "profit_cap", "read");
  CC_RETURN_IF_ERROR(step.Admit(store_));
  CC_RETURN_IF_ERROR(market::Validate(cap));
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kRead, [&](store::Tx& tx) -> Status {
    out.rows.clear();
    CC_ASSIGN_OR_RETURN(auto groups, tx.List<ProviderGroup>());
    CC_ASSIGN_OR_RETURN(auto returns, tx.List<FinancialReturn>());
    auto latest = LatestReturns(returns);
    std::int64_t total = 0;
    for (const ProviderGroup& g : groups) {
      auto it = latest.find(g.id.value());
      if (it == latest.end()) continue;
      ProfitCapRow row{g.id, g.name, it->second->year, market::MeasureProfit(*it->second), {}};
      row.outcome = market::ApplyCap(row.profit, cap);
      total += row.outcome.excess.value();
      out.breaches += row.outcome.breach;
      out.rows.push_back(std::move(row));
    }
    out.total_excess = Pence(total);
    std::stable_sort(out.rows.begin(), out.rows.end(),
                     [](const ProfitCapRow& a, const ProfitCapRow& b) {
                       return a.outcome.excess > b.outcome.excess;
                     });
    return Status::Ok();
  }));
  return out;
}

Result<ProfitCapWhatIf> Workflow::ProfitCapWhatIfOf(const Principal& who,
                                                    const std::vector<double>& levels) {
  ProfitCapWhatIf out;
  Step step = Step::OnCollection(policy_, who, Now(), "profit_cap", "read");
  CC_RETURN_IF_ERROR(step.Admit(store_));
  if (levels.empty() || levels.size() > 101)
    return InvalidArgument("levels", "give 1 to 101 cap levels");
  for (double l : levels)
    if (!(l >= 0 && l <= 1)) return InvalidArgument("levels", "each level is a margin from 0 to 1");
  CC_ASSIGN_OR_RETURN(auto world, worlds_.Get(store_, Today()));
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kRead, [&](store::Tx& tx) -> Status {
    out.levels.clear();
    CC_ASSIGN_OR_RETURN(OversightData d, LoadOversight(tx));
    // The groups with returns of their own: those the cap applies to.
    struct Capped {
      const ProviderGroup* group;
      market::RegulatedProfit profit;
      std::vector<market::GroupHome> homes;
    };
    auto latest = LatestReturns(d.returns);
    std::vector<Capped> capped;
    for (const ProviderGroup& g : d.groups) {
      auto it = latest.find(g.id.value());
      if (it == latest.end()) continue;
      Capped c{&g, market::MeasureProfit(*it->second), {}};
      for (const Provider& p : d.providers) {
        if (p.group != g.id) continue;
        auto homes = d.homes_of_provider.find(p.id.value());
        if (homes == d.homes_of_provider.end()) continue;
        for (const Home* h : homes->second) {
          if (h->connected_person) continue;
          auto kids = d.children_in_home.find(h->id.value());
          c.homes.push_back(
              {h->id, h->registered_places, kids == d.children_in_home.end() ? 0 : kids->second});
        }
      }
      capped.push_back(std::move(c));
    }
    // Every level's closing homes first; a lower cap closes a superset of
    // what a higher one closes, so one planner serves them all, and levels
    // closing the same homes share one re-placement.
    std::vector<double> sorted = levels;
    std::sort(sorted.begin(), sorted.end());
    std::vector<std::vector<HomeId>> closing_at(sorted.size());
    std::set<std::int64_t> every;
    for (std::size_t li = 0; li < sorted.size(); ++li) {
      WhatIfLevel row;
      row.cap = sorted[li];
      std::int64_t repaid = 0;
      for (const Capped& c : capped) {
        market::CapOutcome o =
            market::ApplyCap(c.profit, {market::ProfitCap::Kind::kMargin, sorted[li], {}});
        repaid += o.excess.value();
        row.breaches += o.breach;
        double share = market::ExitShare(c.profit, o, c.group->cost_of_capital_bp / 10000.0);
        if (share <= 0) continue;
        ++row.groups_shrinking;
        for (HomeId h : market::HomesToClose(c.homes, share)) {
          closing_at[li].push_back(h);
          every.insert(h.value());
        }
      }
      row.repaid = Pence(repaid);
      out.levels.push_back(std::move(row));
    }
    std::vector<HomeId> union_closing;
    for (std::int64_t h : every) union_closing.push_back(HomeId(h));
    CC_ASSIGN_OR_RETURN(Displaced displaced, DisplacedBy(d, union_closing, *world, tx));
    match::RelocationPlanner planner(displaced.needs, displaced.fees, world->snapshot,
                                     options_.match_policy);
    // Levels closing the same homes share one re-placement; the distinct
    // ones are independent and run on two threads (each result is the
    // same whichever thread computes it).
    std::map<std::vector<std::int64_t>, std::size_t> scenario_of;
    std::vector<std::size_t> first_level;  // per distinct scenario
    std::vector<std::size_t> scenario(sorted.size());
    for (std::size_t li = 0; li < sorted.size(); ++li) {
      std::vector<std::int64_t> key;
      for (HomeId h : closing_at[li]) key.push_back(h.value());
      std::sort(key.begin(), key.end());
      auto [it, fresh] = scenario_of.emplace(std::move(key), first_level.size());
      if (fresh) first_level.push_back(li);
      scenario[li] = it->second;
    }
    std::vector<Impact> impacts(first_level.size());
    std::atomic<std::size_t> next{0};
    auto work = [&] {
      for (std::size_t k = next++; k < first_level.size(); k = next++) {
        const std::vector<HomeId>& closing = closing_at[first_level[k]];
        std::unordered_set<std::int64_t> here;
        for (HomeId h : closing) here.insert(h.value());
        std::vector<bool> moving(displaced.needs.size());
        for (std::size_t i = 0; i < moving.size(); ++i)
          moving[i] = here.count(displaced.homes[i].value()) > 0;
        match::Relocation moved = planner.For(moving, closing);
        impacts[k] = Summarise(d, closing, displaced, moving, moved);
      }
    };
    std::thread helper(work);
    work();
    helper.join();
    for (std::size_t li = 0; li < sorted.size(); ++li)
      out.levels[li].impact = impacts[scenario[li]];
    return Status::Ok();
  }));
  return out;
}

Result<FailureScenario> Workflow::Failure(const Principal& who, ProviderGroupId id) {
  FailureScenario out;
  Step step = Step::OnCollection(policy_, who, Now(), "failure_scenario", "run");
  CC_RETURN_IF_ERROR(step.Admit(store_));
  CC_ASSIGN_OR_RETURN(auto world, worlds_.Get(store_, Today()));
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kRead, [&](store::Tx& tx) -> Status {
    auto g = tx.Get<ProviderGroup>(id);
    if (!g.ok())
      return g.status().code() == StatusCode::kNotFound
                 ? NotFound("no provider_group " + std::to_string(id.value()))
                 : g.status();
    CC_ASSIGN_OR_RETURN(OversightData d, LoadOversight(tx));
    GroupFacts f = FactsOf(d, g->id);
    std::vector<HomeId> closing;
    for (const Home* h : f.homes) closing.push_back(h->id);
    out.group = g->id;
    out.name = g->name;
    out.as_at = world->snapshot.as_at;
    CC_ASSIGN_OR_RETURN(out.impact, ImpactOf(d, closing, *world, tx, options_.match_policy));
    return Status::Ok();
  }));
  return out;
}

}  // namespace carecoop::services
