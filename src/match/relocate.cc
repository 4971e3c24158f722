#include "match/relocate.h"

#include <algorithm>
#include <map>
#include <unordered_set>

namespace carecoop::match {

Snapshot WithoutHomes(const Snapshot& s, const std::vector<HomeId>& closing) {
  std::unordered_set<std::int64_t> gone;
  for (HomeId h : closing) gone.insert(h.value());
  Snapshot o;
  o.as_at = s.as_at;
  o.rcc_ids = s.rcc_ids;
  o.free_begin.push_back(0);
  for (std::size_t h = 0; h < s.size(); ++h) {
    if (gone.count(s.id[h].value())) continue;
    o.id.push_back(s.id[h]);
    o.provider.push_back(s.provider[h]);
    o.name.push_back(s.name[h]);
    o.setting.push_back(s.setting[h]);
    o.ofsted.push_back(s.ofsted[h]);
    o.location.push_back(s.location[h]);
    o.point.push_back(s.point[h]);
    o.council.push_back(s.council[h]);
    o.rcc.push_back(s.rcc[h]);
    o.min_age.push_back(s.min_age[h]);
    o.max_age.push_back(s.max_age[h]);
    o.needs_met.push_back(s.needs_met[h]);
    o.risks_managed.push_back(s.risks_managed[h]);
    o.max_support_ratio.push_back(s.max_support_ratio[h]);
    o.solo_only.push_back(s.solo_only[h]);
    o.has_pets.push_back(s.has_pets[h]);
    o.in_house.push_back(s.in_house[h]);
    o.owner_council.push_back(s.owner_council[h]);
    o.max_siblings.push_back(s.max_siblings[h]);
    o.parent_and_child.push_back(s.parent_and_child[h]);
    o.residents.push_back(s.residents[h]);
    o.youngest_resident.push_back(s.youngest_resident[h]);
    o.oldest_resident.push_back(s.oldest_resident[h]);
    for (auto i = s.free_begin[h]; i < s.free_begin[h + 1]; ++i) {
      o.free_from.push_back(s.free_from[static_cast<std::size_t>(i)]);
      o.vacancy.push_back(s.vacancy[static_cast<std::size_t>(i)]);
    }
    o.free_begin.push_back(static_cast<std::int32_t>(o.free_from.size()));
    o.weekly_fee.push_back(s.weekly_fee[h]);
    o.fee_source.push_back(s.fee_source[h]);
    o.route.push_back(s.route[h]);
    o.national.push_back(s.national[h]);
    o.breakdown_percent.push_back(s.breakdown_percent[h]);
  }
  o.Index();
  return o;
}

ReferralNeeds NeedsOfPlacedChild(const Child& child, const Placement& placement, const Home& home,
                                 std::int32_t rcc_index, const Snapshot& snapshot) {
  ReferralNeeds r;
  r.id = ReferralId();
  r.council = placement.council;
  r.rcc = rcc_index;
  r.age = AgeInYears(child.date_of_birth, snapshot.as_at);
  r.band = placement.need_band;
  r.needed_by = NeededBy::kAfter5Days;
  r.latest_start_day = static_cast<std::int32_t>(snapshot.as_at.AddDays(28).days_since_epoch());
  r.foster = r.residential = r.supported = Suitability::kUnsuitable;
  switch (home.setting) {
    case Setting::kFosteringHousehold:
      r.foster = Suitability::kPreferred;
      break;
    case Setting::kChildrensHome:
      r.residential = Suitability::kPreferred;
      break;
    case Setting::kSecureChildrensHome:
      r.residential = Suitability::kPreferred;
      r.deprivation_of_liberty = true;
      break;
    case Setting::kSupportedAccommodation:
      r.supported = Suitability::kPreferred;
      break;
  }
  r.parent_and_child = home.parent_and_child && child.mother;
  r.family = ToUnitVector(child.family_location);
  if (child.school_location) r.school = ToUnitVector(*child.school_location);
  return r;
}

namespace {

// Where each child of `displaced` landed in `assignment`, and the fees.
Relocation Classify(const std::vector<ReferralNeeds>& displaced, const std::vector<Pence>& fee_now,
                    const Snapshot& snapshot, Assignment assignment) {
  Relocation out;
  out.assignment = std::move(assignment);
  std::map<std::int32_t, RccRelocation> by_rcc;
  for (std::size_t r = 0; r < displaced.size(); ++r) {
    const ReferralNeeds& n = displaced[r];
    std::int32_t h = r < out.assignment.home_of.size() ? out.assignment.home_of[r] : -1;
    Landing where = Landing::kNowhere;
    RccRelocation& row = by_rcc[n.rcc];
    row.rcc = n.rcc;
    if (h >= 0) {
      auto hi = static_cast<std::size_t>(h);
      if (n.family && DistanceKm(*n.family, snapshot.point[hi]) <= kTwentyMilesKm)
        where = Landing::kWithin20Miles;
      else if (n.rcc != kNoRcc && snapshot.rcc[hi] == n.rcc)
        where = Landing::kWithinRcc;
      else
        where = Landing::kElsewhere;
      const std::int64_t before = r < fee_now.size() ? fee_now[r].value() : 0;
      const std::int64_t after =
          snapshot.weekly_fee[hi][static_cast<std::size_t>(n.band)].value() * n.places;
      row.fee_before += before;
      row.fee_after += after;
      out.fee_before += before;
      out.fee_after_total += after;
      out.fee_after.push_back(after);
    } else {
      out.fee_after.push_back(0);
    }
    out.landing.push_back(where);
    ++row.children[static_cast<std::size_t>(where)];
    ++out.children[static_cast<std::size_t>(where)];
  }
  for (auto& [rcc, row] : by_rcc)
    if (rcc != kNoRcc) out.by_rcc.push_back(row);
  if (by_rcc.count(kNoRcc)) out.by_rcc.push_back(by_rcc[kNoRcc]);
  return out;
}

// `s` with the closing homes' free places taken away and every home kept
// in its place, so arcs built against `s` still index it.
Snapshot WithoutPlacesIn(const Snapshot& s, const std::vector<std::uint8_t>& open) {
  Snapshot o = s;
  o.free_begin.assign(1, 0);
  o.free_from.clear();
  o.vacancy.clear();
  for (std::size_t h = 0; h < s.size(); ++h) {
    if (open[h])
      for (auto i = s.free_begin[h]; i < s.free_begin[h + 1]; ++i) {
        o.free_from.push_back(s.free_from[static_cast<std::size_t>(i)]);
        o.vacancy.push_back(s.vacancy[static_cast<std::size_t>(i)]);
      }
    o.free_begin.push_back(static_cast<std::int32_t>(o.free_from.size()));
  }
  o.Index();
  return o;
}

AssignOptions Quiet() {
  AssignOptions options;
  options.explain = false;
  return options;
}

}  // namespace

Relocation Relocate(const std::vector<ReferralNeeds>& displaced, const std::vector<Pence>& fee_now,
                    const Snapshot& snapshot, const MatchPolicy& policy) {
  ArcSet arcs = BuildArcs(displaced, snapshot, policy, 0, LevelKeying::kDeadlines, kRelocationArcs);
  return Classify(displaced, fee_now, snapshot, Assign(displaced, snapshot, arcs, policy, Quiet()));
}

RelocationPlanner::RelocationPlanner(std::vector<ReferralNeeds> displaced,
                                     std::vector<Pence> fee_now, const Snapshot& snapshot,
                                     const MatchPolicy& policy)
    : displaced_(std::move(displaced)),
      fee_now_(std::move(fee_now)),
      snapshot_(snapshot),
      policy_(policy),
      arcs_(
          BuildArcs(displaced_, snapshot_, policy_, 0, LevelKeying::kDeadlines, kRelocationArcs)) {}

Relocation RelocationPlanner::For(const std::vector<bool>& moving,
                                  const std::vector<HomeId>& closing) const {
  std::unordered_set<std::int64_t> gone;
  for (HomeId h : closing) gone.insert(h.value());
  std::vector<std::uint8_t> open(snapshot_.size(), 1);
  for (std::size_t h = 0; h < snapshot_.size(); ++h)
    if (gone.count(snapshot_.id[h].value())) open[h] = 0;
  std::vector<ReferralNeeds> needs;
  std::vector<Pence> fees;
  ArcSet arcs;
  arcs.level_begin = arcs_.level_begin;
  arcs.level_day = arcs_.level_day;
  arcs.level_places = arcs_.level_places;
  arcs.begin.push_back(0);
  for (std::size_t r = 0; r < displaced_.size(); ++r) {
    if (r >= moving.size() || !moving[r]) continue;
    needs.push_back(displaced_[r]);
    fees.push_back(fee_now_[r]);
    // The open homes left out of a cut list cost at least what they did.
    if (!arcs_.complete()) {
      arcs.rest_min.push_back(arcs_.rest_min[r]);
      arcs.rest_max.push_back(arcs_.rest_max[r]);
    }
    for (auto a = arcs_.begin[r]; a < arcs_.begin[r + 1]; ++a) {
      const auto i = static_cast<std::size_t>(a);
      if (!open[static_cast<std::size_t>(arcs_.home[i])]) continue;
      arcs.home.push_back(arcs_.home[i]);
      arcs.level.push_back(arcs_.level[i]);
      arcs.cost.push_back(arcs_.cost[i]);
    }
    arcs.begin.push_back(static_cast<std::int64_t>(arcs.home.size()));
  }
  // A list found short is built against the homes still open.
  const Snapshot open_only = WithoutPlacesIn(snapshot_, open);
  return Classify(needs, fees, snapshot_, Assign(needs, open_only, arcs, policy_, Quiet()));
}

}  // namespace carecoop::match
