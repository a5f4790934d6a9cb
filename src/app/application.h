#pragma once
#include <memory>
#include <string>
#include <vector>

#include "app/context.h"
#include "http/router.h"
#include "http/server.h"

namespace opgv::app {

class Application {
 public:
  Application(Config config, std::unique_ptr<Clock> clock = nullptr);
  ~Application();

  // Opens the database, applies migrations and, on an empty database, imports the content.
  void prepare();
  http::Handler handler();
  const http::Router& router() const { return router_; }
  AppContext& context() { return ctx_; }

  // Starts listening (port 0 picks a free port); returns the running server.
  std::unique_ptr<http::Server> start();

 private:
  void registerRoutes();
  AppContext ctx_;
  http::Router router_;
  bool routes_registered_ = false;
};

// Imports content/use-cases/ (new and changed files; never overwrites edits made in the UI).
// Returns the summary line followed by one line per conflict.
std::vector<std::string> importLibrary(AppContext& ctx);
// Summary line first, then one line per broken file and per conflict.
std::vector<std::string> importBausteine(AppContext& ctx);

// Blocks until SIGTERM or SIGINT, then shuts down gracefully.
int serveUntilSignal(Application& app);

}  // namespace opgv::app
