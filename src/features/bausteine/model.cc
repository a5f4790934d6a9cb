#include "features/bausteine/model.h"

#include <algorithm>
#include <set>

#include "features/library/model.h"
#include "view/markdown.h"

namespace opgv::bausteine {

std::string str(const nlohmann::json& object, const char* key) { return library::fieldText(object, key); }

std::vector<std::string> strings(const nlohmann::json& object, const char* key) {
  std::vector<std::string> out;
  auto it = object.find(key);
  if (it == object.end() || !it->is_array()) return out;
  for (const auto& v : *it) {
    if (v.is_string()) out.push_back(v.get<std::string>());
  }
  return out;
}

const std::vector<Term>& types() {
  static const std::vector<Term> list = {{"vorlage", "Vorlage"},
                                         {"checkliste", "Checkliste"},
                                         {"playbook", "Governance-Playbook"},
                                         {"methodenkarte", "Methodenkarte"},
                                         {"tutorial", "Tutorial"},
                                         {"rechtshilfe", "Rechtliches Hilfsmittel"},
                                         {"kommunikation", "Kommunikationsvorlage"},
                                         {"praesentation", "Präsentationsvorlage"}};
  return list;
}

const std::vector<Term>& phases() {
  static const std::vector<Term> list = {{"ueberzeugen", "Überzeugen"}, {"umsetzen", "Umsetzen"}, {"integrieren", "Integrieren"}};
  return list;
}

const std::vector<Term>& roles() {
  static const std::vector<Term> list = {{"daten_champion", "Daten-Champion"}, {"verwaltungsspitze", "Verwaltungsspitze"},
                                         {"fachamt", "Fachamt"},               {"it", "IT"},
                                         {"datenschutz", "Datenschutz"},       {"personalrat", "Personalrat"},
                                         {"govtech", "GovTech"}};
  return list;
}

const std::vector<Term>& wirkungsfelder() {
  static const std::vector<Term> list = {{"ueberzeugungskraft", "Überzeugungskraft"},
                                         {"umsetzungsfaehigkeit", "Umsetzungsfähigkeit"},
                                         {"handlungssicherheit", "Handlungssicherheit"},
                                         {"kompetenzen", "Kompetenzen"}};
  return list;
}

const std::vector<Term>& barrieren() {
  static const std::vector<Term> list = [] {
    std::vector<Term> out;
    for (const char* key : {"fehlende_harmonisierung", "strategie_ohne_rueckhalt", "fehlende_mehrwerte",
                            "fehlende_innovatoren", "it_altlasten", "innovation_ohne_erprobung"}) {
      out.push_back({key, library::barriereLabel(key)});
    }
    return out;
  }();
  return list;
}

const std::vector<Term>& timeBuckets() {
  static const std::vector<Term> list = {{"bis_30", "bis 30 Minuten"},
                                         {"bis_120", "bis 2 Stunden"},
                                         {"bis_480", "bis 1 Arbeitstag"},
                                         {"mehr", "mehr als 1 Arbeitstag"}};
  return list;
}

std::string labelOf(const std::vector<Term>& terms, const std::string& key) {
  for (const auto& t : terms) {
    if (t.key == key) return t.label;
  }
  return key;
}

bool isTerm(const std::vector<Term>& terms, const std::string& key) {
  return std::any_of(terms.begin(), terms.end(), [&](const Term& t) { return t.key == key; });
}

std::string timeBucket(int64_t minutes) {
  if (minutes <= 30) return "bis_30";
  if (minutes <= 120) return "bis_120";
  if (minutes <= 480) return "bis_480";
  return "mehr";
}

std::string durationLabel(int64_t minutes) {
  if (minutes < 60) return std::to_string(minutes) + " Minuten";
  auto unit = [](int64_t n, const char* one, const char* many) { return std::to_string(n) + " " + (n == 1 ? one : many); };
  int64_t days = minutes / 480, hours = (minutes % 480) / 60, rest = minutes % 60;
  std::string out;
  if (days) out = unit(days, "Arbeitstag", "Arbeitstage");
  if (hours) out += (out.empty() ? "" : " und ") + unit(hours, "Stunde", "Stunden");
  if (rest) out += (out.empty() ? "" : " und ") + unit(rest, "Minute", "Minuten");
  return out;
}

const std::vector<FacetDef>& facetDefs() {
  static const std::vector<FacetDef> list = {{"typ", "Art", &types},
                                             {"phase", "Phase", &phases},
                                             {"rolle", "Rolle", &roles},
                                             {"wirkungsfeld", "Wirkungsfeld", &wirkungsfelder},
                                             {"barriere", "Barrierenkreislauf", &barrieren},
                                             {"zeit", "Zeitbedarf", &timeBuckets}};
  return list;
}

std::map<std::string, std::vector<std::string>> facetValues(const nlohmann::json& document) {
  std::map<std::string, std::vector<std::string>> out;
  out["typ"] = {str(document, "typ")};
  out["phase"] = strings(document, "phasen");
  out["rolle"] = strings(document, "rollen");
  out["wirkungsfeld"] = strings(document, "wirkungsfelder");
  out["barriere"] = strings(document, "barrieren");
  if (auto minutes = document.find("zeitbedarf_minuten"); minutes != document.end() && minutes->is_number_integer()) {
    out["zeit"] = {timeBucket(minutes->get<int64_t>())};
  }
  return out;
}

bool hasPlaceholders(const std::string& typ) {
  return typ == "vorlage" || typ == "kommunikation" || typ == "praesentation" || typ == "checkliste";
}
bool isPresentation(const std::string& typ) { return typ == "praesentation"; }
bool isLegalAid(const std::string& typ) { return typ == "rechtshilfe"; }

std::vector<Placeholder> placeholders(const nlohmann::json& document) {
  std::vector<Placeholder> out;
  auto it = document.find("platzhalter");
  if (it == document.end() || !it->is_array()) return out;
  for (const auto& p : *it) {
    if (!p.is_object() || str(p, "key").empty()) continue;
    out.push_back({str(p, "key"), str(p, "label"), str(p, "quelle"), str(p, "beispiel")});
  }
  return out;
}

namespace {

bool isKeyChar(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }

// Calls `visit` for every string of the document a reader sees (not the metadata lists).
template <class F>
void forEachText(const nlohmann::json& document, F&& visit) {
  for (const char* key : {"title", "zweck", "body"}) {
    if (document.contains(key) && document[key].is_string()) visit(document[key].get<std::string>());
  }
  auto visitAll = [&](const nlohmann::json& node, auto&& self) -> void {
    if (node.is_string()) visit(node.get<std::string>());
    else if (node.is_array() || node.is_object()) {
      for (const auto& child : node) self(child, self);
    }
  };
  for (const char* key : {"folien", "punkte", "playbook", "methodenkarte", "lernziele"}) {
    if (document.contains(key)) visitAll(document[key], visitAll);
  }
}

// Applies `change` to the same strings forEachText visits.
template <class F>
void transformTexts(nlohmann::json& document, F&& change) {
  for (const char* key : {"title", "zweck", "body"}) {
    if (document.contains(key) && document[key].is_string()) document[key] = change(document[key].get<std::string>());
  }
  auto transformAll = [&](nlohmann::json& node, auto&& self) -> void {
    if (node.is_string()) node = change(node.get<std::string>());
    else if (node.is_array() || node.is_object()) {
      for (auto& child : node) self(child, self);
    }
  };
  for (const char* key : {"folien", "punkte", "playbook", "methodenkarte", "lernziele"}) {
    if (document.contains(key)) transformAll(document[key], transformAll);
  }
}

}  // namespace

std::vector<std::string> placeholderKeysUsed(const nlohmann::json& document) {
  std::set<std::string> keys;
  forEachText(document, [&](const std::string& text) {
    size_t pos = 0;
    while ((pos = text.find("{{", pos)) != std::string::npos) {
      auto end = text.find("}}", pos + 2);
      if (end == std::string::npos) break;
      auto key = text.substr(pos + 2, end - pos - 2);
      if (!key.empty() && std::all_of(key.begin(), key.end(), isKeyChar)) keys.insert(key);
      pos = end + 2;
    }
  });
  return {keys.begin(), keys.end()};
}

std::string fill(std::string_view text, const Values& values, const std::vector<Placeholder>& declared) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    auto open = text.find("{{", pos);
    if (open == std::string_view::npos) break;
    auto close = text.find("}}", open + 2);
    if (close == std::string_view::npos) break;
    std::string key(text.substr(open + 2, close - open - 2));
    out.append(text.substr(pos, open - pos));
    if (key.empty() || !std::all_of(key.begin(), key.end(), isKeyChar)) {
      out.append(text.substr(open, close + 2 - open));
    } else if (auto it = values.find(key); it != values.end() && !it->second.empty()) {
      out += it->second;
    } else {
      auto found = std::find_if(declared.begin(), declared.end(), [&](const Placeholder& p) { return p.key == key; });
      out += "[" + (found == declared.end() || found->label.empty() ? key : found->label) + "]";
    }
    pos = close + 2;
  }
  out.append(text.substr(pos));
  return out;
}

nlohmann::json filledDocument(const nlohmann::json& document, const Values& values) {
  auto declared = placeholders(document);
  auto copy = document;
  transformTexts(copy, [&](const std::string& text) { return fill(text, values, declared); });
  return copy;
}

SearchText searchText(const nlohmann::json& document) {
  SearchText out;
  out.title = str(document, "title");
  out.zweck = str(document, "zweck");
  std::string extra;
  forEachText(document, [&](const std::string& text) {
    if (text == out.title || text == out.zweck) return;  // indexed with their own weight
    extra += text;
    extra += "\n\n";
  });
  for (const auto& word : strings(document, "schlagworte")) out.zweck += " " + word;
  out.body = view::markdownToPlainText(extra);
  return out;
}

}  // namespace opgv::bausteine
