#pragma once
#include <string>
#include <string_view>

#include "http/request.h"

namespace opgv::http {

struct Cookie {
  std::string name;
  std::string value;
  std::string path = "/";
  long max_age = -1;  // -1: session cookie; 0: delete
  bool http_only = true;
  bool secure = false;
  std::string same_site = "Lax";
};

std::string serializeCookie(const Cookie& cookie);

struct Response {
  int status = 200;
  Headers headers;
  std::string body;

  void setHeader(std::string name, std::string value);
  std::string header(std::string_view name) const;
  void addCookie(const Cookie& cookie);

  static Response text(int status, std::string body);
  static Response html(int status, std::string body);
  static Response json(int status, std::string body);
  // 303 so that a POST is followed by a GET (Post/Redirect/Get).
  static Response redirect(std::string location, int status = 303);
  // A file to save: Content-Disposition attachment with `filename` (ASCII, no quotes: callers
  // build it from slugs), and the given caching rule ("no-store" for personal or filled files).
  static Response attachment(const std::string& filename, std::string contentType, std::string body,
                             std::string cacheControl = "no-store");
};

const char* statusReason(int status);

}  // namespace opgv::http
