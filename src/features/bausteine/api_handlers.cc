// JSON API of the Bausteine under /api/v1 (every page action is an API action).
#include "app/web.h"
#include "common/strings.h"
#include "features/bausteine/routes.h"
#include "features/bausteine/service.h"
#include "features/bausteine/views.h"
#include "http/problem.h"

namespace opgv::bausteine {
namespace {

http::Response noContent() {
  http::Response res;
  res.status = 204;
  return res;
}

}  // namespace

void registerApiRoutes(http::Router& router, app::AppContext& ctx, std::shared_ptr<BausteinService> service) {
  router.get("/api/v1/bausteine", [service](http::Request& req) {
    auto params = catalogueParamsFromQuery(req.query);
    if (!params) return http::problem(params.error());
    return web::jsonResponse(200, catalogueJson(service->catalogue(web::principal(req), *params)));
  });

  router.get("/api/v1/bausteine/{slug}", [service](http::Request& req) {
    auto view = service->detail(web::principal(req), req.pathParam("slug"));
    if (!view) return http::problem(view.error());
    return web::jsonResponse(200, detailJson(*view));
  });

  // Both the GET (values as werte[key]=…) and the POST (JSON, for long values) produce the file.
  auto produce = [&ctx, service](http::Request& req, const std::string& format, const Values& values) {
    auto slug = req.pathParam("slug");
    if (format == "html") {
      auto view = service->detail(web::principal(req), slug);
      if (!view) return http::problem(view.error());
      auto accepted = service->acceptValues(view->baustein, values);
      if (!accepted) return http::problem(accepted.error());
      auto res = http::Response::html(200, printHtml(ctx, filledDocument(view->baustein.document, *accepted), view->baustein.version));
      res.setHeader("Content-Disposition", "attachment; filename=\"opgv-" + slug + ".html\"");
      res.setHeader("Cache-Control", "no-store");
      return res;
    }
    auto file = service->download(slug, format, values);
    if (!file) return http::problem(file.error());
    return fileResponse(*file);
  };

  router.get("/api/v1/bausteine/{slug}/download", [produce](http::Request& req) {
    auto query = http::parseUrlEncoded(req.query);
    if (!query) return http::problem(query.error());
    return produce(req, query->value("format"), valuesFromForm(*query));
  });

  router.post("/api/v1/bausteine/{slug}/download", [produce](http::Request& req) {
    auto body = web::readJson(req);
    if (!body) return http::problem(body.error());
    if (!body->is_object() || !(*body)["format"].is_string()) {
      return http::problem(Error{ErrorCode::kInvalidInput, "Bitte geben Sie das Format an.", {}, {{"format", "„format“ fehlt."}}});
    }
    auto values = valuesFromJson(body->value("werte", nlohmann::json()));
    if (!values) return http::problem(values.error());
    return produce(req, (*body)["format"].get<std::string>(), *values);
  });

  router.get("/api/v1/bausteine/{slug}/versionen", [service](http::Request& req) {
    auto list = service->versions(req.pathParam("slug"));
    if (!list) return http::problem(list.error());
    auto items = nlohmann::json::array();
    for (const auto& v : *list) items.push_back(versionJson(v));
    return web::jsonResponse(200, {{"items", items}});
  });

  router.get("/api/v1/bausteine/{slug}/quelltext", [service](http::Request& req) {
    auto text = service->sourceFor(web::principal(req), req.pathParam("slug"));
    if (!text) return http::problem(text.error());
    return web::jsonResponse(200, {{"source", *text}});
  });

  router.put("/api/v1/bausteine/{slug}/quelltext", [service](http::Request& req) {
    auto body = web::readJson(req);
    if (!body) return http::problem(body.error());
    if (!body->is_object() || !(*body)["source"].is_string()) {
      return http::problem(Error{ErrorCode::kInvalidInput, "Bitte senden Sie den Quelltext.", {}, {{"source", "„source“ fehlt."}}});
    }
    auto note = body->contains("note") && (*body)["note"].is_string() ? (*body)["note"].get<std::string>() : std::string();
    auto saved = service->edit(web::principal(req), req.pathParam("slug"), (*body)["source"].get<std::string>(), note);
    if (!saved) return http::problem(saved.error());
    auto view = service->detail(web::principal(req), saved->slug);
    return web::jsonResponse(200, detailJson(*view));
  });

  router.get("/api/v1/me/merkliste", [service](http::Request& req) {
    auto& who = web::principal(req);
    if (!who.loggedIn()) return http::problem(401, "Bitte melden Sie sich an.");
    CatalogueParams params;
    params.only_merkliste = true;
    return web::jsonResponse(200, catalogueJson(service->catalogue(who, params)));
  });

  router.put("/api/v1/me/merkliste/{slug}", [service](http::Request& req) {
    auto result = service->addToMerkliste(web::principal(req), req.pathParam("slug"));
    if (!result) return http::problem(result.error());
    return noContent();
  });

  router.del("/api/v1/me/merkliste/{slug}", [service](http::Request& req) {
    auto result = service->removeFromMerkliste(web::principal(req), req.pathParam("slug"));
    if (!result) return http::problem(result.error());
    return noContent();
  });

  router.get("/api/v1/me/checklisten/{slug}", [service](http::Request& req) {
    auto& who = web::principal(req);
    if (!who.loggedIn()) return http::problem(401, "Bitte melden Sie sich an.");
    auto view = service->detail(who, req.pathParam("slug"));
    if (!view) return http::problem(view.error());
    return web::jsonResponse(200, {{"checked", view->checked}});
  });

  router.put("/api/v1/me/checklisten/{slug}", [service](http::Request& req) {
    if (!web::principal(req).loggedIn()) return http::problem(401, "Bitte melden Sie sich an.");
    auto body = web::readJson(req);
    if (!body) return http::problem(body.error());
    std::vector<int64_t> checked;
    if (!body->is_object() || !(*body)["checked"].is_array()) {
      return http::problem(Error{ErrorCode::kInvalidInput, "Bitte senden Sie die abgehakten Punkte.", {}, {{"checked", "„checked“ muss eine Liste von Zahlen sein."}}});
    }
    for (const auto& v : (*body)["checked"]) {
      if (!v.is_number_integer()) {
        return http::problem(Error{ErrorCode::kInvalidInput, "Bitte senden Sie die abgehakten Punkte.", {}, {{"checked", "„checked“ muss eine Liste von Zahlen sein."}}});
      }
      checked.push_back(v.get<int64_t>());
    }
    auto saved = service->saveChecklist(web::principal(req), req.pathParam("slug"), checked);
    if (!saved) return http::problem(saved.error());
    return web::jsonResponse(200, {{"checked", *saved}});
  });
}

}  // namespace opgv::bausteine
