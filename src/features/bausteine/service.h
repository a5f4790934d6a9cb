#pragma once
// Bausteine: catalogue with German full-text search and filters, detail, Merkliste, checklist
// progress, filling placeholders and the office downloads, import from content/bausteine/ and
// editing by the Redaktion with version history. Pure logic over the repository; the web and API
// handlers call the same functions.
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <stop_token>
#include <optional>
#include <string>
#include <vector>

#include "auth/principal.h"
#include "common/clock.h"
#include "common/result.h"
#include "db/db.h"
#include "features/bausteine/model.h"
#include "features/bausteine/repository.h"

namespace opgv::bausteine {

struct ImportReport {
  int added = 0;
  int updated = 0;
  int unchanged = 0;
  std::vector<std::string> problems;   // files that were not imported, with the reason
  std::vector<std::string> conflicts;  // changed files whose Baustein was edited in the browser
  std::string summary() const;
};

struct DetailView {
  Baustein baustein;
  std::vector<std::pair<std::string, std::string>> use_cases;  // slug, title
  bool on_merkliste = false;
  std::vector<int64_t> checked;  // ticked checklist items of the user
  Values prefill;                // placeholder values from the user's organisation and account
};

struct Download {
  std::string bytes;
  std::string content_type;
  std::string filename;
};

// Formats offered for a type, in the order of the download list.
std::vector<std::string> downloadFormats(const std::string& typ);
std::string formatLabel(const std::string& format);  // "Word (DOCX)"

class BausteinService {
 public:
  BausteinService(db::Database& database, const Clock& clock);

  ImportReport importDirectory(const std::string& directory);

  Catalogue catalogue(const auth::Principal& who, const CatalogueParams& params);
  Result<DetailView> detail(const auth::Principal& who, const std::string& slug);
  Result<std::vector<Version>> versions(const std::string& slug);
  Result<Version> version(const std::string& slug, int64_t number);

  Status addToMerkliste(const auth::Principal& who, const std::string& slug);
  Status removeFromMerkliste(const auth::Principal& who, const std::string& slug);
  // Ticked item numbers (0-based); numbers outside the checklist are refused.
  Result<std::vector<int64_t>> saveChecklist(const auth::Principal& who, const std::string& slug,
                                             const std::vector<int64_t>& checked);

  // Submitted values checked against the declared placeholders and the size limits; values of
  // unknown keys are refused so that a typo does not silently leave a gap in the document.
  Result<Values> acceptValues(const Baustein& baustein, const Values& submitted);
  // The office file. `format`: docx, odt, pdf, pptx, odp (html is rendered by the view layer from
  // filledDocument). PDF goes through LibreOffice, bounded by `pdfTimeout`.
  Result<Download> download(const std::string& slug, const std::string& format, const Values& values,
                            std::chrono::milliseconds pdfTimeout = std::chrono::seconds(60));

  // Bytes of each blank download of the current version, for the link texts: the office files
  // are written once per version and remembered; the PDF's size is known once it was made.
  std::map<std::string, int64_t> blankSizes(const Baustein& baustein);
  // Makes the blank PDF of every Baustein whose current version has none, one after the other
  // (LibreOffice is memory-hungry); `progress` is called after each. Returns how many were made.
  // Stops between conversions when `stop` is requested.
  int warmPdfCache(std::stop_token stop, const std::function<void(int done, int total, const std::string& slug)>& progress);

  // The Redaktion edits the file text (front matter + Markdown); the same checks as the import run.
  Result<std::string> sourceFor(const auth::Principal& who, const std::string& slug);
  Result<Baustein> edit(const auth::Principal& who, const std::string& slug, const std::string& fileText, const std::string& note);

 private:
  Values prefillFor(const auth::Principal& who);
  // The office file of a filled document in one of the formats the writers produce (not PDF/HTML).
  Result<std::string> writeOffice(const Baustein& baustein, const nlohmann::json& filled, const std::string& format);
  db::Database& db_;
  const Clock& clock_;
  BausteinRepository repo_;
  std::mutex sizes_mutex_;
  std::map<std::pair<int64_t, int64_t>, std::map<std::string, int64_t>> office_sizes_;  // (id, version) → format → bytes
};

}  // namespace opgv::bausteine
