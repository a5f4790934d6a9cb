#include "features/organisations/views.h"

namespace opgv::organisations {

nlohmann::json kommuneJson(const Kommune& k) {
  auto klasse = groessenklasse(k.einwohner);
  return {{"ags", k.ags},
          {"name", k.name},
          {"verwaltungstyp", k.verwaltungstyp},
          {"verwaltungstyp_label", verwaltungstypLabel(k.verwaltungstyp)},
          {"bundesland", k.bundesland},
          {"kreis_ags", k.kreis_ags.empty() ? nlohmann::json(nullptr) : nlohmann::json(k.kreis_ags)},
          {"einwohner", k.einwohner ? nlohmann::json(*k.einwohner) : nlohmann::json(nullptr)},
          {"groessenklasse", klasse},
          {"groessenklasse_label", groessenklasseLabel(klasse)},
          {"plz", k.plz.empty() ? nlohmann::json(nullptr) : nlohmann::json(k.plz)},
          {"stand", k.stand}};
}

nlohmann::json organisationJson(const Organisation& o) {
  nlohmann::json j = {{"id", o.id}, {"type", o.type}, {"name", o.name}, {"slug", o.slug}, {"status", o.status},
                      {"is_example", o.is_example}, {"created_at", o.created_at}};
  j["ags"] = o.ags ? nlohmann::json(*o.ags) : nlohmann::json(nullptr);
  if (o.type == "govtech") {
    j["website"] = o.website;
    j["description"] = o.description;
    j["contact"] = o.contact;
  }
  if (o.type == "sonstige") {
    j["sonstige_art"] = o.sonstige_art;
    j["description"] = o.description;
  }
  return j;
}

nlohmann::json membershipJson(const Membership& m) {
  nlohmann::json j = {{"user_id", m.user_id}, {"display_name", m.user_name}, {"role", m.role}, {"status", m.status},
                      {"created_at", m.created_at}};
  if (!m.user_email.empty()) j["email"] = m.user_email;
  return j;
}

static std::string formatNumber(int64_t n) {
  auto s = std::to_string(n);
  std::string out;
  int count = 0;
  for (auto it = s.rbegin(); it != s.rend(); ++it) {
    if (count && count % 3 == 0) out.insert(out.begin(), '.');
    out.insert(out.begin(), *it);
    ++count;
  }
  return out;
}

nlohmann::json kommuneModel(const Kommune& k) {
  return {{"K_AGS", k.ags},
          {"K_NAME", k.name},
          {"K_TYP", verwaltungstypLabel(k.verwaltungstyp)},
          {"K_LAND", k.bundesland},
          {"K_EINWOHNER", k.einwohner ? formatNumber(*k.einwohner) : "unbekannt"},
          {"K_KLASSE", groessenklasseLabel(groessenklasse(k.einwohner))},
          {"K_PLZ", k.plz.empty() ? "–" : k.plz},
          {"K_STAND", k.stand}};
}

nlohmann::json organisationModel(const Organisation& o) {
  nlohmann::json m = {{"O_ID", std::to_string(o.id)}, {"O_NAME", o.name}, {"O_TYPE", organisationTypeLabel(o.type)}};
  if (!o.website.empty()) m["O_WEBSITE"] = {{"O_WEBSITE_URL", o.website}};
  if (!o.description.empty()) m["O_DESCRIPTION"] = {{"O_DESCRIPTION_TEXT", o.description}};
  if (!o.contact.empty()) m["O_CONTACT"] = {{"O_CONTACT_TEXT", o.contact}};
  if (!o.sonstige_art.empty()) m["O_ART"] = {{"O_ART_LABEL", sonstigeArtLabel(o.sonstige_art)}};
  if (o.is_example) m["O_EXAMPLE"] = true;
  if (o.status == "pending") m["O_PENDING"] = true;
  return m;
}

}  // namespace opgv::organisations
