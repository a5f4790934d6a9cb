#include "app/application.h"

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "app/middleware.h"
#include "app/web.h"
#include "common/crypto.h"
#include "common/log.h"
#include "common/strings.h"
#include "db/migrate.h"
#include "features/accounts/routes.h"
#include "features/organisations/routes.h"
#include "features/bausteine/routes.h"
#include "features/bausteine/service.h"
#include "features/datasets/routes.h"
#include "features/models/routes.h"
#include "features/library/routes.h"
#include "features/library/service.h"
#include "features/organisations/seed.h"
#include "features/pages/routes.h"
#include "features/platform/routes.h"

namespace opgv::app {

Application::Application(Config config, std::unique_ptr<Clock> clock) {
  crypto::initialize();
  ctx_.config = std::move(config);
  ctx_.clock = clock ? std::move(clock) : std::make_unique<SystemClock>();
  ctx_.resources = locateResources(ctx_.config.resources_dir);
}

Application::~Application() = default;

std::vector<std::string> importLibrary(AppContext& ctx) {
  library::UseCaseService service(*ctx.db, *ctx.clock, *ctx.mailer, ctx.config.effectiveBaseUrl());
  auto report = service.importDirectory(ctx.resources + "/content/use-cases");
  log::info("Use Cases importiert: " + report.summary());
  for (const auto& conflict : report.conflicts) log::warn("Use-Case-Import: " + conflict);
  std::vector<std::string> lines = {report.summary()};
  lines.insert(lines.end(), report.conflicts.begin(), report.conflicts.end());
  return lines;
}

std::vector<std::string> importBausteine(AppContext& ctx) {
  bausteine::BausteinService service(*ctx.db, *ctx.clock);
  auto report = service.importDirectory(ctx.resources + "/content/bausteine");
  log::info("Bausteine importiert: " + report.summary());
  for (const auto& problem : report.problems) log::warn("Baustein-Import: " + problem);
  for (const auto& conflict : report.conflicts) log::warn("Baustein-Import: " + conflict);
  std::vector<std::string> lines = {report.summary()};
  lines.insert(lines.end(), report.problems.begin(), report.problems.end());
  lines.insert(lines.end(), report.conflicts.begin(), report.conflicts.end());
  return lines;
}

void Application::prepare() {
  log::configure(ctx_.config.log_level);
  log::setAccessLogEnabled(ctx_.config.access_log);
  auto url = ctx_.config.effectiveDbUrl();
  if (url.rfind("sqlite://", 0) == 0) std::filesystem::create_directories(ctx_.config.data_dir);
  ctx_.db = db::open(url, 8);
  auto report = db::migrate(*ctx_.db, ctx_.resources + "/migrations");
  if (!report.applied.empty()) log::info("Datenbankschema auf Version " + std::to_string(report.current_version));
  ctx_.mailer = mail::createMailer(*ctx_.db, *ctx_.clock,
                                   mail::SmtpSettings{ctx_.config.smtp.host, ctx_.config.smtp.port,
                                                      ctx_.config.smtp.user, ctx_.config.smtp.password,
                                                      ctx_.config.smtp.from});
  if (ctx_.config.seed_on_empty) {
    auto seeded = organisations::seedIfEmpty(*ctx_.db, *ctx_.clock, ctx_.resources);
    if (seeded) log::info("Inhalte importiert: " + *seeded);
    // Also on databases seeded before the library existed.
    if (ctx_.db->query("SELECT COUNT(*) FROM use_cases").first().i64(0) == 0) importLibrary(ctx_);
    // After the use cases: Bausteine link to them.
    if (ctx_.db->query("SELECT COUNT(*) FROM bausteine").first().i64(0) == 0) importBausteine(ctx_);
  }
  ctx_.renderer = view::createCtemplateRenderer(ctx_.resources + "/templates");
  ctx_.sessions = std::make_unique<auth::SessionStore>(*ctx_.db, *ctx_.clock);
  ctx_.csrf = std::make_unique<auth::Csrf>(auth::loadOrCreateSecret(*ctx_.db));
  ctx_.login_limiter = std::make_unique<auth::RateLimiter>(*ctx_.clock, 10, 15 * 60);
  registerRoutes();
}

void Application::registerRoutes() {
  if (routes_registered_) return;
  routes_registered_ = true;
  platform::registerRoutes(router_, ctx_);
  pages::registerRoutes(router_, ctx_);
  accounts::registerRoutes(router_, ctx_);
  organisations::registerRoutes(router_, ctx_);
  library::registerRoutes(router_, ctx_);
  bausteine::registerRoutes(router_, ctx_);
  auto modelService = models::registerRoutes(router_, ctx_);
  datasets::registerRoutes(router_, ctx_, modelService);
}

http::Handler Application::handler() {
  auto dispatch = [this](http::Request& req) -> http::Response {
    std::vector<http::Method> allowed;
    const http::Handler* h = router_.match(req, allowed);
    if (h) return (*h)(req);
    if (!allowed.empty()) {
      std::string allow;
      for (auto m : allowed) allow += std::string(allow.empty() ? "" : ", ") + http::methodName(m);
      auto res = web::errorResponse(ctx_, req, Error{ErrorCode::kInvalidInput, "Diese Methode ist hier nicht erlaubt."});
      res.status = 405;
      res.setHeader("Allow", allow);
      return res;
    }
    return web::errorResponse(ctx_, req, Error{ErrorCode::kNotFound, "Die Seite „" + req.path + "“ gibt es nicht (mehr). Vielleicht hilft die Suche auf der Startseite weiter."});
  };
  return http::chain(standardMiddleware(ctx_), dispatch);
}

std::unique_ptr<http::Server> Application::start() {
  auto options = ctx_.config.serverOptions();
  // Large uploads only from signed-in users: checked on the head, before the body is read.
  options.admit_upload = [this](const http::Request& head) {
    if (auto authz = head.header("authorization"); authz && strings::startsWith(*authz, "Bearer ")) {
      return ctx_.sessions->resolveApiToken(strings::trim(authz->substr(7))).has_value();
    }
    auto token = head.cookie("opgv_session");
    return token && ctx_.sessions->resolveSession(*token).has_value();
  };
  auto server = http::createServer(options, handler());
  server->start();
  return server;
}

int serveUntilSignal(Application& app) {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  // Block before any thread starts, so that only sigwait below receives these signals.
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  auto server = app.start();
  // Blank PDFs are made once in the background, so that downloads are instant and their links
  // can name the size. OPGV_PDF_PREWARM=0 switches this off (e.g. for browser tests).
  std::jthread prewarm;
  const char* prewarmSetting = std::getenv("OPGV_PDF_PREWARM");
  if (!prewarmSetting || std::string_view(prewarmSetting) != "0") {
    prewarm = std::jthread([&app](std::stop_token stop) {
      auto& ctx = app.context();
      bausteine::BausteinService service(*ctx.db, *ctx.clock);
      auto made = service.warmPdfCache(stop, [](int done, int total, const std::string& slug) {
        log::debug("PDF " + std::to_string(done) + "/" + std::to_string(total) + ": " + slug);
      });
      if (made > 0) log::info("PDF-Fassungen der Bausteine erzeugt: " + std::to_string(made));
    });
  }
  log::info("OPGV-Plattform läuft auf http://" + app.context().config.serverOptions().host + ":" +
            std::to_string(server->port()) + " (Datenbank: " + app.context().db->description() + ")");
  int received = 0;
  sigwait(&signals, &received);
  log::info("Signal " + std::to_string(received) + " erhalten, beende laufende Anfragen …");
  prewarm.request_stop();
  server->stop();
  log::flushAccess();
  log::info("Server beendet.");
  return 0;
}

}  // namespace opgv::app
