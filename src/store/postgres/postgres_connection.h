// SqlConnection over PostgreSQL (libpqxx), for the national store and for
// RCCs that outgrow one SQLite file.
#ifndef CARECOOP_STORE_POSTGRES_POSTGRES_CONNECTION_H_
#define CARECOOP_STORE_POSTGRES_POSTGRES_CONNECTION_H_

#include <memory>
#include <string>

#include "store/sql.h"

namespace carecoop::store {

// Connects with a libpq connection URI ("postgresql://user@host/db" or
// "postgresql:///db?host=/run/sock"). Sessions use UTC and ISO dates.
Result<std::unique_ptr<SqlConnection>> OpenPostgres(const std::string& uri);

}  // namespace carecoop::store

#endif  // CARECOOP_STORE_POSTGRES_POSTGRES_CONNECTION_H_
