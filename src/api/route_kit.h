// What every route handler of the API is written with: the call it answers,
// its reply, and the strict readers of small action bodies and query
// parameters (server.cc's routes, oversight_routes.cc's and national_routes.cc's).
#ifndef CARECOOP_API_ROUTE_KIT_H_
#define CARECOOP_API_ROUTE_KIT_H_

#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "api/http_edge.h"
#include "api/json.h"
#include "services/access.h"

namespace carecoop::services {
class Workflow;
}

namespace carecoop::api {

using services::Principal;

struct Reply {
  int status = 200;
  json body;
  std::vector<std::pair<std::string, std::string>> headers;  // beside the ones every answer has
  // A reply that is not JSON (a CSV download): its media type and text;
  // body is then unused.
  std::string content_type;
  std::string text;
};

struct Call {
  const HttpRequest& req;
  Principal who;
  json body;
  std::int64_t id = 0;  // the {id} in the path, when there is one
};

using Handler = std::function<Result<Reply>(Call&)>;

// Refuses a body with a key not in `keys`, naming it.
inline Status OnlyKeys(const json& body, std::initializer_list<std::string_view> keys) {
  if (!body.is_object()) return InvalidArgument("body", "must be a JSON object");
  for (const auto& [key, _] : body.items()) {
    bool known = false;
    for (std::string_view k : keys) known = known || k == key;
    if (!known && key.empty())
      return InvalidArgument("body", "has an empty key, which is not a field of this request");
    if (!known) return InvalidArgument(key, "is not a field of this request");
  }
  return Status::Ok();
}

template <class T>
Status Required(const json& body, const std::string& key, T& out) {
  auto it = body.find(key);
  if (it == body.end()) return InvalidArgument(key, "is required");
  return jsoncodec::From(*it, out, key);
}

template <class T>
Status Optional(const json& body, const std::string& key, T& out) {
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) return Status::Ok();
  return jsoncodec::From(*it, out, key);
}

template <class E>
Result<std::optional<E>> EnumParam(const HttpRequest& req, const std::string& name) {
  const std::string* value = req.Param(name);
  if (!value) return std::optional<E>();
  auto e = ParseEnumCode<E>(*value);
  if (!e) return InvalidArgument(name, "must be one of " + EnumCodeList<E>());
  return std::optional<E>(*e);
}

// Adds the market oversight routes (oversight_routes.cc) through `add`.
using AddRoute = std::function<void(std::string method, std::string path, bool signed_in,
                                    Handler handler, std::vector<std::string> query)>;
void AddOversightRoutes(const AddRoute& add, services::Workflow* wf);
// Adds the national layer's routes (national_routes.cc).
void AddNationalRoutes(const AddRoute& add, services::Workflow* wf);
// Adds the policy simulator's routes (simulation_routes.cc).
void AddSimulationRoutes(const AddRoute& add, services::Workflow* wf);

}  // namespace carecoop::api

#endif  // CARECOOP_API_ROUTE_KIT_H_
