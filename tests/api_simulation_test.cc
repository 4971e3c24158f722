// The policy simulator as jobs over HTTP: a commissioner starts a
// simulation, reads its progress and its results, and the results are what
// the engine gives for the same world, designs and seed (run here directly);
// the start is audited; bad requests are refused naming the field and start
// nothing.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "services/audit.h"
#include "services/simulation.h"
#include "sim/report.h"
#include "tests/support/api_harness.h"

namespace carecoop::testing {
namespace {

TEST(ApiSimulationTest, AJobRunsTheDesignsAndGivesTheEnginesResults) {
  ApiHarness h("sqlite", /*places=*/20);
  h.OpenReferral(h.a);  // a need profile to draw from
  const auto& commissioner = h.a.tokens[Role::kCommissioner];
  const json today = {{"name", "today"},
                      {"footprint", "council"},
                      {"sourcing", "sequential"},
                      {"contractedShare", 0.4}};
  const json rcc = {{"name", "rcc"},
                    {"footprint", "rcc"},
                    {"sourcing", "needs_led"},
                    {"contractedShare", 0.6},
                    {"blockShare", 0.1}};
  HttpReply r = h.Do(
      "POST", "/api/simulations", commissioner,
      {{"designs", {today, rcc}}, {"years", 2}, {"runs", 3}, {"seed", 9}, {"asAt", "2025-04-01"}});
  ASSERT_EQ(r.status, 202) << r.text;
  EXPECT_EQ(r.body["runsTotal"], 6);
  const std::string id = std::to_string(r.body["id"].get<std::int64_t>());
  json job;
  for (int i = 0; i < 600; ++i) {
    HttpReply g = h.Do("GET", "/api/simulations/" + id, commissioner);
    ASSERT_EQ(g.status, 200) << g.text;
    job = g.body;
    if (job["status"] != "running") break;
    EXPECT_LE(job["runsDone"].get<int>(), 6);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_EQ(job["status"], "done") << job.dump();
  EXPECT_EQ(job["runsDone"], 6);

  // The engine, run here on the same world with the same designs and seed.
  Result<sim::World> world = InvalidArgument("store", "not read");
  ASSERT_TRUE(h.store()
                  .Read([&](store::Tx& tx) -> Status {
                    world = services::LoadSimulationWorld(tx, Date(2025, 4, 1));
                    return world.status();
                  })
                  .ok());
  std::vector<sim::Design> designs;
  std::vector<std::vector<sim::RunOutcome>> runs;
  for (const json& d : {today, rcc}) {
    designs.push_back(*sim::DesignFromJson(d, "test", world->rcc_codes));
    runs.push_back(sim::RunMany(*world, designs.back(), sim::Parameters(), 2, 3, 9, 2));
  }
  EXPECT_EQ(job["result"]["designs"], sim::DesignsJson(designs, runs, world->rcc_codes));

  // The list, without results; the start audited.
  HttpReply list = h.Do("GET", "/api/simulations", h.national_token);
  ASSERT_EQ(list.status, 200) << list.text;
  ASSERT_EQ(list.body["simulations"].size(), 1u);
  EXPECT_FALSE(list.body["simulations"][0].contains("result"));
  std::vector<store::AuditRecord> records;
  ASSERT_TRUE(h.store()
                  .Read([&](store::Tx& tx) -> Status {
                    CC_ASSIGN_OR_RETURN(records, services::ListAudit(tx, 0, 100000));
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_TRUE(std::any_of(records.begin(), records.end(), [&](const store::AuditRecord& e) {
    return e.action == "simulation.create" && e.resource_id == std::stoll(id);
  }));
}

TEST(ApiSimulationTest, BadRequestsAreRefusedNamingTheFieldAndStartNothing) {
  ApiHarness h("sqlite");
  const auto& commissioner = h.a.tokens[Role::kCommissioner];
  const json today = {{"name", "today"}};
  auto refused = [&](const json& body, const std::string& field) {
    HttpReply r = h.Do("POST", "/api/simulations", commissioner, body);
    EXPECT_EQ(r.status, 422) << r.text;
    EXPECT_EQ(r.body["error"]["field"], field) << r.text;
  };
  refused({{"designs", json::array()}, {"years", 1}, {"runs", 1}}, "designs");
  refused({{"designs", {today}}, {"years", 21}, {"runs", 1}}, "years");
  refused({{"designs", {today}}, {"years", 1}, {"runs", 0}}, "runs");
  refused({{"designs", {today, today}}, {"years", 20}, {"runs", 51}}, "runs");  // 2,040 run-years
  refused({{"designs", {{{"name", "x"}, {"footprint", "county"}}}}, {"years", 1}, {"runs", 1}},
          "designs[0].footprint");
  refused({{"designs", {{{"name", "x"}, {"rccs", {"ZZ"}}}}}, {"years", 1}, {"runs", 1}},
          "designs[0].rccs");
  refused({{"designs", {today}}, {"years", 1}, {"runs", 1}, {"focus", {"ZZ"}}}, "focus[0]");
  refused({{"designs", {today}},
           {"years", 1},
           {"runs", 1},
           {"parameters", {{"availableShare", {{"fostering", 2}}}}}},
          "parameters.availableShare.fostering");
  refused({{"designs", {today}}, {"years", 1}, {"runs", 1}, {"colour", "red"}}, "colour");
  HttpReply list = h.Do("GET", "/api/simulations", commissioner);
  ASSERT_EQ(list.status, 200);
  EXPECT_TRUE(list.body["simulations"].empty());
  HttpReply provider = h.Do("GET", "/api/simulations", h.a.tokens[Role::kProvider]);
  EXPECT_EQ(provider.status, 403);
}

}  // namespace
}  // namespace carecoop::testing
