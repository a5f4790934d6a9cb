#pragma once
#include <cstdint>
#include <optional>
#include <string>

namespace opgv::organisations {

struct Kommune {
  std::string ags;
  std::string name;
  std::string verwaltungstyp;  // kreisfreie_stadt | kreisangehoerige_stadt | gemeinde | landkreis
  std::string bundesland;
  std::string kreis_ags;
  std::optional<int64_t> einwohner;
  std::string plz;
  std::string stand;
};

// Größenklassen as in the white paper: < 20.000, 20.000–100.000, > 100.000 Einwohner.
std::string groessenklasse(std::optional<int64_t> einwohner);
std::string groessenklasseLabel(const std::string& key);
std::string verwaltungstypLabel(const std::string& key);

struct Organisation {
  int64_t id = 0;
  std::string type;  // kommune | govtech | sonstige
  std::string name;
  std::string slug;
  std::optional<std::string> ags;
  std::string website;
  std::string description;
  std::string contact;
  std::string sonstige_art;  // landesbehoerde | forschung | verband
  std::string status;        // pending | active
  bool is_example = false;
  int64_t created_at = 0;
};

std::string organisationTypeLabel(const std::string& type);
std::string sonstigeArtLabel(const std::string& art);

struct Membership {
  int64_t id = 0;
  int64_t organisation_id = 0;
  int64_t user_id = 0;
  std::string user_name;
  std::string user_email;
  std::string role;    // mitglied | org_admin
  std::string status;  // pending | active
  int64_t created_at = 0;
};

}  // namespace opgv::organisations
