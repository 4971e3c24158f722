// The weekly payments run for England (issue 17's target: about 82,000
// placements in force paid in under 5 s into SQLite), beside a plain-SQL
// version of the same run in the same process.
//
//   build/bench/payments_run_bench --store PATH.sqlite [--runs 5] [--week 2025-03-31]
//
// PATH is a generated England (`carecoop generate --scale national`); it is
// never written: each run works on a fresh copy. Per run, side by side:
//   service  Workflow::RunPayments for every RCC (services/payments.cc):
//            payment weeks, line-by-line pro rata, block voids, recoveries,
//            the run row, reference checks and the audit trail;
//   sql      one INSERT ... SELECT per RCC paying the same payment weeks
//            with the same line-by-line rounding (no block voids, no
//            recoveries, no audit: the floor the service is measured against).
// It checks the two paid the same placements the same amounts (the
// certificate that they did the same work), and prints each time's median,
// minimum and maximum, and the ratio of medians.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "core/env.h"
#include "services/workflow.h"
#include "store/raw_access.h"
#include "store/store.h"

namespace fs = std::filesystem;
using namespace carecoop;

namespace {

const char* kPlainSql = R"sql(
INSERT INTO payment (placement_id, rcc_id, council_id, week_start, amount, status, core,
                     staffing, education, transport, recovered, version)
SELECT id, $1, council_id, week, core + staffing + education + transport, 'paid', core,
       staffing, education, transport, 0, 1
FROM (
  SELECT id, council_id, week,
         CAST(round((weekly_fee - staffing_fee - education_fee - transport_fee) * days / 7.0) AS INTEGER) AS core,
         CAST(round(staffing_fee * days / 7.0) AS INTEGER) AS staffing,
         CAST(round(education_fee * days / 7.0) AS INTEGER) AS education,
         CAST(round(transport_fee * days / 7.0) AS INTEGER) AS transport
  FROM (
    SELECT p.*, w.week,
           CASE WHEN p.end_date IS NULL THEN 7
                ELSE MAX(0, MIN(7, CAST(julianday(p.end_date) - julianday(w.week) AS INTEGER))) END AS days
    FROM placement p
    JOIN rcc_member m ON m.council_id = p.council_id AND m.rcc_id = $1
    JOIN (SELECT id AS pid,
                 CASE WHEN julianday($2) <= julianday(start_date) THEN start_date
                      ELSE date(start_date, '+' || (7 * ((CAST(julianday($2) - julianday(start_date) AS INTEGER) + 6) / 7)) || ' days') END AS week
          FROM placement) w ON w.pid = p.id
    WHERE julianday(w.week) < julianday($2) + 7
      AND (p.end_date IS NULL OR p.end_date > w.week)
  )
)
WHERE core + staffing + education + transport > 0
)sql";

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

Status Copy(const std::string& from, const std::string& to) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(to + suffix, ec);
  fs::copy_file(from, to, ec);
  if (ec) return Internal("copy " + from + ": " + ec.message());
  return Status::Ok();
}

// Paid placements and their sum, from the store (the certificate).
Result<std::pair<std::int64_t, std::int64_t>> Paid(store::Store& s) {
  std::pair<std::int64_t, std::int64_t> out;
  CC_RETURN_IF_ERROR(s.Read([&](store::Tx& tx) -> Status {
    return store::RawConnection(tx).Query(
        "SELECT COUNT(*), COALESCE(SUM(amount), 0) FROM payment WHERE status = 'paid'", {},
        [&](const store::SqlRow& row) {
          out = {row.Int(0), row.Int(1)};
          return Status::Ok();
        });
  }));
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::string base, week_text = "2025-03-31";
  int runs = 5;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--store") base = argv[i + 1];
    if (a == "--runs") runs = std::stoi(argv[i + 1]);
    if (a == "--week") week_text = argv[i + 1];
  }
  if (base.empty()) {
    std::fprintf(stderr, "usage: payments_run_bench --store ENGLAND.sqlite [--runs 5]\n");
    return 2;
  }
  const Date week = *Date::ParseIso(week_text);
  const std::string work = (fs::temp_directory_path() / "carecoop-payments-bench.sqlite").string();
  std::vector<double> service_s, sql_s;
  std::pair<std::int64_t, std::int64_t> service_paid, sql_paid;
  std::int64_t in_force = 0;
  for (int r = 0; r < runs; ++r) {
    for (int variant = 0; variant < 2; ++variant) {
      if (!Copy(base, work).ok()) return 1;
      auto store = store::Store::Open("sqlite:" + work);
      if (!store.ok()) return 1;
      std::vector<Rcc> rccs;
      if (!(*store)
               ->Read([&](store::Tx& tx) -> Status {
                 CC_ASSIGN_OR_RETURN(rccs, tx.List<Rcc>());
                 return Status::Ok();
               })
               .ok())
        return 1;
      services::Workflow wf(**store, {.clock = [] { return Env::Default().Now(); }});
      auto start = std::chrono::steady_clock::now();
      if (variant == 0) {
        for (const Rcc& rcc : rccs) {
          services::Principal finance{0, "bench", Role::kCommissioner, {}, rcc.id, {}};
          auto outcome = wf.RunPayments(finance, rcc.id, week);
          if (!outcome.ok()) {
            std::fprintf(stderr, "%s\n", outcome.status().ToString().c_str());
            return 1;
          }
          if (r == 0) in_force += outcome->run.placements_paid;
        }
      } else {
        Status st = (*store)->Write([&](store::Tx& tx) -> Status {
          for (const Rcc& rcc : rccs)
            CC_RETURN_IF_ERROR(
                store::RawConnection(tx).Exec(kPlainSql, {rcc.id.value(), week.ToIso()}).status());
          return Status::Ok();
        });
        if (!st.ok()) {
          std::fprintf(stderr, "%s\n", st.ToString().c_str());
          return 1;
        }
      }
      const double s =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      (variant == 0 ? service_s : sql_s).push_back(s);
      auto paid = Paid(**store);
      if (!paid.ok()) return 1;
      (variant == 0 ? service_paid : sql_paid) = *paid;
    }
  }
  std::printf("payments run for the week from %s: %lld placements paid\n", week_text.c_str(),
              static_cast<long long>(in_force));
  auto line = [&](const char* name, std::vector<double> v) {
    std::printf("  %-8s median %.3f s  (min %.3f, max %.3f over %d runs)\n", name, Median(v),
                *std::min_element(v.begin(), v.end()), *std::max_element(v.begin(), v.end()), runs);
  };
  line("service", service_s);
  line("sql", sql_s);
  std::printf("  ratio service / sql (medians): %.2f\n", Median(service_s) / Median(sql_s));
  std::printf("  paid: service %lld payments %lld p; sql %lld payments %lld p: %s\n",
              static_cast<long long>(service_paid.first),
              static_cast<long long>(service_paid.second), static_cast<long long>(sql_paid.first),
              static_cast<long long>(sql_paid.second),
              service_paid == sql_paid ? "the same" : "DIFFERENT");
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(work + suffix, ec);
  return service_paid == sql_paid ? 0 : 1;
}
