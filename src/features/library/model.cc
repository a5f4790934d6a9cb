#include "features/library/model.h"

#include <algorithm>
#include <set>

#include "features/organisations/model.h"
#include "view/markdown.h"

namespace opgv::library {
namespace {

void appendLine(std::string& out, const std::string& text) {
  if (text.empty()) return;
  if (!out.empty()) out += '\n';
  out += text;
}

std::string str(const nlohmann::json& j, const char* key) { return fieldText(j, key); }

}  // namespace

std::string fieldText(const nlohmann::json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return "";
  return it->is_string() ? it->get<std::string>() : it->dump();
}

const std::vector<Section>& sections() {
  static const std::vector<Section> list = {{"ausgangslage", "Ausgangslage"}, {"loesung", "Lösung"},
                                            {"nutzen", "Nutzen"},             {"wirkung", "Wirkung"},
                                            {"erfolgsfaktoren", "Erfolgsfaktoren"}, {"huerden", "Hürden"}};
  return list;
}

const char* stateKey(State s) {
  switch (s) {
    case State::kEntwurf: return "entwurf";
    case State::kInPruefung: return "in_pruefung";
    case State::kVeroeffentlicht: return "veroeffentlicht";
    case State::kArchiviert: return "archiviert";
  }
  return "entwurf";
}

std::optional<State> parseState(const std::string& key) {
  for (auto s : {State::kEntwurf, State::kInPruefung, State::kVeroeffentlicht, State::kArchiviert}) {
    if (key == stateKey(s)) return s;
  }
  return std::nullopt;
}

const char* stateLabel(State s) {
  switch (s) {
    case State::kEntwurf: return "Entwurf";
    case State::kInPruefung: return "In Prüfung";
    case State::kVeroeffentlicht: return "Veröffentlicht";
    case State::kArchiviert: return "Archiviert";
  }
  return "Entwurf";
}

const std::vector<FacetInfo>& facets() {
  static const std::vector<FacetInfo> list = {
      {"themenfeld", "Themenfeld"},       {"bundesland", "Bundesland"},  {"verwaltungstyp", "Verwaltungstyp"},
      {"groessenklasse", "Größenklasse"}, {"status", "Status"},          {"barriere", "Barrierenkreislauf"},
      {"datenmodell", "Datenmodell"},     {"zusammenarbeitsform", "Zusammenarbeitsform"}};
  return list;
}

std::string statusLabel(const std::string& key) {
  static const std::map<std::string, std::string> labels = {
      {"idee", "Idee"}, {"pilot", "Pilot"}, {"im_betrieb", "Im Betrieb"}, {"verstetigt", "Verstetigt"}, {"eingestellt", "Eingestellt"}};
  auto it = labels.find(key);
  return it == labels.end() ? key : it->second;
}

// GovLab's types of data collaboratives, in German.
std::string zusammenarbeitsformLabel(const std::string& key) {
  static const std::map<std::string, std::string> labels = {
      {"public_interface", "Öffentliche Schnittstelle"},
      {"trusted_intermediary", "Treuhänder (Trusted Intermediary)"},
      {"data_pooling", "Datenpool"},
      {"research_partnership", "Forschungspartnerschaft"},
      {"prizes_challenges", "Wettbewerb oder Challenge"},
      {"intelligence_generation", "Auswertung durch Partner (Intelligence Generation)"}};
  auto it = labels.find(key);
  return it == labels.end() ? key : it->second;
}

// The six Barrierenkreisläufe, named as in chapter 6 of the white paper.
std::string barriereLabel(const std::string& key) {
  static const std::map<std::string, std::string> labels = {
      {"fehlende_harmonisierung", "Fehlende übergeordnete Harmonisierung"},
      {"strategie_ohne_rueckhalt", "Strategie ohne Rückhalt"},
      {"fehlende_mehrwerte", "Fehlende operative Mehrwerte"},
      {"fehlende_innovatoren", "Fehlende Innovatoren und innovationsfeindliche Strukturen"},
      {"it_altlasten", "Blockade durch verfestigte IT-Altlasten"},
      {"innovation_ohne_erprobung", "Innovation ohne Erprobung"}};
  auto it = labels.find(key);
  return it == labels.end() ? key : it->second;
}

std::string phaseLabel(const std::string& key) {
  if (key == "ueberzeugen") return "Überzeugen";
  if (key == "umsetzen") return "Umsetzen";
  if (key == "integrieren") return "Integrieren";
  return key;
}

std::string facetValueLabel(const std::string& facet, const std::string& value) {
  if (facet == "verwaltungstyp") return organisations::verwaltungstypLabel(value);
  if (facet == "groessenklasse") return organisations::groessenklasseLabel(value);
  if (facet == "status") return statusLabel(value);
  if (facet == "barriere") return barriereLabel(value);
  if (facet == "zusammenarbeitsform") return zusammenarbeitsformLabel(value);
  return value;
}

std::map<std::string, std::vector<std::string>> deriveFacets(const nlohmann::json& doc) {
  std::map<std::string, std::set<std::string>> sets;
  auto add = [&](const char* facet, const std::string& value) {
    if (!value.empty()) sets[facet].insert(value);
  };
  if (auto it = doc.find("themenfeld"); it != doc.end() && it->is_array()) {
    for (const auto& t : *it) {
      if (t.is_string()) add("themenfeld", t.get<std::string>());
    }
  }
  add("status", str(doc, "status"));
  add("zusammenarbeitsform", str(doc, "zusammenarbeitsform"));
  if (auto it = doc.find("kommunen"); it != doc.end() && it->is_array()) {
    for (const auto& k : *it) {
      add("bundesland", str(k, "bundesland"));
      add("verwaltungstyp", str(k, "verwaltungstyp"));
      if (k.contains("einwohner") && k["einwohner"].is_number()) {
        add("groessenklasse", organisations::groessenklasse(k["einwohner"].get<int64_t>()));
      }
    }
  }
  if (auto it = doc.find("huerden"); it != doc.end() && it->is_array()) {
    for (const auto& h : *it) {
      if (!h.contains("barrieren") || !h["barrieren"].is_array()) continue;
      for (const auto& b : h["barrieren"]) {
        if (b.is_string()) add("barriere", b.get<std::string>());
      }
    }
  }
  if (auto it = doc.find("datenmodelle"); it != doc.end() && it->is_array()) {
    for (const auto& d : *it) {
      if (d.is_string()) add("datenmodell", d.get<std::string>());
    }
  }
  if (auto it = doc.find("nachnutzungen"); it != doc.end() && it->is_array()) {
    for (const auto& n : *it) {
      auto typ = str(n, "verwaltungstyp");
      if (typ.empty() || !n.contains("einwohner") || !n["einwohner"].is_number()) continue;
      add("nachnutzer", typ + ":" + organisations::groessenklasse(n["einwohner"].get<int64_t>()));
    }
  }
  std::map<std::string, std::vector<std::string>> out;
  for (auto& [facet, values] : sets) out[facet] = std::vector<std::string>(values.begin(), values.end());
  return out;
}

SearchText searchText(const nlohmann::json& doc) {
  SearchText text;
  text.title = str(doc, "title");
  text.summary = str(doc, "summary");
  if (auto it = doc.find("schlagworte"); it != doc.end() && it->is_array()) {
    for (const auto& w : *it) {
      if (w.is_string()) appendLine(text.summary, w.get<std::string>());
    }
  }
  if (auto it = doc.find("sections"); it != doc.end() && it->is_object()) {
    for (const auto& s : sections()) {
      if (it->contains(s.key) && (*it)[s.key].is_string()) {
        appendLine(text.body, view::markdownToPlainText((*it)[s.key].get<std::string>()));
      }
    }
  }
  auto listField = [&](const char* key, const char* sub) {
    auto it = doc.find(key);
    if (it == doc.end() || !it->is_array()) return;
    for (const auto& item : *it) {
      if (item.is_string()) appendLine(text.body, item.get<std::string>());
      else if (sub && item.is_object()) appendLine(text.body, str(item, sub));
    }
  };
  listField("kommunen", "name");
  listField("wirkung", "kennzahl");
  listField("datensaetze", "bezeichnung");
  listField("fachverfahren", nullptr);
  listField("govtech_partner", nullptr);
  listField("projektweg", "text");
  return text;
}

std::vector<std::string> fitReasons(const FitProfile& profile, const std::map<std::string, std::vector<std::string>>& facets) {
  auto has = [&](const char* facet, const std::string& value) {
    auto it = facets.find(facet);
    return !value.empty() && it != facets.end() && std::find(it->second.begin(), it->second.end(), value) != it->second.end();
  };
  std::vector<std::string> reasons;
  if (has("groessenklasse", profile.groessenklasse)) {
    reasons.push_back("gleiche Größenklasse (" + organisations::groessenklasseLabel(profile.groessenklasse) + ")");
  }
  if (has("verwaltungstyp", profile.verwaltungstyp)) {
    reasons.push_back("gleicher Verwaltungstyp (" + organisations::verwaltungstypLabel(profile.verwaltungstyp) + ")");
  }
  if (has("bundesland", profile.bundesland)) reasons.push_back("gleiches Bundesland (" + profile.bundesland + ")");
  if (has("nachnutzer", profile.verwaltungstyp + ":" + profile.groessenklasse)) {
    reasons.push_back("von einer ähnlichen Kommune nachgenutzt");
  }
  return reasons;
}

}  // namespace opgv::library
