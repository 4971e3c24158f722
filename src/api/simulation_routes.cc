// The policy simulator's routes (docs/api.md, "Simulations"): start a
// simulation as a job, read its progress and its results.
#include "api/route_kit.h"
#include "services/workflow.h"

namespace carecoop::api {
namespace {

json JobJson(const services::SimulationJob& j, bool with_result) {
  json out = {{"id", j.id},
              {"status", std::string(EnumCode(j.status))},
              {"startedBy", j.started_by},
              {"startedAt", FormatTimestamp(j.started_at)},
              {"runsDone", j.runs_done},
              {"runsTotal", j.runs_total},
              {"designs", j.request.designs},
              {"years", j.request.years},
              {"runs", j.request.runs},
              {"seed", j.request.seed},
              {"focus", j.request.focus},
              {"asAt", j.request.as_at.ToIso()}};
  if (j.finished_at) out["finishedAt"] = FormatTimestamp(*j.finished_at);
  if (!j.error.empty()) out["error"] = j.error;
  if (with_result && j.status == services::SimulationStatus::kDone) out["result"] = j.result;
  return out;
}

}  // namespace

void AddSimulationRoutes(const AddRoute& add, services::Workflow* wf) {
  add("POST", "/api/simulations", true,
      [wf](Call& c) -> Result<Reply> {
        CC_RETURN_IF_ERROR(
            OnlyKeys(c.body, {"designs", "years", "runs", "seed", "focus", "parameters", "asAt"}));
        services::SimulationRequest r;
        auto designs = c.body.find("designs");
        if (designs == c.body.end() || !designs->is_array())
          return InvalidArgument("designs", "is required: a list of designs");
        for (const json& d : *designs) r.designs.push_back(d);
        CC_RETURN_IF_ERROR(Required(c.body, "years", r.years));
        CC_RETURN_IF_ERROR(Required(c.body, "runs", r.runs));
        std::int64_t seed = 1;
        CC_RETURN_IF_ERROR(Optional(c.body, "seed", seed));
        if (seed < 0) return InvalidArgument("seed", "must not be negative");
        r.seed = static_cast<std::uint64_t>(seed);
        CC_RETURN_IF_ERROR(Optional(c.body, "focus", r.focus));
        if (auto p = c.body.find("parameters"); p != c.body.end()) r.parameters = *p;
        if (auto d = c.body.find("asAt"); d != c.body.end() && !d->is_null()) {
          if (!d->is_string()) return InvalidArgument("asAt", "must be a date, YYYY-MM-DD");
          CC_ASSIGN_OR_RETURN(r.as_at, Date::ParseIso(d->get<std::string>(), "asAt"));
        }
        CC_ASSIGN_OR_RETURN(auto job, wf->StartSimulation(c.who, std::move(r)));
        return Reply{202, JobJson(job, false)};
      },
      {});
  add("GET", "/api/simulations", true,
      [wf](Call& c) -> Result<Reply> {
        CC_ASSIGN_OR_RETURN(auto jobs, wf->Simulations(c.who));
        json a = json::array();
        for (const auto& j : jobs) a.push_back(JobJson(j, false));
        return Reply{200, {{"simulations", std::move(a)}}};
      },
      {});
  add("GET", "/api/simulations/{id}", true,
      [wf](Call& c) -> Result<Reply> {
        CC_ASSIGN_OR_RETURN(auto job, wf->Simulation(c.who, c.id));
        return Reply{200, JobJson(job, true)};
      },
      {});
}

}  // namespace carecoop::api
