#include "store/backup.h"

#include <sqlite3.h>

#include <filesystem>
#include <memory>

#include "store/raw_access.h"

namespace carecoop::store {
namespace {

struct CloseDb {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using Db = std::unique_ptr<sqlite3, CloseDb>;

Result<Db> OpenDb(const std::string& path, int flags) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  Db db(raw);
  if (rc != SQLITE_OK)
    return Unavailable("cannot open " + path + ": " +
                       (raw ? sqlite3_errmsg(raw) : "out of memory"));
  sqlite3_busy_timeout(raw, 10000);
  return db;
}

}  // namespace

Result<BackupReport> Backup(std::string_view url, const std::string& out) {
  std::string u(url);
  if (u.starts_with("postgresql://") || u.starts_with("postgres://"))
    return InvalidArgument("store",
                           "a PostgreSQL store is backed up with pg_dump --format=custom and "
                           "restored with pg_restore (docs/operations.md)");
  if (!u.starts_with("sqlite:")) return InvalidArgument("store", "use sqlite:PATH");
  std::string path = u.substr(7);
  if (path.starts_with("//")) path = path.substr(2);
  if (!std::filesystem::exists(path)) return InvalidArgument("store", "there is no file " + path);
  if (out.empty()) return InvalidArgument("out", "is required");
  if (std::filesystem::exists(out))
    return InvalidArgument("out", out + " exists: a backup never overwrites a file");
  CC_ASSIGN_OR_RETURN(Db source, OpenDb(path, SQLITE_OPEN_READONLY));
  CC_ASSIGN_OR_RETURN(Db dest, OpenDb(out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE));
  sqlite3_backup* b = sqlite3_backup_init(dest.get(), "main", source.get(), "main");
  if (!b) return Internal(std::string("backup: ") + sqlite3_errmsg(dest.get()));
  // A batch of pages per step; the source is locked only during a step, so
  // the server's writers go on between steps (a write restarts the copy).
  int rc;
  do {
    rc = sqlite3_backup_step(b, 256);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(5);
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  BackupReport report{sqlite3_backup_pagecount(b), 0};
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) {
    dest.reset();
    std::filesystem::remove(out);
    return Internal(std::string("backup failed: ") + sqlite3_errstr(rc));
  }
  std::string check;
  sqlite3_exec(
      dest.get(), "PRAGMA integrity_check",
      [](void* p, int, char** values, char**) {
        auto* s = static_cast<std::string*>(p);
        if (!s->empty()) *s += "; ";
        *s += values[0] ? values[0] : "";
        return 0;
      },
      &check, nullptr);
  dest.reset();
  if (check != "ok") return Internal("the backup fails its integrity check: " + check);
  report.bytes = static_cast<std::int64_t>(std::filesystem::file_size(out));
  return report;
}

Result<std::string> IntegrityCheck(Store& store) {
  std::string out;
  auto collect = [&](const SqlRow& row) -> Status {
    std::string line = row.Text(0);
    if (!out.empty()) out += "; ";
    out += line;
    return Status::Ok();
  };
  if (store.dialect() == Dialect::kSqlite) {
    CC_RETURN_IF_ERROR(store.Read([&](Tx& tx) -> Status {
      return RawConnection(tx).Query("PRAGMA integrity_check", {}, collect);
    }));
    return out;
  }
  CC_RETURN_IF_ERROR(store.Write([&](Tx& tx) -> Status {
    return RawConnection(tx).Exec("CREATE EXTENSION IF NOT EXISTS amcheck", {}).status();
  }));
  std::int64_t indexes = 0;
  CC_RETURN_IF_ERROR(store.Read([&](Tx& tx) -> Status {
    return RawConnection(tx).Query(
        "SELECT COUNT(*) FROM (SELECT bt_index_check(c.oid) FROM pg_index i JOIN pg_class c ON "
        "c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam JOIN pg_namespace n ON n.oid = "
        "c.relnamespace WHERE a.amname = 'btree' AND n.nspname = current_schema()) AS checked",
        {}, [&](const SqlRow& row) -> Status {
          indexes = row.Int(0);
          return Status::Ok();
        });
  }));
  // bt_index_check raises an error on the first corrupt index; reaching here means none.
  return indexes > 0 ? std::string("ok") : std::string("no indexes found to check");
}

}  // namespace carecoop::store
