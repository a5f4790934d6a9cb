#include "http/router.h"

#include <algorithm>

#include "common/strings.h"

namespace opgv::http {

Handler chain(const std::vector<Middleware>& middlewares, Handler last) {
  Handler next = std::move(last);
  for (auto it = middlewares.rbegin(); it != middlewares.rend(); ++it) {
    Middleware mw = *it;
    next = [mw, next](Request& req) { return mw(req, next); };
  }
  return next;
}

static std::vector<std::string> splitPath(std::string_view path) {
  std::vector<std::string> out;
  if (path.size() <= 1) return out;
  return strings::split(path.substr(1), '/');
}

void Router::add(Method method, std::string pattern, Handler handler) {
  Route r{method, pattern, splitPath(pattern), std::move(handler)};
  routes_.push_back(std::move(r));
}

static bool matchSegments(const std::vector<std::string>& pattern, const std::vector<std::string>& path,
                          std::unordered_map<std::string, std::string>& params) {
  params.clear();
  for (size_t i = 0; i < pattern.size(); ++i) {
    const auto& p = pattern[i];
    bool isParam = p.size() >= 2 && p.front() == '{' && p.back() == '}';
    if (isParam && p.size() > 5 && p.substr(p.size() - 4) == "...}") {
      std::string rest;
      for (size_t k = i; k < path.size(); ++k) rest += (k > i ? "/" : "") + path[k];
      if (rest.empty()) return false;
      params[p.substr(1, p.size() - 5)] = rest;
      return true;
    }
    if (i >= path.size()) return false;
    if (isParam) {
      if (path[i].empty()) return false;
      params[p.substr(1, p.size() - 2)] = path[i];
    } else if (p != path[i]) {
      return false;
    }
  }
  return pattern.size() == path.size();
}

const Handler* Router::match(Request& request, std::vector<Method>& allowed) const {
  auto segments = splitPath(request.path);
  std::unordered_map<std::string, std::string> params;
  const Route* found = nullptr;
  for (const auto& r : routes_) {
    if (!matchSegments(r.segments, segments, params)) continue;
    bool methodMatches = r.method == request.method ||
                         (request.method == Method::kHead && r.method == Method::kGet);
    if (methodMatches && !found) {
      found = &r;
      request.path_params = params;
      request.route = r.pattern;
    }
    // Each method once (several patterns may match one path), and HEAD wherever GET is served.
    auto addAllowed = [&allowed](Method m) {
      if (std::find(allowed.begin(), allowed.end(), m) == allowed.end()) allowed.push_back(m);
    };
    addAllowed(r.method);
    if (r.method == Method::kGet) addAllowed(Method::kHead);
  }
  return found ? &found->handler : nullptr;
}

std::vector<RouteInfo> Router::routes() const {
  std::vector<RouteInfo> out;
  for (const auto& r : routes_) out.push_back({r.method, r.pattern});
  return out;
}

}  // namespace opgv::http
