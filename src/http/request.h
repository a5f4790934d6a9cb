#pragma once
#include <any>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace opgv::http {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };

Method parseMethod(std::string_view name);
const char* methodName(Method method);

// Header names are stored lower-cased.
using Headers = std::vector<std::pair<std::string, std::string>>;

struct Request {
  Method method = Method::kGet;
  std::string path;   // percent-decoded, always starts with '/'
  std::string query;  // raw query string without '?'
  Headers headers;
  std::string body;
  std::string remote_addr;     // peer address, or the client from X-Forwarded-For via a trusted proxy
  bool secure = false;         // served over TLS (directly or as told by a trusted proxy)
  std::string request_id;
  std::string route = "unmatched";  // route pattern, for metrics and logs
  std::unordered_map<std::string, std::string> path_params;
  std::any context;  // set by the application (session, user)

  std::optional<std::string> header(std::string_view name) const;
  std::string pathParam(std::string_view name) const;
  std::optional<std::string> queryParam(std::string_view name) const;
  std::optional<std::string> cookie(std::string_view name) const;
  // Media type of the body without parameters, lower-cased ("" if absent).
  std::string mediaType() const;
  bool wantsJson() const;
};

}  // namespace opgv::http
