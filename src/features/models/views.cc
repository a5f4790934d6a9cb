#include "features/models/views.h"

#include <algorithm>

namespace opgv::models {

using nlohmann::json;

std::string sizeLabel(size_t bytes) {
  if (bytes < 1024 * 1024) return std::to_string(std::max<size_t>(1, (bytes + 512) / 1024)) + " kB";
  auto tenths = (bytes * 10 + 512 * 1024) / (1024 * 1024);
  return std::to_string(tenths / 10) + "," + std::to_string(tenths % 10) + " MB";
}

json summaryJson(const DataModel& model) {
  json resources = json::array();
  for (const auto& r : model.package.resources) resources.push_back(r.name);
  return {{"slug", model.slug},
          {"title", model.title},
          {"description", model.description},
          {"version", model.version},
          {"resources", resources},
          {"musterdatenkatalog", model.descriptor.value("musterdatenkatalog", json::array())}};
}

json fieldJson(const validation::Field& field) {
  json f = {{"name", field.name},
            {"title", field.title},
            {"description", field.description},
            {"type", validation::fieldTypeName(field.type())},
            {"format", field.format},
            {"required", field.constraints.required || field.inPrimaryKey}};
  if (field.descriptor.contains("constraints")) f["constraints"] = field.descriptor["constraints"];
  if (field.descriptor.contains("categories")) f["categories"] = field.descriptor["categories"];
  if (field.descriptor.contains("example")) f["example"] = field.descriptor["example"];
  return f;
}

json detailJson(const DataModel& model) {
  json out = summaryJson(model);
  out["raumbezug"] = model.descriptor.value("raumbezug", json());
  out["changelog"] = model.changelog;
  json versions = json::array();
  for (const auto& v : model.versions) versions.push_back(v.version);
  out["versions"] = versions;
  json resources = json::array();
  for (const auto& r : model.package.resources) {
    json fields = json::array();
    if (r.schema) {
      for (const auto& f : r.schema->fields) fields.push_back(fieldJson(f));
    }
    json schema = r.descriptor.value("schema", json::object());
    resources.push_back({{"name", r.name},
                         {"title", r.descriptor.value("title", r.name)},
                         {"description", r.descriptor.value("description", "")},
                         {"primaryKey", schema.value("primaryKey", json::array())},
                         {"foreignKeys", schema.value("foreignKeys", json::array())},
                         {"fields", fields}});
  }
  out["resources"] = resources;
  out["descriptor"] = model.descriptor;
  return out;
}

http::Response fileResponse(const Download& download) {
  return http::Response::attachment(download.filename, download.content_type, download.bytes, "no-cache");
}

}  // namespace opgv::models
