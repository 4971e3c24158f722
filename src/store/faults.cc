#include "store/faults.h"

#include <cctype>
#include <thread>

namespace carecoop::store {
namespace {

bool IsWrite(std::string_view sql) {
  while (!sql.empty() && std::isspace(static_cast<unsigned char>(sql.front())))
    sql.remove_prefix(1);
  auto starts = [&](std::string_view word) {
    if (sql.size() < word.size()) return false;
    for (std::size_t i = 0; i < word.size(); ++i)
      if (std::toupper(static_cast<unsigned char>(sql[i])) != word[i]) return false;
    return true;
  };
  return starts("INSERT") || starts("UPDATE") || starts("DELETE");
}

class FaultyConnection : public SqlConnection {
 public:
  FaultyConnection(std::unique_ptr<SqlConnection> inner, std::shared_ptr<FaultPlan> plan)
      : inner_(std::move(inner)), plan_(std::move(plan)) {}

  Dialect dialect() const override { return inner_->dialect(); }
  Status Begin(bool write) override {
    if (auto wait = plan_->latency(); wait.count() > 0) std::this_thread::sleep_for(wait);
    return inner_->Begin(write);
  }
  Status Commit() override {
    if (plan_->NextCommitFails()) {
      (void)inner_->Rollback();
      return Internal("injected fault: commit");
    }
    return inner_->Commit();
  }
  Status Rollback() override { return inner_->Rollback(); }
  Result<std::int64_t> Exec(const std::string& sql, const SqlParams& params) override {
    if (IsWrite(sql) && plan_->NextWriteFails()) return Internal("injected fault: write");
    return inner_->Exec(sql, params);
  }
  Status Query(const std::string& sql, const SqlParams& params,
               const std::function<Status(const SqlRow&)>& on_row) override {
    if (IsWrite(sql) && plan_->NextWriteFails()) return Internal("injected fault: write");
    return inner_->Query(sql, params, on_row);
  }
  Status ExecScript(const std::string& sql) override { return inner_->ExecScript(sql); }

 private:
  std::unique_ptr<SqlConnection> inner_;
  std::shared_ptr<FaultPlan> plan_;
};

}  // namespace

Result<std::unique_ptr<Store>> OpenFaultyStore(std::string_view url,
                                               std::shared_ptr<FaultPlan> plan,
                                               int max_connections) {
  return Store::Open(url, max_connections, [plan](std::unique_ptr<SqlConnection> conn) {
    return std::unique_ptr<SqlConnection>(
        std::make_unique<FaultyConnection>(std::move(conn), plan));
  });
}

}  // namespace carecoop::store
