#include "features/bausteine/content_loader.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "common/front_matter.h"
#include "common/strings.h"
#include "features/bausteine/model.h"

namespace opgv::bausteine {
namespace {

bool isSlug(const std::string& s) {
  static const std::regex pattern("^[a-z0-9]+(-[a-z0-9]+)*$");
  return s.size() <= 80 && std::regex_match(s, pattern);
}

}  // namespace

Result<BausteinFile> parseBausteinFile(const std::string& name, const std::string& text) {
  if (!strings::isValidUtf8(text)) return fail(ErrorCode::kInvalidInput, name + ": Die Datei ist nicht in UTF-8 kodiert.");
  auto parsed = parseFrontMatter(name, text);
  if (!parsed) return std::unexpected(parsed.error());
  BausteinFile file{name, std::move(parsed->meta), text};
  file.document["body"] = parsed->body;
  return file;
}

std::vector<std::string> validateBaustein(const BausteinFile& file, const std::set<std::string>& useCaseSlugs) {
  std::vector<std::string> problems;
  const auto& d = file.document;
  const auto& name = file.name;
  auto need = [&](const char* key) {
    if (!d.contains(key) || d[key].is_null() || (d[key].is_string() && strings::trim(d[key].get<std::string>()).empty())) {
      problems.push_back(name + ": Feld „" + key + "“ fehlt.");
      return false;
    }
    return true;
  };
  for (auto* key : {"slug", "title", "typ", "zweck", "licence", "last_reviewed", "zeitbedarf_minuten"}) need(key);
  if (!problems.empty()) return problems;

  for (auto* key : {"slug", "title", "typ", "zweck", "licence", "last_reviewed"}) {
    if (!d[key].is_string()) problems.push_back(name + ": „" + key + "“ muss Text sein.");
  }
  for (auto* key : {"voraussetzungen", "use_cases", "schlagworte", "quellen", "lernziele"}) {
    if (!d.contains(key)) continue;
    bool ok = d[key].is_array() && std::all_of(d[key].begin(), d[key].end(), [](const nlohmann::json& v) { return v.is_string(); });
    if (!ok) problems.push_back(name + ": „" + key + "“ muss eine Liste von Texten sein.");
  }
  if (d.contains("platzhalter")) {
    static const std::set<std::string> kSources = {"",           "organisation.name", "organisation.ags", "organisation.website",
                                                   "user.name", "user.email",        "heute"};
    if (!d["platzhalter"].is_array()) problems.push_back(name + ": „platzhalter“ muss eine Liste sein.");
    else {
      for (const auto& p : d["platzhalter"]) {
        bool ok = p.is_object() && std::all_of(p.begin(), p.end(), [](const nlohmann::json& v) { return v.is_string(); });
        if (!ok) {
          problems.push_back(name + ": Jeder Platzhalter braucht Text in „key“, „label“, „quelle“ und „beispiel“.");
        } else if (!kSources.count(str(p, "quelle"))) {
          problems.push_back(name + ": unbekannte Quelle „" + str(p, "quelle") + "“ für Platzhalter „" + str(p, "key") + "“.");
        }
      }
    }
  }
  if (!problems.empty()) return problems;
  auto slug = str(d, "slug");
  if (!isSlug(slug)) problems.push_back(name + ": Der Slug „" + slug + "“ darf nur a–z, 0–9 und Bindestriche enthalten.");
  if (name.ends_with(".md") && name != slug + ".md") {
    problems.push_back(name + ": Der Dateiname muss „" + slug + ".md“ lauten.");
  }
  auto typ = str(d, "typ");
  if (!isTerm(types(), typ)) problems.push_back(name + ": unbekannte Art „" + typ + "“.");
  if (!d["zeitbedarf_minuten"].is_number_integer() || d["zeitbedarf_minuten"].get<int64_t>() <= 0) {
    problems.push_back(name + ": „zeitbedarf_minuten“ muss eine positive ganze Zahl sein.");
  }
  auto checkList = [&](const char* key, const std::vector<Term>& terms, bool required) {
    auto it = d.find(key);
    if (it == d.end() || !it->is_array() || it->empty()) {
      if (required) problems.push_back(name + ": „" + key + "“ braucht mindestens einen Wert.");
      return;
    }
    for (const auto& v : *it) {
      if (!v.is_string() || !isTerm(terms, v.get<std::string>())) {
        problems.push_back(name + ": unbekannter Wert " + v.dump() + " in „" + key + "“.");
      }
    }
  };
  checkList("phasen", phases(), true);
  checkList("rollen", roles(), true);
  checkList("wirkungsfelder", wirkungsfelder(), true);
  checkList("barrieren", barrieren(), false);
  for (const auto& uc : strings(d, "use_cases")) {
    if (!useCaseSlugs.count(uc)) problems.push_back(name + ": Use Case „" + uc + "“ gibt es nicht.");
  }

  auto hasArray = [&](const char* key) { return d.contains(key) && d[key].is_array() && !d[key].empty(); };
  if (typ == "checkliste") {
    if (!hasArray("punkte")) problems.push_back(name + ": Eine Checkliste braucht „punkte“.");
    else {
      for (const auto& p : d["punkte"]) {
        if (!p.is_object() || str(p, "text").empty()) problems.push_back(name + ": Jeder Punkt braucht einen „text“.");
      }
    }
  }
  if (typ == "playbook") {
    if (!d.contains("playbook") || !d["playbook"].is_object() || str(d["playbook"], "ziel").empty() ||
        !d["playbook"].contains("schritte")) {
      problems.push_back(name + ": Ein Playbook braucht „playbook“ mit „ziel“ und „schritte“.");
    }
  }
  if (typ == "methodenkarte") {
    const auto card = d.value("methodenkarte", nlohmann::json());
    if (!card.is_object() || str(card, "ziel").empty() || !card.contains("ablauf")) {
      problems.push_back(name + ": Eine Methodenkarte braucht „methodenkarte“ mit „ziel“ und „ablauf“.");
    } else {
      auto hints = card.value("hinweise", nlohmann::json::object());
      for (auto* key : {"datenschutz", "personalrat", "vergabe", "barrierefreiheit"}) {
        if (str(hints, key).empty()) problems.push_back(name + ": Hinweis für die Verwaltung „" + key + "“ fehlt.");
      }
    }
  }
  if (typ == "praesentation") {
    if (!hasArray("folien")) problems.push_back(name + ": Eine Präsentationsvorlage braucht „folien“.");
    else {
      for (const auto& f : d["folien"]) {
        if (!f.is_object() || str(f, "titel").empty()) problems.push_back(name + ": Jede Folie braucht einen „titel“.");
      }
    }
  }
  auto declared = placeholders(d);
  for (const auto& key : placeholderKeysUsed(d)) {
    bool known = std::any_of(declared.begin(), declared.end(), [&](const Placeholder& p) { return p.key == key; });
    if (!known) problems.push_back(name + ": Platzhalter „{{" + key + "}}“ ist nicht unter „platzhalter“ beschrieben.");
  }
  for (const auto& p : declared) {
    if (p.label.empty()) problems.push_back(name + ": Platzhalter „" + p.key + "“ braucht ein „label“.");
  }
  return problems;
}

Result<std::vector<BausteinFile>> loadBausteine(const std::string& directory) {
  std::vector<std::string> paths;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(directory, ec)) {
    if (entry.path().extension() == ".md") paths.push_back(entry.path().string());
  }
  if (ec) return fail(ErrorCode::kNotFound, "Das Verzeichnis " + directory + " kann nicht gelesen werden.", ec.message());
  std::sort(paths.begin(), paths.end());
  std::vector<BausteinFile> files;
  for (const auto& path : paths) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    auto file = parseBausteinFile(std::filesystem::path(path).filename().string(), buffer.str());
    if (!file) return std::unexpected(file.error());
    files.push_back(std::move(*file));
  }
  return files;
}

}  // namespace opgv::bausteine
