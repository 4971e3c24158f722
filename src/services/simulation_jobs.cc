// The policy simulator as jobs (services/simulation_jobs.h).
#include "services/simulation_jobs.h"

#include <algorithm>

#include "services/simulation.h"
#include "sim/report.h"

namespace carecoop::services {

using nlohmann::json;

Status Validate(const SimulationRequest& r, const std::vector<std::string>& rcc_codes) {
  if (r.designs.empty()) return InvalidArgument("designs", "give at least one design");
  if (r.designs.size() > 5) return InvalidArgument("designs", "give at most 5 designs");
  if (r.years < 1 || r.years > 20) return InvalidArgument("years", "must be from 1 to 20");
  if (r.runs < 1 || r.runs > 200) return InvalidArgument("runs", "must be from 1 to 200");
  if (r.runs * r.years * static_cast<int>(r.designs.size()) > kMaxRunYears)
    return InvalidArgument("runs", "runs x years x designs must be at most " +
                                       std::to_string(kMaxRunYears) +
                                       " (a job's share of the server): ask for fewer");
  for (std::size_t i = 0; i < r.designs.size(); ++i) {
    const std::string where = "designs[" + std::to_string(i) + "]";
    auto d = sim::DesignFromJson(r.designs[i], where, rcc_codes);
    if (!d.ok()) return InvalidArgument(where + "." + d.status().field(), d.status().message());
  }
  for (std::size_t i = 0; i < r.focus.size(); ++i)
    CC_RETURN_IF_ERROR(
        sim::RccIndex(r.focus[i], rcc_codes, "focus[" + std::to_string(i) + "]", "focus").status());
  if (!r.parameters.is_null()) {
    auto p = sim::ParametersFromJson(r.parameters, "parameters");
    if (!p.ok()) return InvalidArgument("parameters." + p.status().field(), p.status().message());
  }
  return Status::Ok();
}

struct SimulationJobs::Entry {
  mutable std::mutex mutex;
  SimulationJob job;
  std::thread thread;  // guarded by SimulationJobs::mutex_
};

SimulationJobs::SimulationJobs(store::Store& store) : store_(store) {}

SimulationJobs::~SimulationJobs() {
  stop_ = true;
  std::lock_guard<std::mutex> lock(mutex_);
  for (const auto& e : jobs_)
    if (e->thread.joinable()) e->thread.join();
}

Result<SimulationJob> SimulationJobs::Start(SimulationRequest request, std::string user,
                                            Timestamp now, std::function<Timestamp()> clock) {
  std::lock_guard<std::mutex> lock(mutex_);
  int running = 0;
  for (const auto& e : jobs_) {
    std::lock_guard<std::mutex> job_lock(e->mutex);
    if (e->job.status != SimulationStatus::kRunning) continue;
    ++running;
    if (e->job.started_by == user)
      return Conflict("your simulation " + std::to_string(e->job.id) +
                      " is running: one runs at a time a user; wait for it to finish");
  }
  if (running >= kMaxRunning)
    return Conflict(std::to_string(running) +
                    " simulations are running, the most at a time; try again when one finishes");
  auto entry = std::make_shared<Entry>();
  entry->job.id = next_id_++;
  entry->job.started_by = std::move(user);
  entry->job.started_at = now;
  entry->job.runs_total = request.runs * static_cast<int>(request.designs.size());
  entry->job.request = std::move(request);
  jobs_.push_back(entry);
  // Forget the oldest finished jobs beyond kKeptJobs (their threads done).
  for (auto e = jobs_.begin(); jobs_.size() > kKeptJobs && e != jobs_.end();) {
    bool finished;
    {
      std::lock_guard<std::mutex> job_lock((*e)->mutex);
      finished = (*e)->job.status != SimulationStatus::kRunning;
    }
    if (!finished) {
      ++e;
      continue;
    }
    if ((*e)->thread.joinable()) (*e)->thread.join();
    e = jobs_.erase(e);
  }
  SimulationJob started = entry->job;
  entry->thread = std::thread([this, entry, clock] { Run(entry, clock); });
  return started;
}

void SimulationJobs::Run(std::shared_ptr<Entry> entry, std::function<Timestamp()> clock) {
  SimulationRequest r;
  {
    std::lock_guard<std::mutex> lock(entry->mutex);
    r = entry->job.request;
  }
  auto fail = [&](const Status& s) {
    std::lock_guard<std::mutex> lock(entry->mutex);
    entry->job.status = SimulationStatus::kFailed;
    entry->job.error = s.ToString();
    entry->job.finished_at = clock();
  };
  SimulationWorldFacts facts;
  Result<sim::World> world = InvalidArgument("store", "not read");
  Status read = store_.Read([&](store::Tx& tx) -> Status {
    world = LoadSimulationWorld(tx, r.as_at, &facts);
    return world.status();
  });
  if (!read.ok()) return fail(read);
  std::vector<sim::Design> designs;
  for (std::size_t i = 0; i < r.designs.size(); ++i) {
    auto d =
        sim::DesignFromJson(r.designs[i], "designs[" + std::to_string(i) + "]", world->rcc_codes);
    if (!d.ok()) return fail(d.status());
    designs.push_back(*d);
  }
  std::vector<std::int32_t> focus;
  for (const std::string& code : r.focus) {
    auto rcc = sim::RccIndex(code, world->rcc_codes, "focus", "focus");
    if (!rcc.ok()) return fail(rcc.status());
    focus.push_back(*rcc);
  }
  sim::Parameters parameters;
  if (!r.parameters.is_null()) {
    auto p = sim::ParametersFromJson(r.parameters, "parameters");
    if (!p.ok()) return fail(p.status());
    parameters = *p;
  }
  std::vector<std::vector<sim::RunOutcome>> runs;
  for (std::size_t d = 0; d < designs.size(); ++d) {
    const int before = static_cast<int>(d) * r.runs;
    runs.push_back(sim::RunMany(
        *world, designs[d], parameters, r.years, r.runs, r.seed, 1,
        [&](int done) {
          std::lock_guard<std::mutex> lock(entry->mutex);
          entry->job.runs_done = before + done;
        },
        focus, &stop_));
    if (stop_) return fail(Unavailable("the server stopped before the simulation finished"));
  }
  json result = {{"world", FactsJson(facts)},
                 {"designs", sim::DesignsJson(designs, runs, world->rcc_codes)}};
  std::lock_guard<std::mutex> lock(entry->mutex);
  entry->job.result = std::move(result);
  entry->job.status = SimulationStatus::kDone;
  entry->job.finished_at = clock();
}

Result<SimulationJob> SimulationJobs::Get(std::int64_t id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  for (const auto& e : jobs_) {
    std::lock_guard<std::mutex> job_lock(e->mutex);
    if (e->job.id == id) return e->job;
  }
  return NotFound("no simulation " + std::to_string(id));
}

std::vector<SimulationJob> SimulationJobs::List() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<SimulationJob> out;
  for (auto e = jobs_.rbegin(); e != jobs_.rend(); ++e) {
    std::lock_guard<std::mutex> job_lock((*e)->mutex);
    SimulationJob j = (*e)->job;
    j.result = nullptr;
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace carecoop::services
