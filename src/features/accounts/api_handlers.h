#pragma once
#include <memory>

#include "app/context.h"
#include "features/accounts/service.h"
#include "http/router.h"

namespace opgv::accounts {

void registerApiRoutes(http::Router& router, app::AppContext& ctx, std::shared_ptr<AccountService> service);

}  // namespace opgv::accounts
