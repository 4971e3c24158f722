#include "forecast/areas.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <thread>

namespace carecoop::forecast {
namespace {

// Runs fn(i) for i in [0, n) on `threads` threads (0: one per core).
template <class Fn>
void ParallelFor(std::size_t n, unsigned threads, Fn&& fn) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, n));
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < n; i = next++) fn(i);
  };
  std::vector<std::jthread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
}

}  // namespace

Options DefaultOptions(const EpisodeSet& set, const AreaOptions& options) {
  Options o;
  o.reference_end = options.reference_end.value_or(set.data_end);
  o.reference_start = options.reference_start.value_or(AddYears(o.reference_end, -1).AddDays(1));
  o.horizon_months = options.horizon_months;
  return o;
}

EpisodeSet CombineEpisodes(const std::vector<const EpisodeSet*>& parts) {
  EpisodeSet out;
  std::size_t n = 0;
  for (const EpisodeSet* p : parts) n += p->episodes.size();
  out.episodes.reserve(n);
  bool first = true;
  for (const EpisodeSet* p : parts) {
    out.episodes.insert(out.episodes.end(), p->episodes.begin(), p->episodes.end());
    out.children += p->children;
    out.source_episodes += p->source_episodes;
    out.data_start = first ? p->data_start : std::min(out.data_start, p->data_start);
    out.data_end = first ? p->data_end : std::max(out.data_end, p->data_end);
    first = false;
  }
  return out;
}

std::vector<Result<Forecast>> ForecastAreas(const std::vector<ssda903::Return>& councils,
                                            const std::vector<Area>& areas,
                                            const AreaOptions& options) {
  // Each council once, at its own data end.
  std::vector<Result<EpisodeSet>> own(councils.size(), Internal("not prepared"));
  ParallelFor(councils.size(), options.threads,
              [&](std::size_t i) { own[i] = PrepareEpisodes(councils[i]); });

  // An area's councils must share its data end (open episodes age until it):
  // the few whose own end is earlier are prepared again at the area's.
  std::vector<Date> area_end(areas.size());
  std::map<std::pair<std::size_t, std::int64_t>, Result<EpisodeSet>> again;
  for (std::size_t a = 0; a < areas.size(); ++a) {
    bool any = false;
    for (std::size_t c : areas[a].councils)
      if (own[c].ok() && (!any || own[c]->data_end > area_end[a])) {
        area_end[a] = own[c]->data_end;
        any = true;
      }
    for (std::size_t c : areas[a].councils)
      if (own[c].ok() && own[c]->data_end < area_end[a])
        again.emplace(std::pair(c, area_end[a].days_since_epoch()), Internal("not prepared"));
  }
  std::vector<std::pair<const std::pair<std::size_t, std::int64_t>, Result<EpisodeSet>>*> todo;
  for (auto& entry : again) todo.push_back(&entry);
  ParallelFor(todo.size(), options.threads, [&](std::size_t i) {
    auto& [key, set] = *todo[i];
    set = PrepareEpisodes(councils[key.first], {},
                          Date(std::chrono::sys_days(std::chrono::days(key.second))));
  });

  // Largest areas first, so that the threads finish together.
  std::vector<std::size_t> order(areas.size());
  for (std::size_t a = 0; a < areas.size(); ++a) order[a] = a;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    return areas[x].councils.size() > areas[y].councils.size();
  });
  std::vector<Result<Forecast>> out(areas.size(), Internal("not run"));
  ParallelFor(order.size(), options.threads, [&](std::size_t k) {
    const std::size_t a = order[k];
    std::vector<const EpisodeSet*> parts;
    for (std::size_t c : areas[a].councils) {
      if (!own[c].ok()) continue;
      if (own[c]->data_end < area_end[a]) {
        parts.push_back(&*again.at(std::pair(c, area_end[a].days_since_epoch())));
      } else {
        parts.push_back(&*own[c]);
      }
    }
    if (parts.empty()) {
      out[a] = areas[a].councils.size() == 1
                   ? own[areas[a].councils[0]].status()
                   : InvalidArgument("input", "no council of " + areas[a].name +
                                                  " has episodes to forecast from");
      return;
    }
    if (parts.size() == 1) {
      out[a] = RunForecast(*parts[0], DefaultOptions(*parts[0], options));
      return;
    }
    EpisodeSet set = CombineEpisodes(parts);
    out[a] = RunForecast(set, DefaultOptions(set, options));
  });
  return out;
}

}  // namespace carecoop::forecast
