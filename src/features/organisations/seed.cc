#include "features/organisations/seed.h"

#include <fstream>
#include <stdexcept>

#include "common/strings.h"

namespace opgv::organisations {
namespace {

constexpr std::string_view kUpsertKommune =
    "INSERT INTO kommunen (ags, name, name_folded, verwaltungstyp, bundesland, kreis_ags, einwohner, plz, stand) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (ags) DO UPDATE SET name = excluded.name, "
    "name_folded = excluded.name_folded, verwaltungstyp = excluded.verwaltungstyp, bundesland = excluded.bundesland, "
    "kreis_ags = excluded.kreis_ags, einwohner = excluded.einwohner, plz = excluded.plz, stand = excluded.stand";
constexpr std::string_view kUpsertExampleOrg =
    "INSERT INTO organisations (type, name, slug, website, description, contact, status, is_example, created_at) "
    "VALUES ('govtech', $1, $2, $3, $4, $5, 'active', 1, $6) ON CONFLICT (slug) DO NOTHING";
constexpr std::string_view kSelectSeeded = "SELECT value FROM settings WHERE key = 'seeded_at'";
constexpr std::string_view kMarkSeeded =
    "INSERT INTO settings (key, value) VALUES ('seeded_at', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value";

// RFC 4180 line splitting for the directory file; quoted fields may contain commas and quotes.
std::vector<std::string> parseCsvLine(const std::string& line) {
  std::vector<std::string> fields;
  std::string current;
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        current.push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        current.push_back(c);
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.push_back(std::move(current));
      current.clear();
    } else if (c != '\r') {
      current.push_back(c);
    }
  }
  fields.push_back(std::move(current));
  return fields;
}

struct ExampleOrg {
  const char* name;
  const char* slug;
  const char* website;
  const char* description;
  const char* contact;
};

// Fictional companies, labelled as such in their names; no real firm is described.
const ExampleOrg kExampleGovtechs[] = {
    {"Beispiel: Datenbrücke GmbH (fiktiv)", "beispiel-datenbruecke", "https://example.org/datenbruecke",
     "Fiktives Demo-Unternehmen: Schnittstellen zwischen Fachverfahren und offenen Datenportalen (OParl, DCAT-AP.de).",
     "kontakt@example.org"},
    {"Beispiel: Sozialraum-Analytik UG (fiktiv)", "beispiel-sozialraum-analytik", "https://example.org/sozialraum",
     "Fiktives Demo-Unternehmen: Dashboards für die Sozialraumplanung auf Basis harmonisierter Indikatoren.",
     "hallo@example.org"},
};

}  // namespace

std::string importContent(db::Database& database, const Clock& clock, const std::string& resourcesDir) {
  auto path = resourcesDir + "/content/kommunen/kommunen.csv";
  std::ifstream in(path);
  if (!in) throw std::runtime_error("Kommunenverzeichnis fehlt: " + path);
  std::string line;
  std::getline(in, line);
  auto header = parseCsvLine(line);
  const std::vector<std::string> expected = {"ags", "name", "verwaltungstyp", "bundesland", "kreis_ags", "einwohner", "plz", "stand"};
  if (header != expected) throw std::runtime_error("Unerwarteter Kopf in " + path);
  size_t count = 0;
  database.transaction([&](db::Connection& c) {
    int number = 1;
    while (std::getline(in, line)) {
      ++number;
      if (line.empty()) continue;
      auto f = parseCsvLine(line);
      if (f.size() != expected.size()) {
        throw std::runtime_error(path + ":" + std::to_string(number) + ": " + std::to_string(f.size()) + " statt 8 Spalten");
      }
      std::optional<int64_t> einwohner = f[5].empty() ? std::nullopt : strings::parseInt(f[5]);
      std::optional<std::string> kreis = f[4].empty() ? std::nullopt : std::optional(f[4]);
      std::optional<std::string> plz = f[6].empty() ? std::nullopt : std::optional(f[6]);
      c.query(kUpsertKommune, {f[0], f[1], strings::foldGerman(f[1]), f[2], f[3], kreis, einwohner, plz, f[7]});
      ++count;
    }
    for (const auto& o : kExampleGovtechs) {
      c.query(kUpsertExampleOrg, {o.name, o.slug, o.website, o.description, o.contact, clock.nowSeconds()});
    }
    c.query(kMarkSeeded, {std::to_string(clock.nowSeconds())});
  });
  return std::to_string(count) + " Kommunen, " + std::to_string(std::size(kExampleGovtechs)) + " Beispiel-Organisationen";
}

std::optional<std::string> seedIfEmpty(db::Database& database, const Clock& clock, const std::string& resourcesDir) {
  if (!database.query(kSelectSeeded).empty()) return std::nullopt;
  return importContent(database, clock, resourcesDir);
}

}  // namespace opgv::organisations
