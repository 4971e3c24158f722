// Every API route that reads a body, in process, on a small two-RCC world:
// the first bytes choose the route, the id in its path and who is asking;
// the rest is the body. Whatever the bytes, the answer is never a 500 (an
// internal error is a bug: bad input is a 4xx naming the problem), and
// nothing crashes or reads out of bounds.
#include <fcntl.h>

#include <cstddef>
#include <cstdint>
#include <regex>
#include <string>
#include <vector>

#include "api/server.h"
#include "services/log.h"
#include "tests/support/api_harness.h"

namespace {

struct World {
  carecoop::testing::ApiHarness harness{
      "sqlite", 3, nullptr, carecoop::api::ServerOptions{.threads = 2, .access_log = false}};
  std::vector<carecoop::api::RouteInfo> routes;
  std::vector<std::string> tokens;
  World() {
    carecoop::services::log::SetOutputFd(::open("/dev/null", O_WRONLY));
    for (const auto& r : carecoop::api::Routes())
      if (r.method == "POST" || r.method == "PATCH") routes.push_back(r);
    using carecoop::Role;
    tokens = {"",
              harness.a.tokens[Role::kSocialWorker],
              harness.a.tokens[Role::kHubOfficer],
              harness.a.tokens[Role::kScrutinyOfficer],
              harness.a.tokens[Role::kProvider],
              harness.admin_token};
    // Something for the ids to name.
    auto referral = harness.SentReferral(harness.a);
    harness.OfferFor(harness.a, referral);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static World world;
  if (size < 3) return 0;
  const auto& route = world.routes[data[0] % world.routes.size()];
  carecoop::api::HttpRequest req;
  req.method = route.method;
  req.path = std::regex_replace(route.path, std::regex("\\{id\\}"), std::to_string(data[1] % 8));
  req.target = req.path;
  const std::string& token = world.tokens[data[2] % world.tokens.size()];
  if (!token.empty()) req.headers.emplace_back("Authorization", "Bearer " + token);
  req.body.assign(reinterpret_cast<const char*>(data) + 3, size - 3);
  req.remote_address = "127.0.0.1";
  req.request_id = "fuzz";
  carecoop::api::HttpResponse r = world.harness.server().Answer(req);
  if (r.status >= 500) __builtin_trap();
  return 0;
}
