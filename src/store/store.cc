#include "store/store.h"

#include <cctype>

#include "store/postgres/postgres_connection.h"
#include "store/schema.h"
#include "store/sqlite/sqlite_connection.h"

namespace carecoop::store {

std::string ColumnToField(std::string_view column) {
  std::string out;
  bool upper = false;
  for (char c : column) {
    if (c == '_') {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return out;
}

namespace {

// postgresql://user:secret@host/db -> postgresql://user:***@host/db
std::string MaskPassword(std::string url) {
  auto scheme = url.find("://");
  auto at = url.find('@');
  if (scheme == std::string::npos || at == std::string::npos) return url;
  auto colon = url.find(':', scheme + 3);
  if (colon != std::string::npos && colon < at) url.replace(colon + 1, at - colon - 1, "***");
  return url;
}

}  // namespace

Result<std::unique_ptr<Store>> Store::Open(std::string_view url, int max_connections) {
  return Open(url, max_connections, nullptr);
}

Result<std::unique_ptr<Store>> Store::Open(std::string_view url, int max_connections,
                                           ConnectionWrapper wrap) {
  std::string u(url);
  Factory factory;
  Dialect dialect;
  if (u.starts_with("sqlite:")) {
    std::string path = u.substr(7);
    if (path.starts_with("//")) path = path.substr(2);
    if (path.empty())
      return InvalidArgument("store", "sqlite: needs a file path, like sqlite:carecoop.sqlite");
    if (path == ":memory:")
      return InvalidArgument(
          "store", "an in-memory SQLite store cannot be shared by connections; use a file");
    factory = [path] { return OpenSqlite(path); };
    dialect = Dialect::kSqlite;
  } else if (u.starts_with("postgresql://") || u.starts_with("postgres://")) {
    factory = [u] { return OpenPostgres(u); };
    dialect = Dialect::kPostgres;
  } else {
    return InvalidArgument(
        "store",
        "'" + MaskPassword(u) + "' is not a store URL: use sqlite:PATH or postgresql://...");
  }
  if (wrap)
    factory = [open = std::move(factory), wrap]() -> Result<std::unique_ptr<SqlConnection>> {
      CC_ASSIGN_OR_RETURN(auto conn, open());
      return wrap(std::move(conn));
    };
  std::unique_ptr<Store> store(
      new Store(std::move(factory), dialect, MaskPassword(u), max_connections));
  CC_ASSIGN_OR_RETURN(auto conn, store->Acquire());
  Status migrated = Migrate(*conn);
  store->Release(std::move(conn));
  CC_RETURN_IF_ERROR(migrated);
  return store;
}

Store::Store(Factory factory, Dialect dialect, std::string display_url, int max_connections)
    : factory_(std::move(factory)),
      dialect_(dialect),
      display_url_(std::move(display_url)),
      max_connections_(max_connections < 1 ? 1 : max_connections) {}

Store::~Store() = default;

Result<std::unique_ptr<SqlConnection>> Store::Acquire() {
  std::unique_lock lock(mu_);
  cv_.wait(lock, [&] { return !idle_.empty() || open_ < max_connections_; });
  if (!idle_.empty()) {
    auto conn = std::move(idle_.back());
    idle_.pop_back();
    return conn;
  }
  ++open_;
  lock.unlock();
  auto conn = factory_();
  if (!conn.ok()) {
    std::lock_guard relock(mu_);
    --open_;
    cv_.notify_one();
  }
  return conn;
}

void Store::Release(std::unique_ptr<SqlConnection> conn) {
  std::lock_guard lock(mu_);
  if (conn)
    idle_.push_back(std::move(conn));
  else
    --open_;
  cv_.notify_one();
}

Status Store::Run(bool write, const std::function<Status(Tx&)>& fn) {
  std::unique_lock<std::mutex> writer;
  if (write && dialect_ == Dialect::kSqlite) writer = std::unique_lock(sqlite_writer_);
  CC_ASSIGN_OR_RETURN(auto conn, Acquire());
  Status result = conn->Begin(write);
  if (result.ok()) {
    Tx tx(*conn);
    result = fn(tx);
    if (result.ok())
      result = conn->Commit();
    else
      (void)conn->Rollback();
  }
  // A connection that failed at the transport level is not reused.
  if (result.code() == StatusCode::kUnavailable) {
    (void)conn->Rollback();
    conn.reset();
  }
  Release(std::move(conn));
  return result;
}

Status Store::Write(const std::function<Status(Tx&)>& fn) { return Run(true, fn); }
Status Store::Read(const std::function<Status(Tx&)>& fn) { return Run(false, fn); }

Result<std::optional<Council>> Tx::FindCouncil(std::string_view code) {
  CC_ASSIGN_OR_RETURN(auto rows, Select<Council>(" WHERE t.ons_code = $1 OR t.dfe_la_code = $1",
                                                 {std::string(code)}));
  if (rows.empty()) return std::optional<Council>();
  return std::optional<Council>(std::move(rows.front()));
}

Result<std::optional<Rcc>> Tx::FindRcc(std::string_view code) {
  CC_ASSIGN_OR_RETURN(auto rows, Select<Rcc>(" WHERE t.code = $1", {std::string(code)}));
  if (rows.empty()) return std::optional<Rcc>();
  return std::optional<Rcc>(std::move(rows.front()));
}

Result<std::vector<Payment>> Tx::PaymentsStartingIn(RccId rcc, Date from, Date to) {
  return Select<Payment>(
      " WHERE t.rcc_id = $1 AND t.week_start >= $2 AND t.week_start < $3 ORDER BY t.id",
      {rcc.value(), from.ToIso(), to.ToIso()});
}

Result<std::vector<Payment>> Tx::PaymentsOwedBack(RccId rcc) {
  return Select<Payment>(
      " WHERE t.rcc_id = $1 AND t.recovered > 0 AND t.recovered_in IS NULL ORDER BY t.id",
      {rcc.value()});
}

Result<std::vector<Contract>> Tx::NationalCallOffs(std::string_view reference) {
  return Select<Contract>(" WHERE t.national = 1 AND t.reference = $1 ORDER BY t.id",
                          {std::string(reference)});
}

Result<std::optional<RccId>> Tx::RccOfCouncil(CouncilId council) {
  std::optional<RccId> rcc;
  CC_RETURN_IF_ERROR(conn_.Query("SELECT rcc_id FROM rcc_member WHERE council_id = $1",
                                 {council.value()}, [&](const SqlRow& row) {
                                   rcc = RccId(row.Int(0));
                                   return Status::Ok();
                                 }));
  return rcc;
}

}  // namespace carecoop::store
