#include "services/ssda903_store.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <unordered_map>

#include "domain/child.h"
#include "domain/home.h"
#include "domain/liberty_register.h"
#include "domain/placement.h"
#include "io/ssda903_spec.h"
#include "services/audit.h"
#include "store/ssda903_rows.h"

namespace carecoop::services {

// The first collection year with the DoLO table (2026-27).
constexpr int kFirstDoloYear = 2027;
namespace {

bool NoProviderPlace(std::string_view p) {
  return p == "T0" || p == "T1" || p == "T2" || p == "T3" || p == "T4" || p == "Z1";
}

}  // namespace

Result<ssda903::Return> LoadReturns(store::Tx& tx, const std::vector<Council>& councils) {
  ssda903::Return r;
  for (const auto& c : councils) {
    CC_ASSIGN_OR_RETURN(ssda903::Return part,
                        LoadReturn(tx, c, std::nullopt, ReturnDetail::kForecast));
    for (auto& h : part.headers) h.la = c.ons_code;
    for (auto& e : part.episodes) e.la = c.ons_code;
    for (auto& u : part.uasc) u.la = c.ons_code;
    for (auto& d : part.dolo) d.la = c.ons_code;
    r.headers.insert(r.headers.end(), std::make_move_iterator(part.headers.begin()),
                     std::make_move_iterator(part.headers.end()));
    r.episodes.insert(r.episodes.end(), std::make_move_iterator(part.episodes.begin()),
                      std::make_move_iterator(part.episodes.end()));
    r.uasc.insert(r.uasc.end(), std::make_move_iterator(part.uasc.begin()),
                  std::make_move_iterator(part.uasc.end()));
    r.dolo.insert(r.dolo.end(), std::make_move_iterator(part.dolo.begin()),
                  std::make_move_iterator(part.dolo.end()));
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
      std::vector<const ssda903::DoloRow*> dolo;
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
    for (const auto& d : r.dolo) {
      CC_ASSIGN_OR_RETURN(Group * g, group(d.la, d.year));
      g->dolo.push_back(&d);
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
          store::InsertReturnRows(tx, CouncilId(council), {g.headers, g.episodes, g.uasc, g.dolo}));
      AuditEvent event{
          std::string(actor),
          "ssda903.import",
          "council",
          council,
          "",
          "year=" + std::to_string(year) + " headers=" + std::to_string(g.headers.size()) +
              " episodes=" + std::to_string(g.episodes.size()) +
              " uasc=" + std::to_string(g.uasc.size()) + " dolo=" + std::to_string(g.dolo.size())};
      CC_RETURN_IF_ERROR(AppendAudit(tx, env.Now(), event));
      summary.returns.push_back({g.council.name, year});
      summary.headers += g.headers.size();
      summary.episodes += g.episodes.size();
      summary.uasc += g.uasc.size();
      summary.dolo += g.dolo.size();
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return summary;
}

Result<ssda903::Return> LoadReturn(store::Tx& tx, const Council& council, std::optional<int> year,
                                   ReturnDetail detail) {
  CC_ASSIGN_OR_RETURN(ssda903::Return r, store::ReadReturnRows(tx, council.id, year));

  // Episodes from the store's placements.
  CC_ASSIGN_OR_RETURN(auto children, tx.List<Child>(store::Scope::Of(council.id)));
  if (children.empty()) return r;
  CC_ASSIGN_OR_RETURN(auto placements, tx.List<Placement>(store::Scope::Of(council.id)));
  std::unordered_map<std::int64_t, std::vector<const Placement*>> by_child;
  for (const auto& p : placements) by_child[p.child.value()].push_back(&p);
  const ssda903::YearSpec& year_spec = ssda903::SpecForYear(year.value_or(0));
  // URNs and postcodes of the homes this council's children were placed in.
  std::unordered_map<std::int64_t, store::PlacedHome> homes;
  if (detail == ReturnDetail::kFull) {
    CC_ASSIGN_OR_RETURN(homes, store::PlacedHomes(tx, council.id));
  }
  // The collection year's days, or all time.
  const Date from = year ? ssda903::CollectionYearStart(*year) : Date(1900, 1, 1);
  const Date to = year ? ssda903::CollectionYearEnd(*year) : Date(9999, 12, 31);
  for (const auto& child : children) {
    auto it = by_child.find(child.id.value());
    if (it == by_child.end()) continue;
    auto& list = it->second;
    std::sort(list.begin(), list.end(),
              [](const Placement* a, const Placement* b) { return a->start < b->start; });
    // The child's whole history as episodes first (so that an episode
    // spans the placements it merges whatever the year), then the year's.
    std::vector<ssda903::EpisodeRow> rows;
    const Placement* previous = nullptr;
    const Placement* last_row_placement = nullptr;  // the placement rows.back() ends with
    for (const Placement* p : list) {
      const Placement* before = previous;
      previous = p;
      ssda903::EpisodeRow e;
      e.year = year.value_or(0);
      e.child = child.pseudonym;
      e.decom = p->start;
      // A new period of care, or what changed: the placement, and with it
      // the legal status or not; a placement for adoption with the current
      // foster carers (A3, A5) keeps the carers.
      bool joined = before && before->end && *before->end == p->start;
      bool ls_changed = joined && before->legal_status != p->legal_status;
      bool same_carers = p->place_code == "A3" || p->place_code == "A5";
      e.rne = !joined ? "S" : same_carers ? (ls_changed ? "U" : "T") : (ls_changed ? "B" : "P");
      e.ls = p->legal_status;
      e.cin = child.category_of_need;
      e.place = p->place_code;
      e.place_provider = NoProviderPlace(p->place_code) ? "" : p->provider_code;
      if (p->end) {
        e.dec = p->end;
        e.rec = p->reason_ceased.empty() ? "X1" : p->reason_ceased;
        if (e.rec == "X1") e.reason_place_change = p->reason_place_change;
      }
      if (detail == ReturnDetail::kFull) {
        // The year's rules say which placements carry a URN
        // (io/ssda903_spec.h): the home's, else its provider's (a foster
        // household's service).
        const ssda903::YearSpec& spec =
            year ? year_spec : ssda903::SpecForYear(ssda903::CollectionYearOf(p->start));
        const store::PlacedHome* home = nullptr;
        if (p->home) {
          auto h = homes.find(p->home->value());
          if (h != homes.end()) home = &h->second;
        }
        if (home && !ssda903::YearSpec::In(spec.urn_not_allowed, e.place.view()))
          e.urn = !home->urn.empty() ? home->urn : home->provider_urn;
        // XXXXXXX: the DfE's "no URN applies" where one is asked and none is
        // on record (adopters, arrangements without a registered setting).
        if (e.urn.empty() && !ssda903::YearSpec::In(spec.urn_not_required, e.place.view()))
          e.urn = "XXXXXXX";
        e.home_post = child.home_postcode;
        e.pl_post = home ? home->postcode : p->postcode;
        if (p->place_code == "P1" && e.pl_post.empty()) e.pl_post = child.home_postcode;
      }
      if (!year) {
        // A whole history is filed under the collection year each episode starts in.
        e.year = ssda903::CollectionYearOf(p->start);
      }
      // Where nothing about the placement changed (the same home, or placed
      // with parents again, say), a change of legal status is all the new
      // episode says (RNE L); with the status unchanged too, it is no new
      // episode at all. Judged on the records, not on the exported fields,
      // so that the forecast (which reads no locations) sees the same
      // episodes as an exported return.
      if (joined && last_row_placement == before && !rows.empty()) {
        ssda903::EpisodeRow& last = rows.back();
        if (before->place_code == p->place_code && before->provider_code == p->provider_code &&
            before->home == p->home && (p->home || before->postcode == p->postcode)) {
          if (!ls_changed) {
            last.dec = e.dec;
            last.rec = e.rec;
            last.reason_place_change = e.reason_place_change;
            last_row_placement = p;
            continue;
          }
          e.rne = "L";
        }
      }
      last_row_placement = p;
      rows.push_back(std::move(e));
    }
    bool any = false;
    int latest_year = 0;
    for (auto& e : rows) {
      if (e.decom > to || (e.dec && *e.dec < from)) continue;
      if (e.dec && *e.dec > to) {  // still open at the end of the year
        e.dec.reset();
        e.rec = "";
        e.reason_place_change = "";
      }
      latest_year = std::max(latest_year, e.year);
      r.episodes.push_back(std::move(e));
      any = true;
    }
    if (!any) continue;
    ssda903::HeaderRow h;
    h.year = latest_year;  // a whole history files the header under the child's latest year
    h.child = child.pseudonym;
    const ssda903::YearSpec& spec = ssda903::SpecForYear(latest_year);
    h.sex = child.sex == Sex::kMale ? spec.MaleSex() : spec.FemaleSex();
    h.dob = child.date_of_birth;
    h.ethnic = child.ethnicity;
    h.upn = child.upn;
    if (child.sex == Sex::kFemale) h.mother = child.mother ? "1" : "0";
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
  // The DoLO table from the register of deprivation of liberty orders: each
  // order in force at some time in the year, from the year's own table on
  // (2026-27, collection year 2027).
  if (year && *year >= kFirstDoloYear) {
    CC_ASSIGN_OR_RETURN(auto orders, tx.List<DolOrder>(store::Scope::Of(council.id)));
    std::unordered_map<std::int64_t, const Child*> child_of;
    for (const Child& c : children) child_of[c.id.value()] = &c;
    for (const DolOrder& o : orders) {
      if (o.start > to || (o.end && *o.end < from)) continue;
      auto it = child_of.find(o.child.value());
      if (it == child_of.end()) continue;
      r.dolo.push_back({"", *year, it->second->pseudonym, it->second->date_of_birth, o.start,
                        o.end && *o.end <= to ? o.end : std::nullopt});
    }
  }
  return r;
}

}  // namespace carecoop::services
