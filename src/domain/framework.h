// Framework: an RCC's framework agreement (or flexible purchasing system) or
// dynamic purchasing system (DPS), the agreement providers are admitted to.
// It is divided into lots by setting, need band and age band; a provider is
// admitted to lots, each at its own weekly fee, and its admission is a
// Contract of the framework's route that names the framework
// (Contract::framework), with one fee line per lot. A framework admits new
// providers on its start date and on set reopening dates; a DPS at any time
// in its term, against its published admission criteria. The rules of
// admission are market/admission.h's.
#ifndef CARECOOP_DOMAIN_FRAMEWORK_H_
#define CARECOOP_DOMAIN_FRAMEWORK_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "domain/contract.h"
#include "domain/home.h"
#include "domain/ids.h"
#include "domain/needs.h"

namespace carecoop {

// One lot: the places it buys.
struct Lot {
  std::string code;  // unique in the framework, for example "CH-COMPLEX-11-17"
  std::string name;  // for example "Children's homes, complex needs, 11 to 17"
  Setting setting = Setting::kChildrensHome;
  NeedBand band = NeedBand::kStandard;
  int min_age = 0;
  int max_age = 17;
  friend bool operator==(const Lot&, const Lot&) = default;
};

// What a provider must meet to be admitted (published with the agreement):
// for every lot it asks to join, at least `min_homes` homes of the lot's
// setting registered with Ofsted (a URN) and rated no worse than
// `min_rating`; a home not yet inspected counts only when
// `admit_not_yet_inspected`.
struct AdmissionCriteria {
  OfstedRating min_rating = OfstedRating::kRequiresImprovement;
  bool admit_not_yet_inspected = true;
  int min_homes = 1;
  friend bool operator==(const AdmissionCriteria&, const AdmissionCriteria&) = default;
};

struct Framework {
  FrameworkId id;
  std::int64_t version = 0;
  RccId rcc;
  ContractType route = ContractType::kFramework;  // framework or DPS
  std::string reference;
  std::string title;
  Date start;
  Date end;  // a framework agreement always ends (4 years at most, 8 for a DPS here)
  std::vector<Lot> lots;
  std::vector<Date> reopenings;  // a framework's reopening dates, in the term, ascending
  AdmissionCriteria criteria;
  int uplift_cap_bp = 0;  // the admissions' annual uplift cap (contract_terms.h)
  ContractStatus status = ContractStatus::kOpen;

  const Lot* FindLot(const std::string& code) const;
  friend bool operator==(const Framework&, const Framework&) = default;
};

// The longest term a framework agreement may run (Procurement Act 2023,
// s.47: 4 years for a framework); a DPS may run longer (8 here).
inline constexpr int kMaxFrameworkYears = 4;
inline constexpr int kMaxDpsYears = 8;

Status Validate(const Framework& framework);

}  // namespace carecoop

#endif  // CARECOOP_DOMAIN_FRAMEWORK_H_
