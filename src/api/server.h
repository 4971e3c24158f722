// The HTTP API: JSON over HTTP under /api/, a thin layer over the services
// (services/workflow.h, services/users.h, services/audit.h). Every route is
// in one table (Routes()), which the OpenAPI document (api/openapi.json,
// served at /openapi.json) describes; a test checks the two agree.
//
// Errors: {"error": {"code", "message", "field"}} with the status's one HTTP
// mapping (core/status.h): 400 malformed JSON, 401 not signed in, 403 role
// not allowed, 404 missing or outside the caller's scope (the same answer),
// 409 conflict (already booked, stale version), 413 body too large, 422
// invalid field. Internal errors are logged with a reference and answered
// with the reference only. The edge below the routes (api/http_edge.h) holds
// the limits, timeouts, connection caps and load shedding; GET /metrics
// serves the counters (api/metrics.h).
#ifndef CARECOOP_API_SERVER_H_
#define CARECOOP_API_SERVER_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "api/http_edge.h"
#include "api/metrics.h"
#include "api/web_assets.h"
#include "services/users.h"
#include "services/workflow.h"

namespace carecoop::api {

struct RouteInfo {
  std::string method;              // "GET", "POST", "PATCH", "DELETE"
  std::string path;                // OpenAPI form: "/api/referrals/{id}"
  bool signed_in = true;           // false: public (sign in, health, the OpenAPI document)
  std::vector<std::string> query;  // the query parameters it reads; any other is a 422
};

// Every route the server answers, in registration order.
std::vector<RouteInfo> Routes();

// The headers every answer carries, errors included, as (name, value).
const std::vector<std::pair<std::string, std::string>>& ResponseHeaders();

// The OpenAPI 3 document served at /openapi.json.
std::string_view OpenApiDocument();

struct ServerOptions {
  std::size_t max_body_bytes = 64 * 1024;
  int threads = 8;         // workers answering requests (the store's callers)
  bool access_log = true;  // one JSON line a request on standard error (services/log.h)
  // Browser session cookies carry Secure (set when the API is reached over
  // TLS, as behind the proxy docs/operations.md describes).
  bool secure_cookies = false;
  // The built web app, served at / and every path outside /api/ (api/web_assets.h);
  // none: only the API.
  std::shared_ptr<const WebAssets> web;
  // The edge's limits and timeouts (api/http_edge.h); max_body_bytes,
  // threads and the headers above take precedence over the ones in here.
  EdgeOptions edge;
};

class Server {
 public:
  Server(store::Store& store, services::Workflow& workflow, ServerOptions options = {});
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds `host`:`port` (0: any free port) and returns the port bound.
  Result<int> Bind(const std::string& host, int port);
  // Serves on the bound socket until Stop(); blocks.
  Status Serve();
  void Stop();

  // The counters served at /metrics.
  const Metrics& metrics() const;

  // Answers one request on this thread exactly as the edge would have it
  // answered (route, sign-in, query and body checks, the route itself):
  // for in-process callers such as the API's fuzz target.
  HttpResponse Answer(const HttpRequest& request);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace carecoop::api

#endif  // CARECOOP_API_SERVER_H_
