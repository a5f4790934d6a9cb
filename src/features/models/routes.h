#pragma once
#include <memory>

#include "app/context.h"
#include "http/router.h"

namespace opgv::models {

class ModelService;

// Reads models/ from the resources once and registers the catalogue pages and the API. The
// service is shared with the datasets.
std::shared_ptr<const ModelService> registerRoutes(http::Router& router, app::AppContext& ctx);
void registerApiRoutes(http::Router& router, std::shared_ptr<const ModelService> service);

}  // namespace opgv::models
