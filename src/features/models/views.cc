#include "features/models/views.h"

#include "validation/report_format.h"

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

nlohmann::json reportInclude(const nlohmann::json& report, const std::string& model, int level, const std::string& context) {
  using nlohmann::json;
  auto count = [](const json& value) {
    return validation::formatCount(value.is_number_integer() ? value.get<uint64_t>() : uint64_t{0});
  };
  const json stats = report.value("stats", json::object());
  validation::Report totals;
  totals.stats.errors = stats.value("errors", int64_t{0});
  json r = {{"FILE", "models/report.tpl"}, {"ROWS", count(stats.value("rows", json(0)))},
            {"SUMMARY", validation::errorSummary(totals)}, {"MODEL", model}, {"RESOURCE", report.value("resource", "")}};
  r[report.value("valid", false) ? "VALID" : "INVALID"] = json::array({json::object()});
  json notes = json::array();
  for (const auto& n : report.value("notes", json::array())) notes.push_back({{"TEXT", n.is_string() ? n.get<std::string>() : n.dump()}});
  r["NOTES"] = notes;
  json counts = json::array();
  const json errorCounts = report.contains("errorCounts") ? report["errorCounts"] : json::object();
  for (const auto& [code, n] : errorCounts.items()) {
    counts.push_back({{"LABEL", validation::errorCodeLabel(code)}, {"CODE", code}, {"COUNT", count(n)}});
  }
  std::string levelText = std::to_string(level);
  if (!counts.empty()) r["COUNTS"] = {{"ITEMS", counts}, {"LEVEL", levelText}, {"CONTEXT", context}};
  json errors = json::array();
  for (const auto& e : report.value("errors", json::array())) {
    int64_t row = e.value("row", int64_t{0});
    errors.push_back({{"E_ROW", row ? std::to_string(row) : std::string("–")}, {"E_FIELD", e.value("field", "")},
                      {"E_CELL", e.value("cell", "")}, {"E_MESSAGE", e.value("message", "")}, {"E_CODE", e.value("code", "")}});
  }
  if (!errors.empty()) r["ERRORS"] = {{"ITEMS", errors}, {"LEVEL", levelText}, {"CONTEXT", context}};
  if (report.value("truncated", false)) {
    int64_t shown = static_cast<int64_t>(errors.size());
    r["TRUNCATED"] = {{"COUNT", validation::formatCount(static_cast<uint64_t>(std::max<int64_t>(0, totals.stats.errors - shown)))}};
  }
  return r;
}

}  // namespace opgv::models
