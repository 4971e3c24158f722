#include "store/aggregates.h"

#include "store/raw_access.h"

namespace carecoop::store {
namespace {

constexpr const char* kOpenReferralStatuses =
    "('open', 'sent_to_providers', 'proposed', 'approved')";

Result<std::int64_t> Scalar(Tx& tx, const std::string& sql) {
  std::int64_t value = 0;
  CC_RETURN_IF_ERROR(RawConnection(tx).Query(sql, {}, [&](const SqlRow& row) {
    value = row.IsNull(0) ? 0 : row.Int(0);
    return Status::Ok();
  }));
  return value;
}

}  // namespace

Result<std::map<RccId, RccActivity>> ActivityByRcc(Tx& tx) {
  std::map<RccId, RccActivity> out;
  auto& conn = RawConnection(tx);
  CC_RETURN_IF_ERROR(conn.Query(std::string("SELECT m.rcc_id, COUNT(*) FROM referral r JOIN "
                                            "rcc_member m ON m.council_id = r.council_id "
                                            "WHERE r.status IN ") +
                                    kOpenReferralStatuses + " GROUP BY m.rcc_id",
                                {}, [&](const SqlRow& row) {
                                  out[RccId(row.Int(0))].open_referrals = row.Int(1);
                                  return Status::Ok();
                                }));
  CC_RETURN_IF_ERROR(conn.Query(
      "SELECT m.rcc_id, COUNT(*), SUM(p.emergency), SUM(p.weekly_fee) FROM placement p "
      "JOIN rcc_member m ON m.council_id = p.council_id WHERE p.end_date IS NULL GROUP BY m.rcc_id",
      {}, [&](const SqlRow& row) {
        RccActivity& a = out[RccId(row.Int(0))];
        a.current_placements = row.Int(1);
        a.emergency_placements = row.Int(2);
        a.weekly_fee_sum = row.Int(3);
        return Status::Ok();
      }));
  return out;
}

Result<StoreCounts> CountStore(Tx& tx) {
  StoreCounts c;
  CC_ASSIGN_OR_RETURN(c.registered_places, Scalar(tx, "SELECT SUM(registered_places) FROM home"));
  CC_ASSIGN_OR_RETURN(c.open_vacancies,
                      Scalar(tx, "SELECT COUNT(*) FROM vacancy WHERE status = 'open'"));
  CC_ASSIGN_OR_RETURN(c.children_in_care,
                      Scalar(tx, "SELECT COUNT(*) FROM child WHERE care_ended IS NULL"));
  CC_ASSIGN_OR_RETURN(c.open_referrals,
                      Scalar(tx, std::string("SELECT COUNT(*) FROM referral WHERE status IN ") +
                                     kOpenReferralStatuses));
  return c;
}

Result<std::vector<HomeSupplyRow>> HomesWithOpenVacancies(Tx& tx, RccId rcc) {
  std::vector<HomeSupplyRow> out;
  CC_RETURN_IF_ERROR(RawConnection(tx).Query(
      "SELECT h.id, h.setting, h.min_age, h.max_age, h.registered_places, h.location_lat, "
      "h.location_lon, "
      "h.connected_person, CASE WHEN m.rcc_id = $1 THEN 1 ELSE 0 END, COALESCE(v.n, 0) FROM home h "
      "LEFT JOIN rcc_member m ON m.council_id = h.council_id "
      "LEFT JOIN (SELECT home_id, COUNT(*) AS n FROM vacancy WHERE status = 'open' GROUP BY "
      "home_id) v "
      "ON v.home_id = h.id ORDER BY h.id",
      {rcc.value()}, [&](const SqlRow& row) {
        HomeSupplyRow h;
        h.id = HomeId(row.Int(0));
        h.setting = row.Text(1);
        h.min_age = static_cast<int>(row.Int(2));
        h.max_age = static_cast<int>(row.Int(3));
        h.registered_places = static_cast<int>(row.Int(4));
        h.lat = row.Real(5);
        h.lon = row.Real(6);
        h.connected_person = row.Int(7) != 0;
        h.in_rcc = row.Int(8) != 0;
        h.open_vacancies = static_cast<int>(row.Int(9));
        out.push_back(std::move(h));
        return Status::Ok();
      }));
  return out;
}

Result<std::vector<PlacedNowRow>> ChildrenPlacedNow(Tx& tx, RccId rcc) {
  std::vector<PlacedNowRow> out;
  CC_RETURN_IF_ERROR(RawConnection(tx).Query(
      "SELECT p.home_id, p.place_code, c.date_of_birth, c.family_lat, c.family_lon, co.name, "
      "CASE WHEN m.rcc_id = $1 THEN 1 ELSE 0 END FROM placement p "
      "JOIN child c ON c.id = p.child_id JOIN council co ON co.id = p.council_id "
      "LEFT JOIN rcc_member m ON m.council_id = p.council_id "
      "WHERE p.end_date IS NULL AND (m.rcc_id = $1 OR p.home_id IN "
      "(SELECT h.id FROM home h JOIN rcc_member hm ON hm.council_id = h.council_id WHERE hm.rcc_id "
      "= $1)) "
      "ORDER BY p.id",
      {rcc.value()}, [&](const SqlRow& row) {
        PlacedNowRow p;
        if (!row.IsNull(0)) p.home = HomeId(row.Int(0));
        p.place_code = row.Text(1);
        p.date_of_birth = row.Text(2);
        p.family_lat = row.Real(3);
        p.family_lon = row.Real(4);
        p.council = row.Text(5);
        p.own = row.Int(6) != 0;
        out.push_back(std::move(p));
        return Status::Ok();
      }));
  return out;
}

Result<std::vector<PlacementInHomeRow>> PlacementsInHomesNow(Tx& tx) {
  std::vector<PlacementInHomeRow> out;
  CC_RETURN_IF_ERROR(RawConnection(tx).Query(
      "SELECT p.id, p.child_id, p.council_id, p.home_id, p.referral_id, p.need_band, p.start_date, "
      "p.weekly_fee, COALESCE(k.type, ''), c.date_of_birth FROM placement p JOIN child c ON c.id = "
      "p.child_id LEFT JOIN contract k ON k.id = p.contract_id WHERE p.end_date IS NULL AND "
      "p.home_id IS NOT NULL ORDER BY p.id",
      {}, [&](const SqlRow& row) {
        PlacementInHomeRow p;
        p.id = PlacementId(row.Int(0));
        p.child = ChildId(row.Int(1));
        p.council = CouncilId(row.Int(2));
        p.home = HomeId(row.Int(3));
        if (!row.IsNull(4)) p.referral = ReferralId(row.Int(4));
        p.need_band = row.Text(5);
        p.start = row.Text(6);
        p.weekly_fee = row.Int(7);
        p.route = row.Text(8);
        p.date_of_birth = row.Text(9);
        out.push_back(std::move(p));
        return Status::Ok();
      }));
  return out;
}

Result<std::vector<QuarterPlacementRow>> PlacementsOpenBetween(Tx& tx, Date first, Date last,
                                                               std::optional<RccId> rcc) {
  std::vector<QuarterPlacementRow> out;
  SqlParams params = {last.ToIso(), first.ToIso()};
  if (rcc) params.emplace_back(rcc->value());
  CC_RETURN_IF_ERROR(RawConnection(tx).Query(
      std::string(
          "SELECT m.rcc_id, p.start_date, p.end_date, p.need_band, h.setting, hm.rcc_id, "
          "h.location_lat, h.location_lon, c.family_lat, c.family_lon, c.date_of_birth, "
          "p.weekly_fee, "
          "p.reason_place_change, p.emergency, p.referral_id, COALESCE(k.type, ''), "
          "CASE WHEN pr.ownership = 'council' AND pm.rcc_id IS NOT NULL AND pm.rcc_id = m.rcc_id "
          "THEN 1 ELSE 0 END, h.id, h.registered_places "
          "FROM placement p JOIN child c ON c.id = p.child_id "
          "LEFT JOIN rcc_member m ON m.council_id = p.council_id "
          "LEFT JOIN home h ON h.id = p.home_id "
          "LEFT JOIN rcc_member hm ON hm.council_id = h.council_id "
          "LEFT JOIN provider pr ON pr.id = h.provider_id "
          "LEFT JOIN rcc_member pm ON pm.council_id = pr.council_id "
          "LEFT JOIN contract k ON k.id = p.contract_id "
          "WHERE p.start_date <= $1 AND (p.end_date IS NULL OR p.end_date >= $2)") +
          (rcc ? " AND m.rcc_id = $3" : "") + " ORDER BY p.id",
      params, [&](const SqlRow& row) {
        QuarterPlacementRow p;
        if (!row.IsNull(0)) p.rcc = RccId(row.Int(0));
        p.start = row.Text(1).substr(0, 10);
        p.end = row.IsNull(2) ? std::string() : row.Text(2).substr(0, 10);
        p.need_band = row.Text(3);
        const bool homed = !row.IsNull(17);
        if (homed) {
          p.setting = row.Text(4);
          if (!row.IsNull(5)) p.home_rcc = RccId(row.Int(5));
          p.home_location = LatLon{row.Real(6), row.Real(7)};
          p.home_places = static_cast<int>(row.Int(18));
        }
        p.family_location = LatLon{row.Real(8), row.Real(9)};
        p.date_of_birth = row.Text(10).substr(0, 10);
        p.weekly_fee = row.Int(11);
        p.reason_place_change = row.IsNull(12) ? std::string() : row.Text(12);
        p.emergency = row.Int(13) != 0;
        if (!row.IsNull(14)) p.referral = ReferralId(row.Int(14));
        p.route = row.Text(15);
        p.in_house = row.Int(16) != 0;
        out.push_back(std::move(p));
        return Status::Ok();
      }));
  return out;
}

Result<std::vector<MovesPlacementRow>> MovesPlacementsBetween(Tx& tx, Date first, Date last,
                                                              std::optional<RccId> rcc) {
  std::vector<MovesPlacementRow> out;
  SqlParams params = {last.ToIso(), first.ToIso()};
  if (rcc) params.emplace_back(rcc->value());
  CC_RETURN_IF_ERROR(RawConnection(tx).Query(
      std::string("SELECT m.rcc_id, p.child_id, p.start_date, p.end_date, p.reason_place_change, "
                  "p.emergency FROM placement p "
                  "LEFT JOIN rcc_member m ON m.council_id = p.council_id "
                  "WHERE p.start_date <= $1 AND (p.end_date IS NULL OR p.end_date >= $2)") +
          (rcc ? " AND m.rcc_id = $3" : "") + " ORDER BY p.id",
      params, [&](const SqlRow& row) {
        MovesPlacementRow p;
        if (!row.IsNull(0)) p.rcc = RccId(row.Int(0));
        p.child = row.Int(1);
        p.start = row.Text(2).substr(0, 10);
        p.end = row.IsNull(3) ? std::string() : row.Text(3).substr(0, 10);
        p.reason_place_change = row.IsNull(4) ? std::string() : row.Text(4);
        p.emergency = row.Int(5) != 0;
        out.push_back(std::move(p));
        return Status::Ok();
      }));
  return out;
}

Result<std::set<std::int64_t>> ReferralsApprovedByScrutiny(Tx& tx) {
  std::set<std::int64_t> out;
  CC_RETURN_IF_ERROR(RawConnection(tx).Query(
      "SELECT DISTINCT pr.referral_id FROM proposal pr JOIN scrutiny_decision s ON "
      "s.proposal_id = pr.id WHERE s.outcome = 'approved'",
      {}, [&](const SqlRow& row) {
        out.insert(row.Int(0));
        return Status::Ok();
      }));
  return out;
}

}  // namespace carecoop::store
