#pragma once
// Named SQL for datasets, their versions and rows, uploads and import profiles.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "db/db.h"
#include "features/datasets/model.h"

namespace opgv::datasets {

class DatasetRepository {
 public:
  explicit DatasetRepository(db::Database& database) : db_(database) {}

  // Memberships (read only; organisations owns them).
  std::optional<std::string> activeRole(int64_t organisationId, int64_t userId);
  std::vector<std::pair<int64_t, std::string>> activeOrganisations(int64_t userId);
  std::optional<std::string> organisationName(int64_t organisationId);

  std::vector<Dataset> datasetsOfUser(int64_t userId, std::optional<int64_t> organisationId);
  std::vector<Dataset> allDatasets(std::optional<int64_t> organisationId);
  std::optional<Dataset> dataset(int64_t id);
  int64_t insertDataset(db::Connection& conn, const Dataset& dataset, int64_t now);
  void setCurrentVersion(db::Connection& conn, int64_t id, std::optional<int64_t> version, int64_t now);
  void removeDataset(int64_t id);

  int64_t insertUpload(const Upload& upload, const std::string& contentBase64, const std::string& sampleText,
                       bool sampleComplete);
  // The table's start as read at upload (CSV text) and whether it is the whole table.
  std::optional<std::pair<std::string, bool>> uploadSample(int64_t id);
  std::optional<Upload> upload(int64_t id);
  std::optional<std::string> uploadContent(int64_t id);
  void removeUpload(int64_t id);
  void removeUploadsBefore(int64_t createdBefore);
  bool uploadInUse(db::Connection& conn, int64_t id);  // a version is queued or running with it
  // The upload's dataset (inner nullopt: none yet), locked for the transaction; nullopt: gone.
  std::optional<std::optional<int64_t>> lockUpload(db::Connection& conn, int64_t id);

  int64_t nextVersion(db::Connection& conn, int64_t datasetId);
  void insertVersion(db::Connection& conn, const DatasetVersion& version);
  std::vector<DatasetVersion> versions(int64_t datasetId);  // newest first, no report
  std::optional<DatasetVersion> version(int64_t datasetId, int64_t version);
  // Claims a queued version for running; false if someone else did or it was cancelled.
  bool claim(int64_t datasetId, int64_t version, int64_t now);
  // Writes progress and the heartbeat; returns whether cancelling was requested.
  bool progress(int64_t datasetId, int64_t version, int percent, const std::string& phase, int64_t now);
  // False when the import is no longer queued or running (too late to cancel).
  bool requestCancel(int64_t datasetId, int64_t version);
  // In the finishing transaction: false when a cancel was requested meanwhile.
  bool claimCompletion(db::Connection& conn, int64_t datasetId, int64_t version, int64_t now);
  void finish(db::Connection& conn, const DatasetVersion& version, int64_t now);
  // Sets the status only if it still is `from` (decisions race with other tabs).
  bool changeStatus(db::Connection& conn, int64_t datasetId, int64_t version, const std::string& from,
                    const std::string& to, int64_t now);
  void detachUpload(db::Connection& conn, int64_t uploadId);

  void insertRow(db::Connection& conn, int64_t datasetId, int64_t version, const StoredRow& row);
  // Many rows: one statement per kRowsPerInsert (PostgreSQL pays a round trip per statement).
  void insertRows(db::Connection& conn, int64_t datasetId, int64_t version, const std::vector<StoredRow>& rows);
  static constexpr size_t kRowsPerInsert = 100;
  void markInvalid(db::Connection& conn, int64_t datasetId, int64_t version, int64_t rowNumber, const std::string& errors);
  void deleteRows(db::Connection& conn, int64_t datasetId, int64_t version);
  // Invalid rows without a message (beyond the errors a report keeps) get `text`.
  void fillMissingErrors(db::Connection& conn, int64_t datasetId, int64_t version, const std::string& text);
  int64_t countRows(int64_t datasetId, int64_t version, bool valid);
  std::vector<StoredRow> rows(int64_t datasetId, int64_t version, bool valid, int64_t offset, int64_t limit);

  std::optional<ImportProfileRecord> profileByName(db::Connection& conn, int64_t organisationId, const std::string& name);
  std::optional<ImportProfileRecord> profile(int64_t id);
  std::vector<ImportProfileRecord> profiles(int64_t organisationId);
  // Adds a version (creating the profile on its first); returns id and version.
  std::pair<int64_t, int64_t> saveProfileVersion(db::Connection& conn, int64_t organisationId, const std::string& name,
                                                 const std::string& model, const std::string& resource,
                                                 const std::string& document, std::optional<int64_t> userId, int64_t now);
  std::vector<ImportProfileVersion> profileVersions(int64_t profileId);
  std::optional<ImportProfileVersion> profileVersion(int64_t profileId, int64_t version);

 private:
  db::Database& db_;
};

}  // namespace opgv::datasets
