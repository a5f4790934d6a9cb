#pragma once
// Authorisation lives in services: every service entry point that needs a right calls one of
// these and returns their error. Templates only decide what to show, never what is allowed.
#include "auth/principal.h"
#include "common/result.h"

namespace opgv::auth {

Status requireLogin(const Principal& who);
Status requireRole(const Principal& who, PlatformRole minimum);

}  // namespace opgv::auth
