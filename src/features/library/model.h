#pragma once
// The use-case model. A use case travels as one JSON document: the front-matter fields of
// docs/content/use-case-format.md plus "sections" (section key → Markdown). The same document is
// imported from content/use-cases/, edited in the UI, sent through the API and kept per version,
// so there is exactly one shape to validate.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace opgv::library {

struct Section {
  const char* key;      // "ausgangslage"
  const char* heading;  // "Ausgangslage"
};
const std::vector<Section>& sections();

// A document field as text: "" when missing or null, JSON text for non-strings.
std::string fieldText(const nlohmann::json& object, const char* key);

enum class State { kEntwurf, kInPruefung, kVeroeffentlicht, kArchiviert };
const char* stateKey(State s);  // entwurf | in_pruefung | veroeffentlicht | archiviert
std::optional<State> parseState(const std::string& key);
const char* stateLabel(State s);  // Entwurf | In Prüfung | Veröffentlicht | Archiviert

// Facets in the order the filter column shows them; the key is also the URL parameter.
struct FacetInfo {
  const char* key;
  const char* label;
};
const std::vector<FacetInfo>& facets();
std::string facetValueLabel(const std::string& facet, const std::string& value);

std::string statusLabel(const std::string& key);
std::string zusammenarbeitsformLabel(const std::string& key);
std::string barriereLabel(const std::string& key);
std::string phaseLabel(const std::string& key);

// Facet values of a (resolved) document: facet key → values. Includes the hidden facet
// "nachnutzer" ("<verwaltungstyp>:<groessenklasse>" of each Kommune that replicated the case).
std::map<std::string, std::vector<std::string>> deriveFacets(const nlohmann::json& document);

// Search text: title, summary plus Schlagworte, and the body (sections and structured fields as
// plain text).
struct SearchText {
  std::string title;
  std::string summary;
  std::string body;
};
SearchText searchText(const nlohmann::json& document);

// Stored use case (working copy plus the facts of its published version).
struct UseCase {
  int64_t id = 0;
  std::string slug;
  std::string origin;  // repo | ui
  State state = State::kEntwurf;
  nlohmann::json draft;
  int64_t draft_updated_at = 0;
  std::optional<int64_t> owner_id;
  std::optional<int64_t> organisation_id;
  std::optional<int64_t> published_version;
  std::string title;
  std::string summary;
  std::optional<int64_t> published_at;
  std::string last_reviewed;
  int64_t replication_count = 0;
  int64_t interest_count = 0;
  bool listed = false;
  std::string source_hash;
  std::string seed_conflict;
  int64_t created_at = 0;
};

struct Version {
  int64_t version = 0;
  nlohmann::json document;
  std::string title;
  int64_t published_at = 0;
  std::optional<int64_t> published_by;
  std::string published_by_name;
  std::string note;
};

struct Comment {
  int64_t id = 0;
  std::string section;
  std::string body;
  std::string author_name;
  int64_t created_at = 0;
};

struct Interest {
  int64_t organisation_id = 0;
  std::string organisation_name;
  bool is_public = false;
  int64_t created_at = 0;
};

// Search request as it arrives from the URL or the API.
struct FitProfile {
  std::string groessenklasse;
  std::string verwaltungstyp;
  std::string bundesland;
  std::string kommune_name;
};

struct SearchParams {
  std::string q;
  std::map<std::string, std::vector<std::string>> filters;  // facet key → selected values (OR)
  std::string sort = "relevanz";                            // relevanz | neueste | nachnutzungen
  int64_t page = 1;
  int64_t per_page = 20;
  bool fit_only = false;  // "Passt zu meiner Kommune"
};

inline constexpr int64_t kMaxPerPage = 100;

struct SnippetPart {
  std::string text;
  bool hit = false;
};

struct ListItem {
  int64_t id = 0;
  std::string slug;
  std::string title;
  std::string summary;
  std::optional<int64_t> published_at;
  std::string last_reviewed;
  int64_t replication_count = 0;
  int64_t interest_count = 0;
  std::vector<SnippetPart> snippet;
  std::map<std::string, std::vector<std::string>> facets;
  std::vector<std::string> fit_reasons;
};

struct FacetCount {
  std::string value;
  std::string label;
  int64_t count = 0;
  bool selected = false;
};

struct SearchResult {
  std::vector<ListItem> items;
  int64_t total = 0;
  std::vector<std::pair<std::string, std::vector<FacetCount>>> facets;  // in facets() order
  bool any_word = false;  // no case had every word, so cases with any of the words are shown
  int64_t page = 1;
  int64_t per_page = 20;
};

// Why a case fits the user's Kommune (empty if it does not).
std::vector<std::string> fitReasons(const FitProfile& profile, const std::map<std::string, std::vector<std::string>>& facets);

}  // namespace opgv::library
