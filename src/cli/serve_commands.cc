#include "cli/serve_commands.h"

#include <sodium.h>

#include "api/server.h"
#include "cli/fail.h"
#include "core/env.h"
#include "services/audit.h"
#include "services/users.h"
#include "store/backup.h"

namespace carecoop::cli {
namespace {

Timestamp RealNow() { return Env::Default().Now(); }

// The real clock, or one that started on `today` at this time of day and runs on.
Result<services::Clock> MakeClock(const std::string& today) {
  if (today.empty()) return services::Clock(RealNow);
  CC_ASSIGN_OR_RETURN(Date day, Date::ParseIso(today, "today"));
  Timestamp start = RealNow();
  auto offset = day.sys_days() - std::chrono::floor<std::chrono::days>(start);
  return services::Clock([offset] { return RealNow() + offset; });
}

}  // namespace

int Serve(const ServeArgs& args, std::ostream& out, std::ostream& err) {
  auto clock = MakeClock(args.today);
  if (!clock.ok()) return Fail(err, clock.status());
  auto store = store::Store::Open(args.store_url, args.threads + 2);
  if (!store.ok()) return Fail(err, store.status());
  services::Workflow workflow(**store, {.clock = *clock});
  api::ServerOptions options{.threads = args.threads, .access_log = args.access_log};
  options.secure_cookies = args.secure_cookies;
  if (!args.web.empty()) {
    auto web = api::WebAssets::Load(args.web);
    if (!web.ok()) return Fail(err, web.status());
    options.web = std::make_shared<const api::WebAssets>(*std::move(web));
  }
  options.edge.max_connections = args.max_connections;
  options.edge.max_connections_per_address = args.max_connections_per_address;
  options.edge.max_queue = args.max_queue;
  options.edge.stop_on_signals = true;  // Ctrl-C and SIGTERM end Serve() and this command
  api::Server server(**store, workflow, options);
  auto port = server.Bind(args.host, args.port);
  if (!port.ok()) return Fail(err, port.status());
  // Load the matching world before the first request needs it.
  out << "carecoop: serving " << (*store)->display_url() << " on http://" << args.host << ":"
      << *port << "/ (API under /api/, OpenAPI at /openapi.json); Ctrl-C stops" << std::endl;
  Status s = server.Serve();
  if (!s.ok()) return Fail(err, s);
  out << "carecoop: stopped\n";
  return 0;
}

int UserAdd(const UserAddArgs& args, std::istream& in, std::ostream& out, std::ostream& err) {
  auto store = store::Store::Open(args.store_url);
  if (!store.ok()) return Fail(err, store.status());
  services::NewUser user;
  user.username = args.username;
  auto role = ParseEnumCode<Role>(args.role);
  if (!role) return Fail(err, InvalidArgument("role", "must be one of " + EnumCodeList<Role>()));
  user.role = *role;
  Status found = (*store)->Read([&](store::Tx& tx) -> Status {
    if (!args.council.empty()) {
      CC_ASSIGN_OR_RETURN(auto c, tx.FindCouncil(args.council));
      if (!c) return InvalidArgument("council", "no council with code '" + args.council + "'");
      user.council = c->id;
    }
    if (!args.rcc.empty()) {
      CC_ASSIGN_OR_RETURN(auto r, tx.FindRcc(args.rcc));
      if (!r) return InvalidArgument("rcc", "no RCC with code '" + args.rcc + "'");
      user.rcc = r->id;
    }
    if (args.provider != 0) user.provider = ProviderId(args.provider);
    return Status::Ok();
  });
  if (!found.ok()) return Fail(err, found);
  bool generated = !args.password_stdin;
  if (args.password_stdin) {
    std::getline(in, user.password);
  } else {
    if (sodium_init() < 0) return Fail(err, Internal("libsodium could not start"));
    unsigned char raw[12];
    randombytes_buf(raw, sizeof raw);
    user.password.assign(24, '0');
    sodium_bin2hex(user.password.data(), user.password.size() + 1, raw, sizeof raw);
  }
  auto added = services::AddUser(**store, user, RealNow(), "carecoop user add");
  if (!added.ok()) return Fail(err, added.status());
  out << "Added " << EnumCode(added->role) << " " << added->username << " (user " << added->user_id
      << ")";
  if (generated) out << " with password " << user.password << " (shown once)";
  out << "\n";
  return 0;
}

int AuditRefusals(const std::string& store_url, const std::string& since, std::ostream& out,
                  std::ostream& err) {
  // A day means its first second.
  auto from = ParseTimestamp(since.size() == 10 ? since + "T00:00:00Z" : since, "since");
  if (!from.ok()) return Fail(err, from.status());
  auto store = store::Store::Open(store_url);
  if (!store.ok()) return Fail(err, store.status());
  std::vector<services::RefusalRow> rows;
  Status s = (*store)->Read([&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(rows, services::SummariseRefusals(tx, *from));
    return Status::Ok();
  });
  if (!s.ok()) return Fail(err, s);
  std::int64_t total = 0;
  for (const auto& r : rows) total += r.count;
  out << total << " refusals since " << FormatTimestamp(*from) << "\n";
  for (const auto& r : rows)
    out << "  " << r.count << "\t" << r.actor << "\t" << r.action << "\t" << r.distinct_records
        << " records\t" << r.first_at << " to " << r.last_at << "\n";
  return 0;
}

int Backup(const std::string& store_url, const std::string& out_path, std::ostream& out,
           std::ostream& err) {
  auto report = store::Backup(store_url, out_path);
  if (!report.ok()) return Fail(err, report.status());
  out << "Backed up " << report->pages << " pages (" << report->bytes << " bytes) to " << out_path
      << "; integrity check ok. Restore: stop the server and copy the file into place.\n";
  return 0;
}

int StoreCheck(const std::string& store_url, std::ostream& out, std::ostream& err) {
  auto store = store::Store::Open(store_url);
  if (!store.ok()) return Fail(err, store.status());
  auto check = store::IntegrityCheck(**store);
  if (!check.ok()) return Fail(err, check.status());
  if (*check != "ok") {
    err << "carecoop: the store fails its integrity check: " << *check << "\n";
    return 1;
  }
  out << "Store integrity check: ok\n";
  return 0;
}

int AuditVerify(const std::string& store_url, std::ostream& out, std::ostream& err) {
  auto store = store::Store::Open(store_url);
  if (!store.ok()) return Fail(err, store.status());
  services::AuditReport report;
  Status s = (*store)->Read([&](store::Tx& tx) -> Status {
    CC_ASSIGN_OR_RETURN(report, services::VerifyAudit(tx));
    return Status::Ok();
  });
  if (!s.ok()) return Fail(err, s);
  if (report.ok()) {
    out << "Audit trail intact: " << report.records << " records; head " << report.head_hash
        << "\nKeep the head somewhere else: a later verify that prints it again proves nothing was "
           "rewritten.\n";
    return 0;
  }
  err << "carecoop: the audit trail has been tampered with (" << report.records
      << " records read):\n";
  for (const auto& p : report.problems) err << "  " << p << "\n";
  return 1;
}

}  // namespace carecoop::cli
