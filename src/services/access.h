// Who may do what: roles, the people signed in, and the access policy.
//
// docs/access-matrix.csv is the single source of truth. Each row is one cell,
// role x relation x resource x action -> allowed, where the relation says how
// the record stands to the person asking:
//   own    within their scope: their council (social worker), their RCC (hub,
//          scrutiny, commissioner), referrals sent to them (provider);
//   other  outside it (another council's, another RCC's);
//   any    a collection or a whole-system action with no one record.
// The matrix is compiled into the program; AccessPolicy::Check is the one
// place requests are decided. Outside one's scope the answer is NotFound,
// exactly as for a record that does not exist, so scope leaks nothing.
#ifndef CARECOOP_SERVICES_ACCESS_H_
#define CARECOOP_SERVICES_ACCESS_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/enum_names.h"
#include "core/status.h"
#include "domain/ids.h"

namespace carecoop {

enum class Role : std::uint8_t {
  kSocialWorker,
  kHubOfficer,
  kScrutinyOfficer,
  kProvider,
  kCommissioner,
  kNationalAnalyst,
  kAdmin,
  kMarketOversight,
  kNationalCommissioner,
};
template <>
struct EnumInfo<Role> {
  static constexpr std::array<EnumEntry<Role>, 9> kEntries = {{
      {Role::kSocialWorker, "social_worker", "Social worker (own council)"},
      {Role::kHubOfficer, "hub_officer", "Hub officer (own RCC)"},
      {Role::kScrutinyOfficer, "scrutiny_officer", "Independent scrutiny officer (own RCC)"},
      {Role::kProvider, "provider", "Provider (own homes)"},
      {Role::kCommissioner, "commissioner", "Commissioner (own RCC)"},
      {Role::kNationalAnalyst, "national_analyst", "National analyst (pseudonymised aggregates)"},
      {Role::kAdmin, "admin", "Administrator (users and audit)"},
      {Role::kMarketOversight, "market_oversight",
       "Market oversight (provider groups' finances, national)"},
      {Role::kNationalCommissioner, "national_commissioner",
       "National commissioner (national contracts, the secure welfare queue)"},
  }};
};

enum class Relation : std::uint8_t { kOwn, kOther, kAny };
template <>
struct EnumInfo<Relation> {
  static constexpr std::array<EnumEntry<Relation>, 3> kEntries = {{
      {Relation::kOwn, "own", "within the person's scope"},
      {Relation::kOther, "other", "outside the person's scope"},
      {Relation::kAny, "any", "a collection or whole-system action"},
  }};
};

}  // namespace carecoop

namespace carecoop::services {

// A signed-in person, as every service call sees them.
struct Principal {
  std::int64_t user_id = 0;
  std::string username;
  Role role = Role::kSocialWorker;
  std::optional<CouncilId> council;    // social worker
  std::optional<RccId> rcc;            // hub, scrutiny, commissioner
  std::optional<ProviderId> provider;  // provider
};

// One resource and action the services decide, and whether it concerns one
// record (own/other cells) or none (an any cell).
struct Permission {
  std::string_view resource;
  std::string_view action;
  bool per_record = true;
};

// Every permission the services ask about; the matrix must have a cell for
// each of them and each role, and no other.
const std::vector<Permission>& Permissions();

struct AccessCell {
  Role role;
  Relation relation;
  std::string resource;
  std::string action;
  bool allowed = false;
};

class AccessPolicy {
 public:
  // Parses the matrix; InvalidArgument "source:line" for an unknown role,
  // relation or permission, a missing or repeated cell, or a bad allowed value.
  static Result<AccessPolicy> Parse(std::string_view csv, std::string_view source);
  // The matrix compiled from docs/access-matrix.csv.
  static const AccessPolicy& Default();

  bool Allows(Role role, Relation relation, std::string_view resource,
              std::string_view action) const;

  // PermissionDenied when the role may not do this to any record, own or
  // other: asked before a record is looked up, so the answer says nothing
  // about whether it exists.
  Status Gate(const Principal& who, std::string_view resource, std::string_view action) const;

  // OK when allowed; NotFound("no <what>") when the record is outside the
  // person's scope (relation other); PermissionDenied otherwise.
  Status Check(const Principal& who, Relation relation, std::string_view resource,
               std::string_view action, std::string_view what) const;

  const std::vector<AccessCell>& cells() const { return cells_; }

 private:
  std::vector<AccessCell> cells_;
};

}  // namespace carecoop::services

#endif  // CARECOOP_SERVICES_ACCESS_H_
