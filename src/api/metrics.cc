#include "api/metrics.h"

#include <algorithm>
#include <cstdio>

namespace carecoop::api {
namespace {

// A label value as the exposition format wants it: \, " and newline escaped.
std::string Label(std::string_view v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

std::string Number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

}  // namespace

void Metrics::Request(std::string_view method, std::string_view route, int status, double seconds) {
  std::lock_guard lock(mu_);
  ++requests_[{std::string(method), std::string(route), status}];
  Histogram& h = latency_[{std::string(method), std::string(route)}];
  auto it = std::lower_bound(kBuckets.begin(), kBuckets.end(), seconds);
  if (it != kBuckets.end()) ++h.buckets[static_cast<std::size_t>(it - kBuckets.begin())];
  ++h.count;
  h.sum += seconds;
}

void Metrics::EdgeRefusal(std::string_view reason) {
  std::lock_guard lock(mu_);
  ++edge_refusals_[std::string(reason)];
}

std::string Metrics::Text() const {
  std::string out;
  std::lock_guard lock(mu_);
  out += "# HELP carecoop_http_requests_total Requests answered, by method, route and status.\n";
  out += "# TYPE carecoop_http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    const auto& [method, route, status] = key;
    out += "carecoop_http_requests_total{method=\"" + Label(method) + "\",route=\"" + Label(route) +
           "\",status=\"" + std::to_string(status) + "\"} " + std::to_string(n) + "\n";
  }
  out +=
      "# HELP carecoop_http_request_duration_seconds Time from a whole request read to its "
      "answer made, by method and route.\n";
  out += "# TYPE carecoop_http_request_duration_seconds histogram\n";
  for (const auto& [key, h] : latency_) {
    const std::string labels =
        "method=\"" + Label(key.first) + "\",route=\"" + Label(key.second) + "\"";
    std::int64_t cumulative = 0;
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      cumulative += h.buckets[i];
      out += "carecoop_http_request_duration_seconds_bucket{" + labels + ",le=\"" +
             Number(kBuckets[i]) + "\"} " + std::to_string(cumulative) + "\n";
    }
    out += "carecoop_http_request_duration_seconds_bucket{" + labels + ",le=\"+Inf\"} " +
           std::to_string(h.count) + "\n";
    out += "carecoop_http_request_duration_seconds_sum{" + labels + "} " + Number(h.sum) + "\n";
    out += "carecoop_http_request_duration_seconds_count{" + labels + "} " +
           std::to_string(h.count) + "\n";
  }
  out += "# HELP carecoop_http_open_connections Connections open now.\n";
  out += "# TYPE carecoop_http_open_connections gauge\n";
  out += "carecoop_http_open_connections " + std::to_string(open_connections_.load()) + "\n";
  out +=
      "# HELP carecoop_http_edge_refusals_total Connections and requests refused or closed by "
      "the edge, by reason.\n";
  out += "# TYPE carecoop_http_edge_refusals_total counter\n";
  for (const auto& [reason, n] : edge_refusals_)
    out += "carecoop_http_edge_refusals_total{reason=\"" + Label(reason) + "\"} " +
           std::to_string(n) + "\n";
  out +=
      "# HELP carecoop_http_shed_requests_total Requests answered 503 because the queue was "
      "full.\n";
  out += "# TYPE carecoop_http_shed_requests_total counter\n";
  out += "carecoop_http_shed_requests_total " + std::to_string(shed_.load()) + "\n";
  out += "# HELP carecoop_sign_in_failures_total Failed or throttled sign-ins.\n";
  out += "# TYPE carecoop_sign_in_failures_total counter\n";
  out += "carecoop_sign_in_failures_total " + std::to_string(sign_in_failures_.load()) + "\n";
  return out;
}

}  // namespace carecoop::api
