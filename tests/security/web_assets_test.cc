// The web app served from the API's origin (issue 16, first step;
// api/web_assets.h): index.html and hashed assets with a Content-Security-
// Policy that allows nothing inline and nothing from elsewhere; app routes
// answer index.html; only files found at start are ever served, so no
// request path reaches the file system; /api/ stays the API.
#include <gtest/gtest.h>
#include <httplib.h>

#include <fstream>

#include "tests/support/api_harness.h"
#include "tests/support/raw_http.h"
#include "tests/support/temp_dir.h"

namespace carecoop::testing {
namespace {
namespace fs = std::filesystem;

std::string RawRequest(int port, const std::string& request) {
  RawConnection c(port);
  if (!c.ok() || !c.Send(request)) return "";
  return c.ReadAnswer();
}

fs::path BuiltApp() {
  fs::path dir = FreshTempDir("web_dist") / "dist";
  fs::create_directories(dir / "assets");
  std::ofstream(dir / "index.html")
      << "<!doctype html><html lang=\"en\"><head><title>CareCoop</title>"
         "<script type=\"module\" src=\"/assets/app-3f2a.js\"></script></head><body></body></html>";
  std::ofstream(dir / "assets" / "app-3f2a.js") << "console.log('app');";
  std::ofstream(dir / "assets" / "app-3f2a.css") << "body{margin:0}";
  std::ofstream(dir.parent_path() / "secret.txt") << "not for the web";
  fs::create_symlink(dir.parent_path() / "secret.txt", dir / "link.txt");
  return dir;
}

TEST(WebAssetsTest, TheAppIsServedBesideTheApiWithAStrictPolicy) {
  auto web = api::WebAssets::Load(BuiltApp());
  ASSERT_TRUE(web.ok()) << web.status().ToString();
  EXPECT_EQ(web->files(), 3u) << "index.html and two assets; the symbolic link is not served";
  api::ServerOptions options{.threads = 4, .access_log = false};
  options.web = std::make_shared<const api::WebAssets>(*std::move(web));
  ApiHarness h("sqlite", 2, nullptr, options);
  httplib::Client client("127.0.0.1", h.port());

  for (const char* path : {"/", "/referrals/12", "/hub/queue"}) {
    auto r = client.Get(path);
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->status, 200) << path;
    EXPECT_EQ(r->get_header_value("Content-Type"), "text/html; charset=utf-8") << path;
    EXPECT_NE(r->body.find("<title>CareCoop</title>"), std::string::npos) << path;
    std::string csp = r->get_header_value("Content-Security-Policy");
    EXPECT_EQ(csp, api::kWebContentSecurityPolicy) << path;
    EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos);
    EXPECT_EQ(csp.find("unsafe-eval"), std::string::npos);
    EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos);
    EXPECT_EQ(r->get_header_value("Cache-Control"), "no-store") << "index.html is never cached";
    EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff");
  }
  auto js = client.Get("/assets/app-3f2a.js");
  ASSERT_TRUE(js);
  EXPECT_EQ(js->status, 200);
  EXPECT_EQ(js->get_header_value("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(js->get_header_value("Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(js->body, "console.log('app');");

  // Nothing that was not a file of the app at start: missing assets, the
  // symbolic link, and paths that climb out are 404s, never index.html.
  for (const char* path : {"/assets/gone.js", "/link.txt", "/../secret.txt",
                           "/assets/../../secret.txt", "/%2e%2e/secret.txt"}) {
    std::string answer = RawRequest(
        h.port(), std::string("GET ") + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    EXPECT_EQ(answer.find("not for the web"), std::string::npos) << path;
    EXPECT_EQ(answer.find("<title>CareCoop</title>"), std::string::npos) << path;
  }
  // The API is the API: JSON 404s, never the app.
  auto api = client.Get("/api/no-such-route");
  ASSERT_TRUE(api);
  EXPECT_EQ(api->status, 404);
  EXPECT_EQ(api->get_header_value("Content-Type"), "application/json");
  auto post = client.Post("/", "{}", "application/json");
  ASSERT_TRUE(post);
  EXPECT_NE(post->status, 200) << "the app's files answer GET only";
}

TEST(WebAssetsTest, AFolderWithoutTheBuiltAppIsRefusedByName) {
  fs::path empty = FreshTempDir("web_empty");
  auto r = api::WebAssets::Load(empty);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().field(), "web");
  EXPECT_NE(r.status().message().find("index.html"), std::string::npos);
  EXPECT_EQ(api::WebAssets::Load(empty / "nowhere").status().field(), "web");
}

}  // namespace
}  // namespace carecoop::testing
