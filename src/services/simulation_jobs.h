// The policy simulator as jobs (docs/simulator.md, "Simulations as jobs";
// the API's /api/simulations): a commissioner or a national user starts a
// simulation of one or more designs, reads its progress as its runs finish,
// and reads the results when done. The world is read from the store in the
// job's own thread, so the request that starts it answers at once.
//
// Jobs live in the server's memory (a restart loses them; the results are
// reproducible from their designs and seed), each on one thread, at most
// one running a user and kMaxRunning in all (the server's cores serve
// requests too), the last kKeptJobs kept.
#ifndef CARECOOP_SERVICES_SIMULATION_JOBS_H_
#define CARECOOP_SERVICES_SIMULATION_JOBS_H_

#include <atomic>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "sim/simulator.h"
#include "store/store.h"

namespace carecoop::services {

// What to simulate: designs as JSON (sim::DesignFromJson), the years, runs
// and seed, the RCCs whose children the outcomes count (none: England's),
// the model's parameters as JSON (null: the defaults), the day the world
// is read as at.
struct SimulationRequest {
  std::vector<nlohmann::json> designs;
  int years = 5;
  int runs = 20;
  std::uint64_t seed = 1;
  std::vector<std::string> focus;
  nlohmann::json parameters;
  Date as_at = Date(2025, 3, 31);
};
// A job's most run-years (runs x years x designs): on England about three
// hours of one core.
inline constexpr int kMaxRunYears = 2000;
// InvalidArgument naming the field: no design or more than 5, years outside
// 1..20, runs outside 1..200 or more than kMaxRunYears run-years, a design
// or parameters not valid, an RCC (in a design or the focus) not among
// `rcc_codes`.
Status Validate(const SimulationRequest& request, const std::vector<std::string>& rcc_codes);

enum class SimulationStatus : std::uint8_t { kRunning, kDone, kFailed };

// A job as its readers see it.
struct SimulationJob {
  std::int64_t id = 0;
  std::string started_by;  // the user's name
  Timestamp started_at;
  std::optional<Timestamp> finished_at;
  SimulationStatus status = SimulationStatus::kRunning;
  int runs_done = 0, runs_total = 0;  // over every design
  SimulationRequest request;
  std::string error;      // when failed
  nlohmann::json result;  // when done: {world, designs} (sim::DesignsJson)
};

class SimulationJobs {
 public:
  static constexpr std::size_t kKeptJobs = 20;
  static constexpr int kMaxRunning = 4;

  explicit SimulationJobs(store::Store& store);
  // Stops the running job between runs and waits for it.
  ~SimulationJobs();
  SimulationJobs(const SimulationJobs&) = delete;
  SimulationJobs& operator=(const SimulationJobs&) = delete;

  // Starts `request` (already validated) for `user` at `now`: Conflict when
  // the user has a job running, or kMaxRunning jobs run.
  Result<SimulationJob> Start(SimulationRequest request, std::string user, Timestamp now,
                              std::function<Timestamp()> clock);
  // Job `id`, NotFound if none (or no longer kept).
  Result<SimulationJob> Get(std::int64_t id) const;
  // The jobs kept, newest first, without their results.
  std::vector<SimulationJob> List() const;

 private:
  struct Entry;
  void Run(std::shared_ptr<Entry> entry, std::function<Timestamp()> clock);

  store::Store& store_;
  mutable std::mutex mutex_;
  std::deque<std::shared_ptr<Entry>> jobs_;  // newest last
  std::int64_t next_id_ = 1;
  std::atomic<bool> stop_{false};
};

}  // namespace carecoop::services

namespace carecoop {
template <>
struct EnumInfo<services::SimulationStatus> {
  static constexpr std::array<EnumEntry<services::SimulationStatus>, 3> kEntries = {{
      {services::SimulationStatus::kRunning, "running", "Running"},
      {services::SimulationStatus::kDone, "done", "Done"},
      {services::SimulationStatus::kFailed, "failed", "Failed"},
  }};
};
}  // namespace carecoop

#endif  // CARECOOP_SERVICES_SIMULATION_JOBS_H_
