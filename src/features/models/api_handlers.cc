// JSON API of the model registry under /api/v1 (every page action is an API action).
#include "app/web.h"
#include "features/models/routes.h"
#include "features/models/service.h"
#include "features/models/views.h"
#include "http/form.h"
#include "http/problem.h"
#include "validation/report_format.h"

namespace opgv::models {

void registerApiRoutes(http::Router& router, std::shared_ptr<const ModelService> service) {
  router.get("/api/v1/models", [service](http::Request&) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& m : service->list()) items.push_back(summaryJson(m));
    return web::jsonResponse(200, {{"items", items}, {"total", items.size()}});
  });

  router.get("/api/v1/models/{slug}", [service](http::Request& req) {
    auto m = service->model(req.pathParam("slug"));
    if (!m) return http::problem(m.error());
    return web::jsonResponse(200, detailJson(**m));
  });

  router.get("/api/v1/models/{slug}/datapackage", [service](http::Request& req) {
    auto query = http::parseUrlEncoded(req.query);
    if (!query) return http::problem(query.error());
    auto file = service->descriptor(req.pathParam("slug"), query->value("version"));
    if (!file) return http::problem(file.error());
    return fileResponse(*file);
  });

  router.get("/api/v1/models/{slug}/template", [service](http::Request& req) {
    auto query = http::parseUrlEncoded(req.query);
    if (!query) return http::problem(query.error());
    auto file = service->blankTemplate(req.pathParam("slug"), query->value("resource"), query->value("format"));
    if (!file) return http::problem(file.error());
    return fileResponse(*file);
  });

  router.get("/api/v1/models/{slug}/example", [service](http::Request& req) {
    auto query = http::parseUrlEncoded(req.query);
    if (!query) return http::problem(query.error());
    auto file = service->example(req.pathParam("slug"), query->value("resource"));
    if (!file) return http::problem(file.error());
    return fileResponse(*file);
  });

  router.get("/api/v1/models/{slug}/versions", [service](http::Request& req) {
    auto m = service->model(req.pathParam("slug"));
    if (!m) return http::problem(m.error());
    nlohmann::json items = nlohmann::json::array();
    for (const auto& v : (*m)->versions) items.push_back({{"version", v.version}, {"current", v.version == (*m)->version}});
    return web::jsonResponse(200, {{"items", items}});
  });

  router.get("/api/v1/models/{slug}/diff", [service](http::Request& req) {
    auto query = http::parseUrlEncoded(req.query);
    if (!query) return http::problem(query.error());
    auto diff = service->diff(req.pathParam("slug"), query->value("from"), query->value("to"));
    if (!diff) return http::problem(diff.error());
    return web::jsonResponse(200, diffToJson(*diff));
  });

  router.get("/api/v1/models/{slug}/synth", [service](http::Request& req) {
    auto query = http::parseUrlEncoded(req.query);
    if (!query) return http::problem(query.error());
    auto file = service->synthetic(req.pathParam("slug"), query->value("resource"), query->value("rows"), query->value("seed"));
    if (!file) return http::problem(file.error());
    return fileResponse(*file);
  });

  // The file itself is the body (CSV, XLSX or ODS), so scripts can send it with curl --data-binary.
  router.post("/api/v1/datasets/validate", [service](http::Request& req) {
    auto query = http::parseUrlEncoded(req.query);
    if (!query) return http::problem(query.error());
    ModelService::UploadCheck upload{query->value("model"), query->value("resource"), query->value("filename"),
                                     req.body, query->value("german") == "1" || query->value("german") == "true"};
    if (upload.model.empty()) {
      return http::problem(Error{ErrorCode::kInvalidInput, "Bitte das Modell angeben (?model=…).", "", {{"model", "Pflichtangabe"}}});
    }
    auto report = service->checkUpload(web::principal(req), upload);
    if (!report) return http::problem(report.error());
    return web::jsonResponse(200, validation::reportToJson(*report));
  });

  router.get("/api/v1/models/{slug}/openapi", [service](http::Request& req) {
    auto m = service->model(req.pathParam("slug"));
    if (!m) return http::problem(m.error());
    return web::jsonResponse(200, openApiDocument(**m));
  });
}

}  // namespace opgv::models
