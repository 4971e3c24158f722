#include "services/access.h"

#include <set>
#include <tuple>

#include "core/csv.h"

namespace carecoop::embedded {
std::string_view access_matrix_csv();
}

namespace carecoop::services {

const std::vector<Permission>& Permissions() {
  static const std::vector<Permission> kPermissions = {
      {"referral", "create", true},
      {"referral", "read", true},
      {"referral", "update", true},
      {"referral", "submit", true},
      {"referral", "list", false},
      {"queue", "list", false},
      {"options", "read", true},
      {"referral", "send", true},
      {"offer", "list", true},
      {"provider_referral", "read", true},
      {"provider_referral", "list", false},
      {"offer", "create", true},
      {"proposal", "create", true},
      {"proposal", "read", true},
      {"proposal", "list", false},
      {"proposal", "decide", true},
      {"overdue_scrutiny", "list", false},
      {"placement", "read", true},
      {"placement", "end", true},
      {"placement", "list", false},
      {"payment", "list", true},
      {"user", "create", false},
      {"user", "approve", false},
      {"audit", "verify", false},
      {"national", "read", false},
      {"sufficiency", "read", true},
      {"referral", "withdraw", true},
      {"child", "list", false},
      {"offer", "withdraw", true},
      {"offer", "record_view", true},
      {"provider_offer", "list", false},
      {"provider_placement", "list", false},
      {"home", "list", false},
      {"home", "update", true},
      {"vacancy", "publish", true},
      {"vacancy", "withdraw", true},
      {"assignment", "read", false},
      {"spend", "read", true},
      {"user", "list", false},
      {"user", "update", false},
      {"contract", "list", true},
      {"contract", "create", true},
      {"contract", "update", true},
      {"payment_run", "create", true},
      {"payment_run", "list", true},
      {"remittance", "list", false},
      {"budget", "read", true},
      {"budget", "set", true},
      {"recruitment", "read", true},
      {"framework", "list", true},
      {"framework", "create", true},
      {"framework", "admit", true},
      {"provider_contract", "list", false},
      {"invoice", "list", true},
      {"placement", "fund", true},
      // Market oversight (issue 18).
      {"market", "read", true},
      {"provider_group", "list", true},
      {"provider_group", "read", true},
      {"financial_return", "submit", true},
      {"financial_return", "list", true},
      {"oversight_case", "write", true},
      {"risk_warning", "list", true},
      {"market", "read_england", false},
      {"provider_group", "list_all", false},
      {"profit_cap", "read", false},
      {"failure_scenario", "run", false},
      {"price_publication", "read", false},
      // The national layer (issue 19).
      {"rcc_return", "build", true},
      {"rcc_return", "receive", true},
      {"rcc_return", "list", false},
      {"national_overview", "read", false},
      {"rare_needs", "read", false},
      {"secure_referral", "create", true},
      {"secure_referral", "update", true},
      {"secure_queue", "read", false},
      {"stability", "read", true},
      {"dol_order", "create", true},
      {"dol_order", "update", true},
      {"unregistered_placement", "create", true},
      {"unregistered_placement", "update", true},
      {"liberty_register", "read", false},
      {"sufficiency_strategy", "read", true},
      {"rcc", "list", false},
      {"national_contract", "create", false},
      {"national_contract", "list", false},
      {"provider_directory", "list", false},
      {"simulation", "create", false},
      {"simulation", "read", false},
  };
  return kPermissions;
}

Result<AccessPolicy> AccessPolicy::Parse(std::string_view csv, std::string_view source) {
  CC_ASSIGN_OR_RETURN(CsvTable table, ParseCsv(csv, source));
  const char* columns[] = {"role", "relation", "resource", "action", "allowed"};
  for (std::size_t i = 0; i < 5; ++i)
    if (table.header.size() != 5 || table.header[i] != columns[i])
      return InvalidArgument(
          "access matrix",
          std::string(source) + ": header must be role,relation,resource,action,allowed");
  AccessPolicy policy;
  std::set<std::tuple<Role, Relation, std::string, std::string>> seen;
  for (const CsvRow& row : table.rows) {
    std::string where = std::string(source) + ":" + std::to_string(row.line) + ": ";
    auto role = ParseEnumCode<Role>(row.fields[0]);
    if (!role) return InvalidArgument("role", where + "unknown role '" + row.fields[0] + "'");
    auto relation = ParseEnumCode<Relation>(row.fields[1]);
    if (!relation)
      return InvalidArgument("relation", where + "unknown relation '" + row.fields[1] + "'");
    const Permission* permission = nullptr;
    for (const Permission& p : Permissions())
      if (p.resource == row.fields[2] && p.action == row.fields[3]) permission = &p;
    if (!permission)
      return InvalidArgument("action",
                             where + "no permission " + row.fields[2] + "." + row.fields[3]);
    if (permission->per_record == (*relation == Relation::kAny))
      return InvalidArgument("relation",
                             where + row.fields[2] + "." + row.fields[3] +
                                 (permission->per_record ? " concerns one record: own or other"
                                                         : " concerns no one record: any"));
    if (row.fields[4] != "yes" && row.fields[4] != "no")
      return InvalidArgument("allowed", where + "must be yes or no");
    if (!seen.insert({*role, *relation, row.fields[2], row.fields[3]}).second)
      return InvalidArgument("access matrix", where + "repeats a cell");
    policy.cells_.push_back(
        {*role, *relation, row.fields[2], row.fields[3], row.fields[4] == "yes"});
  }
  for (const auto& e : EnumInfo<Role>::kEntries)
    for (const Permission& p : Permissions())
      for (Relation r : p.per_record ? std::vector<Relation>{Relation::kOwn, Relation::kOther}
                                     : std::vector<Relation>{Relation::kAny})
        if (!seen.count({e.value, r, std::string(p.resource), std::string(p.action)}))
          return InvalidArgument(
              "access matrix", std::string(source) + ": no cell for " + std::string(e.code) + " " +
                                   std::string(EnumCode(r)) + " " + std::string(p.resource) + "." +
                                   std::string(p.action));
  return policy;
}

const AccessPolicy& AccessPolicy::Default() {
  static const AccessPolicy kPolicy = [] {
    auto parsed = Parse(embedded::access_matrix_csv(), "docs/access-matrix.csv");
    // The matrix is compiled in and checked by a test; a bad one is a build defect.
    if (!parsed.ok()) std::abort();
    return *parsed;
  }();
  return kPolicy;
}

bool AccessPolicy::Allows(Role role, Relation relation, std::string_view resource,
                          std::string_view action) const {
  for (const AccessCell& c : cells_)
    if (c.role == role && c.relation == relation && c.resource == resource && c.action == action)
      return c.allowed;
  return false;
}

Status AccessPolicy::Gate(const Principal& who, std::string_view resource,
                          std::string_view action) const {
  if (Allows(who.role, Relation::kOwn, resource, action) ||
      Allows(who.role, Relation::kOther, resource, action))
    return Status::Ok();
  return PermissionDenied("a " + std::string(EnumCode(who.role)) + " may not " +
                          std::string(action) + " " + std::string(resource) + " records");
}

Status AccessPolicy::Check(const Principal& who, Relation relation, std::string_view resource,
                           std::string_view action, std::string_view what) const {
  if (Allows(who.role, relation, resource, action)) return Status::Ok();
  if (relation == Relation::kOther) return NotFound("no " + std::string(what));
  return PermissionDenied("a " + std::string(EnumCode(who.role)) + " may not " +
                          std::string(action) + " " + std::string(resource) + " records");
}

}  // namespace carecoop::services
