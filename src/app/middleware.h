#pragma once
#include <vector>

#include "app/context.h"
#include "http/handler.h"

namespace opgv::app {

// Outermost first: request id + access log + metrics, exception barrier, security headers,
// trusted-proxy handling, session resolution.
std::vector<http::Middleware> standardMiddleware(AppContext& ctx);

}  // namespace opgv::app
