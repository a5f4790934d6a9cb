#pragma once
#include "app/context.h"
#include "http/router.h"

namespace opgv::library {

void registerRoutes(http::Router& router, app::AppContext& ctx);

}  // namespace opgv::library
