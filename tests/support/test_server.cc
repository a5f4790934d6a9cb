#include "support/test_server.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "common/crypto.h"
#include "common/log.h"
#include "common/strings.h"
#include "db/db.h"
#include "features/accounts/service.h"

namespace opgv::test {

const char* backendName(Backend b) { return b == Backend::kSqlite ? "SQLite" : "PostgreSQL"; }

std::string modelExample(const std::string& model) {
  std::ifstream in(sourceDir() + "/models/" + model + "/beispiel.csv", std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string sourceDir() {
  if (const char* env = std::getenv("OPGV_SOURCE_DIR")) return env;
#ifdef OPGV_SOURCE_DIR
  return OPGV_SOURCE_DIR;
#else
  return std::filesystem::current_path().string();
#endif
}

bool postgresAvailable() { return std::getenv("TEST_PG_ADMIN_URL") != nullptr; }

static std::string makeTempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "opgv-test-XXXXXX").string();
  std::vector<char> buf(pattern.begin(), pattern.end());
  buf.push_back('\0');
  if (!mkdtemp(buf.data())) throw std::runtime_error("mkdtemp");
  return buf.data();
}

TestDatabase::TestDatabase(Backend backend) : backend_(backend) {
  crypto::initialize();
  if (backend == Backend::kSqlite) {
    dir_ = makeTempDir();
    url_ = "sqlite://" + dir_ + "/opgv.db";
    return;
  }
  const char* admin = std::getenv("TEST_PG_ADMIN_URL");
  if (!admin) throw std::runtime_error("TEST_PG_ADMIN_URL fehlt");
  pg_name_ = "opgv_t_" + strings::toLowerAscii(crypto::hashToken(crypto::randomToken()).substr(0, 12));
  auto db = db::open(admin, 1);
  db->query("CREATE DATABASE " + pg_name_);
  std::string base = admin;
  url_ = base.substr(0, base.rfind('/') + 1) + pg_name_;
}

TestDatabase::~TestDatabase() {
  try {
    if (!pg_name_.empty()) {
      auto db = db::open(std::getenv("TEST_PG_ADMIN_URL"), 1);
      db->query("DROP DATABASE IF EXISTS " + pg_name_ + " WITH (FORCE)");
    }
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  } catch (...) {
  }
}

TestServer::TestServer(Backend backend, TestServerOptions options) {
  database_ = std::make_unique<TestDatabase>(backend);
  dir_ = makeTempDir();
  app::Config config;
  config.listen = "127.0.0.1:0";
  config.data_dir = dir_;
  config.db_url = database_->url();
  config.resources_dir = sourceDir();
  config.log_level = "warn";
  config.access_log = false;
  config.threads = 16;
  config.max_body_bytes = options.max_body_bytes;
  config.max_upload_bytes = options.max_upload_bytes;
  config.seed_on_empty = options.full_seed;
  app_ = std::make_unique<app::Application>(config);
  app_->prepare();
  if (!options.full_seed) {
    // A handful of real directory rows (Destatis) keeps PostgreSQL tests fast.
    const char* sql =
        "INSERT INTO kommunen (ags, name, name_folded, verwaltungstyp, bundesland, kreis_ags, einwohner, plz, stand) VALUES "
        "('01001000', 'Flensburg, Stadt', 'flensburg, stadt', 'kreisfreie_stadt', 'Schleswig-Holstein', '01001', 89357, '24937', '2011-12-31'),"
        "('01056', 'Pinneberg', 'pinneberg', 'landkreis', 'Schleswig-Holstein', NULL, 305102, NULL, '2017-03-31'),"
        "('01056039', 'Pinneberg, Stadt', 'pinneberg, stadt', 'kreisangehoerige_stadt', 'Schleswig-Holstein', '01056', 42162, '25421', '2011-12-31'),"
        "('09172116', 'Berchtesgaden, M', 'berchtesgaden, m', 'gemeinde', 'Bayern', '09172', 7713, '83471', '2011-12-31'),"
        "('09162000', 'München, Landeshauptstadt', 'muenchen, landeshauptstadt', 'kreisfreie_stadt', 'Bayern', '09162', 1364920, '80331', '2011-12-31')";
    app_->context().db->query(sql);
  }
  if ((options.seed_library || options.seed_bausteine) && !options.full_seed) app::importLibrary(app_->context());
  if (options.seed_bausteine && !options.full_seed) app::importBausteine(app_->context());
  server_ = app_->start();
}

TestServer::~TestServer() {
  if (server_) server_->stop();
  server_.reset();
  app_.reset();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

int64_t TestServer::createUser(const std::string& email, const std::string& role, const std::string& password) {
  auto& c = ctx();
  accounts::AccountService service(*c.db, *c.clock, *c.mailer, *c.sessions, *c.login_limiter, "http://test");
  auto r = auth::parseRole(role);
  auto id = service.createActiveUser(email, "Test " + email.substr(0, email.find('@')), password,
                                     r.value_or(auth::PlatformRole::kMitglied));
  if (!id) throw std::runtime_error("createUser: " + id.error().message);
  return *id;
}

Browser TestServer::loggedIn(const std::string& email, const std::string& role, const std::string& password) {
  createUser(email, role, password);
  Browser b = browser();
  b.get("/anmelden");
  auto r = b.postForm("/anmelden", {{"email", email}, {"password", password}, {"return_to", "/profil"}});
  if (r.status != 303 || b.cookie("opgv_session").empty()) {
    throw std::runtime_error("Anmeldung im Test fehlgeschlagen: " + std::to_string(r.status));
  }
  b.get("/profil");  // fresh CSRF token bound to the new session
  return b;
}

std::string TestServer::lastMailTo(const std::string& recipient) {
  auto rs = ctx().db->query("SELECT body FROM mails WHERE recipient = $1 ORDER BY id DESC LIMIT 1", {recipient});
  return rs.empty() ? std::string() : rs.first().str(0);
}

}  // namespace opgv::test
