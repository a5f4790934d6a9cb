#pragma once
// Harmonised data models (models/<slug>/, docs/content/model-format.md): Data Package
// descriptors with their versions, the field-level diff between two versions, and the JSON
// Schema of one row that interface work (OpenAPI) builds on.
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "validation/schema.h"

namespace opgv::models {

struct ModelVersion {
  std::string version;
  nlohmann::json descriptor;
};

struct DataModel {
  std::string slug;
  std::string title;
  std::string description;
  std::string version;
  nlohmann::json descriptor;
  validation::DataPackage package;
  std::filesystem::path dir;
  std::string changelog;              // Markdown
  std::vector<ModelVersion> versions;  // all, the current one included, newest first
};

// Semantic versions compared numerically ("1.10.0" > "1.9.0"); non-numeric parts compare as text.
int compareVersions(const std::string& a, const std::string& b);

struct FieldChange {
  std::string resource;
  std::string field;
  std::string kind;  // "hinzugefügt", "entfernt", "geändert"
  std::vector<std::string> details;  // German, one per changed property
};

struct ModelDiff {
  std::string from;
  std::string to;
  std::vector<std::string> resourcesAdded;
  std::vector<std::string> resourcesRemoved;
  std::vector<FieldChange> fields;
  std::vector<std::string> other;  // keys, descriptions of resources and the package
  bool empty() const { return resourcesAdded.empty() && resourcesRemoved.empty() && fields.empty() && other.empty(); }
};

ModelDiff diffDescriptors(const nlohmann::json& older, const nlohmann::json& newer);
nlohmann::json diffToJson(const ModelDiff& diff);

// JSON Schema (2020-12, as OpenAPI 3.1 uses it) of one row of `schema`, with values in their
// logical JSON form: numbers as numbers, dates as "2024-12-31", booleans as true/false. Fields
// that are not required may be null.
nlohmann::json rowJsonSchema(const validation::Schema& schema, const std::string& title);

// OpenAPI 3.1 components for all resources of a model: {"openapi", "info", "components":{"schemas"}}.
nlohmann::json openApiDocument(const DataModel& model);

// A schema component name: "sozialraum-indikatoren" + "indikatorwerte" → "SozialraumIndikatorenIndikatorwerte".
std::string componentName(const std::string& slug, const std::string& resource);

}  // namespace opgv::models
