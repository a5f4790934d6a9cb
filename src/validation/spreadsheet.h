#pragma once
// Streaming reader for spreadsheets (XLSX and ODS), the table validator's second way in next to
// the CSV parser, with the same shape: open the file, pick a sheet, get one header and then one
// callback per row. See docs/adr/0006-spreadsheet-reader.md.
//
// How it reads:
// - The ZIP container is opened with libzip; each XML part is inflated in chunks
//   (SpreadsheetLimits::chunkBytes) straight into expat, so a sheet is never held in memory. Only
//   the shared-string table and the number formats of an XLSX are kept (both bounded).
// - XLSX merged cells (<mergeCells>) come after the rows, so when the sheet has header rows a
//   cheap first pass over the sheet's bytes collects them (no XML parsing) before the real pass.
// - Every ZIP entry is bounded (declared and actually inflated size, compression ratio, total), so
//   a "ZIP bomb" ends with a clear error; so do deeply nested or endless XML tokens, DTDs, rows
//   and columns beyond Excel's limits and ODS repetitions that would expand to too many cells.
//
// Cell values:
// - Text is passed as written (rich-text runs concatenated, OOXML `_x000D_` escapes decoded; ODS
//   paragraphs joined with "\n", `text:s`/`text:tab`/`text:line-break` expanded, white space
//   collapsed as ODF prescribes).
// - Numbers are given as Excel and LibreOffice show them: rounded to 15 significant digits (so
//   0.1+0.2 is "0.3", not the stored 0.30000000000000004), then the shortest decimal with '.'.
// - Dates, times and booleans are given in the Table Schema default forms (ISO 8601, true/false).
//   An XLSX number is a date when its number format is a date format (built-in or custom).
// - A cell whose value is empty counts as empty.
//
// Rows: `SheetRecord::row` is the row number Excel or LibreOffice shows. Rows missing between data
// rows are delivered as blank records (empty span) so that numbers stay right; blank rows after
// the last row with content are not delivered (spreadsheets often carry thousands of formatted
// empty rows).
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "validation/csv_parser.h"
#include "validation/source_error.h"

namespace opgv::validation {

enum class SpreadsheetFormat : uint8_t { kXlsx, kOds };
// "XLSX" or "ODS", for messages.
std::string_view spreadsheetFormatName(SpreadsheetFormat format);

// What kind of value a cell held in the file. Text cells are passed as written; the others are
// given in a canonical, locale-free form so the validator can cast them with the Table Schema
// defaults.
enum class CellKind : uint8_t {
  kEmpty,
  kText,
  kNumber,    // "1234.5", "-0.25", "3": 15 significant digits, no exponent for |x| in [1e-6, 1e15)
  kBoolean,   // "true" / "false"
  kDate,      // "2024-12-31"
  kDateTime,  // "2024-12-31T14:30:00" (rounded to the second)
  kTime,      // "14:30:00"
  kError,     // "#DIV/0!" etc., as the file shows it
};
// "leer", "Text", "Zahl", … (German, for messages).
std::string_view cellKindName(CellKind kind);

struct SheetCell {
  std::string_view value;  // valid only during the callback
  CellKind kind = CellKind::kEmpty;
};

struct SheetRecord {
  int64_t row = 0;                   // 1-based row number as the spreadsheet program shows it
  std::span<const SheetCell> cells;  // column A up to the last non-empty cell; empty = blank row
};

struct SheetInfo {
  std::string name;
  bool hidden = false;     // XLSX state hidden/veryHidden, ODS table style with display=false
  bool worksheet = true;   // false for XLSX chart, dialog and macro sheets: they hold no table
};

struct SpreadsheetLimits {
  uint64_t maxUncompressedBytes = uint64_t{1} << 30;  // per ZIP entry and in total
  uint64_t maxCompressionRatio = 100;  // inflated / compressed per entry over 1 MiB; 0 = no check
  uint64_t maxSharedStringsBytes = uint64_t{256} << 20;
  size_t maxColumns = 16384;           // Excel's last column XFD
  int64_t maxRows = 1'048'576;         // Excel's and LibreOffice's last row
  uint64_t maxCellBytes = uint64_t{32} << 10;  // Excel allows 32,767 characters per cell
  uint64_t maxRowBytes = uint64_t{64} << 20;   // the values of one row, as CsvLimits::maxRecordBytes
  // Cells delivered for one sheet. Only ODS can get near it: number-rows-repeated and
  // number-columns-repeated let a few bytes stand for billions of cells.
  uint64_t maxCells = 100'000'000;
  size_t chunkBytes = size_t{64} << 10;  // inflated and parsed per step (tests use tiny values)
};

struct SpreadsheetOptions {
  std::string sheet;               // sheet name; empty: sheetIndex, or else the first visible worksheet
  std::optional<int> sheetIndex;   // 1-based position in sheets(), hidden sheets included
  std::vector<int64_t> headerRows{1};  // like Dialect::headerRows; empty = no header
  std::string headerJoin = " ";
};

struct SpreadsheetStats {
  // Over the reader's lifetime (open() included): each ZIP entry counted once, however often read.
  uint64_t compressedBytes = 0;
  uint64_t uncompressedBytes = 0;
  // Of the last read():
  int64_t rows = 0;         // the last row with content (header rows included)
  int64_t dataRows = 0;     // delivered to onRecord, blank ones included
  int64_t blankRows = 0;
  int64_t skippedRows = 0;  // rows above the last header row that are not header rows
  size_t maxColumns = 0;    // widest delivered row
};

class SpreadsheetReader {
 public:
  struct Handlers {
    // Once, after the last header row: merged header cells are filled with their value (across
    // the merge's columns), then the header rows are combined with joinHeaderRows().
    // `line` is the first header row's number.
    std::function<void(const CsvHeader&)> onHeader;
    std::function<void(const SheetRecord&)> onRecord;  // data rows, blank rows included
    // Every error, fatal or not. A fatal one is also returned by read().
    std::function<void(const SourceError&)> onError;
  };
  using Stats = SpreadsheetStats;

  // Opens the container and reads the list of sheets. Errors (not a ZIP, password protection,
  // an old .xls, a ZIP bomb, missing parts) are `source-error`s turned into Error by toError().
  static Result<SpreadsheetReader> open(const std::string& path, SpreadsheetFormat format, SpreadsheetLimits limits = {});
  static Result<SpreadsheetReader> openMemory(std::string bytes, SpreadsheetFormat format, SpreadsheetLimits limits = {});

  SpreadsheetReader(SpreadsheetReader&&) noexcept;
  SpreadsheetReader& operator=(SpreadsheetReader&&) noexcept;
  ~SpreadsheetReader();

  SpreadsheetFormat format() const;
  const std::vector<SheetInfo>& sheets() const;

  // Streams the chosen sheet into the handlers. May be called again (for another sheet).
  Status read(const SpreadsheetOptions& options, const Handlers& handlers);

  const Stats& stats() const;
  // The fatal error of the last read(), if any.
  const std::optional<SourceError>& fatalError() const;

 private:
  struct Impl;
  explicit SpreadsheetReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Guesses the format from the first bytes of a file (a few KiB are enough): a ZIP whose first
// entry is an ODF `mimetype` of a spreadsheet is ODS; a ZIP mentioning `xl/` or
// `[Content_Types].xml` (and not `word/` or `ppt/`) is XLSX. An OLE compound file (D0 CF 11 E0:
// a password-protected XLSX or an old .xls) also gives kXlsx, so that open() can explain it.
// Anything else (CSV included) gives nullopt.
std::optional<SpreadsheetFormat> sniffSpreadsheet(std::string_view firstBytes);

}  // namespace opgv::validation
