// The server's counters for operators, served at GET /metrics in the
// Prometheus text exposition format (version 0.0.4): requests by method,
// route and status; a latency histogram by method and route; open
// connections; connections refused at the edge by reason; requests shed;
// failed sign-ins. No label holds a user, an address or a record id: routes
// are the route table's patterns ("/api/referrals/{id}"), and a request that
// matches none is counted under route="unmatched".
//
// Thread-safe; one mutex guards the per-route maps, the gauges are atomics.
#ifndef CARECOOP_API_METRICS_H_
#define CARECOOP_API_METRICS_H_

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>

namespace carecoop::api {

class Metrics {
 public:
  // Upper bounds of the latency buckets, in seconds (+Inf implied).
  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1.0,  2.5};

  void Request(std::string_view method, std::string_view route, int status, double seconds);
  void ConnectionOpened() { open_connections_.fetch_add(1, std::memory_order_relaxed); }
  void ConnectionClosed() { open_connections_.fetch_sub(1, std::memory_order_relaxed); }
  // A connection closed or refused by the edge: "connection_cap", "address_cap",
  // "header_timeout", "body_timeout", "idle_timeout", "header_too_large",
  // "body_too_large", "bad_framing", "encoded_body".
  void EdgeRefusal(std::string_view reason);
  void Shed() { shed_.fetch_add(1, std::memory_order_relaxed); }
  void SignInFailure() { sign_in_failures_.fetch_add(1, std::memory_order_relaxed); }

  std::int64_t open_connections() const { return open_connections_.load(); }
  std::int64_t shed() const { return shed_.load(); }

  // The exposition text.
  std::string Text() const;

 private:
  struct Histogram {
    std::array<std::int64_t, kBuckets.size()> buckets{};  // not cumulative
    std::int64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mu_;
  std::map<std::tuple<std::string, std::string, int>, std::int64_t> requests_;
  std::map<std::pair<std::string, std::string>, Histogram> latency_;
  std::map<std::string, std::int64_t> edge_refusals_;
  std::atomic<std::int64_t> open_connections_{0};
  std::atomic<std::int64_t> shed_{0};
  std::atomic<std::int64_t> sign_in_failures_{0};
};

}  // namespace carecoop::api

#endif  // CARECOOP_API_METRICS_H_
