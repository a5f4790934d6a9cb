#pragma once
#include <memory>

#include "app/context.h"
#include "features/organisations/service.h"
#include "http/router.h"

namespace opgv::organisations {

void registerApiRoutes(http::Router& router, app::AppContext& ctx, std::shared_ptr<OrganisationService> service);

}  // namespace opgv::organisations
