#include "match/snapshot.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <numbers>
#include <unordered_map>

#include "market/fair_price.h"
#include "market/in_house.h"

namespace carecoop::match {

UnitVector ToUnitVector(const LatLon& p) {
  constexpr double kRad = std::numbers::pi / 180;
  double lat = p.lat * kRad, lon = p.lon * kRad;
  return {std::cos(lat) * std::cos(lon), std::cos(lat) * std::sin(lon), std::sin(lat)};
}

double DistanceKm(const UnitVector& a, const UnitVector& b) {
  double dx = a.x - b.x, dy = a.y - b.y, dz = a.z - b.z;
  double chord = std::sqrt(dx * dx + dy * dy + dz * dz);
  return 2 * kEarthRadiusKm * std::asin(std::min(1.0, chord / 2));
}

namespace {

// SSDA903 reasons for a placement change that mean it broke down.
bool IsBreakdown(const std::string& reason) {
  return reason == "CREQB" || reason == "CREQO" || reason == "ALLEG" || reason == "STAND";
}

}  // namespace

Suitability SuitabilityFor(const ReferralNeeds& r, Setting s) {
  switch (s) {
    case Setting::kFosteringHousehold:
      return r.foster;
    case Setting::kChildrensHome:
    case Setting::kSecureChildrensHome:
      return r.residential;
    case Setting::kSupportedAccommodation:
      return r.supported;
  }
  return Suitability::kNotSpecified;
}

void Snapshot::Index() {
  const std::size_t n = size();
  age_bits.assign(n, 0);
  flags.assign(n, 0);
  first_free_day.assign(n, std::numeric_limits<std::int32_t>::max());
  capabilities.assign(n, 0);
  static_assert(EnumInfo<Need>::kEntries.size() <= 16 && EnumInfo<Risk>::kEntries.size() <= 16,
                "capabilities packs needs and risks into 16 bits each");
  for (std::size_t h = 0; h < n; ++h) {
    if (free_places(h) > 0) first_free_day[h] = free_from[static_cast<std::size_t>(free_begin[h])];
    for (int a = std::max(0, static_cast<int>(min_age[h]));
         a <= std::min(31, static_cast<int>(max_age[h])); ++a)
      age_bits[h] |= 1u << a;
    std::uint32_t f = home_flag::kSetting << static_cast<unsigned>(setting[h]);
    for (int level = 0; level <= static_cast<int>(max_support_ratio[h]) && level < 4; ++level)
      f |= home_flag::kStaffs << level;
    if (solo_only[h]) f |= home_flag::kSoloOnly;
    if (has_pets[h]) f |= home_flag::kPets;
    if (residents[h] > 0) f |= home_flag::kOccupied;
    for (int k = 1; k <= std::min(8, static_cast<int>(max_siblings[h])); ++k)
      f |= home_flag::kSiblings << (k - 1);
    if (parent_and_child[h]) f |= home_flag::kParentAndChild;
    flags[h] = f;
    capabilities[h] = (needs_met[h] & 0xffffu) | (risks_managed[h] & 0xffffu) << 16;
  }
}

Snapshot BuildSnapshot(const SnapshotInput& in) {
  Snapshot s;
  s.as_at = in.as_at;
  std::unordered_map<std::int64_t, std::int32_t> rcc_of_council;
  for (std::size_t i = 0; i < in.rccs.size(); ++i) {
    s.rcc_ids.push_back(in.rccs[i].id);
    for (CouncilId c : in.rccs[i].member_councils)
      rcc_of_council[c.value()] = static_cast<std::int32_t>(i);
  }
  std::unordered_map<std::int64_t, const Provider*> provider;
  for (const auto& p : in.providers) provider[p.id.value()] = &p;
  std::unordered_map<std::int64_t, const Child*> child;
  for (const auto& c : in.children) child[c.id.value()] = &c;

  // Free places per home, and who lives there now.
  std::unordered_map<std::int64_t, std::vector<std::pair<std::int32_t, VacancyId>>> free;
  for (const auto& v : in.vacancies)
    if (v.status == VacancyStatus::kOpen)
      free[v.home.value()].push_back(
          {static_cast<std::int32_t>(v.available_from.days_since_epoch()), v.id});
  struct Residents {
    int count = 0, youngest = 99, oldest = -1;
    std::int64_t fee_sum = 0;
  };
  std::unordered_map<std::int64_t, Residents> residents;
  struct Record {
    int ended = 0, broke_down = 0;
  };
  std::unordered_map<std::int64_t, Record> record;  // by provider
  std::unordered_map<std::int64_t, ProviderId> home_provider;
  for (const auto& h : in.homes) home_provider[h.id.value()] = h.provider;
  for (const auto& p : in.placements) {
    if (!p.home) continue;
    if (p.current()) {
      Residents& r = residents[p.home->value()];
      ++r.count;
      r.fee_sum += p.weekly_fee.value();
      auto it = child.find(p.child.value());
      if (it != child.end()) {
        int age = AgeInYears(it->second->date_of_birth, in.as_at);
        r.youngest = std::min(r.youngest, age);
        r.oldest = std::max(r.oldest, age);
      }
    } else if (!p.reason_place_change.empty()) {
      Record& rec = record[home_provider[p.home->value()].value()];
      ++rec.ended;
      rec.broke_down += IsBreakdown(p.reason_place_change);
    }
  }
  // Fees: the provider's contract with an RCC, by need band. A contract an
  // RCC ended (terminated or expired, or past its end date) prices nothing.
  std::unordered_map<std::int64_t, std::vector<const Contract*>> contracts;
  for (const auto& c : in.contracts) {
    if (c.status == ContractStatus::kTerminated || c.status == ContractStatus::kExpired) continue;
    if (c.end && *c.end < in.as_at) continue;
    contracts[c.provider.value()].push_back(&c);
  }

  s.free_begin.push_back(0);
  for (const auto& h : in.homes) {
    auto f = free.find(h.id.value());
    if (f == free.end() || h.connected_person) continue;
    auto places = f->second;
    std::sort(places.begin(), places.end());
    s.id.push_back(h.id);
    s.provider.push_back(h.provider);
    s.name.push_back(h.name);
    s.setting.push_back(h.setting);
    s.ofsted.push_back(h.ofsted_rating);
    s.location.push_back(h.location);
    s.point.push_back(ToUnitVector(h.location));
    s.council.push_back(h.council);
    auto rcc = rcc_of_council.find(h.council.value());
    std::int32_t rcc_index = rcc == rcc_of_council.end() ? kNoRcc : rcc->second;
    s.rcc.push_back(rcc_index);
    s.min_age.push_back(static_cast<std::int8_t>(h.min_age));
    s.max_age.push_back(static_cast<std::int8_t>(h.max_age));
    s.needs_met.push_back(static_cast<std::uint32_t>(h.needs_met.mask()));
    s.risks_managed.push_back(static_cast<std::uint32_t>(h.risks_managed.mask()));
    s.max_support_ratio.push_back(h.max_support_ratio);
    s.solo_only.push_back(h.solo_only);
    s.has_pets.push_back(h.has_pets);
    auto owner = provider.find(h.provider.value());
    const bool council_run =
        owner != provider.end() && owner->second->ownership == Ownership::kCouncil;
    s.in_house.push_back(council_run);
    s.owner_council.push_back(council_run && owner->second->council ? *owner->second->council
                                                                    : CouncilId());
    s.max_siblings.push_back(static_cast<std::int8_t>(h.max_siblings));
    s.parent_and_child.push_back(h.parent_and_child ? 1 : 0);
    const Residents& res = residents[h.id.value()];
    s.residents.push_back(static_cast<std::int16_t>(res.count));
    s.youngest_resident.push_back(static_cast<std::int8_t>(res.count ? res.youngest : -1));
    s.oldest_resident.push_back(static_cast<std::int8_t>(res.count ? res.oldest : -1));
    for (auto& [day, vacancy] : places) {
      s.free_from.push_back(day);
      s.vacancy.push_back(vacancy);
    }
    s.free_begin.push_back(static_cast<std::int32_t>(s.free_from.size()));
    std::array<Pence, 4> fee{};
    std::optional<Pence> unit_cost;
    if (s.in_house.back() && h.running_costs) {
      auto cost = market::UnitCost(*h.running_costs, h.registered_places,
                                   std::min(res.count, h.registered_places));
      if (cost.ok() && cost->value() > 0) unit_cost = *cost;
    }
    // The contract that prices a band: national with the home's RCC (3), the
    // RCC's own (2), national elsewhere (1), any (0); the first listed of the best.
    const RccId home_rcc =
        rcc_index != kNoRcc ? s.rcc_ids[static_cast<std::size_t>(rcc_index)] : RccId();
    auto contract_for = [&](NeedBand band) -> std::pair<const Contract*, Pence> {
      const Contract* best = nullptr;
      Pence best_fee;
      int best_score = -1;
      for (const Contract* c : contracts[h.provider.value()]) {
        // A block prices only the homes it names.
        if (c->type == ContractType::kBlock &&
            std::find(c->block_homes.begin(), c->block_homes.end(), h.id) == c->block_homes.end())
          continue;
        // A framework lot of the home's setting (for any age: the snapshot is by home).
        auto line_fee = c->FeeFor(band, h.setting);
        if (!line_fee) continue;
        const int score =
            (rcc_index != kNoRcc && c->rcc == home_rcc ? 2 : 0) + (c->national ? 1 : 0);
        if (score > best_score) {
          best = c;
          best_fee = *line_fee;
          best_score = score;
        }
      }
      return {best, best_fee};
    };
    FeeSource source = FeeSource::kContract;
    std::array<std::optional<ContractType>, 4> route{};
    std::array<std::uint8_t, 4> national{};
    for (int b = 0; b < 4; ++b) {
      const auto band = static_cast<NeedBand>(b);
      const auto [contract, band_fee] =
          unit_cost ? std::pair<const Contract*, Pence>{nullptr, Pence()} : contract_for(band);
      Pence& out = fee[static_cast<std::size_t>(b)];
      FeeSource from = FeeSource::kContract;
      if (unit_cost) {
        out = *unit_cost;
        from = FeeSource::kUnitCost;
      } else if (contract) {
        out = band_fee;
        route[static_cast<std::size_t>(b)] = contract->type;
        national[static_cast<std::size_t>(b)] = contract->national ? 1 : 0;
      } else if (res.count && res.fee_sum > 0) {
        out = Pence(res.fee_sum / res.count);
        from = FeeSource::kPlacements;
      } else {
        auto estimate = market::EstimateFairPrice({.setting = h.setting,
                                                   .registered_places = h.registered_places,
                                                   .band = band,
                                                   .age = (h.min_age + h.max_age) / 2});
        out = estimate.ok() ? estimate->weekly : Pence(0);
        from = FeeSource::kFairPrice;
      }
      if (b == 0) source = from;
    }
    s.weekly_fee.push_back(fee);
    s.fee_source.push_back(source);
    s.route.push_back(route);
    s.national.push_back(national);
    const Record& rec = record[h.provider.value()];
    s.breakdown_percent.push_back(rec.ended ? 100.0f * static_cast<float>(rec.broke_down) /
                                                  static_cast<float>(rec.ended)
                                            : 0.0f);
  }
  s.Index();
  return s;
}

Result<ReferralNeeds> MakeNeeds(const Referral& referral, const Child& child,
                                std::optional<RccId> rcc, const Snapshot& snapshot) {
  CC_RETURN_IF_ERROR(Validate(referral));
  if (child.id != referral.child) return InvalidArgument("childId", "is not the referral's child");
  ReferralNeeds r;
  r.id = referral.id;
  r.council = referral.council;
  if (rcc) {
    auto it = std::find(snapshot.rcc_ids.begin(), snapshot.rcc_ids.end(), *rcc);
    if (it != snapshot.rcc_ids.end())
      r.rcc = static_cast<std::int32_t>(it - snapshot.rcc_ids.begin());
  }
  r.age = AgeInYears(child.date_of_birth, std::max(referral.latest_start_date, snapshot.as_at));
  r.places = referral.places_needed();
  r.parent_and_child = referral.parent_and_child;
  r.band = referral.need_band();
  r.needed_by = referral.needed_by;
  // A latest start date already past means "as soon as possible": the
  // child still needs a home, so the match runs as at the snapshot's day.
  r.latest_start_day = static_cast<std::int32_t>(
      std::max(referral.latest_start_date, snapshot.as_at).days_since_epoch());
  r.foster = referral.foster_care_suitability;
  r.residential = referral.residential_care_suitability;
  r.supported = referral.supported_accommodation_suitability;
  r.needs = static_cast<std::uint32_t>(referral.needs().mask());
  r.risks = static_cast<std::uint32_t>(referral.risks.mask());
  r.ratio = referral.minimum_adult_support_ratio;
  r.companions = referral.living_companions;
  r.pets = referral.pets;
  r.deprivation_of_liberty = referral.deprivation_of_liberty.value_or(false);
  if (referral.primary_family_location)
    r.family = ToUnitVector(referral.primary_family_location->point);
  r.close_to_family = referral.close_to_family_recommended;
  if (referral.school_location) r.school = ToUnitVector(referral.school_location->point);
  r.must_continue_school = referral.must_continue_school && r.school.has_value();
  r.stays_at_school = r.school.has_value() && referral.in_school == InSchool::kYes;
  for (const auto& a : referral.locations_to_avoid) r.avoid.push_back(ToUnitVector(a.point));
  r.wishes = referral.child_wishes;
  return r;
}

}  // namespace carecoop::match
