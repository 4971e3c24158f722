#include "tests/support/test_stores.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>

#include "store/postgres/postgres_connection.h"
#include "store/raw_access.h"

namespace carecoop::testing {
namespace {

[[noreturn]] void Die(const std::string& why) {
  std::fprintf(stderr, "test stores: %s\n", why.c_str());
  std::abort();
}

std::string ReadFirstLine(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

std::string g_own_url_file;

void StopOwnServer() {
  if (g_own_url_file.empty()) return;
  std::string cmd =
      std::string(CARECOOP_SOURCE_DIR) + "/scripts/pg_throwaway stop " + g_own_url_file;
  (void)std::system(cmd.c_str());
}

std::atomic<int> g_counter{0};

}  // namespace

std::string PostgresServerUrl() {
  static std::once_flag once;
  static std::string url;
  std::call_once(once, [] {
    if (const char* direct = std::getenv("CARECOOP_TEST_PG_URL")) {
      url = direct;
      return;
    }
    if (const char* file = std::getenv("CARECOOP_TEST_PG_URL_FILE")) {
      url = ReadFirstLine(file);
      if (url.empty())
        Die(std::string("no PostgreSQL URL in ") + file + " (did pg_throwaway_start fail?)");
      return;
    }
    g_own_url_file =
        (std::filesystem::temp_directory_path() / ("carecoop-pg-url-" + std::to_string(getpid())))
            .string();
    std::string cmd = std::string(CARECOOP_SOURCE_DIR) + "/scripts/pg_throwaway start " +
                      g_own_url_file + " >/dev/null";
    if (std::system(cmd.c_str()) != 0) Die("could not start a throwaway PostgreSQL server");
    std::atexit(StopOwnServer);
    url = ReadFirstLine(g_own_url_file);
  });
  return url;
}

std::string FreshStoreUrl(const std::string& backend) {
  int n = g_counter++;
  if (backend == "sqlite") {
    auto dir =
        std::filesystem::temp_directory_path() / ("carecoop-test-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    auto path = dir / ("store-" + std::to_string(n) + ".sqlite");
    std::filesystem::remove(path);
    return "sqlite:" + path.string();
  }
  if (backend != "postgresql") Die("unknown back end " + backend);
  std::string server = PostgresServerUrl();
  std::string db = "cc_" + std::to_string(getpid()) + "_" + std::to_string(n);
  auto admin = store::OpenPostgres(server);
  if (!admin.ok()) Die(admin.status().ToString());
  Status dropped = (*admin)->ExecScript("DROP DATABASE IF EXISTS " + db);
  if (!dropped.ok()) Die(dropped.ToString());
  Status made = (*admin)->ExecScript("CREATE DATABASE " + db);
  if (!made.ok()) Die(made.ToString());
  auto at = server.find("/postgres?");
  if (at == std::string::npos) Die("unexpected server URL " + server);
  return server.substr(0, at) + "/" + db + server.substr(at + 9);
}

std::unique_ptr<store::Store> FreshStore(const std::string& backend) {
  auto s = store::Store::Open(FreshStoreUrl(backend));
  if (!s.ok()) Die(s.status().ToString());
  return std::move(s).value();
}

std::int64_t QueryNumber(const std::string& url, const std::string& sql) {
  auto store = store::Store::Open(url);
  if (!store.ok()) {
    ADD_FAILURE() << store.status().ToString();
    return -1;
  }
  std::int64_t n = -1;
  Status s = (*store)->Read([&](store::Tx& tx) {
    return store::RawConnection(tx).Query(sql, {}, [&](const store::SqlRow& row) {
      n = row.Int(0);
      return Status::Ok();
    });
  });
  if (!s.ok()) ADD_FAILURE() << sql << ": " << s.ToString();
  return n;
}

}  // namespace carecoop::testing
