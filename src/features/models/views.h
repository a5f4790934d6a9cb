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
// "12 kB", "1,4 MB" for link texts (BITV: type and size of a download).
std::string sizeLabel(size_t bytes);

}  // namespace opgv::models
