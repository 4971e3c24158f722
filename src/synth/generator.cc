#include "synth/generator.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <limits>
#include <map>
#include <numeric>
#include <set>
#include <unordered_set>

#include "core/england.h"
#include "domain/provider.h"
#include "market/admission.h"
#include "market/budget.h"
#include "market/fair_price.h"
#include "synth/published.h"
#include "synth/random.h"
#include "synth/rcc_plan.h"

namespace carecoop::synth {
namespace {

constexpr double kTwentyMilesKm = 20 * kKmPerMile;
// Share of children leaving care in the year who had also entered in it
// (our assumption; with it, starts in the year match the published count).
constexpr double kCeasedRecentShare = 0.36;
// Children's home fee multipliers by need band (standard, enhanced, complex,
// specialist: 2:1 staffing and more). The specialist band makes the tail:
// tuned so placements of £10,000+ a week match the LGA count, while the body
// stays close to symmetric, so the median lands at about £5,000-6,000.
constexpr std::array<double, 4> kResidentialBandMultipliers = {1.0, 1.08, 1.22, 3.0};
// Shares of children's home placements by need band (our assumption).
constexpr std::array<double, 4> kResidentialBandShares = {0.37, 0.31, 0.18, 0.14};
// Mean base weekly fee of a children's home provider before region, need
// band and contract adjustments, tuned so the mean fee matches the CCN figure.
constexpr double kResidentialBaseFee = 4400;

// What kind of placement a child is in; each maps to SSDA903 codes and, for
// the first six, to a home.
enum Kind : int {
  kKinship,
  kFosterLa,
  kFosterIfa,
  kChildrensHome,
  kSecure,
  kSupported,
  kParents,
  kAdoption,
  kOtherResidential,
  kResidentialSchool,
  kOther,
  kKindCount
};

bool HasHome(int kind) { return kind <= kSupported; }

// Location category of a placement relative to the child's home council.
enum Category : int { kInsideNear, kInsideFar, kOutsideNear, kOutsideFar, kCategoryCount };

// Shares of new placements by location, of those with known distance
// (calibration_england.csv: 46/5/20/16 of 87).
const std::vector<double> kCategoryShares = {46.0 / 87, 5.0 / 87, 20.0 / 87, 16.0 / 87};

// Reasons for placement change with England's 2024 counts
// (data/codes/ssda903_reason_placement_change.csv).
const std::vector<std::pair<const char*, double>> kChangeReasons = {
    {"CARPL", 20700}, {"PLACE", 16110}, {"STAND", 670},  {"CLOSE", 530},
    {"ALLEG", 440},   {"APPRR", 200},   {"CREQO", 4190}, {"CREQB", 5310},
    {"CHILD", 2030},  {"LAREQ", 950},   {"CUSTOD", 150}, {"OTHER", 14790}};

// Relative regional price levels (our assumption; London and the South East dearest).
double RegionFeeFactor(const std::string& region) {
  static const std::map<std::string, double> kFactors = {{"London", 1.15},
                                                         {"South East", 1.10},
                                                         {"East of England", 1.05},
                                                         {"South West", 1.00},
                                                         {"West Midlands", 0.97},
                                                         {"East Midlands", 0.95},
                                                         {"Yorkshire and The Humber", 0.93},
                                                         {"North West", 0.92},
                                                         {"North East", 0.90}};
  auto it = kFactors.find(region);
  return it == kFactors.end() ? 1.0 : it->second;
}

struct CouncilInfo {
  const CouncilRecord* rec = nullptr;
  int region = 0;
  int rcc = -1;
  double radius_km = 10;
  int target_cla = 0;
  int provider = -1;        // the council's own provider (index)
  double la_allowance = 0;  // the council's weekly foster allowance, pounds
  std::vector<int> near;    // other selected councils by distance, nearest first
  double fee_factor = 1;
};

struct HomeInfo {
  int occupied = 0;
  double base_fee = 0;  // provider-level base, pounds/week
};

struct ProviderInfo {
  int kind = kChildrensHome;  // what it mainly runs (for contract types)
  double base_fee = 0;
};

// The whole generated England in memory, with what only the generator
// needs. Id fields hold local ids (index+1) until written; WriteWorld() maps
// them to the store's ids.
struct World : England {
  std::vector<ProviderInfo> provider_info;
  std::vector<HomeInfo> home_info;
  std::vector<int> home_kind;
};

template <class T>
Id<T> Local(std::size_t index) {
  return Id<T>(static_cast<std::int64_t>(index) + 1);
}
template <class T>
std::size_t Index(Id<T> id) {
  return static_cast<std::size_t>(id.value() - 1);
}

LatLon Offset(const LatLon& p, double dx_km, double dy_km) {
  LatLon q{p.lat + dy_km / 111.0,
           p.lon + dx_km / (111.0 * std::cos(p.lat * 3.14159265358979 / 180))};
  q.lat = std::clamp(q.lat, 49.9, 55.8);
  q.lon = std::clamp(q.lon, -6.4, 1.8);
  return q;
}

// A point at `distance_km` from `p` in a random direction.
LatLon AtDistance(const LatLon& p, double distance_km, Rng& rng) {
  double angle = rng.Uniform(0, 2 * 3.14159265358979);
  return Offset(p, distance_km * std::cos(angle), distance_km * std::sin(angle));
}

std::string TitleWord(Rng& rng, const std::vector<const char*>& words) {
  return words[rng.Index(words.size())];
}

const std::vector<const char*> kNameA = {
    "Oak",     "Willow", "Beech", "Rowan",   "Cedar",   "Maple",  "Hazel",
    "Elm",     "Ash",    "Birch", "Holly",   "Juniper", "Larch",  "Aspen",
    "Heather", "Meadow", "Brook", "Harbour", "Summit",  "Bridge", "Haven"};
const std::vector<const char*> kNameB = {"Lodge",   "House", "View",    "Court", "Grange",
                                         "Cottage", "Place", "Gardens", "Hall",  "Rise",
                                         "Close",   "Mews",  "Farm",    "Villa"};
const std::vector<const char*> kCompanyA = {
    "Bright",    "Horizon",   "Compass",     "Keystone", "Pathway",  "Lighthouse",
    "Evergreen", "Northstar", "Cornerstone", "Harmony",  "Beacon",   "Anchor",
    "Phoenix",   "Riverside", "Sunrise",     "Trinity",  "Meridian", "Haven"};
const std::vector<const char*> kCompanyB = {
    "Care",    "Futures",         "Childcare",
    "Homes",   "Outcomes",        "Living",
    "Support", "Family Services", "Young People's Services"};

class Generator {
 public:
  Generator(const GenerateOptions& options) : options_(options), rng_(options.seed) {}

  Result<World> Build();

 private:
  Status SelectCouncils();
  void BuildGeography();
  void BuildProviders();
  void BuildChildrensHomes();
  void BuildSecureHomes();
  void BuildFosterHouseholds();
  void BuildSupportedAccommodation();
  void BuildChildren();
  void PlaceCurrentChildren();
  void BuildCeasedChildren();
  void BuildHistories();
  void BuildVacancies();
  void BuildReferrals();

  int AddProvider(Provider p, int kind, double base_fee);
  ProviderGroupId AddGroup(std::string name);
  void OwnGroups();
  void SetInspections();
  void BuildFinancialReturns();
  // Adds a home; `council` is where it is, `pool_key` the council whose
  // pool lists it (the owning council for council foster carers).
  int AddHome(Home h, int kind, double base_fee, int council, int pool_key);
  std::string NewPseudonym(Rng& rng);
  void FinishHomes();
  void FinishPlacements();
  void FinishRecords();
  void SetContractTerms();
  void BuildFrameworks();
  void SetJointFunding();
  void SetParentAndChild();
  void SetBudgets();
  void BuildRecruitment();
  void DeclareRunningCosts();
  void TargetFees();
  Home NewHome(int provider, int council, int kind, Rng& rng);
  LatLon PointIn(int council, Rng& rng, double spread = 0.5) const;
  int PickCouncil(const std::vector<double>& weights, Rng& rng) const;
  std::vector<double> CouncilWeights(bool selected_only) const;

  // Finds a home of `kind` for a child of `council` at `family`, aged `age`:
  // with a free place when `need_place`. Returns -1 when none fits the category.
  int FindHome(int kind, int council, const LatLon& family, int age, int category, bool need_place,
               Rng& rng);
  int NearestHomeWithPlace(int kind, int council, const LatLon& family, int age);
  int PlaceInHome(int kind, int council, const LatLon& family, int age, bool need_place, Rng& rng,
                  int* category);
  int KinshipHousehold(int council, const LatLon& family, int places, Rng& rng, int* category);
  bool CategoryPossible(int category, int council) const;
  int ContractFor(int provider, int council, Rng& rng);
  Pence FeeFor(int kind, int home, int council, NeedBand band, int* contract, Rng& rng);
  void FillPlacementCodes(Placement& p, int kind, int home, int council, Rng& rng);
  NeedBand BandFor(int kind, Rng& rng);

  const GenerateOptions& options_;
  Rng rng_;
  World w_;
  std::vector<CouncilInfo> councils_;  // all 153, in EnglandCouncils() order
  std::vector<bool> selected_;
  std::vector<int> selected_list_;
  double scale_ = 1.0;  // share of England generated
  // Homes by kind and council (for kFosterLa: by owning council).
  std::array<std::vector<std::vector<int>>, kKindCount> pools_;
  std::vector<std::array<int, 2>> child_kind_band_;  // per child: kind, band (current)
  std::vector<int> child_council_;                   // index into councils_
  std::vector<int> child_current_home_;
  std::vector<int> child_current_category_;
  QuotaPicker category_quota_{kCategoryShares};
  // Where the children in care on as_at whose placement began before the
  // year live: set in PlaceCurrentChildren so that the share of all those
  // in care placed outside their council is the published one.
  QuotaPicker stock_quota_{kCategoryShares};
  QuotaPicker* quota_ = &category_quota_;              // the one PlaceInHome draws from
  std::map<std::pair<int, int>, int> contract_index_;  // (provider, rcc) -> contract
  std::array<std::array<double, kKindCount>, 5>
      kind_given_age_{};  // conditional shares by age band
  std::set<std::string> pseudonyms_;
  std::vector<int> council_local_;   // councils_ index -> local council index (-1 if not generated)
  std::map<int, int> rcc_local_;     // RccPlan index -> local RCC index
  std::vector<int> home_council_;    // per home: councils_ index where it is
  std::vector<int> placement_kind_;  // per placement: Kind
  std::vector<int> placement_home_;  // per placement: home index or -1
  std::vector<int> child_current_placement_;  // per child: its open placement or -1
  int current_children_ = 0;
  int next_urn_ = 100000;
};

Status Generator::SelectCouncils() {
  const auto& records = EnglandCouncils();
  councils_.resize(records.size());
  selected_.assign(records.size(), options_.scale == Scale::kNational);
  const auto& plan = RccPlan();
  bool found = false;
  for (std::size_t r = 0; r < plan.size(); ++r) {
    for (auto c : plan[r].councils) {
      councils_[c].rcc = static_cast<int>(r);
      if (options_.scale == Scale::kRegion && plan[r].code == options_.rcc) {
        selected_[c] = true;
        found = true;
      }
    }
  }
  if (options_.scale == Scale::kRegion && !found) {
    std::string codes;
    for (const auto& r : plan) codes += (codes.empty() ? "" : ", ") + r.code;
    return InvalidArgument(
        "rcc", "'" + options_.rcc + "' is not an RCC of synthetic England (" + codes + ")");
  }
  // Children looked after per council: 2024 counts scaled to the 2025 total.
  std::vector<double> cla;
  double total2024 = 0;
  for (const auto& rec : records) {
    cla.push_back(rec.cla_2024);
    total2024 += rec.cla_2024;
  }
  auto target = QuotaCounts(cla, static_cast<int>(Published("cla").value));
  int selected_cla = 0;
  for (std::size_t i = 0; i < records.size(); ++i) {
    councils_[i].rec = &records[i];
    councils_[i].target_cla = target[i];
    councils_[i].fee_factor = RegionFeeFactor(records[i].region);
    for (std::size_t r = 0; r < EnglandRegions().size(); ++r)
      if (EnglandRegions()[r].name == records[i].region) councils_[i].region = static_cast<int>(r);
    if (selected_[i]) {
      selected_list_.push_back(static_cast<int>(i));
      selected_cla += target[i];
    }
  }
  scale_ = selected_cla / Published("cla").value;
  // Spread of a council's area: from the distance to its nearest neighbour;
  // counties are large.
  for (std::size_t i = 0; i < records.size(); ++i) {
    double nearest = 1e9;
    for (std::size_t j = 0; j < records.size(); ++j)
      if (i != j) nearest = std::min(nearest, DistanceKm(records[i].centre, records[j].centre));
    double r = std::clamp(0.6 * nearest, 2.5, 30.0);
    if (records[i].ons_code.starts_with("E10")) r = std::max(r, 25.0);
    councils_[i].radius_km = r;
  }
  for (int i : selected_list_) {
    std::vector<std::pair<double, int>> by_distance;
    for (int j : selected_list_)
      if (i != j)
        by_distance.push_back({DistanceKm(councils_[static_cast<std::size_t>(i)].rec->centre,
                                          councils_[static_cast<std::size_t>(j)].rec->centre),
                               j});
    std::sort(by_distance.begin(), by_distance.end());
    for (auto& [d, j] : by_distance) councils_[static_cast<std::size_t>(i)].near.push_back(j);
  }
  return Status::Ok();
}

void Generator::BuildGeography() {
  std::vector<bool> region_used(EnglandRegions().size(), false);
  for (int c : selected_list_)
    region_used[static_cast<std::size_t>(councils_[static_cast<std::size_t>(c)].region)] = true;
  std::vector<int> region_local(EnglandRegions().size(), -1);
  for (std::size_t r = 0; r < EnglandRegions().size(); ++r) {
    if (!region_used[r]) continue;
    region_local[r] = static_cast<int>(w_.regions.size());
    w_.regions.push_back(
        {.ons_code = EnglandRegions()[r].ons_code, .name = EnglandRegions()[r].name});
  }
  std::vector<int> council_local(councils_.size(), -1);
  for (int c : selected_list_) {
    const auto& info = councils_[static_cast<std::size_t>(c)];
    council_local[static_cast<std::size_t>(c)] = static_cast<int>(w_.councils.size());
    w_.councils.push_back({.ons_code = info.rec->ons_code,
                           .dfe_la_code = info.rec->dfe_la_code,
                           .name = info.rec->name,
                           .region = Local<Region>(static_cast<std::size_t>(
                               region_local[static_cast<std::size_t>(info.region)])),
                           .location = info.rec->centre,
                           .cla_2024 = info.rec->cla_2024});
  }
  council_local_ = council_local;
  const auto& plan = RccPlan();
  for (std::size_t r = 0; r < plan.size(); ++r) {
    Rcc rcc{.code = plan[r].code, .name = plan[r].name};
    for (auto c : plan[r].councils) {
      if (!selected_[c]) continue;
      rcc.member_councils.push_back(Local<Council>(static_cast<std::size_t>(council_local[c])));
      rcc.region = w_.councils[static_cast<std::size_t>(council_local[c])].region;
    }
    if (rcc.member_councils.empty()) continue;
    rcc_local_[static_cast<int>(r)] = static_cast<int>(w_.rccs.size());
    w_.rccs.push_back(std::move(rcc));
  }
}

ProviderGroupId Generator::AddGroup(std::string name) {
  // Companies House numbers: 8 digits for England and Wales.
  std::string number = std::to_string(11000000 + w_.groups.size() * 37 + 1);
  // Companies House allows no two companies one name.
  auto taken = [&](const std::string& n) {
    for (const ProviderGroup& g : w_.groups)
      if (g.name == n) return true;
    return false;
  };
  for (int k = 2; taken(name); ++k) name += k == 2 ? " (Northern)" : " " + std::to_string(k);
  w_.groups.push_back({.name = std::move(name), .company_number = number});
  return Local<ProviderGroup>(w_.groups.size() - 1);
}

int Generator::AddProvider(Provider p, int kind, double base_fee) {
  w_.providers.push_back(std::move(p));
  w_.provider_info.push_back({kind, base_fee});
  return static_cast<int>(w_.providers.size()) - 1;
}

int Generator::AddHome(Home h, int kind, double base_fee, int council, int pool_key) {
  int index = static_cast<int>(w_.homes.size());
  w_.homes.push_back(std::move(h));
  w_.home_info.push_back({0, base_fee});
  w_.home_kind.push_back(kind);
  home_council_.push_back(council);
  pools_[static_cast<std::size_t>(kind)][static_cast<std::size_t>(pool_key)].push_back(index);
  return index;
}

std::string NewUrn(int& next) { return "SC" + std::to_string(next++); }

std::vector<double> Generator::CouncilWeights(bool selected_only) const {
  std::vector<double> weights;
  for (std::size_t i = 0; i < councils_.size(); ++i)
    weights.push_back(selected_only && !selected_[i] ? 0.0 : councils_[i].target_cla);
  return weights;
}

int Generator::PickCouncil(const std::vector<double>& weights, Rng& rng) const {
  return static_cast<int>(rng.Weighted(weights));
}

LatLon Generator::PointIn(int council, Rng& rng, double spread) const {
  const auto& info = councils_[static_cast<std::size_t>(council)];
  double sd = info.radius_km * spread;
  return Offset(info.rec->centre, rng.Normal() * sd, rng.Normal() * sd);
}

void Generator::BuildProviders() {
  for (int c : selected_list_) {
    const auto& info = councils_[static_cast<std::size_t>(c)];
    Provider p{.name = info.rec->name + " Council Children's Services",
               .ownership = Ownership::kCouncil,
               .council = Local<Council>(
                   static_cast<std::size_t>(council_local_[static_cast<std::size_t>(c)])),
               .ofsted_urn = NewUrn(next_urn_)};
    councils_[static_cast<std::size_t>(c)].provider = AddProvider(std::move(p), kFosterLa, 0);
  }
}

Home Generator::NewHome(int provider, int council, int kind, Rng& rng) {
  Home h;
  h.provider = Local<Provider>(static_cast<std::size_t>(provider));
  h.council =
      Local<Council>(static_cast<std::size_t>(council_local_[static_cast<std::size_t>(council)]));
  h.location = PointIn(council, rng);
  h.name = TitleWord(rng, kNameA) + " " + TitleWord(rng, kNameB);
  auto chance = [&](double p) { return rng.Chance(p); };
  auto rating = [&](double outstanding, double good, double ri) {
    double u = rng.Uniform();
    if (u < outstanding) return OfstedRating::kOutstanding;
    if (u < outstanding + good) return OfstedRating::kGood;
    if (u < outstanding + good + ri) return OfstedRating::kRequiresImprovement;
    return OfstedRating::kInadequate;
  };
  switch (kind) {
    case kChildrensHome: {
      h.setting = Setting::kChildrensHome;
      h.ofsted_urn = NewUrn(next_urn_);
      h.ofsted_rating = rating(0.22, 0.60, 0.15);
      h.min_age = rng.Int(5, 12);
      h.max_age = 17;
      const std::pair<Need, double> needs[] = {{Need::kTherapeuticSupport, 0.5},
                                               {Need::kAdditionalSupervision, 0.6},
                                               {Need::kCulturalNeeds, 0.4},
                                               {Need::kEsol, 0.2},
                                               {Need::kBsl, 0.05},
                                               {Need::kMakaton, 0.15},
                                               {Need::kHomeAdaptation, 0.1},
                                               {Need::kRespiteWorker, 0.1},
                                               {Need::kTaxisToSchool, 0.7},
                                               {Need::kOtherSupport, 0.2},
                                               {Need::kOtherCommunication, 0.1}};
      for (auto [n, p] : needs)
        if (chance(p)) h.needs_met.Add(n);
      for (const auto& e : EnumInfo<Risk>::kEntries)
        if (chance(0.6)) h.risks_managed.Add(e.value);
      double u = rng.Uniform();
      h.max_support_ratio = u < 0.1    ? SupportRatio::kStandard
                            : u < 0.55 ? SupportRatio::kOneToOne
                            : u < 0.9  ? SupportRatio::kTwoToOne
                                       : SupportRatio::kMoreThanTwoToOne;
      h.has_pets = chance(0.15);
      break;
    }
    case kSecure:
      h.setting = Setting::kSecureChildrensHome;
      h.name = h.name + " Secure Children's Home";
      h.ofsted_urn = NewUrn(next_urn_);
      h.ofsted_rating = rating(0.3, 0.6, 0.1);
      h.min_age = 10;
      h.max_age = 17;
      for (const auto& e : EnumInfo<Need>::kEntries) h.needs_met.Add(e.value);
      for (const auto& e : EnumInfo<Risk>::kEntries) h.risks_managed.Add(e.value);
      h.max_support_ratio = SupportRatio::kMoreThanTwoToOne;
      break;
    case kSupported: {
      h.setting = Setting::kSupportedAccommodation;
      h.ofsted_urn = NewUrn(next_urn_);
      h.ofsted_rating = chance(0.8) ? OfstedRating::kNotYetInspected : rating(0.1, 0.7, 0.15);
      h.min_age = 16;
      h.max_age = rng.Chance(0.5) ? 17 : 21;
      if (chance(0.3)) h.needs_met.Add(Need::kEsol);
      if (chance(0.3)) h.needs_met.Add(Need::kCulturalNeeds);
      if (chance(0.15)) h.needs_met.Add(Need::kAdditionalSupervision);
      for (Risk r : {Risk::kMissing, Risk::kDrugAlcohol, Risk::kCriminalExploitation,
                     Risk::kSexualExploitation, Risk::kSelfHarm})
        if (chance(0.4)) h.risks_managed.Add(r);
      h.max_support_ratio = chance(0.85) ? SupportRatio::kStandard : SupportRatio::kOneToOne;
      break;
    }
    default: {  // fostering households
      h.setting = Setting::kFosteringHousehold;
      h.ofsted_urn = w_.providers[static_cast<std::size_t>(provider)].ofsted_urn;
      h.ofsted_rating = rating(0.2, 0.7, 0.08);
      double u = rng.Uniform();
      h.min_age = u < 0.7 ? 0 : u < 0.85 ? 0 : rng.Int(5, 10);
      h.max_age = u < 0.7 ? 17 : u < 0.85 ? 11 : 17;
      bool ifa = kind == kFosterIfa;
      const std::pair<Need, double> needs[] = {{Need::kCulturalNeeds, 0.3},
                                               {Need::kEsol, 0.1},
                                               {Need::kMakaton, 0.08},
                                               {Need::kBsl, 0.02},
                                               {Need::kHomeAdaptation, 0.05},
                                               {Need::kTherapeuticSupport, ifa ? 0.3 : 0.12},
                                               {Need::kAdditionalSupervision, 0.1},
                                               {Need::kTaxisToSchool, 0.4},
                                               {Need::kRespiteWorker, 0.15}};
      for (auto [n, p] : needs)
        if (chance(p)) h.needs_met.Add(n);
      const std::pair<Risk, double> risks[] = {{Risk::kSelfHarm, 0.3},
                                               {Risk::kMissing, 0.25},
                                               {Risk::kSexualExploitation, 0.15},
                                               {Risk::kCriminalExploitation, 0.1},
                                               {Risk::kDrugAlcohol, 0.15},
                                               {Risk::kEatingDisorder, 0.1},
                                               {Risk::kToOthersPhysical, 0.15},
                                               {Risk::kToOthersFire, 0.03},
                                               {Risk::kToOthersAnimals, 0.1},
                                               {Risk::kToOthersSexual, 0.03},
                                               {Risk::kToOthersCriminal, 0.05},
                                               {Risk::kOtherToChild, 0.2},
                                               {Risk::kToOthersOther, 0.1}};
      for (auto [r, p] : risks)
        if (chance(p)) h.risks_managed.Add(r);
      h.max_support_ratio = chance(0.85) ? SupportRatio::kStandard : SupportRatio::kOneToOne;
      h.has_pets = chance(0.45);
      break;
    }
  }
  return h;
}

// Places per home: a common shape scaled so a group of homes has exactly
// `total` places (each home 1..max_places).
void SetPlaces(std::vector<Home>& homes, const std::vector<int>& group, int total, int max_places,
               Rng& rng) {
  if (group.empty()) return;
  int sum = 0;
  for (int h : group) sum += homes[static_cast<std::size_t>(h)].registered_places;
  int guard = 0;
  while (sum != total && guard++ < 10000000) {
    Home& h = homes[static_cast<std::size_t>(group[rng.Index(group.size())])];
    if (sum < total && h.registered_places < max_places) {
      ++h.registered_places;
      ++sum;
    } else if (sum > total && h.registered_places > 1) {
      --h.registered_places;
      --sum;
    }
  }
}

void Generator::BuildChildrensHomes() {
  Rng rng = rng_.Fork(11);
  // Ofsted 2025: 3,946 mainstream homes with 14,259 places; the North West
  // has 26% of homes and 22% of places; 84% are private.
  const int homes_total = 3946;
  const int places_total = static_cast<int>(Published("ch_places").value);
  const std::size_t north_west = 1;
  std::vector<double> weights(councils_.size());
  double nw_share = Published("ch_nw_homes").value;
  // Councils vary around their share of children; each side of the North
  // West line is then rescaled so the regional split stays exact.
  double nw_noisy = 0, other_noisy = 0;
  for (std::size_t i = 0; i < councils_.size(); ++i) {
    weights[i] = councils_[i].target_cla * rng.LogNormalMean(1.0, 0.3);
    (councils_[i].region == static_cast<int>(north_west) ? nw_noisy : other_noisy) += weights[i];
  }
  for (std::size_t i = 0; i < councils_.size(); ++i)
    weights[i] *= councils_[i].region == static_cast<int>(north_west)
                      ? nw_share / nw_noisy
                      : (1 - nw_share) / other_noisy;
  auto per_council = QuotaCounts(weights, homes_total);
  // Ownership: 84% private, 3% voluntary, the rest run by councils.
  auto ownership =
      ShuffledQuota({Published("ch_private").value, 0.03, 1 - Published("ch_private").value - 0.03},
                    homes_total, rng);
  // Private groups: a few large groups hold about 30% of private homes.
  const double group_shares[] = {0.06, 0.045, 0.035, 0.03,  0.025, 0.02,
                                 0.02, 0.015, 0.015, 0.012, 0.011, 0.01};
  std::vector<int> large_groups;
  std::vector<double> large_weights;
  for (double s : group_shares) {
    std::string name = TitleWord(rng, kCompanyA) + " " + TitleWord(rng, kCompanyB);
    double base = rng.LogNormalMean(kResidentialBaseFee, 0.2);
    large_groups.push_back(AddProvider({.name = name + " Ltd",
                                        .ownership = Ownership::kPrivate,
                                        .group = AddGroup(name + " Group Holdings")},
                                       kChildrensHome, base));
    large_weights.push_back(s);
  }
  std::vector<int> charities;
  for (int i = 0; i < 25; ++i)
    charities.push_back(AddProvider({.name = TitleWord(rng, kCompanyA) + " Children's Charity",
                                     .ownership = Ownership::kVoluntary},
                                    kChildrensHome,
                                    rng.LogNormalMean(kResidentialBaseFee * 0.95, 0.2)));
  double large_total = std::accumulate(large_weights.begin(), large_weights.end(), 0.0);
  double private_share = Published("ch_private").value;
  std::vector<int> nw_group, other_group;
  int local_provider = -1, local_left = 0;
  std::size_t next = 0;
  for (std::size_t c = 0; c < councils_.size(); ++c) {
    for (int k = 0; k < per_council[c]; ++k, ++next) {
      int owner;
      int own = ownership[next];
      if (own == 0) {
        if (rng.Chance(large_total / private_share)) {
          owner = large_groups[rng.Weighted(large_weights)];
        } else {
          if (local_left == 0) {  // a new small or medium provider near here
            double u = rng.Uniform();
            local_left = u < 0.6 ? 1 : u < 0.85 ? rng.Int(2, 4) : rng.Int(5, 20);
            std::string name = TitleWord(rng, kCompanyA) + " " + TitleWord(rng, kCompanyB);
            std::optional<ProviderGroupId> parent;
            if (local_left >= 5 && rng.Chance(0.4)) parent = AddGroup(name + " Topco");
            local_provider = AddProvider(
                {.name = name + " Ltd", .ownership = Ownership::kPrivate, .group = parent},
                kChildrensHome, rng.LogNormalMean(kResidentialBaseFee, 0.25));
          }
          owner = local_provider;
          --local_left;
        }
      } else if (own == 1) {
        owner = charities[rng.Index(charities.size())];
      } else {
        owner = councils_[c].provider >= 0 ? councils_[c].provider : -2;
      }
      Home h = NewHome(owner >= 0 ? owner : 0, static_cast<int>(c), kChildrensHome, rng);
      double u = rng.Uniform();
      h.registered_places = u < 0.12   ? 1
                            : u < 0.3  ? 2
                            : u < 0.5  ? 3
                            : u < 0.72 ? 4
                            : u < 0.85 ? 5
                            : u < 0.93 ? 6
                                       : 8;
      h.solo_only = h.registered_places == 1 && rng.Chance(0.6);
      if (!selected_[c] || owner == -2) continue;  // outside this scale
      double base = owner == councils_[c].provider
                        ? rng.LogNormalMean(kResidentialBaseFee * 0.9, 0.25)
                        : w_.provider_info[static_cast<std::size_t>(owner)].base_fee;
      int index =
          AddHome(std::move(h), kChildrensHome, base, static_cast<int>(c), static_cast<int>(c));
      (councils_[c].region == static_cast<int>(north_west) ? nw_group : other_group)
          .push_back(index);
    }
  }
  // Exact places: 22% of places in the North West, the rest elsewhere
  // (scaled to the share of England generated).
  int nw_places = static_cast<int>(std::round(places_total * Published("ch_nw_places").value));
  double nw_selected = 0, other_selected = 0;
  for (int c : selected_list_)
    (councils_[static_cast<std::size_t>(c)].region == static_cast<int>(north_west)
         ? nw_selected
         : other_selected) += per_council[static_cast<std::size_t>(c)];
  double nw_all = 0, other_all = 0;
  for (std::size_t c = 0; c < councils_.size(); ++c)
    (councils_[c].region == static_cast<int>(north_west) ? nw_all : other_all) += per_council[c];
  SetPlaces(w_.homes, nw_group,
            static_cast<int>(std::round(nw_places * nw_selected / std::max(1.0, nw_all))), 12, rng);
  SetPlaces(w_.homes, other_group,
            static_cast<int>(
                std::round((places_total - nw_places) * other_selected / std::max(1.0, other_all))),
            12, rng);
}

void Generator::BuildSecureHomes() {
  Rng rng = rng_.Fork(12);
  // 14 secure children's homes with 230 places, most run by councils; 105 of
  // the places are contracted to the youth justice system.
  int homes = static_cast<int>(Published("secure_homes").value);
  auto places = QuotaCounts(std::vector<double>(static_cast<std::size_t>(homes), 1.0),
                            static_cast<int>(Published("secure_places").value));
  std::vector<double> weights = CouncilWeights(false);
  std::set<int> used;
  int charity = -1;
  for (int i = 0; i < homes; ++i) {
    int c;
    do c = PickCouncil(weights, rng);
    while (used.count(c));
    used.insert(c);
    if (!selected_[static_cast<std::size_t>(c)]) continue;
    int owner = councils_[static_cast<std::size_t>(c)].provider;
    if (i >= 12) {
      if (charity < 0)
        charity = AddProvider({.name = "Secure Futures Trust", .ownership = Ownership::kVoluntary},
                              kSecure, 9000);
      owner = charity;
    }
    Home h = NewHome(owner, c, kSecure, rng);
    h.registered_places =
        places[static_cast<std::size_t>(i)] + rng.Int(-4, 4) * (i % 2 == 0 ? 1 : -1);
    AddHome(std::move(h), kSecure, rng.LogNormalMean(9000, 0.08), c, c);
  }
  // Keep the total exact whatever the +/- spread above did.
  std::vector<int> secure;
  for (std::size_t h = 0; h < w_.homes.size(); ++h)
    if (w_.home_kind[h] == kSecure) secure.push_back(static_cast<int>(h));
  if (options_.scale == Scale::kNational)
    SetPlaces(w_.homes, secure, static_cast<int>(Published("secure_places").value), 40, rng);
}

void Generator::BuildFosterHouseholds() {
  Rng rng = rng_.Fork(13);
  // Ofsted 2024: 42,615 households, 21% of them kinship (connected person)
  // carers; 70,465 approved mainstream places. Kinship households are made
  // with the children they care for (PlaceCurrentChildren); here the
  // mainstream ones: 55% council (our assumption), 45% agency (IFA).
  int households = static_cast<int>(Published("foster_households").value);
  int kinship = static_cast<int>(std::round(households * Published("kinship_households").value));
  int mainstream = households - kinship;
  int la = static_cast<int>(std::round(mainstream * 0.55));
  int ifa = mainstream - la;
  std::vector<double> weights = CouncilWeights(false);
  auto la_per_council = QuotaCounts(weights, la);
  auto ifa_per_council = QuotaCounts(weights, ifa);

  // Agencies: 5 national groups and about 280 regional agencies.
  std::vector<int> national;
  std::vector<double> national_weights = {0.3, 0.25, 0.2, 0.15, 0.1};
  for (int i = 0; i < 5; ++i) {
    std::string name = TitleWord(rng, kCompanyA) + " Fostering";
    national.push_back(AddProvider({.name = name + " Ltd",
                                    .ownership = Ownership::kPrivate,
                                    .group = AddGroup(name + " Group"),
                                    .ofsted_urn = NewUrn(next_urn_)},
                                   kFosterIfa, rng.LogNormalMean(770, 0.08)));
  }
  std::vector<std::vector<int>> regional(EnglandRegions().size());
  for (std::size_t r = 0; r < regional.size(); ++r) {
    for (int i = 0; i < 31; ++i) {
      bool charity = rng.Chance(0.2);
      regional[r].push_back(AddProvider(
          {.name = TitleWord(rng, kCompanyA) + (charity ? " Fostering Trust" : " Foster Care Ltd"),
           .ownership = charity ? Ownership::kVoluntary : Ownership::kPrivate,
           .ofsted_urn = NewUrn(next_urn_)},
          kFosterIfa, rng.LogNormalMean(750, 0.1)));
    }
  }
  std::vector<int> group;
  for (std::size_t c = 0; c < councils_.size(); ++c) {
    for (int k = 0; k < la_per_council[c] + ifa_per_council[c]; ++k) {
      bool is_la = k < la_per_council[c];
      int owner;
      int located = static_cast<int>(c);
      if (is_la) {
        owner = councils_[c].provider;
        // Most council carers live in the council's area, some just outside.
        if (rng.Chance(0.12) && !councils_[c].near.empty())
          located =
              councils_[c].near[rng.Index(std::min<std::size_t>(3, councils_[c].near.size()))];
      } else {
        owner = rng.Chance(0.35)
                    ? national[rng.Weighted(national_weights)]
                    : regional[static_cast<std::size_t>(councils_[c].region)][rng.Index(31)];
      }
      double u = rng.Uniform();
      int places = u < 0.28 ? 1 : u < 0.72 ? 2 : u < 0.91 ? 3 : u < 0.98 ? 4 : 5;
      if (!selected_[c] || owner < 0) continue;
      Home h = NewHome(owner, located, is_la ? kFosterLa : kFosterIfa, rng);
      h.registered_places = places;
      h.name = "Foster household " + std::to_string(w_.homes.size() + 1);
      double base = is_la ? 0 : w_.provider_info[static_cast<std::size_t>(owner)].base_fee;
      group.push_back(AddHome(std::move(h), is_la ? kFosterLa : kFosterIfa, base, located,
                              is_la ? static_cast<int>(c) : located));
    }
  }
  SetPlaces(
      w_.homes, group,
      static_cast<int>(std::round(Published("foster_places").value *
                                  static_cast<double>(group.size()) / std::max(1, mainstream))),
      6, rng);
}

void Generator::BuildSupportedAccommodation() {
  Rng rng = rng_.Fork(14);
  // 890 supported accommodation providers (Ofsted 2025), each with 1-3
  // settings of 2-10 places; located in proportion to children in care.
  int providers = static_cast<int>(Published("sa_providers").value);
  std::vector<double> weights = CouncilWeights(false);
  for (int i = 0; i < providers; ++i) {
    bool charity = rng.Chance(0.2);
    int c = PickCouncil(weights, rng);
    double u = rng.Uniform();
    int settings = u < 0.6 ? 1 : u < 0.9 ? 2 : 3;
    double base = rng.LogNormalMean(1400, 0.35);
    int owner = -1;
    for (int s = 0; s < settings; ++s) {
      int located =
          s == 0 || councils_[static_cast<std::size_t>(c)].near.empty()
              ? c
              : councils_[static_cast<std::size_t>(c)].near[rng.Index(
                    std::min<std::size_t>(4, councils_[static_cast<std::size_t>(c)].near.size()))];
      int places = rng.Int(2, 10);
      if (!selected_[static_cast<std::size_t>(located)]) continue;
      if (owner < 0)
        owner = AddProvider({.name = TitleWord(rng, kCompanyA) +
                                     (charity ? " Housing Trust" : " Supported Living Ltd"),
                             .ownership = charity ? Ownership::kVoluntary : Ownership::kPrivate},
                            kSupported, base);
      Home h = NewHome(owner, located, kSupported, rng);
      h.registered_places = places;
      AddHome(std::move(h), kSupported, base, located, located);
    }
  }
}

// Iterative proportional fitting: scales `seed` until its row sums are `rows`
// and its column sums `cols` (both summing to the same total).
std::vector<std::vector<double>> FitMargins(std::vector<std::vector<double>> m,
                                            const std::vector<double>& rows,
                                            const std::vector<double>& cols) {
  for (int iter = 0; iter < 200; ++iter) {
    for (std::size_t r = 0; r < m.size(); ++r) {
      double s = std::accumulate(m[r].begin(), m[r].end(), 0.0);
      if (s > 0)
        for (double& v : m[r]) v *= rows[r] / s;
    }
    for (std::size_t c = 0; c < cols.size(); ++c) {
      double s = 0;
      for (auto& row : m) s += row[c];
      if (s > 0)
        for (auto& row : m) row[c] *= cols[c] / s;
    }
  }
  return m;
}

// Age bands of the DfE's tables: under 1, 1-4, 5-9, 10-15, 16+.
int AgeBand(int age_years) {
  return age_years < 1 ? 0 : age_years < 5 ? 1 : age_years < 10 ? 2 : age_years < 16 ? 3 : 4;
}

const std::vector<std::pair<const char*, std::vector<std::pair<const char*, double>>>>
    kEthnicGroups = {
        {"White", {{"WBRI", 0.84}, {"WIRI", 0.01}, {"WOTH", 0.12}, {"WIRT", 0.01}, {"WROM", 0.02}}},
        {"Mixed", {{"MWBC", 0.35}, {"MWBA", 0.15}, {"MWAS", 0.15}, {"MOTH", 0.35}}},
        {"Black", {{"BCRB", 0.3}, {"BAFR", 0.5}, {"BOTH", 0.2}}},
        {"Asian", {{"AIND", 0.15}, {"APKN", 0.3}, {"ABAN", 0.1}, {"AOTH", 0.45}}},
        {"Other", {{"OOTH", 0.92}, {"CHNE", 0.08}}},
        {"Unknown", {{"NOBT", 0.7}, {"REFU", 0.3}}},
};

std::string DrawCode(const std::vector<std::pair<const char*, double>>& codes, Rng& rng) {
  std::vector<double> w;
  for (auto& c : codes) w.push_back(c.second);
  return codes[rng.Weighted(w)].first;
}

std::string Generator::NewPseudonym(Rng& rng) {
  while (true) {
    std::string p = std::to_string(rng.Int(100000000, 999999999));
    if (pseudonyms_.insert(p).second) return p;
  }
}

void Generator::BuildChildren() {
  Rng rng = rng_.Fork(21);
  int n = 0;
  for (int c : selected_list_) n += councils_[static_cast<std::size_t>(c)].target_cla;
  // Kind shares: mainstream fostering fills 61% of approved places
  // (published 60% council / 62% agency); kinship 16%; the rest in the
  // published mix, scaled to the remainder.
  double total = Published("cla").value;
  double mainstream = 0.61 * Published("foster_places").value / total;
  double kinship = Published("kinship").value;
  double secure = 70 / total;  // about 74 welfare placements in England and Wales
  std::vector<double> rest = {Published("residential").value - secure,
                              secure,
                              Published("supported").value,
                              Published("with_parents").value,
                              Published("adoption").value,
                              Published("other_residential").value,
                              0.005,
                              0.01};
  double rest_sum = std::accumulate(rest.begin(), rest.end(), 0.0);
  for (double& r : rest) r *= (1 - mainstream - kinship) / rest_sum;
  std::vector<double> kind_share = {kinship, mainstream * 0.55, mainstream * 0.45};
  kind_share.insert(kind_share.end(), rest.begin(), rest.end());
  std::vector<double> age_share = {Published("age_under1").value, Published("age_1_4").value,
                                   Published("age_5_9").value, Published("age_10_15").value,
                                   Published("age_16_plus").value};
  // Which kinds are plausible at which age (relative propensities).
  std::vector<std::vector<double>> seed = {{1, 1, 0.6, 0, 0, 0, 0.8, 1.2, 0.8, 0, 0.3},
                                           {1, 1, 0.7, 0.01, 0, 0, 1, 1.5, 0.1, 0, 0.3},
                                           {1, 1, 0.9, 0.12, 0, 0, 1, 0.3, 0.05, 0.2, 0.3},
                                           {1, 1, 1.1, 1, 1, 0, 0.8, 0.01, 0.3, 1, 0.5},
                                           {0.7, 0.8, 1.0, 1, 1, 4, 0.6, 0, 0.5, 0.6, 1.0}};
  auto joint = FitMargins(seed, age_share, kind_share);
  std::vector<double> flat;
  for (std::size_t a = 0; a < 5; ++a) {
    double row = std::accumulate(joint[a].begin(), joint[a].end(), 0.0);
    for (std::size_t k = 0; k < kKindCount; ++k) {
      flat.push_back(joint[a][k]);
      kind_given_age_[a][k] = row > 0 ? joint[a][k] / row : 0;
    }
  }
  auto cells = ShuffledQuota(flat, n, rng);
  // UASC: mostly 16-17, some 14-15; 94% boys.
  int uasc = static_cast<int>(std::round(Published("uasc").value / total * n));
  std::vector<int> older, teen;
  for (int i = 0; i < n; ++i) {
    int band = cells[static_cast<std::size_t>(i)] / kKindCount;
    int kind = cells[static_cast<std::size_t>(i)] % kKindCount;
    if (kind == kParents || kind == kAdoption || kind == kKinship) continue;
    if (band == 4) older.push_back(i);
    if (band == 3) teen.push_back(i);
  }
  rng.Shuffle(older);
  rng.Shuffle(teen);
  std::vector<bool> is_uasc(static_cast<std::size_t>(n), false);
  int from_older =
      std::min<int>(static_cast<int>(older.size()), static_cast<int>(std::round(uasc * 0.7)));
  for (int i = 0; i < from_older; ++i)
    is_uasc[static_cast<std::size_t>(older[static_cast<std::size_t>(i)])] = true;
  for (int i = 0; i < uasc - from_older && i < static_cast<int>(teen.size()); ++i)
    is_uasc[static_cast<std::size_t>(teen[static_cast<std::size_t>(i)])] = true;
  // Sex: exactly 56% male overall.
  int males = static_cast<int>(std::round(Published("male").value * n));
  int uasc_males = static_cast<int>(std::round(0.94 * uasc));
  std::vector<int> others;
  std::vector<bool> male(static_cast<std::size_t>(n), false);
  int assigned_uasc_males = 0;
  for (int i = 0; i < n; ++i) {
    if (is_uasc[static_cast<std::size_t>(i)]) {
      if (assigned_uasc_males < uasc_males) {
        male[static_cast<std::size_t>(i)] = true;
        ++assigned_uasc_males;
      }
    } else {
      others.push_back(i);
    }
  }
  rng.Shuffle(others);
  for (int i = 0; i < males - assigned_uasc_males && i < static_cast<int>(others.size()); ++i)
    male[static_cast<std::size_t>(others[static_cast<std::size_t>(i)])] = true;
  std::vector<double> eth_shares = {Published("eth_white").value, Published("eth_mixed").value,
                                    Published("eth_black").value, Published("eth_asian").value,
                                    Published("eth_other").value, 0.01};
  // Exact group quotas; UASC children draw first from the groups most
  // unaccompanied children come from, everyone else from what remains.
  auto eth_counts = QuotaCounts(eth_shares, n);
  std::vector<int> ethnic(static_cast<std::size_t>(n), -1);
  const std::vector<double> uasc_groups = {0.05, 0.0, 0.3, 0.3, 0.35, 0.0};
  for (int i = 0; i < n; ++i) {
    if (!is_uasc[static_cast<std::size_t>(i)]) continue;
    std::vector<double> w = uasc_groups;
    for (std::size_t k = 0; k < w.size(); ++k)
      if (eth_counts[k] == 0) w[k] = 0;
    std::size_t group = rng.Weighted(w);
    --eth_counts[group];
    ethnic[static_cast<std::size_t>(i)] = static_cast<int>(group);
  }
  std::vector<int> rest_groups;
  for (std::size_t k = 0; k < eth_counts.size(); ++k)
    rest_groups.insert(rest_groups.end(), static_cast<std::size_t>(std::max(0, eth_counts[k])),
                       static_cast<int>(k));
  rng.Shuffle(rest_groups);
  std::size_t next_group = 0;
  for (int i = 0; i < n; ++i)
    if (ethnic[static_cast<std::size_t>(i)] < 0)
      ethnic[static_cast<std::size_t>(i)] = rest_groups[next_group++];
  // Councils: consecutive blocks of the (already random) order.
  std::vector<int> council_of;
  for (int c : selected_list_)
    council_of.insert(council_of.end(),
                      static_cast<std::size_t>(councils_[static_cast<std::size_t>(c)].target_cla),
                      c);
  // Recent entrants: every under-1, and enough others that starts in the
  // year (with those who also left in the year) match the published count.
  int under1 = 0;
  for (int cell : cells) under1 += cell / kKindCount == 0;
  double ceased_recent = kCeasedRecentShare * Published("ceased").value * scale_;
  double recent_others =
      std::max(0.0, Published("started").value * scale_ - ceased_recent - under1);
  double p_recent = recent_others / std::max(1, n - under1);
  const Date as_at = options_.as_at;
  const Date year_start = as_at.AddDays(-364);
  for (int i = 0; i < n; ++i) {
    auto si = static_cast<std::size_t>(i);
    int band = cells[si] / kKindCount;
    int kind = cells[si] % kKindCount;
    int c = council_of[si];
    Child child;
    child.pseudonym = NewPseudonym(rng);
    child.council =
        Local<Council>(static_cast<std::size_t>(council_local_[static_cast<std::size_t>(c)]));
    const int band_days[6] = {0, 365, 1826, 3652, 5844, 6574};
    int age_days = rng.Int(band_days[band], band_days[band + 1] - 1);
    if (is_uasc[si] && band == 3) age_days = rng.Int(5114, band_days[4] - 1);  // 14-15
    child.date_of_birth = as_at.AddDays(-age_days);
    child.sex = male[si] ? Sex::kMale : Sex::kFemale;
    child.uasc = is_uasc[si];
    child.ethnicity = DrawCode(kEthnicGroups[static_cast<std::size_t>(ethnic[si])].second, rng);
    child.category_of_need = child.uasc ? "N8"
                                        : DrawCode({{"N1", 0.62},
                                                    {"N2", 0.03},
                                                    {"N3", 0.03},
                                                    {"N4", 0.07},
                                                    {"N5", 0.13},
                                                    {"N6", 0.01},
                                                    {"N7", 0.003},
                                                    {"N8", 0.107}},
                                                   rng);
    child.family_location = PointIn(c, rng);
    int age = AgeInYears(child.date_of_birth, as_at);
    if (age >= 4)
      child.school_location = Offset(child.family_location, rng.Normal() * 2.5, rng.Normal() * 2.5);
    bool recent = band == 0 || child.date_of_birth >= year_start || rng.Chance(p_recent);
    if (recent) {
      Date from = std::max(child.date_of_birth, year_start);
      child.care_started = from.AddDays(rng.Int(0, static_cast<int>(as_at.DaysSince(from))));
    } else {
      Date earliest = std::max(child.date_of_birth, as_at.AddDays(-12 * 365));
      int span = static_cast<int>(year_start.DaysSince(earliest)) - 1;
      // Longer stays are rarer: skew towards recent years.
      double u = rng.Uniform();
      child.care_started = year_start.AddDays(-1 - static_cast<int>(span * u * u));
    }
    w_.children.push_back(std::move(child));
    child_kind_band_.push_back({kind, static_cast<int>(BandFor(kind, rng))});
    child_council_.push_back(c);
  }
  current_children_ = n;
}

void Generator::BuildCeasedChildren() {
  Rng rng = rng_.Fork(22);
  int n = static_cast<int>(std::round(Published("ceased").value * scale_));
  int adopted = static_cast<int>(std::round(Published("adopted").value * scale_));
  std::vector<double> weights = CouncilWeights(true);
  // Age on leaving: under 1, 1-4, 5-9, 10-15, 16-17, and 18 (left at adulthood).
  auto ages = ShuffledQuota({0.06, 0.18, 0.13, 0.25, 0.13, 0.25}, n, rng);
  auto recent = ShuffledQuota({kCeasedRecentShare, 1 - kCeasedRecentShare}, n, rng);
  const Date as_at = options_.as_at;
  const Date year_start = as_at.AddDays(-364);
  int adopted_left = adopted;
  for (int i = 0; i < n; ++i) {
    auto si = static_cast<std::size_t>(i);
    int c = PickCouncil(weights, rng);
    Child child;
    child.pseudonym = NewPseudonym(rng);
    child.council =
        Local<Council>(static_cast<std::size_t>(council_local_[static_cast<std::size_t>(c)]));
    child.care_ended = year_start.AddDays(rng.Int(1, 364));  // after a day in care at least
    const int band_days[7] = {30, 365, 1826, 3652, 5844, 6574, 6575};
    int group = ages[si];
    int age_days = group == 5 ? 6575 : rng.Int(band_days[group], band_days[group + 1] - 1);
    child.date_of_birth = AddYears(child.care_ended->AddDays(-age_days + (group == 5 ? 6575 : 0)),
                                   group == 5 ? -18 : 0);
    child.sex = rng.Chance(0.55) ? Sex::kMale : Sex::kFemale;
    child.ethnicity =
        DrawCode(kEthnicGroups[rng.Weighted({0.71, 0.11, 0.08, 0.05, 0.04, 0.01})].second, rng);
    child.category_of_need = DrawCode({{"N1", 0.6}, {"N4", 0.12}, {"N5", 0.14}, {"N8", 0.14}}, rng);
    child.family_location = PointIn(c, rng);
    int age = AgeInYears(child.date_of_birth, *child.care_ended);
    if (age >= 4)
      child.school_location = Offset(child.family_location, rng.Normal() * 2.5, rng.Normal() * 2.5);
    if (recent[si] == 0 || child.date_of_birth >= year_start.AddDays(-1)) {
      Date from = std::max(child.date_of_birth, year_start);
      // A day at least: a period of care that starts and ends the same
      // day is no period (and the day an 18-year-old leaves is not one
      // they can start on).
      child.care_started = from.AddDays(rng.Int(
          0, static_cast<int>(std::max<std::int64_t>(0, child.care_ended->DaysSince(from) - 1))));
    } else {
      int max_back = static_cast<int>(
          std::min<std::int64_t>(6 * 365, year_start.DaysSince(child.date_of_birth)));
      child.care_started = year_start.AddDays(-rng.Int(1, std::max(1, max_back)));
    }
    int kind;
    if (group >= 1 && group <= 2 && adopted_left > 0 && rng.Chance(0.6)) {
      child.reason_ceased = rng.Chance(0.3) ? "E11" : "E12";
      kind = kAdoption;
      --adopted_left;
    } else if (group == 5) {
      child.reason_ceased = DrawCode({{"E17", 0.15}, {"E5", 0.3}, {"E6", 0.1}, {"E8", 0.45}}, rng);
      kind =
          static_cast<int>(rng.Weighted({0.05, 0.3, 0.25, 0.12, 0, 0.2, 0, 0, 0.03, 0.02, 0.03}));
    } else if (group == 4) {
      child.reason_ceased = DrawCode(
          {{"E4A", 0.4}, {"E13", 0.15}, {"E5", 0.15}, {"E8", 0.2}, {"E9", 0.05}, {"E14", 0.05}},
          rng);
      kind = static_cast<int>(
          rng.Weighted(std::vector<double>(kind_given_age_[4].begin(), kind_given_age_[4].end())));
    } else {
      child.reason_ceased = DrawCode({{"E4A", 0.45},
                                      {"E4B", 0.08},
                                      {"E13", 0.1},
                                      {"E41", 0.1},
                                      {"E45", 0.07},
                                      {"E46", 0.03},
                                      {"E47", 0.07},
                                      {"E48", 0.02},
                                      {"E8", 0.06},
                                      {"E3", 0.02}},
                                     rng);
      int band = std::min(group, 3);
      std::vector<double> kw(kind_given_age_[static_cast<std::size_t>(band)].begin(),
                             kind_given_age_[static_cast<std::size_t>(band)].end());
      kw[kAdoption] = 0;
      kind = static_cast<int>(rng.Weighted(kw));
    }
    // Adoption quota not yet met: take it from the youngest remaining leavers.
    if (adopted_left > 0 && i >= n - adopted_left * 3 && group <= 2 && kind != kAdoption) {
      child.reason_ceased = "E12";
      kind = kAdoption;
      --adopted_left;
    }
    w_.children.push_back(std::move(child));
    child_kind_band_.push_back({kind, static_cast<int>(BandFor(kind, rng))});
    child_council_.push_back(c);
  }
}

NeedBand Generator::BandFor(int kind, Rng& rng) {
  std::vector<double> shares;
  switch (kind) {
    case kChildrensHome:
      shares = {kResidentialBandShares.begin(), kResidentialBandShares.end()};
      break;
    case kSecure:
      shares = {0.3, 0.3, 0.3, 0.1};
      break;
    case kSupported:
      shares = {0.5, 0.3, 0.15, 0.05};
      break;
    case kFosterIfa:
      shares = {0.55, 0.30, 0.12, 0.03};
      break;
    default:
      shares = {0.7, 0.2, 0.08, 0.02};
      break;
  }
  return static_cast<NeedBand>(rng.Weighted(shares));
}

bool Generator::CategoryPossible(int category, int council) const {
  const auto& info = councils_[static_cast<std::size_t>(council)];
  switch (category) {
    case kInsideFar:
      return info.radius_km >= 12;
    case kOutsideNear:
      return !info.near.empty() &&
             DistanceKm(info.rec->centre,
                        councils_[static_cast<std::size_t>(info.near[0])].rec->centre) < 45;
    case kOutsideFar:
      return !info.near.empty();
    default:
      return true;
  }
}

int Generator::FindHome(int kind, int council, const LatLon& family, int age, int category,
                        bool need_place, Rng& rng) {
  const auto& info = councils_[static_cast<std::size_t>(council)];
  bool inside = category == kInsideNear || category == kInsideFar;
  bool near = category == kInsideNear || category == kOutsideNear;
  bool own_pool = kind == kFosterLa || inside;
  std::size_t outside_span = info.near.size();
  if (!own_pool && near) {
    outside_span = 0;
    while (outside_span < info.near.size() &&
           DistanceKm(info.rec->centre,
                      councils_[static_cast<std::size_t>(info.near[outside_span])].rec->centre) <
               kTwentyMilesKm +
                   2 * councils_[static_cast<std::size_t>(info.near[outside_span])].radius_km)
      ++outside_span;
    if (outside_span == 0) return -1;
  }
  for (int attempt = 0; attempt < 40; ++attempt) {
    int pool_council = council;
    if (!own_pool) {
      double u = rng.Uniform();
      pool_council =
          info.near[static_cast<std::size_t>(near ? u * static_cast<double>(outside_span)
                                                  : u * u * static_cast<double>(outside_span))];
    }
    auto& pool = pools_[static_cast<std::size_t>(kind)][static_cast<std::size_t>(pool_council)];
    if (pool.empty()) continue;
    std::size_t slot = rng.Index(pool.size());
    int h = pool[slot];
    const Home& home = w_.homes[static_cast<std::size_t>(h)];
    const HomeInfo& hi = w_.home_info[static_cast<std::size_t>(h)];
    if (need_place &&
        (hi.occupied >= home.registered_places || (home.solo_only && hi.occupied > 0))) {
      pool[slot] = pool.back();  // full: no longer a candidate for current places
      pool.pop_back();
      continue;
    }
    if (age < home.min_age || age > home.max_age) continue;
    bool home_inside = home_council_[static_cast<std::size_t>(h)] == council;
    if (home_inside != inside) continue;
    bool home_near = DistanceKm(family, home.location) <= kTwentyMilesKm;
    if (home_near != near) continue;
    return h;
  }
  return -1;
}

int Generator::NearestHomeWithPlace(int kind, int council, const LatLon& family, int age) {
  std::vector<int> order = {council};
  for (int c : councils_[static_cast<std::size_t>(council)].near) order.push_back(c);
  for (bool check_age : {true, false}) {
    for (int c : order) {
      int best = -1;
      double best_d = 1e18;
      for (int h : pools_[static_cast<std::size_t>(kind)][static_cast<std::size_t>(c)]) {
        const Home& home = w_.homes[static_cast<std::size_t>(h)];
        if (w_.home_info[static_cast<std::size_t>(h)].occupied >= home.registered_places) continue;
        if (check_age && (age < home.min_age || age > home.max_age)) continue;
        double d = DistanceKm(family, home.location);
        if (d < best_d) {
          best_d = d;
          best = h;
        }
      }
      if (best >= 0) return best;
    }
    if (kind == kFosterLa) break;  // another council's carers: handled by the caller
  }
  return -1;
}

int Generator::PlaceInHome(int kind, int council, const LatLon& family, int age, bool need_place,
                           Rng& rng, int* category) {
  int wanted = quota_->Pick([&](int c) { return CategoryPossible(c, council); });
  const int fallback[] = {wanted, kInsideNear, kOutsideNear, kOutsideFar, kInsideFar};
  int home = -1;
  for (int c : fallback) {
    home = FindHome(kind, council, family, age, c, need_place, rng);
    if (home >= 0) break;
  }
  if (home < 0 && need_place) home = NearestHomeWithPlace(kind, council, family, age);
  if (home < 0 && kind == kFosterLa) {  // own carers full: another council's (PR2) or an agency
    for (int c : councils_[static_cast<std::size_t>(council)].near) {
      home = NearestHomeWithPlace(kFosterLa, c, family, age);
      if (home >= 0) break;
    }
    if (home < 0) home = PlaceInHome(kFosterIfa, council, family, age, need_place, rng, category);
    return home;
  }
  if (home < 0) return -1;
  bool inside = home_council_[static_cast<std::size_t>(home)] == council;
  bool near =
      DistanceKm(family, w_.homes[static_cast<std::size_t>(home)].location) <= kTwentyMilesKm;
  *category = inside ? (near ? kInsideNear : kInsideFar) : (near ? kOutsideNear : kOutsideFar);
  quota_->Record(*category);
  return home;
}

int Generator::KinshipHousehold(int council, const LatLon& family, int places, Rng& rng,
                                int* category) {
  const auto& info = councils_[static_cast<std::size_t>(council)];
  int wanted = quota_->Pick([&](int c) { return CategoryPossible(c, council); });
  int located = council;
  LatLon where;
  switch (wanted) {
    case kInsideFar:
      where = AtDistance(family, rng.Uniform(34, 50), rng);
      break;
    case kOutsideNear:
      located = info.near[0];
      where = AtDistance(family, rng.Uniform(3, 30), rng);
      break;
    case kOutsideFar: {
      std::size_t i = 0;
      while (i + 1 < info.near.size() &&
             DistanceKm(info.rec->centre,
                        councils_[static_cast<std::size_t>(info.near[i])].rec->centre) < 40)
        ++i;
      i = std::min(info.near.size() - 1, i + rng.Index(3));
      located = info.near[i];
      where = PointIn(located, rng, 0.3);
      break;
    }
    default:
      where = AtDistance(family, rng.Uniform(0.5, 20), rng);
  }
  Home h = NewHome(info.provider, located, kKinship, rng);
  h.location = where;
  h.name = "Kinship household " + std::to_string(w_.homes.size() + 1);
  h.connected_person = true;
  h.registered_places = places;
  h.max_siblings = places - 1;
  h.min_age = 0;
  h.max_age = 17;
  int index = AddHome(std::move(h), kKinship, 0, located, council);
  bool near = DistanceKm(family, where) <= kTwentyMilesKm;
  *category =
      located == council ? (near ? kInsideNear : kInsideFar) : (near ? kOutsideNear : kOutsideFar);
  quota_->Record(*category);
  return index;
}

void Generator::BuildHistories() {
  Rng rng = rng_.Fork(31);
  const Date as_at = options_.as_at;
  const Date year_start = as_at.AddDays(-364);
  // The rate of placement changes is solved from the time children spent in
  // care during the year, so the year's changes match the published count.
  double exposure = 0;
  for (const Child& c : w_.children) {
    Date end = c.care_ended.value_or(as_at);
    Date from = std::max(c.care_started, year_start);
    if (end > from) exposure += static_cast<double>(end.DaysSince(from)) / 365.0;
  }
  double rate = Published("changes").value * scale_ / std::max(1.0, exposure);
  std::vector<double> reason_weights;
  for (auto& r : kChangeReasons) reason_weights.push_back(r.second);
  QuotaPicker in_year(reason_weights), before(reason_weights);
  child_current_placement_.assign(w_.children.size(), -1);
  for (std::size_t i = 0; i < w_.children.size(); ++i) {
    const Child& child = w_.children[i];
    int council = child_council_[i];
    Date end = child.care_ended.value_or(as_at);
    double years =
        static_cast<double>(std::max<std::int64_t>(0, end.DaysSince(child.care_started))) / 365.0;
    int changes = rng.Poisson(rate * rng.LogNormalMean(1.0, 0.9) * years);
    std::vector<Date> dates;
    for (int k = 0; k < changes; ++k) {
      std::int64_t span = end.DaysSince(child.care_started);
      if (span < 2) break;
      dates.push_back(child.care_started.AddDays(rng.Int(1, static_cast<int>(span) - 1)));
    }
    std::sort(dates.begin(), dates.end());
    dates.erase(std::unique(dates.begin(), dates.end()), dates.end());
    // Supported accommodation is for 16 and 17 year olds (K3 only from 16):
    // a child there now moved in at 16 at the earliest.
    if (child_kind_band_[i][0] == kSupported) {
      Date sixteen = AddYears(child.date_of_birth, 16);
      if (sixteen > child.care_started && sixteen < end &&
          (dates.empty() || dates.back() < sixteen))
        dates.push_back(sixteen);
    }
    Date start = child.care_started;
    for (std::size_t s = 0; s <= dates.size(); ++s) {
      bool last = s == dates.size();
      int age = AgeInYears(child.date_of_birth, start);
      int kind;
      NeedBand band;
      if (last) {
        kind = child_kind_band_[i][0];
        band = static_cast<NeedBand>(child_kind_band_[i][1]);
      } else {
        std::vector<double> kw(kind_given_age_[static_cast<std::size_t>(AgeBand(age))].begin(),
                               kind_given_age_[static_cast<std::size_t>(AgeBand(age))].end());
        kw[kAdoption] = 0;
        kw[kSecure] *= 0.5;
        kind = static_cast<int>(rng.Weighted(kw));
        band = BandFor(kind, rng);
      }
      Placement p;
      p.child = Local<Child>(i);
      p.council = child.council;
      p.start = start;
      p.need_band = band;  // legal status: FinishRecords, over the whole history
      if (!last) {
        p.end = dates[s];
        QuotaPicker& picker = dates[s] >= year_start ? in_year : before;
        int reason = picker.Pick();
        picker.Record(reason);
        p.reason_place_change = kChangeReasons[static_cast<std::size_t>(reason)].first;
        start = dates[s];
      } else if (child.care_ended) {
        p.end = child.care_ended;
        p.reason_ceased = child.reason_ceased;
      }
      int home = -1;
      bool current = last && !child.care_ended;
      if (HasHome(kind) && kind != kKinship && !current) {
        int category = 0;
        home = PlaceInHome(kind, council, child.family_location, age, /*need_place=*/false, rng,
                           &category);
      }
      placement_kind_.push_back(kind);
      placement_home_.push_back(home);
      if (current) child_current_placement_[i] = static_cast<int>(w_.placements.size());
      w_.placements.push_back(std::move(p));
    }
  }
}

void Generator::PlaceCurrentChildren() {
  Rng rng = rng_.Fork(41);
  std::vector<int> order(static_cast<std::size_t>(current_children_));
  std::iota(order.begin(), order.end(), 0);
  rng.Shuffle(order);
  // Kinship: households of 1-3 children (mean 1.46, so 21% of fostering
  // households are kinship), siblings sharing their family's location.
  std::map<int, std::vector<int>> kinship_by_council;
  // New placements of the year keep the year's mix (category_quota_); those
  // made before it take the mix that brings the whole stock's share placed
  // outside its council to the published one: with n_new and n_old children
  // to place, s the year's share outside and T the target, the older ones'
  // share is (T (n_new + n_old) - s n_new) / n_old.
  const Date year_start = options_.as_at.AddDays(-364);
  auto started_before = [&](int i) {
    int p = child_current_placement_[static_cast<std::size_t>(i)];
    return p >= 0 && w_.placements[static_cast<std::size_t>(p)].start < year_start;
  };
  {
    double n_new = 0, n_old = 0;
    for (int i : order) {
      int kind = child_kind_band_[static_cast<std::size_t>(i)][0];
      if (kind != kKinship && !HasHome(kind)) continue;
      (started_before(i) ? n_old : n_new) += 1;
    }
    double s = (kCategoryShares[kOutsideNear] + kCategoryShares[kOutsideFar]);
    double inside = kCategoryShares[kInsideNear] + kCategoryShares[kInsideFar];
    s /= s + inside;
    double target = Published("stock_outside_la").value;
    double x =
        n_old > 0 ? std::clamp((target * (n_new + n_old) - s * n_new) / n_old, 0.0, 0.95) : s;
    stock_quota_ =
        QuotaPicker({(1 - x) * kCategoryShares[kInsideNear] / inside,
                     (1 - x) * kCategoryShares[kInsideFar] / inside,
                     x * kCategoryShares[kOutsideNear] /
                         (kCategoryShares[kOutsideNear] + kCategoryShares[kOutsideFar]),
                     x * kCategoryShares[kOutsideFar] /
                         (kCategoryShares[kOutsideNear] + kCategoryShares[kOutsideFar])});
  }
  for (int i : order) {
    auto si = static_cast<std::size_t>(i);
    int kind = child_kind_band_[si][0];
    if (kind == kKinship) {
      kinship_by_council[child_council_[si]].push_back(i);
      continue;
    }
    if (!HasHome(kind)) continue;
    const Child& child = w_.children[si];
    int category = 0;
    quota_ = started_before(i) ? &stock_quota_ : &category_quota_;
    int home = PlaceInHome(kind, child_council_[si], child.family_location,
                           AgeInYears(child.date_of_birth, options_.as_at), /*need_place=*/true,
                           rng, &category);
    if (home < 0) continue;  // no home of this kind anywhere in scope: left without one
    ++w_.home_info[static_cast<std::size_t>(home)].occupied;
    int p = child_current_placement_[si];
    placement_home_[static_cast<std::size_t>(p)] = home;
    placement_kind_[static_cast<std::size_t>(p)] = w_.home_kind[static_cast<std::size_t>(home)];
  }
  for (auto& [council, kids] : kinship_by_council) {
    std::size_t k = 0;
    while (k < kids.size()) {
      double u = rng.Uniform();
      int size = std::min<int>(u < 0.66 ? 1 : u < 0.88 ? 2 : 3, static_cast<int>(kids.size() - k));
      auto first = static_cast<std::size_t>(kids[k]);
      int category = 0;
      quota_ = started_before(kids[k]) ? &stock_quota_ : &category_quota_;
      int home =
          KinshipHousehold(council, w_.children[first].family_location, size, rng, &category);
      for (int j = 0; j < size; ++j, ++k) {
        auto si = static_cast<std::size_t>(kids[k]);
        w_.children[si].family_location = w_.children[first].family_location;
        ++w_.home_info[static_cast<std::size_t>(home)].occupied;
        placement_home_[static_cast<std::size_t>(child_current_placement_[si])] = home;
      }
    }
  }
  quota_ = &category_quota_;
}

int Generator::ContractFor(int provider, int council, Rng& rng) {
  int rcc = councils_[static_cast<std::size_t>(council)].rcc;
  auto key = std::make_pair(provider, rcc);
  auto it = contract_index_.find(key);
  if (it != contract_index_.end()) return it->second;
  const ProviderInfo& info = w_.provider_info[static_cast<std::size_t>(provider)];
  std::vector<double> type_weights;
  switch (info.kind) {
    case kChildrensHome:
      type_weights = {0.5, 0.25, 0.05, 0.2};
      break;
    case kFosterIfa:
      type_weights = {0.7, 0.2, 0.0, 0.1};
      break;
    case kSupported:
      type_weights = {0.2, 0.6, 0.0, 0.2};
      break;
    case kSecure:
      type_weights = {0.0, 0.0, 0.6, 0.4};
      break;
    default:
      type_weights = {0.5, 0.3, 0.0, 0.2};
  }
  auto type = static_cast<ContractType>(rng.Weighted(type_weights));
  double type_factor = type == ContractType::kSpot    ? 1.12
                       : type == ContractType::kBlock ? 0.95
                                                      : 1.0;
  std::vector<double> multipliers;
  switch (info.kind) {
    case kChildrensHome:
      multipliers = {kResidentialBandMultipliers.begin(), kResidentialBandMultipliers.end()};
      break;
    case kSecure:
      multipliers = {1.0, 1.1, 1.25, 1.4};
      break;
    case kSupported:
      multipliers = {0.9, 1.1, 1.6, 3.0};
      break;
    default:
      multipliers = {1.0, 1.1, 1.3, 1.6};
  }
  Contract c;
  c.provider = Local<Provider>(static_cast<std::size_t>(provider));
  c.rcc = Local<Rcc>(static_cast<std::size_t>(rcc_local_.at(rcc)));
  c.type = type;
  c.reference = RccPlan()[static_cast<std::size_t>(rcc)].code + "/" + std::string(EnumCode(type)) +
                "/" + std::to_string(w_.contracts.size() + 1);
  c.start = Date(2012, 4, 1);
  if (type != ContractType::kSpot) c.end = Date(2027, 3, 31);
  double base =
      info.base_fee * councils_[static_cast<std::size_t>(council)].fee_factor * type_factor;
  for (std::size_t b = 0; b < multipliers.size(); ++b) {
    double pounds = std::round(base * multipliers[b] / 5) * 5;
    c.fees.push_back(
        {static_cast<NeedBand>(b), Pence::FromPounds(static_cast<std::int64_t>(pounds))});
  }
  if (type == ContractType::kBlock) c.block_places = rng.Int(1, 4);
  int index = static_cast<int>(w_.contracts.size());
  w_.contracts.push_back(std::move(c));
  contract_index_[key] = index;
  return index;
}

Pence Generator::FeeFor(int kind, int home, int council, NeedBand band, int* contract, Rng& rng) {
  *contract = -1;
  const double band_uplift[] = {1.0, 1.08, 1.2, 1.35};
  double factor = councils_[static_cast<std::size_t>(council)].fee_factor;
  double pounds = 0;
  if (home >= 0) {
    int provider = static_cast<int>(Index(w_.homes[static_cast<std::size_t>(home)].provider));
    bool council_run =
        w_.providers[static_cast<std::size_t>(provider)].ownership == Ownership::kCouncil;
    if (!council_run) {
      *contract = ContractFor(provider, council, rng);
      auto fee = w_.contracts[static_cast<std::size_t>(*contract)].FeeFor(band);
      if (fee) return *fee;
    }
    switch (kind) {
      case kKinship:
        pounds = rng.LogNormalMean(260, 0.2);
        break;
      case kFosterLa:
        pounds = councils_[static_cast<std::size_t>(council)].la_allowance *
                 band_uplift[static_cast<int>(band)];
        break;
      case kChildrensHome: {
        pounds = w_.home_info[static_cast<std::size_t>(home)].base_fee * factor *
                 kResidentialBandMultipliers[static_cast<std::size_t>(band)];
        break;
      }
      case kSecure:
        pounds = w_.home_info[static_cast<std::size_t>(home)].base_fee *
                 band_uplift[static_cast<int>(band)];
        break;
      default:
        pounds = rng.LogNormalMean(1400, 0.3) * factor;
    }
  } else {
    switch (kind) {
      case kOtherResidential:
        pounds = rng.LogNormalMean(3500, 0.3) * factor;
        break;
      case kResidentialSchool:
        pounds = rng.LogNormalMean(4500, 0.3) * factor;
        break;
      case kOther:
        // Some "other" placements are bespoke arrangements under a
        // deprivation of liberty order, mostly with 2:1 or 3:1 staffing (LGA).
        pounds = rng.Chance(0.4) ? rng.LogNormalMean(12000, 0.35) : rng.LogNormalMean(800, 0.4);
        break;
      case kKinship:
        pounds = rng.LogNormalMean(260, 0.2);
        break;
      case kFosterLa:
        pounds = councils_[static_cast<std::size_t>(council)].la_allowance;
        break;
      default:
        pounds = 0;  // placed with parents, placed for adoption: no placement fee
    }
  }
  return Pence(static_cast<std::int64_t>(std::round(pounds * 100)));
}

void Generator::FillPlacementCodes(Placement& p, int kind, int home, int council, Rng& rng) {
  CouncilId responsible =
      Local<Council>(static_cast<std::size_t>(council_local_[static_cast<std::size_t>(council)]));
  std::string provider_code;
  if (home >= 0)
    provider_code = PlacementProviderCode(
        w_.providers[Index(w_.homes[static_cast<std::size_t>(home)].provider)], responsible);
  switch (kind) {
    case kKinship:
      p.place_code = rng.Chance(0.4) ? "U1" : "U3";
      break;
    case kFosterLa:
    case kFosterIfa: {
      double u = rng.Uniform();
      p.place_code = u < 0.45 ? "U4" : u < 0.95 ? "U6" : "U5";
      break;
    }
    case kChildrensHome:
      p.place_code = "K2";
      break;
    case kSecure:
      p.place_code = "K1";
      break;
    case kSupported:
      p.place_code = p.start >= Date(2024, 4, 1) ? "K3" : "H5";
      break;
    case kParents:
      p.place_code = "P1";
      provider_code = "PR0";
      break;
    case kAdoption:
      p.place_code = rng.Chance(0.5) ? "A5" : "A6";
      provider_code = DrawCode({{"PR1", 0.6}, {"PR2", 0.1}, {"PR5", 0.3}}, rng);
      break;
    case kOtherResidential: {
      // R5 (a young offender institution or prison) only from age 10.
      double u = rng.Uniform();
      int age = AgeInYears(w_.children[Index(p.child)].date_of_birth, p.start);
      p.place_code = u < 0.3 ? "R1" : u < 0.5 ? "R2" : u < 0.8 || age < 10 ? "R3" : "R5";
      provider_code = p.place_code == "R2" || p.place_code == "R5" ? "PR3" : "PR4";
      break;
    }
    case kResidentialSchool:
      p.place_code = "S1";
      provider_code = rng.Chance(0.7) ? "PR4" : "PR5";
      break;
    default:
      // P3 (residential employment) only from age 14.
      if (rng.Chance(0.7) || AgeInYears(w_.children[Index(p.child)].date_of_birth, p.start) < 14) {
        p.place_code = "Z1";
        provider_code = "";
      } else {
        p.place_code = "P3";
        provider_code = "PR4";
      }
  }
  if (provider_code.empty() && p.place_code != "Z1") provider_code = "PR1";
  p.provider_code = provider_code;
}

// A synthetic postcode-sector label for a council ("HA3 1"): not a real
// postcode, just a stable handle that reads like one (the letters are the
// council's name's, not its real postcode area). The sector digit is drawn
// from [lo, hi]: families live in sectors 5-9 and homes stand in 1-4, so a
// child placed away from parents never shares the family's sector.
std::string SectorLabel(const CouncilRecord& c, int district, int sector) {
  std::string letters;
  for (char ch : c.name)
    if (std::isalpha(static_cast<unsigned char>(ch)) && letters.size() < 2)
      letters += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return letters + std::to_string(district) + " " + std::to_string(sector);
}
std::string SectorLabel(const CouncilRecord& c, Rng& rng, int lo = 1, int hi = 9) {
  int district = rng.Int(1, 20);
  return SectorLabel(c, district, rng.Int(lo, hi));
}

void Generator::FinishPlacements() {
  Rng rng = rng_.Fork(51);
  for (std::size_t i = 0; i < w_.placements.size(); ++i) {
    Placement& p = w_.placements[i];
    int kind = placement_kind_[i];
    int home = placement_home_[i];
    int council = child_council_[Index(p.child)];
    if (HasHome(kind) && home < 0 && kind != kKinship)
      kind = kOther;  // no home could be found in scope
    if (home >= 0) {
      p.home = Local<Home>(static_cast<std::size_t>(home));
      kind = w_.home_kind[static_cast<std::size_t>(home)];
    }
    int contract = -1;
    p.weekly_fee = FeeFor(kind, home, council, p.need_band, &contract, rng);
    if (contract >= 0) p.contract = Local<Contract>(static_cast<std::size_t>(contract));
    FillPlacementCodes(p, kind, home, council, rng);
  }
}

// The weekly fees of the placements current on `as_at`, held to published
// figures whatever the seed (issue 15, finding 6). Prices move where they
// are set: a contracted placement's fee is its contract's price for its need
// band (the contract's bands are scaled, and every placement under it priced
// again), any other placement's fee is its own.
//  1. Children's homes: their prices scaled by one factor so that the mean
//     fee of the children's home placements (K2) is the published one (the
//     providers' base fees are drawn, and a few large ones moved it by 4%).
//  2. The count at £10,000 a week or more is the published count (LGA),
//     exactly, where the uncontracted placements allow it (drawing the tail
//     by chance left it 7-9% short for some seeds). Short: the highest-priced
//     uncontracted placements of the kinds that carry such fees (bespoke
//     arrangements, council homes, other residential settings) are raised
//     into the tail, each to £10,000 x e^X, X exponential of mean 0.3 (LGA:
//     typical maxima £9,600-£32,500; at most £63,000). Over: the surplus of
//     uncontracted ones, chosen at random, is brought under it (£8,000-£9,990).
//  3. The year's spend (weekly fees x 52) is the published spend: the prices
//     no other figure targets (supported accommodation, other residential
//     settings, residential schools, other arrangements; not children's
//     homes, foster care, secure homes or the tail) are scaled by one factor
//     solved from the sum, within 0.5-1.5 and kept under £10,000.
// Complexity: O(P log P) for P placements.
void Generator::TargetFees() {
  Rng rng = rng_.Fork(95);
  const Date as_at = options_.as_at;
  constexpr std::int64_t kTail = 1000000;  // £10,000 in pence
  auto& placements = w_.placements;
  auto is_current = [&](const Placement& p) {
    return p.start <= as_at && (!p.end || *p.end > as_at);
  };
  auto scale_pence = [](Pence fee, double factor, std::int64_t cap) {
    return Pence(
        std::min<std::int64_t>(cap, std::llround(static_cast<double>(fee.value()) * factor)));
  };
  // Scales the prices of contracts whose provider runs `kinds`, and of the
  // uncontracted placements `own` picks; prices every contracted placement
  // again.
  auto scale_prices = [&](const std::set<int>& kinds, double factor, std::int64_t cap,
                          const std::function<bool(const Placement&)>& own) {
    std::vector<bool> scaled(w_.contracts.size(), false);
    for (std::size_t c = 0; c < w_.contracts.size(); ++c) {
      int kind = w_.provider_info[Index(w_.contracts[c].provider)].kind;
      if (!kinds.count(kind)) continue;
      scaled[c] = true;
      for (auto& band : w_.contracts[c].fees)
        band.weekly_fee = scale_pence(band.weekly_fee, factor, cap);
    }
    for (auto& p : placements) {
      if (p.contract) {
        if (!scaled[Index(*p.contract)]) continue;
        if (auto fee = w_.contracts[Index(*p.contract)].FeeFor(p.need_band)) p.weekly_fee = *fee;
      } else if (own(p)) {
        p.weekly_fee = scale_pence(p.weekly_fee, factor, cap);
      }
    }
  };
  auto pounds = [](const Placement& p) { return static_cast<double>(p.weekly_fee.value()) / 100; };

  // 1. Children's homes.
  {
    double sum = 0, n = 0;
    for (const auto& p : placements)
      if (is_current(p) && p.place_code == "K2") sum += pounds(p), n += 1;
    if (n > 0 && sum > 0)
      scale_prices({kChildrensHome}, Published("fee_residential").value * n / sum,
                   std::numeric_limits<std::int64_t>::max(),
                   [](const Placement& p) { return p.place_code == "K2"; });
  }
  // 3. The spend, solved before the tail is set (which brings the scaled
  //    prices under £10,000) and again after it (the tail's count holds).
  auto target_spend = [&]() {
    auto scaled_own = [&](const Placement& p) {
      const std::string& c = p.place_code;
      bool fixed = (c.size() == 2 && c[0] == 'U') || c == "K2" || c == "K1";
      return !fixed && p.weekly_fee.value() < kTail;
    };
    const std::set<int> scaled_kinds = {kSupported};
    double fixed = 0, free = 0;
    for (const auto& p : placements) {
      if (!is_current(p)) continue;
      bool scaled =
          p.contract
              ? scaled_kinds.count(
                    w_.provider_info[Index(w_.contracts[Index(*p.contract)].provider)].kind) > 0
              : scaled_own(p);
      (scaled ? free : fixed) += pounds(p);
    }
    double wanted = Published("spend").value * scale_ / 52;
    if (free > 0)
      scale_prices(scaled_kinds, std::clamp((wanted - fixed) / free, 0.5, 1.5), kTail - 100,
                   scaled_own);
  };
  target_spend();
  // 2. The tail.
  std::vector<std::size_t> tail_own, below;
  std::size_t tail = 0;
  auto bespoke = [](const std::string& c) {
    return c == "K2" || c == "Z1" || c == "P3" || c == "S1" || (c.size() == 2 && c[0] == 'R');
  };
  for (std::size_t i = 0; i < placements.size(); ++i) {
    const Placement& p = placements[i];
    if (!is_current(p)) continue;
    bool high = p.weekly_fee.value() >= kTail;
    tail += high;
    if (p.contract) continue;
    if (high)
      tail_own.push_back(i);
    else if (bespoke(p.place_code))
      below.push_back(i);
  }
  auto target = static_cast<std::size_t>(std::llround(Published("high_cost").value * scale_));
  if (tail > target) {
    rng.Shuffle(tail_own);
    for (std::size_t k = 0; k < tail_own.size() && tail > target; ++k, --tail)
      placements[tail_own[k]].weekly_fee =
          Pence(static_cast<std::int64_t>(std::round(rng.Uniform(8000, 9990))) * 100);
  } else {
    std::stable_sort(below.begin(), below.end(), [&](std::size_t a, std::size_t b) {
      return placements[a].weekly_fee.value() > placements[b].weekly_fee.value();
    });
    for (std::size_t k = 0; k < below.size() && tail < target; ++k, ++tail) {
      double fee = std::min(63000.0, 10000 * std::exp(-0.3 * std::log(1 - rng.Uniform())));
      placements[below[k]].weekly_fee = Pence(static_cast<std::int64_t>(std::round(fee)) * 100);
    }
  }
  target_spend();
}

// The records an SSDA903 return is made from, as a council holds them
// (issue 15): postcode sectors for homes, families and placements without a
// home; a Unique Pupil Number for each child of school age (UN1 under it,
// UN2 for an unaccompanied child new to England's schools); and legal
// statuses that follow a period of care rather than change at random: one
// status drawn per child (a care order C2, an interim order C1 made final
// at the first move after three months, or voluntary accommodation V2,
// never with parents); a placement order E1 with a placement for adoption.
// Youth-justice and emergency statuses (J1-J3, L1-L3) are not generated:
// they last days, and the histories here move in months.
// Contract terms drawn from their own streams (so the rest of England does
// not move): every contract came from a member council (the RCC inherits
// them all) with the RCC's decision on it; frameworks and blocks carry an
// annual uplift capped at 3-5%; a block reserves places in the homes its
// placements are in (those in use now and up to two more, no more than the
// homes have), for 8 years.
void Generator::SetContractTerms() {
  std::vector<std::vector<int>> homes_of(w_.contracts.size());
  std::vector<int> council_of(w_.contracts.size(), -1), current(w_.contracts.size(), 0);
  for (const Placement& p : w_.placements) {
    if (!p.contract) continue;
    std::size_t c = Index(*p.contract);
    current[c] += p.current();
    if (council_of[c] < 0) council_of[c] = static_cast<int>(Index(p.council));
    if (p.home) homes_of[c].push_back(static_cast<int>(Index(*p.home)));
  }
  for (std::size_t c = 0; c < w_.contracts.size(); ++c) {
    Rng terms(options_.seed * 0x9E3779B97F4A7C15ULL + 0x5EED0000ULL + c);
    Contract& k = w_.contracts[c];
    if (council_of[c] >= 0) {
      k.inherited_from = Local<Council>(static_cast<std::size_t>(council_of[c]));
      k.decision = static_cast<RegisterDecision>(terms.Weighted({0.4, 0.3, 0.2, 0.1}));
    }
    if (k.type == ContractType::kFramework || k.type == ContractType::kBlock)
      k.uplift_cap_bp = terms.Int(3, 5) * 100;
    if (k.type != ContractType::kBlock) continue;
    std::sort(homes_of[c].begin(), homes_of[c].end());
    homes_of[c].erase(std::unique(homes_of[c].begin(), homes_of[c].end()), homes_of[c].end());
    int places = 0;
    for (int h : homes_of[c]) {
      k.block_homes.push_back(Local<Home>(static_cast<std::size_t>(h)));
      places += w_.homes[static_cast<std::size_t>(h)].registered_places;
    }
    if (k.block_homes.empty()) {  // a block nobody is placed under: lapse it to spot terms
      k.type = ContractType::kSpot;
      k.block_places = 0;
      k.uplift_cap_bp = 0;
      continue;
    }
    // Reserved: the places in use now and up to two more (a block is rarely full).
    k.block_places = std::clamp(current[c] + terms.Int(0, 2), 1, places);
    k.start = Date(2019, 4, 1);
    k.end = Date(2027, 3, 31);
  }
}

// Each RCC lets a regional framework (children's homes and fostering, by
// setting, need band and age band; April 2025 to March 2029, reopening each
// April) and a DPS for supported accommodation (April 2024 to March 2030).
// The providers whose inherited framework or DPS contract the RCC decided to
// fold into a regional lot are admitted on the start date to the lots of
// the settings they run, at their inherited band fee less 3% (the RCC's
// scale), when their homes meet the criteria (market/admission.h).
void Generator::BuildFrameworks() {
  auto Lower = [](std::string_view s) {
    std::string out(s);
    if (!out.empty()) out[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(out[0])));
    return out;
  };
  static constexpr const char* kBandCode[] = {"STD", "ENH", "CPX", "SPC"};
  std::map<std::int64_t, std::vector<Home>> homes_of;  // by provider local id
  for (const Home& h : w_.homes) homes_of[h.provider.value()].push_back(h);
  const std::size_t inherited = w_.contracts.size();
  std::set<std::pair<std::int64_t, std::int64_t>> admitted;  // (framework, provider)
  for (std::size_t r = 0; r < w_.rccs.size(); ++r) {
    const Rcc& rcc = w_.rccs[r];
    Framework fw;
    fw.rcc = Local<Rcc>(r);
    fw.reference = rcc.code + "-FW-2025";
    fw.title = rcc.name + " children's homes and fostering framework";
    fw.start = Date(2025, 4, 1);
    fw.end = Date(2029, 3, 31);
    fw.reopenings = {Date(2026, 4, 1), Date(2027, 4, 1), Date(2028, 4, 1)};
    fw.uplift_cap_bp = 400;
    fw.status = ContractStatus::kInForce;
    for (Setting setting : {Setting::kChildrensHome, Setting::kFosteringHousehold})
      for (int b = 0; b < 4; ++b) {
        const bool home = setting == Setting::kChildrensHome;
        const auto band = static_cast<NeedBand>(b);
        fw.lots.push_back({std::string(home ? "CH-" : "FC-") + kBandCode[b],
                           std::string(home ? "Children's homes, " : "Foster care, ") +
                               Lower(EnumLabel(band)) + (home ? ", 8 to 17" : ", 0 to 17"),
                           setting, band, home ? 8 : 0, 17});
      }
    Framework dps;
    dps.rcc = fw.rcc;
    dps.route = ContractType::kDps;
    dps.reference = rcc.code + "-DPS-SA-2024";
    dps.title = rcc.name + " supported accommodation DPS";
    dps.start = Date(2024, 4, 1);
    dps.end = Date(2030, 3, 31);
    dps.uplift_cap_bp = 300;
    dps.status = ContractStatus::kInForce;
    for (int b = 0; b < 3; ++b) {
      const auto band = static_cast<NeedBand>(b);
      dps.lots.push_back({std::string("SA-") + kBandCode[b],
                          "Supported accommodation, " + Lower(EnumLabel(band)) + ", 16 to 17",
                          Setting::kSupportedAccommodation, band, 16, 17});
    }
    for (Framework* f : {&fw, &dps}) {
      w_.frameworks.push_back(*f);
      f->id = Local<Framework>(w_.frameworks.size() - 1);
      w_.frameworks.back().id = f->id;
    }
    for (std::size_t c = 0; c < inherited; ++c) {
      const Contract old = w_.contracts[c];
      if (old.rcc != fw.rcc || old.decision != RegisterDecision::kFoldIntoLot ||
          (old.type != ContractType::kFramework && old.type != ContractType::kDps))
        continue;
      const std::vector<Home>& homes = homes_of[old.provider.value()];
      const bool supported = std::any_of(homes.begin(), homes.end(), [](const Home& h) {
        return h.setting == Setting::kSupportedAccommodation;
      });
      const Framework& into = supported ? dps : fw;
      std::vector<market::LotFee> lots;
      for (const Lot& lot : into.lots) {
        auto fee = old.FeeFor(lot.band);
        const bool runs = std::any_of(homes.begin(), homes.end(), [&](const Home& h) {
          return market::MeetsCriteria(into.criteria, lot.setting, h);
        });
        if (fee && runs)
          lots.push_back({lot.code, Pence(static_cast<std::int64_t>(
                                        std::llround(static_cast<double>(fee->value()) * 0.97)))});
      }
      // A provider with several inherited contracts is admitted once.
      if (lots.empty() || !admitted.insert({into.id.value(), old.provider.value()}).second ||
          !market::CheckAdmission(into, old.provider, into.start, lots, {}, homes).ok())
        continue;
      w_.contracts.push_back(market::AdmissionContract(into, old.provider, into.start, lots));
      w_.contracts.back().id = Local<Contract>(w_.contracts.size() - 1);
    }
  }
}

// Joint funding of the placements in force with complex or specialist
// needs: about a third with a health (ICB) share of 25%, 33% or 50%
// (continuing care or joint packages), about a quarter with an education
// (high needs) share of 15-25%. An illustrative assumption, not a
// published rate (docs/market.md, "Invoicing joint funders"); its own
// random stream, so the rest of England does not move with it.
void Generator::SetJointFunding() {
  Rng rng(options_.seed * 0x9E3779B97F4A7C15ULL + 0x70147F00ULL);
  for (Placement& p : w_.placements) {
    if (!p.current() || (p.need_band != NeedBand::kComplex && p.need_band != NeedBand::kSpecialist))
      continue;
    const bool health = rng.Uniform() < 0.33, education = rng.Uniform() < 0.25;
    static constexpr int kHealth[] = {2'500, 3'300, 5'000};
    static constexpr int kEducation[] = {1'500, 2'000, 2'500};
    if (health) p.health_share_bp = kHealth[rng.Int(0, 2)];
    if (education) p.education_share_bp = kEducation[rng.Int(0, 2)];
  }
}

// Parent and child (an illustrative assumption, docs/synthetic-england.md):
// 6% of mainstream foster households approved for a parent with their baby,
// and 4% of the open referrals of girls aged 15 or over are of a young mother
// to be placed with her baby. Its own random stream, so nothing else moves.
// Groups' parent undertakings: four investment owners, each above two of
// the large children's home groups and one national fostering group (as
// owners of both kinds of provider are in England); the rest stand alone.
void Generator::OwnGroups() {
  Rng rng(options_.seed * 0x9E3779B97F4A7C15ULL + 0x6A0C9E11ULL);
  auto ends_with = [](const std::string& s, std::string_view tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
  };
  std::vector<std::size_t> homes_groups, fostering_groups;
  for (std::size_t g = 0; g < w_.groups.size(); ++g) {
    if (ends_with(w_.groups[g].name, " Group Holdings")) homes_groups.push_back(g);
    if (ends_with(w_.groups[g].name, " Fostering Group")) fostering_groups.push_back(g);
  }
  const std::size_t owners = 4;
  std::vector<ProviderGroupId> owner_ids;
  for (std::size_t o = 0; o < owners; ++o)
    owner_ids.push_back(AddGroup(TitleWord(rng, kCompanyA) + " Capital Partners LLP"));
  for (std::size_t i = 0; i < homes_groups.size() && i < 2 * owners; ++i)
    w_.groups[homes_groups[i]].parent = owner_ids[i % owners];
  for (std::size_t i = 0; i < fostering_groups.size() && i < owners; ++i)
    w_.groups[fostering_groups[i]].parent = owner_ids[i];
  // Cost of capital: 8% of revenue, give or take (docs/oversight.md).
  for (ProviderGroup& g : w_.groups)
    g.cost_of_capital_bp = static_cast<int>(std::lround(rng.Uniform(600, 1000)));
}

// The date of each inspected home's last inspection: within three years of
// the snapshot day (Ofsted inspects children's homes at least yearly; a
// fostering household carries its agency's, one date per agency).
void Generator::SetInspections() {
  Rng rng(options_.seed * 0x9E3779B97F4A7C15ULL + 0x1B5E7C0DULL);
  std::map<std::int64_t, Date> agency;
  for (Home& h : w_.homes) {
    if (h.ofsted_rating == OfstedRating::kNotYetInspected) continue;
    const bool yearly =
        h.setting == Setting::kChildrensHome || h.setting == Setting::kSecureChildrensHome;
    Date d = options_.as_at.AddDays(-rng.Int(20, yearly ? 400 : 3 * 365));
    if (h.setting == Setting::kFosteringHousehold)
      d = agency.emplace(h.provider.value(), d).first->second;
    h.last_inspected = d;
  }
}

// Each operating group's financial return for the year to the snapshot day
// (docs/oversight.md, "Synthetic returns"): revenue is its current
// placements' weekly fees x 52; the operating margin is drawn around the
// CMA's (22.6% for children's home groups, 19% for fostering agency
// groups; a few groups make a loss) and the draws shifted so that the
// revenue-weighted margin of each kind equals the CMA's; costs split by
// kind; debt a multiple of operating profit (higher under an investment
// owner), part of it owed to connected parties; interest at 8% a year to
// lenders and 10% to connected parties; cash some months of costs.
void Generator::BuildFinancialReturns() {
  Rng rng(options_.seed * 0x9E3779B97F4A7C15ULL + 0x3F1A2B44ULL);
  const std::size_t n = w_.groups.size();
  std::vector<double> revenue(n, 0);
  std::vector<std::array<int, 2>> kind(n, {0, 0});
  std::vector<std::int64_t> fee_by_home(w_.homes.size(), 0);
  for (const Placement& p : w_.placements)
    if (p.current() && p.home) fee_by_home[Index(*p.home)] += p.weekly_fee.value();
  for (std::size_t h = 0; h < w_.homes.size(); ++h) {
    const Provider& owner = w_.providers[Index(w_.homes[h].provider)];
    if (!owner.group) continue;
    std::size_t g = Index(*owner.group);
    revenue[g] += static_cast<double>(fee_by_home[h]) * 52;
    if (w_.homes[h].setting == Setting::kFosteringHousehold)
      ++kind[g][1];
    else
      ++kind[g][0];
  }
  struct Draw {
    std::size_t group;
    int kind;
    double margin;
  };
  std::vector<Draw> draws;
  double weighted[2] = {0, 0}, total[2] = {0, 0};
  for (std::size_t g = 0; g < n; ++g) {
    if (revenue[g] <= 0) continue;
    int k = kind[g][1] > kind[g][0] ? 1 : 0;
    double target = k == 0 ? Published("margin_ch").value : Published("margin_ifa").value;
    double m = rng.Chance(0.08) ? rng.Uniform(-0.12, 0.02) : target + 0.06 * rng.Normal();
    draws.push_back({g, k, m});
    weighted[k] += m * revenue[g];
    total[k] += revenue[g];
  }
  // One group under an investment owner is in distress (a loss of about a
  // tenth of its revenue), so the regime's top stage has a case to show.
  const Draw* smallest = nullptr;
  for (const Draw& d : draws)
    if (w_.groups[d.group].parent && (!smallest || revenue[d.group] < revenue[smallest->group]))
      smallest = &d;
  if (smallest) {
    Draw& d = draws[static_cast<std::size_t>(smallest - draws.data())];
    weighted[d.kind] += (-0.12 - d.margin) * revenue[d.group];
    d.margin = -0.12;
  }
  double shift[2];
  for (int k = 0; k < 2; ++k)
    shift[k] = total[k] > 0
                   ? (k == 0 ? Published("margin_ch").value : Published("margin_ifa").value) -
                         weighted[k] / total[k]
                   : 0;
  auto pence = [](double x) { return Pence(std::llround(x)); };
  for (const Draw& d : draws) {
    const ProviderGroup& group = w_.groups[d.group];
    const bool invested = group.parent.has_value();
    FinancialReturn r;
    r.group = Local<ProviderGroup>(d.group);
    r.year = static_cast<int>(options_.as_at.ymd().year());
    r.revenue = pence(revenue[d.group]);
    const double margin = std::clamp(d.margin + shift[d.kind], -0.5, 0.6);
    r.operating_profit = pence(margin * revenue[d.group]);
    const std::int64_t costs = r.revenue.value() - r.operating_profit.value();
    const double c = static_cast<double>(costs);
    const double related_rent = invested ? rng.Uniform(0.03, 0.07) : rng.Uniform(0, 0.02);
    r.staff_costs = pence(c * rng.Uniform(0.58, 0.68));
    r.property_costs = pence(c * rng.Uniform(0.04, 0.08));
    r.related_party_rent = pence(c * related_rent);
    r.management_charges = pence(c * (invested ? rng.Uniform(0.02, 0.05) : rng.Uniform(0, 0.02)));
    r.other_costs = Pence(costs - r.staff_costs.value() - r.property_costs.value() -
                          r.related_party_rent.value() - r.management_charges.value());
    r.market_rent =
        pence(static_cast<double>(r.related_party_rent.value()) * rng.Uniform(0.6, 1.0));
    const double profit = std::max(0.0, static_cast<double>(r.operating_profit.value()));
    const double leverage = invested ? rng.LogNormalMean(5.0, 0.35) : rng.LogNormalMean(1.5, 0.6);
    const double debt = std::max(profit, 0.05 * static_cast<double>(r.revenue.value())) * leverage;
    r.debt = pence(debt);
    r.connected_debt = pence(debt * (invested ? rng.Uniform(0.3, 0.6) : rng.Uniform(0, 0.2)));
    const double lenders = static_cast<double>(r.debt.value() - r.connected_debt.value());
    r.connected_interest = pence(static_cast<double>(r.connected_debt.value()) * 0.10);
    r.interest = Pence(pence(lenders * 0.08).value() + r.connected_interest.value());
    r.cash = pence(c / 12 * rng.LogNormalMean(2.5, 0.6));
    r.capital_employed =
        Pence(r.debt.value() + pence(static_cast<double>(r.revenue.value()) * 0.3).value());
    if (group.parent) r.parent_company_number = w_.groups[Index(*group.parent)].company_number;
    r.submitted = options_.as_at.AddDays(rng.Int(60, 120));
    w_.financial_returns.push_back(r);
  }
}

void Generator::SetParentAndChild() {
  Rng rng(options_.seed * 0x9E3779B97F4A7C15ULL + 0x9A4E47C0ULL);
  for (Home& h : w_.homes)
    if (h.setting == Setting::kFosteringHousehold && !h.connected_person && rng.Chance(0.06))
      h.parent_and_child = true;
  for (Referral& r : w_.referrals) {
    const Child& c = w_.children[Index(r.child)];
    if (c.sex == Sex::kFemale && AgeInYears(c.date_of_birth, r.latest_start_date) >= 15 &&
        rng.Chance(0.04))
      r.parent_and_child = true;
  }
}

// Each RCC's pooled budget for 2024-25: its councils' placement spend at
// the year's end (weekly fees of the placements in force x 52) less 12%, as
// councils' budgets fell short of spend by about that (LGA 2023: £4.1bn
// budgeted, £4.7bn spent), divided by children in care
// (market::Contributions).
void Generator::SetBudgets() {
  for (std::size_t r = 0; r < w_.rccs.size(); ++r) {
    const Rcc& rcc = w_.rccs[r];
    std::map<std::int64_t, std::int64_t> children, weekly;  // by council local id
    for (const Placement& p : w_.placements)
      if (p.current()) {
        ++children[p.council.value()];
        weekly[p.council.value()] += p.weekly_fee.value();
      }
    double spend = 0;
    std::vector<std::int64_t> weights;
    for (CouncilId c : rcc.member_councils) {
      spend += static_cast<double>(weekly[c.value()]) * 52;
      weights.push_back(children[c.value()]);
    }
    auto lines = market::Contributions(Pence(std::llround(spend * 0.88)),
                                       market::ContributionRule::kChildrenInCare, weights);
    if (!lines.ok()) continue;
    for (std::size_t i = 0; i < rcc.member_councils.size(); ++i)
      w_.budget_lines.push_back({.rcc = Local<Rcc>(r),
                                 .council = rcc.member_councils[i],
                                 .year = 2024,
                                 .basis = ContributionBasis::kChildrenInCare,
                                 .weight = weights[i],
                                 .amount = (*lines)[i]});
  }
}

// Two years of foster-carer recruitment for each council's own fostering
// service, to 31 March 2025: about 5 approvals a year a council (1,815
// approvals in England in 2023-24, 45% by councils: Ofsted), from enquiries
// converting 10% to applications, 60% of those to assessment and 60% of
// those to approval; about 45 days from enquiry to application, 30 to
// assessment and 180 to approval; an approved household resigns at 11% a
// year (4,820 of 42,615 left in 2023-24). Each council from its own stream.
void Generator::BuildRecruitment() {
  const Date from(2023, 4, 1), to(2025, 3, 31);
  const int span = static_cast<int>(to.days_since_epoch() - from.days_since_epoch());
  for (const Provider& p : w_.providers) {
    if (p.ownership != Ownership::kCouncil || !p.council) continue;
    const std::size_t index = static_cast<std::size_t>(&p - w_.providers.data());
    Rng rng(options_.seed * 0x94D049BB133111EBULL + 0xF057E500ULL + index);
    const int enquiries = rng.Int(230, 360);
    for (int e = 0; e < enquiries; ++e) {
      CarerApplication a{.provider = Local<Provider>(index),
                         .council = *p.council,
                         .enquiry = from.AddDays(rng.Int(0, span))};
      auto next = [&](std::optional<Date> before, double chance, double mean_days,
                      std::optional<Date>& into) {
        if (!before || !rng.Chance(chance)) return;
        Date d = before->AddDays(std::llround(rng.LogNormalMean(mean_days, 0.4)));
        if (d <= to) into = d;
      };
      next(a.enquiry, 0.10, 45, a.application);
      next(a.application, 0.60, 30, a.assessment);
      // 0.60 x 0.36: 21.6% of applications approved, as Ofsted's 1,815 of
      // 8,485 in 2023-24 (synth/published.cc, "foster_approval").
      next(a.assessment, 0.36, 180, a.approval);
      if (a.approval) {
        const double years =
            static_cast<double>(to.days_since_epoch() - a.approval->days_since_epoch()) / 365.0;
        if (rng.Chance(0.11 * years))
          a.resignation = a.approval->AddDays(
              rng.Int(0, static_cast<int>(to.days_since_epoch() - a.approval->days_since_epoch())));
      }
      w_.carer_applications.push_back(a);
    }
  }
}

// What a council-run home declares it costs to run for a year: its
// fair-price estimate without a margin, at its own occupancy, varied by
// 15% (lognormal) from its own stream; split into staff, property, other
// and overhead as the estimate's lines are.
void Generator::DeclareRunningCosts() {
  for (std::size_t h = 0; h < w_.homes.size(); ++h) {
    Home& home = w_.homes[h];
    const Provider& owner = w_.providers[Index(home.provider)];
    if (owner.ownership != Ownership::kCouncil || home.connected_person) continue;
    Rng costs(options_.seed * 0xC2B2AE3D27D4EB4FULL + 0x0C057000ULL + h);
    market::FairPriceInput in{.setting = home.setting,
                              .registered_places = home.registered_places,
                              .age = (home.min_age + home.max_age) / 2};
    market::FairPriceAssumptions a;
    a.margin = 0;  // a council runs at cost
    auto price = market::EstimateFairPrice(in, a);
    if (!price.ok()) continue;
    const double year = 52.0 * home.registered_places * a.occupancy * costs.LogNormalMean(1, 0.15);
    RunningCosts rc;
    for (const auto& line : price->lines) {
      Pence annual(std::llround(static_cast<double>(line.weekly.value()) * year));
      Pence& into = line.item == "property"   ? rc.property
                    : line.item == "overhead" ? rc.overhead
                    : line.item == "staff" || line.item == "supervision" || line.item == "carer fee"
                        ? rc.staff
                        : rc.other;
      into = Pence(into.value() + annual.value());
    }
    home.running_costs = rc;
  }
}

void Generator::FinishRecords() {
  Rng rng = rng_.Fork(91);
  // Homes: one provider's homes in one council take distinct sectors (of
  // 99 districts x sectors 1-4, in a shuffled order), so that a move between
  // two of an agency's foster households shows in the return, whose URN for
  // both is the agency's.
  std::map<std::pair<std::int64_t, int>, int> used;  // (provider, council) -> homes so far
  std::vector<int> order(99 * 4);
  std::iota(order.begin(), order.end(), 0);
  rng.Shuffle(order);
  for (std::size_t h = 0; h < w_.homes.size(); ++h) {
    int council = home_council_[h];
    const CouncilRecord& home_rec = *councils_[static_cast<std::size_t>(council)].rec;
    int n = used[{static_cast<std::int64_t>(Index(w_.homes[h].provider)), council}]++;
    int slot = order[static_cast<std::size_t>(n) % order.size()];
    w_.homes[h].postcode = SectorLabel(home_rec, 1 + slot / 4, 1 + slot % 4);
  }
  std::map<int, int> next_pupil;  // per council
  const Date as_at = options_.as_at;
  std::size_t k = 0;
  for (std::size_t i = 0; i < w_.children.size(); ++i) {
    Child& child = w_.children[i];
    const CouncilRecord& rec = *councils_[static_cast<std::size_t>(child_council_[i])].rec;
    child.home_postcode = SectorLabel(rec, rng, 5, 9);
    // School age: 4 by the 31 August before the latest return's year.
    Date school_cut(as_at.year() - (as_at.month() >= 4 ? 1 : 2), 8, 31);
    if (child.uasc) {
      child.upn = "UN2";
    } else if (AddYears(child.date_of_birth, 4) > school_cut) {
      child.upn = "UN1";
    } else {
      // LA code, establishment, year of entry, serial: 12 digits, unique
      // per council.
      unsigned n = static_cast<unsigned>(next_pupil[child_council_[i]]++);
      auto la = static_cast<unsigned>(std::atoi(rec.dfe_la_code.c_str())) % 1000;
      auto entry = static_cast<unsigned>(child.date_of_birth.year() + 5) % 100;
      char digits[32];
      std::snprintf(digits, sizeof digits, "%03u%04u%02u%03u", la, (2000 + n / 1000) % 10000, entry,
                    n % 1000);
      child.upn = std::string(1, UpnCheckLetter(digits)) + digits;
    }
    // The child's placements, in order (BuildHistories made them so).
    std::size_t first = k;
    while (k < w_.placements.size() && Index(w_.placements[k].child) == i) ++k;
    if (first == k) continue;
    bool with_parents = false;
    for (std::size_t j = first; j < k; ++j) with_parents |= w_.placements[j].place_code == "P1";
    std::string base =
        child.uasc ? "V2" : DrawCode({{"C2", 0.61}, {"C1", 0.16}, {"V2", 0.23}}, rng);
    if (base == "V2" && with_parents) base = "C2";
    std::string status = base;
    for (std::size_t j = first; j < k; ++j) {
      Placement& p = w_.placements[j];
      if (status == "C1" && j > first && p.start.DaysSince(child.care_started) >= 90) status = "C2";
      bool adoption = p.place_code.size() == 2 && p.place_code[0] == 'A';
      p.legal_status = adoption ? "E1" : status;
      if (p.place_code == "P1")
        p.postcode = child.home_postcode;
      else if (!p.home)
        p.postcode = SectorLabel(rec, rng, 1, 4);
    }
    // A special guardianship order to former foster carers ends a
    // fostering placement; after any other it is made to other carers.
    const Placement& last = w_.placements[k - 1];
    bool fostered = last.place_code.size() == 2 && last.place_code[0] == 'U';
    if (!fostered && child.reason_ceased == "E45") child.reason_ceased = "E47";
    if (!fostered && child.reason_ceased == "E46") child.reason_ceased = "E48";
    if (last.end && !last.reason_ceased.empty())
      w_.placements[k - 1].reason_ceased = child.reason_ceased;
  }
}

void Generator::BuildVacancies() {
  Rng rng = rng_.Fork(61);
  // Mainstream foster: 16% of approved places are vacant (the rest of the
  // free places are unavailable: carers on hold, rooms in use).
  std::vector<int> free_foster_slots;
  int foster_places = 0;
  for (std::size_t h = 0; h < w_.homes.size(); ++h) {
    int kind = w_.home_kind[h];
    int free = std::max(0, w_.homes[h].registered_places - w_.home_info[h].occupied);
    if (w_.homes[h].solo_only && w_.home_info[h].occupied > 0) free = 0;
    if (kind == kFosterLa || kind == kFosterIfa) {
      foster_places += w_.homes[h].registered_places;
      for (int k = 0; k < free; ++k) free_foster_slots.push_back(static_cast<int>(h));
      continue;
    }
    double available = kind == kChildrensHome ? 0.8
                       : kind == kSupported   ? 0.7
                       : kind == kSecure      ? 0.15
                                              : 0.0;
    for (int k = 0; k < free; ++k)
      if (rng.Chance(available)) free_foster_slots.push_back(-1 - static_cast<int>(h));
  }
  std::vector<int> foster, other;
  for (int s : free_foster_slots) (s >= 0 ? foster : other).push_back(s);
  rng.Shuffle(foster);
  foster.resize(std::min<std::size_t>(
      foster.size(),
      static_cast<std::size_t>(std::round(foster_places * Published("foster_vacant").value))));
  std::vector<int> homes;
  for (int s : foster) homes.push_back(s);
  for (int s : other) homes.push_back(-1 - s);
  std::sort(homes.begin(), homes.end());
  for (int h : homes)
    w_.vacancies.push_back({.home = Local<Home>(static_cast<std::size_t>(h)),
                            .available_from = options_.as_at.AddDays(rng.Int(0, 28)),
                            .status = VacancyStatus::kOpen});
}

void Generator::BuildReferrals() {
  Rng rng = rng_.Fork(71);
  // About 3% of children in care have an open search for a new home (our
  // assumption: some 100,000 searches a year, open for 1-3 weeks).
  // What children say, and the wish each chooses from the list with their
  // social worker (or an item in their own terms).
  struct View {
    const char* words;
    std::optional<ChildWish> wish;
    const char* own = nullptr;
  };
  const std::vector<View> views = {
      {"I want to stay at my school.", ChildWish::kSameSchool},
      {"I want to live near my mum.", ChildWish::kNearFamily},
      {"I want to keep seeing my brother every week.", ChildWish::kNearFamily},
      {"I'd like a home with a dog.", ChildWish::kPets},
      {"I don't want to share a room.", ChildWish::kQuietHome},
      {"I want somewhere quiet.", ChildWish::kQuietHome},
      {"I want to keep playing for my football team.", std::nullopt,
       "Keep playing for my football team"},
      {"I want carers who speak my language.", std::nullopt, "Carers who speak my language"},
      {"I'd like to live with my sister.", ChildWish::kWithSiblings},
      {"I don't want to move far away from my friends.", std::nullopt, "Stay near my friends"}};
  const Date as_at = options_.as_at;
  for (int i = 0; i < current_children_; ++i) {
    if (!rng.Chance(0.03)) continue;
    auto si = static_cast<std::size_t>(i);
    const Child& child = w_.children[si];
    int age = AgeInYears(child.date_of_birth, as_at);
    if (age < 1 || age > 17) continue;
    const CouncilRecord& rec = *councils_[static_cast<std::size_t>(child_council_[si])].rec;
    auto band = static_cast<NeedBand>(child_kind_band_[si][1]);
    Referral r;
    r.child = Local<Child>(si);
    r.council = child.council;
    r.status = rng.Chance(0.6) ? ReferralStatus::kOpen : ReferralStatus::kSentToProviders;
    r.referral_date = as_at.AddDays(-rng.Int(0, 20));
    r.created_at =
        Timestamp(r.referral_date.sys_days()) + std::chrono::minutes(rng.Int(8 * 60, 17 * 60));
    double u = rng.Uniform();
    r.needed_by = u < 0.15  ? NeededBy::kToday
                  : u < 0.4 ? NeededBy::kWithin5Days
                            : NeededBy::kAfter5Days;
    r.planned_or_emergency =
        r.needed_by == NeededBy::kToday ? SearchKind::kEmergency : SearchKind::kPlanned;
    r.latest_start_date =
        r.referral_date.AddDays(r.needed_by == NeededBy::kToday         ? 0
                                : r.needed_by == NeededBy::kWithin5Days ? 4
                                                                        : rng.Int(14, 42));
    r.sibling_count = rng.Chance(0.85) || age > 15 ? 0 : rng.Chance(0.7) ? 1 : 2;
    r.preferred_location = rng.Chance(0.5) ? "Within " + rec.name : "";
    // Needs, risks and settings follow age and need band.
    if (child.uasc && rng.Chance(0.6))
      r.specific_communication_requirements = {CommunicationRequirement::kEsol};
    else if (rng.Chance(0.03))
      r.specific_communication_requirements = {CommunicationRequirement::kMakaton};
    else if (rng.Chance(0.01))
      r.specific_communication_requirements = {CommunicationRequirement::kBsl};
    r.communication_needs =
        r.specific_communication_requirements.Has(CommunicationRequirement::kNone)
            ? (rng.Chance(0.5) ? YesNoNotSpecified::kNo : YesNoNotSpecified::kNotSpecified)
            : YesNoNotSpecified::kYes;
    r.home_adaptation = rng.Chance(0.02);
    r.cultural_needs = rng.Chance(0.25)  ? CulturalNeeds::kRequired
                       : rng.Chance(0.5) ? CulturalNeeds::kNotRequired
                                         : CulturalNeeds::kNotKnown;
    bool complex = band >= NeedBand::kComplex;
    u = rng.Uniform();
    r.living_companions = r.sibling_count == 0 && complex && u < 0.3 ? LivingCompanions::kSolo
                          : u < 0.4  ? LivingCompanions::kWithOtherChildren
                          : u < 0.45 ? LivingCompanions::kOnlyYounger
                          : u < 0.5  ? LivingCompanions::kOnlyOlder
                                     : LivingCompanions::kNoPreference;
    u = rng.Uniform();
    r.pets = u < 0.02   ? Pets::kMust
             : u < 0.55 ? Pets::kCan
             : u < 0.65 ? Pets::kNo
                        : Pets::kNotKnown;
    u = rng.Uniform();
    r.additional_support = u < 0.2    ? std::optional(AdditionalSupport::kTherapeuticSupport)
                           : u < 0.3  ? std::optional(AdditionalSupport::kAdditionalSupervision)
                           : u < 0.42 ? std::optional(AdditionalSupport::kTaxisToSchool)
                           : u < 0.7  ? std::optional(AdditionalSupport::kNotApplicable)
                                      : std::nullopt;
    if (age >= 10) {
      const std::pair<Risk, double> risks[] = {{Risk::kMissing, 0.3},
                                               {Risk::kSexualExploitation, 0.15},
                                               {Risk::kCriminalExploitation, 0.15},
                                               {Risk::kSelfHarm, 0.2},
                                               {Risk::kDrugAlcohol, 0.15},
                                               {Risk::kEatingDisorder, 0.05},
                                               {Risk::kToOthersPhysical, 0.15},
                                               {Risk::kToOthersFire, 0.02},
                                               {Risk::kToOthersCriminal, 0.05}};
      for (auto [risk, p] : risks)
        if (rng.Chance(complex ? p * 2 : p)) r.risks.Add(risk);
      r.deprivation_of_liberty = complex && rng.Chance(0.05);
    }
    int kind = child_kind_band_[si][0];
    bool residential = kind == kChildrensHome || kind == kSecure;
    r.foster_care_suitability = residential && complex && age >= 10 ? Suitability::kUnsuitable
                                : residential                       ? Suitability::kSuitable
                                                                    : Suitability::kPreferred;
    r.residential_care_suitability = residential ? Suitability::kPreferred
                                     : age < 10  ? Suitability::kUnsuitable
                                                 : Suitability::kSuitable;
    r.supported_accommodation_suitability =
        age >= 16 ? Suitability::kSuitable : Suitability::kUnsuitable;
    if (r.deprivation_of_liberty.value_or(false))
      r.foster_care_suitability = Suitability::kUnsuitable;
    r.minimum_adult_support_ratio = band == NeedBand::kSpecialist ? SupportRatio::kTwoToOne
                                    : band == NeedBand::kComplex  ? SupportRatio::kOneToOne
                                                                  : SupportRatio::kStandard;
    r.referral_officer_name = "Social worker " + std::to_string(rng.Int(1, 400));
    r.primary_family_location = NamedLocation{SectorLabel(rec, rng), child.family_location};
    r.close_to_family_recommended = rng.Chance(0.7);
    r.in_school = age >= 5 && age <= 16 ? InSchool::kYes : InSchool::kNotApplicable;
    if (r.in_school == InSchool::kYes && child.school_location) {
      r.school_location = NamedLocation{SectorLabel(rec, rng), *child.school_location};
      r.must_continue_school = rng.Chance(0.4);
    }
    if (rng.Chance(0.2)) {
      r.other_important_locations.push_back(
          {SectorLabel(rec, rng),
           Offset(child.family_location, rng.Normal() * 5, rng.Normal() * 5)});
      r.other_location_visit_frequency =
          rng.Chance(0.6) ? VisitFrequency::kWeekly : VisitFrequency::kEveryTwoWeeks;
    }
    if (rng.Chance(0.1)) {
      r.locations_to_avoid_known = YesNoNotSpecified::kYes;
      r.locations_to_avoid.push_back(
          {SectorLabel(rec, rng),
           Offset(child.family_location, rng.Normal() * 4, rng.Normal() * 4)});
    } else {
      r.locations_to_avoid_known =
          rng.Chance(0.7) ? YesNoNotSpecified::kNo : YesNoNotSpecified::kNotSpecified;
    }
    const View& first = views[rng.Index(views.size())];
    const View& second = views[rng.Index(views.size())];
    r.child_views = std::string(first.words) + " " + second.words;
    for (const View* v : {&first, &second}) {
      if (v->wish) r.child_wishes.Add(*v->wish);
      if (v->own && (r.child_own_wishes.empty() || r.child_own_wishes[0] != v->own))
        r.child_own_wishes.emplace_back(v->own);
    }
    // What providers read in place of the child's words: written for them.
    r.provider_summary = "Aged " + std::to_string(age) + ". In their own words: " + r.child_views;
    w_.referrals.push_back(std::move(r));
  }
}

void Generator::FinishHomes() {
  Rng rng = rng_.Fork(81);
  for (std::size_t h = 0; h < w_.homes.size(); ++h) {
    Home& home = w_.homes[h];
    if (home.connected_person) continue;
    int kind = w_.home_kind[h];
    int most = kind == kFosterLa || kind == kFosterIfa ? 3 : kind == kChildrensHome ? 1 : 0;
    home.max_siblings = std::min(home.registered_places - 1, rng.Int(0, most));
    if (home.registered_places > 1) home.solo_only = false;
  }
  Rng allowances = rng_.Fork(82);
  // Allowances sit a little under the published mean, which includes the
  // uplifts for higher need bands.
  for (auto& c : councils_)
    c.la_allowance =
        allowances.LogNormalMean(Published("fee_la_foster").value * 0.962, 0.12) * c.fee_factor;
}

Result<World> Generator::Build() {
  CC_RETURN_IF_ERROR(SelectCouncils());
  for (auto& pool : pools_) pool.assign(councils_.size(), {});
  BuildGeography();
  BuildProviders();
  BuildChildrensHomes();
  BuildSecureHomes();
  BuildFosterHouseholds();
  BuildSupportedAccommodation();
  OwnGroups();
  FinishHomes();
  SetInspections();
  BuildChildren();
  BuildCeasedChildren();
  BuildHistories();
  PlaceCurrentChildren();
  FinishPlacements();
  TargetFees();
  SetContractTerms();
  BuildFrameworks();
  SetJointFunding();
  DeclareRunningCosts();
  SetBudgets();
  BuildRecruitment();
  FinishRecords();
  BuildVacancies();
  BuildReferrals();
  SetParentAndChild();
  BuildFinancialReturns();
  return std::move(w_);
}

class Progress {
 public:
  Progress(const GenerateOptions& options, std::int64_t total) : options_(options), total_(total) {}
  void Tick() {
    ++done_;
    if (options_.progress && (done_ % 4096 == 0 || done_ == total_))
      options_.progress("writing", done_, total_);
  }

 private:
  const GenerateOptions& options_;
  std::int64_t total_;
  std::int64_t done_ = 0;
};

template <class T>
std::vector<Id<T>> CreateAll(store::Tx& tx, std::vector<T>& values, Progress& progress,
                             Status& status, const std::function<void(T&)>& map_refs = nullptr) {
  std::vector<Id<T>> ids;
  ids.reserve(values.size());
  for (T& v : values) {
    if (!status.ok()) break;
    if (map_refs) map_refs(v);
    auto id = tx.Create(v);
    if (!id.ok()) {
      status = id.status().WithFieldPrefix(std::string(store::Mapping<T>::kTable) + "[" +
                                           std::to_string(ids.size()) + "]");
      break;
    }
    ids.push_back(*id);
    progress.Tick();
  }
  return ids;
}

Status WriteWorld(store::Store& store, World& w, const GenerateOptions& options) {
  std::int64_t total = static_cast<std::int64_t>(
      w.regions.size() + w.councils.size() + w.rccs.size() + w.providers.size() + w.homes.size() +
      w.vacancies.size() + w.children.size() + w.frameworks.size() + w.contracts.size() +
      w.placements.size() + w.referrals.size() + w.budget_lines.size() +
      w.carer_applications.size());
  Progress progress(options, total);
  return store.Write([&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(std::int64_t existing, tx.Count<Region>());
    CC_ASSIGN_OR_RETURN(std::int64_t existing_councils, tx.Count<Council>());
    if (existing + existing_councils > 0)
      return InvalidArgument("store", "already holds data; generate into a new, empty store");
    Status status;
    auto regions = CreateAll(tx, w.regions, progress, status);
    auto councils = CreateAll<Council>(tx, w.councils, progress, status,
                                       [&](Council& c) { c.region = regions[Index(c.region)]; });
    auto rccs = CreateAll<Rcc>(tx, w.rccs, progress, status, [&](Rcc& r) {
      r.region = regions[Index(r.region)];
      for (auto& m : r.member_councils) m = councils[Index(m)];
    });
    // Only providers that run a home or hold a contract are written.
    std::vector<bool> used(w.providers.size(), false);
    for (const auto& h : w.homes) used[Index(h.provider)] = true;
    for (const auto& c : w.contracts) used[Index(c.provider)] = true;
    for (const auto& p : w.providers)
      if (p.ownership == Ownership::kCouncil)
        used[static_cast<std::size_t>(&p - w.providers.data())] = true;
    // Groups above a provider written, and their parents, ultimate owners first.
    std::vector<bool> group_used(w.groups.size(), false);
    for (std::size_t i = 0; i < w.providers.size(); ++i)
      for (auto g = used[i] ? w.providers[i].group : std::nullopt; g;
           g = w.groups[Index(*g)].parent)
        group_used[Index(*g)] = true;
    std::vector<ProviderGroupId> groups(w.groups.size());
    auto depth = [&](std::size_t g) {
      int d = 0;
      for (auto p = w.groups[g].parent; p; p = w.groups[Index(*p)].parent) ++d;
      return d;
    };
    for (int level = 0; level < 8 && status.ok(); ++level)
      for (std::size_t g = 0; g < w.groups.size() && status.ok(); ++g) {
        if (!group_used[g] || depth(g) != level) continue;
        ProviderGroup group = w.groups[g];
        if (group.parent) group.parent = groups[Index(*group.parent)];
        auto id = tx.Create(group);
        if (!id.ok())
          status = id.status().WithFieldPrefix("group");
        else
          groups[g] = *id;
      }
    std::vector<ProviderId> providers(w.providers.size());
    for (std::size_t i = 0; i < w.providers.size() && status.ok(); ++i) {
      progress.Tick();
      if (!used[i]) continue;
      Provider p = w.providers[i];
      if (p.council) p.council = councils[Index(*p.council)];
      if (p.group) p.group = groups[Index(*p.group)];
      auto id = tx.Create(p);
      if (!id.ok())
        status = id.status().WithFieldPrefix("provider");
      else
        providers[i] = *id;
    }
    auto homes = CreateAll<Home>(tx, w.homes, progress, status, [&](Home& h) {
      h.provider = providers[Index(h.provider)];
      h.council = councils[Index(h.council)];
    });
    CreateAll<Vacancy>(tx, w.vacancies, progress, status,
                       [&](Vacancy& v) { v.home = homes[Index(v.home)]; });
    auto children = CreateAll<Child>(tx, w.children, progress, status,
                                     [&](Child& c) { c.council = councils[Index(c.council)]; });
    auto frameworks = CreateAll<Framework>(tx, w.frameworks, progress, status,
                                           [&](Framework& f) { f.rcc = rccs[Index(f.rcc)]; });
    auto contracts = CreateAll<Contract>(tx, w.contracts, progress, status, [&](Contract& c) {
      c.provider = providers[Index(c.provider)];
      c.rcc = rccs[Index(c.rcc)];
      if (c.framework) c.framework = frameworks[Index(*c.framework)];
      if (c.inherited_from) c.inherited_from = councils[Index(*c.inherited_from)];
      for (HomeId& h : c.block_homes) h = homes[Index(h)];
    });
    CreateAll<Placement>(tx, w.placements, progress, status, [&](Placement& p) {
      p.child = children[Index(p.child)];
      p.council = councils[Index(p.council)];
      if (p.home) p.home = homes[Index(*p.home)];
      if (p.contract) p.contract = contracts[Index(*p.contract)];
    });
    CreateAll<Referral>(tx, w.referrals, progress, status, [&](Referral& r) {
      r.child = children[Index(r.child)];
      r.council = councils[Index(r.council)];
    });
    CreateAll<BudgetLine>(tx, w.budget_lines, progress, status, [&](BudgetLine& l) {
      l.rcc = rccs[Index(l.rcc)];
      l.council = councils[Index(l.council)];
    });
    CreateAll<CarerApplication>(tx, w.carer_applications, progress, status,
                                [&](CarerApplication& a) {
                                  a.provider = providers[Index(a.provider)];
                                  a.council = councils[Index(a.council)];
                                });
    for (FinancialReturn r : w.financial_returns) {
      if (!status.ok()) break;
      if (!group_used[Index(r.group)]) continue;
      r.group = groups[Index(r.group)];
      auto id = tx.Create(r);
      if (!id.ok()) status = id.status().WithFieldPrefix("financialReturn");
    }
    return status;
  });
}

}  // namespace

Result<England> BuildEngland(const GenerateOptions& options) {
  Generator generator(options);
  CC_ASSIGN_OR_RETURN(World world, generator.Build());
  England england(std::move(world));
  auto number = [](auto& records) {
    for (std::size_t i = 0; i < records.size(); ++i)
      records[i].id = decltype(records[i].id)(static_cast<std::int64_t>(i) + 1);
  };
  number(england.regions);
  number(england.councils);
  number(england.rccs);
  number(england.groups);
  number(england.providers);
  number(england.financial_returns);
  number(england.homes);
  number(england.vacancies);
  number(england.children);
  number(england.contracts);
  number(england.placements);
  number(england.referrals);
  return england;
}

Result<GenerateSummary> Generate(store::Store& store, const GenerateOptions& options) {
  if (options.progress) options.progress("building", 0, 1);
  Generator generator(options);
  CC_ASSIGN_OR_RETURN(World world, generator.Build());
  if (options.progress) options.progress("building", 1, 1);
  GenerateSummary s;
  s.regions = static_cast<int>(world.regions.size());
  s.councils = static_cast<int>(world.councils.size());
  s.rccs = static_cast<int>(world.rccs.size());
  std::set<std::int64_t> providers;
  for (const auto& h : world.homes) {
    providers.insert(h.provider.value());
    s.places += h.registered_places;
  }
  s.providers = static_cast<int>(providers.size());
  s.homes = static_cast<int>(world.homes.size());
  s.vacancies = static_cast<int>(world.vacancies.size());
  s.children = static_cast<int>(world.children.size());
  for (const auto& c : world.children) s.children_in_care += !c.care_ended.has_value();
  s.placements = static_cast<int>(world.placements.size());
  s.contracts = static_cast<int>(world.contracts.size());
  s.open_referrals = static_cast<int>(world.referrals.size());
  CC_RETURN_IF_ERROR(WriteWorld(store, world, options));
  return s;
}

Result<England> ReadEngland(store::Store& store) {
  England e;
  CC_RETURN_IF_ERROR(store.Read([&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(e.regions, tx.List<Region>());
    CC_ASSIGN_OR_RETURN(e.councils, tx.List<Council>());
    CC_ASSIGN_OR_RETURN(e.rccs, tx.List<Rcc>());
    CC_ASSIGN_OR_RETURN(e.groups, tx.List<ProviderGroup>());
    CC_ASSIGN_OR_RETURN(e.providers, tx.List<Provider>());
    CC_ASSIGN_OR_RETURN(e.homes, tx.List<Home>());
    CC_ASSIGN_OR_RETURN(e.vacancies, tx.List<Vacancy>());
    CC_ASSIGN_OR_RETURN(e.children, tx.List<Child>());
    CC_ASSIGN_OR_RETURN(e.frameworks, tx.List<Framework>());
    CC_ASSIGN_OR_RETURN(e.contracts, tx.List<Contract>());
    CC_ASSIGN_OR_RETURN(e.placements, tx.List<Placement>());
    CC_ASSIGN_OR_RETURN(e.referrals, tx.List<Referral>());
    CC_ASSIGN_OR_RETURN(e.budget_lines, tx.List<BudgetLine>());
    CC_ASSIGN_OR_RETURN(e.carer_applications, tx.List<CarerApplication>());
    CC_ASSIGN_OR_RETURN(e.financial_returns, tx.List<FinancialReturn>());
    return Status::Ok();
  }));
  return e;
}

}  // namespace carecoop::synth
