#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "auth/principal.h"

namespace opgv::accounts {

struct User {
  int64_t id = 0;
  std::string email;
  std::string display_name;
  std::string password_hash;
  auth::PlatformRole role = auth::PlatformRole::kMitglied;
  std::string status;  // pending | active
  int64_t created_at = 0;
  std::optional<int64_t> confirmed_at;
};

struct ApiToken {
  int64_t id = 0;
  std::string name;
  std::string prefix;  // first characters, so users can tell tokens apart
  int64_t created_at = 0;
  std::optional<int64_t> last_used_at;
};

struct Mail {
  int64_t id = 0;
  std::string recipient;
  std::string subject;
  std::string body;
  int64_t created_at = 0;
  std::string delivery;
};

}  // namespace opgv::accounts
