#include "features/library/content_loader.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "common/front_matter.h"
#include "common/strings.h"

namespace opgv::library {
namespace {

const std::vector<std::string> kHeadings = {"Ausgangslage", "Lösung", "Nutzen", "Wirkung", "Erfolgsfaktoren", "Hürden"};
const std::set<std::string> kStatus = {"idee", "pilot", "im_betrieb", "verstetigt", "eingestellt"};
const std::set<std::string> kForms = {"public_interface", "trusted_intermediary", "data_pooling",
                                      "research_partnership", "prizes_challenges", "intelligence_generation"};
const std::set<std::string> kVerwaltungstypen = {"kreisfreie_stadt", "kreisangehoerige_stadt", "gemeinde", "landkreis"};
const std::set<std::string> kPhases = {"ueberzeugen", "umsetzen", "integrieren"};

bool endsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

const std::vector<std::string>& themenfelder() {
  static const std::vector<std::string> list = {"Infrastruktur", "Wirtschaft", "Bauen",        "Verkehr",  "Bürgerservices",
                                                "Steuern",       "Personal",   "Haushalt",     "Klimaschutz", "Soziales",
                                                "Kultur",        "Bildung",    "Sicherheit"};
  return list;
}

const std::vector<std::string>& barrierenkreislaeufe() {
  static const std::vector<std::string> list = {"fehlende_harmonisierung", "strategie_ohne_rueckhalt", "fehlende_mehrwerte",
                                                "fehlende_innovatoren", "it_altlasten", "innovation_ohne_erprobung"};
  return list;
}

Result<UseCaseFile> parseUseCaseFile(const std::string& path, const std::string& text) {
  auto name = std::filesystem::path(path).filename().string();
  auto parsed = parseFrontMatter(name, text);
  if (!parsed) return std::unexpected(parsed.error());
  UseCaseFile file;
  file.path = path;
  file.meta = std::move(parsed->meta);
  file.body = std::move(parsed->body);
  std::istringstream lines(file.body);
  std::string line;
  while (std::getline(lines, line)) {
    if (strings::startsWith(line, "## ")) {
      file.sections.emplace_back(strings::trim(line.substr(3)), "");
    } else if (!file.sections.empty()) {
      file.sections.back().second += line + "\n";
    }
  }
  return file;
}

std::vector<std::string> validateUseCase(const UseCaseFile& file) {
  std::vector<std::string> problems;
  const auto& m = file.meta;
  auto name = std::filesystem::path(file.path).filename().string();
  auto need = [&](const char* key) {
    if (!m.contains(key) || m[key].is_null()) problems.push_back(name + ": Feld „" + key + "“ fehlt.");
  };
  for (auto* key : {"slug", "title", "summary", "licence", "last_reviewed", "themenfeld", "status", "zusammenarbeitsform",
                    "kommunen", "wirkung", "huerden", "personenbezug", "aufwand", "projektweg"}) {
    need(key);
  }
  if (!problems.empty()) return problems;
  if (m["slug"].get<std::string>() + ".md" != name) problems.push_back(name + ": „slug“ passt nicht zum Dateinamen.");
  for (const auto& t : m["themenfeld"]) {
    if (!t.is_string() || std::find(themenfelder().begin(), themenfelder().end(), t.get<std::string>()) == themenfelder().end()) {
      problems.push_back(name + ": unbekanntes Themenfeld " + t.dump());
    }
  }
  if (!kStatus.count(m["status"].get<std::string>())) problems.push_back(name + ": unbekannter Status.");
  if (!kForms.count(m["zusammenarbeitsform"].get<std::string>())) problems.push_back(name + ": unbekannte Zusammenarbeitsform.");
  bool example = m.value("example", false);
  for (const auto& k : m["kommunen"]) {
    bool fictional = k.value("fictional", false);
    auto kname = k.value("name", "");
    if (fictional) {
      // Fictional places must be recognisable as such wherever the name appears.
      if (!endsWith(kname, "(fiktiv)")) problems.push_back(name + ": fiktive Kommune „" + kname + "“ ohne „(fiktiv)“.");
      if (!example) problems.push_back(name + ": fiktive Kommune, aber „example“ ist nicht true.");
      if (!kVerwaltungstypen.count(k.value("verwaltungstyp", ""))) {
        problems.push_back(name + ": Kommune „" + kname + "“ ohne gültigen Verwaltungstyp.");
      }
    } else if (!k.contains("source") || k["source"].get<std::string>().empty()) {
      // Real Kommunen only with a named public source.
      problems.push_back(name + ": echte Kommune „" + kname + "“ ohne Quelle.");
    }
  }
  for (const auto& w : m["wirkung"]) {
    if (!w.contains("quelle") || w["quelle"].get<std::string>().empty()) {
      problems.push_back(name + ": Kennzahl ohne Quelle: " + w.value("kennzahl", "?"));
    }
  }
  for (const auto& h : m["huerden"]) {
    for (const auto& b : h["barrieren"]) {
      auto& keys = barrierenkreislaeufe();
      if (std::find(keys.begin(), keys.end(), b.get<std::string>()) == keys.end()) {
        problems.push_back(name + ": unbekannter Barrierenkreislauf " + b.dump());
      }
    }
  }
  for (const auto& p : m["projektweg"]) {
    if (!kPhases.count(p.value("phase", ""))) problems.push_back(name + ": Projektweg mit unbekannter Phase.");
  }
  std::vector<std::string> headings;
  for (const auto& [heading, text] : file.sections) headings.push_back(heading);
  if (headings != kHeadings) problems.push_back(name + ": Überschriften fehlen oder stehen in falscher Reihenfolge.");
  return problems;
}

Result<std::vector<UseCaseFile>> loadUseCases(const std::string& directory) {
  std::vector<std::string> paths;
  for (const auto& entry : std::filesystem::directory_iterator(directory)) {
    if (entry.path().extension() == ".md") paths.push_back(entry.path().string());
  }
  std::sort(paths.begin(), paths.end());
  std::vector<UseCaseFile> files;
  for (const auto& path : paths) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    auto file = parseUseCaseFile(path, buffer.str());
    if (!file) return std::unexpected(file.error());
    files.push_back(std::move(*file));
  }
  return files;
}

}  // namespace opgv::library
