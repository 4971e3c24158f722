#include "services/ssda903_store.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <unordered_map>

#include "domain/child.h"
#include "domain/home.h"
#include "domain/placement.h"
#include "services/audit.h"
#include "store/ssda903_rows.h"

namespace carecoop::services {
namespace {

bool NoProviderPlace(std::string_view p) {
  return p == "T0" || p == "T1" || p == "T2" || p == "T3" || p == "T4" || p == "Z1";
}

}  // namespace

Result<ssda903::Return> LoadReturns(store::Tx& tx, const std::vector<Council>& councils) {
  ssda903::Return r;
  for (const auto& c : councils) {
    CC_ASSIGN_OR_RETURN(ssda903::Return part, LoadReturn(tx, c, std::nullopt));
    for (auto& h : part.headers) h.la = c.ons_code;
    for (auto& e : part.episodes) e.la = c.ons_code;
    for (auto& u : part.uasc) u.la = c.ons_code;
    r.headers.insert(r.headers.end(), std::make_move_iterator(part.headers.begin()),
                     std::make_move_iterator(part.headers.end()));
    r.episodes.insert(r.episodes.end(), std::make_move_iterator(part.episodes.begin()),
                      std::make_move_iterator(part.episodes.end()));
    r.uasc.insert(r.uasc.end(), std::make_move_iterator(part.uasc.begin()),
                  std::make_move_iterator(part.uasc.end()));
  }
  return r;
}

Result<Council> ResolveCouncil(store::Tx& tx, std::string_view code_or_name) {
  CC_ASSIGN_OR_RETURN(auto found, tx.FindCouncil(code_or_name));
  if (found) return *found;
  CC_ASSIGN_OR_RETURN(auto councils, tx.List<Council>());
  auto lower = [](std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    return out;
  };
  for (const auto& c : councils)
    if (lower(c.name) == lower(code_or_name)) return c;
  return InvalidArgument(
      "council", "'" + std::string(code_or_name) +
                     "' is not a council in the store (give its ONS code, DfE LA code or name)");
}

Result<ImportSummary> ImportReturn(store::Store& store, const ssda903::Return& r,
                                   std::string_view council_code, bool replace,
                                   std::string_view actor, Env& env) {
  ImportSummary summary;
  Status s = store.Write([&](store::Tx& tx) -> Status {
    summary = {};
    std::optional<Council> fixed;
    if (!council_code.empty()) {
      CC_ASSIGN_OR_RETURN(Council c, ResolveCouncil(tx, council_code));
      fixed = c;
    }
    // Each row's council: the fixed one, or its LA's.
    std::map<std::string, Council> by_la;
    auto council_of = [&](const std::string& la) -> Result<Council> {
      if (la.empty()) {
        if (!fixed)
          return InvalidArgument(
              "council", "the files have no LA column: say whose return it is with --council");
        return *fixed;
      }
      auto it = by_la.find(la);
      if (it != by_la.end()) return it->second;
      auto c = ResolveCouncil(tx, la);
      if (!c.ok()) return InvalidArgument("LA", "LA '" + la + "' is not a council in the store");
      if (fixed && c->id != fixed->id)
        return InvalidArgument("LA",
                               "LA '" + la + "' is not " + fixed->name + ", the council imported");
      by_la.emplace(la, *c);
      return *c;
    };
    // Group rows by (council, year).
    struct Group {
      Council council;
      std::vector<const ssda903::HeaderRow*> headers;
      std::vector<const ssda903::EpisodeRow*> episodes;
      std::vector<const ssda903::UascRow*> uasc;
    };
    std::map<std::pair<std::int64_t, int>, Group> groups;
    auto group = [&](const std::string& la, int year) -> Result<Group*> {
      CC_ASSIGN_OR_RETURN(Council c, council_of(la));
      auto& g = groups[{c.id.value(), year}];
      g.council = c;
      return &g;
    };
    for (const auto& h : r.headers) {
      CC_ASSIGN_OR_RETURN(Group * g, group(h.la, h.year));
      g->headers.push_back(&h);
    }
    for (const auto& e : r.episodes) {
      CC_ASSIGN_OR_RETURN(Group * g, group(e.la, e.year));
      g->episodes.push_back(&e);
    }
    for (const auto& u : r.uasc) {
      CC_ASSIGN_OR_RETURN(Group * g, group(u.la, u.year));
      g->uasc.push_back(&u);
    }
    if (groups.empty()) return InvalidArgument("path", "the return has no rows");
    for (auto& [key, g] : groups) {
      auto [council, year] = key;
      CC_ASSIGN_OR_RETURN(std::int64_t existing,
                          store::CountReturnEpisodes(tx, CouncilId(council), year));
      if (existing > 0 && !replace)
        return Conflict(g.council.name + " already has a " + std::to_string(year) + " return (" +
                            std::to_string(existing) +
                            " episodes): import with --replace to replace it",
                        "year");
      CC_RETURN_IF_ERROR(store::DeleteReturnRows(tx, CouncilId(council), year));
      CC_RETURN_IF_ERROR(
          store::InsertReturnRows(tx, CouncilId(council), {g.headers, g.episodes, g.uasc}));
      AuditEvent event{std::string(actor),
                       "ssda903.import",
                       "council",
                       council,
                       "",
                       "year=" + std::to_string(year) +
                           " headers=" + std::to_string(g.headers.size()) +
                           " episodes=" + std::to_string(g.episodes.size()) +
                           " uasc=" + std::to_string(g.uasc.size())};
      CC_RETURN_IF_ERROR(AppendAudit(tx, env.Now(), event));
      summary.returns.push_back({g.council.name, year});
      summary.headers += g.headers.size();
      summary.episodes += g.episodes.size();
      summary.uasc += g.uasc.size();
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return summary;
}

Result<ssda903::Return> LoadReturn(store::Tx& tx, const Council& council, std::optional<int> year) {
  CC_ASSIGN_OR_RETURN(ssda903::Return r, store::ReadReturnRows(tx, council.id, year));

  // Episodes from the store's placements.
  CC_ASSIGN_OR_RETURN(auto children, tx.List<Child>(store::Scope::Of(council.id)));
  if (children.empty()) return r;
  CC_ASSIGN_OR_RETURN(auto placements, tx.List<Placement>(store::Scope::Of(council.id)));
  std::unordered_map<std::int64_t, std::vector<const Placement*>> by_child;
  for (const auto& p : placements) by_child[p.child.value()].push_back(&p);
  // URNs of the Ofsted-registered homes this council's children were placed in.
  CC_ASSIGN_OR_RETURN(auto urn_of, store::OfstedUrnsOfPlacedHomes(tx, council.id));
  // The collection year's days, or all time.
  const Date from = year ? ssda903::CollectionYearStart(*year) : Date(1900, 1, 1);
  const Date to = year ? ssda903::CollectionYearEnd(*year) : Date(9999, 12, 31);
  for (const auto& child : children) {
    auto it = by_child.find(child.id.value());
    if (it == by_child.end()) continue;
    auto& list = it->second;
    std::sort(list.begin(), list.end(),
              [](const Placement* a, const Placement* b) { return a->start < b->start; });
    bool any = false;
    int latest_year = 0;
    const Placement* previous = nullptr;
    for (const Placement* p : list) {
      const Placement* before = previous;
      previous = p;
      if (p->start > to) continue;
      if (p->end && *p->end < from) continue;
      ssda903::EpisodeRow e;
      e.year = year.value_or(0);
      e.child = child.pseudonym;
      e.decom = p->start;
      e.rne = before && before->end && *before->end == p->start ? "P" : "S";
      e.ls = p->legal_status;
      e.cin = child.category_of_need;
      e.place = p->place_code;
      e.place_provider = NoProviderPlace(p->place_code) ? "" : p->provider_code;
      if (p->end && *p->end <= to) {
        e.dec = p->end;
        e.rec = p->reason_ceased.empty() ? "X1" : p->reason_ceased;
        if (e.rec == "X1") e.reason_place_change = p->reason_place_change;
      }
      bool ofsted = p->place_code == "K1" || p->place_code == "K2" || p->place_code == "K3";
      if (ofsted && p->home) e.urn = urn_of[p->home->value()];
      if (!year) {
        // A whole history is filed under the collection year each episode starts in.
        e.year = ssda903::CollectionYearOf(p->start);
      }
      latest_year = std::max(latest_year, e.year);
      r.episodes.push_back(std::move(e));
      any = true;
    }
    if (!any) continue;
    ssda903::HeaderRow h;
    h.year = latest_year;  // a whole history files the header under the child's latest year
    h.child = child.pseudonym;
    h.sex = child.sex == Sex::kMale ? "1" : "2";
    h.dob = child.date_of_birth;
    h.ethnic = child.ethnicity;
    r.headers.push_back(h);
    if (child.uasc) {
      ssda903::UascRow u;
      u.year = h.year;
      u.child = child.pseudonym;
      u.sex = h.sex;
      u.dob = child.date_of_birth;
      u.duc = AddYears(child.date_of_birth, 18);  // UASC status ends at 18
      r.uasc.push_back(u);
    }
  }
  return r;
}

}  // namespace carecoop::services
