#pragma once
#include "app/context.h"
#include "http/router.h"

namespace opgv::pages {

// Start page, legal and accessibility pages, the feedback form, theme choice and the main
// navigation areas that later features fill.
void registerRoutes(http::Router& router, app::AppContext& ctx);

}  // namespace opgv::pages
