// Benchmark instances for the matching engine, made from synthetic England
// (synth::BuildEngland), deterministic by seed:
//   (a) region:   one RCC's homes with about 6,000 free places, 2,000 referrals
//   (b) national: about 25,000 homes with 60,000 free places, 20,000 referrals
// Free places: every registered place of a sampled home (kinship households
// excluded, as they are not open to referrals), available within 4 weeks.
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

// `national`: instance (b); otherwise (a) on the Greater Manchester RCC.
MatchInstance MakeMatchInstance(bool national, int referrals, int places, std::uint64_t seed = 1);

}  // namespace carecoop::bench

#endif  // CARECOOP_BENCH_MATCH_INSTANCES_H_
