// HTML pages of datasets: list, upload, column mapping, import progress and report with the
// decision, dataset with preview and downloads, delete with confirmation, import profiles.
// Everything works without JavaScript: the progress page reloads itself (meta refresh, which the
// user can stop), forms post and redirect.
#include <algorithm>
#include <filesystem>

#include "app/web.h"
#include "auth/authorization.h"
#include "common/log.h"
#include "common/strings.h"
#include "features/datasets/routes.h"
#include "features/datasets/service.h"
#include "features/models/service.h"
#include "features/models/views.h"
#include "http/form.h"
#include "validation/report_format.h"

namespace opgv::datasets {
namespace {

using nlohmann::json;

constexpr int64_t kPageRows = 50;

json section() { return json::array({json::object()}); }



std::string count(int64_t n) { return validation::formatCount(static_cast<uint64_t>(std::max<int64_t>(0, n))); }

std::string dateText(int64_t seconds) { return strings::formatUnixTime(seconds, "%d.%m.%Y, %H:%M UTC"); }

std::optional<int64_t> idParam(http::Request& req, const char* name) {
  auto id = strings::parseInt(req.pathParam(name));
  if (!id || *id <= 0) return std::nullopt;
  return id;
}

Error notFound() { return Error{ErrorCode::kNotFound, "Diese Seite gibt es nicht."}; }

// Error summary entries (linked to the fields) and the message per field.
void putErrors(json& model, const Error& error, const std::map<std::string, std::string>& fieldIds = {}) {
  json items = json::array();
  for (const auto& f : error.fields) {
    std::string id = fieldIds.count(f.field) ? fieldIds.at(f.field) : f.field;
    items.push_back({{"FIELD_ID", id}, {"MESSAGE", f.message}});
    model["ERROR_" + f.field] = f.message;
  }
  if (items.empty()) items.push_back({{"FIELD_ID", "fehler"}, {"MESSAGE", error.message}});
  model["FORM_ERRORS"] = items;
  model["ERROR_TITLE"] = error.fields.empty() ? "Das hat nicht geklappt" : error.message;
}

json modelOptions(const models::ModelService& models, const std::string& selected, bool withAuto = false) {
  json options = json::array();
  if (withAuto) {
    options.push_back({{"VALUE", "auto"}, {"LABEL", "Automatisch vorschlagen (nach Spalten und Dateiname)"},
                       {"SELECTED", selected.empty() || selected == "auto"}});
  }
  for (const auto& m : models.list()) {
    for (const auto& r : m.package.resources) {
      std::string value = m.slug + "/" + r.name;
      options.push_back({{"VALUE", value}, {"LABEL", m.title + " – " + r.descriptor.value("title", r.name)},
                         {"SELECTED", selected == value || selected == m.slug}});
    }
  }
  return options;
}

std::string modelTitle(const models::ModelService& models, const std::string& slug) {
  auto m = models.model(slug);
  return m ? (*m)->title : slug;
}

json versionRow(int64_t datasetId, const DatasetVersion& v, std::optional<int64_t> current) {
  json row = {{"V_NUMBER", std::to_string(v.version)},
              {"V_URL", "/daten/datensaetze/" + std::to_string(datasetId) + "/versionen/" + std::to_string(v.version)},
              {"V_STATUS", statusLabel(v.status)},
              {"V_FILE", v.filename},
              {"V_DATE", dateText(v.created_at)},
              {"V_ROWS", v.status == status::kImported || v.status == status::kReview
                             ? count(v.rows_valid) + " gültig, " + count(v.rows_invalid) + " abgelehnt"
                             : std::string("–")}};
  if (current && *current == v.version) row["V_CURRENT"] = section();
  return row;
}

}  // namespace

void registerRoutes(http::Router& router, app::AppContext& ctx, std::shared_ptr<const models::ModelService> models) {
  auto service = std::make_shared<DatasetService>(*ctx.db, *ctx.clock, models,
                                                  std::filesystem::path(ctx.resources) / "models");
  // One worker: imports are I/O- and database-bound, and SQLite has one writer anyway.
  std::weak_ptr<DatasetService> weak = service;
  auto queue = std::make_shared<ImportQueue>([weak](VersionRef ref, const std::function<bool()>& stopping) {
    if (auto s = weak.lock()) s->runImport(ref, stopping);
  });
  service->setRunner([queue](VersionRef ref) { queue->submit(ref); });
  for (const auto& ref : service->queuedVersions()) queue->submit(ref);
  // The queue stops (and its thread joins) when the last route holding it goes away.
  registerApiRoutes(router, ctx, service);

  router.get("/daten/datensaetze", [&ctx, service, models, queue](http::Request& req) {
    auto list = service->list(web::principal(req), std::nullopt);
    if (!list) return web::errorResponse(ctx, req, list.error());
    web::Page page{"Datensätze", "datasets/list.tpl"};
    page.nav = "NAV_DATEN";
    page.crumbs = {{"Daten", "/daten"}, {"Datensätze", ""}};
    json items = json::array();
    for (const auto& d : *list) {
      items.push_back({{"D_URL", "/daten/datensaetze/" + std::to_string(d.id)}, {"D_TITLE", d.title},
                       {"D_ORGANISATION", d.organisation_name}, {"D_MODEL", modelTitle(*models, d.model)},
                       {"D_ROWS", d.current_version ? count(d.rows) : std::string("noch keine Daten")},
                       {"D_UPDATED", dateText(d.updated_at)}});
    }
    if (items.empty()) page.model["NO_DATASETS"] = section();
    page.model["DATASETS"] = items;
    if (service->organisationsOf(web::principal(req)).empty()) page.model["NO_ORGANISATION"] = section();
    return web::render(ctx, req, std::move(page));
  });

  auto uploadPage = [&ctx, service, models](http::Request& req, std::optional<int64_t> datasetId,
                                            const http::FormData& values) -> Result<web::Page> {
    web::Page page{"Datei hochladen", "datasets/upload.tpl"};
    page.nav = "NAV_DATEN";
    page.crumbs = {{"Daten", "/daten"}, {"Datensätze", "/daten/datensaetze"}, {"Datei hochladen", ""}};
    if (datasetId) {
      auto view = service->dataset(web::principal(req), *datasetId);
      if (!view) return std::unexpected(view.error());
      page.title = "Neue Version hochladen: " + view->dataset.title;
      page.crumbs = {{"Daten", "/daten"}, {"Datensätze", "/daten/datensaetze"},
                     {view->dataset.title, "/daten/datensaetze/" + std::to_string(*datasetId)}, {"Neue Version", ""}};
      page.model["EXISTING"] = {{"D_ID", std::to_string(*datasetId)}, {"D_TITLE", view->dataset.title},
                                {"D_MODEL", modelTitle(*models, view->dataset.model)}};
    } else {
      auto orgs = service->organisationsOf(web::principal(req));
      if (orgs.empty()) {
        page.model["NO_ORGANISATION"] = section();
        return page;
      }
      json options = json::array();
      for (const auto& [id, name] : orgs) {
        options.push_back({{"VALUE", std::to_string(id)}, {"LABEL", name},
                           {"SELECTED", values.value("organisation") == std::to_string(id)}});
      }
      page.model["NEW"] = {{"ORG_OPTIONS", options}, {"MODEL_OPTIONS", modelOptions(*models, values.value("modell"), true)},
                           {"TITLE_VALUE", values.value("titel")}};
    }
    page.model["CAN_UPLOAD"] = section();
    return page;
  };

  router.get("/daten/datensaetze/neu", [&ctx, uploadPage](http::Request& req) {
    if (auto allowed = auth::requireLogin(web::principal(req)); !allowed) return web::errorResponse(ctx, req, allowed.error());
    auto query = http::parseUrlEncoded(req.query);
    if (!query) return web::errorResponse(ctx, req, query.error());
    std::optional<int64_t> datasetId;
    if (!query->value("datensatz").empty()) {
      datasetId = strings::parseInt(query->value("datensatz"));
      if (!datasetId) return web::errorResponse(ctx, req, notFound());
    }
    auto page = uploadPage(req, datasetId, *query);
    if (!page) return web::errorResponse(ctx, req, page.error());
    return web::render(ctx, req, std::move(*page));
  });

  router.post("/daten/datensaetze/neu", [&ctx, service, uploadPage](http::Request& req) {
    if (auto allowed = auth::requireLogin(web::principal(req)); !allowed) return web::errorResponse(ctx, req, allowed.error());
    auto form = web::readMultipartForm(ctx, req);
    if (!form) return web::errorResponse(ctx, req, form.error());
    NewUpload input;
    if (auto id = strings::parseInt(form->fields.value("datensatz")); id) input.dataset_id = *id;
    if (auto id = strings::parseInt(form->fields.value("organisation")); id) input.organisation_id = *id;
    input.title = form->fields.value("titel");
    input.model = form->fields.value("modell");
    const http::MultipartPart* file = form->file("datei");
    if (file) {
      input.filename = file->filename;
      input.bytes = file->data;
    }
    auto upload = service->createUpload(web::principal(req), input);
    if (upload) return http::Response::redirect("/daten/datensaetze/hochgeladen/" + std::to_string(upload->id) + "/zuordnung");
    if (upload.error().code != ErrorCode::kInvalidInput) return web::errorResponse(ctx, req, upload.error());
    auto page = uploadPage(req, input.dataset_id, form->fields);
    if (!page) return web::errorResponse(ctx, req, page.error());
    page->status = 422;
    putErrors(page->model, upload.error(), {{"organisation", "u-organisation"}, {"titel", "u-titel"}, {"modell", "u-modell"}, {"datei", "u-datei"}});
    for (const auto& f : upload.error().fields) page->model["E_" + strings::toUpperAscii(f.field)] = {{"MESSAGE", f.message}};
    // Browsers do not keep a chosen file across a page load.
    if (file && !file->data.empty()) page->model["CHOOSE_AGAIN"] = section();
    return web::render(ctx, req, std::move(*page));
  });

  // The mapping form: one row per model field with a column, a fixed value or nothing.
  auto mappingPage = [&ctx, service, models](http::Request& req, int64_t uploadId, const MappingInput& input,
                                             const Error* error) -> http::Response {
    auto draft = service->mappingDraft(web::principal(req), uploadId, input);
    if (!draft) return web::errorResponse(ctx, req, draft.error());
    const Upload& u = draft->upload;
    web::Page page{"Spalten zuordnen: " + u.filename, "datasets/mapping.tpl"};
    page.nav = "NAV_DATEN";
    page.crumbs = {{"Daten", "/daten"}, {"Datensätze", "/daten/datensaetze"}, {"Spalten zuordnen", ""}};
    page.model["UPLOAD_ID"] = std::to_string(uploadId);
    page.model["FILENAME"] = u.filename;
    page.model["SIZE"] = models::sizeLabel(static_cast<size_t>(u.size_bytes));
    page.model["DATASET_TITLE"] = u.title;
    page.model["MODEL_TITLE"] = modelTitle(*models, u.model);
    page.model["MODEL_SLUG"] = u.model;
    page.model["COLUMN_COUNT"] = std::to_string(draft->columns.size());
    json columns = json::array();
    for (const auto& c : draft->columns) columns.push_back({{"NAME", c}});
    page.model["COLUMNS"] = columns;
    std::vector<std::string> choices = draft->columns;
    const bool toWide = draft->reshape_direction == "long-to-wide";
    if (draft->reshape && toWide) {
      choices.insert(choices.end(), draft->reshape_columns.begin(), draft->reshape_columns.end());
    } else if (draft->reshape) {
      choices.push_back(draft->reshape_name_column);
      choices.push_back(draft->reshape_value_column);
    }
    json fields = json::array();
    std::map<std::string, std::string> ids;
    json errorModel = json::object();
    Error problems{ErrorCode::kInvalidInput, "Bitte die markierten Angaben prüfen.", "", draft->problems};
    if (!error && !draft->problems.empty()) error = &problems;
    if (error) {
      Error e = *error;
      for (auto& f : e.fields) {
        if (f.field.rfind("feld.", 0) == 0) ids[f.field] = "f-" + f.field.substr(5);
        if (f.field.rfind("zusammenfassen", 0) == 0) ids[f.field] = "m-zusammenfassen";
        if (f.field == "bedingung") ids[f.field] = "m-lesen";
      }
      ids["profil"] = "m-profil";
      putErrors(errorModel, e, ids);
      page.model["FORM_ERRORS"] = errorModel["FORM_ERRORS"];
      page.model["ERROR_TITLE"] = errorModel["ERROR_TITLE"];
      page.status = 422;
    }
    for (const auto& f : draft->fields) {
      json options = json::array();
      options.push_back({{"VALUE", ""}, {"LABEL", "– leer lassen –"}, {"SELECTED", f.source.empty()}});
      options.push_back({{"VALUE", "="}, {"LABEL", "– fester Wert (unten eintragen) –"}, {"SELECTED", f.source == "="}});
      bool known = f.source.empty() || f.source == "=";
      for (const auto& c : choices) {
        std::string label = "Spalte „" + c + "“";
        if (draft->reshape && !toWide && c == draft->reshape_name_column) label = "Spaltenname der umgeformten Spalten („" + c + "“)";
        if (draft->reshape && !toWide && c == draft->reshape_value_column) label = "Wert der umgeformten Spalten („" + c + "“)";
        if (draft->reshape && toWide && std::find(draft->reshape_columns.begin(), draft->reshape_columns.end(), c) !=
                                            draft->reshape_columns.end() &&
            std::find(draft->columns.begin(), draft->columns.end(), c) == draft->columns.end()) {
          label = "Wert der Zeilen mit „" + c + "“ in „" + draft->reshape_name_column + "“";
        }
        options.push_back({{"VALUE", c}, {"LABEL", label}, {"SELECTED", f.source == c}});
        known = known || f.source == c;
      }
      if (!known) options.push_back({{"VALUE", f.source}, {"LABEL", "Spalte „" + f.source + "“ (nicht in der Datei)"}, {"SELECTED", true}});
      json row = {{"F_NAME", f.field}, {"F_TITLE", f.title.empty() ? f.field : f.title}, {"F_TYPE", f.type},
                  {"F_OPTIONS", options}, {"F_CONSTANT", f.constant}, {"F_REASON", f.reason}, {"F_CODES", f.codes},
                  {"F_OPEN", !f.scale.empty() || !f.codes.empty()}};
      if (f.required) row["F_REQUIRED"] = section();
      if (f.numeric) row["F_NUMERIC"] = {{"F_SCALE", f.scale}};
      std::string key = "ERROR_feld." + f.field;
      if (errorModel.contains(key)) row["F_ERROR"] = {{"MESSAGE", errorModel[key]}};
      fields.push_back(row);
    }
    page.model["FIELDS"] = fields;
    {
      const MappingAggregation& agg = draft->aggregation;
      auto fieldOptions = [&](const std::string& selected, bool withNone, bool numericOnly) {
        json options = json::array();
        if (withNone) options.push_back({{"VALUE", ""}, {"LABEL", "– keines –"}, {"SELECTED", selected.empty()}});
        for (const auto& f : draft->fields) {
          if (numericOnly && !f.numeric) continue;
          options.push_back({{"VALUE", f.field}, {"LABEL", f.title.empty() ? f.field : f.title + " (" + f.field + ")"},
                             {"SELECTED", f.field == selected}});
        }
        return options;
      };
      json weights = json::array();
      weights.push_back({{"VALUE", ""}, {"LABEL", "– keine –"}, {"SELECTED", agg.weight_column.empty()}});
      for (const auto& c : draft->columns) weights.push_back({{"VALUE", c}, {"LABEL", c}, {"SELECTED", c == agg.weight_column}});
      json methods = json::array();
      for (const auto& [value, label] : std::vector<std::pair<std::string, std::string>>{
               {"gewichteter_mittelwert", "gewichteter Mittelwert (z. B. Anteile, gewichtet mit der Einwohnerzahl)"},
               {"summe", "Summe (z. B. Einwohnerzahlen)"},
               {"mittelwert", "Mittelwert (ungewichtet)"}}) {
        methods.push_back({{"VALUE", value}, {"LABEL", label}, {"SELECTED", value == agg.method}});
      }
      json a = {{"CHECKED", agg.enabled}, {"PREFIX", agg.prefix}, {"LEVEL", agg.level},
                {"BY_PREFIX", agg.by != "tabelle"}, {"BY_TABLE", agg.by == "tabelle"}, {"TABLE", agg.table},
                {"AREA_OPTIONS", fieldOptions(agg.area_field, false, false)},
                {"LEVEL_OPTIONS", fieldOptions(agg.level_field, true, false)},
                {"VALUE_OPTIONS", fieldOptions(agg.value_field, false, true)}, {"METHOD_OPTIONS", methods},
                {"WEIGHT_OPTIONS", weights}, {"METHOD_BY_OPTIONS", fieldOptions(agg.method_by, true, false)},
                {"METHODS", agg.methods}};
      std::string aggErrors;
      for (const auto& [key, message] : errorModel.items()) {
        if (key.rfind("ERROR_zusammenfassen", 0) == 0 && message.is_string()) aggErrors += (aggErrors.empty() ? "" : " ") + message.get<std::string>();
      }
      if (!aggErrors.empty()) a["AGG_ERROR"] = {{"MESSAGE", aggErrors}};
      page.model["AGGREGATION"] = a;
    }
    {
      const MappingCondition& c = draft->condition;
      json columnOptions = json::array(), keepBoxes = json::array();
      columnOptions.push_back({{"VALUE", ""}, {"LABEL", "– Spalte wählen –"}, {"SELECTED", c.column.empty()}});
      for (size_t i = 0; i < draft->columns.size(); ++i) {
        const std::string& column = draft->columns[i];
        columnOptions.push_back({{"VALUE", column}, {"LABEL", column}, {"SELECTED", column == c.column}});
        keepBoxes.push_back({{"ID", "m-behalten-" + std::to_string(i)}, {"NAME", column},
                             {"CHECKED", std::find(c.keep.begin(), c.keep.end(), column) != c.keep.end()}});
      }
      json reading = {{"MISSING", draft->missing_values}, {"CONDITION_CHECKED", c.enabled}, {"COLUMN_OPTIONS", columnOptions},
                      {"NOT_EQUAL", c.comparison != "gleich"}, {"EQUAL", c.comparison == "gleich"}, {"VALUE", c.value},
                      {"KEEP", keepBoxes}};
      if (draft->further_conditions > 0) reading["FURTHER"] = {{"COUNT", std::to_string(draft->further_conditions)}};
      if (errorModel.contains("ERROR_bedingung")) reading["READ_ERROR"] = {{"MESSAGE", errorModel["ERROR_bedingung"]}};
      page.model["READING"] = reading;
    }
    if (draft->reshape_available) {
      json cols = json::array();
      for (const auto& c : draft->reshape_columns) cols.push_back({{"NAME", c}});
      page.model["RESHAPE"] = {{"COLUMNS", cols}, {"COUNT", std::to_string(draft->reshape_columns.size())},
                               {"NAME_COLUMN", draft->reshape_name_column}, {"VALUE_COLUMN", draft->reshape_value_column},
                               {"CHECKED", draft->reshape}};
      page.model["RESHAPE"][toWide ? "TO_WIDE" : "TO_LONG"] = true;
    }
    json profiles = json::array();
    profiles.push_back({{"VALUE", ""}, {"LABEL", "Vorschlag der Plattform"}, {"SELECTED", !draft->base_profile_id.has_value()}});
    for (const auto& p : draft->saved_profiles) {
      profiles.push_back({{"VALUE", std::to_string(p.id)}, {"LABEL", p.name + " (Fassung " + std::to_string(p.version) + ")"},
                          {"SELECTED", draft->base_profile_id == p.id}});
    }
    if (!draft->saved_profiles.empty()) page.model["PROFILES"] = {{"OPTIONS", profiles}};
    if (draft->base_profile_id && draft->saved_profiles.empty()) {
      page.model["BASE_PROFILE"] = {{"ID", std::to_string(*draft->base_profile_id)}};
    }
    page.model["PROFILE_NAME"] = draft->profile_name;
    if (errorModel.contains("ERROR_profil")) page.model["PROFILE_ERROR"] = {{"MESSAGE", errorModel["ERROR_profil"]}};
    json notes = json::array();
    for (const auto& n : draft->notes) notes.push_back({{"TEXT", n}});
    page.model["NOTES"] = notes;
    if (draft->model_changeable) {
      std::string current = u.model + "/" + u.resource;
      json matches = json::array();
      for (const auto& match : draft->model_matches) {
        std::string value = match.model + "/" + match.resource;
        auto m = models->model(match.model);
        std::string title = m ? (*m)->title : match.model;
        if (m) {
          if (const auto* r = (*m)->package.resource(match.resource); r && (*m)->package.resources.size() > 1) {
            title += " – " + r->descriptor.value("title", match.resource);
          }
        }
        json item = {{"TITLE", title}, {"REASON", match.reason},
                     {"PERCENT", std::to_string(static_cast<int>(match.score * 100 + 0.5))}};
        if (value == current) {
          item["CURRENT"] = section();
        } else {
          item["SWITCH"] = {{"URL", "/daten/datensaetze/hochgeladen/" + std::to_string(uploadId) + "/zuordnung?modell=" +
                                        strings::percentEncode(value)}};
        }
        matches.push_back(item);
      }
      page.model["MODEL_MATCHES"] = {{"ITEMS", matches}, {"CHOICE", current}};
    }
    return web::render(ctx, req, std::move(page));
  };

  // Choices from the mapping form; "laden" starts over from the chosen saved profile.
  auto mappingInput = [](const http::FormData& form) {
    MappingInput input;
    input.model = form.value("modell");
    if (auto id = strings::parseInt(form.value("profil_id")); id) input.base_profile_id = *id;
    if (form.value("aktion") == "laden") return input;
    for (const auto& [name, value] : form.fields) {
      if (name.rfind("quelle.", 0) == 0) input.source[name.substr(7)] = value;
      if (name.rfind("wert.", 0) == 0) input.constant[name.substr(5)] = value;
      if (name.rfind("faktor.", 0) == 0) input.scale[name.substr(7)] = value;
      if (name.rfind("codes.", 0) == 0) input.codes[name.substr(6)] = value;
    }
    if (form.get("zusammenfassen_angeboten")) {
      MappingAggregation agg;
      agg.enabled = form.value("zusammenfassen") == "1";
      agg.by = form.value("zusammenfassen.nach") == "tabelle" ? "tabelle" : "praefix";
      agg.prefix = form.value("zusammenfassen.zeichen");
      agg.table = form.value("zusammenfassen.tabelle");
      agg.level = form.value("zusammenfassen.ebene");
      agg.area_field = form.value("zusammenfassen.gebiet");
      agg.level_field = form.value("zusammenfassen.ebenenfeld");
      agg.value_field = form.value("zusammenfassen.wert");
      agg.method = form.value("zusammenfassen.methode");
      agg.weight_column = form.value("zusammenfassen.gewicht");
      agg.method_by = form.value("zusammenfassen.methode_nach");
      agg.methods = form.value("zusammenfassen.methoden");
      input.aggregation = agg;
    }
    if (form.get("umformen_angeboten")) input.reshape = form.value("umformen") == "1";
    if (form.get("lesen_angeboten")) {
      input.missing_values = form.value("fehlend");
      MappingCondition condition;
      condition.enabled = form.value("bedingung") == "1";
      condition.column = form.value("bedingung.spalte");
      condition.comparison = form.value("bedingung.vergleich");
      condition.value = form.value("bedingung.wert");
      condition.keep = form.all("bedingung.behalten");
      input.condition = condition;
    }
    input.profile_name = form.value("profil");
    return input;
  };

  router.get("/daten/datensaetze/hochgeladen/{id}/zuordnung", [&ctx, mappingPage](http::Request& req) {
    auto id = idParam(req, "id");
    if (!id) return web::errorResponse(ctx, req, notFound());
    auto query = http::parseUrlEncoded(req.query);
    if (!query) return web::errorResponse(ctx, req, query.error());
    MappingInput input;
    input.model = query->value("modell");
    if (auto p = strings::parseInt(query->value("profil")); p) input.base_profile_id = *p;
    return mappingPage(req, *id, input, nullptr);
  });

  router.post("/daten/datensaetze/hochgeladen/{id}/zuordnung", [&ctx, service, mappingPage, mappingInput](http::Request& req) {
    auto id = idParam(req, "id");
    if (!id) return web::errorResponse(ctx, req, notFound());
    if (auto allowed = auth::requireLogin(web::principal(req)); !allowed) return web::errorResponse(ctx, req, allowed.error());
    auto form = web::readForm(ctx, req);
    if (!form) return web::errorResponse(ctx, req, form.error());
    MappingInput input = mappingInput(*form);
    if (form->value("aktion") != "importieren") return mappingPage(req, *id, input, nullptr);
    auto started = service->startImport(web::principal(req), *id, input);
    if (!started) {
      if (started.error().code != ErrorCode::kInvalidInput) return web::errorResponse(ctx, req, started.error());
      return mappingPage(req, *id, input, &started.error());
    }
    return http::Response::redirect("/daten/datensaetze/" + std::to_string(started->dataset_id) + "/versionen/" +
                                    std::to_string(started->version));
  });

  router.get("/daten/datensaetze/{id}", [&ctx, service, models](http::Request& req) {
    auto id = idParam(req, "id");
    if (!id) return web::errorResponse(ctx, req, notFound());
    auto view = service->dataset(web::principal(req), *id);
    if (!view) return web::errorResponse(ctx, req, view.error());
    auto query = http::parseUrlEncoded(req.query);
    if (!query) return web::errorResponse(ctx, req, query.error());
    const Dataset& d = view->dataset;
    std::string base = "/daten/datensaetze/" + std::to_string(d.id);
    web::Page page{d.title, "datasets/detail.tpl"};
    page.nav = "NAV_DATEN";
    page.crumbs = {{"Daten", "/daten"}, {"Datensätze", "/daten/datensaetze"}, {d.title, ""}};
    page.model["D_ID"] = std::to_string(d.id);
    page.model["D_TITLE"] = d.title;
    page.model["D_ORGANISATION"] = d.organisation_name;
    page.model["D_MODEL"] = modelTitle(*models, d.model);
    page.model["D_MODEL_SLUG"] = d.model;
    page.model["D_RESOURCE"] = d.resource;
    page.model["D_CREATED"] = dateText(d.created_at);
    json versions = json::array();
    for (const auto& v : view->versions) versions.push_back(versionRow(d.id, v, d.current_version));
    page.model["VERSIONS"] = versions;
    for (const auto& v : view->versions) {
      if (!isFinished(v.status) || v.status == status::kReview) {
        page.model["PENDING"] = {{"V_URL", base + "/versionen/" + std::to_string(v.version)}, {"V_NUMBER", std::to_string(v.version)},
                                 {"V_STATUS", statusLabel(v.status)}};
        break;
      }
    }
    if (view->can_delete) page.model["CAN_DELETE"] = {{"URL", base + "/loeschen"}};
    if (d.current_version) {
      int64_t pageNumber = std::max<int64_t>(1, strings::parseInt(query->value("seite")).value_or(1));
      auto rows = service->rows(web::principal(req), d.id, std::nullopt, (pageNumber - 1) * kPageRows, kPageRows);
      if (!rows) return web::errorResponse(ctx, req, rows.error());
      int64_t pages = std::max<int64_t>(1, (rows->total + kPageRows - 1) / kPageRows);
      json header = json::array();
      for (const auto& f : rows->fields) header.push_back({{"NAME", f}});
      json body = json::array();
      for (const auto& r : rows->rows) {
        json cells = json::array();
        for (const auto& c : r.cells) cells.push_back({{"TEXT", c}});
        body.push_back({{"ROW", std::to_string(r.row_number)}, {"CELLS", cells}});
      }
      json preview = {{"HEADER", header}, {"ROWS", body}, {"TOTAL", count(rows->total)},
                      {"VERSION", std::to_string(*d.current_version)}, {"FROM", count(rows->offset + 1)},
                      {"TO", count(rows->offset + static_cast<int64_t>(rows->rows.size()))}};
      if (pages > 1) {
        json pager = {{"PAGE", std::to_string(std::min(pageNumber, pages))}, {"PAGES", std::to_string(pages)}};
        if (pageNumber > 1) pager["PREV"] = {{"URL", base + "?seite=" + std::to_string(std::min(pageNumber, pages) - 1) + "#vorschau"}};
        if (pageNumber < pages) pager["NEXT"] = {{"URL", base + "?seite=" + std::to_string(pageNumber + 1) + "#vorschau"}};
        preview["PAGER"] = pager;
      }
      if (rows->rows.empty()) preview["EMPTY_PAGE"] = section();
      page.model["PREVIEW"] = preview;
      std::string v = std::to_string(*d.current_version);
      page.model["DOWNLOADS"] = {{"CSV", base + "/download?format=csv"}, {"XLSX", base + "/download?format=xlsx"},
                                 {"JSON", base + "/download?format=json"}, {"VERSION", v}};
    } else {
      page.model["NO_DATA"] = section();
    }
    return web::render(ctx, req, std::move(page));
  });

  // `choiceError`: the decision form was sent without a choice; it is shown again with the message.
  auto versionPage = [&ctx, service, models](http::Request& req, int64_t datasetId, int64_t number,
                                             const std::string& choiceError) -> http::Response {
    auto id = std::optional<int64_t>(datasetId);
    auto view = service->dataset(web::principal(req), *id);
    if (!view) return web::errorResponse(ctx, req, view.error());
    auto v = service->version(web::principal(req), *id, number);
    if (!v) return web::errorResponse(ctx, req, v.error());
    auto query = http::parseUrlEncoded(req.query);
    if (!query) return web::errorResponse(ctx, req, query.error());
    const Dataset& d = view->dataset;
    std::string base = "/daten/datensaetze/" + std::to_string(d.id);
    std::string self = base + "/versionen/" + std::to_string(v->version);
    web::Page page{d.title + ", Version " + std::to_string(v->version), "datasets/version.tpl"};
    page.nav = "NAV_DATEN";
    page.crumbs = {{"Daten", "/daten"}, {"Datensätze", "/daten/datensaetze"}, {d.title, base},
                   {"Version " + std::to_string(v->version), ""}};
    page.model["D_URL"] = base;
    page.model["D_TITLE"] = d.title;
    page.model["SELF"] = self;
    page.model["V_NUMBER"] = std::to_string(v->version);
    page.model["V_FILE"] = v->filename;
    page.model["V_STATUS"] = statusLabel(v->status);
    page.model["V_DATE"] = dateText(v->created_at);
    if (v->profile_id) {
      page.model["PROFILE"] = {{"URL", "/daten/importprofile/" + std::to_string(*v->profile_id)},
                               {"NAME", v->profile.value("name", "")}, {"VERSION", std::to_string(v->profile_version.value_or(0))}};
    }
    if (!v->message.empty()) page.model["MESSAGE"] = {{"TEXT", v->message}};
    if (!isFinished(v->status)) {
      // No reload unless asked for (WCAG 2.2.1: a reload moves screen readers to the top); the
      // script polls in the background, without it the user reloads or opts in to the refresh.
      bool refresh = query->value("aktualisieren") == "an";
      json running = {{"PERCENT", std::to_string(v->progress_percent)}, {"PHASE", v->phase.empty() ? statusLabel(v->status) : v->phase},
                      {"CANCEL_URL", self + "/abbrechen"}};
      running[v->cancel_requested ? "CANCELLING" : "CAN_CANCEL"] = section();
      if (refresh) {
        running["AUTO"] = {{"STOP_URL", self}};
        page.model["REFRESH"] = {{"SECONDS", "5"}};
      } else {
        running["MANUAL"] = {{"POLL_URL", self}, {"RELOAD_URL", self}, {"START_URL", self + "?aktualisieren=an"}};
      }
      page.model["RUNNING"] = running;
    }
    if (v->status == status::kReview || v->status == status::kImported) {
      json counts = {{"TOTAL", count(v->rows_total)}, {"VALID", count(v->rows_valid)}, {"INVALID", count(v->rows_invalid)}};
      if (v->rows_invalid > 0) counts["REJECTS"] = {{"URL", self + "/abgelehnt.csv"}};
      page.model["COUNTS"] = counts;
    }
    if (v->status == status::kReview) {
      json decide = {{"URL", self + "/entscheidung"}};
      decide["KEEP_LABEL"] = v->rows_invalid == 1
                                 ? "Nur die " + count(v->rows_valid) + " fehlerfreien Zeilen übernehmen; die fehlerhafte Zeile bleibt als Datei „abgelehnte Zeilen“ erhalten"
                                 : "Nur die " + count(v->rows_valid) + " fehlerfreien Zeilen übernehmen; die " + count(v->rows_invalid) +
                                       " fehlerhaften bleiben als Datei „abgelehnte Zeilen“ erhalten";
      if (!choiceError.empty()) {
        decide["CHOICE_ERROR"] = {{"MESSAGE", choiceError}};
        page.status = 422;
      }
      if (v->rejects_exact && v->rows_valid > 0) decide["CAN_KEEP"] = section();
      if (v->upload_id) decide["CAN_REMAP"] = section();
      decide["NEW_UPLOAD_URL"] = "/daten/datensaetze/neu?datensatz=" + std::to_string(d.id);
      page.model["DECIDE"] = decide;
    }
    if (v->status == status::kImported) page.model["IMPORTED"] = {{"URL", base + "#vorschau"}};
    if (v->status == status::kFailed || v->status == status::kCancelled || v->status == status::kDiscarded) {
      json again = {{"NEW_UPLOAD_URL", "/daten/datensaetze/neu?datensatz=" + std::to_string(d.id)}};
      if (v->upload_id) again["REMAP"] = {{"URL", "/daten/datensaetze/hochgeladen/" + std::to_string(*v->upload_id) + "/zuordnung"}};
      page.model["AGAIN"] = again;
    }
    if (v->report.is_object()) {
      std::string model = modelTitle(*models, d.model);
      if (v->report.contains("result")) {
        page.model["RESULT_REPORT"] = {{"REPORT_INCLUDE", models::reportInclude(v->report["result"], model, 3, " im Ergebnis")}};
      }
      if (v->report.contains("source")) {
        const json& source = v->report["source"];
        json part = models::reportInclude(source, model, 3, " in der Quelldatei");
        // The source is checked against the profile's columns, not the model: say it in words.
        part.erase("VALID");
        part.erase("INVALID");
        json sourceSection = {{"REPORT_INCLUDE", part}, {"ERRORS", count(source.value("stats", json::object()).value("errors", int64_t{0}))}};
        sourceSection[source.value("valid", false) ? "SOURCE_VALID" : "SOURCE_INVALID"] = section();
        page.model["SOURCE_REPORT"] = sourceSection;
      }
      json notes = json::array();
      for (const auto& n : v->report.value("notes", json::array())) notes.push_back({{"TEXT", n.is_string() ? n.get<std::string>() : n.dump()}});
      page.model["IMPORT_NOTES"] = notes;
    }
    return web::render(ctx, req, std::move(page));
  };

  router.get("/daten/datensaetze/{id}/versionen/{version}", [&ctx, versionPage](http::Request& req) {
    auto id = idParam(req, "id");
    auto number = idParam(req, "version");
    if (!id || !number) return web::errorResponse(ctx, req, notFound());
    return versionPage(req, *id, *number, "");
  });

  router.post("/daten/datensaetze/{id}/versionen/{version}/abbrechen", [&ctx, service](http::Request& req) {
    auto id = idParam(req, "id");
    auto number = idParam(req, "version");
    if (!id || !number) return web::errorResponse(ctx, req, notFound());
    if (auto allowed = auth::requireLogin(web::principal(req)); !allowed) return web::errorResponse(ctx, req, allowed.error());
    auto form = web::readForm(ctx, req);
    if (!form) return web::errorResponse(ctx, req, form.error());
    auto done = service->cancel(web::principal(req), *id, *number);
    if (!done && done.error().code != ErrorCode::kConflict) return web::errorResponse(ctx, req, done.error());
    if (done) web::flash(ctx, req, "import_abgebrochen");
    return http::Response::redirect("/daten/datensaetze/" + std::to_string(*id) + "/versionen/" + std::to_string(*number));
  });

  router.post("/daten/datensaetze/{id}/versionen/{version}/entscheidung", [&ctx, service, versionPage](http::Request& req) {
    auto id = idParam(req, "id");
    auto number = idParam(req, "version");
    if (!id || !number) return web::errorResponse(ctx, req, notFound());
    if (auto allowed = auth::requireLogin(web::principal(req)); !allowed) return web::errorResponse(ctx, req, allowed.error());
    auto form = web::readForm(ctx, req);
    if (!form) return web::errorResponse(ctx, req, form.error());
    std::string choice = form->value("wahl");
    std::string self = "/daten/datensaetze/" + std::to_string(*id) + "/versionen/" + std::to_string(*number);
    if (choice == "gueltige") {
      auto done = service->decide(web::principal(req), *id, *number, Decision::kKeepValidRows);
      if (!done) return web::errorResponse(ctx, req, done.error());
      web::flash(ctx, req, "version_uebernommen");
      return http::Response::redirect("/daten/datensaetze/" + std::to_string(*id));
    }
    if (choice == "verwerfen" || choice == "zuordnung" || choice == "neu") {
      auto v = service->version(web::principal(req), *id, *number);
      if (!v) return web::errorResponse(ctx, req, v.error());
      auto done = service->decide(web::principal(req), *id, *number, Decision::kDiscard);
      if (!done) return web::errorResponse(ctx, req, done.error());
      if (choice == "zuordnung" && v->upload_id) {
        return http::Response::redirect("/daten/datensaetze/hochgeladen/" + std::to_string(*v->upload_id) + "/zuordnung");
      }
      if (choice == "neu") return http::Response::redirect("/daten/datensaetze/neu?datensatz=" + std::to_string(*id));
      web::flash(ctx, req, "version_verworfen");
      return http::Response::redirect(self);
    }
    return versionPage(req, *id, *number, "Bitte wählen Sie, wie es weitergehen soll.");
  });

  router.get("/daten/datensaetze/{id}/download", [&ctx, service](http::Request& req) {
    auto id = idParam(req, "id");
    if (!id) return web::errorResponse(ctx, req, notFound());
    auto query = http::parseUrlEncoded(req.query);
    if (!query) return web::errorResponse(ctx, req, query.error());
    std::optional<int64_t> version;
    if (!query->value("version").empty()) version = strings::parseInt(query->value("version"));
    auto file = service->download(web::principal(req), *id, version, query->value("format"));
    if (!file) return web::errorResponse(ctx, req, file.error());
    return models::fileResponse(*file);
  });

  router.get("/daten/datensaetze/{id}/versionen/{version}/abgelehnt.csv", [&ctx, service](http::Request& req) {
    auto id = idParam(req, "id");
    auto number = idParam(req, "version");
    if (!id || !number) return web::errorResponse(ctx, req, notFound());
    auto file = service->rejects(web::principal(req), *id, *number);
    if (!file) return web::errorResponse(ctx, req, file.error());
    return models::fileResponse(*file);
  });

  router.get("/daten/datensaetze/{id}/loeschen", [&ctx, service](http::Request& req) {
    auto id = idParam(req, "id");
    if (!id) return web::errorResponse(ctx, req, notFound());
    auto view = service->dataset(web::principal(req), *id);
    if (!view) return web::errorResponse(ctx, req, view.error());
    if (!view->can_delete) {
      return web::errorResponse(ctx, req, Error{ErrorCode::kForbidden, "Löschen dürfen die Person, die den Datensatz angelegt hat, und die Organisations-Admins."});
    }
    const Dataset& d = view->dataset;
    web::Page page{"Datensatz löschen: " + d.title, "datasets/delete.tpl"};
    page.nav = "NAV_DATEN";
    page.crumbs = {{"Daten", "/daten"}, {"Datensätze", "/daten/datensaetze"}, {d.title, "/daten/datensaetze/" + std::to_string(d.id)},
                   {"Löschen", ""}};
    page.model["D_ID"] = std::to_string(d.id);
    page.model["D_TITLE"] = d.title;
    page.model["D_VERSIONS"] = std::to_string(view->versions.size());
    page.model["D_ROWS"] = count(d.rows);
    return web::render(ctx, req, std::move(page));
  });

  router.post("/daten/datensaetze/{id}/loeschen", [&ctx, service](http::Request& req) {
    auto id = idParam(req, "id");
    if (!id) return web::errorResponse(ctx, req, notFound());
    if (auto allowed = auth::requireLogin(web::principal(req)); !allowed) return web::errorResponse(ctx, req, allowed.error());
    auto form = web::readForm(ctx, req);
    if (!form) return web::errorResponse(ctx, req, form.error());
    auto done = service->remove(web::principal(req), *id);
    if (!done) return web::errorResponse(ctx, req, done.error());
    web::flash(ctx, req, "datensatz_geloescht");
    return http::Response::redirect("/daten/datensaetze");
  });

  router.get("/daten/importprofile", [&ctx, service](http::Request& req) {
    if (auto allowed = auth::requireLogin(web::principal(req)); !allowed) return web::errorResponse(ctx, req, allowed.error());
    web::Page page{"Import-Profile", "datasets/profiles.tpl"};
    page.nav = "NAV_DATEN";
    page.crumbs = {{"Daten", "/daten"}, {"Import-Profile", ""}};
    json orgs = json::array();
    for (const auto& [orgId, name] : service->organisationsOf(web::principal(req))) {
      auto profiles = service->profiles(web::principal(req), orgId);
      if (!profiles) continue;
      json items = json::array();
      for (const auto& p : *profiles) {
        items.push_back({{"P_URL", "/daten/importprofile/" + std::to_string(p.id)}, {"P_NAME", p.name}, {"P_MODEL", p.model + " / " + p.resource},
                         {"P_VERSION", std::to_string(p.version)}, {"P_UPDATED", dateText(p.updated_at)}});
      }
      json org = {{"O_NAME", name}, {"PROFILES", items}};
      if (items.empty()) org["NONE"] = section();
      orgs.push_back(org);
    }
    if (orgs.empty()) page.model["NO_ORGANISATION"] = section();
    page.model["ORGANISATIONS"] = orgs;
    return web::render(ctx, req, std::move(page));
  });

  router.get("/daten/importprofile/{id}", [&ctx, service](http::Request& req) {
    auto id = idParam(req, "id");
    if (!id) return web::errorResponse(ctx, req, notFound());
    auto profile = service->profile(web::principal(req), *id);
    if (!profile) return web::errorResponse(ctx, req, profile.error());
    const auto& [record, versions] = *profile;
    web::Page page{"Import-Profil " + record.name, "datasets/profile.tpl"};
    page.nav = "NAV_DATEN";
    page.crumbs = {{"Daten", "/daten"}, {"Import-Profile", "/daten/importprofile"}, {record.name, ""}};
    page.model["P_NAME"] = record.name;
    page.model["P_MODEL"] = record.model + " / " + record.resource;
    json items = json::array();
    for (const auto& v : versions) {
      std::string text = v.document.dump(2);
      items.push_back({{"V_NUMBER", std::to_string(v.version)}, {"V_DATE", dateText(v.created_at)},
                       {"V_URL", "/daten/importprofile/" + std::to_string(record.id) + "/versionen/" + std::to_string(v.version)},
                       {"V_SIZE", models::sizeLabel(text.size())}});
    }
    page.model["VERSIONS"] = items;
    if (!versions.empty()) page.model["LATEST"] = {{"TEXT", versions.front().document.dump(2)}};
    return web::render(ctx, req, std::move(page));
  });

  router.get("/daten/importprofile/{id}/versionen/{version}", [&ctx, service](http::Request& req) {
    auto id = idParam(req, "id");
    auto number = idParam(req, "version");
    if (!id || !number) return web::errorResponse(ctx, req, notFound());
    auto profile = service->profile(web::principal(req), *id);
    if (!profile) return web::errorResponse(ctx, req, profile.error());
    for (const auto& v : profile->second) {
      if (v.version != *number) continue;
      return models::fileResponse(models::Download{profile->first.name + "-" + std::to_string(v.version) + ".json",
                                                   "application/json", v.document.dump(2) + "\n"});
    }
    return web::errorResponse(ctx, req, notFound());
  });
}

}  // namespace opgv::datasets
