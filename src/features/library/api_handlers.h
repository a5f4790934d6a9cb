#pragma once
#include <memory>

#include "app/context.h"
#include "features/library/service.h"
#include "http/router.h"

namespace opgv::library {

void registerApiRoutes(http::Router& router, app::AppContext& ctx, std::shared_ptr<UseCaseService> service);

}  // namespace opgv::library
