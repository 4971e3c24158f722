#include "store/sqlite/sqlite_connection.h"

#include <sqlite3.h>

#include <unordered_map>

namespace carecoop::store {
namespace {

class SqliteRow : public SqlRow {
 public:
  explicit SqliteRow(sqlite3_stmt* stmt) : stmt_(stmt) {}
  int size() const override { return sqlite3_column_count(stmt_); }
  bool IsNull(int c) const override { return sqlite3_column_type(stmt_, c) == SQLITE_NULL; }
  std::int64_t Int(int c) const override { return sqlite3_column_int64(stmt_, c); }
  double Real(int c) const override { return sqlite3_column_double(stmt_, c); }
  std::string Text(int c) const override {
    const auto* p = sqlite3_column_text(stmt_, c);
    if (p == nullptr) return {};
    return std::string(reinterpret_cast<const char*>(p),
                       static_cast<std::size_t>(sqlite3_column_bytes(stmt_, c)));
  }

 private:
  sqlite3_stmt* stmt_;
};

// "UNIQUE constraint failed: placement.vacancy_id" -> "vacancy_id".
std::string ColumnFromMessage(const std::string& message) {
  auto colon = message.find(": ");
  if (colon == std::string::npos) return {};
  std::string rest = message.substr(colon + 2);
  auto comma = rest.find(',');
  if (comma != std::string::npos) rest = rest.substr(0, comma);
  auto dot = rest.find('.');
  return dot == std::string::npos ? rest : rest.substr(dot + 1);
}

class SqliteConnection : public SqlConnection {
 public:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  ~SqliteConnection() override {
    for (auto& [sql, prepared] : statements_) sqlite3_finalize(prepared.stmt);
    sqlite3_close_v2(db_);
  }

  Dialect dialect() const override { return Dialect::kSqlite; }

  Status Begin(bool write) override { return ExecScript(write ? "BEGIN IMMEDIATE" : "BEGIN"); }
  Status Commit() override { return ExecScript("COMMIT"); }
  Status Rollback() override {
    if (sqlite3_get_autocommit(db_)) return Status::Ok();  // nothing open
    return ExecScript("ROLLBACK");
  }

  Result<std::int64_t> Exec(const std::string& sql, const SqlParams& params) override {
    Status s = Run(sql, params, nullptr);
    if (!s.ok()) return s;
    return static_cast<std::int64_t>(sqlite3_changes64(db_));
  }

  Status Query(const std::string& sql, const SqlParams& params,
               const std::function<Status(const SqlRow&)>& on_row) override {
    return Run(sql, params, &on_row);
  }

  Status ExecScript(const std::string& sql) override {
    char* err = nullptr;
    int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
    std::string message = err ? err : "";
    sqlite3_free(err);
    if (rc != SQLITE_OK) return Error(rc, message);
    return Status::Ok();
  }

 private:
  Status Error(int rc, const std::string& message) {
    int primary = rc & 0xff;
    if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
      std::string column = ColumnFromMessage(message);
      return Conflict("a record with this " + ColumnToField(column) + " already exists",
                      ColumnToField(column));
    }
    if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
      return InvalidArgument("", "refers to a record that does not exist");
    if (primary == SQLITE_CONSTRAINT)
      return InvalidArgument("", "breaks a rule of the store: " + message);
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
      return Unavailable("the store is busy; try again");
    return Internal("sqlite: " + message);
  }

  // A statement prepared once per connection, with where each of the
  // store's parameters $1..$n sits in it (0: not used), found once rather
  // than by name on every run.
  struct Prepared {
    sqlite3_stmt* stmt = nullptr;
    std::vector<int> index;  // index[i]: the bind index of $i+1
  };

  Result<const Prepared*> Prepare(const std::string& sql, std::size_t param_count) {
    auto it = statements_.find(sql);
    if (it == statements_.end()) {
      sqlite3_stmt* stmt = nullptr;
      int rc = sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()),
                                  SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
      if (rc != SQLITE_OK)
        return Internal("sqlite prepare: " + std::string(sqlite3_errmsg(db_)) + " in " + sql);
      it = statements_.emplace(sql, Prepared{stmt, {}}).first;
    }
    Prepared& p = it->second;
    while (p.index.size() < param_count) {
      std::string name = "$" + std::to_string(p.index.size() + 1);
      p.index.push_back(sqlite3_bind_parameter_index(p.stmt, name.c_str()));
    }
    return &p;
  }

  Status Run(const std::string& sql, const SqlParams& params,
             const std::function<Status(const SqlRow&)>* on_row) {
    CC_ASSIGN_OR_RETURN(const Prepared* prepared, Prepare(sql, params.size()));
    sqlite3_stmt* stmt = prepared->stmt;
    struct Reset {
      sqlite3_stmt* s;
      ~Reset() {
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
      }
    } reset{stmt};
    for (std::size_t i = 0; i < params.size(); ++i) {
      int index = prepared->index[i];
      if (index == 0) continue;  // parameter not used by this statement
      const SqlValue& v = params[i];
      int rc = SQLITE_OK;
      if (std::holds_alternative<std::monostate>(v))
        rc = sqlite3_bind_null(stmt, index);
      else if (auto* n = std::get_if<std::int64_t>(&v))
        rc = sqlite3_bind_int64(stmt, index, *n);
      else if (auto* d = std::get_if<double>(&v))
        rc = sqlite3_bind_double(stmt, index, *d);
      else {
        const auto& s = std::get<std::string>(v);
        rc = sqlite3_bind_text64(stmt, index, s.data(), s.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
      }
      if (rc != SQLITE_OK) return Internal("sqlite bind: " + std::string(sqlite3_errmsg(db_)));
    }
    SqliteRow row(stmt);
    while (true) {
      int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) return Status::Ok();
      if (rc == SQLITE_ROW) {
        if (on_row) CC_RETURN_IF_ERROR((*on_row)(row));
        continue;
      }
      return Error(sqlite3_extended_errcode(db_), sqlite3_errmsg(db_));
    }
  }

  sqlite3* db_;
  std::unordered_map<std::string, Prepared> statements_;
};

}  // namespace

Result<std::unique_ptr<SqlConnection>> OpenSqlite(const std::string& path) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(
      path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close_v2(db);
    return Unavailable("cannot open SQLite store '" + path + "': " + message);
  }
  sqlite3_extended_result_codes(db, 1);
  auto conn = std::make_unique<SqliteConnection>(db);
  sqlite3_busy_timeout(db, 30000);
  // SQLite's default page cache (2 MiB): a 64 MiB one saved nothing in a
  // national generation and made reads after another connection's write
  // 1.5-2x slower (docs/benchmarks.md, "The store's write path").
  CC_RETURN_IF_ERROR(conn->ExecScript(
      "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;"));
  return std::unique_ptr<SqlConnection>(std::move(conn));
}

}  // namespace carecoop::store
