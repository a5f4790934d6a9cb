#pragma once
// The table validator: header and rows of one table (from CSV, XLSX or ODS) checked against a
// Table Schema, with the frictionless error types and German messages (data-standards.md §1.1,
// §1.5). It is fed row by row and keeps only the key state (primaryKey, uniqueKeys, foreignKeys)
// across rows, so memory does not grow with the file except for that state (key_set.h).
//
// Row numbers are frictionless row numbers (header = 1); `line` is the physical line of a CSV
// record, the spreadsheet row for XLSX/ODS.
//
// Error policy: every problem with the data is a ReportError in the report, never a Result
// failure; a Result failure is only for a problem with the request (no such file, bad schema).
// The report keeps the first `maxErrors` errors and counts all of them.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "validation/key_set.h"
#include "validation/schema.h"
#include "validation/source_error.h"
#include "validation/value.h"

namespace opgv::validation {

namespace codes {
inline constexpr std::string_view kBlankRow = "blank-row";
inline constexpr std::string_view kMissingCell = "missing-cell";
inline constexpr std::string_view kExtraCell = "extra-cell";
inline constexpr std::string_view kDuplicateLabel = "duplicate-label";
inline constexpr std::string_view kBlankLabel = "blank-label";
inline constexpr std::string_view kPrimaryKey = "primary-key";
inline constexpr std::string_view kForeignKey = "foreign-key";
// Not a data error: a limit of the validator was reached (key memory), so some checks stopped.
inline constexpr std::string_view kLimitError = "limit-error";
}  // namespace codes

struct ReportError {
  std::string code;     // frictionless error type
  std::string message;  // German, complete, names the position
  std::string note;     // machine detail: the constraint ("minimum"), "type/format", …
  int64_t row = 0;      // 0: about the file or the header as a whole
  int64_t line = 0;
  std::string field;     // schema field name (or the label for label errors)
  int64_t fieldNumber = 0;  // 1-based column in the file; 0: not about one cell
  std::string cell;      // the raw cell, cut to 200 bytes
};

struct ValidationLimits {
  size_t maxErrors = 1000;  // errors kept in the report; all are counted
  // Memory for primary-key, unique and foreign-key state. When it is exceeded, those checks stop
  // (one limit-error says so) and the rest of the validation goes on.
  uint64_t maxKeyBytes = uint64_t{1} << 30;
};

struct ReportStats {
  int64_t rows = 0;        // data rows checked (blank ones included)
  int64_t errors = 0;      // all errors, also those beyond maxErrors
  uint64_t bytes = 0;      // bytes of the file
  double seconds = 0;
  int64_t invalidRows = 0;
  uint64_t keyBytes = 0;   // peak memory of the key state
  size_t keys = 0;         // keys held
};

struct Report {
  bool valid = true;
  ReportStats stats;
  std::vector<ReportError> errors;
  std::map<std::string, int64_t> errorCounts;  // by code, all errors
  bool truncated = false;                      // more errors than were kept
  bool fatal = false;                          // reading stopped early (source/encoding error)
  // What was read, for the report header.
  std::string source;          // file name as given
  std::string format;          // csv, xlsx, ods
  std::string encoding;        // detected or declared
  std::string resource;        // resource name in a package, if any
  std::vector<std::string> labels;
  std::vector<std::string> notes;  // German remarks (detected encoding, dialect)
};

// One cell as the readers deliver it.
struct CellInput {
  std::string_view value;
  // The value is in the canonical, locale-free form of a typed spreadsheet cell ("1234.5",
  // "2024-12-31", "true"), so it is cast with the Table Schema defaults and not with the field's
  // text format (a German decimal comma applies to text, not to a number cell).
  bool canonical = false;
  bool null = false;  // CSV nullSequence
};

// What the validator hands on for every data row (for storage, import and previews).
struct RowOutcome {
  int64_t row = 0;
  std::span<const Value> values;               // one per schema field, null where missing or invalid
  std::span<const std::string_view> cells;     // raw cells per schema field ("" where absent)
  bool valid = true;                           // no error in this row (foreign keys are checked later, see below)
  bool blank = false;
};

class TableValidator {
 public:
  TableValidator(const Schema& schema, ValidationLimits limits = {});
  ~TableValidator();
  TableValidator(const TableValidator&) = delete;
  TableValidator& operator=(const TableValidator&) = delete;

  // Keys of another resource that this table's foreign keys point to (resource name →
  // set of keys, each its parts' appendUniqueKey one after the other, as collectKeys makes
  // them). Must be given before the first row.
  void setReferencedKeys(const std::string& resource, std::shared_ptr<const KeySet> keys);
  // Resources whose foreign keys need the keys of this table: collect them while validating.
  // `fields` are the referenced fields.
  void collectKeys(const std::vector<std::string>& fields);
  std::shared_ptr<const KeySet> collectedKeys() const;

  void setRowCallback(std::function<void(const RowOutcome&)> callback) { onRow_ = std::move(callback); }

  // The labels of the table; without a header row, pass the schema's field names.
  void header(const std::vector<std::string>& labels, int64_t headerRow, int64_t line);
  // An estimate of the table's row count (from the file size and the rows read so far). Sizes the
  // key state once instead of growing it step by step; at most a quarter of maxKeyBytes is set
  // aside this way.
  void expectRows(uint64_t rows);
  void row(int64_t row, int64_t line, std::span<const CellInput> cells);
  // Errors from reading the file (encoding, quoting, zip); fatal ones end the report.
  void sourceError(const SourceError& error);
  // Metadata of the source (file name, format, encoding, bytes, notes) from the reader.
  void setSourceInfo(const Report& info);
  // Resolves self-referencing foreign keys, fills stats. Call once.
  Report finish();

  const Report& report() const { return report_; }
  int64_t errorCount() const { return report_.stats.errors; }

 private:
  struct Impl;
  void resolveDeferredKeys();
  void reportDuplicateKey(size_t uniqueIndex, int64_t row, int64_t line, int64_t first, const std::string& shown);
  std::unique_ptr<Impl> impl_;
  Report report_;
  std::function<void(const RowOutcome&)> onRow_;
};

// Excel-style column name for a 1-based column: 1 → A, 28 → AB.
std::string columnLetters(int64_t column);

}  // namespace opgv::validation
