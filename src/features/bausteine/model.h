#pragma once
// A Baustein (building block) is one JSON document: the front matter of its content file plus the
// Markdown `body` (format: docs/content/baustein-format.md). This file holds the vocabularies,
// the placeholder rules and the facet values; everything else reads the document through it.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace opgv::bausteine {

struct Term {
  std::string key;
  std::string label;
};

const std::vector<Term>& types();          // vorlage, checkliste, playbook, …
const std::vector<Term>& phases();         // ueberzeugen, umsetzen, integrieren
const std::vector<Term>& roles();          // daten_champion, verwaltungsspitze, …
const std::vector<Term>& wirkungsfelder(); // ueberzeugungskraft, …
const std::vector<Term>& barrieren();      // the six Barrierenkreisläufe of the white paper
const std::vector<Term>& timeBuckets();    // bis_30, bis_120, bis_480, mehr
std::string labelOf(const std::vector<Term>& terms, const std::string& key);
bool isTerm(const std::vector<Term>& terms, const std::string& key);
std::string timeBucket(int64_t minutes);
// "45 Minuten", "2 Stunden", "1 Tag und 2 Stunden" (8-hour working day).
std::string durationLabel(int64_t minutes);

// Filters of the catalogue, in this order on the page and in the API.
struct FacetDef {
  const char* key;    // query parameter and JSON name
  const char* label;  // German heading
  const std::vector<Term>& (*terms)();
};
const std::vector<FacetDef>& facetDefs();
// Facet key → the document's values (time as its bucket).
std::map<std::string, std::vector<std::string>> facetValues(const nlohmann::json& document);

bool hasPlaceholders(const std::string& typ);  // Vorlage, Kommunikation, Präsentation, Checkliste
bool isPresentation(const std::string& typ);
bool isLegalAid(const std::string& typ);

struct Placeholder {
  std::string key;
  std::string label;
  std::string source;   // prefill source, e.g. "organisation.name"; may be empty
  std::string example;
};
std::vector<Placeholder> placeholders(const nlohmann::json& document);
// Keys written as {{key}} anywhere in the text of the document (body, slides, checklist items).
std::vector<std::string> placeholderKeysUsed(const nlohmann::json& document);

using Values = std::map<std::string, std::string>;
// Replaces {{key}} by its value; keys without a value become "[Label]" so that a downloaded blank
// template still shows what belongs there.
std::string fill(std::string_view text, const Values& values, const std::vector<Placeholder>& declared);
// The whole document with every text field filled (body, slides, checklist items, title).
nlohmann::json filledDocument(const nlohmann::json& document, const Values& values);

// Upper bounds for submitted placeholder values (characters): enough for a paragraph, small enough that a
// form can't make the converter chew megabytes.
inline constexpr size_t kMaxValueChars = 4000;
inline constexpr size_t kMaxValues = 40;

// Text for the full-text index: all words a reader sees, without Markdown syntax.
struct SearchText {
  std::string title;
  std::string zweck;
  std::string body;
};
SearchText searchText(const nlohmann::json& document);

std::string str(const nlohmann::json& object, const char* key);
std::vector<std::string> strings(const nlohmann::json& object, const char* key);

struct Baustein {
  int64_t id = 0;
  std::string slug;
  std::string typ;
  std::string title;
  nlohmann::json document;
  int64_t version = 0;
  int64_t usage_count = 0;
  int64_t updated_at = 0;
  std::string seed_conflict;
};

struct Version {
  int64_t version = 0;
  nlohmann::json document;
  int64_t created_at = 0;
  std::string created_by_name;  // empty: imported from the repository
  std::string note;
};

struct CatalogueParams {
  std::string query;
  std::map<std::string, std::vector<std::string>> filters;  // facet key → chosen values (OR)
  bool only_merkliste = false;
};

struct CatalogueItem {
  Baustein baustein;
  std::vector<std::pair<std::string, bool>> snippet;  // text parts; true = a search hit
  bool on_merkliste = false;
};

struct FacetCount {
  std::string key;
  std::string label;
  int64_t count = 0;
  bool selected = false;
};

struct Catalogue {
  std::vector<CatalogueItem> items;
  std::map<std::string, std::vector<FacetCount>> facets;
  int64_t total_all = 0;  // Bausteine in the catalogue without any filter
};

}  // namespace opgv::bausteine
