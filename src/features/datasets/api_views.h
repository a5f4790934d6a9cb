#pragma once
// JSON of datasets, versions, uploads, mapping drafts, import profiles and row pages for the API
// (snake_case keys; times in Unix seconds). Schemas: api/openapi.json (Dataset*, ImportProfile*).
#include <nlohmann/json.hpp>

#include "features/datasets/model.h"
#include "features/datasets/service.h"

namespace opgv::datasets {

// "/api/v1/datasets/7", "/api/v1/datasets/7/versions/2"
std::string datasetPath(int64_t id);
std::string versionPath(int64_t id, int64_t version);

nlohmann::json datasetJson(const Dataset& dataset);
// `details`: with the report and the import profile the version ran with (a single version);
// without them in lists.
nlohmann::json versionJson(const DatasetVersion& version, bool details);
nlohmann::json datasetViewJson(const DatasetView& view);
nlohmann::json uploadJson(const Upload& upload);
nlohmann::json mappingFieldJson(const MappingField& field);
nlohmann::json mappingDraftJson(const MappingDraft& draft);
nlohmann::json profileRecordJson(const ImportProfileRecord& record);
nlohmann::json profileVersionJson(const ImportProfileVersion& version);
// Rows with their values typed per field (numbers as numbers, missing values as null).
nlohmann::json rowPageJson(const RowPage& page);

}  // namespace opgv::datasets
