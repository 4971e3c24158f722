// Store: CareCoop's one storage interface, with two back ends chosen by URL:
//   sqlite:PATH          an embedded single-file database (the default)
//   postgresql://...     a PostgreSQL server (libpqxx), for national scale
// Both pass the same conformance suite (tests/store_conformance_test.cc).
//
// All work happens in a transaction: Store::Write(fn) / Store::Read(fn) run
// fn with a Tx, commit when fn returns OK and roll back otherwise, so a
// failed write leaves the store exactly as it was. Every Create/Update
// validates the value (domain Validate) and checks that every record it
// refers to exists, before writing; errors name the field.
//
// Thread-safety: a Store may be shared by threads; each transaction takes its
// own connection from a small pool. A Tx belongs to one thread.
#ifndef CARECOOP_STORE_STORE_H_
#define CARECOOP_STORE_STORE_H_

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "store/mapping.h"
#include "store/sql.h"

namespace carecoop::store {

// The key to a transaction's connection: defined in store/raw_access.h only.
class RawAccess;

// Which records a list returns: all, or those belonging to one council, RCC
// or region (through the record's council where it has no direct link).
struct Scope {
  enum class Kind { kAll, kCouncil, kRcc, kRegion };
  Kind kind = Kind::kAll;
  std::int64_t id = 0;

  static Scope All() { return {}; }
  static Scope Of(CouncilId c) { return {Kind::kCouncil, c.value()}; }
  static Scope Of(RccId r) { return {Kind::kRcc, r.value()}; }
  static Scope Of(RegionId r) { return {Kind::kRegion, r.value()}; }
};

class Tx {
 public:
  explicit Tx(SqlConnection& conn) : conn_(conn) {}
  Tx(const Tx&) = delete;
  Tx& operator=(const Tx&) = delete;

  // Validates and inserts `value` (its id and version are ignored); returns
  // the new id. The stored version starts at 1.
  template <class T>
  Result<Id<T>> Create(const T& value);

  // The record, or NotFound.
  template <class T>
  Result<T> Get(Id<T> id);

  // Validates and writes `value` over the stored record, if value.version is
  // the stored version (else Conflict: someone changed it since it was read);
  // on success value.version is the new version.
  template <class T>
  Status Update(T& value);

  // Records in `scope`, in id order. InvalidArgument("scope") when the type
  // cannot be scoped that way.
  template <class T>
  Result<std::vector<T>> List(Scope scope = Scope::All());

  template <class T>
  Result<std::int64_t> Count(Scope scope = Scope::All());

  // Records of type T that refer to `parent` (offers of a referral,
  // placements of a child, vacancies of a home, ...), in id order.
  template <class T, class P>
  Result<std::vector<T>> ListBy(Id<P> parent);

  // The council with this ONS code or DfE LA code, if any.
  Result<std::optional<Council>> FindCouncil(std::string_view code);
  // The RCC with this code, if any.
  Result<std::optional<Rcc>> FindRcc(std::string_view code);
  // The RCC a council belongs to, if any.
  Result<std::optional<RccId>> RccOfCouncil(CouncilId council);
  // An RCC's payments for weeks starting in [from, to), in id order: what a
  // payments run reads (services/payments.cc) without every payment ever.
  Result<std::vector<Payment>> PaymentsStartingIn(RccId rcc, Date from, Date to);
  // An RCC's payments with an overpayment not yet deducted from a remittance.
  Result<std::vector<Payment>> PaymentsOwedBack(RccId rcc);
  // The call-offs of the national contract `reference`, one an RCC, in id
  // order (none when no national contract has it).
  Result<std::vector<Contract>> NationalCallOffs(std::string_view reference);

  // No SQL leaves store/: the connection is reached only through
  // store/raw_access.h, by store's own typed accessors and by tests.
  friend class RawAccess;

 private:
  template <class T>
  std::string SelectSql() const;
  template <class T>
  Result<std::string> ScopeWhere(Scope scope) const;
  template <class T>
  Status CheckReferences(const T& value);
  // Validates `value`, checks its references, and fills its column names
  // and bound values: what Create and Update share.
  template <class T>
  Status PrepareWrite(const T& value, ColumnNames& names, SqlParams& params);
  template <class T>
  Result<std::vector<T>> Select(const std::string& where, const SqlParams& params);
  template <class T>
  Status AfterWrite(const T& value, bool replacing);
  template <class T>
  Status AfterRead(T& value);

  SqlConnection& conn_;
  // Ids this transaction has created or found, by table, so that a
  // reference is looked up once per transaction, not once per record that
  // makes it (a national generation writes about 370,000 placements, each
  // with several references). Sound because no stored record is deleted.
  std::unordered_map<std::string_view, std::unordered_set<std::int64_t>> known_ids_;
};

class Store {
 public:
  // Opens the store at `url`, creating it and applying schema migrations as
  // needed. InvalidArgument("store") for an unknown URL scheme; Unavailable
  // when the database cannot be reached.
  static Result<std::unique_ptr<Store>> Open(std::string_view url, int max_connections = 8);

  // As Open, with every connection the store makes passed through `wrap`
  // first: the seam for a connection that fails on demand (store/faults.h).
  using ConnectionWrapper =
      std::function<std::unique_ptr<SqlConnection>(std::unique_ptr<SqlConnection>)>;
  static Result<std::unique_ptr<Store>> Open(std::string_view url, int max_connections,
                                             ConnectionWrapper wrap);

  ~Store();

  // Runs fn in a read-write transaction. Returns fn's error (after rolling
  // back), a commit error, or OK.
  Status Write(const std::function<Status(Tx&)>& fn);
  // Runs fn in a read-only transaction.
  Status Read(const std::function<Status(Tx&)>& fn);

  Dialect dialect() const { return dialect_; }
  std::string_view backend() const {
    return dialect_ == Dialect::kSqlite ? "sqlite" : "postgresql";
  }
  // The URL with any password masked, for logs.
  const std::string& display_url() const { return display_url_; }

 private:
  using Factory = std::function<Result<std::unique_ptr<SqlConnection>>()>;
  Store(Factory factory, Dialect dialect, std::string display_url, int max_connections);
  Result<std::unique_ptr<SqlConnection>> Acquire();
  void Release(std::unique_ptr<SqlConnection> conn);
  Status Run(bool write, const std::function<Status(Tx&)>& fn);

  Factory factory_;
  Dialect dialect_;
  std::string display_url_;
  int max_connections_;
  std::mutex mu_;
  // SQLite allows one writer at a time; its busy handler makes the others
  // sleep and poll. Writers of this process queue here instead.
  std::mutex sqlite_writer_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<SqlConnection>> idle_;
  int open_ = 0;
};

// ---------------------------------------------------------------------------
// Implementation of the Tx templates.

template <class T>
std::string Tx::SelectSql() const {
  ColumnNames names;
  T dummy{};
  Mapping<T>::Fields(names, dummy);
  std::string sql = "SELECT t.id, t.version";
  for (const auto& n : names.names) sql += ", t." + n;
  sql += " FROM ";
  sql += Mapping<T>::kTable;
  sql += " t";
  return sql;
}

template <class T>
Status Tx::CheckReferences(const T& value) {
  ReferenceCollector refs;
  Mapping<T>::Fields(refs, value);
  for (const auto& r : refs.refs) {
    auto& known = known_ids_[r.table];
    if (known.contains(r.id)) continue;
    bool found = false;
    CC_RETURN_IF_ERROR(conn_.Query(std::string("SELECT 1 FROM ") + r.table + " WHERE id = $1",
                                   {r.id}, [&](const SqlRow&) {
                                     found = true;
                                     return Status::Ok();
                                   }));
    if (!found)
      return InvalidArgument(ColumnToField(r.column), "there is no " + std::string(r.table) +
                                                          " with id " + std::to_string(r.id));
    known.insert(r.id);
  }
  return Status::Ok();
}

template <class T>
Status Tx::PrepareWrite(const T& value, ColumnNames& names, SqlParams& params) {
  CC_RETURN_IF_ERROR(Validate(value));
  CC_RETURN_IF_ERROR(CheckReferences(value));
  Mapping<T>::Fields(names, value);
  Binder binder{params, {}};
  Mapping<T>::Fields(binder, value);
  return binder.status;
}

template <class T>
Result<Id<T>> Tx::Create(const T& value) {
  ColumnNames names;
  SqlParams params;
  CC_RETURN_IF_ERROR(PrepareWrite(value, names, params));
  std::string sql = std::string("INSERT INTO ") + Mapping<T>::kTable + " (";
  std::string values;
  for (std::size_t i = 0; i < names.names.size(); ++i) {
    if (i > 0) {
      sql += ", ";
      values += ", ";
    }
    sql += names.names[i];
    values += "$" + std::to_string(i + 1);
  }
  sql += ") VALUES (" + values + ") RETURNING id";
  std::int64_t id = 0;
  CC_RETURN_IF_ERROR(conn_.Query(sql, params, [&](const SqlRow& row) {
    id = row.Int(0);
    return Status::Ok();
  }));
  known_ids_[Mapping<T>::kTable].insert(id);
  T stored = value;
  stored.id = Id<T>(id);
  CC_RETURN_IF_ERROR(AfterWrite(stored, /*replacing=*/false));
  return Id<T>(id);
}

template <class T>
Result<std::vector<T>> Tx::Select(const std::string& where, const SqlParams& params) {
  std::vector<T> out;
  CC_RETURN_IF_ERROR(conn_.Query(SelectSql<T>() + where, params, [&](const SqlRow& row) {
    T value{};
    value.id = Id<T>(row.Int(0));
    value.version = row.Int(1);
    Reader reader{row, 2, {}};
    Mapping<T>::Fields(reader, value);
    CC_RETURN_IF_ERROR(reader.status);
    out.push_back(std::move(value));
    return Status::Ok();
  }));
  for (T& value : out) CC_RETURN_IF_ERROR(AfterRead(value));
  return out;
}

template <class T>
Result<T> Tx::Get(Id<T> id) {
  CC_ASSIGN_OR_RETURN(auto rows, Select<T>(" WHERE t.id = $1", {id.value()}));
  if (rows.empty())
    return NotFound(std::string("no ") + Mapping<T>::kTable + " with id " +
                    std::to_string(id.value()));
  return std::move(rows.front());
}

template <class T>
Status Tx::Update(T& value) {
  ColumnNames names;
  SqlParams params;
  CC_RETURN_IF_ERROR(PrepareWrite(value, names, params));
  std::string sql = std::string("UPDATE ") + Mapping<T>::kTable + " SET ";
  for (std::size_t i = 0; i < names.names.size(); ++i)
    sql += names.names[i] + " = $" + std::to_string(i + 1) + ", ";
  std::size_t n = names.names.size();
  sql += "version = version + 1 WHERE id = $" + std::to_string(n + 1) + " AND version = $" +
         std::to_string(n + 2);
  params.emplace_back(value.id.value());
  params.emplace_back(value.version);
  CC_ASSIGN_OR_RETURN(std::int64_t changed, conn_.Exec(sql, params));
  if (changed == 0) {
    auto existing = Get<T>(value.id);
    if (!existing.ok()) return existing.status();
    return Conflict(std::string("this ") + Mapping<T>::kTable +
                        " was changed by someone else (version " +
                        std::to_string(existing->version) + ", not " +
                        std::to_string(value.version) + "); reload and try again",
                    "version");
  }
  CC_RETURN_IF_ERROR(AfterWrite(value, /*replacing=*/true));
  value.version += 1;
  return Status::Ok();
}

template <class T>
Result<std::string> Tx::ScopeWhere(Scope scope) const {
  using M = Mapping<T>;
  std::string council = M::kCouncilExpr;
  std::string rcc = M::kRccExpr;
  std::string region = M::kRegionExpr;
  auto unsupported = [&](const char* by) -> Result<std::string> {
    return InvalidArgument("scope", std::string(M::kTable) + " records cannot be listed by " + by);
  };
  switch (scope.kind) {
    case Scope::Kind::kAll:
      return std::string();
    case Scope::Kind::kCouncil:
      if (council.empty()) return unsupported("council");
      return " WHERE " + council + " = $1";
    case Scope::Kind::kRcc:
      if (!rcc.empty()) return " WHERE " + rcc + " = $1";
      if (council.empty()) return unsupported("RCC");
      return " WHERE " + council +
             " IN (SELECT m.council_id FROM rcc_member m WHERE m.rcc_id = $1)";
    case Scope::Kind::kRegion:
      if (!region.empty()) return " WHERE " + region + " = $1";
      if (!council.empty())
        return " WHERE " + council + " IN (SELECT c.id FROM council c WHERE c.region_id = $1)";
      return unsupported("region");
  }
  return unsupported("?");
}

template <class T>
Result<std::vector<T>> Tx::List(Scope scope) {
  CC_ASSIGN_OR_RETURN(std::string where, ScopeWhere<T>(scope));
  SqlParams params;
  if (scope.kind != Scope::Kind::kAll) params.emplace_back(scope.id);
  return Select<T>(where + " ORDER BY t.id", params);
}

template <class T>
Result<std::int64_t> Tx::Count(Scope scope) {
  CC_ASSIGN_OR_RETURN(std::string where, ScopeWhere<T>(scope));
  SqlParams params;
  if (scope.kind != Scope::Kind::kAll) params.emplace_back(scope.id);
  std::int64_t count = 0;
  CC_RETURN_IF_ERROR(
      conn_.Query(std::string("SELECT COUNT(*) FROM ") + Mapping<T>::kTable + " t" + where, params,
                  [&](const SqlRow& row) {
                    count = row.Int(0);
                    return Status::Ok();
                  }));
  return count;
}

template <class T, class P>
Result<std::vector<T>> Tx::ListBy(Id<P> parent) {
  ParentColumn<P> finder;
  T dummy{};
  Mapping<T>::Fields(finder, dummy);
  static_assert(!std::is_same_v<T, P>, "ListBy lists the children of another type");
  if (finder.column.empty())
    return InvalidArgument("parent", std::string(Mapping<T>::kTable) + " records do not refer to " +
                                         Mapping<P>::kTable + " records");
  return Select<T>(" WHERE t." + finder.column + " = $1 ORDER BY t.id", {parent.value()});
}

template <class T>
Status Tx::AfterWrite(const T& value, bool replacing) {
  if constexpr (std::is_same_v<T, Rcc>) {
    if (replacing)
      CC_RETURN_IF_ERROR(
          conn_.Exec("DELETE FROM rcc_member WHERE rcc_id = $1", {value.id.value()}).status());
    for (std::size_t i = 0; i < value.member_councils.size(); ++i) {
      std::string field = "memberCouncils[" + std::to_string(i) + "]";
      auto council = Get<Council>(value.member_councils[i]);
      if (!council.ok()) return InvalidArgument(field, council.status().message());
      auto other = RccOfCouncil(value.member_councils[i]);
      if (!other.ok()) return other.status();
      if (*other) return Conflict(council->name + " already belongs to another RCC", field);
      CC_RETURN_IF_ERROR(conn_
                             .Exec("INSERT INTO rcc_member (council_id, rcc_id) VALUES ($1, $2)",
                                   {value.member_councils[i].value(), value.id.value()})
                             .status());
    }
  } else {
    (void)value;
    (void)replacing;
  }
  return Status::Ok();
}

template <class T>
Status Tx::AfterRead(T& value) {
  if constexpr (std::is_same_v<T, Rcc>) {
    value.member_councils.clear();
    return conn_.Query("SELECT council_id FROM rcc_member WHERE rcc_id = $1 ORDER BY council_id",
                       {value.id.value()}, [&](const SqlRow& row) {
                         value.member_councils.push_back(CouncilId(row.Int(0)));
                         return Status::Ok();
                       });
  } else {
    (void)value;
    return Status::Ok();
  }
}

// The record types of Mapping<T>, and the Tx templates compiled once for
// each of them in store/tx_records.cc: every other file that lists, gets,
// creates or updates a record calls those instead of compiling its own copy
// (most of the store's cost in a services file's compile; docs/testing.md).
// clang-format off
#define CARECOOP_STORE_RECORDS(X)                                                       \
  X(Region) X(Council) X(Rcc) X(Provider) X(Home) X(Vacancy) X(Child) X(Referral)       \
  X(Offer) X(Proposal) X(ScrutinyDecision) X(Placement) X(Contract) X(Framework)        \
  X(ProviderGroup) X(FinancialReturn) X(OversightCase) X(ReceivedReturn)                \
  X(SecureReferral) X(Payment) X(PaymentRun) X(BlockUtilisation) X(BudgetLine)          \
  X(CarerApplication) X(DolOrder) X(UnregisteredPlacement)
// clang-format on

#define CARECOOP_TX_TEMPLATES(PREFIX, T)                     \
  PREFIX template Result<Id<T>> Tx::Create<T>(const T&);     \
  PREFIX template Result<T> Tx::Get<T>(Id<T>);               \
  PREFIX template Status Tx::Update<T>(T&);                  \
  PREFIX template Result<std::vector<T>> Tx::List<T>(Scope); \
  PREFIX template Result<std::int64_t> Tx::Count<T>(Scope);  \
  PREFIX template Result<std::vector<T>> Tx::Select<T>(const std::string&, const SqlParams&);

#define CARECOOP_TX_EXTERN(T) CARECOOP_TX_TEMPLATES(extern, T)
CARECOOP_STORE_RECORDS(CARECOOP_TX_EXTERN)
#undef CARECOOP_TX_EXTERN

}  // namespace carecoop::store

#endif  // CARECOOP_STORE_STORE_H_
