#include "domain/financial_return.h"

#include <string>

#include "domain/validate.h"

namespace carecoop {
namespace {

constexpr std::int64_t kMaxAmount = 5'000'000'000'000;  // £50bn in pence

Status Amount(std::string_view field, Pence p, bool may_be_negative = false) {
  if (!may_be_negative && p.value() < 0)
    return InvalidArgument(std::string(field), "must not be negative");
  if (p.value() > kMaxAmount || p.value() < -kMaxAmount)
    return InvalidArgument(std::string(field), "must be within £50bn");
  return Status::Ok();
}

}  // namespace

std::int64_t FinancialReturn::TotalCosts() const {
  return staff_costs.value() + property_costs.value() + related_party_rent.value() +
         management_charges.value() + other_costs.value();
}

Status Validate(const FinancialReturn& r) {
  CC_RETURN_IF_ERROR(validate::Reference("groupId", r.group));
  CC_RETURN_IF_ERROR(validate::Range("year", r.year, kFirstReturnYear, kLastReturnYear));
  CC_RETURN_IF_ERROR(Amount("revenue", r.revenue));
  CC_RETURN_IF_ERROR(Amount("staffCosts", r.staff_costs));
  CC_RETURN_IF_ERROR(Amount("propertyCosts", r.property_costs));
  CC_RETURN_IF_ERROR(Amount("relatedPartyRent", r.related_party_rent));
  CC_RETURN_IF_ERROR(Amount("managementCharges", r.management_charges));
  CC_RETURN_IF_ERROR(Amount("otherCosts", r.other_costs));
  CC_RETURN_IF_ERROR(Amount("operatingProfit", r.operating_profit, /*may_be_negative=*/true));
  CC_RETURN_IF_ERROR(Amount("marketRent", r.market_rent));
  CC_RETURN_IF_ERROR(Amount("debt", r.debt));
  CC_RETURN_IF_ERROR(Amount("connectedDebt", r.connected_debt));
  CC_RETURN_IF_ERROR(Amount("interest", r.interest));
  CC_RETURN_IF_ERROR(Amount("connectedInterest", r.connected_interest));
  CC_RETURN_IF_ERROR(Amount("cash", r.cash));
  CC_RETURN_IF_ERROR(Amount("capitalEmployed", r.capital_employed));
  if (!r.parent_company_number.empty())
    CC_RETURN_IF_ERROR(validate::CompanyNumber("parentCompanyNumber", r.parent_company_number));
  const std::int64_t reconciled = r.revenue.value() - r.TotalCosts();
  if (reconciled != r.operating_profit.value())
    return InvalidArgument("operatingProfit", "revenue " + r.revenue.ToString() + " less costs " +
                                                  Pence(r.TotalCosts()).ToString() + " is " +
                                                  Pence(reconciled).ToString() + ", not " +
                                                  r.operating_profit.ToString() +
                                                  ": the return does not add up");
  if (r.connected_debt > r.debt) return InvalidArgument("connectedDebt", "must not exceed debt");
  if (r.connected_interest > r.interest)
    return InvalidArgument("connectedInterest", "must not exceed interest");
  return Status::Ok();
}

}  // namespace carecoop
