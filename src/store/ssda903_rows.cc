#include "store/ssda903_rows.h"

#include <algorithm>

#include "store/raw_access.h"

namespace carecoop::store {
namespace {

SqlValue DateValue(const std::optional<Date>& d) {
  return d ? SqlValue(d->ToIso()) : SqlValue(std::monostate{});
}

std::optional<Date> DateOf(const SqlRow& row, int column) {
  if (row.IsNull(column)) return std::nullopt;
  auto d = Date::ParseIso(row.Text(column).substr(0, 10));
  return d.ok() ? std::optional<Date>(*d) : std::nullopt;
}

// Appends each value as one bound parameter.
template <class... V>
void Push(SqlParams& p, V&&... values) {
  (p.emplace_back(std::forward<V>(values)), ...);
}

// Inserts rows `per_statement` at a time: one round trip for many rows.
template <class Row, class Bind>
Status InsertRows(Tx& tx, const std::string& table, const std::vector<std::string>& columns,
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
    CC_RETURN_IF_ERROR(RawConnection(tx).Exec(sql, params).status());
  }
  return Status::Ok();
}

}  // namespace

Result<std::int64_t> CountReturnEpisodes(Tx& tx, CouncilId council, int year) {
  std::int64_t existing = 0;
  CC_RETURN_IF_ERROR(RawConnection(tx).Query(
      "SELECT COUNT(*) FROM ssda903_episode WHERE council_id = $1 AND year = $2",
      {council.value(), static_cast<std::int64_t>(year)}, [&](const SqlRow& row) {
        existing = row.Int(0);
        return Status::Ok();
      }));
  return existing;
}

Status DeleteReturnRows(Tx& tx, CouncilId council, int year) {
  for (const char* table : {"ssda903_header", "ssda903_episode", "ssda903_uasc", "ssda903_dolo"})
    CC_RETURN_IF_ERROR(
        RawConnection(tx)
            .Exec(std::string("DELETE FROM ") + table + " WHERE council_id = $1 AND year = $2",
                  {council.value(), static_cast<std::int64_t>(year)})
            .status());
  return Status::Ok();
}

Status InsertReturnRows(Tx& tx, CouncilId council, const ReturnRows& rows) {
  const std::int64_t id = council.value();
  CC_RETURN_IF_ERROR(InsertRows(tx, "ssda903_header",
                                {"child", "sex", "dob", "ethnic", "upn", "mother", "mc_dob"},
                                rows.headers, id, [](const ssda903::HeaderRow& h, SqlParams& p) {
                                  Push(p, h.child.str(), h.sex.str(), h.dob.ToIso(), h.ethnic.str(),
                                       h.upn.str(), h.mother.str(), DateValue(h.mc_dob));
                                }));
  CC_RETURN_IF_ERROR(InsertRows(
      tx, "ssda903_episode",
      {"child", "decom", "rne", "ls", "cin", "place", "place_provider", "dec", "rec",
       "reason_place_change", "home_post", "pl_post", "urn"},
      rows.episodes, id, [](const ssda903::EpisodeRow& e, SqlParams& p) {
        Push(p, e.child.str(), e.decom.ToIso(), e.rne.str(), e.ls.str(), e.cin.str(), e.place.str(),
             e.place_provider.str(), DateValue(e.dec), e.rec.str(), e.reason_place_change.str(),
             e.home_post.str(), e.pl_post.str(), e.urn.str());
      }));
  CC_RETURN_IF_ERROR(InsertRows(tx, "ssda903_uasc", {"child", "sex", "dob", "duc"}, rows.uasc, id,
                                [](const ssda903::UascRow& u, SqlParams& p) {
                                  Push(p, u.child, u.sex, u.dob.ToIso(), DateValue(u.duc));
                                }));
  return InsertRows(tx, "ssda903_dolo", {"child", "dob", "dolo_start", "dolo_end"}, rows.dolo, id,
                    [](const ssda903::DoloRow& d, SqlParams& p) {
                      Push(p, d.child, d.dob.ToIso(), d.start.ToIso(), DateValue(d.end));
                    });
}

Result<ssda903::Return> ReadReturnRows(Tx& tx, CouncilId council, std::optional<int> year) {
  ssda903::Return r;
  std::string where = " WHERE council_id = $1";
  SqlParams params{council.value()};
  if (year) {
    where += " AND year = $2";
    params.push_back(static_cast<std::int64_t>(*year));
  }
  const std::string order = " ORDER BY year, seq";
  auto& conn = RawConnection(tx);
  CC_RETURN_IF_ERROR(
      conn.Query("SELECT year, child, sex, dob, ethnic, upn, mother, mc_dob FROM ssda903_header" +
                     where + order,
                 params, [&](const SqlRow& row) {
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
  CC_RETURN_IF_ERROR(
      conn.Query("SELECT year, child, decom, rne, ls, cin, place, place_provider, dec, rec, "
                 "reason_place_change, home_post, "
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
  CC_RETURN_IF_ERROR(
      conn.Query("SELECT year, child, sex, dob, duc FROM ssda903_uasc" + where + order, params,
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
  CC_RETURN_IF_ERROR(
      conn.Query("SELECT year, child, dob, dolo_start, dolo_end FROM ssda903_dolo" + where + order,
                 params, [&](const SqlRow& row) {
                   ssda903::DoloRow d;
                   d.year = static_cast<int>(row.Int(0));
                   d.child = row.Text(1);
                   d.dob = DateOf(row, 2).value_or(Date());
                   d.start = DateOf(row, 3).value_or(Date());
                   d.end = DateOf(row, 4);
                   r.dolo.push_back(std::move(d));
                   return Status::Ok();
                 }));
  return r;
}

Result<std::unordered_map<std::int64_t, PlacedHome>> PlacedHomes(Tx& tx, CouncilId council) {
  std::unordered_map<std::int64_t, PlacedHome> out;
  CC_RETURN_IF_ERROR(RawConnection(tx).Query(
      "SELECT h.id, h.ofsted_urn, pr.ofsted_urn, h.postcode FROM "
      "(SELECT DISTINCT home_id FROM placement WHERE council_id = $1 AND home_id IS NOT NULL) x "
      "JOIN home h ON h.id = x.home_id JOIN provider pr ON pr.id = h.provider_id",
      {council.value()}, [&](const SqlRow& row) {
        out[row.Int(0)] = {row.Text(1), row.Text(2), row.Text(3)};
        return Status::Ok();
      }));
  return out;
}

}  // namespace carecoop::store
