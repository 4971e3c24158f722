// SSDA903 returns as imported: the ssda903_header, ssda903_episode and
// ssda903_uasc tables (migration 3) as typed accessors, rows kept in file
// order. What a return means, and the episodes derived from placements,
// are services/ssda903_store.h's.
#ifndef CARECOOP_STORE_SSDA903_ROWS_H_
#define CARECOOP_STORE_SSDA903_ROWS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "io/ssda903_return.h"
#include "store/store.h"

namespace carecoop::store {

// Episodes stored for `council`'s return of collection year `year`.
Result<std::int64_t> CountReturnEpisodes(Tx& tx, CouncilId council, int year);

// Removes `council`'s return of `year` from all three tables.
Status DeleteReturnRows(Tx& tx, CouncilId council, int year);

// One council and year's rows, in file order (their position is kept as seq).
struct ReturnRows {
  std::vector<const ssda903::HeaderRow*> headers;
  std::vector<const ssda903::EpisodeRow*> episodes;
  std::vector<const ssda903::UascRow*> uasc;
  std::vector<const ssda903::DoloRow*> dolo;
};
// Inserts `rows` as `council`'s; each row carries its own year.
Status InsertReturnRows(Tx& tx, CouncilId council, const ReturnRows& rows);

// `council`'s imported rows, for one collection year or every year, ordered by year and file order.
Result<ssda903::Return> ReadReturnRows(Tx& tx, CouncilId council, std::optional<int> year);

// What a return says of each home (by home id) where `council` placed a
// child: its Ofsted URN, its provider's (the fostering service's for a
// foster household without its own), and its postcode sector.
struct PlacedHome {
  std::string urn, provider_urn, postcode;
};
Result<std::unordered_map<std::int64_t, PlacedHome>> PlacedHomes(Tx& tx, CouncilId council);

}  // namespace carecoop::store

#endif  // CARECOOP_STORE_SSDA903_ROWS_H_
