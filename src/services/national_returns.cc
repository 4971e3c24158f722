// RCC returns (docs/national.md): an RCC's commissioner builds the quarter's
// return from the store; the return is received by the national body,
// checked whole (national::Validate) and kept, one per RCC and quarter; the
// national overview is built from the returns received and nothing else.
#include "services/national_returns.h"

#include <algorithm>
#include <map>

#include "core/geo.h"
#include "domain/child.h"
#include "market/fair_price.h"
#include "national/rcc_return_json.h"
#include "national/stability.h"
#include "services/matching.h"
#include "services/step.h"
#include "services/workflow.h"

namespace carecoop::services {
namespace {

std::optional<Date> Iso(const std::string& text) {
  if (text.empty()) return std::nullopt;
  auto d = Date::ParseIso(text.substr(0, 10));
  if (!d.ok()) return std::nullopt;
  return *d;
}

bool Known(const LatLon& at) { return at.lat != 0 || at.lon != 0; }

// Every return the national body holds, read back from its JSON.
Result<std::vector<national::RccReturn>> ReceivedReturns(store::Tx& tx) {
  std::vector<national::RccReturn> out;
  CC_ASSIGN_OR_RETURN(auto records, tx.List<ReceivedReturn>());
  for (const ReceivedReturn& rec : records) {
    auto parsed = national::ReturnFromJson(nlohmann::json::parse(rec.body, nullptr, false));
    if (!parsed.ok())
      return Internal("the stored return " + std::to_string(rec.id.value()) +
                      " no longer reads: " + parsed.status().ToString());
    out.push_back(std::move(*parsed));
  }
  return out;
}

}  // namespace

Setting SettingAskedFor(const Referral& r) {
  if (r.deprivation_of_liberty.value_or(false)) return Setting::kSecureChildrensHome;
  const std::pair<Suitability, Setting> kinds[] = {
      {r.foster_care_suitability, Setting::kFosteringHousehold},
      {r.residential_care_suitability, Setting::kChildrensHome},
      {r.supported_accommodation_suitability, Setting::kSupportedAccommodation}};
  for (Suitability wanted : {Suitability::kPreferred, Suitability::kSuitable})
    for (auto [s, setting] : kinds)
      if (s == wanted) return setting;
  return Setting::kChildrensHome;
}

national::NeedProfile ProfileOf(const Referral& r, int age) {
  national::NeedProfile p;
  p.setting = std::string(EnumCode(SettingAskedFor(r)));
  p.age = national::AgeBand(age);
  p.ratio = std::string(EnumCode(r.minimum_adult_support_ratio));
  for (Risk risk : r.risks.Values())
    if (risk != Risk::kOtherToChild && risk != Risk::kToOthersOther)
      p.risks.emplace_back(EnumCode(risk));
  std::sort(p.risks.begin(), p.risks.end());
  if (r.home_adaptation) p.needs.emplace_back("adapted_home");
  if (r.deprivation_of_liberty.value_or(false)) p.needs.emplace_back("deprivation_of_liberty");
  if (r.parent_and_child) p.needs.emplace_back("parent_and_child");
  return p;
}

Result<ReturnSources> LoadReturnSources(store::Tx& tx, national::Quarter quarter,
                                        std::optional<RccId> only) {
  ReturnSources s;
  s.quarter = quarter;
  CC_ASSIGN_OR_RETURN(s.rccs, tx.List<Rcc>());
  if (only) std::erase_if(s.rccs, [&](const Rcc& r) { return r.id != *only; });
  CC_ASSIGN_OR_RETURN(s.placements,
                      store::PlacementsOpenBetween(tx, quarter.First(), quarter.Last(), only));
  // From two years before the quarter's end: the stability table counts each
  // child's moves in the two years to it (national/stability.h).
  CC_ASSIGN_OR_RETURN(
      s.moves, store::MovesPlacementsBetween(tx, StabilityFrom(quarter), quarter.Last(), only));
  CC_ASSIGN_OR_RETURN(auto referrals,
                      only ? tx.List<Referral>(store::Scope::Of(*only)) : tx.List<Referral>());
  for (Referral& r : referrals)
    if (r.status != ReferralStatus::kDraft && quarter.Contains(r.referral_date))
      s.referrals.push_back(std::move(r));
  CC_ASSIGN_OR_RETURN(s.approved, store::ReferralsApprovedByScrutiny(tx));
  for (const Referral& r : s.referrals) {
    if (s.born.count(r.child.value())) continue;
    CC_ASSIGN_OR_RETURN(Child child, tx.Get(r.child));
    s.born[r.child.value()] = child.date_of_birth;
  }
  return s;
}

Date StabilityFrom(national::Quarter quarter) { return quarter.Last().AddDays(-730); }

national::ReturnFacts FactsOf(const ReturnSources& s, const Rcc& rcc) {
  national::ReturnFacts f;
  f.rcc_code = rcc.code;
  f.quarter = s.quarter;
  const Date first = s.quarter.First(), last = s.quarter.Last();
  // What each kind of place should cost a week (market/fair_price.h), at the
  // standard ratio and national pay, as the ranking estimates a home without
  // a fee; 0 when it cannot be estimated. Many placements share a key.
  std::map<std::tuple<Setting, int, NeedBand, int>, std::int64_t> fair_price;
  auto fair = [&](Setting setting, int places, NeedBand band, int age) -> std::int64_t {
    auto [it, fresh] = fair_price.try_emplace({setting, places, band, age}, 0);
    if (fresh) {
      auto estimate = market::EstimateFairPrice(
          {.setting = setting, .registered_places = places, .band = band, .age = age});
      if (estimate.ok()) it->second = estimate->weekly.value();
    }
    return it->second;
  };
  std::vector<national::StabilityPlacement> stability;
  // The placement that answered each referral (its first, if several).
  std::map<std::int64_t, const store::QuarterPlacementRow*> answered;
  for (const auto& p : s.placements) {
    if (p.rcc != rcc.id) continue;
    if (p.referral) {
      auto [it, fresh] = answered.try_emplace(p.referral->value(), &p);
      if (!fresh && p.start < it->second->start) it->second = &p;
    }
    // Placements in a home or foster household: the settings the return
    // breaks down (placed with parents and the like are in SSDA903, not here).
    auto setting = ParseEnumCode<Setting>(p.setting);
    if (!setting) continue;
    auto start = Iso(p.start);
    if (!start) continue;
    const auto end = Iso(p.end);
    const auto dob = Iso(p.date_of_birth);
    auto fact = [&](Date on) {
      national::PlacementFact x;
      x.setting = *setting;
      auto band = ParseEnumCode<NeedBand>(p.need_band);
      x.band = band ? *band : NeedBand::kStandard;
      x.age_years = dob ? std::max(0, AgeInYears(*dob, on)) : 0;
      if (p.home_location && Known(p.family_location))
        x.km_from_home = DistanceKm(p.family_location, *p.home_location);
      x.inside_rcc = p.home_rcc == rcc.id;
      x.route = p.in_house ? "in_house" : p.route.empty() ? "spot" : p.route;
      if (std::find(national::dimension::kRoute.begin(), national::dimension::kRoute.end(),
                    x.route) == national::dimension::kRoute.end())
        x.route = "spot";
      x.weekly_fee_pence = p.weekly_fee;
      return x;
    };
    if (*start >= first && *start <= last) f.started.push_back(fact(*start));
    if (*start <= last && (!end || *end > last)) {
      national::PlacementFact x = fact(last);
      // Only the places at the end are priced against the fair price.
      x.fair_price_pence = fair(x.setting, std::max(1, p.home_places), x.band, x.age_years);
      f.at_end.push_back(std::move(x));
    }
    if (end && *end >= first && *end <= last && !p.reason_place_change.empty())
      f.moves.push_back({p.reason_place_change, *setting});
  }
  for (const auto& p : s.moves)
    if (p.rcc == rcc.id)
      if (auto start = Iso(p.start))
        stability.push_back({p.child, "", *start, Iso(p.end), p.reason_place_change, p.emergency});
  for (const national::ChildMoves& m : national::MovesOfChildrenInPlacement(stability, last))
    f.children_at_end.push_back({m.moves_in_year, m.moves_in_two_years});
  std::set<std::int64_t> members;
  for (CouncilId c : rcc.member_councils) members.insert(c.value());
  for (const Referral& r : s.referrals) {
    if (!members.count(r.council.value())) continue;
    national::ReferralFact x;
    x.views_recorded =
        !r.child_views.empty() || !r.child_wishes.empty() || !r.child_own_wishes.empty();
    auto placed = answered.find(r.id.value());
    std::optional<Date> start;
    if (placed != answered.end()) start = Iso(placed->second->start);
    auto born = s.born.find(r.child.value());
    const int age =
        born == s.born.end() ? 0 : std::max(0, AgeInYears(born->second, r.referral_date));
    if (start && *start <= last) {
      x.outcome = "placed";
      x.days_to_placement = std::max<std::int64_t>(0, start->DaysSince(r.referral_date));
      x.scrutiny = placed->second->emergency        ? "after_agreement"
                   : s.approved.count(r.id.value()) ? "before_agreement"
                                                    : "none";
      const auto& p = *placed->second;
      std::optional<double> miles;
      if (p.home_location && Known(p.family_location))
        miles = DistanceKm(p.family_location, *p.home_location) / kKmPerMile;
      if (national::HardToPlace(*x.days_to_placement, miles))
        f.profiles.push_back({ProfileOf(r, age), false, p.weekly_fee, miles});
    } else if (r.status == ReferralStatus::kWithdrawn) {
      x.outcome = "withdrawn";
    } else if (r.latest_start_date < last) {
      x.outcome = "unmet";
      f.unmet.push_back({SettingAskedFor(r), r.need_band()});
      f.profiles.push_back({ProfileOf(r, age), true, 0, std::nullopt});
    } else {
      x.outcome = "open";
    }
    f.referrals.push_back(x);
  }
  return f;
}

Result<std::vector<national::RccReturn>> BuildReturns(store::Tx& tx, national::Quarter quarter,
                                                      Date produced, std::optional<RccId> only) {
  CC_ASSIGN_OR_RETURN(ReturnSources s, LoadReturnSources(tx, quarter, only));
  std::vector<national::RccReturn> out;
  for (const Rcc& r : s.rccs) out.push_back(national::BuildReturn(FactsOf(s, r), produced));
  return out;
}

// ---------------------------------------------------------------------------

Result<national::RccReturn> Workflow::BuildRccReturn(const Principal& who, RccId id,
                                                     national::Quarter quarter) {
  national::RccReturn out;
  Step step = Step::OnRecord(policy_, who, Now(), "rcc_return", "build");
  CC_RETURN_IF_ERROR(step.Admit(store_));
  if (quarter.Last() >= Today())
    return InvalidArgument("quarter", quarter.ToString() + " has not ended (it ends on " +
                                          quarter.Last().ToIso() +
                                          "): a return covers a whole quarter");
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kAudited, [&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(Rcc rcc, step.Fetch(tx, id));
    CC_ASSIGN_OR_RETURN(auto built, BuildReturns(tx, quarter, Today(), rcc.id));
    if (built.size() != 1) return Internal("the RCC's return was not built");
    out = std::move(built.front());
    return step.Audit(tx, "rcc", rcc.id.value(), "",
                      DigestOfParams({quarter.ToString(), national::ReturnJson(out).dump()}));
  }));
  return out;
}

Result<ReceivedRccReturn> Workflow::ReceiveRccReturn(const Principal& who, RccId id,
                                                     const national::RccReturn& r) {
  ReceivedRccReturn out;
  Step step = Step::OnRecord(policy_, who, Now(), "rcc_return", "receive");
  CC_RETURN_IF_ERROR(step.Admit(store_));
  CC_RETURN_IF_ERROR(national::Validate(r));
  if (r.produced > Today())
    return InvalidArgument("produced",
                           "is " + r.produced.ToIso() + ", after today (" + Today().ToIso() + ")");
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kAudited, [&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(Rcc rcc, step.Fetch(tx, id));
    if (rcc.code != r.rcc_code)
      return InvalidArgument(
          "rcc_code", "is '" + r.rcc_code + "', but the return was sent as " + rcc.code + "'s");
    ReceivedReturn record;
    record.rcc = rcc.id;
    record.quarter = r.quarter.ToString();
    record.produced = r.produced;
    record.received_at = Now();
    record.received_by = who.username.empty() ? "unknown" : who.username;
    record.format_version = r.version;
    record.body = national::ReturnJson(r).dump();
    // A resubmission replaces the quarter's return, in this one transaction.
    CC_ASSIGN_OR_RETURN(auto stored, tx.List<ReceivedReturn>(store::Scope::Of(rcc.id)));
    std::erase_if(stored, [&](const ReceivedReturn& x) { return x.quarter != record.quarter; });
    std::string before;
    if (!stored.empty()) {
      before = RecordDigest(stored.front());
      record.id = stored.front().id;
      record.version = stored.front().version;
      CC_RETURN_IF_ERROR(tx.Update(record));
      out.replaced = true;
    } else {
      CC_ASSIGN_OR_RETURN(record.id, tx.Create(record));
      record.version = 1;
    }
    out.record = record;
    out.rcc_code = rcc.code;
    out.rcc_name = rcc.name;
    return step.Audit(tx, "rcc_return", record.id.value(), before, RecordDigest(record));
  }));
  return out;
}

Result<std::vector<ReceivedRccReturn>> Workflow::RccReturns(
    const Principal& who, std::optional<national::Quarter> quarter) {
  std::vector<ReceivedRccReturn> out;
  Step step = Step::OnCollection(policy_, who, Now(), "rcc_return", "list");
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kRead, [&](store::Tx& tx) -> Status {
    out.clear();
    CC_ASSIGN_OR_RETURN(auto rccs, tx.List<Rcc>());
    std::map<std::int64_t, const Rcc*> rcc_of;
    for (const Rcc& r : rccs) rcc_of[r.id.value()] = &r;
    CC_ASSIGN_OR_RETURN(auto records, tx.List<ReceivedReturn>());
    for (ReceivedReturn& rec : records) {
      if (quarter && rec.quarter != quarter->ToString()) continue;
      ReceivedRccReturn x;
      const Rcc* r = rcc_of[rec.rcc.value()];
      x.rcc_code = r ? r->code : "";
      x.rcc_name = r ? r->name : "";
      x.record = std::move(rec);
      out.push_back(std::move(x));
    }
    return Status::Ok();
  }));
  return out;
}

Result<national::Overview> Workflow::NationalOverview(const Principal& who,
                                                      std::map<std::string, RccId>* rcc_ids) {
  national::Overview out;
  Step step = Step::OnCollection(policy_, who, Now(), "national_overview", "read");
  std::vector<national::RccReturn> returns;
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kRead, [&](store::Tx& tx) -> Status {
    returns.clear();
    if (rcc_ids) {
      CC_ASSIGN_OR_RETURN(auto rccs, tx.List<Rcc>());
      for (const Rcc& r : rccs) (*rcc_ids)[r.code] = r.id;
    }
    CC_ASSIGN_OR_RETURN(returns, ReceivedReturns(tx));
    return Status::Ok();
  }));
  return national::BuildOverview(returns);
}

Result<national::RareNeedsResult> Workflow::RareNeeds(const Principal& who, national::Quarter last,
                                                      const national::RareNeedRules& rules,
                                                      national::RareNeedOrder order) {
  Step step = Step::OnCollection(policy_, who, Now(), "rare_needs", "read");
  CC_RETURN_IF_ERROR(step.Admit(store_));  // a refused role hears so before any check of its rules
  CC_RETURN_IF_ERROR(national::Validate(rules));
  std::vector<national::ProfileReturn> returns;
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kRead, [&](store::Tx& tx) -> Status {
    returns.clear();
    CC_ASSIGN_OR_RETURN(auto received, ReceivedReturns(tx));
    for (national::RccReturn& r : received)
      returns.push_back({r.rcc_code, r.quarter, std::move(r.need_profiles)});
    return Status::Ok();
  }));
  return national::FindRareNeeds(returns, last, rules, order);
}

}  // namespace carecoop::services
