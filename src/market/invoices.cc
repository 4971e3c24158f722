#include "market/invoices.h"

namespace carecoop::market {

Result<std::vector<Invoice>> InvoicesFor(std::span<const Payment> payments,
                                         const std::map<PlacementId, FundingShares>& shares) {
  std::map<std::pair<CouncilId, Payer>, Invoice> by;
  for (const Payment& p : payments) {
    if (p.status != PaymentStatus::kPaid) continue;
    auto it = shares.find(p.placement);
    if (it == shares.end() || (it->second.health_bp == 0 && it->second.education_bp == 0)) continue;
    CC_ASSIGN_OR_RETURN(Pence net, Subtract(p.amount, p.recovered));
    CC_ASSIGN_OR_RETURN(FundingSplit split, SplitFunding(net, it->second));
    for (auto [payer, part] :
         {std::pair{Payer::kHealth, split.health}, std::pair{Payer::kEducation, split.education}}) {
      if (part.value() == 0) continue;
      Invoice& inv = by[{p.council, payer}];
      inv.council = p.council;
      inv.payer = payer;
      CC_ASSIGN_OR_RETURN(inv.total, Add(inv.total, part));
      inv.lines.push_back({p.id, p.placement, p.week_start, part});
    }
  }
  std::vector<Invoice> out;
  out.reserve(by.size());
  for (auto& [_, inv] : by) out.push_back(std::move(inv));
  return out;
}

}  // namespace carecoop::market
