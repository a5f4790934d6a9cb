// JSON API of datasets and import profiles under /api/v1 (every page action is an API action).
// Upload (the file is the request body) → mapping draft → import (queued, 202) → poll the version
// → decide (keep the valid rows or discard) → rows and downloads. Schemas: api/openapi.json.
#include "app/web.h"
#include "auth/authorization.h"
#include "common/strings.h"
#include "features/datasets/api_views.h"
#include "features/datasets/routes.h"
#include "features/datasets/service.h"
#include "features/models/views.h"
#include "http/form.h"
#include "http/problem.h"

namespace opgv::datasets {
namespace {

using nlohmann::json;

constexpr const char* kNoDataset = "Diesen Datensatz gibt es nicht (mehr).";
constexpr const char* kNoUpload =
    "Diese hochgeladene Datei gibt es nicht (mehr). Hochgeladene Dateien werden nach dem Import oder nach sieben Tagen "
    "gelöscht; bitte die Datei neu hochladen.";

// A positive number from the path; nullopt for anything else (the caller answers 404).
std::optional<int64_t> pathId(http::Request& req, const char* name) {
  auto value = strings::parseInt(req.pathParam(name));
  if (!value || *value <= 0) return std::nullopt;
  return value;
}

// An optional whole number from the query: absent → nullopt, not a number → 422 naming `name`.
Result<std::optional<int64_t>> queryInt(const http::FormData& query, const char* name, const std::string& hint) {
  auto text = query.get(name);
  if (!text || strings::trim(*text).empty()) return std::optional<int64_t>{};
  auto value = strings::parseInt(strings::trim(*text));
  if (!value || *value < 0) return invalid({{name, hint}}, "Bitte die markierten Angaben prüfen.");
  return std::optional<int64_t>{*value};
}

// The service names form fields in German (titel, modell, datei, profil, feld.X); the API names
// them after its own parameters and body keys.
Error apiFieldNames(Error error) {
  for (auto& f : error.fields) {
    if (f.field == "titel") f.field = "title";
    else if (f.field == "modell") f.field = "model";
    else if (f.field == "datei") f.field = "file";
    else if (f.field == "profil") f.field = "profile_name";
    else if (f.field == "zuordnung") f.field = "profile";
    else if (f.field.rfind("feld.", 0) == 0) f.field = "fields." + f.field.substr(5);
    else if (f.field.rfind("zusammenfassen", 0) == 0) f.field = "aggregation";
    else if (f.field == "bedingung") f.field = "condition";
  }
  return error;
}

http::Response problemOf(const Error& error) { return http::problem(apiFieldNames(error)); }

// Answers 401 for guests before anything else is looked at (every route here needs a login).
std::optional<http::Response> requireLogin(http::Request& req) {
  if (auto ok = auth::requireLogin(web::principal(req)); !ok) return http::problem(ok.error());
  return std::nullopt;
}

// The file's name: the query's `filename`, else derived from the media type of the body.
std::string uploadFilename(const http::FormData& query, const http::Request& req) {
  std::string name = strings::trim(query.value("filename"));
  if (!name.empty()) return name;
  auto type = req.mediaType();
  if (type == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") return "datei.xlsx";
  if (type == "application/vnd.oasis.opendocument.spreadsheet") return "datei.ods";
  return "datei.csv";
}

// Body of POST …/uploads/{id}/import → the service's MappingInput. `fields` maps a model field to
// {"column": "…"}, {"constant": …} or null (leave empty); a plain string is a column name.
Result<MappingInput> mappingInput(const json& body) {
  MappingInput input;
  std::vector<FieldError> errors;
  if (auto it = body.find("fields"); it != body.end() && !it->is_null()) {
    if (!it->is_object()) {
      errors.push_back({"fields", "Erwartet wird ein Objekt: Feld des Modells → {\"column\": …}, {\"constant\": …} oder null."});
    } else {
      for (const auto& [field, choice] : it->items()) {
        const std::string key = "fields." + field;
        if (choice.is_null()) {
          input.source[field] = "";
        } else if (choice.is_string() || (choice.is_object() && choice.contains("column") && choice["column"].is_string() &&
                                          !choice.contains("constant"))) {
          if (choice.is_object()) {
            // Unit conversion and code translation, as the form's „Umrechnen oder Codes übersetzen“.
            if (auto scale = choice.find("scale"); scale != choice.end() && !scale->is_null()) {
              if (scale->is_number()) input.scale[field] = scale->dump();
              else errors.push_back({key + ".scale", "Erwartet wird eine Zahl, z. B. 0.001."});
            }
            if (auto codes = choice.find("codes"); codes != choice.end() && !codes->is_null()) {
              if (!codes->is_object()) {
                errors.push_back({key + ".codes", "Erwartet wird ein Objekt „alter Wert“ → „neuer Wert“."});
              } else {
                input.codes[field] = assignmentLines(*codes);
              }
            }
          }
          std::string column = choice.is_string() ? choice.get<std::string>() : choice["column"].get<std::string>();
          // "" and "=" mean "leave empty" and "constant" to the service; neither is a column name.
          if (column.empty() || column == "=") {
            errors.push_back({key, "Bitte einen Spaltennamen angeben oder null, um das Feld leer zu lassen."});
            continue;
          }
          input.source[field] = column;
        } else if (choice.is_object() && choice.size() == 1 && choice.contains("constant") &&
                   (choice["constant"].is_string() || choice["constant"].is_number() || choice["constant"].is_boolean())) {
          input.source[field] = "=";
          input.constant[field] = choice["constant"].is_string() ? choice["constant"].get<std::string>() : choice["constant"].dump();
        } else {
          errors.push_back({key, "Erwartet wird {\"column\": \"Spaltenname\"}, {\"constant\": \"Wert\"} oder null (leer lassen)."});
        }
      }
    }
  }
  if (auto it = body.find("aggregation"); it != body.end()) {
    MappingAggregation agg;
    if (it->is_null()) {
      input.aggregation = agg;  // switched off
    } else if (!it->is_object()) {
      errors.push_back({"aggregation", "Erwartet wird ein Objekt (siehe MappingAggregation) oder null."});
    } else {
      agg.enabled = true;
      if (it->contains("prefix")) agg.prefix = (*it)["prefix"].is_number_integer() ? (*it)["prefix"].dump() : std::string("?");
      agg.level = it->value("level", "");
      agg.area_field = it->value("area_field", "");
      agg.level_field = it->value("level_field", "");
      agg.value_field = it->value("value_field", "");
      agg.method = it->value("method", agg.method);
      agg.weight_column = it->value("weight_column", "");
      if (auto table = it->find("table"); table != it->end() && !table->is_null()) {
        if (table->is_string()) {
          agg.table = table->get<std::string>();
        } else if (table->is_array()) {
          // Pairs [fine, coarse] become the form's lines; the service checks them.
          for (const auto& pair : *table) {
            if (pair.is_array() && pair.size() == 2 && pair[0].is_string() && pair[1].is_string()) {
              agg.table += pair[0].get<std::string>() + "\t" + pair[1].get<std::string>() + "\n";
            } else {
              agg.table += "?\n";  // reported with its line number
            }
          }
        } else {
          errors.push_back({"aggregation", "„table“: erwartet wird eine Liste von Paaren [feine Nummer, grobe Nummer] "
                                           "oder ein Text mit einem Paar je Zeile."});
        }
      }
      agg.by = it->value("by", agg.table.empty() ? std::string("praefix") : std::string("tabelle"));
      agg.method_by = it->value("method_by", "");
      if (auto methods = it->find("methods"); methods != it->end() && !methods->is_null()) {
        if (methods->is_string()) {
          agg.methods = methods->get<std::string>();
        } else if (methods->is_object()) {
          agg.methods = assignmentLines(*methods);
        } else {
          errors.push_back({"aggregation", "„methods“: erwartet wird ein Objekt wie {\"EW\": \"summe\"}."});
        }
      }
      input.aggregation = agg;
    }
  }
  if (auto it = body.find("missing_values"); it != body.end() && !it->is_null()) {
    std::string markers;
    if (it->is_array()) {
      for (const auto& m : *it) {
        if (m.is_string()) markers += (markers.empty() ? "" : ";") + m.get<std::string>();
        else errors.push_back({"missing_values", "Erwartet wird eine Liste von Texten, z. B. [\"-9999\"]."});
      }
    } else if (it->is_string()) {
      markers = it->get<std::string>();
    } else {
      errors.push_back({"missing_values", "Erwartet wird eine Liste von Texten, z. B. [\"-9999\"]."});
    }
    input.missing_values = markers;
  }
  if (auto it = body.find("condition"); it != body.end()) {
    MappingCondition condition;
    if (it->is_object()) {
      condition.enabled = true;
      condition.column = it->value("column", "");
      if (it->contains("equals")) {
        condition.comparison = "gleich";
        condition.value = (*it)["equals"].is_string() ? (*it)["equals"].get<std::string>() : (*it)["equals"].dump();
      } else if (it->contains("not_equals")) {
        condition.value = (*it)["not_equals"].is_string() ? (*it)["not_equals"].get<std::string>() : (*it)["not_equals"].dump();
      } else {
        errors.push_back({"condition", "Bitte „equals“ oder „not_equals“ angeben."});
      }
      for (const auto& k : it->value("keep", json::array())) {
        if (k.is_string()) condition.keep.push_back(k.get<std::string>());
      }
      input.condition = condition;
    } else if (it->is_null()) {
      input.condition = condition;  // switched off
    } else {
      errors.push_back({"condition", "Erwartet wird ein Objekt {\"column\", \"equals\" oder \"not_equals\", \"keep\"} oder null."});
    }
  }
  if (auto it = body.find("reshape"); it != body.end() && !it->is_null()) {
    if (it->is_boolean()) input.reshape = it->get<bool>();
    else errors.push_back({"reshape", "Erwartet wird true oder false."});
  }
  if (auto it = body.find("profile_name"); it != body.end() && !it->is_null()) {
    if (it->is_string()) input.profile_name = it->get<std::string>();
    else errors.push_back({"profile_name", "Erwartet wird ein Text, z. B. „haushalt-kaemmerei“."});
  }
  if (auto it = body.find("model"); it != body.end() && !it->is_null()) {
    if (it->is_string()) input.model = it->get<std::string>();
    else errors.push_back({"model", "Erwartet wird ein Datenmodell als Text, z. B. „haushalt/ergebnisplan“."});
  }
  if (auto it = body.find("base_profile_id"); it != body.end() && !it->is_null()) {
    if (it->is_number_integer() && it->get<int64_t>() > 0) input.base_profile_id = it->get<int64_t>();
    else errors.push_back({"base_profile_id", "Erwartet wird die Nummer eines gespeicherten Import-Profils."});
  }
  if (auto it = body.find("profile"); it != body.end() && !it->is_null()) {
    if (it->is_object()) input.profile = *it;
    else errors.push_back({"profile", "Erwartet wird ein vollständiges Import-Profil als JSON-Objekt."});
  }
  if (!errors.empty()) return invalid(std::move(errors), "Bitte die markierten Angaben prüfen.");
  return input;
}

}  // namespace

void registerApiRoutes(http::Router& router, app::AppContext&, std::shared_ptr<DatasetService> service) {
  // Literal paths first: the router takes the first pattern that matches, and
  // /api/v1/datasets/{id} would otherwise catch "uploads".
  router.get("/api/v1/datasets", [service](http::Request& req) {
    if (auto denied = requireLogin(req)) return *denied;
    auto query = http::parseUrlEncoded(req.query);
    if (!query) return http::problem(query.error());
    auto organisation = queryInt(*query, "organisation", "Bitte die Nummer einer Organisation angeben.");
    if (!organisation) return http::problem(organisation.error());
    auto list = service->list(web::principal(req), *organisation);
    if (!list) return http::problem(list.error());
    json items = json::array();
    for (const auto& d : *list) items.push_back(datasetJson(d));
    return web::jsonResponse(200, {{"items", items}, {"total", items.size()}});
  });

  // The file itself is the body (CSV, XLSX or ODS), as for /api/v1/datasets/validate.
  router.post("/api/v1/datasets/uploads", [service](http::Request& req) {
    if (auto denied = requireLogin(req)) return *denied;
    auto query = http::parseUrlEncoded(req.query);
    if (!query) return http::problem(query.error());
    std::vector<FieldError> errors;
    auto organisation = queryInt(*query, "organisation", "Bitte die Nummer der Organisation angeben (?organisation=…).");
    if (!organisation) errors.insert(errors.end(), organisation.error().fields.begin(), organisation.error().fields.end());
    auto dataset = queryInt(*query, "dataset", "Bitte die Nummer des Datensatzes angeben (?dataset=…).");
    if (!dataset) errors.insert(errors.end(), dataset.error().fields.begin(), dataset.error().fields.end());
    if (!errors.empty()) return http::problem(Error{ErrorCode::kInvalidInput, "Bitte die markierten Angaben prüfen.", "", errors});
    NewUpload input;
    input.organisation_id = *organisation;
    input.dataset_id = *dataset;
    input.title = query->value("title");
    input.model = query->value("model");
    input.resource = query->value("resource");
    input.filename = uploadFilename(*query, req);
    input.bytes = req.body;
    auto& who = web::principal(req);
    auto upload = service->createUpload(who, input);
    if (!upload) return problemOf(upload.error());
    auto draft = service->mappingDraft(who, upload->id, MappingInput{});
    if (!draft) return problemOf(draft.error());
    auto res = web::jsonResponse(201, {{"upload", uploadJson(*upload)}, {"mapping", mappingDraftJson(*draft)}});
    res.setHeader("Location", "/api/v1/datasets/uploads/" + std::to_string(upload->id) + "/mapping");
    return res;
  });

  router.get("/api/v1/datasets/uploads/{id}/mapping", [service](http::Request& req) {
    if (auto denied = requireLogin(req)) return *denied;
    auto id = pathId(req, "id");
    if (!id) return http::problem(404, kNoUpload);
    auto query = http::parseUrlEncoded(req.query);
    if (!query) return http::problem(query.error());
    auto profile = queryInt(*query, "profile", "Bitte die Nummer eines gespeicherten Import-Profils angeben.");
    if (!profile) return http::problem(profile.error());
    MappingInput input;
    input.base_profile_id = *profile;
    input.model = query->value("model");
    auto draft = service->mappingDraft(web::principal(req), *id, input);
    if (!draft) return problemOf(draft.error());
    return web::jsonResponse(200, mappingDraftJson(*draft));
  });

  router.post("/api/v1/datasets/uploads/{id}/import", [service](http::Request& req) {
    if (auto denied = requireLogin(req)) return *denied;
    auto id = pathId(req, "id");
    if (!id) return http::problem(404, kNoUpload);
    // Everything in the body is optional; no body at all means "as proposed".
    json body = json::object();
    if (!strings::trim(req.body).empty()) {
      auto parsed = web::readJson(req);
      if (!parsed) return http::problem(parsed.error());
      body = std::move(*parsed);
    }
    auto input = mappingInput(body);
    if (!input) return http::problem(input.error());
    auto& who = web::principal(req);
    auto ref = service->startImport(who, *id, *input);
    if (!ref) return problemOf(ref.error());
    std::string location = versionPath(ref->dataset_id, ref->version);
    auto res = web::jsonResponse(202, {{"dataset_id", ref->dataset_id},
                                       {"version", ref->version},
                                       {"status", status::kQueued},
                                       {"status_label", statusLabel(status::kQueued)},
                                       {"links", {{"version", location}, {"dataset", datasetPath(ref->dataset_id)}}}});
    res.setHeader("Location", location);
    return res;
  });

  router.get("/api/v1/datasets/{id}", [service](http::Request& req) {
    if (auto denied = requireLogin(req)) return *denied;
    auto id = pathId(req, "id");
    if (!id) return http::problem(404, kNoDataset);
    auto view = service->dataset(web::principal(req), *id);
    if (!view) return http::problem(view.error());
    return web::jsonResponse(200, datasetViewJson(*view));
  });

  router.del("/api/v1/datasets/{id}", [service](http::Request& req) {
    if (auto denied = requireLogin(req)) return *denied;
    auto id = pathId(req, "id");
    if (!id) return http::problem(404, kNoDataset);
    auto removed = service->remove(web::principal(req), *id);
    if (!removed) return http::problem(removed.error());
    return http::Response{204, {}, {}};
  });

  router.get("/api/v1/datasets/{id}/versions/{version}", [service](http::Request& req) {
    if (auto denied = requireLogin(req)) return *denied;
    auto id = pathId(req, "id");
    auto number = pathId(req, "version");
    if (!id || !number) return http::problem(404, kNoDataset);
    auto v = service->version(web::principal(req), *id, *number);
    if (!v) return http::problem(v.error());
    return web::jsonResponse(200, versionJson(*v, true));
  });

  router.post("/api/v1/datasets/{id}/versions/{version}/cancel", [service](http::Request& req) {
    if (auto denied = requireLogin(req)) return *denied;
    auto id = pathId(req, "id");
    auto number = pathId(req, "version");
    if (!id || !number) return http::problem(404, kNoDataset);
    auto& who = web::principal(req);
    auto cancelled = service->cancel(who, *id, *number);
    if (!cancelled) return http::problem(cancelled.error());
    auto v = service->version(who, *id, *number);
    if (!v) return http::problem(v.error());
    return web::jsonResponse(202, versionJson(*v, false));
  });

  router.post("/api/v1/datasets/{id}/versions/{version}/decision", [service](http::Request& req) {
    if (auto denied = requireLogin(req)) return *denied;
    auto id = pathId(req, "id");
    auto number = pathId(req, "version");
    if (!id || !number) return http::problem(404, kNoDataset);
    auto body = web::readJson(req);
    if (!body) return http::problem(body.error());
    auto choice = body->value("choice", json()).is_string() ? (*body)["choice"].get<std::string>() : std::string();
    if (choice != "keep_valid_rows" && choice != "discard") {
      return http::problem(422, "„choice“ muss „keep_valid_rows“ (die fehlerfreien Zeilen übernehmen) oder „discard“ (verwerfen) sein.",
                           {{"choice", "keep_valid_rows oder discard"}});
    }
    auto& who = web::principal(req);
    auto decided = service->decide(who, *id, *number, choice == "discard" ? Decision::kDiscard : Decision::kKeepValidRows);
    if (!decided) return http::problem(decided.error());
    auto v = service->version(who, *id, *number);
    if (!v) return http::problem(v.error());
    return web::jsonResponse(200, versionJson(*v, false));
  });

  router.get("/api/v1/datasets/{id}/versions/{version}/rejects", [service](http::Request& req) {
    if (auto denied = requireLogin(req)) return *denied;
    auto id = pathId(req, "id");
    auto number = pathId(req, "version");
    if (!id || !number) return http::problem(404, kNoDataset);
    auto file = service->rejects(web::principal(req), *id, *number);
    if (!file) return http::problem(file.error());
    return models::fileResponse(*file);
  });

  router.get("/api/v1/datasets/{id}/rows", [service](http::Request& req) {
    if (auto denied = requireLogin(req)) return *denied;
    auto id = pathId(req, "id");
    if (!id) return http::problem(404, kNoDataset);
    auto query = http::parseUrlEncoded(req.query);
    if (!query) return http::problem(query.error());
    auto version = queryInt(*query, "version", "Bitte eine Versionsnummer angeben, z. B. 1.");
    auto offset = queryInt(*query, "offset", "Bitte eine Zahl ab 0 angeben.");
    auto limit = queryInt(*query, "limit", "Bitte eine Zahl von 1 bis 500 angeben.");
    std::vector<FieldError> errors;
    for (auto* r : {&version, &offset, &limit}) {
      if (!*r) errors.insert(errors.end(), r->error().fields.begin(), r->error().fields.end());
    }
    if (errors.empty() && *limit && (**limit < 1 || **limit > 500)) errors.push_back({"limit", "Bitte eine Zahl von 1 bis 500 angeben."});
    if (!errors.empty()) return http::problem(Error{ErrorCode::kInvalidInput, "Bitte die markierten Angaben prüfen.", "", errors});
    if (*version && **version == 0) return http::problem(404, "Version 0 dieses Datensatzes gibt es nicht.");
    auto page = service->rows(web::principal(req), *id, *version, offset->value_or(0), limit->value_or(50));
    if (!page) return http::problem(page.error());
    return web::jsonResponse(200, rowPageJson(*page));
  });

  router.get("/api/v1/datasets/{id}/download", [service](http::Request& req) {
    if (auto denied = requireLogin(req)) return *denied;
    auto id = pathId(req, "id");
    if (!id) return http::problem(404, kNoDataset);
    auto query = http::parseUrlEncoded(req.query);
    if (!query) return http::problem(query.error());
    auto version = queryInt(*query, "version", "Bitte eine Versionsnummer angeben, z. B. 1.");
    if (!version) return http::problem(version.error());
    if (*version && **version == 0) return http::problem(404, "Version 0 dieses Datensatzes gibt es nicht.");
    std::string format = query->get("format").value_or("csv");
    auto file = service->download(web::principal(req), *id, *version, format);
    if (!file) return http::problem(file.error());
    return models::fileResponse(*file);
  });

  router.get("/api/v1/import-profiles", [service](http::Request& req) {
    if (auto denied = requireLogin(req)) return *denied;
    auto query = http::parseUrlEncoded(req.query);
    if (!query) return http::problem(query.error());
    auto organisation = queryInt(*query, "organisation", "Bitte die Nummer der Organisation angeben (?organisation=…).");
    if (!organisation) return http::problem(organisation.error());
    if (!*organisation) {
      return http::problem(422, "Bitte die Organisation angeben, deren Import-Profile aufgelistet werden sollen.",
                           {{"organisation", "Pflichtangabe, z. B. ?organisation=7"}});
    }
    auto list = service->profiles(web::principal(req), **organisation);
    if (!list) return http::problem(list.error());
    json items = json::array();
    for (const auto& p : *list) items.push_back(profileRecordJson(p));
    return web::jsonResponse(200, {{"items", items}, {"total", items.size()}});
  });

  router.get("/api/v1/import-profiles/{id}", [service](http::Request& req) {
    if (auto denied = requireLogin(req)) return *denied;
    auto id = pathId(req, "id");
    if (!id) return http::problem(404, "Dieses Import-Profil gibt es nicht.");
    auto found = service->profile(web::principal(req), *id);
    if (!found) return http::problem(found.error());
    json j = profileRecordJson(found->first);
    json versions = json::array();
    for (const auto& v : found->second) versions.push_back(profileVersionJson(v));
    j["versions"] = versions;
    return web::jsonResponse(200, j);
  });
}

}  // namespace opgv::datasets
