#pragma once
// Datasets of an organisation: upload a file, map its columns to a model (proposed, corrected in
// a form, saved as a versioned import profile), import it in the background with progress and
// cancel, review the report, keep the valid rows (the rest stays as rejects) or discard, browse
// and download the stored rows, delete. The web pages and the API call these functions.
//
// Rights: members of the organisation (active) see and work with its datasets; deleting is for the
// uploader, the Organisations-Admins and platform admins. Platform admins may read everything.
#include <atomic>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "auth/principal.h"
#include "common/clock.h"
#include "common/result.h"
#include "db/db.h"
#include "features/datasets/model.h"
#include "features/datasets/repository.h"
#include "features/models/service.h"
#include "validation/mapping_proposal.h"

namespace opgv::datasets {

struct DatasetView {
  Dataset dataset;
  std::vector<DatasetVersion> versions;  // newest first, without reports
  bool can_delete = false;
};

struct NewUpload {
  std::optional<int64_t> organisation_id;  // required for a new dataset
  std::optional<int64_t> dataset_id;       // a new version of this dataset
  std::string title;                       // new dataset only
  std::string model;                       // new dataset only; "slug", "slug/resource" or "auto"
  std::string resource;
  std::string filename;
  std::string_view bytes;
};

// A JSON object {"alt": "neu"} as the form's lines „alt = neu“ (code translations, per-value
// aggregation rules); the form and the API send these lines.
std::string assignmentLines(const nlohmann::json& object);

// One model field in the mapping form.
struct MappingField {
  std::string field;
  std::string title;
  std::string type;  // German type label
  bool required = false;
  std::string source;    // "" leave empty, "=" constant value, otherwise a column name
  std::string constant;  // the constant value
  std::string reason;    // why it was proposed (German), empty if the user chose
  std::string scale;     // unit conversion: value × scale, as typed ("0,001"); empty: none
  std::string codes;     // code translation, one „alt = neu“ per line; empty: none
  bool numeric = false;  // number or integer field (scale applies)
};

// Aggregating fine areas to coarse ones, by the first characters of the area id or by a mapping
// table the user pastes (the form's choices).
struct MappingAggregation {
  bool enabled = false;
  std::string by = "praefix";  // "praefix": the first characters; "tabelle": the mapping table
  std::string prefix;        // number of characters, as typed
  // The mapping table as typed or pasted from a spreadsheet: one „feine Nummer; grobe Nummer“ per
  // line (tab, semicolon, comma or „=“ between them). Empty with `by` "tabelle": keep the table the
  // profile already has (e.g. a file next to a profile in the repository).
  std::string table;
  std::string level;         // name of the coarse level, e.g. „bezirk“
  std::string area_field;    // model field with the area id
  std::string level_field;   // model field with the area level (may be empty)
  std::string value_field;   // model field with the value
  std::string method = "gewichteter_mittelwert";  // summe, mittelwert, gewichteter_mittelwert
  std::string weight_column; // source column with the weight (weighted mean)
  // Another rule for some values: the model field whose value picks it (e.g. „indikator“) and one
  // „Wert = Rechnung“ per line (e.g. „EW = summe“: population is added up, shares weighted by it).
  std::string method_by;
  std::string methods;
};

// Reading the file: one condition under which a row's values do not count, e.g. the validity flag
// KOM of the Berlin social monitoring („ungleich gültig“). A profile may have more conditions; the
// form edits the first and keeps the others.
struct MappingCondition {
  bool enabled = false;
  std::string column;
  std::string comparison = "ungleich";  // "gleich" or "ungleich"
  std::string value;
  std::vector<std::string> keep;  // columns whose values stay (e.g. the area id)
};

struct MappingDraft {
  Upload upload;
  std::vector<std::string> columns;  // the file's columns
  // Wide → long: the file's value columns become rows (code + value); then the fields choose from
  // the kept columns and the two new ones. Long → wide: the rows of each code in the name column
  // become a column of that name (value from the value column); the fields choose from the kept
  // columns and the new ones.
  bool reshape_available = false;
  bool reshape = false;
  std::string reshape_direction;  // "wide-to-long" or "long-to-wide"
  std::vector<std::string> reshape_columns;
  std::string reshape_name_column, reshape_value_column;
  std::vector<MappingField> fields;
  MappingAggregation aggregation;
  // Cells that stand for „no value“ besides the empty one, as typed: „-9999; k. A.“.
  std::string missing_values;
  MappingCondition condition;
  size_t further_conditions = 0;             // kept from the profile, not shown in the form
  std::vector<FieldError> problems;          // choices that cannot become a profile (German, per form field)
  std::string profile_name;                  // suggested name to save under
  std::optional<int64_t> base_profile_id;    // a saved profile the draft started from
  std::vector<ImportProfileRecord> saved_profiles;  // of the organisation, for this model resource
  std::vector<std::string> notes;            // German: what was proposed and why, what stays open
  nlohmann::json profile;                    // the complete draft profile
  // New datasets: how well the file fits each model (best first, at most five), by columns and by
  // the model's labels (title, keywords, Musterdatenkatalog); the user may switch.
  std::vector<validation::ModelMatch> model_matches;
  bool model_changeable = false;
};

// What the user chose in the form (or an API client sent).
struct MappingInput {
  std::string model;                                // new datasets: another model, "slug/resource"
  std::optional<int64_t> base_profile_id;          // start from a saved profile (else the proposal)
  std::map<std::string, std::string> source;       // field → "" | "=" | column; fields absent: as drafted
  std::map<std::string, std::string> constant;     // field → value for "="
  std::optional<bool> reshape;                      // nullopt: as drafted
  std::map<std::string, std::string> scale;         // field → factor as typed ("" removes it)
  std::map<std::string, std::string> codes;         // field → „alt = neu“ lines ("" removes them)
  std::optional<MappingAggregation> aggregation;    // nullopt: as drafted
  std::optional<std::string> missing_values;       // nullopt: as drafted
  std::optional<MappingCondition> condition;        // nullopt: as drafted
  std::string profile_name;                         // save under this name (empty: the suggestion)
  std::optional<nlohmann::json> profile;            // API: a complete profile instead of the choices
};

struct VersionRef {
  int64_t dataset_id = 0;
  int64_t version = 0;
};

struct RowPage {
  std::vector<std::string> fields;
  std::vector<StoredRow> rows;
  int64_t total = 0;
  int64_t offset = 0;
  int64_t limit = 0;
};

enum class Decision { kKeepValidRows, kDiscard };

class DatasetService {
 public:
  // Runs an import in the background (ImportQueue) or, in tests, right away.
  using Runner = std::function<void(VersionRef)>;

  DatasetService(db::Database& database, const Clock& clock, std::shared_ptr<const models::ModelService> models,
                 std::filesystem::path modelsDir);
  void setRunner(Runner runner) { runner_ = std::move(runner); }

  Result<std::vector<Dataset>> list(const auth::Principal& who, std::optional<int64_t> organisationId);
  // Organisations the user may add datasets to (active memberships).
  std::vector<std::pair<int64_t, std::string>> organisationsOf(const auth::Principal& who);
  Result<DatasetView> dataset(const auth::Principal& who, int64_t id);
  Result<DatasetVersion> version(const auth::Principal& who, int64_t id, int64_t version);
  Status remove(const auth::Principal& who, int64_t id);

  // Step 1: the file is kept for the mapping (at most kMaxUploadAge seconds).
  Result<Upload> createUpload(const auth::Principal& who, const NewUpload& input);
  Result<Upload> upload(const auth::Principal& who, int64_t uploadId);
  // Step 2: the proposed (or a saved profile's) mapping, with the user's choices applied.
  Result<MappingDraft> mappingDraft(const auth::Principal& who, int64_t uploadId, const MappingInput& input);
  // Step 3: saves the mapping as a new version of the named import profile, creates the dataset
  // (first upload) and a version, and hands it to the runner.
  Result<VersionRef> startImport(const auth::Principal& who, int64_t uploadId, const MappingInput& input);
  // Step 4, run by the runner: profile → model check → rows stored. Progress and cancel go through
  // the database, so any app instance can show and stop it.
  void runImport(VersionRef ref);
  // `stopping` returns true when the server shuts down: the version then fails with a message.
  void runImport(VersionRef ref, const std::function<bool()>& stopping);
  // Queued versions (e.g. after a restart), for the runner to pick up again.
  std::vector<VersionRef> queuedVersions();
  Status cancel(const auth::Principal& who, int64_t id, int64_t version);
  // Step 5 for a version in review.
  Status decide(const auth::Principal& who, int64_t id, int64_t version, Decision decision);

  // Valid rows of a version (nullopt: the current one), `offset` from 0, at most 500 per page.
  Result<RowPage> rows(const auth::Principal& who, int64_t id, std::optional<int64_t> version, int64_t offset, int64_t limit);
  // format: csv | xlsx | json
  Result<models::Download> download(const auth::Principal& who, int64_t id, std::optional<int64_t> version,
                                    const std::string& format);
  // The rejected rows of a version as CSV with their row numbers and errors.
  Result<models::Download> rejects(const auth::Principal& who, int64_t id, int64_t version);

  Result<std::vector<ImportProfileRecord>> profiles(const auth::Principal& who, int64_t organisationId);
  Result<std::pair<ImportProfileRecord, std::vector<ImportProfileVersion>>> profile(const auth::Principal& who, int64_t id);

  static constexpr int64_t kMaxUploadAge = 7 * 24 * 3600;
  static constexpr int64_t kStaleSeconds = 120;  // a running import without a sign of life is dead

 private:
  bool isMember(const auth::Principal& who, int64_t organisationId);
  Result<Dataset> readable(const auth::Principal& who, int64_t id);
  Result<Dataset> writable(const auth::Principal& who, int64_t id);
  Result<const models::DataModel*> modelOf(const std::string& slug);
  void markStale(DatasetVersion& version);
  // The model that fits a file best (model "auto" on upload).
  Result<std::pair<std::string, std::string>> bestModel(const validation::Inference& inference, const std::string& filename);
  std::vector<validation::ModelMatch> rank(const validation::Inference& inference, const std::string& filename);

  DatasetRepository repo_;
  db::Database& db_;
  const Clock& clock_;
  std::shared_ptr<const models::ModelService> models_;
  std::filesystem::path models_dir_;
  validation::SynonymTable synonyms_;
  std::vector<validation::ModelCandidate> candidates_;  // every model table except code lists
  Runner runner_;
};

// Runs imports one after the other on a worker thread. Stopping finishes the current import's
// next progress step (it is cancelled and marked so) and drops the queue.
class ImportQueue {
 public:
  explicit ImportQueue(std::function<void(VersionRef, const std::function<bool()>& stopping)> work);
  ~ImportQueue();
  void submit(VersionRef ref);
  void stop();

 private:
  struct State;
  std::shared_ptr<State> state_;
};

}  // namespace opgv::datasets
