#pragma once
#include <string>

#include "http/server.h"

namespace opgv::app {

struct SmtpConfig {
  std::string host;  // empty: mails go to the log and the dev mailbox
  int port = 587;
  std::string user;
  std::string password;
  std::string from = "OPGV-Plattform <noreply@localhost>";
};

struct Config {
  std::string listen = "127.0.0.1:8080";
  std::string data_dir = "./opgv-data";
  std::string db_url;          // empty: sqlite inside data_dir
  std::string resources_dir;   // templates/, static/, migrations/, content/, api/; empty: found next to the binary
  std::string base_url;        // for links in mails; empty: http://<listen>
  std::string log_level = "info";
  int threads = 64;
  size_t max_body_bytes = 1024 * 1024;
  size_t max_upload_bytes = 50 << 20;  // bodies on the upload routes (see serverOptions())
  std::string trusted_proxies = "127.0.0.1";
  SmtpConfig smtp;
  bool seed_on_empty = true;
  bool access_log = true;

  http::ServerOptions serverOptions() const;
  std::string effectiveDbUrl() const;
  std::string effectiveBaseUrl() const;
};

// Finds the directory that holds templates/ and migrations/: the explicit setting, else the
// binary's parent directories (build/opgv → repo root), else /usr/share/opgv, else the cwd.
std::string locateResources(const std::string& configured);

}  // namespace opgv::app
