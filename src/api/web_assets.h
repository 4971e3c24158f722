// The web app's built files (Vite's dist/), served by `carecoop serve --web
// DIR` from the API's own origin: `/` and every path outside `/api/` is the
// app, `/api/` the API (issue 16).
//
// The files are read once, when the server starts: only regular files found
// under DIR then are ever served (no path from a request reaches the file
// system, so `..` and symbolic links lead nowhere), at most 64 MiB in all.
// A path with no file extension that names no file is an app route and
// answers index.html; a missing file with an extension is a 404.
//
// Answers carry a Content-Security-Policy for the app (scripts, styles,
// fonts, images and requests from this origin only; no inline script or
// style, no eval, no framing). Files under assets/ have content-hashed names
// and are cached for a year; everything else, index.html included, is not
// cached (the server's Cache-Control: no-store).
#ifndef CARECOOP_API_WEB_ASSETS_H_
#define CARECOOP_API_WEB_ASSETS_H_

#include <cstddef>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "api/http_edge.h"
#include "core/status.h"

namespace carecoop::api {

// The Content-Security-Policy of the app's answers.
inline constexpr std::string_view kWebContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'";

class WebAssets {
 public:
  // Reads every regular file under `dir`. InvalidArgument naming "web" when
  // it is not a directory, has no index.html, or holds more than
  // `max_bytes`.
  static Result<WebAssets> Load(const std::filesystem::path& dir,
                                std::size_t max_bytes = 64 * 1024 * 1024);

  // The answer to GET `path` (a request path, not under /api/), or nullopt
  // for a 404.
  std::optional<HttpResponse> Answer(std::string_view path) const;

  std::size_t files() const { return files_.size(); }

 private:
  struct File {
    std::string content_type;
    std::string body;
  };
  std::map<std::string, File, std::less<>> files_;  // by URL path ("/assets/app.js")
};

}  // namespace carecoop::api

#endif  // CARECOOP_API_WEB_ASSETS_H_
