#include "api/web_assets.h"

#include <fstream>
#include <sstream>

namespace carecoop::api {
namespace {
namespace fs = std::filesystem;

std::string ContentType(const fs::path& p) {
  static const std::map<std::string, std::string, std::less<>> kTypes = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".woff", "font/woff"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
  };
  auto it = kTypes.find(p.extension().string());
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

}  // namespace

Result<WebAssets> WebAssets::Load(const fs::path& dir, std::size_t max_bytes) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    return InvalidArgument("web", dir.string() + " is not a directory of the built web app");
  if (!fs::is_regular_file(dir / "index.html", ec))
    return InvalidArgument("web", dir.string() + " has no index.html (build the app: make build)");
  WebAssets out;
  std::size_t total = 0;
  for (auto it = fs::recursive_directory_iterator(dir, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_symlink() || !it->is_regular_file()) continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::stringstream body;
    body << in.rdbuf();
    if (!in) return InvalidArgument("web", "cannot read " + it->path().string());
    total += body.str().size();
    if (total > max_bytes)
      return InvalidArgument(
          "web", dir.string() + " holds more than " + std::to_string(max_bytes) + " bytes");
    std::string url = "/" + fs::relative(it->path(), dir).generic_string();
    out.files_[url] = {ContentType(it->path()), body.str()};
  }
  if (ec) return InvalidArgument("web", "cannot list " + dir.string() + ": " + ec.message());
  return out;
}

std::optional<HttpResponse> WebAssets::Answer(std::string_view path) const {
  std::string_view key = path == "/" ? std::string_view("/index.html") : path;
  auto it = files_.find(key);
  if (it == files_.end()) {
    // An app route (no extension in its last segment): the app decides.
    std::string_view last = path.substr(path.rfind('/') + 1);
    if (last.find('.') != std::string_view::npos) return std::nullopt;
    it = files_.find(std::string_view("/index.html"));
    if (it == files_.end()) return std::nullopt;
  }
  HttpResponse r;
  r.status = 200;
  r.content_type = it->second.content_type;
  r.body = it->second.body;
  r.headers.emplace_back("Content-Security-Policy", std::string(kWebContentSecurityPolicy));
  if (it->first.starts_with("/assets/"))
    r.headers.emplace_back("Cache-Control", "public, max-age=31536000, immutable");
  return r;
}

}  // namespace carecoop::api
