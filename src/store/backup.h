// Backups and integrity checks of a store, for operators
// (`carecoop backup`, `carecoop store check`; docs/operations.md).
#ifndef CARECOOP_STORE_BACKUP_H_
#define CARECOOP_STORE_BACKUP_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "store/store.h"

namespace carecoop::store {

struct BackupReport {
  std::int64_t pages = 0;
  std::int64_t bytes = 0;
};

// Copies the SQLite store at `url` to the new file `out` with SQLite's
// online backup API, a page at a time, while the server goes on serving:
// the copy is the database as one transaction left it (a consistent
// snapshot), and is checked with PRAGMA integrity_check before this returns.
// `out` must not exist. A PostgreSQL URL is refused, naming pg_dump, the
// documented route for it (docs/operations.md).
Result<BackupReport> Backup(std::string_view url, const std::string& out);

// The database's own check: PRAGMA integrity_check on SQLite; amcheck's
// bt_index_check over every B-tree index on PostgreSQL (the extension is
// created if missing, which needs the right to). "ok", or the problems.
Result<std::string> IntegrityCheck(Store& store);

}  // namespace carecoop::store

#endif  // CARECOOP_STORE_BACKUP_H_
