#pragma once
#include <memory>

#include "app/context.h"
#include "http/router.h"

namespace opgv::bausteine {

class BausteinService;

void registerRoutes(http::Router& router, app::AppContext& ctx);
void registerApiRoutes(http::Router& router, app::AppContext& ctx, std::shared_ptr<BausteinService> service);
// The print-friendly HTML (and, for Präsentationsvorlagen, the slide deck): a whole standalone
// document, also offered as the "html" download by the API.
std::string printHtml(const app::AppContext& ctx, const nlohmann::json& filledDocument, int64_t version);

}  // namespace opgv::bausteine
