// Counts and sums over many records, computed by the database rather than by
// reading every record: the national layer's activity per RCC, the store's
// summary, and the supply side of an RCC's sufficiency. Plain rows out; the
// services give them meaning (small-number suppression, categories).
#ifndef CARECOOP_STORE_AGGREGATES_H_
#define CARECOOP_STORE_AGGREGATES_H_

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "store/store.h"

namespace carecoop::store {

// One RCC's activity, by its councils' referrals and placements.
struct RccActivity {
  std::int64_t open_referrals = 0;      // open, sent to providers, proposed or approved
  std::int64_t current_placements = 0;  // not ended
  std::int64_t emergency_placements = 0;
  std::int64_t weekly_fee_sum = 0;  // pence, over current placements
};

// Every RCC with any activity, by RCC id (an RCC with none is absent).
Result<std::map<RccId, RccActivity>> ActivityByRcc(Tx& tx);

// Whole-store counts, for `carecoop summary`.
struct StoreCounts {
  std::int64_t registered_places = 0;
  std::int64_t open_vacancies = 0;
  std::int64_t children_in_care = 0;  // care not ended
  std::int64_t open_referrals = 0;
};
Result<StoreCounts> CountStore(Tx& tx);

// Every home, with its open vacancies and whether it is in `rcc`, in id order.
struct HomeSupplyRow {
  HomeId id;
  std::string setting;  // Setting code
  int min_age = 0, max_age = 0;
  int registered_places = 0;
  double lat = 0, lon = 0;
  bool connected_person = false;
  bool in_rcc = false;
  int open_vacancies = 0;
};
Result<std::vector<HomeSupplyRow>> HomesWithOpenVacancies(Tx& tx, RccId rcc);

// Every child placed now who is `rcc`'s (wherever placed) or placed in one
// of `rcc`'s homes, in placement id order.
struct PlacedNowRow {
  std::optional<HomeId> home;
  std::string place_code;
  std::string date_of_birth;  // ISO, as stored
  double family_lat = 0, family_lon = 0;
  std::string council;  // the responsible council's name
  bool own = false;     // the council is one of rcc's
};
Result<std::vector<PlacedNowRow>> ChildrenPlacedNow(Tx& tx, RccId rcc);

// Every current placement in a home, in placement id order: what market
// oversight reads (prices, spend, who lives in a group's homes) without
// every placement ever made.
struct PlacementInHomeRow {
  PlacementId id;
  ChildId child;
  CouncilId council;  // the responsible council
  HomeId home;
  std::optional<ReferralId> referral;
  std::string need_band;  // NeedBand code
  std::string start;      // ISO, as stored
  std::int64_t weekly_fee = 0;
  std::string route;          // the pricing contract's ContractType code; "" when none (spot)
  std::string date_of_birth;  // the child's, ISO
};
Result<std::vector<PlacementInHomeRow>> PlacementsInHomesNow(Tx& tx);

// Every placement that was open at some time in [first, last], in id order,
// with what an RCC's quarterly return counts (national/rcc_return.h): no
// identifier but the referral's, which the return's builder uses only to
// find the referral's outcome and never passes on.
struct QuarterPlacementRow {
  std::optional<RccId> rcc;       // the responsible council's RCC
  std::string start, end;         // ISO; end "" while open
  std::string need_band;          // NeedBand code
  std::string setting;            // the home's Setting code; "" when there is no home
  std::optional<RccId> home_rcc;  // the RCC of the council area the home is in
  std::optional<LatLon> home_location;
  int home_places = 0;  // the home's registered places (0 when there is no home)
  LatLon family_location;
  std::string date_of_birth;  // ISO
  std::int64_t weekly_fee = 0;
  std::string reason_place_change;
  bool emergency = false;
  std::optional<ReferralId> referral;
  std::string route;      // the pricing contract's ContractType code; "" when none (spot)
  bool in_house = false;  // the home is run by a council of the child's RCC
};
// With `rcc`: only the placements of its councils' children.
Result<std::vector<QuarterPlacementRow>> PlacementsOpenBetween(Tx& tx, Date first, Date last,
                                                               std::optional<RccId> rcc = {});

// A placement as the stability measures read it (national/stability.h).
struct MovesPlacementRow {
  std::optional<RccId> rcc;  // the responsible council's RCC
  std::int64_t child = 0;
  std::string start, end;  // ISO; end "" while open
  std::string reason_place_change;
  bool emergency = false;
};
// Placements open at any time from `first` to `last`: only what moves need
// (no home, child or contract is joined), for the return's stability table
// over two years. With `rcc`: only its councils' children's.
Result<std::vector<MovesPlacementRow>> MovesPlacementsBetween(Tx& tx, Date first, Date last,
                                                              std::optional<RccId> rcc = {});

// The referrals with an approved scrutiny decision on one of their proposals.
Result<std::set<std::int64_t>> ReferralsApprovedByScrutiny(Tx& tx);

}  // namespace carecoop::store

#endif  // CARECOOP_STORE_AGGREGATES_H_
