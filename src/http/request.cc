#include "http/request.h"

#include "http/cookies.h"
#include "http/form.h"
#include "common/strings.h"

namespace opgv::http {

Method parseMethod(std::string_view name) {
  if (name == "GET") return Method::kGet;
  if (name == "HEAD") return Method::kHead;
  if (name == "POST") return Method::kPost;
  if (name == "PUT") return Method::kPut;
  if (name == "PATCH") return Method::kPatch;
  if (name == "DELETE") return Method::kDelete;
  if (name == "OPTIONS") return Method::kOptions;
  return Method::kOther;
}

const char* methodName(Method method) {
  switch (method) {
    case Method::kGet: return "GET";
    case Method::kHead: return "HEAD";
    case Method::kPost: return "POST";
    case Method::kPut: return "PUT";
    case Method::kPatch: return "PATCH";
    case Method::kDelete: return "DELETE";
    case Method::kOptions: return "OPTIONS";
    case Method::kOther: return "OTHER";
  }
  return "OTHER";
}

std::optional<std::string> Request::header(std::string_view name) const {
  std::string lower = strings::toLowerAscii(name);
  for (const auto& [k, v] : headers) {
    if (k == lower) return v;
  }
  return std::nullopt;
}

std::string Request::pathParam(std::string_view name) const {
  auto it = path_params.find(std::string(name));
  return it == path_params.end() ? std::string() : it->second;
}

std::optional<std::string> Request::queryParam(std::string_view name) const {
  auto parsed = parseUrlEncoded(query);
  if (!parsed) return std::nullopt;
  return parsed->get(name);
}

std::optional<std::string> Request::cookie(std::string_view name) const {
  auto h = header("cookie");
  if (!h) return std::nullopt;
  for (const auto& [k, v] : parseCookieHeader(*h)) {
    if (k == name) return v;
  }
  return std::nullopt;
}

std::string Request::mediaType() const {
  auto ct = header("content-type");
  if (!ct) return {};
  return parseContentType(*ct).media_type;
}

bool Request::wantsJson() const {
  if (strings::startsWith(path, "/api/")) return true;
  auto accept = header("accept");
  return accept && accept->find("application/json") != std::string::npos &&
         accept->find("text/html") == std::string::npos;
}

}  // namespace opgv::http
