#pragma once
// JSON of the models for the API, and the shared pieces of the pages.
#include <nlohmann/json.hpp>

#include "features/models/service.h"
#include "http/response.h"

namespace opgv::models {

nlohmann::json summaryJson(const DataModel& model);
nlohmann::json detailJson(const DataModel& model);
nlohmann::json fieldJson(const validation::Field& field);
http::Response fileResponse(const Download& download);
// The values of templates/models/report.tpl for a report as reportToJson writes it: `model` is the
// model named in the verdict, `level` the heading level of its subsections, `context` is added to
// their headings (e.g. " in der Quelldatei") when a page shows two reports.
nlohmann::json reportInclude(const nlohmann::json& report, const std::string& model, int level,
                             const std::string& context = "");
// "12 kB", "1,4 MB" for link texts (BITV: type and size of a download).
std::string sizeLabel(size_t bytes);

}  // namespace opgv::models
