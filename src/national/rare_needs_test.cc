// Rare-need detection by hand-worked cases: which profiles are rare in every
// RCC and common enough in England, how coarsening merges them, how they
// rank; and the return's restricted section through both file formats.
#include "national/rare_needs.h"

#include <gtest/gtest.h>

#include "national/rcc_return.h"
#include "national/rcc_return_json.h"

namespace carecoop::national {
namespace {

NeedProfile Profile(const std::string& key) {
  auto p = ParseProfileKey(key, "test");
  EXPECT_TRUE(p.ok()) << p.status().ToString();
  return p.ok() ? *p : NeedProfile{};
}

NeedProfileCount Count(const std::string& key, std::int64_t unmet, std::int64_t hard,
                       std::int64_t fee_each = 0, std::int64_t miles_each = 0) {
  NeedProfileCount c;
  c.profile = Profile(key);
  c.unmet = unmet;
  c.hard_to_place = hard;
  c.weekly_fees_pence = fee_each * hard;
  c.miles = miles_each * hard;
  c.with_distance = miles_each ? hard : 0;
  return c;
}

const std::string kA = "childrens_home/10_to_15/two_to_one/sexual_exploitation/none";
const std::string kB = "secure_childrens_home/10_to_15/one_to_one/none/deprivation_of_liberty";
const std::string kC = "fostering_household/under_1/standard/none/parent_and_child";
const std::string kD = "supported_accommodation/16_and_over/standard/none/none";
const std::string kE = "childrens_home/16_and_over/two_to_one/missing/none";
const std::string kF = "childrens_home/10_to_15/more_than_two_to_one/none/adapted_home";

// Eight RCCs over 2026 (and one quarter of 2025, outside the window):
//   A: R1-R7, 1 unmet in Q2 and 2 hard to place in Q3 at 8,000 a week, 60
//      miles: 3 an RCC, 21 in England: rare.
//   B: R1 4 (2 in Q1, 2 in Q4), R2-R7 3: 22, but R1 saw 4: common there.
//   C: R1-R5 3: 15 in England: too few.
//   D: R1-R8 3 in 2025Q4 only: outside the window, not seen.
//   E: R1-R7 3 unmet: 21, rare, no placement cost or distance.
//   F: R1-R8 3 hard to place at 5,000 a week, 90 miles: 24, rare.
std::vector<ProfileReturn> England() {
  std::vector<ProfileReturn> out;
  for (int i = 1; i <= 8; ++i) {
    const std::string rcc = "R" + std::to_string(i);
    ProfileReturn q1{rcc, {2026, 1}, {}}, q2{rcc, {2026, 2}, {}}, q3{rcc, {2026, 3}, {}},
        q4{rcc, {2026, 4}, {}}, old{rcc, {2025, 4}, {}};
    if (i <= 7) {
      q2.counts.push_back(Count(kA, 1, 0));
      q3.counts.push_back(Count(kA, 0, 2, 800'000, 60));
      q2.counts.push_back(Count(kE, 3, 0));
      if (i == 1) {
        q1.counts.push_back(Count(kB, 2, 0));
        q4.counts.push_back(Count(kB, 2, 0));
      } else {
        q4.counts.push_back(Count(kB, 3, 0));
      }
    }
    if (i <= 5) q1.counts.push_back(Count(kC, 3, 0));
    old.counts.push_back(Count(kD, 3, 0));
    q4.counts.push_back(Count(kF, 0, 3, 500'000, 90));
    for (auto* r : {&q1, &q2, &q3, &q4, &old}) out.push_back(*r);
  }
  return out;
}

TEST(RareNeedsTest, RareInEveryRccAndEnoughInEngland) {
  const auto found = FindRareNeeds(England(), {2026, 4}, RareNeedRules{});
  EXPECT_EQ(found.first, (Quarter{2026, 1}));
  EXPECT_EQ(found.last, (Quarter{2026, 4}));
  EXPECT_EQ(found.rccs.size(), 8u);
  EXPECT_EQ(found.profiles_seen, 5);  // A, B, C, E, F (D is outside the window)
  EXPECT_EQ(found.common_elsewhere, 1);
  EXPECT_EQ(found.too_few, 1);
  ASSERT_EQ(found.rare.size(), 3u);
  // By children: F 24; A and E 21 each, A first by its cost.
  EXPECT_EQ(found.rare[0].key, kF);
  EXPECT_EQ(found.rare[0].children, 24);
  EXPECT_EQ(found.rare[0].hard_to_place, 24);
  EXPECT_EQ(found.rare[0].rccs_seen, 8);
  EXPECT_EQ(found.rare[0].mean_weekly_fee_pence, 500'000);
  EXPECT_EQ(found.rare[0].mean_miles, 90);
  EXPECT_EQ(found.rare[1].key, kA);
  EXPECT_EQ(found.rare[1].children, 21);
  EXPECT_EQ(found.rare[1].unmet, 7);
  EXPECT_EQ(found.rare[1].hard_to_place, 14);
  EXPECT_EQ(found.rare[1].rccs_seen, 7);
  EXPECT_EQ(found.rare[1].mean_weekly_fee_pence, 800'000);
  EXPECT_EQ(found.rare[1].mean_miles, 60);
  EXPECT_EQ(found.rare[2].key, kE);
  EXPECT_FALSE(found.rare[2].mean_weekly_fee_pence.has_value());
  EXPECT_FALSE(found.rare[2].mean_miles.has_value());
}

TEST(RareNeedsTest, RanksByCostOrByDistance) {
  auto keys = [](RareNeedOrder order) {
    std::vector<std::string> out;
    for (const auto& n : FindRareNeeds(England(), {2026, 4}, RareNeedRules{}, order).rare)
      out.push_back(n.key);
    return out;
  };
  EXPECT_EQ(keys(RareNeedOrder::kCost), (std::vector<std::string>{kA, kF, kE}));
  EXPECT_EQ(keys(RareNeedOrder::kDistance), (std::vector<std::string>{kF, kA, kE}));
}

TEST(RareNeedsTest, TheWindowAndTheThresholdsAreTheRules) {
  // The last two quarters only: A has 2 an RCC (14), E none, F 24, B 3-2.
  RareNeedRules half;
  half.quarters = 2;
  auto found = FindRareNeeds(England(), {2026, 4}, half);
  ASSERT_EQ(found.rare.size(), 2u);
  EXPECT_EQ(found.rare[0].key, kF);
  EXPECT_EQ(found.rare[1].key, kB);  // 2 + 6 x 3 = 20, at most 3 an RCC now
  EXPECT_EQ(found.rare[1].children, 20);
  // Rare at most 4 a year: B (R1's 4) is rare too.
  RareNeedRules four;
  four.rare_at_most = 4;
  found = FindRareNeeds(England(), {2026, 4}, four);
  EXPECT_EQ(found.rare.size(), 4u);
  EXPECT_EQ(found.common_elsewhere, 0);
  // England needs 25: none.
  RareNeedRules more;
  more.national_at_least = 25;
  EXPECT_TRUE(FindRareNeeds(England(), {2026, 4}, more).rare.empty());
}

TEST(RareNeedsTest, CoarseningMergesProfilesBeforeCounting) {
  // Two profiles differing only in risks, 2 each in each of 8 RCCs: 16
  // each, too few; without risks, 4 an RCC: common; rare at most 4: 32.
  const std::string g1 = "childrens_home/10_to_15/one_to_one/sexual_exploitation/none";
  const std::string g2 = "childrens_home/10_to_15/one_to_one/missing/none";
  std::vector<ProfileReturn> returns;
  for (int i = 1; i <= 8; ++i)
    returns.push_back({"R" + std::to_string(i), {2026, 2}, {Count(g1, 2, 0), Count(g2, 2, 0)}});
  RareNeedRules fine;
  auto found = FindRareNeeds(returns, {2026, 4}, fine);
  EXPECT_TRUE(found.rare.empty());
  EXPECT_EQ(found.too_few, 2);
  RareNeedRules coarse;
  coarse.parts = {"setting", "age", "ratio"};
  found = FindRareNeeds(returns, {2026, 4}, coarse);
  EXPECT_TRUE(found.rare.empty());
  EXPECT_EQ(found.common_elsewhere, 1);
  coarse.rare_at_most = 4;
  found = FindRareNeeds(returns, {2026, 4}, coarse);
  ASSERT_EQ(found.rare.size(), 1u);
  EXPECT_EQ(found.rare[0].key, "childrens_home/10_to_15/one_to_one/any/any");
  EXPECT_EQ(found.rare[0].children, 32);
}

TEST(RareNeedsTest, HardToPlaceIsOver28DaysOrOver20Miles) {
  EXPECT_FALSE(HardToPlace(28, 20.0));
  EXPECT_TRUE(HardToPlace(29, std::nullopt));
  EXPECT_TRUE(HardToPlace(0, 20.5));
  EXPECT_FALSE(HardToPlace(3, std::nullopt));
}

TEST(RareNeedsTest, KeysReadBackAndBadKeysNameThePart) {
  EXPECT_EQ(Profile(kA).Key(), kA);
  EXPECT_EQ(Profile(kA).risks, (std::vector<std::string>{"sexual_exploitation"}));
  auto bad = [](const std::string& key) { return ParseProfileKey(key, "p").status().ToString(); };
  EXPECT_NE(bad("childrens_home/10_to_15/two_to_one/none").find("5 parts"), std::string::npos);
  EXPECT_NE(bad("castle/10_to_15/two_to_one/none/none").find("setting 'castle'"),
            std::string::npos);
  EXPECT_NE(bad("childrens_home/teen/two_to_one/none/none").find("age 'teen'"), std::string::npos);
  EXPECT_NE(bad("childrens_home/10_to_15/two_to_one/self_harm+missing/none").find("sorted"),
            std::string::npos);
  EXPECT_NE(bad("childrens_home/10_to_15/two_to_one/none/pony").find("need 'pony'"),
            std::string::npos);
}

TEST(RareNeedsTest, ProfileCountsAreCheckedWithTheirField) {
  auto error = [](std::vector<NeedProfileCount> counts) {
    return ValidateNeedProfiles(counts).ToString();
  };
  EXPECT_TRUE(ValidateNeedProfiles({Count(kA, 1, 2, 100, 5)}).ok());
  EXPECT_NE(error({Count(kA, 1, 0), Count(kA, 2, 0)}).find("need_profiles[1].profile"),
            std::string::npos);
  EXPECT_NE(error({Count(kA, 0, 0)}).find("need_profiles[0].unmet"), std::string::npos);
  auto c = Count(kA, 1, 0);
  c.weekly_fees_pence = 5;
  EXPECT_NE(error({c}).find("need_profiles[0].weekly_fees_pence"), std::string::npos);
  c = Count(kA, -1, 2);
  EXPECT_NE(error({c}).find("need_profiles[0].unmet"), std::string::npos);
  c = Count(kA, 0, 1, 100, 5);
  c.with_distance = 2;
  EXPECT_NE(error({c}).find("need_profiles[0].with_distance"), std::string::npos);
  c = Count(kA, 1, 0);
  c.profile = c.profile.Coarsened({"setting"});
  EXPECT_NE(error({c}).find("not 'any'"), std::string::npos);
}

TEST(RareNeedsTest, RulesFromTextNameTheField) {
  auto rules = ParseRareNeedRules({{"rare_at_most", "2"}, {"parts", "setting,ratio"}});
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  EXPECT_EQ(rules->rare_at_most, 2);
  EXPECT_EQ(rules->national_at_least, 20);
  EXPECT_EQ(rules->parts, (std::vector<std::string>{"setting", "ratio"}));
  auto error = [](std::map<std::string, std::string> given) {
    return ParseRareNeedRules(given).status().ToString();
  };
  EXPECT_NE(error({{"quarters", "four"}}).find("quarters"), std::string::npos);
  EXPECT_NE(error({{"quarters", "0"}}).find("quarters"), std::string::npos);
  EXPECT_NE(error({{"national_at_least", "3"}}).find("national_at_least"), std::string::npos);
  EXPECT_NE(error({{"parts", "setting,colour"}}).find("colour"), std::string::npos);
  EXPECT_NE(error({{"size", "1"}}).find("size"), std::string::npos);
  EXPECT_FALSE(ParseRareNeedOrder("price").ok());
}

// The restricted section: built from the facts, kept through JSON and CSV,
// and checked against the referrals table.
TEST(RareNeedsTest, TheReturnCarriesProfilesThroughBothFormats) {
  ReturnFacts f;
  f.rcc_code = "NW";
  f.quarter = {2026, 3};
  for (int i = 0; i < 2; ++i) {
    ReferralFact r;
    r.outcome = "unmet";
    f.referrals.push_back(r);
    f.unmet.push_back({Setting::kChildrensHome, NeedBand::kSpecialist});
    f.profiles.push_back({Profile(kA), true, 0, std::nullopt});
  }
  ReferralFact placed;
  placed.outcome = "placed";
  placed.days_to_placement = 40;
  f.referrals.push_back(placed);
  f.profiles.push_back({Profile(kA), false, 750'000, 30.4});
  const RccReturn r = BuildReturn(f, Date(2026, 10, 5));
  ASSERT_EQ(r.need_profiles.size(), 1u);
  const NeedProfileCount& c = r.need_profiles[0];
  EXPECT_EQ(c.profile.Key(), kA);
  EXPECT_EQ(c.unmet, 2);
  EXPECT_EQ(c.hard_to_place, 1);
  EXPECT_EQ(c.weekly_fees_pence, 750'000);
  EXPECT_EQ(c.miles, 30);
  EXPECT_EQ(c.with_distance, 1);
  ASSERT_TRUE(Validate(r).ok()) << Validate(r).ToString();

  auto from_json = ReturnFromJson(ReturnJson(r));
  ASSERT_TRUE(from_json.ok()) << from_json.status().ToString();
  auto from_csv = ReturnFromCsv(ReturnCsv(r), "test.csv");
  ASSERT_TRUE(from_csv.ok()) << from_csv.status().ToString();
  for (const RccReturn* back : {&*from_json, &*from_csv}) {
    ASSERT_EQ(back->need_profiles.size(), 1u);
    EXPECT_EQ(back->need_profiles[0].profile, c.profile);
    EXPECT_EQ(back->need_profiles[0].unmet, 2);
    EXPECT_EQ(back->need_profiles[0].miles, 30);
  }
  // A return without the section still reads (none).
  auto j = ReturnJson(r);
  j.erase("need_profiles");
  auto without = ReturnFromJson(j);
  ASSERT_TRUE(without.ok());
  EXPECT_TRUE(without->need_profiles.empty());
  // A bad key in a file names its place.
  j = ReturnJson(r);
  j["need_profiles"][0]["profile"] = "childrens_home/10_to_15";
  EXPECT_NE(ReturnFromJson(j).status().ToString().find("need_profiles[0].profile"),
            std::string::npos);
  // Two profiles out of key order are refused.
  RccReturn swapped = r;
  swapped.need_profiles.push_back(Count(kF, 1, 0));  // kF's key sorts before kA's
  EXPECT_NE(Validate(swapped).ToString().find("order of their keys"), std::string::npos);
}

TEST(RareNeedsTest, ProfilesAgreeWithTheUnmetReferralsShown) {
  ReturnFacts f;
  f.rcc_code = "NW";
  f.quarter = {2026, 3};
  for (int i = 0; i < 6; ++i) {
    ReferralFact r;
    r.outcome = "unmet";
    f.referrals.push_back(r);
    f.unmet.push_back({Setting::kChildrensHome, NeedBand::kSpecialist});
    f.profiles.push_back({Profile(kA), true, 0, std::nullopt});
  }
  RccReturn r = BuildReturn(f, Date(2026, 10, 5));
  ASSERT_TRUE(Validate(r).ok()) << Validate(r).ToString();
  r.need_profiles[0].unmet = 5;
  const std::string error = Validate(r).ToString();
  EXPECT_NE(error.find("need_profiles"), std::string::npos);
  EXPECT_NE(error.find("count 5 unmet referrals, but the referrals table shows 6"),
            std::string::npos)
      << error;
}

}  // namespace
}  // namespace carecoop::national
