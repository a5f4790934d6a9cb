#pragma once
// JSON of the Bausteine API and the parsing of catalogue and placeholder parameters, shared by
// the web and API handlers.
#include <string_view>

#include <nlohmann/json.hpp>

#include "common/result.h"
#include "features/bausteine/service.h"
#include "http/form.h"
#include "http/response.h"

namespace opgv::bausteine {

Result<CatalogueParams> catalogueParamsFromQuery(std::string_view rawQuery);
// Placeholder values from a form or query: fields named `werte[key]` (deepObject style).
Values valuesFromForm(const http::FormData& form);
// The same values from a JSON object {"key": "value", …}; non-string values are refused.
Result<Values> valuesFromJson(const nlohmann::json& object);

nlohmann::json bausteinSummaryJson(const Baustein& b);
nlohmann::json catalogueJson(const Catalogue& c);
nlohmann::json detailJson(const DetailView& v);
nlohmann::json versionJson(const Version& v);

// A produced file as an attachment; never cached, as it may carry the user's values.
http::Response fileResponse(const Download& download);

}  // namespace opgv::bausteine
