#pragma once
#include <memory>

#include "app/context.h"
#include "http/router.h"

namespace opgv::models {
class ModelService;
}

namespace opgv::datasets {

class DatasetService;

// The dataset pages under /daten/datensaetze and /daten/importprofile, the API, and the import
// queue (a worker thread that lives as long as the routes; queued imports of an earlier run are
// picked up again).
void registerRoutes(http::Router& router, app::AppContext& ctx, std::shared_ptr<const models::ModelService> models);
void registerApiRoutes(http::Router& router, app::AppContext& ctx, std::shared_ptr<DatasetService> service);

}  // namespace opgv::datasets
