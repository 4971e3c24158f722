#include "market/budget.h"

#include <algorithm>
#include <numeric>

namespace carecoop::market {
namespace {
// Wide enough for total x weight (pence x pence of spend).
__extension__ typedef __int128 Wide;
}  // namespace

Result<std::vector<Pence>> Apportion(Pence total, std::span<const std::int64_t> weights,
                                     std::string_view field) {
  if (total.value() < 0) return InvalidArgument("total", "must not be negative");
  if (weights.empty()) return InvalidArgument(std::string(field), "must name at least one council");
  Wide sum = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (weights[i] < 0)
      return InvalidArgument(std::string(field) + "[" + std::to_string(i) + "]",
                             "must not be negative");
    sum += weights[i];
  }
  if (sum == 0) return InvalidArgument(std::string(field), "must not all be zero");
  std::vector<Pence> out(weights.size());
  std::vector<std::pair<Wide, std::size_t>> remainders;  // remainder, index
  Wide given = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const Wide exact = static_cast<Wide>(total.value()) * weights[i];
    out[i] = Pence(static_cast<std::int64_t>(exact / sum));
    given += exact / sum;
    remainders.push_back({exact % sum, i});
  }
  std::stable_sort(remainders.begin(), remainders.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  auto left = static_cast<std::size_t>(total.value() - given);
  for (std::size_t k = 0; k < left; ++k) {
    std::size_t i = remainders[k].second;
    out[i] = Pence(out[i].value() + 1);
  }
  return out;
}

Result<std::vector<Pence>> Contributions(Pence total, ContributionRule rule,
                                         std::span<const std::int64_t> weights) {
  if (rule == ContributionRule::kFixedSplit) {
    const std::int64_t sum = std::accumulate(weights.begin(), weights.end(), std::int64_t{0});
    if (sum != 10'000)
      return InvalidArgument("shares",
                             "must sum to 100% (10,000 basis points), not " + std::to_string(sum));
  }
  return Apportion(total, weights,
                   rule == ContributionRule::kFixedSplit       ? "shares"
                   : rule == ContributionRule::kChildrenInCare ? "childrenInCare"
                                                               : "pastSpend");
}

Status Validate(const FundingShares& s) {
  for (auto [field, bp] : {std::pair{"socialCareShareBp", s.social_care_bp},
                           {"healthShareBp", s.health_bp},
                           {"educationShareBp", s.education_bp}})
    if (bp < 0 || bp > 10'000) return InvalidArgument(field, "must be between 0 and 10000");
  const int sum = s.social_care_bp + s.health_bp + s.education_bp;
  if (sum != 10'000)
    return InvalidArgument("fundingShares",
                           "must sum to 100% (10,000 basis points), not " + std::to_string(sum));
  return Status::Ok();
}

Result<FundingSplit> SplitFunding(Pence amount, const FundingShares& s) {
  CC_RETURN_IF_ERROR(Validate(s));
  if (amount.value() < 0) {
    CC_ASSIGN_OR_RETURN(FundingSplit positive, SplitFunding(Pence(-amount.value()), s));
    return FundingSplit{Pence(-positive.social_care.value()), Pence(-positive.health.value()),
                        Pence(-positive.education.value())};
  }
  if (amount.value() == 0) return FundingSplit{};
  const std::array<std::int64_t, 3> w = {s.social_care_bp, s.health_bp, s.education_bp};
  CC_ASSIGN_OR_RETURN(auto parts, Apportion(amount, w, "fundingShares"));
  return FundingSplit{parts[0], parts[1], parts[2]};
}

}  // namespace carecoop::market
