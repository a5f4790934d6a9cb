#pragma once
// Named SQL for Bausteine, Merkliste and checklist progress. Both dialects share the statements
// except for the full-text index (SQLite FTS5 table vs. PostgreSQL tsvector table).
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "db/db.h"
#include "features/bausteine/model.h"

namespace opgv::bausteine {

struct Hit {
  int64_t id = 0;
  double score = 0;
  std::string marked_snippet;  // hits between kHitStart and kHitEnd
};
inline const std::string kHitStart = "\xEE\x80\x80";  // U+E000, never in content
inline const std::string kHitEnd = "\xEE\x80\x81";    // U+E001

class BausteinRepository {
 public:
  explicit BausteinRepository(db::Database& database) : db_(database) {}

  std::vector<Baustein> all();
  std::optional<Baustein> bySlug(const std::string& slug);
  std::optional<std::string> source(int64_t id);
  std::optional<std::string> sourceHash(int64_t id);
  bool editedInUi(int64_t id);
  // Inserts version 1; nullopt if the slug is taken.
  std::optional<int64_t> insert(const nlohmann::json& document, const std::string& source, const std::string& sourceHash,
                                int64_t now);
  // Appends the next version and makes it current. `editor` empty = imported from the repository.
  int64_t addVersion(int64_t id, const nlohmann::json& document, const std::string& source,
                     const std::optional<std::string>& sourceHash, std::optional<int64_t> editor, const std::string& note,
                     int64_t now);
  void setSeedConflict(int64_t id, const std::string& conflict);
  std::vector<Version> versions(int64_t id);
  std::optional<Version> version(int64_t id, int64_t number);

  // Full-text matches for plain words (all words), best first, with a marked snippet.
  std::vector<Hit> search(const std::string& fts5Match, const std::string& plainText);

  std::set<std::string> useCaseSlugs();
  // Title of each listed use case among `slugs`, in the given order; unknown slugs are skipped.
  std::vector<std::pair<std::string, std::string>> useCaseTitles(const std::vector<std::string>& slugs);

  std::set<int64_t> merkliste(int64_t userId);
  void addToMerkliste(int64_t userId, int64_t bausteinId, int64_t now);
  bool removeFromMerkliste(int64_t userId, int64_t bausteinId);

  // The blank PDF of a version (see baustein_pdfs), and the sizes of all cached current versions.
  std::optional<std::string> cachedPdf(int64_t bausteinId, int64_t version);
  void storePdf(int64_t bausteinId, int64_t version, const std::string& pdf, int64_t now);
  std::map<int64_t, int64_t> cachedPdfSizes();

  std::vector<int64_t> checked(int64_t userId, int64_t bausteinId);
  void saveChecked(int64_t userId, int64_t bausteinId, const std::vector<int64_t>& items, int64_t now);

 private:
  void writeIndex(db::Connection& conn, int64_t id, const nlohmann::json& document);
  db::Database& db_;
};

}  // namespace opgv::bausteine
