// Crash safety (issue 14): kill -9 the server at random moments during a
// stream of acknowledged writes, 20 times on each back end; restart it; every
// write the server acknowledged (201) is in the store, the database's own
// integrity check is clean, and the audit trail verifies.
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "services/audit.h"
#include "services/users.h"
#include "store/backup.h"
#include "store/users.h"
#include "tests/support/test_stores.h"

namespace carecoop::testing {
namespace {

using nlohmann::json;

// A `carecoop serve` child process on `url`.
class ServerProcess {
 public:
  ServerProcess(const std::string& url, int port) : port_(port) {
    pid_ = fork();
    if (pid_ == 0) {
      execl(CARECOOP_BIN, CARECOOP_BIN, "serve", "--store", url.c_str(), "--port",
            std::to_string(port).c_str(), "--no-access-log", "--today", "2025-04-01",
            static_cast<char*>(nullptr));
      _exit(127);
    }
  }
  ~ServerProcess() { Kill(SIGKILL); }
  // Whether it answers /api/health within 20 s.
  bool Ready() {
    httplib::Client c("127.0.0.1", port_);
    c.set_connection_timeout(0, 200000);
    for (int i = 0; i < 200; ++i) {
      if (auto r = c.Get("/api/health"); r && r->status == 200) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }
  void Kill(int sig) {
    if (pid_ <= 0) return;
    ::kill(pid_, sig);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
  }

 private:
  int port_;
  pid_t pid_ = -1;
};

std::string SignIn(int port) {
  httplib::Client c("127.0.0.1", port);
  auto r = c.Post("/api/sessions",
                  json{{"username", "crash.admin"}, {"password", "correct horse battery"}}.dump(),
                  "application/json");
  if (!r || r->status != 201) return "";
  return json::parse(r->body)["token"];
}

class CrashTest : public ::testing::TestWithParam<std::string> {};

TEST_P(CrashTest, EveryAcknowledgedWriteSurvivesKillNine) {
  const std::string url = FreshStoreUrl(GetParam());
  {
    auto store = store::Store::Open(url);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    ASSERT_TRUE(services::AddUser(
                    **store, {"crash.admin", "correct horse battery", Role::kAdmin, {}, {}, {}},
                    Timestamp{}, "test", services::PasswordCost::kTestOnlyMinimum)
                    .ok());
  }
  std::mt19937 rng(20261202 + (GetParam() == "sqlite" ? 0 : 1));
  const int port = 19000 + static_cast<int>(getpid() % 500) * 2 + (GetParam() == "sqlite" ? 0 : 1);
  std::set<std::string> acknowledged;
  int next = 0, kills_mid_stream = 0;
  for (int round = 0; round < 20; ++round) {
    ServerProcess server(url, port);
    ASSERT_TRUE(server.Ready()) << "round " << round << ": the server did not restart";
    const std::string token = SignIn(port);
    ASSERT_FALSE(token.empty()) << "round " << round;
    std::mutex mu;
    std::atomic<bool> stop{false};
    std::atomic<int> failures{0};
    std::vector<std::thread> writers;
    for (int w = 0; w < 4; ++w)
      writers.emplace_back([&, w] {
        httplib::Client c("127.0.0.1", port);
        c.set_read_timeout(5, 0);
        httplib::Headers auth = {{"Authorization", "Bearer " + token}};
        while (!stop) {
          std::string name;
          {
            std::lock_guard lock(mu);
            name = "w" + std::to_string(w) + ".n" + std::to_string(++next);
          }
          auto r = c.Post("/api/users", auth,
                          json{{"username", name}, {"role", "national_analyst"}}.dump(),
                          "application/json");
          if (r && r->status == 201) {
            std::lock_guard lock(mu);
            acknowledged.insert(name);
          } else if (!r) {
            ++failures;
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
          }
        }
      });
    std::this_thread::sleep_for(std::chrono::milliseconds(100 + rng() % 400));
    const std::size_t before_kill = [&] {
      std::lock_guard lock(mu);
      return acknowledged.size();
    }();
    server.Kill(SIGKILL);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    stop = true;
    for (auto& t : writers) t.join();
    kills_mid_stream += before_kill > 0 && failures > 0;
  }
  ASSERT_GT(acknowledged.size(), 100u) << "too few writes to prove anything";
  EXPECT_GE(kills_mid_stream, 15) << "the kills must land while writes are in flight";
  // Restarted once more: it serves, then stops cleanly.
  {
    ServerProcess server(url, port);
    ASSERT_TRUE(server.Ready());
    EXPECT_FALSE(SignIn(port).empty());
    server.Kill(SIGTERM);
  }
  auto store = store::Store::Open(url);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  std::size_t found = 0;
  ASSERT_TRUE((*store)
                  ->Read([&](store::Tx& tx) -> Status {
                    for (const std::string& name : acknowledged) {
                      CC_ASSIGN_OR_RETURN(auto user, store::FindUser(tx, name));
                      found += user.has_value();
                    }
                    CC_ASSIGN_OR_RETURN(auto report, services::VerifyAudit(tx));
                    EXPECT_TRUE(report.ok()) << report.problems.front();
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(found, acknowledged.size()) << "acknowledged writes lost";
  auto check = store::IntegrityCheck(**store);
  ASSERT_TRUE(check.ok()) << check.status().ToString();
  EXPECT_EQ(*check, "ok");
  RecordProperty("acknowledged_writes", static_cast<int>(acknowledged.size()));
  std::printf("crash test (%s): 20 kills, %d mid-stream, %zu acknowledged writes, all found\n",
              GetParam().c_str(), kills_mid_stream, acknowledged.size());
}

INSTANTIATE_TEST_SUITE_P(Backends, CrashTest, ::testing::Values("sqlite", "postgresql"),
                         [](const ::testing::TestParamInfo<std::string>& p) { return p.param; });

}  // namespace
}  // namespace carecoop::testing
