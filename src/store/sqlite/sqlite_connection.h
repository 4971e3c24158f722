// SqlConnection over SQLite: a single database file, WAL journal, foreign
// keys on, a busy timeout so concurrent writers queue.
#ifndef CARECOOP_STORE_SQLITE_SQLITE_CONNECTION_H_
#define CARECOOP_STORE_SQLITE_SQLITE_CONNECTION_H_

#include <memory>
#include <string>

#include "store/sql.h"

namespace carecoop::store {

// Opens (creating if needed) the database file at `path`.
Result<std::unique_ptr<SqlConnection>> OpenSqlite(const std::string& path);

}  // namespace carecoop::store

#endif  // CARECOOP_STORE_SQLITE_SQLITE_CONNECTION_H_
