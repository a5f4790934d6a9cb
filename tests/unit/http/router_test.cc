#include "http/router.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace opgv::http {
namespace {

Handler named(std::string name) {
  return [name](Request&) { return Response::text(200, name); };
}

struct Match {
  std::string handler;  // "" if none
  std::vector<Method> allowed;
  Request request;
};

Match run(const Router& router, Method method, const std::string& path) {
  Match m;
  m.request.method = method;
  m.request.path = path;
  const Handler* h = router.match(m.request, m.allowed);
  if (h) m.handler = (*h)(m.request).body;
  return m;
}

Router sample() {
  Router r;
  r.get("/", named("home"));
  r.get("/kommunen", named("list"));
  r.get("/kommunen/neu", named("new-form"));
  r.get("/kommunen/{ags}", named("detail"));
  r.post("/kommunen/{ags}", named("update"));
  r.del("/kommunen/{ags}", named("delete"));
  r.get("/organisationen/{slug}/mitglieder/{id}", named("member"));
  r.get("/static/{path...}", named("static"));
  r.put("/api/v1/things/{id}", named("put"));
  return r;
}

TEST(Router, MatchesLiteralsBeforeLaterParams) {
  auto r = sample();
  EXPECT_EQ(run(r, Method::kGet, "/").handler, "home");
  EXPECT_EQ(run(r, Method::kGet, "/kommunen").handler, "list");
  auto neu = run(r, Method::kGet, "/kommunen/neu");
  EXPECT_EQ(neu.handler, "new-form");  // registration order decides
  EXPECT_EQ(neu.request.route, "/kommunen/neu");
}

TEST(Router, FillsParamsAndRoutePattern) {
  auto r = sample();
  auto m = run(r, Method::kGet, "/kommunen/09162000");
  EXPECT_EQ(m.handler, "detail");
  EXPECT_EQ(m.request.pathParam("ags"), "09162000");
  EXPECT_EQ(m.request.route, "/kommunen/{ags}");
  auto two = run(r, Method::kGet, "/organisationen/stadt-x/mitglieder/42");
  EXPECT_EQ(two.handler, "member");
  EXPECT_EQ(two.request.pathParam("slug"), "stadt-x");
  EXPECT_EQ(two.request.pathParam("id"), "42");
  EXPECT_EQ(two.request.pathParam("missing"), "");
  // Decoded text (the server decodes before routing) arrives as is.
  EXPECT_EQ(run(r, Method::kGet, "/kommunen/München").request.pathParam("ags"), "München");
}

TEST(Router, ParamsNeverMatchEmptyOrSeveralSegments) {
  auto r = sample();
  EXPECT_EQ(run(r, Method::kGet, "/kommunen/").handler, "");
  EXPECT_EQ(run(r, Method::kGet, "/kommunen/a/b").handler, "");
  EXPECT_EQ(run(r, Method::kGet, "/organisationen//mitglieder/1").handler, "");
  EXPECT_EQ(run(r, Method::kGet, "/kommunenx").handler, "");
  EXPECT_EQ(run(r, Method::kGet, "/kommunen/1/").handler, "");  // trailing slash is a different path
}

TEST(Router, RestCaptureTakesTheRemainingSegments) {
  auto r = sample();
  auto m = run(r, Method::kGet, "/static/vendor/fonts/x.woff2");
  EXPECT_EQ(m.handler, "static");
  EXPECT_EQ(m.request.pathParam("path"), "vendor/fonts/x.woff2");
  EXPECT_EQ(m.request.route, "/static/{path...}");
  EXPECT_EQ(run(r, Method::kGet, "/static/a.css").request.pathParam("path"), "a.css");
  EXPECT_EQ(run(r, Method::kGet, "/static").handler, "");   // nothing to capture
  EXPECT_EQ(run(r, Method::kGet, "/static/").handler, "");
}

TEST(Router, HeadMatchesGetRoutes) {
  auto r = sample();
  auto m = run(r, Method::kHead, "/kommunen/01001000");
  EXPECT_EQ(m.handler, "detail");
  EXPECT_EQ(m.request.pathParam("ags"), "01001000");
  // ...but not routes that only exist for other methods.
  auto put = run(r, Method::kHead, "/api/v1/things/1");
  EXPECT_EQ(put.handler, "");
  EXPECT_EQ(put.allowed, (std::vector<Method>{Method::kPut}));
}

TEST(Router, WrongMethodReportsAllowedMethodsOnce) {
  auto r = sample();
  auto m = run(r, Method::kPatch, "/kommunen/123");
  EXPECT_EQ(m.handler, "");
  std::vector<Method> expected{Method::kGet, Method::kHead, Method::kPost, Method::kDelete};
  EXPECT_EQ(m.allowed, expected);
  // "/kommunen/neu" matches two GET patterns; GET and HEAD still appear once each.
  auto neu = run(r, Method::kPost, "/kommunen/neu");
  EXPECT_EQ(neu.handler, "update");
  auto del = run(r, Method::kPatch, "/kommunen/neu");
  EXPECT_EQ(std::count(del.allowed.begin(), del.allowed.end(), Method::kGet), 1);
  EXPECT_EQ(std::count(del.allowed.begin(), del.allowed.end(), Method::kHead), 1);
  // Unknown path: nothing allowed (404, not 405).
  auto missing = run(r, Method::kGet, "/gibt-es-nicht");
  EXPECT_EQ(missing.handler, "");
  EXPECT_TRUE(missing.allowed.empty());
  EXPECT_EQ(missing.request.route, "unmatched");
}

TEST(Router, OtherMethodIsNeverRouted) {
  auto r = sample();
  auto m = run(r, Method::kOther, "/kommunen");
  EXPECT_EQ(m.handler, "");
  EXPECT_FALSE(m.allowed.empty());
  EXPECT_EQ(parseMethod("BREW"), Method::kOther);
  EXPECT_EQ(parseMethod("get"), Method::kOther);  // methods are case-sensitive
  EXPECT_STREQ(methodName(parseMethod("DELETE")), "DELETE");
}

TEST(Router, ChainRunsMiddlewaresOutsideIn) {
  std::string trace;
  auto mw = [&trace](std::string name) -> Middleware {
    return [&trace, name](Request& req, const Handler& next) {
      trace += name + ">";
      auto res = next(req);
      trace += "<" + name;
      return res;
    };
  };
  auto h = chain({mw("a"), mw("b")}, [&trace](Request&) {
    trace += "h";
    return Response::text(200, "");
  });
  Request req;
  h(req);
  EXPECT_EQ(trace, "a>b>h<b<a");
  // A middleware may answer without calling next.
  auto shortCircuit = chain({[](Request&, const Handler&) { return Response::text(403, "nein"); }},
                            [](Request&) -> Response { throw std::logic_error("unreachable"); });
  EXPECT_EQ(shortCircuit(req).status, 403);
}

}  // namespace
}  // namespace opgv::http
