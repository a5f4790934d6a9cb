#pragma once
// Starts the real application (router, middleware, Poco server) on 127.0.0.1:0 with a fresh
// SQLite file in a temp dir, or a fresh PostgreSQL database when TEST_PG_ADMIN_URL is set.
#include <memory>
#include <ostream>
#include <string>

#include "app/application.h"
#include "support/http_client.h"

namespace opgv::test {

enum class Backend { kSqlite, kPostgres };
const char* backendName(Backend b);
// Readable parameter names in gtest/ctest output.
inline void PrintTo(Backend b, std::ostream* os) { *os << backendName(b); }

// True if the PostgreSQL suite can run (scripts/with-postgres.sh sets TEST_PG_ADMIN_URL).
bool postgresAvailable();

// A fresh, migrated database without the application around it (for db-level tests).
class TestDatabase {
 public:
  explicit TestDatabase(Backend backend);
  ~TestDatabase();
  std::string url() const { return url_; }
  Backend backend() const { return backend_; }

 private:
  Backend backend_;
  std::string url_;
  std::string dir_;
  std::string pg_name_;
};

struct TestServerOptions {
  bool full_seed = false;  // import all 11,564 Kommunen (slow on PostgreSQL); else a small sample
  bool seed_library = false;  // import the 30 use cases from content/use-cases/
  bool seed_bausteine = false;  // import the use cases and the Bausteine from content/bausteine/
  size_t max_body_bytes = 1024 * 1024;
  size_t max_upload_bytes = 50 << 20;  // bodies on the upload routes (app::Config::serverOptions())
};

class TestServer {
 public:
  explicit TestServer(Backend backend = Backend::kSqlite, TestServerOptions options = {});
  ~TestServer();

  uint16_t port() const { return server_->port(); }
  app::Application& app() { return *app_; }
  app::AppContext& ctx() { return app_->context(); }
  Browser browser() { return Browser(port()); }
  const std::string& dataDir() const { return dir_; }

  // Creates an active account directly and returns a logged-in browser.
  Browser loggedIn(const std::string& email, const std::string& role = "mitglied",
                   const std::string& password = "ein-sicheres-passwort");
  int64_t createUser(const std::string& email, const std::string& role = "mitglied",
                     const std::string& password = "ein-sicheres-passwort");
  // Latest mail body to `recipient` from the mail table ("" if none).
  std::string lastMailTo(const std::string& recipient);

 private:
  std::unique_ptr<TestDatabase> database_;
  std::string dir_;
  std::unique_ptr<app::Application> app_;
  std::unique_ptr<http::Server> server_;
};

// The repository root (templates/, migrations/, content/).
std::string sourceDir();
// The example file of a model, models/<slug>/beispiel.csv.
std::string modelExample(const std::string& model);

}  // namespace opgv::test
