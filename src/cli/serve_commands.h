// `carecoop serve`, `carecoop user add` and `carecoop audit verify`: the
// HTTP API and the administration it needs, on the command line.
#ifndef CARECOOP_CLI_SERVE_COMMANDS_H_
#define CARECOOP_CLI_SERVE_COMMANDS_H_

#include <istream>
#include <optional>
#include <ostream>
#include <string>

namespace carecoop::cli {

struct ServeArgs {
  std::string store_url;
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string today;  // "": the real clock; else the clock starts on this day and runs on
  int threads = 8;
  int max_connections = 4096;
  int max_connections_per_address = 512;
  int max_queue = 256;          // requests waiting for a thread beyond --threads; past it, 503
  bool access_log = true;       // one JSON line a request on standard error
  bool secure_cookies = false;  // browser session cookies carry Secure (TLS in front)
  std::string web;              // the built web app's folder ("": the API only)
};
int Serve(const ServeArgs& args, std::ostream& out, std::ostream& err);

struct UserAddArgs {
  std::string store_url;
  std::string username;
  std::string role;
  std::string council;  // ONS or DfE code, or id
  std::string rcc;      // code or id
  std::int64_t provider = 0;
  bool password_stdin = false;  // else a random password is made and printed once
};
int UserAdd(const UserAddArgs& args, std::istream& in, std::ostream& out, std::ostream& err);

int AuditVerify(const std::string& store_url, std::ostream& out, std::ostream& err);

// `carecoop backup` (store/backup.h) and `carecoop store check`.
int Backup(const std::string& store_url, const std::string& out_path, std::ostream& out,
           std::ostream& err);
int StoreCheck(const std::string& store_url, std::ostream& out, std::ostream& err);

// The refusals since `since` (YYYY-MM-DD or an ISO timestamp), one line per
// person and kind, most first (services::SummariseRefusals).
int AuditRefusals(const std::string& store_url, const std::string& since, std::ostream& out,
                  std::ostream& err);

}  // namespace carecoop::cli

#endif  // CARECOOP_CLI_SERVE_COMMANDS_H_
