// The narrow SQL interface the store is written against, with one adapter
// per database (sqlite/, postgres/). Statements use $1, $2, ... placeholders
// on both back ends (SQLite accepts them as named parameters).
// A connection is used by one thread at a time.
#ifndef CARECOOP_STORE_SQL_H_
#define CARECOOP_STORE_SQL_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/status.h"

namespace carecoop::store {

using SqlValue = std::variant<std::monostate, std::int64_t, double, std::string>;
using SqlParams = std::vector<SqlValue>;

// One result row; columns by 0-based index. Conversions of a value of the
// wrong kind are the caller's bug (the schema fixes every column's kind).
class SqlRow {
 public:
  virtual ~SqlRow() = default;
  virtual int size() const = 0;
  virtual bool IsNull(int column) const = 0;
  virtual std::int64_t Int(int column) const = 0;
  virtual double Real(int column) const = 0;
  virtual std::string Text(int column) const = 0;
};

enum class Dialect { kSqlite, kPostgres };

class SqlConnection {
 public:
  virtual ~SqlConnection() = default;
  virtual Dialect dialect() const = 0;

  // Starts a transaction; `write` takes the write lock at once on SQLite
  // (BEGIN IMMEDIATE), so two writers queue instead of deadlocking.
  virtual Status Begin(bool write) = 0;
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;

  // Runs one statement; returns the number of rows it changed.
  virtual Result<std::int64_t> Exec(const std::string& sql, const SqlParams& params) = 0;
  // Runs one statement and calls on_row for each row; stops at the first error.
  virtual Status Query(const std::string& sql, const SqlParams& params,
                       const std::function<Status(const SqlRow&)>& on_row) = 0;
  // Runs several statements with no parameters (schema migrations).
  virtual Status ExecScript(const std::string& sql) = 0;
};

// "vacancy_id" -> "vacancyId": the API's name for a column, for error fields.
std::string ColumnToField(std::string_view column);

}  // namespace carecoop::store

#endif  // CARECOOP_STORE_SQL_H_
