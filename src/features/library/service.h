#pragma once
// Use-case library: search, detail, contributing and reviewing, versions, interest
// registrations, repository import and open-data export. Pure decisions over the repository;
// HTML and API handlers call only these functions.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "auth/principal.h"
#include "common/clock.h"
#include "common/result.h"
#include "common/text_diff.h"
#include "db/db.h"
#include "features/library/model.h"
#include "features/library/repository.h"
#include "mail/mailer.h"

namespace opgv::library {

inline constexpr size_t kMaxDocumentBytes = 200 * 1024;
inline constexpr size_t kMaxSectionChars = 30000;

struct UseCaseView {
  UseCase use_case;
  std::optional<Version> published;  // the version shown (latest, or the one asked for)
  nlohmann::json document;           // what the page shows: published version, or the draft for its editors
  bool showing_draft = false;
  std::vector<ListItem> related;
  std::vector<Interest> public_interests;
  int64_t interest_count = 0;
  bool contacts_visible = false;
  bool can_edit = false;
  bool can_review = false;
  bool can_register_interest = false;
  std::optional<int64_t> my_interest_org;  // organisation of the user that registered interest
  std::vector<std::pair<int64_t, std::string>> my_organisations;  // active memberships (id, name)
  std::vector<std::string> fit_reasons;
  std::vector<Comment> comments;  // review comments, for editors and Redaktion
  int64_t version_count = 0;
};

struct SectionDiff {
  std::string key;
  std::string heading;
  std::vector<textdiff::DiffPart> parts;
  bool changed = false;
};

struct VersionDiff {
  Version from;
  Version to;
  std::vector<SectionDiff> sections;  // text fields first (Titel, Kurzbeschreibung), then the sections
};

struct ImportReport {
  int added = 0;
  int updated = 0;
  int unchanged = 0;
  std::vector<std::string> conflicts;  // German, one per case
  std::string summary() const;
};

class UseCaseService {
 public:
  UseCaseService(db::Database& database, const Clock& clock, mail::Mailer& mailer, std::string baseUrl);

  Result<SearchResult> search(const auth::Principal& who, SearchParams params);
  std::optional<FitProfile> fitProfile(const auth::Principal& who);
  Result<UseCaseView> detail(const auth::Principal& who, const std::string& slug);
  Result<std::vector<Version>> versions(const auth::Principal& who, const std::string& slug);
  Result<Version> version(const auth::Principal& who, const std::string& slug, int64_t number);
  Result<VersionDiff> diff(const auth::Principal& who, const std::string& slug, int64_t from, int64_t to);

  // Contributing. `document` has the shape of docs/content/use-case-format.md plus "sections".
  Result<UseCase> create(const auth::Principal& who, nlohmann::json document);
  Result<UseCase> update(const auth::Principal& who, const std::string& slug, nlohmann::json document);
  Result<UseCase> submit(const auth::Principal& who, const std::string& slug);
  std::vector<UseCase> mine(const auth::Principal& who);

  // Review by the Redaktion.
  Result<std::vector<UseCase>> reviewQueue(const auth::Principal& who);
  Result<std::vector<UseCase>> seedConflicts(const auth::Principal& who);
  Result<UseCase> requestChanges(const auth::Principal& who, const std::string& slug,
                                 const std::vector<std::pair<std::string, std::string>>& sectionComments);
  Result<int64_t> publish(const auth::Principal& who, const std::string& slug, const std::string& note);
  Result<UseCase> archive(const auth::Principal& who, const std::string& slug);
  Result<UseCase> restore(const auth::Principal& who, const std::string& slug);

  // "Nachnutzen / Interesse bekunden" for one of the user's organisations.
  Result<int64_t> registerInterest(const auth::Principal& who, const std::string& slug, std::optional<int64_t> organisationId,
                                   bool isPublic);
  Result<int64_t> withdrawInterest(const auth::Principal& who, const std::string& slug, std::optional<int64_t> organisationId);

  // Checks a document from a form or the API (German messages per field); `forReview` also
  // requires everything a reader needs.
  std::vector<FieldError> validate(const nlohmann::json& document, bool forReview) const;

  ImportReport importDirectory(const std::string& directory);
  int64_t reindex() { return repo_.reindexAll(); }

  // Open data: every listed case's published version, without contact persons.
  nlohmann::json exportJson();
  std::string exportCsv();

 private:
  Result<UseCase> load(const std::string& slug);
  bool canEdit(const auth::Principal& who, const UseCase& u) const;
  void resolveKommunen(nlohmann::json& document);
  std::vector<std::pair<int64_t, std::string>> activeOrganisations(int64_t userId);

  db::Database& db_;
  const Clock& clock_;
  mail::Mailer& mailer_;
  std::string base_url_;
  UseCaseRepository repo_;
};

// Public form of a document: contacts only for logged-in users.
nlohmann::json publicDocument(const nlohmann::json& document, bool withContacts);
// Converts a parsed repository file (front matter + sections) into a document.
nlohmann::json documentFromFile(const nlohmann::json& meta, const std::vector<std::pair<std::string, std::string>>& sections);

}  // namespace opgv::library
