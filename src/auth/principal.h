#pragma once
#include <cstdint>
#include <optional>
#include <string>

namespace opgv::auth {

// Platform roles, ordered: a higher role includes the rights of the lower ones.
enum class PlatformRole { kGast = 0, kMitglied = 1, kRedaktion = 2, kAdmin = 3 };

const char* roleKey(PlatformRole role);    // "mitglied", "redaktion", "admin"; "gast"
const char* roleLabel(PlatformRole role);  // German label
std::optional<PlatformRole> parseRole(std::string_view key);

// Who is asking. Built once per request by the session middleware.
struct Principal {
  std::optional<int64_t> user_id;
  std::string email;
  std::string display_name;
  PlatformRole role = PlatformRole::kGast;
  std::string session_hash;  // empty for guests and API tokens
  bool via_api_token = false;

  bool loggedIn() const { return user_id.has_value(); }
  bool atLeast(PlatformRole r) const { return static_cast<int>(role) >= static_cast<int>(r); }
};

}  // namespace opgv::auth
