#include "auth/principal.h"

namespace opgv::auth {

const char* roleKey(PlatformRole role) {
  switch (role) {
    case PlatformRole::kGast: return "gast";
    case PlatformRole::kMitglied: return "mitglied";
    case PlatformRole::kRedaktion: return "redaktion";
    case PlatformRole::kAdmin: return "admin";
  }
  return "gast";
}

const char* roleLabel(PlatformRole role) {
  switch (role) {
    case PlatformRole::kGast: return "Gast";
    case PlatformRole::kMitglied: return "Mitglied";
    case PlatformRole::kRedaktion: return "Redaktion";
    case PlatformRole::kAdmin: return "Plattform-Admin";
  }
  return "Gast";
}

std::optional<PlatformRole> parseRole(std::string_view key) {
  if (key == "mitglied") return PlatformRole::kMitglied;
  if (key == "redaktion") return PlatformRole::kRedaktion;
  if (key == "admin" || key == "plattform-admin") return PlatformRole::kAdmin;
  return std::nullopt;
}

}  // namespace opgv::auth
