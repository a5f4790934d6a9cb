#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "db/db.h"
#include "features/library/facet_index.h"
#include "features/library/model.h"

namespace opgv::library {

// Everything the published version contributes to listing and search, written in one go.
struct PublishRecord {
  int64_t use_case_id = 0;
  nlohmann::json document;
  int64_t published_at = 0;
  std::optional<int64_t> published_by;
  std::string note;
};

class UseCaseRepository {
 public:
  explicit UseCaseRepository(db::Database& database) : db_(database), index_(std::make_shared<FacetIndex>()) {}

  std::optional<UseCase> bySlug(const std::string& slug);
  std::optional<UseCase> byId(int64_t id);
  std::vector<UseCase> byOwner(int64_t userId);
  std::vector<UseCase> byState(State state);
  std::vector<UseCase> withSeedConflict();
  std::vector<UseCase> byOrigin(const std::string& origin);
  // nullopt if the slug is taken.
  std::optional<int64_t> insert(const UseCase& useCase);
  void saveDraft(int64_t id, const nlohmann::json& draft, State state, int64_t now);
  void setState(int64_t id, State state, bool listed);
  void setSeedBookkeeping(int64_t id, const std::string& sourceHash, const std::string& conflict);

  // Appends the next version and makes it the listed one (facets, search text, counters).
  int64_t publish(const PublishRecord& record);
  std::vector<Version> versions(int64_t id);
  std::optional<Version> version(int64_t id, int64_t number);
  // Rebuilds facets and search text of every listed case from its published version.
  int64_t reindexAll();

  SearchResult search(const SearchParams& params, const std::optional<FitProfile>& fit);
  std::vector<ListItem> related(int64_t id, int limit);
  std::map<std::string, std::vector<std::string>> facetsOf(int64_t id);
  // Published documents of all listed cases, by slug (open-data export).
  std::vector<std::pair<UseCase, nlohmann::json>> listedDocuments();

  void addComment(int64_t id, const std::string& section, const std::string& body, int64_t authorId, int64_t now);
  std::vector<Comment> comments(int64_t id);

  bool addInterest(int64_t id, int64_t organisationId, int64_t userId, bool isPublic, int64_t now);
  bool removeInterest(int64_t id, int64_t organisationId);
  std::vector<Interest> interests(int64_t id);
  std::optional<std::string> userEmail(int64_t userId);

 private:
  void writeIndex(db::Connection& conn, int64_t id, const nlohmann::json& document);
  db::Database& db_;
  std::shared_ptr<FacetIndex> index_;
};

}  // namespace opgv::library
