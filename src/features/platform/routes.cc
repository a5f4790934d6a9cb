#include "features/platform/routes.h"

#include <cstdlib>
#include <stdexcept>

#include "app/web.h"
#include "features/platform/static_files.h"
#include "http/problem.h"

namespace opgv::platform {

void registerRoutes(http::Router& router, app::AppContext& ctx) {
  // Browser tests need a real 500 page; the route exists only when the environment asks for it.
  if (const char* flag = std::getenv("OPGV_ENABLE_TEST_ROUTES"); flag && std::string(flag) == "1") {
    router.get("/_test/interner-fehler", [](http::Request&) -> http::Response {
      throw std::runtime_error("absichtlicher Fehler für den Browsertest");
    });
  }
  router.get("/healthz", [](http::Request&) { return http::Response::text(200, "ok\n"); });

  router.get("/readyz", [&ctx](http::Request&) {
    auto conn = ctx.db->acquire();
    if (!conn->ping()) return http::Response::text(503, "Datenbank nicht erreichbar\n");
    return http::Response::text(200, "bereit\n");
  });

  router.get("/metrics", [&ctx](http::Request&) {
    auto res = http::Response::text(200, ctx.metrics.render());
    res.setHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
    return res;
  });

  router.get("/static/{path...}", [&ctx](http::Request& req) {
    // Vendor files change only with package-lock.json; our own assets may change on deploy.
    bool vendor = req.pathParam("path").rfind("vendor/", 0) == 0;
    return serveFile(ctx.resources + "/static", req.pathParam("path"), req,
                     vendor ? "public, max-age=604800" : "public, max-age=300");
  });

  router.get("/favicon.ico", [&ctx](http::Request& req) {
    return serveFile(ctx.resources + "/static", "img/favicon.svg", req, "public, max-age=86400");
  });

  router.get("/api/v1/openapi.json", [&ctx](http::Request& req) {
    auto res = serveFile(ctx.resources + "/api", "openapi.json", req, "no-cache");
    res.setHeader("Access-Control-Allow-Origin", "*");
    return res;
  });

  router.get("/api/docs", [&ctx](http::Request& req) {
    auto res = serveFile(ctx.resources + "/static", "api-docs.html", req, "no-cache");
    // Swagger UI sets inline styles from its bundle; scripts stay restricted to our origin.
    res.setHeader("Content-Security-Policy",
                  "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                  "script-src 'self'; object-src 'none'; frame-ancestors 'none'");
    return res;
  });
}

}  // namespace opgv::platform
