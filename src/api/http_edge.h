// The HTTP edge: HTTP/1.1 over TCP on Boost.Beast's asynchronous I/O, and
// what a server that faces the network must hold by itself, with no proxy in
// front (docs/api.md, "Limits"). It knows nothing of routes: it reads a
// request, hands it whole to the handler on a worker thread, and writes the
// answer.
//
//  - Slow and idle connections hold no thread: every read and write is
//    asynchronous. A request's header must arrive within
//    `header_deadline` and its body within `body_deadline`; a kept-alive
//    connection waits `idle_timeout` for its next request; an answer must be
//    taken within `write_deadline`. Past any of them the connection closes.
//  - Bounded input: the request line and header (`max_header_bytes`, 431
//    beyond), the number of header fields (`max_header_fields`, 431), and
//    the body for every transfer encoding, chunked included, counted as it
//    arrives (`max_body_bytes`, 413; nothing past the limit is kept).
//  - No decompression: a body with a Content-Encoding other than identity is
//    refused (415), so a small compressed body can never become a large one.
//  - Unambiguous framing: Content-Length with Transfer-Encoding, a repeated
//    Content-Length, or a transfer coding other than chunked: 400.
//  - Connections capped overall (`max_connections`) and per client address
//    (`max_connections_per_address`): beyond either, 503 with Retry-After
//    and the connection closed, at accept, before anything is read.
//  - Load shedding: at most `workers` requests run and `max_queue` wait;
//    beyond that a request is answered 503 with Retry-After at once, from
//    the I/O thread, and the connection stays usable.
// Every answer, the edge's own refusals included, carries `headers` and an
// X-Request-Id (the client's, when it sends a short token, else a new one).
//
// Complexity: O(1) work per connection between reads; memory per
// connection is bounded by max_header_bytes + max_body_bytes + the answer.
#ifndef CARECOOP_API_HTTP_EDGE_H_
#define CARECOOP_API_HTTP_EDGE_H_

#include <chrono>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "api/metrics.h"
#include "core/status.h"

namespace carecoop::api {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method;  // "GET", "POST", ...
  std::string target;  // as sent: the path and the query
  std::string path;    // the target up to '?', not decoded
  HeaderList query;    // the query's names and values, percent-decoded, in order
  HeaderList headers;  // names as sent
  std::string body;
  std::string remote_address;
  std::string request_id;

  // The first header of that name (case-insensitive); "" when absent.
  std::string Header(std::string_view name) const;
  // The first query parameter of that name; nullptr when absent.
  const std::string* Param(std::string_view name) const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  HeaderList headers;  // beside EdgeOptions::headers
};

struct EdgeOptions {
  std::size_t max_header_bytes = 16 * 1024;
  std::size_t max_header_fields = 64;
  std::size_t max_body_bytes = 64 * 1024;
  std::chrono::milliseconds header_deadline{10'000};
  std::chrono::milliseconds body_deadline{30'000};
  std::chrono::milliseconds idle_timeout{60'000};
  std::chrono::milliseconds write_deadline{30'000};
  int max_connections = 4096;
  int max_connections_per_address = 512;
  int workers = 8;
  int max_queue = 256;
  int io_threads = 2;            // at least 2: one always free for I/O
  bool stop_on_signals = false;  // SIGINT and SIGTERM stop Serve()
  HeaderList headers;            // on every answer
};

// The error of every refusal, the edge's and the routes' alike:
// {"error": {"code", "message", "field"}} (no field when `field` is empty).
nlohmann::json ErrorJson(std::string_view code, std::string_view message, std::string_view field);
// The same, as the body of an answer.
std::string ErrorBody(std::string_view code, std::string_view message, std::string_view field);

class HttpEdge {
 public:
  // `handle` runs on a worker thread and must not throw (an exception is
  // answered 500 and logged).
  using Handler = std::function<HttpResponse(const HttpRequest&)>;
  HttpEdge(EdgeOptions options, Handler handle, Metrics& metrics);
  ~HttpEdge();
  HttpEdge(const HttpEdge&) = delete;
  HttpEdge& operator=(const HttpEdge&) = delete;

  // Binds `host`:`port` (0: any free port) and returns the port bound.
  Result<int> Bind(const std::string& host, int port);
  // Accepts and answers until Stop(); blocks. Returns once no handler runs.
  Status Serve();
  // From any thread, any number of times.
  void Stop();

  struct Impl;  // the I/O context, the workers and the counts (http_edge.cc)

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace carecoop::api

#endif  // CARECOOP_API_HTTP_EDGE_H_
