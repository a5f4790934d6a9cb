#include "app/middleware.h"

#include <atomic>
#include <chrono>

#include <nlohmann/json.hpp>

#include "app/web.h"
#include "common/crypto.h"
#include "common/log.h"
#include "common/strings.h"
#include "http/problem.h"

namespace opgv::app {
namespace {

std::string newRequestId() {
  static std::atomic<uint64_t> counter{0};
  static const std::string prefix = crypto::randomToken().substr(0, 8);
  return prefix + "-" + std::to_string(++counter);
}

http::Middleware accessLogAndMetrics(AppContext& ctx) {
  return [&ctx](http::Request& req, const http::Handler& next) {
    auto start = std::chrono::steady_clock::now();
    req.request_id = newRequestId();
    http::Response res = next(req);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    res.setHeader("X-Request-Id", req.request_id);
    ctx.metrics.observe(http::methodName(req.method), req.route, res.status, seconds);
    nlohmann::json line = {{"ts", ctx.clock->nowSeconds()},
                           {"id", req.request_id},
                           {"remote", req.remote_addr},
                           {"method", http::methodName(req.method)},
                           {"path", req.path},
                           {"route", req.route},
                           {"status", res.status},
                           {"bytes", res.body.size()},
                           {"ms", seconds * 1000.0}};
    log::access(line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    return res;
  };
}

http::Middleware exceptionBarrier(AppContext& ctx) {
  return [&ctx](http::Request& req, const http::Handler& next) {
    try {
      return next(req);
    } catch (const std::exception& e) {
      log::error("Anfrage " + req.request_id + " " + req.path + " fehlgeschlagen: " + e.what());
      Error error{ErrorCode::kInternal,
                  "Ein interner Fehler ist aufgetreten. Bitte versuchen Sie es später erneut. Wenn der "
                  "Fehler bleibt, nennen Sie uns die Referenz " + req.request_id + ".",
                  e.what(), {}};
      try {
        return web::errorResponse(ctx, req, error);
      } catch (const std::exception&) {
        return http::problem(500, error.message);
      }
    }
  };
}

http::Middleware securityHeaders() {
  return [](http::Request& req, const http::Handler& next) {
    http::Response res = next(req);
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "same-origin");
    res.setHeader("X-Frame-Options", "DENY");
    if (res.header("Content-Security-Policy").empty()) {
      res.setHeader("Content-Security-Policy",
                    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'");
    }
    if (req.secure) res.setHeader("Strict-Transport-Security", "max-age=31536000");
    return res;
  };
}

// X-Forwarded-* is believed only from configured proxies (nginx), never from arbitrary clients.
http::Middleware trustedProxy(AppContext& ctx) {
  auto trusted = strings::split(ctx.config.trusted_proxies, ',');
  for (auto& t : trusted) t = strings::trim(t);
  return [trusted](http::Request& req, const http::Handler& next) {
    bool fromProxy = false;
    for (const auto& t : trusted) {
      if (!t.empty() && t == req.remote_addr) fromProxy = true;
    }
    if (fromProxy) {
      if (auto xff = req.header("x-forwarded-for")) {
        auto hops = strings::split(*xff, ',');
        auto client = strings::trim(hops.back());
        if (!client.empty()) req.remote_addr = client;
      }
      if (auto proto = req.header("x-forwarded-proto")) req.secure = strings::trim(*proto) == "https";
    }
    return next(req);
  };
}

http::Middleware sessions(AppContext& ctx) {
  return [&ctx](http::Request& req, const http::Handler& next) {
    auto& st = web::state(req);
    if (auto authz = req.header("authorization"); authz && strings::startsWith(*authz, "Bearer ")) {
      auto principal = ctx.sessions->resolveApiToken(strings::trim(authz->substr(7)));
      if (!principal) {
        auto res = http::problem(401, "Der API-Token ist ungültig oder wurde widerrufen.");
        res.setHeader("WWW-Authenticate", "Bearer realm=\"opgv\", error=\"invalid_token\"");
        return res;
      }
      st.principal = *principal;
    } else if (auto token = req.cookie("opgv_session")) {
      if (auto principal = ctx.sessions->resolveSession(*token)) {
        st.principal = *principal;
        st.csrf_binding = principal->session_hash;
      } else {
        web::setCookie(ctx, req, http::Cookie{"opgv_session", "", "/", 0, true});
      }
    }
    if (st.csrf_binding.empty()) st.csrf_binding = req.cookie("opgv_csrf").value_or("");
    // Cookie-authenticated API writes must be JSON: browsers cannot send that cross-site without a
    // CORS preflight (which we never grant), so this closes the CSRF hole for bodiless POSTs.
    bool apiWrite = strings::startsWith(req.path, "/api/") && req.method != http::Method::kGet &&
                    req.method != http::Method::kHead && req.method != http::Method::kOptions;
    if (apiWrite && st.principal.loggedIn() && !st.principal.via_api_token && req.mediaType() != "application/json") {
      return http::problem(403, "API-Aufrufe mit Sitzungs-Cookie müssen Content-Type: application/json senden.");
    }
    http::Response res = next(req);
    for (const auto& c : web::state(req).cookies) res.addCookie(c);
    return res;
  };
}

}  // namespace

std::vector<http::Middleware> standardMiddleware(AppContext& ctx) {
  return {accessLogAndMetrics(ctx), exceptionBarrier(ctx), securityHeaders(), trustedProxy(ctx), sessions(ctx)};
}

}  // namespace opgv::app
