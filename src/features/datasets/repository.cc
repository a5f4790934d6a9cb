#include "features/datasets/repository.h"

namespace opgv::datasets {
namespace {

using nlohmann::json;

constexpr std::string_view kActiveRole =
    "SELECT role FROM memberships WHERE organisation_id = $1 AND user_id = $2 AND status = 'active'";
constexpr std::string_view kActiveOrganisations =
    "SELECT o.id, o.name FROM memberships m JOIN organisations o ON o.id = m.organisation_id "
    "WHERE m.user_id = $1 AND m.status = 'active' AND o.status = 'active' ORDER BY o.name";
constexpr std::string_view kOrganisationName = "SELECT name FROM organisations WHERE id = $1";

const std::string kDatasetColumns =
    "d.id, d.organisation_id, o.name, d.title, d.description, d.model, d.resource, d.current_version, d.created_by, "
    "d.created_at, d.updated_at, "
    "(SELECT COUNT(*) FROM dataset_rows r WHERE r.dataset_id = d.id AND r.version = d.current_version AND r.valid = 1)";
const std::string kDatasetsOfUser =
    "SELECT " + kDatasetColumns + " FROM datasets d JOIN organisations o ON o.id = d.organisation_id "
    "JOIN memberships m ON m.organisation_id = d.organisation_id AND m.user_id = $1 AND m.status = 'active' "
    "WHERE ($2 = 0 OR d.organisation_id = $3) ORDER BY d.updated_at DESC, d.id DESC";
const std::string kAllDatasets =
    "SELECT " + kDatasetColumns + " FROM datasets d JOIN organisations o ON o.id = d.organisation_id "
    "WHERE ($1 = 0 OR d.organisation_id = $2) ORDER BY d.updated_at DESC, d.id DESC";
const std::string kDatasetById =
    "SELECT " + kDatasetColumns + " FROM datasets d JOIN organisations o ON o.id = d.organisation_id WHERE d.id = $1";
constexpr std::string_view kInsertDataset =
    "INSERT INTO datasets (organisation_id, title, description, model, resource, created_by, created_at, updated_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id";
constexpr std::string_view kSetCurrentVersion = "UPDATE datasets SET current_version = $1, updated_at = $2 WHERE id = $3";
constexpr std::string_view kClearCurrentVersion = "UPDATE datasets SET current_version = NULL, updated_at = $1 WHERE id = $2";
constexpr std::string_view kDeleteDataset = "DELETE FROM datasets WHERE id = $1";

const std::string kUploadColumns =
    "id, organisation_id, dataset_id, user_id, title, model, resource, filename, size_bytes, created_at";
constexpr std::string_view kInsertUpload =
    "INSERT INTO dataset_uploads (organisation_id, dataset_id, user_id, title, model, resource, filename, size_bytes, "
    "content_base64, sample_text, sample_complete, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) "
    "RETURNING id";
constexpr std::string_view kUploadSample = "SELECT sample_text, sample_complete FROM dataset_uploads WHERE id = $1";
const std::string kUploadById = "SELECT " + kUploadColumns + " FROM dataset_uploads WHERE id = $1";
constexpr std::string_view kUploadContent = "SELECT content_base64 FROM dataset_uploads WHERE id = $1";
constexpr std::string_view kDeleteUpload = "DELETE FROM dataset_uploads WHERE id = $1";
constexpr std::string_view kDeleteOldUploads =
    "DELETE FROM dataset_uploads WHERE created_at < $1 AND id NOT IN "
    "(SELECT upload_id FROM dataset_versions WHERE upload_id IS NOT NULL AND status IN ('queued', 'running'))";
constexpr std::string_view kUploadInUse =
    "SELECT COUNT(*) FROM dataset_versions WHERE upload_id = $1 AND status IN ('queued', 'running')";
constexpr std::string_view kLockUploadSqlite = "SELECT dataset_id FROM dataset_uploads WHERE id = $1";
constexpr std::string_view kLockUploadPostgres = "SELECT dataset_id FROM dataset_uploads WHERE id = $1 FOR UPDATE";
constexpr std::string_view kDetachUpload = "UPDATE dataset_versions SET upload_id = NULL WHERE upload_id = $1";

constexpr std::string_view kNextVersion = "SELECT COALESCE(MAX(version), 0) + 1 FROM dataset_versions WHERE dataset_id = $1";
constexpr std::string_view kInsertVersion =
    "INSERT INTO dataset_versions (dataset_id, version, status, upload_id, filename, size_bytes, profile_id, "
    "profile_version, profile_document, created_by, created_at, heartbeat_at, phase) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12)";
const std::string kVersionColumns =
    "dataset_id, version, status, upload_id, filename, size_bytes, profile_id, profile_version, profile_document, "
    "rows_total, rows_valid, rows_invalid, rejects_exact, progress_percent, phase, cancel_requested, message, "
    "created_by, created_at, heartbeat_at, finished_at";
const std::string kVersions =
    "SELECT " + kVersionColumns + ", NULL FROM dataset_versions WHERE dataset_id = $1 ORDER BY version DESC";
const std::string kVersion =
    "SELECT " + kVersionColumns + ", report FROM dataset_versions WHERE dataset_id = $1 AND version = $2";
constexpr std::string_view kClaim =
    "UPDATE dataset_versions SET status = 'running', heartbeat_at = $1 WHERE dataset_id = $2 AND version = $3 "
    "AND status = 'queued' AND cancel_requested = 0";
constexpr std::string_view kProgress =
    "UPDATE dataset_versions SET progress_percent = $1, phase = $2, heartbeat_at = $3 WHERE dataset_id = $4 AND version = $5 "
    "RETURNING cancel_requested";
constexpr std::string_view kRequestCancel =
    "UPDATE dataset_versions SET cancel_requested = 1 WHERE dataset_id = $1 AND version = $2 AND status IN ('queued', 'running')";
// The finishing transaction's first step: it locks the version and succeeds only if nobody asked
// to cancel, so a cancel either reaches the import or is refused as too late, never both.
constexpr std::string_view kClaimCompletion =
    "UPDATE dataset_versions SET heartbeat_at = $1 WHERE dataset_id = $2 AND version = $3 AND cancel_requested = 0";
constexpr std::string_view kFinish =
    "UPDATE dataset_versions SET status = $1, rows_total = $2, rows_valid = $3, rows_invalid = $4, rejects_exact = $5, "
    "progress_percent = $6, phase = $7, message = $8, report = $9, finished_at = $10, heartbeat_at = $10 "
    "WHERE dataset_id = $11 AND version = $12";
constexpr std::string_view kChangeStatus =
    "UPDATE dataset_versions SET status = $1, heartbeat_at = $2 WHERE dataset_id = $3 AND version = $4 AND status = $5";

constexpr std::string_view kInsertRow =
    "INSERT INTO dataset_rows (dataset_id, version, row_number, valid, cells, record, errors) VALUES ($1, $2, $3, $4, $5, $6, $7)";
constexpr std::string_view kMarkInvalid =
    "UPDATE dataset_rows SET valid = 0, errors = CASE WHEN errors = '' THEN $1 ELSE errors || ' ' || $1 END "
    "WHERE dataset_id = $2 AND version = $3 AND row_number = $4";
constexpr std::string_view kFillMissingErrors =
    "UPDATE dataset_rows SET errors = $1 WHERE dataset_id = $2 AND version = $3 AND valid = 0 AND errors = ''";
constexpr std::string_view kDeleteRows = "DELETE FROM dataset_rows WHERE dataset_id = $1 AND version = $2";
constexpr std::string_view kCountRows = "SELECT COUNT(*) FROM dataset_rows WHERE dataset_id = $1 AND version = $2 AND valid = $3";
constexpr std::string_view kRows =
    "SELECT row_number, valid, cells, record, errors FROM dataset_rows WHERE dataset_id = $1 AND version = $2 AND valid = $3 "
    "ORDER BY row_number LIMIT $4 OFFSET $5";

const std::string kProfileColumns = "id, organisation_id, name, model, resource, version, created_at, updated_at";
const std::string kProfileByName = "SELECT " + kProfileColumns + " FROM import_profiles WHERE organisation_id = $1 AND name = $2";
const std::string kProfileById = "SELECT " + kProfileColumns + " FROM import_profiles WHERE id = $1";
const std::string kProfiles = "SELECT " + kProfileColumns + " FROM import_profiles WHERE organisation_id = $1 ORDER BY name";
constexpr std::string_view kInsertProfile =
    "INSERT INTO import_profiles (organisation_id, name, model, resource, version, created_at, updated_at) "
    "VALUES ($1, $2, $3, $4, 1, $5, $5) RETURNING id";
constexpr std::string_view kBumpProfile =
    "UPDATE import_profiles SET version = version + 1, model = $1, resource = $2, updated_at = $3 WHERE id = $4 RETURNING version";
constexpr std::string_view kInsertProfileVersion =
    "INSERT INTO import_profile_versions (profile_id, version, document, created_at, created_by) VALUES ($1, $2, $3, $4, $5)";
constexpr std::string_view kProfileVersions =
    "SELECT profile_id, version, document, created_at, created_by FROM import_profile_versions WHERE profile_id = $1 "
    "ORDER BY version DESC";
constexpr std::string_view kProfileVersion =
    "SELECT profile_id, version, document, created_at, created_by FROM import_profile_versions WHERE profile_id = $1 "
    "AND version = $2";

json parseJson(const std::optional<std::string>& text) {
  if (!text || text->empty()) return json();
  return json::parse(*text, nullptr, false);
}

Dataset datasetFromRow(const db::Row& r) {
  Dataset d;
  d.id = r.i64(0);
  d.organisation_id = r.i64(1);
  d.organisation_name = r.str(2);
  d.title = r.str(3);
  d.description = r.str(4);
  d.model = r.str(5);
  d.resource = r.str(6);
  d.current_version = r.optI64(7);
  d.created_by = r.optI64(8);
  d.created_at = r.i64(9);
  d.updated_at = r.i64(10);
  d.rows = r.isNull(11) ? 0 : r.i64(11);
  return d;
}

Upload uploadFromRow(const db::Row& r) {
  Upload u;
  u.id = r.i64(0);
  u.organisation_id = r.i64(1);
  u.dataset_id = r.optI64(2);
  u.user_id = r.i64(3);
  u.title = r.str(4);
  u.model = r.str(5);
  u.resource = r.str(6);
  u.filename = r.str(7);
  u.size_bytes = r.i64(8);
  u.created_at = r.i64(9);
  return u;
}

DatasetVersion versionFromRow(const db::Row& r) {
  DatasetVersion v;
  v.dataset_id = r.i64(0);
  v.version = r.i64(1);
  v.status = r.str(2);
  v.upload_id = r.optI64(3);
  v.filename = r.str(4);
  v.size_bytes = r.i64(5);
  v.profile_id = r.optI64(6);
  v.profile_version = r.optI64(7);
  v.profile = parseJson(r.optStr(8));
  v.rows_total = r.i64(9);
  v.rows_valid = r.i64(10);
  v.rows_invalid = r.i64(11);
  v.rejects_exact = r.i64(12) != 0;
  v.progress_percent = static_cast<int>(r.i64(13));
  v.phase = r.str(14);
  v.cancel_requested = r.i64(15) != 0;
  v.message = r.str(16);
  v.created_by = r.optI64(17);
  v.created_at = r.i64(18);
  v.heartbeat_at = r.i64(19);
  v.finished_at = r.optI64(20);
  v.report = parseJson(r.optStr(21));
  return v;
}

ImportProfileRecord profileFromRow(const db::Row& r) {
  return ImportProfileRecord{r.i64(0), r.i64(1), r.str(2), r.str(3), r.str(4), r.i64(5), r.i64(6), r.i64(7)};
}

ImportProfileVersion profileVersionFromRow(const db::Row& r) {
  return ImportProfileVersion{r.i64(0), r.i64(1), parseJson(r.optStr(2)), r.i64(3), r.optI64(4)};
}

StoredRow storedRowFromRow(const db::Row& r) {
  StoredRow row;
  row.row_number = r.i64(0);
  row.valid = r.i64(1) != 0;
  json cells = parseJson(r.optStr(2));
  if (cells.is_array()) {
    for (const auto& c : cells) row.cells.push_back(c.is_string() ? c.get<std::string>() : std::string());
  }
  row.record = parseJson(r.optStr(3));
  row.errors = r.str(4);
  return row;
}

}  // namespace

std::optional<std::string> DatasetRepository::activeRole(int64_t organisationId, int64_t userId) {
  auto rs = db_.query(kActiveRole, {organisationId, userId});
  if (rs.empty()) return std::nullopt;
  return rs.first().str(0);
}

std::vector<std::pair<int64_t, std::string>> DatasetRepository::activeOrganisations(int64_t userId) {
  std::vector<std::pair<int64_t, std::string>> out;
  for (const auto& r : db_.query(kActiveOrganisations, {userId}).rows) out.emplace_back(r.i64(0), r.str(1));
  return out;
}

std::optional<std::string> DatasetRepository::organisationName(int64_t organisationId) {
  auto rs = db_.query(kOrganisationName, {organisationId});
  if (rs.empty()) return std::nullopt;
  return rs.first().str(0);
}

std::vector<Dataset> DatasetRepository::datasetsOfUser(int64_t userId, std::optional<int64_t> organisationId) {
  std::vector<Dataset> out;
  const int64_t filtered = organisationId ? 1 : 0, organisation = organisationId ? *organisationId : 0;
  for (const auto& r : db_.query(kDatasetsOfUser, {db::Param(userId), db::Param(filtered), db::Param(organisation)}).rows) {
    out.push_back(datasetFromRow(r));
  }
  return out;
}

std::vector<Dataset> DatasetRepository::allDatasets(std::optional<int64_t> organisationId) {
  std::vector<Dataset> out;
  const int64_t filtered = organisationId ? 1 : 0, organisation = organisationId ? *organisationId : 0;
  for (const auto& r : db_.query(kAllDatasets, {db::Param(filtered), db::Param(organisation)}).rows) {
    out.push_back(datasetFromRow(r));
  }
  return out;
}

std::optional<Dataset> DatasetRepository::dataset(int64_t id) {
  auto rs = db_.query(kDatasetById, {id});
  if (rs.empty()) return std::nullopt;
  return datasetFromRow(rs.first());
}

int64_t DatasetRepository::insertDataset(db::Connection& conn, const Dataset& d, int64_t now) {
  return conn.query(kInsertDataset, {d.organisation_id, d.title, d.description, d.model, d.resource, d.created_by, now})
      .first()
      .i64(0);
}

void DatasetRepository::setCurrentVersion(db::Connection& conn, int64_t id, std::optional<int64_t> version, int64_t now) {
  // Two statements instead of an optional parameter: GCC 12 warns (maybe-uninitialized) about the
  // std::optional → Param conversion once it is inlined here.
  if (version) {
    conn.query(kSetCurrentVersion, {*version, now, id});
  } else {
    conn.query(kClearCurrentVersion, {now, id});
  }
}

void DatasetRepository::removeDataset(int64_t id) {
  // Rows reference versions, versions the dataset; both engines cascade (SQLite: foreign_keys on).
  db_.transaction([&](db::Connection& conn) {
    conn.query("DELETE FROM dataset_rows WHERE dataset_id = $1", {id});
    conn.query(kDeleteDataset, {id});
  });
}

int64_t DatasetRepository::insertUpload(const Upload& u, const std::string& contentBase64, const std::string& sampleText,
                                        bool sampleComplete) {
  return db_.query(kInsertUpload, {u.organisation_id, u.dataset_id, u.user_id, u.title, u.model, u.resource, u.filename,
                                   u.size_bytes, contentBase64, sampleText, sampleComplete ? 1 : 0, u.created_at})
      .first()
      .i64(0);
}

std::optional<std::pair<std::string, bool>> DatasetRepository::uploadSample(int64_t id) {
  auto rs = db_.query(kUploadSample, {id});
  if (rs.empty()) return std::nullopt;
  return std::make_pair(rs.first().str(0), rs.first().i64(1) != 0);
}

std::optional<Upload> DatasetRepository::upload(int64_t id) {
  auto rs = db_.query(kUploadById, {id});
  if (rs.empty()) return std::nullopt;
  return uploadFromRow(rs.first());
}

std::optional<std::string> DatasetRepository::uploadContent(int64_t id) {
  auto rs = db_.query(kUploadContent, {id});
  if (rs.empty()) return std::nullopt;
  return rs.first().str(0);
}

void DatasetRepository::removeUpload(int64_t id) {
  db_.transaction([&](db::Connection& conn) {
    conn.query(kDetachUpload, {id});
    conn.query(kDeleteUpload, {id});
  });
}

void DatasetRepository::removeUploadsBefore(int64_t createdBefore) {
  db_.transaction([&](db::Connection& conn) {
    conn.query("UPDATE dataset_versions SET upload_id = NULL WHERE upload_id IN (SELECT id FROM dataset_uploads WHERE "
               "created_at < $1) AND status NOT IN ('queued', 'running')",
               {createdBefore});
    conn.query(kDeleteOldUploads, {createdBefore});
  });
}

bool DatasetRepository::uploadInUse(db::Connection& conn, int64_t id) {
  return conn.query(kUploadInUse, {id}).first().i64(0) > 0;
}

std::optional<std::optional<int64_t>> DatasetRepository::lockUpload(db::Connection& conn, int64_t id) {
  // SQLite transactions start with BEGIN IMMEDIATE and already hold the write lock.
  auto rs = conn.query(conn.dialect() == db::Dialect::kPostgres ? kLockUploadPostgres : kLockUploadSqlite, {id});
  if (rs.empty()) return std::nullopt;
  return rs.first().optI64(0);
}

void DatasetRepository::detachUpload(db::Connection& conn, int64_t uploadId) { conn.query(kDetachUpload, {uploadId}); }

int64_t DatasetRepository::nextVersion(db::Connection& conn, int64_t datasetId) {
  return conn.query(kNextVersion, {datasetId}).first().i64(0);
}

void DatasetRepository::insertVersion(db::Connection& conn, const DatasetVersion& v) {
  conn.query(kInsertVersion, {v.dataset_id, v.version, v.status, v.upload_id, v.filename, v.size_bytes, v.profile_id,
                              v.profile_version, v.profile.dump(), v.created_by, v.created_at, v.phase});
}

std::vector<DatasetVersion> DatasetRepository::versions(int64_t datasetId) {
  std::vector<DatasetVersion> out;
  for (const auto& r : db_.query(kVersions, {datasetId}).rows) out.push_back(versionFromRow(r));
  return out;
}

std::optional<DatasetVersion> DatasetRepository::version(int64_t datasetId, int64_t version) {
  auto rs = db_.query(kVersion, {datasetId, version});
  if (rs.empty()) return std::nullopt;
  return versionFromRow(rs.first());
}

bool DatasetRepository::claim(int64_t datasetId, int64_t version, int64_t now) {
  return db_.query(kClaim, {now, datasetId, version}).affected > 0;
}

bool DatasetRepository::progress(int64_t datasetId, int64_t version, int percent, const std::string& phase, int64_t now) {
  auto rs = db_.query(kProgress, {percent, phase, now, datasetId, version});
  return !rs.empty() && rs.first().i64(0) != 0;
}

bool DatasetRepository::requestCancel(int64_t datasetId, int64_t version) {
  return db_.query(kRequestCancel, {datasetId, version}).affected > 0;
}

bool DatasetRepository::claimCompletion(db::Connection& conn, int64_t datasetId, int64_t version, int64_t now) {
  return conn.query(kClaimCompletion, {now, datasetId, version}).affected > 0;
}

void DatasetRepository::finish(db::Connection& conn, const DatasetVersion& v, int64_t now) {
  conn.query(kFinish, {v.status, v.rows_total, v.rows_valid, v.rows_invalid, v.rejects_exact ? 1 : 0, v.progress_percent,
                       v.phase, v.message, v.report.is_null() ? std::optional<std::string>() : v.report.dump(), now,
                       v.dataset_id, v.version});
}

bool DatasetRepository::changeStatus(db::Connection& conn, int64_t datasetId, int64_t version, const std::string& from,
                                     const std::string& to, int64_t now) {
  return conn.query(kChangeStatus, {to, now, datasetId, version, from}).affected > 0;
}

void DatasetRepository::insertRow(db::Connection& conn, int64_t datasetId, int64_t version, const StoredRow& row) {
  conn.query(kInsertRow, {datasetId, version, row.row_number, row.valid ? 1 : 0, json(row.cells).dump(), row.record.dump(),
                          row.errors});
}

void DatasetRepository::insertRows(db::Connection& conn, int64_t datasetId, int64_t version,
                                   const std::vector<StoredRow>& rows) {
  // One fixed statement text for full chunks, so both engines prepare it once.
  static const std::string kInsertChunk = [] {
    std::string sql = "INSERT INTO dataset_rows (dataset_id, version, row_number, valid, cells, record, errors) VALUES ";
    for (size_t r = 0; r < kRowsPerInsert; ++r) {
      size_t p = r * 7;
      sql += (r ? ", (" : "(");
      for (size_t c = 1; c <= 7; ++c) sql += "$" + std::to_string(p + c) + (c < 7 ? ", " : ")");
    }
    return sql;
  }();
  size_t i = 0;
  std::vector<db::Param> params;
  params.reserve(kRowsPerInsert * 7);
  for (; i + kRowsPerInsert <= rows.size(); i += kRowsPerInsert) {
    params.clear();
    for (size_t r = i; r < i + kRowsPerInsert; ++r) {
      const StoredRow& row = rows[r];
      params.insert(params.end(), {datasetId, version, row.row_number, row.valid ? 1 : 0, json(row.cells).dump(),
                                   row.record.dump(), row.errors});
    }
    conn.query(kInsertChunk, params);
  }
  for (; i < rows.size(); ++i) insertRow(conn, datasetId, version, rows[i]);
}

void DatasetRepository::markInvalid(db::Connection& conn, int64_t datasetId, int64_t version, int64_t rowNumber,
                                    const std::string& errors) {
  conn.query(kMarkInvalid, {errors, datasetId, version, rowNumber});
}

void DatasetRepository::deleteRows(db::Connection& conn, int64_t datasetId, int64_t version) {
  conn.query(kDeleteRows, {datasetId, version});
}

void DatasetRepository::fillMissingErrors(db::Connection& conn, int64_t datasetId, int64_t version, const std::string& text) {
  conn.query(kFillMissingErrors, {text, datasetId, version});
}

int64_t DatasetRepository::countRows(int64_t datasetId, int64_t version, bool valid) {
  return db_.query(kCountRows, {datasetId, version, valid ? 1 : 0}).first().i64(0);
}

std::vector<StoredRow> DatasetRepository::rows(int64_t datasetId, int64_t version, bool valid, int64_t offset, int64_t limit) {
  std::vector<StoredRow> out;
  for (const auto& r : db_.query(kRows, {datasetId, version, valid ? 1 : 0, limit, offset}).rows) {
    out.push_back(storedRowFromRow(r));
  }
  return out;
}

std::optional<ImportProfileRecord> DatasetRepository::profileByName(db::Connection& conn, int64_t organisationId,
                                                                    const std::string& name) {
  auto rs = conn.query(kProfileByName, {organisationId, name});
  if (rs.empty()) return std::nullopt;
  return profileFromRow(rs.first());
}

std::optional<ImportProfileRecord> DatasetRepository::profile(int64_t id) {
  auto rs = db_.query(kProfileById, {id});
  if (rs.empty()) return std::nullopt;
  return profileFromRow(rs.first());
}

std::vector<ImportProfileRecord> DatasetRepository::profiles(int64_t organisationId) {
  std::vector<ImportProfileRecord> out;
  for (const auto& r : db_.query(kProfiles, {organisationId}).rows) out.push_back(profileFromRow(r));
  return out;
}

std::pair<int64_t, int64_t> DatasetRepository::saveProfileVersion(db::Connection& conn, int64_t organisationId,
                                                                  const std::string& name, const std::string& model,
                                                                  const std::string& resource, const std::string& document,
                                                                  std::optional<int64_t> userId, int64_t now) {
  int64_t id = 0, version = 1;
  if (auto existing = profileByName(conn, organisationId, name)) {
    id = existing->id;
    version = conn.query(kBumpProfile, {model, resource, now, id}).first().i64(0);
  } else {
    id = conn.query(kInsertProfile, {organisationId, name, model, resource, now}).first().i64(0);
  }
  conn.query(kInsertProfileVersion, {id, version, document, now, userId});
  return {id, version};
}

std::vector<ImportProfileVersion> DatasetRepository::profileVersions(int64_t profileId) {
  std::vector<ImportProfileVersion> out;
  for (const auto& r : db_.query(kProfileVersions, {profileId}).rows) out.push_back(profileVersionFromRow(r));
  return out;
}

std::optional<ImportProfileVersion> DatasetRepository::profileVersion(int64_t profileId, int64_t version) {
  auto rs = db_.query(kProfileVersion, {profileId, version});
  if (rs.empty()) return std::nullopt;
  return profileVersionFromRow(rs.first());
}

}  // namespace opgv::datasets
