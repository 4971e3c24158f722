// The national secure welfare queue (docs/national.md, "Secure welfare"):
// an RCC's hub refers a child for a secure children's home on welfare
// grounds; the national commissioner sees the waiting list with the time
// each child has waited and its history, today's free beds in every secure
// children's home, and the daily match of beds to children
// (national/secure_welfare.h over the matching engine's constraints and
// costs); sends a referral to a home, records the home's answer (accepted:
// placed; declined: with the reason), a placement across the border
// (Scotland, Wales), or a withdrawal.
#ifndef CARECOOP_SERVICES_SECURE_WELFARE_H_
#define CARECOOP_SERVICES_SECURE_WELFARE_H_

#include <optional>
#include <string>
#include <vector>

#include "core/geo.h"
#include "domain/secure_referral.h"

namespace carecoop::services {

// One referral on the list, with what the commissioner reads beside it.
struct SecureQueueEntry {
  SecureReferral record;
  std::string council, rcc;             // names
  int age = 0;                          // the child's age today
  std::string sex;                      // the child's, as recorded
  std::int64_t days_waiting = 0;        // to today, or to the placement
  std::vector<std::string> home_names;  // a sending each
};

// A secure children's home and its beds free today (its open vacancies).
struct SecureBeds {
  HomeId home;
  std::string name, council;
  int beds_free = 0;
  int min_age = 0, max_age = 0;
};

struct SecureQueue {
  Date today;
  std::vector<SecureQueueEntry> waiting;  // longest waiting first
  std::vector<SecureQueueEntry> settled;  // placed, across the border or withdrawn; latest first
  std::vector<SecureBeds> beds;
  int beds_free = 0;
  int placed_in_england = 0, placed_across_border = 0;  // of those settled
};

// One row of the daily match.
struct SecureMatchRow {
  SecureReferralId referral;
  std::int64_t days_waiting = 0;
  std::optional<HomeId> home;  // none: no bed today
  std::string home_name;
  double family_miles = -1;  // -1 when unknown
  std::string explanation;   // the engine's sentence, or why no bed
};

struct SecureDailyMatch {
  Date today;
  std::vector<SecureMatchRow> rows;  // the waiting list's order
  int waiting = 0, beds_free = 0, matched = 0;
};

// What the national commissioner does to a referral on the list.
struct SecureAction {
  std::string action;  // send, accept, decline, across_border, withdraw
  std::int64_t version = 0;
  std::optional<HomeId> home;  // send, accept, decline: the home
  std::string reason;          // decline, withdraw
  std::string where;           // across_border: where the child was placed
};

}  // namespace carecoop::services

#endif  // CARECOOP_SERVICES_SECURE_WELFARE_H_
