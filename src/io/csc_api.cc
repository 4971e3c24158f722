#include "io/csc_api.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace carecoop::ssda903 {
namespace {

using nlohmann::json;

void PutIfSet(json& j, const char* key, std::string_view v) {
  if (!v.empty()) j[key] = std::string(v);
}

std::string IdOf(std::string_view child, Date decom) {
  return std::string(child) + "/" + decom.ToIso();
}

// The child's periods of care, each with its placements (module comment).
json EpisodesOf(std::vector<const EpisodeRow*> eps) {
  std::sort(eps.begin(), eps.end(),
            [](const EpisodeRow* a, const EpisodeRow* b) { return a->decom < b->decom; });
  json periods = json::array();
  json* period = nullptr;
  json* placement = nullptr;
  bool period_closed = true;
  for (const EpisodeRow* e : eps) {
    const std::string_view rne = e->rne.view();
    if (period_closed || rne == "S") {
      periods.push_back({{"social_care_episode_id", IdOf(e->child.view(), e->decom)},
                         {"child_looked_after_placements", json::array()},
                         {"purge", false}});
      period = &periods.back();
      placement = nullptr;
    }
    json& placements = (*period)["child_looked_after_placements"];
    if (!placement || rne != "L") {
      json p = {{"child_looked_after_placement_id", IdOf(e->child.view(), e->decom)},
                {"start_date", e->decom.ToIso()}};
      PutIfSet(p, "start_reason", rne);
      p["purge"] = false;
      placements.push_back(std::move(p));
      placement = &placements.back();
    }
    // The placement's type and postcode are the latest episode's (an L
    // episode repeats them); its end is the last episode's.
    PutIfSet(*placement, "placement_type", e->place.view());
    PutIfSet(*placement, "postcode", e->pl_post.view());
    placement->erase("end_date");
    placement->erase("end_reason");
    placement->erase("change_reason");
    if (e->dec) (*placement)["end_date"] = e->dec->ToIso();
    PutIfSet(*placement, "end_reason", e->rec.view());
    PutIfSet(*placement, "change_reason", e->reason_place_change.view());
    period_closed = e->dec && !e->rec.empty() && e->rec.view() != "X1";
    if (period_closed) (*period)["closure_date"] = e->dec->ToIso();
  }
  return periods;
}

}  // namespace

json CscApiChildren(const Return& r) {
  std::map<std::string, std::vector<const EpisodeRow*>> episodes;
  for (const EpisodeRow& e : r.episodes) episodes[e.child.str()].push_back(&e);
  std::map<std::string, const UascRow*> uasc;
  for (const UascRow& u : r.uasc) uasc[u.child] = &u;

  json children = json::array();
  std::set<std::string> written;
  auto write = [&](const std::string& child, const HeaderRow* h) {
    json c = {{"la_child_id", child}};
    json details = json::object();
    if (h) {
      PutIfSet(details, "unique_pupil_number", h->upn.view());
      details["date_of_birth"] = h->dob.ToIso();
      if (h->sex.view() == "1") details["sex"] = "M";
      if (h->sex.view() == "2") details["sex"] = "F";
      PutIfSet(details, "ethnicity", h->ethnic.view());
    }
    auto u = uasc.find(child);
    details["uasc_flag"] = u != uasc.end();
    if (u != uasc.end() && u->second->duc) details["uasc_end_date"] = u->second->duc->ToIso();
    details["purge"] = false;
    c["child_details"] = std::move(details);
    auto e = episodes.find(child);
    if (e != episodes.end()) c["social_care_episodes"] = EpisodesOf(e->second);
    c["purge"] = false;
    children.push_back(std::move(c));
    written.insert(child);
  };
  for (const HeaderRow& h : r.headers)
    if (!written.count(h.child.str())) write(h.child.str(), &h);
  for (const auto& [child, list] : episodes)
    if (!written.count(child)) write(child, nullptr);
  return children;
}

}  // namespace carecoop::ssda903
