// Admission to a framework or DPS: whether a provider may join an RCC's
// agreement, and the contract its admission makes.
//
// Model. A framework (domain/framework.h) is divided into lots by setting,
// need band and age band. A provider asks to join some lots, each at a
// weekly fee. Its admission is a Contract of the framework's route naming
// the framework, with one fee line per lot carrying the lot's setting, band
// and ages (so pricing, market/pricing.h, finds the lot's fee for a place).
//
// Rules (CheckAdmission; the first broken names its field).
//   1. The framework admits only while open or in force ("frameworkId").
//   2. The date is in the term ("admittedOn"); under a framework it is the
//      start date or a reopening date (a framework reopens to new providers
//      only on set dates), under a DPS any day of the term.
//   3. At least one lot; each a lot of the framework, asked once, at a fee
//      above zero and at most kMaxWeeklyFee ("lots[i].lot", "lots[i].weeklyFee").
//   4. A provider is admitted once: no admission of it to this framework is
//      in force, awarded or open ("providerId").
//   5. The published criteria, for each lot: at least criteria.min_homes of
//      the provider's homes of the lot's setting have an Ofsted URN and a
//      rating no worse than criteria.min_rating (a home not yet inspected
//      counts when criteria.admit_not_yet_inspected) ("lots[i].lot").
//
// Complexity: O(lots asked * (lots + homes) + admissions).
//
// References: Procurement Act 2023, ss.45-49 (frameworks, their terms and
// reopening) and the Public Contracts Regulations 2015, reg.34 (dynamic
// purchasing systems: any provider meeting the criteria may join at any
// time); docs/market.md, "Frameworks and DPS".
#ifndef CARECOOP_MARKET_ADMISSION_H_
#define CARECOOP_MARKET_ADMISSION_H_

#include <optional>
#include <span>
#include <string>

#include "domain/contract.h"
#include "domain/framework.h"
#include "domain/home.h"

namespace carecoop::market {

// One lot a provider asks to join and its weekly fee.
struct LotFee {
  std::string lot;
  Pence weekly_fee;
  friend bool operator==(const LotFee&, const LotFee&) = default;
};

// The first day on or after `day` the framework admits a new provider
// (rule 2), or none.
std::optional<Date> NextAdmissionDay(const Framework& framework, Date day);

// Whether a home meets the criteria for a lot of `setting` (rule 5).
bool MeetsCriteria(const AdmissionCriteria& criteria, Setting setting, const Home& home);

// Rules 1-5. `admissions`: the framework's admissions so far; `homes`: the provider's homes.
Status CheckAdmission(const Framework& framework, ProviderId provider, Date on,
                      std::span<const LotFee> lots, std::span<const Contract> admissions,
                      std::span<const Home> homes);

// The contract an admission makes (after CheckAdmission): the framework's
// route, from `on` to the framework's end, its uplift cap, one fee line per lot.
Contract AdmissionContract(const Framework& framework, ProviderId provider, Date on,
                           std::span<const LotFee> lots);

}  // namespace carecoop::market

#endif  // CARECOOP_MARKET_ADMISSION_H_
