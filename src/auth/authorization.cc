#include "auth/authorization.h"

namespace opgv::auth {

Status requireLogin(const Principal& who) {
  if (!who.loggedIn()) return fail(ErrorCode::kUnauthenticated, "Bitte melden Sie sich an.");
  return {};
}

Status requireRole(const Principal& who, PlatformRole minimum) {
  if (auto s = requireLogin(who); !s) return s;
  if (!who.atLeast(minimum)) {
    return fail(ErrorCode::kForbidden, std::string("Dafür ist die Rolle „") + roleLabel(minimum) +
                                           "“ nötig.");
  }
  return {};
}

}  // namespace opgv::auth
