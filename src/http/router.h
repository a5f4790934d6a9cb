#pragma once
#include <string>
#include <vector>

#include "http/handler.h"

namespace opgv::http {

struct RouteInfo {
  Method method;
  std::string pattern;  // e.g. "/kommunen/{ags}"
};

// Matches literal segments and `{name}` parameters; the last segment may be `{name...}` to
// capture the rest of the path (static files). Answers 404 or 405 (with Allow) itself.
class Router {
 public:
  void add(Method method, std::string pattern, Handler handler);
  void get(std::string pattern, Handler h) { add(Method::kGet, std::move(pattern), std::move(h)); }
  void post(std::string pattern, Handler h) { add(Method::kPost, std::move(pattern), std::move(h)); }
  void put(std::string pattern, Handler h) { add(Method::kPut, std::move(pattern), std::move(h)); }
  void del(std::string pattern, Handler h) { add(Method::kDelete, std::move(pattern), std::move(h)); }

  // Fills request.route and request.path_params; nullptr if no route matches path and method.
  // `allowed` receives the methods that would match the path (each once; HEAD where GET is).
  const Handler* match(Request& request, std::vector<Method>& allowed) const;
  std::vector<RouteInfo> routes() const;

 private:
  struct Route {
    Method method;
    std::string pattern;
    std::vector<std::string> segments;
    Handler handler;
  };
  std::vector<Route> routes_;
};

}  // namespace opgv::http
