#include "features/models/service.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "auth/authorization.h"
#include "common/strings.h"
#include "common/temp_file.h"
#include "office/writers.h"
#include "validation/synth.h"
#include "validation/validate_file.h"

namespace opgv::models {

std::string typeLabel(const validation::Field& field) {
  static const std::pair<const char*, const char*> labels[] = {
      {"string", "Text"}, {"number", "Zahl"}, {"integer", "Ganze Zahl"}, {"boolean", "Ja/Nein (true/false)"},
      {"date", "Datum (JJJJ-MM-TT)"}, {"datetime", "Zeitpunkt (JJJJ-MM-TTThh:mm:ss)"}, {"time", "Uhrzeit (hh:mm:ss)"},
      {"year", "Jahr"}, {"yearmonth", "Monat (JJJJ-MM)"}, {"duration", "Dauer (ISO 8601)"},
      {"geopoint", "Koordinate (Länge, Breite)"}, {"geojson", "GeoJSON-Geometrie"}, {"object", "JSON-Objekt"},
      {"array", "JSON-Liste"}, {"list", "Liste"}, {"any", "beliebig"},
  };
  std::string name(validation::fieldTypeName(field.type()));
  for (const auto& [key, label] : labels) {
    if (name == key) return label;
  }
  return name;
}

ModelService::ModelService(std::shared_ptr<const ModelRepository> repository) : repository_(std::move(repository)) {
  for (const auto& m : repository_->all()) {
    if (auto d = descriptor(m.slug, "")) downloadSizes_[m.slug + "//descriptor"] = d->bytes.size();
    for (const auto& r : m.package.resources) {
      if (!r.schema) continue;
      for (const char* kind : {"csv", "xlsx"}) {
        if (auto t = blankTemplate(m.slug, r.name, kind)) downloadSizes_[m.slug + "/" + r.name + "/" + kind] = t->bytes.size();
      }
      if (auto e = example(m.slug, r.name)) downloadSizes_[m.slug + "/" + r.name + "/example"] = e->bytes.size();
    }
  }
}

std::optional<size_t> ModelService::downloadSize(const std::string& slug, const std::string& resource,
                                                 const std::string& kind) const {
  auto it = downloadSizes_.find(slug + "/" + resource + "/" + kind);
  if (it == downloadSizes_.end()) return std::nullopt;
  return it->second;
}

Result<const DataModel*> ModelService::model(const std::string& slug) const {
  const DataModel* found = repository_->find(slug);
  if (!found) return fail(ErrorCode::kNotFound, "Das Datenmodell „" + slug + "“ gibt es nicht.");
  return found;
}

Result<const validation::Resource*> ModelService::resource(const DataModel& model, const std::string& name) const {
  if (name.empty()) {
    if (model.package.resources.empty()) return fail(ErrorCode::kNotFound, "Das Modell hat keine Ressourcen.");
    return &model.package.resources.front();
  }
  const validation::Resource* found = model.package.resource(name);
  if (!found) return fail(ErrorCode::kNotFound, "Die Ressource „" + name + "“ gibt es im Modell „" + model.slug + "“ nicht.");
  return found;
}

Result<Download> ModelService::descriptor(const std::string& slug, const std::string& version) const {
  auto m = model(slug);
  if (!m) return std::unexpected(m.error());
  for (const auto& v : (*m)->versions) {
    if (version.empty() || v.version == version) {
      return Download{slug + "-" + v.version + ".datapackage.json", "application/json; charset=utf-8", v.descriptor.dump(2) + "\n"};
    }
  }
  return fail(ErrorCode::kNotFound, "Die Version „" + version + "“ des Modells „" + slug + "“ gibt es nicht.");
}

Result<Download> ModelService::blankTemplate(const std::string& slug, const std::string& resourceName,
                                            const std::string& format) const {
  auto m = model(slug);
  if (!m) return std::unexpected(m.error());
  auto r = resource(**m, resourceName);
  if (!r) return std::unexpected(r.error());
  const auto& schema = *(*r)->schema;
  std::string base = slug + "-" + (*r)->name + "-vorlage";
  if (format == "csv" || format.empty()) {
    std::string csv = "\xEF\xBB\xBF";
    for (size_t i = 0; i < schema.fields.size(); ++i) csv += (i ? "," : "") + strings::csvField(schema.fields[i].name);
    csv += "\r\n";
    return Download{base + ".csv", "text/csv; charset=utf-8", std::move(csv)};
  }
  if (format != "xlsx") {
    return fail(ErrorCode::kInvalidInput, "Vorlagen gibt es als „csv“ und „xlsx“, nicht als „" + format + "“.");
  }
  office::Workbook workbook;
  workbook.properties.title = (*m)->title + " – " + (*r)->descriptor.value("title", (*r)->name);
  workbook.properties.subject = "Vorlage zum Datenmodell " + slug + " " + (*m)->version;
  workbook.properties.author = "OPGV-Plattform";
  office::Sheet data{"Daten", {}, {}};
  for (const auto& field : schema.fields) data.header.push_back(field.name);
  office::Sheet fields{"Felder", {"Feld", "Titel", "Typ", "Pflicht", "Beschreibung", "Beispiel"}, {}};
  for (const auto& field : schema.fields) {
    bool required = field.constraints.required || field.inPrimaryKey;
    std::string example;
    if (field.descriptor.contains("example")) {
      example = field.descriptor["example"].is_string() ? field.descriptor["example"].get<std::string>()
                                                         : field.descriptor["example"].dump();
    }
    fields.rows.push_back({{field.name}, {field.title}, {typeLabel(field)}, {required ? "ja" : "nein"},
                           {field.description}, {example}});
  }
  workbook.sheets = {std::move(data), std::move(fields)};
  auto bytes = office::writeXlsx(workbook);
  if (!bytes) return std::unexpected(bytes.error());
  return Download{base + ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", std::move(*bytes)};
}

Result<Download> ModelService::example(const std::string& slug, const std::string& resourceName) const {
  auto m = model(slug);
  if (!m) return std::unexpected(m.error());
  auto r = resource(**m, resourceName);
  if (!r) return std::unexpected(r.error());
  auto path = (*r)->descriptor.value("path", "");
  if (path.empty() || path.find("..") != std::string::npos || path.front() == '/') {
    return fail(ErrorCode::kNotFound, "Zu dieser Ressource gibt es keine Beispieldatei.");
  }
  std::ifstream in((*m)->dir / path, std::ios::binary);
  if (!in) return fail(ErrorCode::kNotFound, "Die Beispieldatei fehlt.");
  std::stringstream text;
  text << in.rdbuf();
  return Download{slug + "-" + (*r)->name + "-beispiel.csv", "text/csv; charset=utf-8", text.str()};
}

Result<ModelDiff> ModelService::diff(const std::string& slug, const std::string& from, const std::string& to) const {
  auto m = model(slug);
  if (!m) return std::unexpected(m.error());
  const ModelVersion* a = nullptr;
  const ModelVersion* b = nullptr;
  for (const auto& v : (*m)->versions) {
    if (v.version == from) a = &v;
    if (v.version == to) b = &v;
  }
  if (!a || !b) {
    return fail(ErrorCode::kNotFound, "Bitte zwei vorhandene Versionen wählen (gewählt: „" + from + "“ und „" + to + "“).");
  }
  return diffDescriptors(a->descriptor, b->descriptor);
}

Result<Download> ModelService::synthetic(const std::string& slug, const std::string& resourceName, const std::string& rows,
                                        const std::string& seed) const {
  auto m = model(slug);
  if (!m) return std::unexpected(m.error());
  auto r = resource(**m, resourceName);
  if (!r) return std::unexpected(r.error());
  std::vector<FieldError> errors;
  int64_t rowCount = 100;
  if (!rows.empty()) {
    auto parsed = strings::parseInt(rows);
    if (!parsed || *parsed < 1 || *parsed > kMaxSyntheticRows) {
      errors.push_back({"zeilen", "Bitte eine Zeilenzahl von 1 bis 100.000 angeben (mehr mit „opgv synth“)."});
    } else {
      rowCount = *parsed;
    }
  }
  uint64_t seedValue = 1;
  if (!seed.empty()) {
    auto parsed = strings::parseInt(seed);
    if (!parsed || *parsed < 0) {
      errors.push_back({"startwert", "Der Startwert muss eine ganze Zahl ab 0 sein."});
    } else {
      seedValue = static_cast<uint64_t>(*parsed);
    }
  }
  if (!errors.empty()) return invalid(std::move(errors));
  validation::SynthOptions options;
  options.rows = rowCount;
  options.seed = seedValue;
  options.resource = (*r)->name;
  std::ostringstream out;
  auto status = validation::synthesize((*m)->package, (*m)->dir, options, out);
  if (!status) return std::unexpected(status.error());
  return Download{slug + "-" + (*r)->name + "-testdaten-" + std::to_string(rowCount) + "-" + std::to_string(seedValue) + ".csv",
                  "text/csv; charset=utf-8", out.str()};
}

Result<validation::Report> ModelService::checkUpload(const auth::Principal& who, const UploadCheck& upload) const {
  if (auto allowed = auth::requireLogin(who); !allowed) return std::unexpected(allowed.error());
  auto m = model(upload.model);
  if (!m) return std::unexpected(m.error());
  auto r = resource(**m, upload.resource);
  if (!r) return std::unexpected(r.error());
  if (upload.bytes.empty()) {
    return invalid({{"datei", "Bitte eine Datei auswählen (CSV, XLSX oder ODS)."}}, "Es wurde keine Datei hochgeladen.");
  }
  validation::DataPackage package = (*m)->package;
  if (upload.germanDefaults) {
    // Re-read with German defaults: they apply where the descriptor says nothing.
    validation::SchemaOptions options;
    options.defaults = validation::germanDefaults();
    auto german = validation::parsePackage((*m)->descriptor, options);
    if (!german) return std::unexpected(german.error());
    package = std::move(*german);
  }
  // The validator reads resources by path (foreign keys resolve against the model's own files);
  // the upload goes to a private temporary file for the duration of the check.
  TempFile file("opgv-pruefung", upload.filename, upload.bytes);
  if (!file.ok()) return fail(ErrorCode::kInternal, "Die Datei konnte nicht zwischengespeichert werden.");
  auto report = validation::validateResource(package, (*m)->dir, (*r)->name, file.path());
  return report;
}

}  // namespace opgv::models
