// The policy simulator's world from the store (services/simulation.h).
#include "services/simulation.h"

#include <algorithm>
#include <map>

#include "services/matching.h"
#include "services/step.h"
#include "services/workflow.h"

namespace carecoop::services {

nlohmann::json FactsJson(const SimulationWorldFacts& facts) {
  return {{"homes", facts.homes},
          {"places", facts.places},
          {"potentialHomes", facts.potential_homes},
          {"councils", facts.councils},
          {"needProfiles", facts.profiles},
          {"childrenPlaced", facts.children},
          {"entriesPerYear", facts.entries_per_year}};
}

Result<sim::World> LoadSimulationWorld(store::Tx& tx, Date as_at, SimulationWorldFacts* facts) {
  CC_ASSIGN_OR_RETURN(match::SnapshotInput in, ReadSnapshotInput(tx, as_at));
  CC_ASSIGN_OR_RETURN(auto referrals, tx.List<Referral>());
  if (in.homes.empty()) return InvalidArgument("store", "holds no home to simulate");
  if (in.councils.empty()) return InvalidArgument("store", "holds no council to simulate");
  // Potential homes: a copy of each fostering household and of each
  // children's home and supported accommodation a provider runs, with ids
  // after the last home's, none placed there.
  std::map<ProviderId, bool> council_run;
  for (const Provider& p : in.providers) council_run[p.id] = p.ownership == Ownership::kCouncil;
  std::int64_t last_id = 0;
  for (const Home& h : in.homes) last_id = std::max(last_id, h.id.value());
  const std::int64_t first_potential = last_id + 1;
  const std::size_t real_homes = in.homes.size();
  for (std::size_t i = 0; i < real_homes; ++i) {
    const Home& h = in.homes[i];
    const bool copy =
        h.setting == Setting::kFosteringHousehold ||
        ((h.setting == Setting::kChildrensHome || h.setting == Setting::kSupportedAccommodation) &&
         !council_run[h.provider]);
    if (!copy || h.connected_person) continue;
    Home potential = h;
    potential.id = HomeId(++last_id);
    in.homes.push_back(std::move(potential));
  }
  // Every home enters the snapshot: one open place each, from the day (the
  // world then gives each its registered places).
  in.vacancies.clear();
  std::map<HomeId, int> registered;
  for (const Home& h : in.homes) {
    registered[h.id] = std::max(h.registered_places, 1);
    in.vacancies.push_back({.id = VacancyId(h.id.value()),
                            .home = h.id,
                            .available_from = as_at,
                            .status = VacancyStatus::kOpen});
  }
  match::Snapshot snapshot = match::BuildSnapshot(in);
  std::vector<std::int32_t> places;
  std::vector<std::uint8_t> open;
  std::map<HomeId, std::int32_t> index_of_home;
  for (std::size_t h = 0; h < snapshot.size(); ++h) {
    places.push_back(registered[snapshot.id[h]]);
    open.push_back(snapshot.id[h].value() < first_potential ? 1 : 0);
    index_of_home[snapshot.id[h]] = static_cast<std::int32_t>(h);
  }

  std::map<ChildId, const Child*> child_of;
  for (const Child& c : in.children) child_of[c.id] = &c;
  // RCC index of each council, as the snapshot numbers RCCs.
  std::map<CouncilId, std::int32_t> rcc_of;
  for (const Rcc& r : in.rccs) {
    const auto at = std::find(snapshot.rcc_ids.begin(), snapshot.rcc_ids.end(), r.id);
    if (at == snapshot.rcc_ids.end()) continue;
    for (CouncilId c : r.member_councils)
      rcc_of[c] = static_cast<std::int32_t>(at - snapshot.rcc_ids.begin());
  }
  std::map<CouncilId, std::size_t> council_index;
  std::vector<sim::SimCouncil> councils;
  for (const Council& c : in.councils) {
    council_index[c.id] = councils.size();
    auto rcc = rcc_of.find(c.id);
    councils.push_back(
        {c.id, rcc == rcc_of.end() ? match::kNoRcc : rcc->second, c.location, 0.0, {}});
  }

  // Need profiles: every referral past its draft whose needs can be read.
  std::vector<match::ReferralNeeds> profiles;
  std::size_t left_out = 0;
  for (const Referral& r : referrals) {
    if (r.status == ReferralStatus::kDraft) continue;
    auto child = child_of.find(r.child);
    auto rcc = rcc_of.find(r.council);
    std::optional<RccId> rcc_id;
    if (rcc != rcc_of.end()) rcc_id = snapshot.rcc_ids[static_cast<std::size_t>(rcc->second)];
    auto needs = child == child_of.end() ? Result<match::ReferralNeeds>(NotFound("child"))
                                         : match::MakeNeeds(r, *child->second, rcc_id, snapshot);
    if (!needs.ok()) {
      ++left_out;
      continue;
    }
    profiles.push_back(std::move(*needs));
  }
  if (profiles.empty()) return InvalidArgument("store", "holds no referral to draw needs from");
  std::array<std::vector<std::int32_t>, 4> profiles_of_band;
  for (std::size_t p = 0; p < profiles.size(); ++p)
    profiles_of_band[static_cast<std::size_t>(profiles[p].band)].push_back(
        static_cast<std::int32_t>(p));

  // Entries (first placements in the year before the day), the children
  // placed on the day, and where their families live.
  const Date year_ago = as_at.AddDays(-365);
  std::map<ChildId, Date> first_start;
  for (const Placement& p : in.placements) {
    auto [it, fresh] = first_start.try_emplace(p.child, p.start);
    if (!fresh && p.start < it->second) it->second = p.start;
  }
  for (const auto& [child, start] : first_start) {
    if (start < year_ago || !(start < as_at)) continue;
    auto c = child_of.find(child);
    if (c == child_of.end()) continue;
    auto at = council_index.find(c->second->council);
    if (at != council_index.end()) councils[at->second].entries_per_year += 1;
  }
  std::vector<sim::StartingChild> children;
  for (const Placement& p : in.placements) {
    if (!(p.start <= as_at) || (p.end && *p.end <= as_at) || !p.home) continue;
    auto home = index_of_home.find(*p.home);
    auto council = council_index.find(p.council);
    auto child = child_of.find(p.child);
    if (home == index_of_home.end() || council == council_index.end() || child == child_of.end())
      continue;
    const auto& band = profiles_of_band[static_cast<std::size_t>(p.need_band)];
    const std::int32_t profile =
        band.empty() ? 0 : band[static_cast<std::size_t>(p.child.value()) % band.size()];
    children.push_back({static_cast<std::int32_t>(council->second), home->second,
                        static_cast<std::int32_t>(child->second->date_of_birth.days_since_epoch()),
                        profile});
    councils[council->second].families.push_back(child->second->family_location);
  }
  if (facts) {
    *facts = {};
    for (std::size_t h = 0; h < snapshot.size(); ++h) {
      if (!open[h]) {
        ++facts->potential_homes;
        continue;
      }
      ++facts->homes;
      facts->places += static_cast<std::size_t>(places[h]);
    }
    facts->councils = councils.size();
    facts->profiles = profiles.size();
    facts->children = children.size();
    for (const sim::SimCouncil& c : councils) facts->entries_per_year += c.entries_per_year;
    facts->referrals_left_out = left_out;
  }
  std::vector<std::string> rcc_codes;
  for (RccId id : snapshot.rcc_ids) {
    auto r = std::find_if(in.rccs.begin(), in.rccs.end(), [&](const Rcc& x) { return x.id == id; });
    rcc_codes.push_back(r == in.rccs.end() ? std::string() : r->code);
  }
  CC_ASSIGN_OR_RETURN(
      sim::World world,
      sim::MakeWorld(as_at, std::move(snapshot), std::move(places), std::move(councils),
                     std::move(profiles), std::move(children), std::move(open)));
  world.rcc_codes = std::move(rcc_codes);
  return world;
}

Result<SimulationJob> Workflow::StartSimulation(const Principal& who, SimulationRequest request) {
  Step step = Step::OnCollection(policy_, who, Now(), "simulation", "create");
  CC_RETURN_IF_ERROR(step.Admit(store_));
  Result<SimulationJob> started = Internal("not started");
  CC_RETURN_IF_ERROR(step.Run(store_, Step::Mode::kAudited, [&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(auto rccs, tx.List<Rcc>());
    std::vector<std::string> codes;
    for (const Rcc& r : rccs) codes.push_back(r.code);
    CC_RETURN_IF_ERROR(Validate(request, codes));
    started = simulations_->Start(request, who.username, Now(), [this] { return Now(); });
    CC_RETURN_IF_ERROR(started.status());
    nlohmann::json designs = request.designs;
    return step.Audit(tx, "simulation", started->id, "",
                      nlohmann::json({{"designs", designs},
                                      {"years", request.years},
                                      {"runs", request.runs},
                                      {"seed", request.seed},
                                      {"focus", request.focus}})
                          .dump());
  }));
  return started;
}

Result<SimulationJob> Workflow::Simulation(const Principal& who, std::int64_t id) {
  Step step = Step::OnCollection(policy_, who, Now(), "simulation", "read");
  CC_RETURN_IF_ERROR(step.Admit(store_));
  return simulations_->Get(id);
}

Result<std::vector<SimulationJob>> Workflow::Simulations(const Principal& who) {
  Step step = Step::OnCollection(policy_, who, Now(), "simulation", "read");
  CC_RETURN_IF_ERROR(step.Admit(store_));
  return simulations_->List();
}

}  // namespace carecoop::services
