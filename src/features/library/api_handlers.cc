// JSON API of the use-case library under /api/v1 (CKAN-style: every UI action is an API action).
#include "features/library/api_handlers.h"

#include "app/web.h"
#include "common/strings.h"
#include "features/library/views.h"
#include "http/problem.h"

namespace opgv::library {
namespace {

// The transitions answer with the updated use case, so only success or the error matters here.
template <class T>
Status succeeded(const Result<T>& result) {
  if (!result) return std::unexpected(result.error());
  return {};
}

}  // namespace

void registerApiRoutes(http::Router& router, app::AppContext& ctx, std::shared_ptr<UseCaseService> service) {
  router.get("/api/v1/use-cases", [service](http::Request& req) {
    auto params = searchParamsFromQuery(req.query);
    if (!params) return http::problem(params.error());
    auto result = service->search(web::principal(req), *params);
    if (!result) return http::problem(result.error());
    return web::jsonResponse(200, searchResultJson(*result));
  });

  router.post("/api/v1/use-cases", [service](http::Request& req) {
    auto body = web::readJson(req);
    if (!body) return http::problem(body.error());
    auto created = service->create(web::principal(req), *body);
    if (!created) return http::problem(created.error());
    auto view = service->detail(web::principal(req), created->slug);
    auto res = web::jsonResponse(201, useCaseDetailJson(*view));
    res.setHeader("Location", "/api/v1/use-cases/" + created->slug);
    return res;
  });

  router.get("/api/v1/me/use-cases", [service](http::Request& req) {
    auto& who = web::principal(req);
    if (!who.loggedIn()) return http::problem(401, "Bitte melden Sie sich an.");
    auto items = nlohmann::json::array();
    for (const auto& u : service->mine(who)) items.push_back(useCaseSummaryJson(u));
    return web::jsonResponse(200, {{"items", items}});
  });

  router.get("/api/v1/review/use-cases", [service](http::Request& req) {
    auto queue = service->reviewQueue(web::principal(req));
    if (!queue) return http::problem(queue.error());
    auto conflicts = service->seedConflicts(web::principal(req));
    auto items = nlohmann::json::array(), conflictItems = nlohmann::json::array();
    for (const auto& u : *queue) items.push_back(useCaseSummaryJson(u));
    for (const auto& u : *conflicts) conflictItems.push_back(useCaseSummaryJson(u));
    return web::jsonResponse(200, {{"items", items}, {"seed_conflicts", conflictItems}});
  });

  router.get("/api/v1/open-data/use-cases.json", [service](http::Request&) {
    auto res = web::jsonResponse(200, service->exportJson());
    res.setHeader("Content-Disposition", "attachment; filename=\"opgv-use-cases.json\"");
    return res;
  });

  router.get("/api/v1/open-data/use-cases.csv", [service](http::Request&) {
    http::Response res = http::Response::text(200, service->exportCsv());
    res.setHeader("Content-Type", "text/csv; charset=utf-8");
    res.setHeader("Content-Disposition", "attachment; filename=\"opgv-use-cases.csv\"");
    return res;
  });

  router.get("/api/v1/use-cases/{slug}", [service](http::Request& req) {
    auto view = service->detail(web::principal(req), req.pathParam("slug"));
    if (!view) return http::problem(view.error());
    return web::jsonResponse(200, useCaseDetailJson(*view));
  });

  router.put("/api/v1/use-cases/{slug}", [service](http::Request& req) {
    auto body = web::readJson(req);
    if (!body) return http::problem(body.error());
    auto updated = service->update(web::principal(req), req.pathParam("slug"), *body);
    if (!updated) return http::problem(updated.error());
    return web::jsonResponse(200, useCaseDetailJson(*service->detail(web::principal(req), updated->slug)));
  });

  auto transition = [&router, service](const std::string& action, auto call) {
    router.post("/api/v1/use-cases/{slug}/" + action, [service, call](http::Request& req) {
      auto body = req.body.empty() ? Result<nlohmann::json>(nlohmann::json::object()) : web::readJson(req);
      if (!body) return http::problem(body.error());
      auto result = call(*service, web::principal(req), req.pathParam("slug"), *body);
      if (!result) return http::problem(result.error());
      return web::jsonResponse(200, useCaseDetailJson(*service->detail(web::principal(req), req.pathParam("slug"))));
    });
  };
  transition("submit", [](UseCaseService& s, const auth::Principal& who, const std::string& slug, const nlohmann::json&) {
    return succeeded(s.submit(who, slug));
  });
  transition("publish", [](UseCaseService& s, const auth::Principal& who, const std::string& slug, const nlohmann::json& body) {
    auto note = body.contains("note") && body["note"].is_string() ? body["note"].get<std::string>() : "";
    return succeeded(s.publish(who, slug, note));
  });
  transition("request-changes",
             [](UseCaseService& s, const auth::Principal& who, const std::string& slug, const nlohmann::json& body) {
               std::vector<std::pair<std::string, std::string>> comments;
               if (body.contains("comments") && body["comments"].is_object()) {
                 for (const auto& [section, text] : body["comments"].items()) {
                   if (text.is_string()) comments.emplace_back(section, text.get<std::string>());
                 }
               }
               return succeeded(s.requestChanges(who, slug, comments));
             });
  transition("archive", [](UseCaseService& s, const auth::Principal& who, const std::string& slug, const nlohmann::json&) {
    return succeeded(s.archive(who, slug));
  });
  transition("restore", [](UseCaseService& s, const auth::Principal& who, const std::string& slug, const nlohmann::json&) {
    return succeeded(s.restore(who, slug));
  });

  router.get("/api/v1/use-cases/{slug}/versions", [service](http::Request& req) {
    auto list = service->versions(web::principal(req), req.pathParam("slug"));
    if (!list) return http::problem(list.error());
    auto items = nlohmann::json::array();
    for (const auto& v : *list) items.push_back(versionJson(v, false));
    return web::jsonResponse(200, {{"items", items}});
  });

  router.get("/api/v1/use-cases/{slug}/versions/{version}", [service](http::Request& req) {
    auto number = strings::parseInt(req.pathParam("version"));
    if (!number) return http::problem(404, "Diese Version gibt es nicht.");
    auto v = service->version(web::principal(req), req.pathParam("slug"), *number);
    if (!v) return http::problem(v.error());
    return web::jsonResponse(200, versionJson(*v, true));
  });

  router.get("/api/v1/use-cases/{slug}/diff", [service](http::Request& req) {
    auto from = strings::parseInt(req.queryParam("from").value_or(""));
    auto to = strings::parseInt(req.queryParam("to").value_or(""));
    if (!from || !to) return http::problem(422, "Bitte geben Sie „from“ und „to“ als Versionsnummern an.");
    auto d = service->diff(web::principal(req), req.pathParam("slug"), *from, *to);
    if (!d) return http::problem(d.error());
    return web::jsonResponse(200, diffJson(*d));
  });

  router.post("/api/v1/use-cases/{slug}/interest", [service](http::Request& req) {
    auto body = req.body.empty() ? Result<nlohmann::json>(nlohmann::json::object()) : web::readJson(req);
    if (!body) return http::problem(body.error());
    std::optional<int64_t> org;
    if (body->contains("organisation_id") && !(*body)["organisation_id"].is_null()) {
      if (!(*body)["organisation_id"].is_number_integer()) {
        return http::problem(422, "„organisation_id“ muss eine ganze Zahl sein.", {{"organisation_id", "muss eine ganze Zahl sein"}});
      }
      org = (*body)["organisation_id"].get<int64_t>();
    }
    if (body->contains("public") && !(*body)["public"].is_boolean()) {
      return http::problem(422, "„public“ muss true oder false sein.", {{"public", "muss true oder false sein"}});
    }
    bool isPublic = body->value("public", false);
    auto count = service->registerInterest(web::principal(req), req.pathParam("slug"), org, isPublic);
    if (!count) return http::problem(count.error());
    return web::jsonResponse(200, {{"interest_count", *count}, {"registered", true}});
  });

  router.del("/api/v1/use-cases/{slug}/interest", [service](http::Request& req) {
    std::optional<int64_t> org;
    if (auto raw = req.queryParam("organisation_id"); raw && !raw->empty()) {
      org = strings::parseInt(*raw);
      if (!org) return http::problem(422, "„organisation_id“ muss eine ganze Zahl sein.", {{"organisation_id", "muss eine ganze Zahl sein"}});
    }
    auto count = service->withdrawInterest(web::principal(req), req.pathParam("slug"), org);
    if (!count) return http::problem(count.error());
    return web::jsonResponse(200, {{"interest_count", *count}, {"registered", false}});
  });
  (void)ctx;
}

}  // namespace opgv::library
