#include "store/postgres/postgres_connection.h"

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <pqxx/pqxx>
#include <unordered_map>

namespace carecoop::store {
namespace {

class PostgresRow : public SqlRow {
 public:
  explicit PostgresRow(const pqxx::row& row) : row_(row) {}
  int size() const override { return static_cast<int>(row_.size()); }
  bool IsNull(int c) const override { return row_[c].is_null(); }
  std::int64_t Int(int c) const override {
    std::int64_t v = 0;
    const char* s = row_[c].c_str();
    std::from_chars(s, s + row_[c].size(), v);
    return v;
  }
  double Real(int c) const override { return std::strtod(row_[c].c_str(), nullptr); }
  std::string Text(int c) const override { return std::string(row_[c].c_str(), row_[c].size()); }

 private:
  const pqxx::row& row_;
};

// From "DETAIL:  Key (vacancy_id)=(7) already exists." -> "vacancy_id".
std::string ColumnFromDetail(const std::string& what) {
  auto key = what.find("Key (");
  if (key == std::string::npos) return {};
  auto close = what.find(')', key);
  if (close == std::string::npos) return {};
  std::string cols = what.substr(key + 5, close - key - 5);
  auto comma = cols.find(',');
  return comma == std::string::npos ? cols : cols.substr(0, comma);
}

std::string ToText(double d) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", d);
  return buf;
}

class PostgresConnection : public SqlConnection {
 public:
  explicit PostgresConnection(std::unique_ptr<pqxx::connection> conn) : conn_(std::move(conn)) {}
  ~PostgresConnection() override { tx_.reset(); }

  Dialect dialect() const override { return Dialect::kPostgres; }

  Status Begin(bool write) override {
    return Guard([&] {
      if (write)
        tx_ = std::make_unique<pqxx::work>(*conn_);
      else
        tx_ = std::make_unique<pqxx::read_transaction>(*conn_);
    });
  }

  Status Commit() override {
    if (!tx_) return Internal("commit without a transaction");
    Status s = Guard([&] { tx_->commit(); });
    tx_.reset();
    return s;
  }

  Status Rollback() override {
    if (!tx_) return Status::Ok();
    Status s = Guard([&] { tx_->abort(); });
    tx_.reset();
    return s;
  }

  Result<std::int64_t> Exec(const std::string& sql, const SqlParams& params) override {
    std::int64_t affected = 0;
    Status s = Run(sql, params, [&](const pqxx::result& r) {
      affected = static_cast<std::int64_t>(r.affected_rows());
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return affected;
  }

  Status Query(const std::string& sql, const SqlParams& params,
               const std::function<Status(const SqlRow&)>& on_row) override {
    return Run(sql, params, [&](const pqxx::result& r) {
      for (const auto& row : r) {
        PostgresRow wrapped(row);
        CC_RETURN_IF_ERROR(on_row(wrapped));
      }
      return Status::Ok();
    });
  }

  Status ExecScript(const std::string& sql) override {
    return Guard([&] {
      if (tx_)
        tx_->exec(sql);
      else {
        pqxx::nontransaction n(*conn_);
        n.exec(sql);
      }
    });
  }

 private:
  template <class F>
  Status Guard(F&& f) {
    try {
      f();
      return Status::Ok();
    } catch (const pqxx::unique_violation& e) {
      std::string field = ColumnToField(ColumnFromDetail(e.what()));
      return Conflict("a record with this " + field + " already exists", field);
    } catch (const pqxx::foreign_key_violation&) {
      return InvalidArgument("", "refers to a record that does not exist");
    } catch (const pqxx::integrity_constraint_violation& e) {
      return InvalidArgument("", std::string("breaks a rule of the store: ") + e.what());
    } catch (const pqxx::transaction_rollback&) {
      return Unavailable("the store is busy; try again");
    } catch (const pqxx::broken_connection& e) {
      return Unavailable(std::string("PostgreSQL connection lost: ") + e.what());
    } catch (const std::exception& e) {
      return Internal(std::string("postgresql: ") + e.what());
    }
  }

  Status Run(const std::string& sql, const SqlParams& params,
             const std::function<Status(const pqxx::result&)>& on_result) {
    if (!tx_) return Internal("statement outside a transaction");
    std::vector<std::string> text(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    for (std::size_t i = 0; i < params.size(); ++i) {
      const SqlValue& v = params[i];
      if (std::holds_alternative<std::monostate>(v)) continue;
      if (auto* n = std::get_if<std::int64_t>(&v))
        text[i] = std::to_string(*n);
      else if (auto* d = std::get_if<double>(&v))
        text[i] = ToText(*d);
      else
        text[i] = std::get<std::string>(v);
      values[i] = text[i].c_str();
    }
    std::optional<pqxx::result> result;
    Status s = Guard([&] {
      const std::string& name = StatementName(sql);
      result = tx_->exec_prepared(name, pqxx::prepare::make_dynamic_params(values));
    });
    if (!s.ok()) return s;
    return on_result(*result);
  }

  const std::string& StatementName(const std::string& sql) {
    auto it = names_.find(sql);
    if (it != names_.end()) return it->second;
    std::string name = "s" + std::to_string(names_.size());
    conn_->prepare(name, sql);
    return names_.emplace(sql, name).first->second;
  }

  std::unique_ptr<pqxx::connection> conn_;
  std::unique_ptr<pqxx::transaction_base> tx_;
  std::unordered_map<std::string, std::string> names_;
};

}  // namespace

Result<std::unique_ptr<SqlConnection>> OpenPostgres(const std::string& uri) {
  try {
    auto conn = std::make_unique<pqxx::connection>(uri);
    {
      pqxx::nontransaction n(*conn);
      n.exec("SET TIME ZONE 'UTC'; SET DateStyle = 'ISO'; SET client_min_messages = WARNING;");
    }
    return std::unique_ptr<SqlConnection>(std::make_unique<PostgresConnection>(std::move(conn)));
  } catch (const std::exception& e) {
    return Unavailable(std::string("cannot connect to PostgreSQL: ") + e.what());
  }
}

}  // namespace carecoop::store
