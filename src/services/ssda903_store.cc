#include "services/ssda903_store.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <unordered_map>

#include "domain/child.h"
#include "domain/home.h"
#include "domain/placement.h"
#include "services/audit.h"

namespace carecoop::services {
namespace {

using store::SqlParams;
using store::SqlRow;
using store::SqlValue;

SqlValue DateValue(const std::optional<Date>& d) { return d ? SqlValue(d->ToIso()) : SqlValue(std::monostate{}); }

std::optional<Date> DateOf(const SqlRow& row, int column) {
  if (row.IsNull(column)) return std::nullopt;
  auto d = Date::ParseIso(row.Text(column).substr(0, 10));
  return d.ok() ? std::optional<Date>(*d) : std::nullopt;
}

// Inserts rows `per_statement` at a time: one round trip for many rows.
template <class Row, class Bind>
Status InsertRows(store::Tx& tx, const std::string& table, const std::vector<std::string>& columns,
                  const std::vector<const Row*>& rows, std::int64_t council, Bind bind) {
  const std::size_t per_statement = 200;
  std::size_t width = columns.size() + 3;
  for (std::size_t from = 0; from < rows.size(); from += per_statement) {
    std::size_t to = std::min(rows.size(), from + per_statement);
    std::string sql = "INSERT INTO " + table + " (council_id, year, seq";
    for (const auto& c : columns) sql += ", " + c;
    sql += ") VALUES ";
    SqlParams params;
    params.reserve((to - from) * width);
    for (std::size_t i = from; i < to; ++i) {
      sql += i > from ? ", (" : "(";
      for (std::size_t k = 0; k < width; ++k) {
        sql += (k ? ", $" : "$") + std::to_string(params.size() + k + 1);
      }
      sql += ")";
      params.push_back(council);
      params.push_back(static_cast<std::int64_t>(rows[i]->year));
      params.push_back(static_cast<std::int64_t>(i));
      bind(*rows[i], params);
    }
    CC_RETURN_IF_ERROR(tx.connection().Exec(sql, params).status());
  }
  return Status::Ok();
}

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
    r.uasc.insert(r.uasc.end(), std::make_move_iterator(part.uasc.begin()), std::make_move_iterator(part.uasc.end()));
  }
  return r;
}

Result<Council> ResolveCouncil(store::Tx& tx, std::string_view code_or_name) {
  CC_ASSIGN_OR_RETURN(auto found, tx.FindCouncil(code_or_name));
  if (found) return *found;
  CC_ASSIGN_OR_RETURN(auto councils, tx.List<Council>());
  auto lower = [](std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
  };
  for (const auto& c : councils)
    if (lower(c.name) == lower(code_or_name)) return c;
  return InvalidArgument("council", "'" + std::string(code_or_name) +
                                        "' is not a council in the store (give its ONS code, DfE LA code or name)");
}

Result<ImportSummary> ImportReturn(store::Store& store, const ssda903::Return& r, std::string_view council_code,
                                   bool replace, std::string_view actor) {
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
        if (!fixed) return InvalidArgument("council", "the files have no LA column: say whose return it is with --council");
        return *fixed;
      }
      auto it = by_la.find(la);
      if (it != by_la.end()) return it->second;
      auto c = ResolveCouncil(tx, la);
      if (!c.ok()) return InvalidArgument("LA", "LA '" + la + "' is not a council in the store");
      if (fixed && c->id != fixed->id)
        return InvalidArgument("LA", "LA '" + la + "' is not " + fixed->name + ", the council imported");
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
      std::int64_t existing = 0;
      CC_RETURN_IF_ERROR(tx.connection().Query(
          "SELECT COUNT(*) FROM ssda903_episode WHERE council_id = $1 AND year = $2",
          {council, static_cast<std::int64_t>(year)}, [&](const SqlRow& row) {
            existing = row.Int(0);
            return Status::Ok();
          }));
      if (existing > 0 && !replace)
        return Conflict(g.council.name + " already has a " + std::to_string(year) + " return (" +
                            std::to_string(existing) + " episodes): import with --replace to replace it",
                        "year");
      for (const char* table : {"ssda903_header", "ssda903_episode", "ssda903_uasc"})
        CC_RETURN_IF_ERROR(tx.connection()
                               .Exec(std::string("DELETE FROM ") + table + " WHERE council_id = $1 AND year = $2",
                                     {council, static_cast<std::int64_t>(year)})
                               .status());
      CC_RETURN_IF_ERROR(InsertRows(tx, "ssda903_header", {"child", "sex", "dob", "ethnic", "upn", "mother", "mc_dob"},
                                    g.headers, council, [](const ssda903::HeaderRow& h, SqlParams& p) {
                                      p.insert(p.end(), {h.child.str(), h.sex.str(), h.dob.ToIso(), h.ethnic.str(),
                                                         h.upn.str(), h.mother.str(), DateValue(h.mc_dob)});
                                    }));
      CC_RETURN_IF_ERROR(InsertRows(
          tx, "ssda903_episode",
          {"child", "decom", "rne", "ls", "cin", "place", "place_provider", "dec", "rec", "reason_place_change",
           "home_post", "pl_post", "urn"},
          g.episodes, council, [](const ssda903::EpisodeRow& e, SqlParams& p) {
            p.insert(p.end(), {e.child.str(), e.decom.ToIso(), e.rne.str(), e.ls.str(), e.cin.str(), e.place.str(),
                               e.place_provider.str(), DateValue(e.dec), e.rec.str(), e.reason_place_change.str(),
                               e.home_post.str(), e.pl_post.str(), e.urn.str()});
          }));
      CC_RETURN_IF_ERROR(InsertRows(tx, "ssda903_uasc", {"child", "sex", "dob", "duc"}, g.uasc, council,
                                    [](const ssda903::UascRow& u, SqlParams& p) {
                                      p.insert(p.end(), {u.child, u.sex, u.dob.ToIso(), DateValue(u.duc)});
                                    }));
      AuditEvent event{std::string(actor), "ssda903.import", "council", council, "",
                       "year=" + std::to_string(year) + " headers=" + std::to_string(g.headers.size()) +
                           " episodes=" + std::to_string(g.episodes.size()) +
                           " uasc=" + std::to_string(g.uasc.size())};
      CC_RETURN_IF_ERROR(AppendAudit(tx, std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()), event));
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
  ssda903::Return r;
  std::string where = " WHERE council_id = $1";
  SqlParams params{council.id.value()};
  if (year) {
    where += " AND year = $2";
    params.push_back(static_cast<std::int64_t>(*year));
  }
  const std::string order = " ORDER BY year, seq";
  auto& conn = tx.connection();
  CC_RETURN_IF_ERROR(conn.Query(
      "SELECT year, child, sex, dob, ethnic, upn, mother, mc_dob FROM ssda903_header" + where + order, params,
      [&](const SqlRow& row) {
        ssda903::HeaderRow h;
        h.year = static_cast<int>(row.Int(0));
        h.child = row.Text(1);
        h.sex = row.Text(2);
        h.dob = DateOf(row, 3).value_or(Date());
        h.ethnic = row.Text(4);
        h.upn = row.Text(5);
        h.mother = row.Text(6);
        h.mc_dob = DateOf(row, 7);
        r.headers.push_back(std::move(h));
        return Status::Ok();
      }));
  CC_RETURN_IF_ERROR(conn.Query(
      "SELECT year, child, decom, rne, ls, cin, place, place_provider, dec, rec, reason_place_change, home_post, "
      "pl_post, urn FROM ssda903_episode" +
          where + order,
      params, [&](const SqlRow& row) {
        ssda903::EpisodeRow e;
        e.year = static_cast<int>(row.Int(0));
        e.child = row.Text(1);
        e.decom = DateOf(row, 2).value_or(Date());
        e.rne = row.Text(3);
        e.ls = row.Text(4);
        e.cin = row.Text(5);
        e.place = row.Text(6);
        e.place_provider = row.Text(7);
        e.dec = DateOf(row, 8);
        e.rec = row.Text(9);
        e.reason_place_change = row.Text(10);
        e.home_post = row.Text(11);
        e.pl_post = row.Text(12);
        e.urn = row.Text(13);
        r.episodes.push_back(std::move(e));
        return Status::Ok();
      }));
  CC_RETURN_IF_ERROR(conn.Query("SELECT year, child, sex, dob, duc FROM ssda903_uasc" + where + order, params,
                                [&](const SqlRow& row) {
                                  ssda903::UascRow u;
                                  u.year = static_cast<int>(row.Int(0));
                                  u.child = row.Text(1);
                                  u.sex = row.Text(2);
                                  u.dob = DateOf(row, 3).value_or(Date());
                                  u.duc = DateOf(row, 4);
                                  r.uasc.push_back(std::move(u));
                                  return Status::Ok();
                                }));

  // Episodes from the store's placements.
  CC_ASSIGN_OR_RETURN(auto children, tx.List<Child>(store::Scope::Of(council.id)));
  if (children.empty()) return r;
  CC_ASSIGN_OR_RETURN(auto placements, tx.List<Placement>(store::Scope::Of(council.id)));
  std::unordered_map<std::int64_t, std::vector<const Placement*>> by_child;
  for (const auto& p : placements) by_child[p.child.value()].push_back(&p);
  // URNs of the Ofsted-registered homes this council's children were placed in.
  std::unordered_map<std::int64_t, std::string> urn_of;
  CC_RETURN_IF_ERROR(conn.Query(
      "SELECT DISTINCT h.id, h.ofsted_urn FROM home h JOIN placement p ON p.home_id = h.id "
      "WHERE p.council_id = $1 AND p.place_code IN ('K1', 'K2', 'K3')",
      {council.id.value()}, [&](const SqlRow& row) {
        urn_of[row.Int(0)] = row.Text(1);
        return Status::Ok();
      }));
  // The collection year's days, or all time.
  const Date from = year ? ssda903::CollectionYearStart(*year) : Date(1900, 1, 1);
  const Date to = year ? ssda903::CollectionYearEnd(*year) : Date(9999, 12, 31);
  for (const auto& child : children) {
    auto it = by_child.find(child.id.value());
    if (it == by_child.end()) continue;
    auto& list = it->second;
    std::sort(list.begin(), list.end(), [](const Placement* a, const Placement* b) { return a->start < b->start; });
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
