// RCC returns as the services make, receive and read them
// (services/national_returns.cc; docs/national.md): the facts of a return
// from the store, and the overview from the returns received.
#ifndef CARECOOP_SERVICES_NATIONAL_RETURNS_H_
#define CARECOOP_SERVICES_NATIONAL_RETURNS_H_

#include <map>
#include <optional>
#include <set>
#include <vector>

#include "domain/rcc.h"
#include "domain/received_return.h"
#include "domain/referral.h"
#include "national/overview.h"
#include "national/rcc_return.h"
#include "store/aggregates.h"
#include "store/store.h"

namespace carecoop::services {

// What every RCC's return for a quarter is built from, read in one
// transaction: the placements open at some time in it, the referrals, which
// referrals scrutiny approved, and the RCCs; with `only`, just what that
// RCC's return needs.
struct ReturnSources {
  national::Quarter quarter;
  std::vector<Rcc> rccs;
  std::vector<store::QuarterPlacementRow> placements;  // open in the quarter
  std::vector<store::MovesPlacementRow> moves;         // open from StabilityFrom(quarter)
  std::vector<Referral> referrals;                     // made in the quarter
  std::set<std::int64_t> approved;    // referral ids with an approved scrutiny decision
  std::map<std::int64_t, Date> born;  // the referred children's dates of birth, by child id
};
Result<ReturnSources> LoadReturnSources(store::Tx& tx, national::Quarter quarter,
                                        std::optional<RccId> only = std::nullopt);

// The first day whose placements the return reads: two years before the
// quarter's end, for the stability table's moves in two years.
Date StabilityFrom(national::Quarter quarter);

// The facts of RCC `rcc`'s return (pure): codes and numbers only
// (docs/national.md, "What each figure counts").
national::ReturnFacts FactsOf(const ReturnSources& s, const Rcc& rcc);

// The setting a referral asks for, for the unmet table: secure when it asks
// for deprivation of liberty, else the first setting marked preferred
// (fostering, residential, supported), else the first marked suitable,
// else a children's home.
Setting SettingAskedFor(const Referral& r);

// What a referral asked for, as a need profile (national/rare_needs.h),
// the child aged `age` on the referral's date.
national::NeedProfile ProfileOf(const Referral& r, int age);

// Every RCC's return for `quarter`, built as of `produced`, or just `only`'s.
Result<std::vector<national::RccReturn>> BuildReturns(store::Tx& tx, national::Quarter quarter,
                                                      Date produced,
                                                      std::optional<RccId> only = std::nullopt);

// A return received, as the national body holds it.
struct ReceivedRccReturn {
  ReceivedReturn record;  // who sent it, when
  std::string rcc_code, rcc_name;
  bool replaced = false;  // a resubmission that replaced the quarter's earlier return
};

}  // namespace carecoop::services

#endif  // CARECOOP_SERVICES_NATIONAL_RETURNS_H_
