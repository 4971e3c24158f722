#include "api/http_edge.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <csignal>
#include <deque>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <sstream>
#include <thread>
#include <unordered_map>

#include "services/log.h"

namespace carecoop::api {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

namespace {

bool IEquals(beast::string_view a, beast::string_view b) { return beast::iequals(a, b); }
beast::string_view View(std::string_view s) { return {s.data(), s.size()}; }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Percent-decoding, '+' as a space (a query's form encoding); nullopt when malformed.
std::optional<std::string> Decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%') {
      if (i + 2 >= s.size()) return std::nullopt;
      const int hi = HexValue(s[i + 1]), lo = HexValue(s[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// A client's X-Request-Id is kept when it is a short token; anything else is replaced.
bool UsableRequestId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' ||
          c == ':'))
      return false;
  return true;
}

std::string NewRequestId() {
  static const std::string prefix = [] {
    std::random_device rd;
    char buf[16];
    std::snprintf(buf, sizeof buf, "%08x", rd());
    return std::string(buf);
  }();
  static std::atomic<std::uint64_t> next{1};
  return prefix + "-" + std::to_string(next.fetch_add(1, std::memory_order_relaxed));
}

}  // namespace

nlohmann::json ErrorJson(std::string_view code, std::string_view message, std::string_view field) {
  nlohmann::json e = {{"code", code}, {"message", message}};
  if (!field.empty()) e["field"] = field;
  return nlohmann::json{{"error", e}};
}

std::string ErrorBody(std::string_view code, std::string_view message, std::string_view field) {
  return ErrorJson(code, message, field).dump();
}

std::string HttpRequest::Header(std::string_view name) const {
  for (const auto& [n, v] : headers)
    if (IEquals(View(n), View(name))) return v;
  return "";
}

const std::string* HttpRequest::Param(std::string_view name) const {
  for (const auto& [n, v] : query)
    if (n == name) return &v;
  return nullptr;
}

struct HttpEdge::Impl {
  Impl(EdgeOptions o, Handler h, Metrics& m)
      : options(std::move(o)), handle(std::move(h)), metrics(m) {}

  EdgeOptions options;
  Handler handle;
  Metrics& metrics;

  // Declared before the I/O context and the pool: connections still queued
  // in either reach these when they are destroyed.
  std::mutex addresses_mu;
  std::unordered_map<std::string, int> per_address;
  std::atomic<int> open{0};
  // At most `workers` requests run at once. While no other request runs on
  // an I/O thread, one runs right there (no hand-off: the common case of a
  // quiet server answers without waking another thread); the others go to
  // the worker pool. io_threads - 1 may run inline, so one I/O thread is
  // always free to accept, read, write and shed. Up to `max_queue` more
  // wait here, each a job that posts its request to the pool when a slot
  // frees.
  std::mutex run_mu;
  int running = 0, running_inline = 0;
  std::atomic<bool> stopped{false};

  net::io_context ioc;
  tcp::acceptor acceptor{ioc};
  std::optional<net::signal_set> signals;
  // After the I/O context: destroyed first, with the connections they hold.
  std::deque<std::function<void()>> waiting;
  std::unique_ptr<net::thread_pool> pool;  // `workers` threads, made by Serve()

  void Accept();
  enum class Admission { kInline, kPool, kWait, kShed };
  // Run here, run on the pool, wait (`job` queued for the next free slot), or shed.
  Admission Admit(std::function<void()> job) {
    std::lock_guard lock(run_mu);
    if (running < options.workers) {
      ++running;
      if (running_inline < io_threads - 1) {
        ++running_inline;
        return Admission::kInline;
      }
      return Admission::kPool;
    }
    if (static_cast<int>(waiting.size()) >= options.max_queue) return Admission::kShed;
    waiting.push_back(std::move(job));
    return Admission::kWait;
  }
  // A request's handler returned: its slot goes to the oldest waiting job.
  void Finished(bool was_inline) {
    std::function<void()> next;
    {
      std::lock_guard lock(run_mu);
      if (was_inline) --running_inline;
      if (waiting.empty()) {
        --running;
        return;
      }
      next = std::move(waiting.front());
      waiting.pop_front();
    }
    next();
  }
  int io_threads = 2;  // set by Serve()
  // Takes a slot for `address`; false (and nothing taken) when a cap is reached.
  std::optional<std::string_view> AdmitConnection(const std::string& address);
  void Release(const std::string& address);
};

namespace {

// What a connection is waiting for: its deadline, and the reason a timeout is counted under.
enum class Phase { kIdle, kHeader, kBody };

std::string_view TimeoutReason(Phase phase) {
  switch (phase) {
    case Phase::kIdle:
      return "idle_timeout";
    case Phase::kHeader:
      return "header_timeout";
    case Phase::kBody:
      return "body_timeout";
  }
  return "timeout";
}

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(HttpEdge::Impl* edge, tcp::socket socket, std::string address)
      : edge_(edge),
        stream_(std::move(socket)),
        address_(std::move(address)),
        // What is read but not yet parsed: at most a header and a body's worth.
        buffer_(edge->options.max_header_bytes + edge->options.max_body_bytes + 16 * 1024) {
    edge_->metrics.ConnectionOpened();
  }
  ~Connection() {
    edge_->metrics.ConnectionClosed();
    edge_->Release(address_);
  }

  void Start() { WaitForRequest(); }

 private:
  const EdgeOptions& options() const { return edge_->options; }

  // Reads the next request. What has arrived is parsed here, on this thread,
  // as far as it goes; only what is missing is waited for asynchronously
  // (each wait costs a trip through the I/O loop, which may wake another
  // thread). The first request on a connection is timed by the header
  // deadline from its first byte; a kept-alive connection waits up to the
  // idle timeout for that byte.
  void WaitForRequest() {
    request_id_.clear();
    header_checked_ = false;
    parser_.emplace();
    parser_->eager(true);
    parser_->header_limit(static_cast<std::uint32_t>(options().max_header_bytes));
    parser_->body_limit(options().max_body_bytes);
    if (buffer_.size() > 0) return Advance(first_ ? Phase::kHeader : Phase::kIdle);
    stream_.expires_after(first_ ? options().header_deadline : options().idle_timeout);
    ReadSome(first_ ? Phase::kHeader : Phase::kIdle);
  }

  void ReadSome(Phase phase) {
    const std::size_t room = buffer_.max_size() - buffer_.size();
    if (room == 0) return Closed(http::error::buffer_overflow, phase);
    stream_.async_read_some(
        buffer_.prepare(std::min<std::size_t>(room, 8192)),
        [self = shared_from_this(), phase](beast::error_code ec, std::size_t n) {
          if (ec) return self->Closed(ec, phase);
          self->buffer_.commit(n);
          self->Advance(phase);
        });
  }

  // Feeds the buffer to the parser; checks the header once it is whole;
  // dispatches a whole request, or reads more under the right deadline.
  void Advance(Phase phase) {
    if (first_ || phase == Phase::kIdle) {
      // From the first byte of a request on, its header deadline runs.
      first_ = false;
      stream_.expires_after(options().header_deadline);
      phase = Phase::kHeader;
    }
    beast::error_code ec;
    while (buffer_.size() > 0 && !parser_->is_done()) {
      const std::size_t used = parser_->put(buffer_.data(), ec);
      buffer_.consume(used);
      if (ec == http::error::need_more) {
        ec = {};
        break;
      }
      if (ec) return Closed(ec, phase);
      if (used == 0) break;
    }
    if (parser_->is_header_done() && !header_checked_) {
      header_checked_ = true;
      if (!CheckHeader()) return;
      if (expect_continue_) return SendContinue();
      stream_.expires_after(options().body_deadline);
    }
    if (parser_->is_done()) return Dispatch();
    ReadSome(parser_->is_header_done() ? Phase::kBody : Phase::kHeader);
  }

  // The checks on a whole header; false when the request was refused.
  bool CheckHeader() {
    const auto& h = parser_->get();
    std::size_t fields = 0, lengths = 0;
    for (const auto& f : h) {
      ++fields;
      if (f.name() == http::field::content_length) ++lengths;
    }
    request_id_ = std::string(h["X-Request-Id"]);
    if (!UsableRequestId(request_id_)) request_id_ = NewRequestId();
    expect_continue_ = false;
    if (fields > options().max_header_fields) {
      Refuse(431, "header_too_large", "resource_exhausted",
             "the request has more than " + std::to_string(options().max_header_fields) +
                 " header fields",
             "");
      return false;
    }
    if (lengths > 1) {
      Refuse(400, "bad_framing", "malformed", "the request repeats Content-Length", "");
      return false;
    }
    if (h.count(http::field::transfer_encoding) > 1 ||
        (h.count(http::field::transfer_encoding) == 1 &&
         !IEquals(h[http::field::transfer_encoding], "chunked"))) {
      Refuse(400, "bad_framing", "malformed", "the only transfer coding accepted is chunked, once",
             "");
      return false;
    }
    if (auto ce = h[http::field::content_encoding]; !ce.empty() && !IEquals(ce, "identity")) {
      Refuse(415, "encoded_body", "unsupported_media_type",
             "request bodies with a Content-Encoding are not accepted: send the JSON as it is",
             "body");
      return false;
    }
    expect_continue_ = IEquals(h[http::field::expect], "100-continue") && !parser_->is_done();
    return true;
  }

  void SendContinue() {
    auto cont = std::make_shared<http::response<http::empty_body>>(http::status::continue_, 11);
    stream_.expires_after(options().write_deadline);
    http::async_write(stream_, *cont,
                      [self = shared_from_this(), cont](beast::error_code e, std::size_t) {
                        if (e) return self->Close();
                        self->expect_continue_ = false;
                        self->stream_.expires_after(self->options().body_deadline);
                        self->Advance(Phase::kBody);
                      });
  }

  // A read that ended: a timeout or a peer gone closes quietly; a request
  // that breaks a limit or the framing rules is answered, then closed.
  void Closed(beast::error_code ec, Phase phase) {
    if (ec == beast::error::timeout) {
      edge_->metrics.EdgeRefusal(TimeoutReason(phase));
      return Close();
    }
    const bool in_header = phase == Phase::kHeader;
    if (ec == http::error::header_limit || (in_header && ec == http::error::buffer_overflow))
      return Refuse(431, "header_too_large", "resource_exhausted",
                    "the request line and header are larger than " +
                        std::to_string(options().max_header_bytes) + " bytes",
                    "");
    if (ec == http::error::body_limit || ec == http::error::buffer_overflow)
      return Refuse(
          413, "body_too_large", "resource_exhausted",
          "the request body is larger than " + std::to_string(options().max_body_bytes) + " bytes",
          "body");
    if (ec.category() == http::make_error_code(http::error::bad_method).category() &&
        ec != http::error::end_of_stream && ec != http::error::partial_message)
      return Refuse(400, "bad_framing", "malformed",
                    "the request is not HTTP/1.1 this server can read: " + ec.message(), "");
    Close();
  }

  void Refuse(int status, std::string_view reason, std::string_view code,
              const std::string& message, std::string_view field) {
    edge_->metrics.EdgeRefusal(reason);
    edge_->metrics.Request(parser_ ? std::string(parser_->get().method_string()) : "", "edge",
                           status, 0);
    services::log::RequestScope scope(request_id_.empty() ? NewRequestId() : request_id_);
    services::log::Event(
        {{"event", "edge_refused"}, {"reason", reason}, {"status", status}, {"address", address_}});
    HttpResponse r{status, "application/json", ErrorBody(code, message, field), {}};
    keep_alive_ = false;
    Write(std::move(r));
  }

  void Dispatch() {
    auto message = parser_->release();
    HttpRequest req;
    req.method = std::string(message.method_string());
    req.target = std::string(message.target());
    req.remote_address = address_;
    req.request_id = request_id_;
    for (const auto& f : message) req.headers.emplace_back(f.name_string(), f.value());
    req.body = std::move(message.body());
    keep_alive_ = message.keep_alive();
    std::string_view target = req.target;
    const auto q = target.find('?');
    req.path = std::string(target.substr(0, q));
    if (q != std::string_view::npos) {
      std::string_view rest = target.substr(q + 1);
      while (!rest.empty()) {
        const auto amp = rest.find('&');
        std::string_view pair = rest.substr(0, amp);
        const auto eq = pair.find('=');
        auto name = Decode(pair.substr(0, eq));
        auto value = Decode(eq == std::string_view::npos ? "" : pair.substr(eq + 1));
        if (!name || !value)
          return Refuse(400, "bad_framing", "malformed",
                        "the query string's percent-encoding is malformed", "");
        if (!name->empty()) req.query.emplace_back(std::move(*name), std::move(*value));
        if (amp == std::string_view::npos) break;
        rest.remove_prefix(amp + 1);
      }
    }
    // Run here, on the pool, wait for a slot, or (the queue full) be shed at
    // once rather than queue without bound.
    auto request = std::make_shared<HttpRequest>(std::move(req));
    auto self = shared_from_this();
    auto job = [self, request] {
      net::post(*self->edge_->pool, [self, request] { self->RunOnPool(*request); });
    };
    switch (edge_->Admit(job)) {
      case HttpEdge::Impl::Admission::kInline: {
        HttpResponse r = Handle(*request);
        Write(std::move(r));
        return edge_->Finished(true);
      }
      case HttpEdge::Impl::Admission::kPool:
        return job();
      case HttpEdge::Impl::Admission::kWait:
        return;
      case HttpEdge::Impl::Admission::kShed:
        break;
    }
    edge_->metrics.Shed();
    edge_->metrics.Request(request->method, "shed", 503, 0);
    Write({503,
           "application/json",
           ErrorBody("unavailable", "the server is busy: try again in a second", ""),
           {{"Retry-After", "1"}}});
  }

  HttpResponse Handle(const HttpRequest& req) {
    try {
      return edge_->handle(req);
    } catch (const std::exception& e) {
      services::log::RequestScope scope(req.request_id);
      services::log::Event({{"event", "handler_exception"}, {"what", e.what()}});
      return {500, "application/json", ErrorBody("internal", "internal error", ""), {}};
    }
  }

  // On a pool thread: answers, hands the answer to the connection's strand, frees the slot.
  void RunOnPool(const HttpRequest& req) {
    HttpResponse r = Handle(req);
    net::post(stream_.get_executor(), [self = shared_from_this(), r = std::move(r)]() mutable {
      self->Write(std::move(r));
    });
    edge_->Finished(false);
  }

  void Write(HttpResponse r) {
    http::response<http::string_body> res;
    res.version(11);
    res.result(static_cast<unsigned>(r.status));
    for (const auto& [name, value] : options().headers) res.set(View(name), value);
    for (const auto& [name, value] : r.headers) res.set(View(name), value);
    res.set(http::field::content_type, r.content_type);
    res.set("X-Request-Id", request_id_.empty() ? NewRequestId() : request_id_);
    res.keep_alive(keep_alive_);
    res.content_length(r.body.size());
    // The whole answer in one buffer: the header (with its blank line), then the body.
    auto wire = std::make_shared<std::string>();
    {
      std::ostringstream head;
      head << res.base();
      *wire = head.str();
    }
    *wire += r.body;
    const bool keep = keep_alive_;
    // Most answers fit in the socket's send buffer: write them now, on this
    // thread. Through the I/O loop, the write's completion would wake
    // another thread (about 0.05 ms here). What does not fit goes on
    // asynchronously, under the write deadline.
    beast::error_code ec;
    auto& socket = stream_.socket();
    socket.non_blocking(true, ec);
    std::size_t sent = 0;
    while (!ec && sent < wire->size())
      sent += socket.write_some(net::buffer(wire->data() + sent, wire->size() - sent), ec);
    if (ec && ec != net::error::would_block && ec != net::error::try_again) return Close();
    if (sent == wire->size()) return keep ? WaitForRequest() : Linger();
    stream_.expires_after(options().write_deadline);
    net::async_write(stream_, net::buffer(wire->data() + sent, wire->size() - sent),
                     [self = shared_from_this(), wire, keep](beast::error_code e, std::size_t) {
                       if (e) return self->Close();
                       if (!keep) return self->Linger();
                       self->WaitForRequest();
                     });
  }

  // After a last answer: stop sending, then read and drop what the client
  // still sends for a moment (at most 1 MiB, 2 s), so that closing does not
  // reset the connection before the client has read the answer.
  void Linger() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.expires_after(std::chrono::seconds(2));
    DrainSome();
  }
  void DrainSome() {
    drain_.resize(16 * 1024);
    stream_.async_read_some(net::buffer(drain_),
                            [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                              self->drained_ += n;
                              if (ec || self->drained_ > (1u << 20)) return self->Close();
                              self->DrainSome();
                            });
  }

  void Close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.socket().close(ignored);
  }

  HttpEdge::Impl* edge_;
  beast::tcp_stream stream_;
  std::string address_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::string request_id_;
  bool keep_alive_ = true;
  bool first_ = true;
  bool header_checked_ = false;
  bool expect_continue_ = false;
  std::string drain_;
  std::size_t drained_ = 0;
};

}  // namespace

std::optional<std::string_view> HttpEdge::Impl::AdmitConnection(const std::string& address) {
  std::lock_guard lock(addresses_mu);
  if (open.load() >= options.max_connections) return "connection_cap";
  int& n = per_address[address];
  if (n >= options.max_connections_per_address) return "address_cap";
  ++n;
  ++open;
  return std::nullopt;
}

void HttpEdge::Impl::Release(const std::string& address) {
  std::lock_guard lock(addresses_mu);
  auto it = per_address.find(address);
  if (it != per_address.end() && --it->second <= 0) per_address.erase(it);
  --open;
}

void HttpEdge::Impl::Accept() {
  acceptor.async_accept(
      net::make_strand(ioc), [self = this](beast::error_code ec, tcp::socket socket) {
        if (ec) {
          if (self->stopped || ec == net::error::operation_aborted) return;
          // Out of descriptors or a connection reset before accept: keep accepting.
          return self->Accept();
        }
        beast::error_code e;
        auto peer = socket.remote_endpoint(e);
        std::string address = e ? std::string("unknown") : peer.address().to_string();
        if (auto reason = self->AdmitConnection(address)) {
          // Beyond a cap: a short 503, written without waiting, and closed.
          self->metrics.EdgeRefusal(*reason);
          static const std::string kBusy =
              "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 5\r\nConnection: close\r\n"
              "Content-Type: application/json\r\nCache-Control: no-store\r\nContent-Length: " +
              std::to_string(ErrorBody("unavailable", "too many connections", "").size()) +
              "\r\n\r\n" + ErrorBody("unavailable", "too many connections", "");
          socket.non_blocking(true, e);
          socket.write_some(net::buffer(kBusy), e);
          socket.shutdown(tcp::socket::shutdown_both, e);
          socket.close(e);
        } else {
          std::make_shared<Connection>(self, std::move(socket), std::move(address))->Start();
        }
        self->Accept();
      });
}

HttpEdge::HttpEdge(EdgeOptions options, Handler handle, Metrics& metrics)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handle), metrics)) {}

HttpEdge::~HttpEdge() { Stop(); }

Result<int> HttpEdge::Bind(const std::string& host, int port) {
  beast::error_code ec;
  tcp::resolver resolver(impl_->ioc);
  auto endpoints = resolver.resolve(host, std::to_string(port), tcp::resolver::passive, ec);
  if (ec || endpoints.empty()) return Unavailable("cannot listen on " + host + ": " + ec.message());
  const tcp::endpoint endpoint = endpoints.begin()->endpoint();
  auto& a = impl_->acceptor;
  a.open(endpoint.protocol(), ec);
  if (!ec) a.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) a.bind(endpoint, ec);
  if (!ec) a.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    a.close(ec);
    return Unavailable("cannot listen on " + host + ":" + std::to_string(port) + " (in use?)");
  }
  return static_cast<int>(a.local_endpoint().port());
}

Status HttpEdge::Serve() {
  Impl& impl = *impl_;
  if (!impl.acceptor.is_open()) return Unavailable("the server is not bound to a port");
  if (impl.options.stop_on_signals) {
    impl.signals.emplace(impl.ioc, SIGINT, SIGTERM);
    impl.signals->async_wait([this](beast::error_code ec, int) {
      if (!ec) Stop();
    });
  }
  impl.Accept();
  std::vector<std::thread> extra;
  impl.io_threads = std::max(1, impl.options.io_threads);
  impl.pool = std::make_unique<net::thread_pool>(
      static_cast<std::size_t>(std::max(1, impl.options.workers)));
  for (int i = 1; i < impl.io_threads; ++i) extra.emplace_back([&impl] { impl.ioc.run(); });
  impl.ioc.run();
  for (std::thread& t : extra) t.join();
  // No handler runs once Serve returns.
  impl.pool->stop();
  impl.pool->join();
  return Status::Ok();
}

void HttpEdge::Stop() {
  if (impl_->stopped.exchange(true)) return;
  net::post(impl_->ioc, [impl = impl_.get()] {
    beast::error_code ignored;
    impl->acceptor.close(ignored);
    if (impl->signals) impl->signals->cancel(ignored);
  });
  impl_->ioc.stop();
}

}  // namespace carecoop::api
