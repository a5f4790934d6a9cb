#include "features/datasets/api_views.h"

#include "common/strings.h"

namespace opgv::datasets {
namespace {

using nlohmann::json;

json optionalInt(const std::optional<int64_t>& value) { return value ? json(*value) : json(nullptr); }

}  // namespace

std::string datasetPath(int64_t id) { return "/api/v1/datasets/" + std::to_string(id); }
std::string versionPath(int64_t id, int64_t version) { return datasetPath(id) + "/versions/" + std::to_string(version); }

json datasetJson(const Dataset& d) {
  return {{"id", d.id},
          {"organisation_id", d.organisation_id},
          {"organisation_name", d.organisation_name},
          {"title", d.title},
          {"description", d.description},
          {"model", d.model},
          {"resource", d.resource},
          {"current_version", optionalInt(d.current_version)},
          {"rows", d.rows},
          {"created_by", optionalInt(d.created_by)},
          {"created_at", d.created_at},
          {"updated_at", d.updated_at},
          {"links", {{"self", datasetPath(d.id)}, {"rows", datasetPath(d.id) + "/rows"}, {"download", datasetPath(d.id) + "/download"}}}};
}

json versionJson(const DatasetVersion& v, bool details) {
  json j = {{"dataset_id", v.dataset_id},
            {"version", v.version},
            {"status", v.status},
            {"status_label", statusLabel(v.status)},
            {"finished", isFinished(v.status)},
            {"progress_percent", v.progress_percent},
            {"phase", v.phase},
            {"message", v.message},
            {"cancel_requested", v.cancel_requested},
            {"filename", v.filename},
            {"size_bytes", v.size_bytes},
            {"upload_id", optionalInt(v.upload_id)},
            {"profile_id", optionalInt(v.profile_id)},
            {"profile_version", optionalInt(v.profile_version)},
            {"rows_total", v.rows_total},
            {"rows_valid", v.rows_valid},
            {"rows_invalid", v.rows_invalid},
            {"rejects_exact", v.rejects_exact},
            {"created_by", optionalInt(v.created_by)},
            {"created_at", v.created_at},
            {"finished_at", optionalInt(v.finished_at)}};
  json links = {{"self", versionPath(v.dataset_id, v.version)}};
  if (v.status == status::kImported || v.status == status::kReview) {
    links["rows"] = datasetPath(v.dataset_id) + "/rows?version=" + std::to_string(v.version);
    links["rejects"] = versionPath(v.dataset_id, v.version) + "/rejects";
  }
  j["links"] = links;
  if (details) {
    j["report"] = v.report.is_null() ? json::object() : v.report;
    j["profile"] = v.profile.is_null() ? json::object() : v.profile;
  }
  return j;
}

json datasetViewJson(const DatasetView& view) {
  json j = datasetJson(view.dataset);
  json versions = json::array();
  for (const auto& v : view.versions) versions.push_back(versionJson(v, false));
  j["versions"] = versions;
  j["can_delete"] = view.can_delete;
  return j;
}

json uploadJson(const Upload& u) {
  return {{"id", u.id},
          {"organisation_id", u.organisation_id},
          {"dataset_id", optionalInt(u.dataset_id)},
          {"title", u.title},
          {"model", u.model},
          {"resource", u.resource},
          {"filename", u.filename},
          {"size_bytes", u.size_bytes},
          {"created_at", u.created_at},
          {"links", {{"mapping", "/api/v1/datasets/uploads/" + std::to_string(u.id) + "/mapping"},
                     {"import", "/api/v1/datasets/uploads/" + std::to_string(u.id) + "/import"}}}};
}

json mappingFieldJson(const MappingField& f) {
  json column = nullptr, constant = nullptr;
  if (f.source == "=") {
    constant = f.constant;
  } else if (!f.source.empty()) {
    column = f.source;
  }
  json j = {{"field", f.field},   {"title", f.title},   {"type", f.type},         {"required", f.required},
            {"source", f.source}, {"column", column},  {"constant", constant},   {"reason", f.reason},
            {"scale", f.scale},   {"codes", f.codes}};
  return j;
}

json mappingDraftJson(const MappingDraft& d) {
  json fields = json::array();
  for (const auto& f : d.fields) fields.push_back(mappingFieldJson(f));
  json saved = json::array();
  for (const auto& p : d.saved_profiles) saved.push_back(profileRecordJson(p));
  json matches = json::array();
  for (const auto& m : d.model_matches) {
    matches.push_back({{"model", m.model}, {"resource", m.resource}, {"score", m.score}, {"field_score", m.fieldScore},
                       {"label", m.label}, {"reason", m.reason}});
  }
  const MappingAggregation& a = d.aggregation;
  json aggregation = {{"enabled", a.enabled}, {"by", a.by}, {"prefix", a.prefix}, {"table", a.table},
                      {"level", a.level}, {"area_field", a.area_field},
                      {"level_field", a.level_field}, {"value_field", a.value_field}, {"method", a.method},
                      {"weight_column", a.weight_column}, {"method_by", a.method_by}, {"methods", a.methods}};
  json condition = nullptr;
  if (d.condition.enabled) {
    condition = {{"column", d.condition.column},
                 {d.condition.comparison == "gleich" ? "equals" : "not_equals", d.condition.value},
                 {"keep", d.condition.keep}};
  }
  json missing = json::array();
  for (const auto& part : strings::split(d.missing_values, ';')) {
    std::string marker = strings::trim(part);
    if (!marker.empty()) missing.push_back(marker);
  }
  json problems = json::array();
  for (const auto& p : d.problems) problems.push_back({{"field", p.field}, {"message", p.message}});
  return {{"upload", uploadJson(d.upload)},
          {"aggregation", aggregation},
          {"missing_values", missing},
          {"condition", condition},
          {"further_conditions", d.further_conditions},
          {"problems", problems},
          {"model_changeable", d.model_changeable},
          {"model_matches", matches},
          {"columns", d.columns},
          {"reshape_available", d.reshape_available},
          {"reshape", d.reshape},
          {"reshape_direction", d.reshape_direction},
          {"reshape_columns", d.reshape_columns},
          {"reshape_name_column", d.reshape_name_column},
          {"reshape_value_column", d.reshape_value_column},
          {"fields", fields},
          {"profile_name", d.profile_name},
          {"base_profile_id", optionalInt(d.base_profile_id)},
          {"saved_profiles", saved},
          {"notes", d.notes},
          {"profile", d.profile.is_null() ? json::object() : d.profile}};
}

json profileRecordJson(const ImportProfileRecord& p) {
  return {{"id", p.id},
          {"organisation_id", p.organisation_id},
          {"name", p.name},
          {"model", p.model},
          {"resource", p.resource},
          {"version", p.version},
          {"created_at", p.created_at},
          {"updated_at", p.updated_at},
          {"links", {{"self", "/api/v1/import-profiles/" + std::to_string(p.id)}}}};
}

json profileVersionJson(const ImportProfileVersion& v) {
  return {{"version", v.version},
          {"created_at", v.created_at},
          {"created_by", optionalInt(v.created_by)},
          {"document", v.document.is_null() ? json::object() : v.document}};
}

json rowPageJson(const RowPage& page) {
  json rows = json::array();
  for (const auto& row : page.rows) {
    json values = json::object();
    for (size_t i = 0; i < page.fields.size(); ++i) {
      if (row.record.is_array() && i < row.record.size()) {
        values[page.fields[i]] = row.record[i];
      } else if (i < row.cells.size()) {
        values[page.fields[i]] = row.cells[i].empty() ? json(nullptr) : json(row.cells[i]);
      } else {
        values[page.fields[i]] = nullptr;
      }
    }
    rows.push_back({{"row", row.row_number}, {"values", values}});
  }
  return {{"fields", page.fields}, {"rows", rows}, {"total", page.total}, {"offset", page.offset}, {"limit", page.limit}};
}

}  // namespace opgv::datasets
