#pragma once
// Validating a file end to end: bytes → encoding → dialect → records → TableValidator, for CSV
// and (see spreadsheet.h) XLSX and ODS; and a resource of a Data Package with the foreign keys
// to other resources of that package resolved from their files.
//
// Memory: the file is read in 1 MiB chunks; the parser holds at most one record; only the key
// state grows (ValidationLimits::maxKeyBytes).
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "common/result.h"
#include "validation/csv_parser.h"
#include "validation/dialect.h"
#include "validation/schema.h"
#include "validation/validator.h"

namespace opgv::validation {

enum class TableFormat : uint8_t { kCsv, kXlsx, kOds };
std::string_view tableFormatName(TableFormat format);

struct FileOptions {
  std::string encoding;            // declared encoding; empty: detect
  std::optional<Dialect> dialect;  // nullopt: sniff delimiter and quoting (header row 1)
  std::optional<TableFormat> format;  // nullopt: from the content (ZIP → XLSX/ODS) and the name
  std::string sheet;               // XLSX/ODS: sheet name; empty: the first visible one
  ValidationLimits limits;
  CsvLimits csvLimits;
  // Called about every MiB with bytes read and the file size; returning false cancels (the
  // report then ends with a source-error "abgebrochen").
  std::function<bool(uint64_t done, uint64_t total)> progress;
  // validateFile/validateResource: every data row of the checked table with its values and
  // whether it is valid (for storing rows; errors found only at the end are in the report).
  std::function<void(const RowOutcome&)> onRow;
};

// The file's format from its first bytes and its name.
TableFormat detectTableFormat(std::string_view firstBytes, const std::string& fileName);

// Reads `path` into `validator` (header, rows, source errors) and fills the report's source,
// format, encoding and notes. Does not call finish(). Fails only when the file cannot be opened.
Status readTable(const std::filesystem::path& path, const FileOptions& options, TableValidator& validator);
// The same for bytes in memory (uploads); `name` is shown in messages.
Status readTableBytes(std::string_view bytes, const std::string& name, const FileOptions& options,
                      TableValidator& validator);

// One table against one schema.
Result<Report> validateFile(const std::filesystem::path& path, const Schema& schema, const FileOptions& options = {});

// One resource of a package. `path` is the data file (empty: the resource's own `path`, relative
// to `packageDir`). Resources that its foreign keys point to are read from their `path` first so
// their keys are known; their own errors are mentioned in the notes, not counted.
Result<Report> validateResource(const DataPackage& package, const std::filesystem::path& packageDir,
                                const std::string& resourceName, const std::filesystem::path& path,
                                const FileOptions& options = {});

// The start of a table as UTF-8 CSV text (comma, quotes where needed), for inference and mapping
// proposals: a CSV file's first `maxBytes` as they are; for XLSX/ODS the first `maxRows` rows of
// the sheet with typed cells in their canonical form. `complete` tells whether that is the whole
// table.
struct TableSample {
  std::string text;
  bool complete = false;
  TableFormat format = TableFormat::kCsv;
};
Result<TableSample> sampleTable(const std::filesystem::path& path, const std::string& sheet, uint64_t maxBytes,
                                int64_t maxRows);

// Dialect of a package resource (`dialect` property), if it has one.
Result<std::optional<Dialect>> resourceDialect(const Resource& resource);

}  // namespace opgv::validation
