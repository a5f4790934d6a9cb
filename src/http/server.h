#pragma once
#include <cstdint>
#include <memory>
#include <functional>
#include <string>
#include <vector>

#include "http/handler.h"

namespace opgv::http {

// Limits and sizing, injected so that tests can shrink them (ClickHouse's IHTTPContext idea).
struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;
  int threads = 64;             // one thread per keep-alive connection (Poco's model)
  int max_queued = 256;         // accepted connections waiting for a thread
  int keep_alive_seconds = 5;   // short, so idle connections do not starve the pool
  int max_keep_alive_requests = 1000;
  int socket_timeout_seconds = 30;  // per read/write, protects against slow clients
  size_t max_body_bytes = 1024 * 1024;
  // Requests to paths under one of these prefixes (whole segments: "/a" covers "/a" and "/a/b",
  // not "/ab"; matched against the decoded, normalised path) may carry bodies up to
  // max_upload_bytes (never less than max_body_bytes); all others keep max_body_bytes.
  size_t max_upload_bytes = 50 << 20;
  std::vector<std::string> upload_path_prefixes;
  // Asked with the request head (path, query, headers; no body yet) before a body larger than
  // max_body_bytes is read on an upload route; false answers 401 and the body is never read, so
  // anonymous clients cannot make the server buffer max_upload_bytes per thread. Unset: admit all.
  std::function<bool(const Request& head)> admit_upload;
  size_t max_header_fields = 100;
  size_t max_header_value_bytes = 8192;
  // stop() waits this long for running requests; connections still busy then (e.g. a client
  // that stalls mid-request) are cut, so a slow client cannot hold up a restart.
  int shutdown_grace_seconds = 10;
  std::string trusted_proxies;  // comma-separated peer addresses allowed to set X-Forwarded-*
};

class Server {
 public:
  virtual ~Server() = default;
  virtual void start() = 0;
  virtual uint16_t port() const = 0;
  // Stops accepting, lets running requests finish (up to the grace period), then returns.
  virtual void stop() = 0;
};

std::unique_ptr<Server> createServer(const ServerOptions& options, Handler handler);

}  // namespace opgv::http
