#pragma once
#include "app/context.h"
#include "http/router.h"

namespace opgv::organisations {

void registerRoutes(http::Router& router, app::AppContext& ctx);

}  // namespace opgv::organisations
