// Benchmark instances for the matching engine, made from synthetic England
// (synth::BuildEngland), deterministic by seed:
//   (a) region:   one RCC's homes with about 6,000 free places, 2,000 referrals
//   (b) national: about 25,000 homes with 60,000 free places, 20,000 referrals
// Free places: every registered place of a sampled home (kinship households
// excluded, as they are not open to referrals), each coming free on a day
// within InstanceOptions::vacancy_days.
// Referrals: the generator's open referrals, repeated over other children in
// care (each copy takes that child's age, council, family and school).
#ifndef CARECOOP_BENCH_MATCH_INSTANCES_H_
#define CARECOOP_BENCH_MATCH_INSTANCES_H_

#include <string>
#include <vector>

#include "match/snapshot.h"

namespace carecoop::bench {

struct MatchInstance {
  std::string name;
  match::Snapshot snapshot;
  std::vector<match::ReferralNeeds> referrals;
};

struct InstanceOptions {
  bool national = false;  // (b) on all of England; otherwise (a) on Greater Manchester
  int referrals = 2000;
  int places = 6000;
  // Free places come free over the next `vacancy_days` days; referrals are
  // needed today, within 5 days, or within 8 weeks.
  int vacancy_days = 100;
  // The share of referrals of children in school whose child must stay at
  // that school (the home within the policy's travel limit of the school).
  // With vacancy_days it sets the instance's density.
  double must_continue_school = 0.4;
  std::uint64_t seed = 1;
};

// The instances: (a) about 5% of referral-home pairs feasible, (b)
// about 2% (about 10 million feasible arcs).
InstanceOptions InstanceA();
InstanceOptions InstanceB();

MatchInstance MakeMatchInstance(const InstanceOptions& options);

}  // namespace carecoop::bench

#endif  // CARECOOP_BENCH_MATCH_INSTANCES_H_
