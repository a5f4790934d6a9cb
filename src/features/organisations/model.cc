#include "features/organisations/model.h"

namespace opgv::organisations {

std::string groessenklasse(std::optional<int64_t> einwohner) {
  if (!einwohner) return "unbekannt";
  if (*einwohner < 20000) return "klein";
  if (*einwohner <= 100000) return "mittel";
  return "gross";
}

std::string groessenklasseLabel(const std::string& key) {
  if (key == "klein") return "unter 20.000 Einwohner";
  if (key == "mittel") return "20.000 bis 100.000 Einwohner";
  if (key == "gross") return "über 100.000 Einwohner";
  return "unbekannt";
}

std::string verwaltungstypLabel(const std::string& key) {
  if (key == "kreisfreie_stadt") return "Kreisfreie Stadt";
  if (key == "kreisangehoerige_stadt") return "Kreisangehörige Stadt";
  if (key == "gemeinde") return "Gemeinde ohne Stadtstatus";
  if (key == "landkreis") return "Landkreis";
  return key;
}

std::string organisationTypeLabel(const std::string& type) {
  if (type == "kommune") return "Kommune";
  if (type == "govtech") return "GovTech-Unternehmen";
  return "Sonstige";
}

std::string sonstigeArtLabel(const std::string& art) {
  if (art == "landesbehoerde") return "Landesbehörde";
  if (art == "forschung") return "Forschung";
  if (art == "verband") return "Verband";
  return "";
}

}  // namespace opgv::organisations
