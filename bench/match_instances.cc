#include "bench/match_instances.h"

#include <cstdio>
#include <cstdlib>
#include <random>
#include <unordered_map>

#include "synth/generator.h"

namespace carecoop::bench {

InstanceOptions InstanceA() {
  return {.national = false,
          .referrals = 2000,
          .places = 6000,
          .vacancy_days = 100,
          .must_continue_school = 0.4};
}

InstanceOptions InstanceB() {
  return {.national = true,
          .referrals = 20000,
          .places = 60000,
          .vacancy_days = 120,
          .must_continue_school = 0.9};
}

MatchInstance MakeMatchInstance(const InstanceOptions& opt) {
  const bool national = opt.national;
  const int referral_count = opt.referrals, place_count = opt.places;
  const std::uint64_t seed = opt.seed;
  synth::GenerateOptions options;
  options.scale = national ? synth::Scale::kNational : synth::Scale::kRegion;
  options.seed = seed;
  auto england = synth::BuildEngland(options);
  if (!england.ok()) {
    std::fprintf(stderr, "bench: %s\n", england.status().ToString().c_str());
    std::exit(1);
  }
  std::mt19937_64 rng(seed);
  match::SnapshotInput in;
  in.as_at = options.as_at;
  in.rccs = england->rccs;
  in.councils = england->councils;
  in.providers = england->providers;
  in.placements = england->placements;
  in.children = england->children;
  in.contracts = england->contracts;
  // Homes, in random order, until the places are reached.
  std::vector<std::size_t> order(england->homes.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::shuffle(order.begin(), order.end(), rng);
  std::vector<bool> taken(order.size(), false);
  int places = 0;
  for (std::size_t i : order) {
    const Home& h = england->homes[i];
    if (h.connected_person || places >= place_count) continue;
    taken[i] = true;
    places += h.registered_places;
  }
  std::int64_t vacancy_id = 0;
  for (std::size_t i = 0; i < england->homes.size(); ++i) {
    if (!taken[i]) continue;
    in.homes.push_back(england->homes[i]);
    for (int k = 0; k < england->homes[i].registered_places; ++k)
      in.vacancies.push_back({.id = VacancyId(++vacancy_id),
                              .home = england->homes[i].id,
                              .available_from = options.as_at.AddDays(
                                  static_cast<std::int64_t>(rng() % opt.vacancy_days)),
                              .status = VacancyStatus::kOpen});
  }
  // The places now count as free: no one lives there in this instance.
  in.placements.clear();
  MatchInstance out;
  out.name = national ? "national (b)" : "region (a)";
  out.snapshot = match::BuildSnapshot(in);
  std::vector<std::size_t> children;
  for (std::size_t i = 0; i < england->children.size(); ++i) {
    const Child& c = england->children[i];
    int age = AgeInYears(c.date_of_birth, options.as_at);
    if (!c.care_ended && age >= 1 && age <= 16) children.push_back(i);
  }
  std::unordered_map<std::int64_t, RccId> rcc_of;
  for (const Rcc& r : england->rccs)
    for (CouncilId c : r.member_councils) rcc_of[c.value()] = r.id;
  for (int k = 0; k < referral_count; ++k) {
    Referral r = england->referrals[static_cast<std::size_t>(k) % england->referrals.size()];
    const Child& template_child = england->children[static_cast<std::size_t>(r.child.value() - 1)];
    const Child& child = england->children[children[rng() % children.size()]];
    // The copy keeps the template's age, so needs and age stay consistent.
    Child copy = child;
    copy.date_of_birth = template_child.date_of_birth;
    r.id = ReferralId(k + 1);
    r.child = copy.id;
    r.council = copy.council;
    if (r.primary_family_location) r.primary_family_location->point = copy.family_location;
    if (r.school_location && copy.school_location) r.school_location->point = *copy.school_location;
    if (r.in_school == InSchool::kYes && r.school_location)
      r.must_continue_school =
          std::uniform_real_distribution<double>(0, 1)(rng) < opt.must_continue_school;
    // Needed today, within 5 days, or within the next 8 weeks.
    r.latest_start_date = options.as_at.AddDays(r.needed_by == NeededBy::kToday ? 0
                                                : r.needed_by == NeededBy::kWithin5Days
                                                    ? 4
                                                    : 5 + static_cast<std::int64_t>(rng() % 52));
    r.locations_to_avoid.clear();
    r.locations_to_avoid_known = YesNoNotSpecified::kNo;
    auto needs = match::MakeNeeds(r, copy, rcc_of[copy.council.value()], out.snapshot);
    if (!needs.ok()) {
      std::fprintf(stderr, "bench: referral %d: %s\n", k, needs.status().ToString().c_str());
      std::exit(1);
    }
    out.referrals.push_back(*needs);
  }
  return out;
}

}  // namespace carecoop::bench
