// `carecoop backup`: an online copy of a SQLite store taken while writes go
// on is a consistent store (integrity check, audit chain, every record read
// back), and restoring it (copying it into place) gives a store that serves.
#include "store/backup.h"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <sstream>
#include <thread>

#include "cli/commands.h"
#include "services/audit.h"
#include "tests/support/api_harness.h"
#include "tests/support/temp_dir.h"

namespace carecoop::testing {
namespace {

TEST(BackupTest, AnOnlineBackupTakenDuringWritesRestoresWhole) {
  ApiHarness h("sqlite", 5);
  for (int i = 0; i < 20; ++i) h.DraftReferral(h.a);
  const std::string dir = FreshTempDir("backup").string();
  const std::string out = dir + "/backup.sqlite";
  // Writes go on while the backup runs.
  std::atomic<bool> stop{false};
  std::atomic<int> written{0};
  std::thread writer([&] {
    while (!stop) {
      h.DraftReferral(h.b);
      ++written;
    }
  });
  while (written.load() < 3) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  std::ostringstream o, e;
  const int rc =
      cli::Run({"carecoop", "backup", "--store", h.store().display_url(), "--out", out}, o, e);
  stop = true;
  writer.join();
  ASSERT_EQ(rc, 0) << e.str();
  EXPECT_NE(o.str().find("integrity check ok"), std::string::npos) << o.str();
  EXPECT_GT(written.load(), 0);

  // Restore: the file, put in place, is a store that opens, verifies and reads back.
  const std::string restored = dir + "/restored.sqlite";
  std::filesystem::copy_file(out, restored);
  auto store = store::Store::Open("sqlite:" + restored);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  auto check = store::IntegrityCheck(**store);
  ASSERT_TRUE(check.ok());
  EXPECT_EQ(*check, "ok");
  std::int64_t referrals = 0;
  ASSERT_TRUE((*store)
                  ->Read([&](store::Tx& tx) -> Status {
                    CC_ASSIGN_OR_RETURN(auto report, services::VerifyAudit(tx));
                    EXPECT_TRUE(report.ok());
                    CC_ASSIGN_OR_RETURN(referrals, tx.Count<Referral>());
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_GE(referrals, 20);
  std::ostringstream vo, ve;
  EXPECT_EQ(cli::Run({"carecoop", "audit", "verify", "--store", "sqlite:" + restored}, vo, ve), 0)
      << ve.str();
  EXPECT_EQ(cli::Run({"carecoop", "store", "check", "--store", "sqlite:" + restored}, vo, ve), 0)
      << ve.str();

  // A backup never overwrites; PostgreSQL is pg_dump's.
  std::ostringstream o2, e2;
  EXPECT_EQ(
      cli::Run({"carecoop", "backup", "--store", h.store().display_url(), "--out", out}, o2, e2),
      1);
  EXPECT_NE(e2.str().find("out"), std::string::npos) << e2.str();
  std::ostringstream o3, e3;
  EXPECT_EQ(
      cli::Run({"carecoop", "backup", "--store", "postgresql://x/y", "--out", dir + "/pg.dump"}, o3,
               e3),
      1);
  EXPECT_NE(e3.str().find("pg_dump"), std::string::npos) << e3.str();
}

}  // namespace
}  // namespace carecoop::testing
