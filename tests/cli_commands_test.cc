#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "cli/commands.h"
#include "cli/run_for_test.h"
#include "store/raw_access.h"
#include "tests/support/test_stores.h"

namespace carecoop::cli {
namespace {

TEST(CliTest, HelpListsEverySubcommand) {
  Output o = Carecoop({"--help"});
  EXPECT_EQ(o.code, 0);
  for (const char* sub :
       {"generate", "calibration", "summary", "rccs", "match", "serve", "user", "audit"})
    EXPECT_NE(o.out.find(sub), std::string::npos) << sub;
  Output g = Carecoop({"generate", "--help"});
  EXPECT_EQ(g.code, 0);
  EXPECT_NE(g.out.find("--scale"), std::string::npos);
  EXPECT_NE(g.out.find("--seed"), std::string::npos);
}

TEST(CliTest, BadUsageExitsTwoWithAMessage) {
  Output none = Carecoop({});
  EXPECT_EQ(none.code, 2);
  Output unknown = Carecoop({"fly"});
  EXPECT_EQ(unknown.code, 2);
  EXPECT_NE(unknown.err.find("fly"), std::string::npos);
  Output scale =
      Carecoop({"generate", "--scale", "galaxy", "--store", testing::FreshStoreUrl("sqlite")});
  EXPECT_EQ(scale.code, 2);
  EXPECT_NE(scale.err.find("scale"), std::string::npos);
}

TEST(CliTest, BadValuesNameTheField) {
  Output date =
      Carecoop({"generate", "--as-at", "31/03/2025", "--store", testing::FreshStoreUrl("sqlite")});
  EXPECT_EQ(date.code, 1);
  EXPECT_NE(date.err.find("as-at"), std::string::npos) << date.err;
  Output rcc =
      Carecoop({"generate", "--rcc", "Narnia", "--store", testing::FreshStoreUrl("sqlite")});
  EXPECT_EQ(rcc.code, 1);
  EXPECT_NE(rcc.err.find("rcc"), std::string::npos) << rcc.err;
  Output store = Carecoop({"summary", "--store", "mysql://nowhere"});
  EXPECT_EQ(store.code, 1);
  EXPECT_NE(store.err.find("store"), std::string::npos) << store.err;
}

TEST(CliTest, GenerateThenSummaryAndCalibration) {
  std::string url = testing::FreshStoreUrl("sqlite");
  Output gen = Carecoop({"generate", "--scale", "region", "--seed", "11", "--store", url});
  ASSERT_EQ(gen.code, 0) << gen.err;
  EXPECT_NE(gen.out.find("10 councils, 1 RCC,"), std::string::npos) << gen.out;

  Output sum = Carecoop({"summary", "--store", url});
  ASSERT_EQ(sum.code, 0) << sum.err;
  EXPECT_NE(sum.out.find("Greater Manchester RCC"), std::string::npos) << sum.out;
  EXPECT_TRUE(std::regex_search(sum.out, std::regex(R"(councils\s+10 )"))) << sum.out;
  EXPECT_TRUE(std::regex_search(sum.out, std::regex(R"(children in care\s+[1-9][0-9]{3})")))
      << sum.out;
  EXPECT_TRUE(std::regex_search(sum.out, std::regex(R"(open referrals\s+[1-9][0-9]+)"))) << sum.out;

  Output cal = Carecoop({"calibration", "--store", url});
  ASSERT_EQ(cal.code, 0) << cal.err;
  // One row per figure: name, published, generated, difference like "-2.1%".
  EXPECT_TRUE(std::regex_search(
      cal.out, std::regex(R"(children looked after on 31 March\s+\d+\s+\d+\s+[+-]\d+\.\d%)")))
      << cal.out;

  Output again = Carecoop({"generate", "--store", url});
  EXPECT_EQ(again.code, 1);
  EXPECT_NE(again.err.find("store"), std::string::npos) << again.err;
}

TEST(CliTest, CalibrationOfAnEmptyStoreSaysWhatToDo) {
  Output cal = Carecoop({"calibration", "--store", testing::FreshStoreUrl("sqlite")});
  EXPECT_EQ(cal.code, 1);
  EXPECT_NE(cal.err.find("generate"), std::string::npos) << cal.err;
}

TEST(CliTest, RccsListsTwentyRccs) {
  Output o = Carecoop({"rccs"});
  EXPECT_EQ(o.code, 0);
  EXPECT_EQ(std::count(o.out.begin(), o.out.end(), '\n'), 20);
  EXPECT_NE(o.out.find("NW-GM"), std::string::npos);
}

TEST(CliTest, MatchRankAssignAndCompareReadTheStore) {
  std::string url = testing::FreshStoreUrl("sqlite");
  ASSERT_EQ(Carecoop({"generate", "--store", url}).code, 0);

  Output assign = Carecoop({"match", "assign", "--rcc", "NW-GM", "--store", url});
  ASSERT_EQ(assign.code, 0) << assign.err;
  EXPECT_TRUE(
      std::regex_search(assign.out, std::regex(R"(needs-led placement of \d+ open referrals)")))
      << assign.out;
  EXPECT_TRUE(
      std::regex_search(assign.out, std::regex(R"(referral \d+ \([^)]*\): .* km from family)")))
      << assign.out;

  Output json = Carecoop(
      {"match", "assign", "--rcc", "NW-GM", "--policy", "sequential", "--json", "--store", url});
  ASSERT_EQ(json.code, 0) << json.err;
  EXPECT_NE(json.out.find("\"policy\": \"sequential\""), std::string::npos) << json.out;
  EXPECT_NE(json.out.find("\"children_placed\""), std::string::npos);
  // The first referral placed: rank it.
  std::smatch m;
  ASSERT_TRUE(std::regex_search(assign.out, m, std::regex(R"(referral (\d+) \([^)]*\): [^n])")));
  Output rank = Carecoop({"match", "rank", "--referral", m[1].str(), "--top", "3", "--store", url});
  ASSERT_EQ(rank.code, 0) << rank.err;
  EXPECT_TRUE(std::regex_search(
      rank.out, std::regex(R"(\d+ of \d+ homes with a free place meet every requirement)")))
      << rank.out;
  EXPECT_NE(rank.out.find("  1. "), std::string::npos) << rank.out;
  EXPECT_NE(rank.out.find("excluded: "), std::string::npos) << rank.out;

  Output cmp = Carecoop({"match", "compare", "--rcc", "NW-GM", "--store", url});
  ASSERT_EQ(cmp.code, 0) << cmp.err;
  for (const char* row :
       {"children placed", "mean distance from family", "90th percentile", "over 20 miles",
        "outside their council", "needs fully met", "weekly cost"})
    EXPECT_NE(cmp.out.find(row), std::string::npos) << row;
}

TEST(CliTest, MatchBadInputNamesTheField) {
  std::string url = testing::FreshStoreUrl("sqlite");
  ASSERT_EQ(Carecoop({"generate", "--store", url}).code, 0);
  Output rcc = Carecoop({"match", "assign", "--rcc", "Narnia", "--store", url});
  EXPECT_EQ(rcc.code, 1);
  EXPECT_NE(rcc.err.find("rcc"), std::string::npos) << rcc.err;
  Output policy =
      Carecoop({"match", "assign", "--rcc", "NW-GM", "--policy", "cheapest", "--store", url});
  EXPECT_EQ(policy.code, 1);
  EXPECT_NE(policy.err.find("policy"), std::string::npos) << policy.err;
  Output missing = Carecoop({"match", "rank", "--referral", "999999", "--store", url});
  EXPECT_EQ(missing.code, 1);
  EXPECT_NE(missing.err.find("999999"), std::string::npos) << missing.err;
  Output none = Carecoop({"match", "rank", "--store", url});
  EXPECT_EQ(none.code, 2);
  EXPECT_NE(none.err.find("referral"), std::string::npos) << none.err;
}

// The lines of `market fair-price --json` add up to its total, a quoted fee
// is set beside it with the flag, and a bad value names its option.
TEST(CliTest, MarketFairPriceLinesAddUpAndBadValuesNameTheField) {
  Output out = Carecoop({"market", "fair-price", "--setting", "childrens_home", "--places", "4",
                         "--ratio", "one_to_one", "--quoted", "9000", "--json"});
  ASSERT_EQ(out.code, 0) << out.err;
  auto j = nlohmann::json::parse(out.out);
  std::int64_t sum = 0;
  for (const auto& line : j["lines"]) sum += line["weekly"].get<std::int64_t>();
  EXPECT_EQ(sum, j["weekly"].get<std::int64_t>());
  EXPECT_EQ(j["quoted"]["weekly"], 900000);
  EXPECT_EQ(j["quoted"]["difference"].get<std::int64_t>(), 900000 - sum);
  EXPECT_EQ(j["quoted"]["aboveThreshold"].get<bool>(), (900000 - sum) * 10 > sum);
  for (auto [option, value] : {std::pair{"--setting", "castle"}, {"--band", "huge"}}) {
    Output bad = Carecoop({"market", "fair-price", option, value});
    EXPECT_EQ(bad.code, 1);
    EXPECT_NE(bad.err.find(std::string(option).substr(2)), std::string::npos) << bad.err;
  }
  Output places = Carecoop({"market", "fair-price", "--places", "0"});
  EXPECT_EQ(places.code, 1);
  EXPECT_NE(places.err.find("registeredPlaces"), std::string::npos) << places.err;
}

// market payments-run pays a week once; market budget's total row is the
// sum of its councils; market contracts lists the region's contracts;
// market recruitment's stages never grow down the funnel.
TEST(CliTest, MarketCommandsReadTheStoreAndAddUp) {
  std::string url = testing::FreshStoreUrl("sqlite");
  ASSERT_EQ(Carecoop({"generate", "--store", url, "--scale", "region", "--rcc", "NE-1"}).code, 0);
  Output run = Carecoop({"market", "payments-run", "--rcc", "NE-1", "--week-from", "2025-03-24",
                         "--weeks", "2", "--store", url, "--json"});
  ASSERT_EQ(run.code, 0) << run.err;
  auto runs = nlohmann::json::parse(run.out);
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_GT(runs[0]["placementsPaid"].get<int>(), 0);
  Output again = Carecoop({"market", "payments-run", "--rcc", "NE-1", "--week-from", "2025-03-24",
                           "--store", url, "--json"});
  EXPECT_TRUE(nlohmann::json::parse(again.out)[0]["alreadyRun"].get<bool>());
  Output budget = Carecoop(
      {"market", "budget", "--rcc", "NE-1", "--day", "2025-03-31", "--store", url, "--json"});
  ASSERT_EQ(budget.code, 0) << budget.err;
  auto b = nlohmann::json::parse(budget.out);
  std::int64_t sum = 0;
  const auto& rows = b["councils"];
  for (std::size_t i = 0; i + 1 < rows.size(); ++i) sum += rows[i]["budget"].get<std::int64_t>();
  EXPECT_GT(sum, 0);
  EXPECT_EQ(rows.back()["budget"].get<std::int64_t>(), sum);
  // The forecast to year end is the demand model's for every council, and,
  // made at half-year, is within 10% of what the synthetic year then spent
  // (a back-test: the model sees only the rates of the year to its day).
  Output half = Carecoop({"market", "budget", "--rcc", "NE-1", "--day", "2024-10-01", "--year",
                          "2024", "--store", url, "--json"});
  ASSERT_EQ(half.code, 0) << half.err;
  Output end = Carecoop({"market", "budget", "--rcc", "NE-1", "--day", "2025-04-01", "--year",
                         "2024", "--store", url, "--json"});
  ASSERT_EQ(end.code, 0) << end.err;
  const auto h = nlohmann::json::parse(half.out)["councils"];
  const auto e = nlohmann::json::parse(end.out)["councils"];
  for (std::size_t i = 0; i + 1 < h.size(); ++i)
    EXPECT_EQ(h[i]["forecastMethod"], "demand model") << h[i].dump();
  const double forecast = h.back()["forecast"].get<double>();
  const double spent = e.back()["spendToDate"].get<double>();
  EXPECT_EQ(e.back()["forecast"].get<double>(), spent) << "no days left: the forecast is the spend";
  EXPECT_NEAR(forecast / spent, 1.0, 0.10) << forecast << " forecast against " << spent;
  Output contracts = Carecoop(
      {"market", "contracts", "--rcc", "NE-1", "--day", "2025-03-31", "--store", url, "--json"});
  ASSERT_EQ(contracts.code, 0) << contracts.err;
  EXPECT_GT(nlohmann::json::parse(contracts.out).size(), 0u);
  // The region's framework and DPS: every admission joins lots of its own
  // framework at a fee; the framework next admits on its reopening date.
  Output frameworks = Carecoop(
      {"market", "frameworks", "--rcc", "NE-1", "--day", "2025-06-01", "--store", url, "--json"});
  ASSERT_EQ(frameworks.code, 0) << frameworks.err;
  auto fws = nlohmann::json::parse(frameworks.out);
  ASSERT_EQ(fws.size(), 2u);
  int admissions = 0;
  for (const auto& f : fws) {
    std::set<std::string> lots;
    for (const auto& l : f["lots"]) lots.insert(l["code"].get<std::string>());
    if (f["route"] == "framework") {
      EXPECT_EQ(f["nextAdmission"], "2026-04-01");
    } else {
      EXPECT_EQ(f["nextAdmission"], "2025-06-01") << "a DPS admits any day";
    }
    for (const auto& a : f["admissions"]) {
      ++admissions;
      ASSERT_FALSE(a["fees"].empty());
      for (const auto& [lot, fee] : a["fees"].items()) {
        EXPECT_TRUE(lots.count(lot)) << lot;
        EXPECT_GT(fee.get<std::int64_t>(), 0);
      }
    }
  }
  EXPECT_GT(admissions, 0);
  Output funnel = Carecoop(
      {"market", "recruitment", "--rcc", "NE-1", "--day", "2025-03-31", "--store", url, "--json"});
  ASSERT_EQ(funnel.code, 0) << funnel.err;
  auto stages = nlohmann::json::parse(funnel.out)["funnel"];
  for (std::size_t s = 1; s < stages.size(); ++s)
    EXPECT_LE(stages[s]["reached"].get<int>(), stages[s - 1]["reached"].get<int>());
  Output bad =
      Carecoop({"market", "budget", "--rcc", "NE-1", "--day", "2025-02-30", "--store", url});
  EXPECT_EQ(bad.code, 1);
  EXPECT_NE(bad.err.find("day"), std::string::npos) << bad.err;
}

TEST(CliTest, OversightCommandsReadTheStoreAndAReturnThatDoesNotAddUpStoresNothing) {
  std::string url = testing::FreshStoreUrl("sqlite");
  ASSERT_EQ(Carecoop({"generate", "--store", url, "--scale", "region", "--rcc", "NE-1"}).code, 0);
  Output groups = Carecoop({"oversight", "groups", "--store", url, "--json"});
  ASSERT_EQ(groups.code, 0) << groups.err;
  auto g = nlohmann::json::parse(groups.out);
  ASSERT_FALSE(g.empty());
  // In scope first, each with its reasons; a stage wherever a return was filed.
  bool seen_out_of_scope = false;
  for (const auto& row : g) {
    if (!row["inScope"].get<bool>()) seen_out_of_scope = true;
    EXPECT_FALSE(seen_out_of_scope && row["inScope"].get<bool>()) << "in scope listed first";
    EXPECT_EQ(row["inScope"].get<bool>(), !row["scopeReasons"].empty());
  }
  Output cap = Carecoop({"oversight", "profit-cap", "--cap", "0.10", "--store", url, "--json"});
  ASSERT_EQ(cap.code, 0) << cap.err;
  auto c = nlohmann::json::parse(cap.out);
  std::int64_t excess = 0;
  for (const auto& row : c["groups"]) {
    // The regulated profit is profit before tax plus the adjustments.
    std::int64_t sum = row["profitBeforeTax"].get<std::int64_t>();
    for (const auto& a : row["adjustments"]) sum += a["amount"].get<std::int64_t>();
    EXPECT_EQ(sum, row["profit"].get<std::int64_t>());
    excess += row["excess"].get<std::int64_t>();
  }
  EXPECT_EQ(excess, c["totalExcess"].get<std::int64_t>());
  Output failure =
      Carecoop({"oversight", "failure", "--group", std::to_string(g[0]["id"].get<int>()), "--today",
                "2025-03-31", "--store", url, "--json"});
  ASSERT_EQ(failure.code, 0) << failure.err;
  auto f = nlohmann::json::parse(failure.out)["impact"];
  EXPECT_EQ(f["children"].get<int>(), f["within20Miles"].get<int>() + f["withinRcc"].get<int>() +
                                          f["elsewhere"].get<int>() + f["nowhere"].get<int>());
  EXPECT_EQ(Carecoop({"oversight", "concentration", "--store", url}).code, 0);
  EXPECT_EQ(Carecoop({"oversight", "prices", "--rcc", "NE-1", "--store", url}).code, 0);

  // A file whose second row does not add up: refused whole, naming the line.
  std::string number = g[0]["companyNumber"].get<std::string>();
  std::string path = testing::FreshStoreUrl("sqlite").substr(7) + ".csv";
  {
    std::ofstream out(path);
    out << "company_number,year,revenue,staff_costs,property_costs,related_party_rent,"
           "management_charges,other_costs,operating_profit,market_rent,debt,connected_debt,"
           "interest,connected_interest,cash,capital_employed\n"
        << number << ",2031,1000,600,50,0,0,150,200,0,0,0,0,0,10,100\n"
        << number << ",2032,1000,600,50,0,0,150,250,0,0,0,0,0,10,100\n";
  }
  Output bad = Carecoop({"oversight", "returns-import", path, "--store", url});
  EXPECT_EQ(bad.code, 1);
  EXPECT_NE(bad.err.find("operatingProfit"), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find(":3:"), std::string::npos) << bad.err;
  auto count = [&] {
    std::int64_t n = -1;
    auto opened = store::Store::Open(url);
    EXPECT_TRUE(opened.ok());
    (void)(*opened)->Read([&](store::Tx& tx) -> Status {
      return store::RawConnection(tx).Query(
          "SELECT COUNT(*) FROM financial_return WHERE year > 2030", {},
          [&](const store::SqlRow& row) {
            n = row.Int(0);
            return Status::Ok();
          });
    });
    return n;
  };
  EXPECT_EQ(count(), 0);
  {
    std::ofstream out(path);
    out << "company_number,year,revenue,staff_costs,property_costs,related_party_rent,"
           "management_charges,other_costs,operating_profit,market_rent,debt,connected_debt,"
           "interest,connected_interest,cash,capital_employed\n"
        << number << ",2031,1000,600,50,0,0,150,200,0,0,0,0,0,10,100\n";
  }
  Output good = Carecoop({"oversight", "returns-import", path, "--store", url});
  EXPECT_EQ(good.code, 0) << good.err;
  EXPECT_EQ(count(), 1);
}

TEST(CliTest, UserAddThenAuditVerifyDetectsTampering) {
  std::string url = testing::FreshStoreUrl("sqlite");
  Output gen = Carecoop({"generate", "--store", url, "--scale", "region", "--rcc", "NE-1"});
  ASSERT_EQ(gen.code, 0) << gen.err;
  Output hub = Carecoop({"user", "add", "--store", url, "--username", "hub.one", "--role",
                         "hub_officer", "--rcc", "NE-1"});
  ASSERT_EQ(hub.code, 0) << hub.err;
  EXPECT_NE(hub.out.find("with password "), std::string::npos) << "a made password is shown once";
  Output missing =
      Carecoop({"user", "add", "--store", url, "--username", "hub.two", "--role", "hub_officer"});
  EXPECT_EQ(missing.code, 1);
  EXPECT_NE(missing.err.find("rcc"), std::string::npos) << missing.err;
  Output bad_rcc = Carecoop({"user", "add", "--store", url, "--username", "hub.two", "--role",
                             "hub_officer", "--rcc", "XX"});
  EXPECT_EQ(bad_rcc.code, 1);
  Output ok = Carecoop({"audit", "verify", "--store", url});
  EXPECT_EQ(ok.code, 0) << ok.err;
  EXPECT_NE(ok.out.find("intact: 1 records"), std::string::npos) << ok.out;
  auto store = store::Store::Open(url);
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE((*store)
                  ->Write([](store::Tx& tx) {
                    return store::RawConnection(tx)
                        .Exec("UPDATE audit_log SET actor = 'someone else'", {})
                        .status();
                  })
                  .ok());
  Output broken = Carecoop({"audit", "verify", "--store", url});
  EXPECT_EQ(broken.code, 1);
  EXPECT_NE(broken.err.find("edited"), std::string::npos) << broken.err;
}

}  // namespace
}  // namespace carecoop::cli
