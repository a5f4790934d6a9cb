#include "features/platform/static_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "http/problem.h"

namespace opgv::platform {

std::string contentTypeFor(const std::string& path) {
  auto ext = std::filesystem::path(path).extension().string();
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".json") return "application/json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".woff") return "font/woff";
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".txt" || ext == ".md") return "text/plain; charset=utf-8";
  if (ext == ".csv") return "text/csv; charset=utf-8";
  return "application/octet-stream";
}

http::Response serveFile(const std::string& root, const std::string& relativePath, const http::Request& request,
                         const std::string& cacheControl) {
  namespace fs = std::filesystem;
  std::error_code ec;
  auto base = fs::weakly_canonical(root, ec);
  auto target = fs::weakly_canonical(fs::path(root) / relativePath, ec);
  auto rel = target.lexically_relative(base);
  if (ec || rel.empty() || rel.native().starts_with("..") || !fs::is_regular_file(target)) {
    return http::problem(404, "Datei nicht gefunden.");
  }
  auto size = fs::file_size(target, ec);
  auto mtime = fs::last_write_time(target, ec).time_since_epoch().count();
  auto etag = "\"" + std::to_string(size) + "-" + std::to_string(mtime) + "\"";
  if (request.header("if-none-match").value_or("") == etag) {
    http::Response r;
    r.status = 304;
    r.setHeader("ETag", etag);
    return r;
  }
  std::ifstream in(target, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  http::Response r;
  r.body = buffer.str();
  r.setHeader("Content-Type", contentTypeFor(target.string()));
  r.setHeader("ETag", etag);
  r.setHeader("Cache-Control", cacheControl);
  return r;
}

}  // namespace opgv::platform
