// The store's schema as versioned migrations, applied in order at open.
// Each migration is written once, with type placeholders that each dialect
// renders ({pk} {int} {real} {text} {date} {ts}); see docs/formats/store.md.
#ifndef CARECOOP_STORE_SCHEMA_H_
#define CARECOOP_STORE_SCHEMA_H_

#include <string>
#include <vector>

#include "store/sql.h"

namespace carecoop::store {

struct Migration {
  int version;
  const char* description;
  const char* ddl;  // with placeholders
};

// All migrations, oldest first. Never edit a released migration: add one.
const std::vector<Migration>& Migrations();

// The DDL of `m` for `dialect`.
std::string RenderDdl(const Migration& m, Dialect dialect);

// Brings the schema at `conn` up to the latest version, each migration in
// its own transaction; safe when several processes open the store at once.
Status Migrate(SqlConnection& conn);

// The schema version recorded at `conn` (0 when empty).
Result<int> SchemaVersion(SqlConnection& conn);

}  // namespace carecoop::store

#endif  // CARECOOP_STORE_SCHEMA_H_
