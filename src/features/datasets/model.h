#pragma once
// Datasets: an organisation's data in the shape of a harmonised model. Each upload goes through an
// import profile (column mapping) and the model check and becomes a version; rows are stored.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace opgv::datasets {

// Life of a version: queued → running → imported (no errors) or review (errors: the user keeps
// the valid rows → imported, or discards). cancelled: stopped while running; failed: the file or
// profile could not be used (message says why).
namespace status {
inline constexpr const char* kQueued = "queued";
inline constexpr const char* kRunning = "running";
inline constexpr const char* kReview = "review";
inline constexpr const char* kImported = "imported";
inline constexpr const char* kCancelled = "cancelled";
inline constexpr const char* kDiscarded = "discarded";
inline constexpr const char* kFailed = "failed";
}  // namespace status
std::string statusLabel(const std::string& status);  // German
bool isFinished(const std::string& status);          // no more work will happen

struct Dataset {
  int64_t id = 0;
  int64_t organisation_id = 0;
  std::string organisation_name;
  std::string title;
  std::string description;
  std::string model;
  std::string resource;
  std::optional<int64_t> current_version;
  std::optional<int64_t> created_by;
  int64_t created_at = 0;
  int64_t updated_at = 0;
  int64_t rows = 0;  // valid rows of the current version
};

struct DatasetVersion {
  int64_t dataset_id = 0;
  int64_t version = 0;
  std::string status;
  std::optional<int64_t> upload_id;  // still there while the version can be mapped again
  std::string filename;
  int64_t size_bytes = 0;
  std::optional<int64_t> profile_id;
  std::optional<int64_t> profile_version;
  nlohmann::json profile;  // the import profile it ran with
  int64_t rows_total = 0;
  int64_t rows_valid = 0;
  int64_t rows_invalid = 0;
  // Every invalid row is known (false when errors were found only at the end and more errors
  // occurred than the report keeps: keeping "the valid rows" is then not offered).
  bool rejects_exact = true;
  int progress_percent = 0;
  std::string phase;  // German, e.g. „Werte prüfen“
  bool cancel_requested = false;
  std::string message;
  nlohmann::json report;  // {"source": report, "result": report, "notes": [...], "stats": {...}}
  std::optional<int64_t> created_by;
  int64_t created_at = 0;
  int64_t heartbeat_at = 0;
  std::optional<int64_t> finished_at;
};

struct Upload {
  int64_t id = 0;
  int64_t organisation_id = 0;
  std::optional<int64_t> dataset_id;  // a new version of this dataset; nullopt: a new dataset
  int64_t user_id = 0;
  std::string title;
  std::string model;
  std::string resource;
  std::string filename;
  int64_t size_bytes = 0;
  int64_t created_at = 0;
};

struct ImportProfileRecord {
  int64_t id = 0;
  int64_t organisation_id = 0;
  std::string name;
  std::string model;
  std::string resource;
  int64_t version = 0;  // latest
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

struct ImportProfileVersion {
  int64_t profile_id = 0;
  int64_t version = 0;
  nlohmann::json document;
  int64_t created_at = 0;
  std::optional<int64_t> created_by;
};

struct StoredRow {
  int64_t row_number = 0;
  bool valid = true;
  std::vector<std::string> cells;  // texts per model field as they came out of the profile
  nlohmann::json record;           // typed values per model field (null where missing or invalid)
  std::string errors;              // German messages of an invalid row
};

}  // namespace opgv::datasets
