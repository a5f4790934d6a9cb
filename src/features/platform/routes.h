#pragma once
#include "app/context.h"
#include "http/router.h"

namespace opgv::platform {

// Operations and delivery: /healthz, /readyz, /metrics, /static/…, the OpenAPI document and
// the API docs page.
void registerRoutes(http::Router& router, app::AppContext& ctx);

}  // namespace opgv::platform
