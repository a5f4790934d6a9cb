#pragma once
// JSON shapes of the use-case API, and the parsing of search parameters shared by the list page
// and GET /api/v1/use-cases, so that a shared URL means the same on both.
#include <string_view>

#include <nlohmann/json.hpp>

#include "common/result.h"
#include "features/library/model.h"
#include "features/library/service.h"

namespace opgv::library {

// q, sort, page, per_page, passt=1 and any facet key (repeatable).
Result<SearchParams> searchParamsFromQuery(std::string_view rawQuery);
// The query string for the same search with `change` applied (used for facet and page links).
std::string searchQueryString(const SearchParams& params);

nlohmann::json listItemJson(const ListItem& item);
nlohmann::json searchResultJson(const SearchResult& result);
nlohmann::json useCaseSummaryJson(const UseCase& u);  // working-copy view for "meine" and the review queue
nlohmann::json useCaseDetailJson(const UseCaseView& view);
nlohmann::json versionJson(const Version& v, bool withDocument);
nlohmann::json diffJson(const VersionDiff& diff);

}  // namespace opgv::library
