// `carecoop demo activity` on a generated region: what it reports is what
// the store holds, and what it did went through the workflow's rules (each
// proposal's offer carries the child's view; what was sent awaits the demo
// provider's answer; approved proposals are booked and paid weekly).
#include <gtest/gtest.h>

#include <regex>

#include "cli/run_for_test.h"
#include "tests/support/test_stores.h"

namespace carecoop::cli {
namespace {

std::int64_t Count(const std::string& url, const std::string& sql) {
  return testing::QueryNumber(url, sql);
}

TEST(DemoActivityCli, WhatItReportsIsWhatTheStoreHolds) {
  std::string url = testing::FreshStoreUrl("sqlite");
  ASSERT_EQ(Carecoop({"generate", "--scale", "region", "--seed", "3", "--store", url}).code, 0);
  const std::int64_t provider =
      Count(url,
            "SELECT provider_id FROM home GROUP BY provider_id ORDER BY COUNT(*) DESC, "
            "provider_id LIMIT 1");
  Output o = Carecoop({"demo", "activity", "--store", url, "--rcc", "NW-GM", "--today",
                       "2025-03-31", "--provider", std::to_string(provider)});
  ASSERT_EQ(o.code, 0) << o.err;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(
      o.out, m,
      std::regex(
          R"((\d+) referrals sent to providers \((\d+) awaiting the demo provider's answer\), (\d+) offers, (\d+) proposed, (\d+) booked)")))
      << o.out;
  const auto n = [&](int i) { return std::stoll(m[i].str()); };
  EXPECT_EQ(n(1), 16);
  EXPECT_EQ(Count(url, "SELECT COUNT(DISTINCT referral_id) FROM referral_recipient"), n(1));
  EXPECT_EQ(Count(url, "SELECT COUNT(*) FROM offer"), n(3));
  EXPECT_EQ(Count(url, "SELECT COUNT(*) FROM proposal"), n(4));
  EXPECT_EQ(Count(url,
                  "SELECT COUNT(*) FROM placement p WHERE p.referral_id IN (SELECT "
                  "referral_id FROM proposal)"),
            n(5));
  EXPECT_GT(n(4), 0);
  EXPECT_GT(n(5), 0);
  // Every proposal's offer has the child's view recorded.
  EXPECT_EQ(Count(url,
                  "SELECT COUNT(*) FROM proposal p JOIN offer o ON o.id = p.offer_id "
                  "WHERE o.child_view = 'not_recorded'"),
            0);
  // Referrals sent to the demo provider that it has not answered.
  EXPECT_EQ(Count(url, "SELECT COUNT(*) FROM referral_recipient rr WHERE rr.provider_id = " +
                           std::to_string(provider) +
                           " AND NOT EXISTS (SELECT 1 FROM offer o JOIN home h ON h.id = "
                           "o.home_id WHERE o.referral_id = rr.referral_id AND h.provider_id = " +
                           std::to_string(provider) + ")") >= n(2),
            true);
  // Each booking is paid weekly, 52 weeks scheduled.
  EXPECT_EQ(Count(url, "SELECT COUNT(*) FROM payment"), 52 * n(5));
  // The registers of liberty: what it says it recorded is on the register.
  ASSERT_TRUE(std::regex_search(
      o.out, m,
      std::regex(
          R"(Liberty register: (\d+) deprivation of liberty orders and (\d+) stays in unregistered settings recorded)")))
      << o.out;
  EXPECT_EQ(n(1), 3);
  EXPECT_EQ(n(2), 3);
  EXPECT_EQ(Count(url, "SELECT COUNT(*) FROM dol_order"), n(1));
  EXPECT_EQ(Count(url, "SELECT COUNT(*) FROM unregistered_placement"), n(2));
  EXPECT_EQ(Count(url, "SELECT COUNT(*) FROM dol_order WHERE setting_registered = 0"), 2);
  // A national contract, called off by every RCC.
  ASSERT_TRUE(std::regex_search(
      o.out, m,
      std::regex(R"(National contracts: NAT-RARE-CH-2TO1 let with .*, called off by (\d+) RCCs)")))
      << o.out;
  EXPECT_EQ(n(1), Count(url, "SELECT COUNT(*) FROM rcc"));
  EXPECT_EQ(Count(url, "SELECT COUNT(*) FROM contract WHERE national = 1 AND type = 'framework'"),
            n(1));
  // And a national block, its void shares the whole.
  ASSERT_TRUE(std::regex_search(
      o.out, m,
      std::regex(
          R"(National contracts: NAT-BLOCK-STEP-DOWN \(a block of 4 places\) let with .*, its voids shared by (\d+) RCCs)")))
      << o.out;
  EXPECT_EQ(Count(url, "SELECT COUNT(*) FROM contract WHERE national = 1 AND type = 'block'"),
            n(1));
  EXPECT_EQ(Count(url,
                  "SELECT SUM(void_share_bp) FROM contract WHERE national = 1 AND type = "
                  "'block' AND block_places = 4"),
            10'000);
  // Bad input names the field.
  Output bad =
      Carecoop({"demo", "activity", "--store", url, "--rcc", "NW-GM", "--today", "31/03/2025"});
  EXPECT_NE(bad.code, 0);
  EXPECT_NE(bad.err.find("today"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace carecoop::cli
