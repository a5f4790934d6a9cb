#include "http/response.h"

#include "common/strings.h"

namespace opgv::http {

std::string serializeCookie(const Cookie& c) {
  std::string out = c.name + "=" + c.value + "; Path=" + c.path;
  if (c.max_age >= 0) out += "; Max-Age=" + std::to_string(c.max_age);
  if (c.http_only) out += "; HttpOnly";
  if (c.secure) out += "; Secure";
  if (!c.same_site.empty()) out += "; SameSite=" + c.same_site;
  return out;
}

void Response::setHeader(std::string name, std::string value) {
  std::string lower = strings::toLowerAscii(name);
  for (auto& [k, v] : headers) {
    if (strings::toLowerAscii(k) == lower) {
      v = std::move(value);
      return;
    }
  }
  headers.emplace_back(std::move(name), std::move(value));
}

std::string Response::header(std::string_view name) const {
  std::string lower = strings::toLowerAscii(name);
  for (const auto& [k, v] : headers) {
    if (strings::toLowerAscii(k) == lower) return v;
  }
  return {};
}

void Response::addCookie(const Cookie& cookie) {
  headers.emplace_back("Set-Cookie", serializeCookie(cookie));
}

Response Response::text(int status, std::string body) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.setHeader("Content-Type", "text/plain; charset=utf-8");
  return r;
}

Response Response::html(int status, std::string body) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.setHeader("Content-Type", "text/html; charset=utf-8");
  return r;
}

Response Response::json(int status, std::string body) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.setHeader("Content-Type", "application/json");
  return r;
}

Response Response::redirect(std::string location, int status) {
  Response r;
  r.status = status;
  r.setHeader("Location", std::move(location));
  return r;
}

Response Response::attachment(const std::string& filename, std::string contentType, std::string body,
                              std::string cacheControl) {
  Response r;
  r.status = 200;
  r.body = std::move(body);
  r.setHeader("Content-Type", std::move(contentType));
  r.setHeader("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  r.setHeader("Cache-Control", std::move(cacheControl));
  return r;
}

const char* statusReason(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 413: return "Payload Too Large";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Content";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    case 505: return "HTTP Version Not Supported";
    default: return "Status";
  }
}

}  // namespace opgv::http
