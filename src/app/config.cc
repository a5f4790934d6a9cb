#include "app/config.h"

#include <filesystem>
#include <stdexcept>

#include "common/strings.h"

namespace opgv::app {

http::ServerOptions Config::serverOptions() const {
  http::ServerOptions o;
  auto colon = listen.rfind(':');
  if (colon == std::string::npos) throw std::invalid_argument("--listen erwartet HOST:PORT, erhalten: " + listen);
  o.host = listen.substr(0, colon);
  auto port = strings::parseInt(listen.substr(colon + 1));
  if (!port || *port < 0 || *port > 65535) throw std::invalid_argument("Ungültiger Port in --listen: " + listen);
  o.port = static_cast<uint16_t>(*port);
  o.threads = threads;
  o.max_body_bytes = max_body_bytes;
  o.max_upload_bytes = max_upload_bytes;
  // The upload routes of the datasets feature (HTML form and API) take files up to
  // max-upload-bytes; every other request keeps max-body-bytes.
  o.upload_path_prefixes = {"/daten/datensaetze", "/api/v1/datasets"};
  o.trusted_proxies = trusted_proxies;
  return o;
}

std::string Config::effectiveDbUrl() const {
  if (!db_url.empty()) return db_url;
  auto path = std::filesystem::absolute(std::filesystem::path(data_dir) / "opgv.db");
  return "sqlite://" + path.string();
}

std::string Config::effectiveBaseUrl() const {
  if (!base_url.empty()) return base_url;
  return "http://" + listen;
}

std::string locateResources(const std::string& configured) {
  namespace fs = std::filesystem;
  auto looksRight = [](const fs::path& p) {
    return fs::is_directory(p / "templates") && fs::is_directory(p / "migrations");
  };
  if (!configured.empty()) {
    if (!looksRight(configured)) {
      throw std::runtime_error("Ressourcenverzeichnis ohne templates/ und migrations/: " + configured);
    }
    return fs::absolute(configured).string();
  }
  std::error_code ec;
  fs::path exe = fs::canonical("/proc/self/exe", ec);
  for (fs::path dir = exe.parent_path(); !dir.empty() && dir != dir.root_path(); dir = dir.parent_path()) {
    if (looksRight(dir)) return dir.string();
  }
  for (const char* dir : {"/usr/local/share/opgv", "/usr/share/opgv"}) {
    if (looksRight(dir)) return dir;
  }
  if (looksRight(fs::current_path())) return fs::current_path().string();
  throw std::runtime_error(
      "Ressourcen (templates/, migrations/) nicht gefunden. Bitte --resources DIR angeben.");
}

}  // namespace opgv::app
