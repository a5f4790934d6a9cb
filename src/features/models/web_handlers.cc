// HTML pages of the model registry: catalogue, detail with fields and downloads, versions with
// their differences.
#include "app/web.h"
#include "auth/authorization.h"
#include "common/log.h"
#include "common/strings.h"
#include "features/models/routes.h"
#include "features/models/service.h"
#include "features/models/views.h"
#include "http/form.h"
#include "validation/report_format.h"

namespace opgv::models {
namespace {

using nlohmann::json;

std::string jsonText(const json& value) { return value.is_string() ? value.get<std::string>() : value.dump(); }

// The rules of a field in words, for people who do not read JSON.
std::string rulesOf(const validation::Field& field) {
  std::vector<std::string> rules;
  const json& d = field.descriptor;
  if (d.contains("constraints") && d["constraints"].is_object()) {
    const json& c = d["constraints"];
    if (c.value("unique", false)) rules.push_back("eindeutig");
    if (c.contains("minimum")) rules.push_back("mindestens " + jsonText(c["minimum"]));
    if (c.contains("exclusiveMinimum")) rules.push_back("größer als " + jsonText(c["exclusiveMinimum"]));
    if (c.contains("maximum")) rules.push_back("höchstens " + jsonText(c["maximum"]));
    if (c.contains("exclusiveMaximum")) rules.push_back("kleiner als " + jsonText(c["exclusiveMaximum"]));
    if (c.contains("minLength")) rules.push_back("mindestens " + jsonText(c["minLength"]) + " Zeichen");
    if (c.contains("maxLength")) rules.push_back("höchstens " + jsonText(c["maxLength"]) + " Zeichen");
    if (c.contains("pattern")) rules.push_back("Muster " + jsonText(c["pattern"]));
    if (c.contains("enum") && c["enum"].is_array()) {
      std::string values;
      for (const auto& v : c["enum"]) values += (values.empty() ? "" : ", ") + jsonText(v);
      rules.push_back("erlaubt: " + values);
    }
  }
  if (!field.categories.empty()) {
    std::string values;
    for (const auto& category : field.categories) {
      std::string text = validation::toText(category.value);
      if (!category.label.empty()) text += " (" + category.label + ")";
      values += (values.empty() ? "" : ", ") + text;
    }
    rules.push_back("Werte: " + values);
  }
  if (field.format != "default" && !field.format.empty()) rules.push_back("Format " + field.format);
  std::string out;
  for (const auto& r : rules) out += (out.empty() ? "" : "; ") + r;
  return out;
}

std::string typeName(const validation::Field& field) {
  static const std::pair<const char*, const char*> labels[] = {
      {"string", "Text"}, {"number", "Zahl"}, {"integer", "Ganze Zahl"}, {"boolean", "Ja/Nein"},
      {"date", "Datum"}, {"datetime", "Zeitpunkt"}, {"time", "Uhrzeit"}, {"year", "Jahr"},
      {"yearmonth", "Monat"}, {"duration", "Dauer"}, {"geopoint", "Koordinate"}, {"geojson", "Geometrie"},
      {"object", "Objekt"}, {"array", "Liste (JSON)"}, {"list", "Liste"}, {"any", "beliebig"},
  };
  std::string name(validation::fieldTypeName(field.type()));
  for (const auto& [key, label] : labels) {
    if (name == key) return label;
  }
  return name;
}

std::string joinNames(const json& names) {
  std::string out;
  if (names.is_string()) return names.get<std::string>();
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + jsonText(n);
  return out;
}

json downloadLink(const std::string& url, const std::string& text, std::optional<size_t> bytes) {
  std::string size = bytes ? " (" + sizeLabel(*bytes) + ")" : "";
  return {{"URL", url}, {"TEXT", text + size}};
}

}  // namespace

std::shared_ptr<const ModelService> registerRoutes(http::Router& router, app::AppContext& ctx) {
  std::vector<std::string> problems;
  auto repository = ModelRepository::load(std::filesystem::path(ctx.resources) / "models", &problems);
  for (const auto& p : problems) log::warn("Datenmodelle: " + p);
  auto service = std::make_shared<const ModelService>(repository);
  registerApiRoutes(router, service);

  // The data area's start page: what exists today, honestly, and how to use it.
  router.get("/daten", [&ctx, service](http::Request& req) {
    web::Page page{"Daten", "models/hub.tpl"};
    page.nav = "NAV_DATEN";
    page.crumbs = {{"Daten", ""}};
    page.model["MODEL_COUNT"] = std::to_string(service->list().size());
    json items = json::array();
    for (const auto& m : service->list()) items.push_back({{"M_SLUG", m.slug}, {"M_TITLE", m.title}});
    page.model["MODELS"] = items;
    return web::render(ctx, req, std::move(page));
  });

  router.get("/daten/modelle", [&ctx, service](http::Request& req) {
    web::Page page{"Datenmodelle", "models/list.tpl"};
    page.nav = "NAV_DATEN";
    page.crumbs = {{"Daten", "/daten"}, {"Datenmodelle", ""}};
    json items = json::array();
    for (const auto& m : service->list()) {
      size_t fields = 0;
      for (const auto& r : m.package.resources) fields += r.schema ? r.schema->fields.size() : 0;
      items.push_back({{"M_SLUG", m.slug}, {"M_TITLE", m.title}, {"M_DESCRIPTION", m.description}, {"M_VERSION", m.version},
                       {"M_FIELDS", std::to_string(fields)}, {"M_RESOURCES", std::to_string(m.package.resources.size())}});
    }
    page.model["MODELS"] = items;
    page.model["MODEL_COUNT"] = std::to_string(items.size());
    return web::render(ctx, req, std::move(page));
  });

  router.get("/daten/modelle/{slug}", [&ctx, service](http::Request& req) {
    auto m = service->model(req.pathParam("slug"));
    if (!m) return web::errorResponse(ctx, req, m.error());
    const DataModel& model = **m;
    web::Page page{model.title, "models/detail.tpl"};
    page.nav = "NAV_DATEN";
    page.crumbs = {{"Daten", "/daten"}, {"Datenmodelle", "/daten/modelle"}, {model.title, ""}};
    std::string base = "/daten/modelle/" + strings::percentEncode(model.slug);
    page.model["M_SLUG"] = model.slug;
    page.model["M_TITLE"] = model.title;
    page.model["M_DESCRIPTION"] = model.description;
    page.model["M_VERSION"] = model.version;
    json mdk = json::array();
    for (const auto& entry : model.descriptor.value("musterdatenkatalog", json::array())) {
      if (entry.is_object()) mdk.push_back({{"URI", entry.value("uri", "")}, {"LABEL", entry.value("bezeichnung", "")}});
    }
    if (!mdk.empty()) page.model["MDK"] = {{"ITEMS", mdk}};
    json raum = model.descriptor.value("raumbezug", json());
    if (raum.is_object()) {
      page.model["RAUMBEZUG"] = {{"TEXT", raum.value("beschreibung", "")}, {"FELDER", joinNames(raum.value("felder", json::array()))}};
    }
    json resources = json::array();
    for (const auto& r : model.package.resources) {
      if (!r.schema) continue;
      std::string q = "?ressource=" + strings::percentEncode(r.name);
      json fields = json::array();
      for (const auto& f : r.schema->fields) {
        fields.push_back({{"F_NAME", f.name}, {"F_TITLE", f.title}, {"F_TYPE", typeName(f)},
                          {"F_REQUIRED", (f.constraints.required || f.inPrimaryKey) ? "ja" : "nein"},
                          {"F_DESCRIPTION", f.description}, {"F_RULES", rulesOf(f)}});
      }
      json keys = json::array();
      json schema = r.descriptor.value("schema", json::object());
      if (schema.contains("primaryKey")) keys.push_back({{"TEXT", "Primärschlüssel: " + joinNames(schema["primaryKey"])}});
      for (const auto& fk : schema.value("foreignKeys", json::array())) {
        json reference = fk.value("reference", json::object());
        std::string target = reference.value("resource", "");
        keys.push_back({{"TEXT", "Fremdschlüssel: " + joinNames(fk.value("fields", json())) + " → " +
                                     (target.empty() ? std::string("diese Tabelle") : target) + " (" +
                                     joinNames(reference.value("fields", json())) + ")"}});
      }
      json downloads = json::array();
      downloads.push_back(downloadLink(base + "/vorlage" + q + "&format=csv", "Leere Vorlage als CSV-Datei",
                                       service->downloadSize(model.slug, r.name, "csv")));
      downloads.push_back(downloadLink(base + "/vorlage" + q + "&format=xlsx", "Leere Vorlage als Excel-Datei (XLSX) mit Feldbeschreibungen",
                                       service->downloadSize(model.slug, r.name, "xlsx")));
      if (auto exampleBytes = service->downloadSize(model.slug, r.name, "example")) {
        downloads.push_back(downloadLink(base + "/beispiel" + q, "Beispieldaten als CSV-Datei", exampleBytes));
      }
      resources.push_back({{"R_NAME", r.name}, {"R_TITLE", r.descriptor.value("title", r.name)},
                           {"R_DESCRIPTION", r.descriptor.value("description", "")}, {"FIELDS", fields}, {"KEYS", keys},
                           {"DOWNLOADS", downloads}, {"R_ID", "ressource-" + r.name}});
    }
    page.model["RESOURCES"] = resources;
    json package = json::array();
    package.push_back(downloadLink(base + "/datapackage.json", "Beschreibung des Modells als datapackage.json (JSON)",
                                   service->downloadSize(model.slug, "", "descriptor")));
    package.push_back({{"URL", "/api/v1/models/" + strings::percentEncode(model.slug) + "/openapi"},
                       {"TEXT", "OpenAPI-Schema für Schnittstellen (JSON)"}});
    page.model["PACKAGE_DOWNLOADS"] = package;
    json resourceOptions = json::array();
    for (const auto& r : model.package.resources) {
      resourceOptions.push_back({{"VALUE", r.name}, {"LABEL", r.descriptor.value("title", r.name)}});
    }
    page.model["SYNTH_RESOURCES"] = resourceOptions;
    page.model["CHANGELOG_MARKDOWN"] = model.changelog;
    page.model["VERSION_COUNT"] = std::to_string(model.versions.size());
    return web::render(ctx, req, std::move(page));
  });

  router.get("/daten/modelle/{slug}/datapackage.json", [&ctx, service](http::Request& req) {
    auto query = http::parseUrlEncoded(req.query);
    if (!query) return web::errorResponse(ctx, req, query.error());
    auto file = service->descriptor(req.pathParam("slug"), query->value("version"));
    if (!file) return web::errorResponse(ctx, req, file.error());
    return fileResponse(*file);
  });

  router.get("/daten/modelle/{slug}/vorlage", [&ctx, service](http::Request& req) {
    auto query = http::parseUrlEncoded(req.query);
    if (!query) return web::errorResponse(ctx, req, query.error());
    auto file = service->blankTemplate(req.pathParam("slug"), query->value("ressource"), query->value("format"));
    if (!file) return web::errorResponse(ctx, req, file.error());
    return fileResponse(*file);
  });

  router.get("/daten/modelle/{slug}/beispiel", [&ctx, service](http::Request& req) {
    auto query = http::parseUrlEncoded(req.query);
    if (!query) return web::errorResponse(ctx, req, query.error());
    auto file = service->example(req.pathParam("slug"), query->value("ressource"));
    if (!file) return web::errorResponse(ctx, req, file.error());
    return fileResponse(*file);
  });

  router.get("/daten/modelle/{slug}/testdaten", [&ctx, service](http::Request& req) {
    auto query = http::parseUrlEncoded(req.query);
    if (!query) return web::errorResponse(ctx, req, query.error());
    auto file = service->synthetic(req.pathParam("slug"), query->value("ressource"), query->value("zeilen"), query->value("startwert"));
    if (!file) return web::errorResponse(ctx, req, file.error());
    return fileResponse(*file);
  });

  // Check a file against a model: a form with a file input (works without JavaScript), the report
  // as a page. Under /daten/datensaetze so that the server's upload body limit applies.
  auto checkPage = [&ctx, service](http::Request& req, const std::string& selected, const std::string& resource,
                                   bool german) {
    web::Page page{"Datei prüfen", "models/check.tpl"};
    page.nav = "NAV_DATEN";
    page.crumbs = {{"Daten", "/daten"}, {"Datei prüfen", ""}};
    json options = json::array();
    for (const auto& m : service->list()) {
      for (const auto& r : m.package.resources) {
        std::string value = m.slug + "/" + r.name;
        options.push_back({{"VALUE", value}, {"LABEL", m.title + " – " + r.descriptor.value("title", r.name)},
                           {"SELECTED", (selected == m.slug && (resource.empty() || resource == r.name))}});
      }
    }
    page.model["MODEL_OPTIONS"] = options;
    if (german) page.model["GERMAN_CHECKED"] = json::array({json::object()});
    if (web::principal(req).loggedIn()) {
      page.model["CAN_UPLOAD"] = json::array({json::object()});
    } else {
      page.model["LOGIN_NEEDED"] = json::array({json::object()});
    }
    return page;
  };

  router.get("/daten/datensaetze/pruefen", [&ctx, checkPage](http::Request& req) {
    auto query = http::parseUrlEncoded(req.query);
    if (!query) return web::errorResponse(ctx, req, query.error());
    return web::render(ctx, req, checkPage(req, query->value("modell"), "", false));
  });

  router.post("/daten/datensaetze/pruefen", [&ctx, service, checkPage](http::Request& req) {
    if (auto allowed = auth::requireLogin(web::principal(req)); !allowed) return web::errorResponse(ctx, req, allowed.error());
    auto form = web::readMultipartForm(ctx, req);
    if (!form) return web::errorResponse(ctx, req, form.error());
    std::string choice = form->fields.value("modell");
    auto slash = choice.find('/');
    std::string slug = choice.substr(0, slash);
    std::string resource = slash == std::string::npos ? "" : choice.substr(slash + 1);
    bool german = form->fields.value("deutsch") == "1";
    const http::MultipartPart* file = form->file("datei");
    ModelService::UploadCheck upload{slug, resource, file ? file->filename : "", file ? std::string_view(file->data) : std::string_view(), german};
    auto report = service->checkUpload(web::principal(req), upload);
    web::Page page = checkPage(req, slug, resource, german);
    if (!report) {
      if (report.error().code != ErrorCode::kInvalidInput) return web::errorResponse(ctx, req, report.error());
      page.status = 422;
      json errors = json::array();
      for (const auto& e : report.error().fields) errors.push_back({{"TEXT", e.message}});
      if (errors.empty()) errors.push_back({{"TEXT", report.error().message}});
      page.model["FORM_ERRORS"] = {{"ITEMS", errors}};
      return web::render(ctx, req, std::move(page));
    }
    page.title = "Prüfbericht: " + report->source;
    json r = {{"SOURCE", report->source}};
    json part = reportInclude(validation::reportToJson(*report), slug, 3);
    if (!report->valid) part["INVALID"][0]["ADVICE"] = {{"TEXT", "Korrigieren Sie die Datei und prüfen Sie sie erneut."}};
    r["REPORT_INCLUDE"] = part;
    page.model["REPORT"] = r;
    return web::render(ctx, req, std::move(page));
  });

  router.get("/daten/modelle/{slug}/versionen", [&ctx, service](http::Request& req) {
    auto m = service->model(req.pathParam("slug"));
    if (!m) return web::errorResponse(ctx, req, m.error());
    const DataModel& model = **m;
    auto query = http::parseUrlEncoded(req.query);
    if (!query) return web::errorResponse(ctx, req, query.error());
    web::Page page{"Versionen: " + model.title, "models/versions.tpl"};
    page.nav = "NAV_DATEN";
    page.crumbs = {{"Daten", "/daten"}, {"Datenmodelle", "/daten/modelle"}, {model.title, "/daten/modelle/" + model.slug},
                   {"Versionen", ""}};
    page.model["M_SLUG"] = model.slug;
    page.model["M_TITLE"] = model.title;
    std::string to = query->value("zu"), from = query->value("von");
    if (to.empty()) to = model.versions.front().version;
    if (from.empty()) from = model.versions.size() > 1 ? model.versions[1].version : to;
    json versions = json::array(), fromOptions = json::array(), toOptions = json::array();
    for (const auto& v : model.versions) {
      versions.push_back({{"V_NUMBER", v.version}, {"V_CURRENT", v.version == model.version ? "aktuell" : ""},
                          {"V_URL", "/daten/modelle/" + model.slug + "/datapackage.json?version=" + strings::percentEncode(v.version)}});
      fromOptions.push_back({{"VALUE", v.version}, {"SELECTED", v.version == from}});
      toOptions.push_back({{"VALUE", v.version}, {"SELECTED", v.version == to}});
    }
    page.model["VERSIONS"] = versions;
    page.model["FROM_OPTIONS"] = fromOptions;
    page.model["TO_OPTIONS"] = toOptions;
    if (model.versions.size() > 1) page.model["CAN_COMPARE"] = json::array({json::object()});
    auto diff = service->diff(model.slug, from, to);
    if (!diff) {
      page.status = diff.error().code == ErrorCode::kNotFound ? 404 : 422;
      page.model["DIFF_ERROR"] = {{"TEXT", diff.error().message}};
    } else if (from != to) {
      json d = {{"FROM", diff->from}, {"TO", diff->to}};
      auto textItems = [](const std::vector<std::string>& texts) {
        json items = json::array();
        for (const auto& t : texts) items.push_back({{"TEXT", t}});
        return items;
      };
      if (!diff->resourcesAdded.empty()) d["ADDED"] = {{"ITEMS", textItems(diff->resourcesAdded)}};
      if (!diff->resourcesRemoved.empty()) d["REMOVED"] = {{"ITEMS", textItems(diff->resourcesRemoved)}};
      if (!diff->other.empty()) d["OTHER"] = {{"ITEMS", textItems(diff->other)}};
      json fields = json::array();
      for (const auto& f : diff->fields) {
        std::string details;
        for (const auto& detail : f.details) details += (details.empty() ? "" : "; ") + detail;
        fields.push_back({{"D_RESOURCE", f.resource}, {"D_FIELD", f.field}, {"D_KIND", f.kind}, {"D_DETAILS", details}});
      }
      if (!fields.empty()) d["FIELDS"] = {{"ITEMS", fields}};
      if (diff->empty()) d["SAME"] = json::array({json::object()});
      page.model["DIFF"] = d;
    }
    return web::render(ctx, req, std::move(page));
  });
  return service;
}

}  // namespace opgv::models
