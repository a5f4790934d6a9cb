#pragma once
// What XLSX and ODS share once cells are read: row numbering with blank rows in the gaps, header
// rows (merged cells filled, several rows joined), statistics, the row, column and cell limits,
// and error delivery.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "validation/spreadsheet.h"

namespace opgv::validation::spreadsheet {

// Delivers errors to onError and keeps the first fatal one.
class ErrorSink {
 public:
  explicit ErrorSink(const std::function<void(const SourceError&)>& onError) : onError_(onError) {}
  void report(SourceError error);  // `error.fatal` decides
  void fatal(std::string message, int64_t row = 0);
  void warn(std::string message, int64_t row);
  bool failed() const { return fatal_.has_value(); }
  const std::optional<SourceError>& fatalError() const { return fatal_; }

 private:
  const std::function<void(const SourceError&)>& onError_;
  std::optional<SourceError> fatal_;
};

// "Tabellenblatt „Daten“" – every message about a sheet starts like this.
std::string sheetLabel(std::string_view sheetName);

class SheetRows {
 public:
  SheetRows(const SpreadsheetOptions& options, const SpreadsheetReader::Handlers& handlers, const SpreadsheetLimits& limits,
            SpreadsheetStats& stats, ErrorSink& errors, std::string sheetName);

  const std::string& sheetName() const { return sheetName_; }
  bool hasHeader() const { return lastHeaderRow_ > 0; }
  bool isHeaderRow(int64_t row) const;
  // A merged (spanned) cell whose top row is a header row: columns first+1..last of that row get
  // the value of column `first`. Ignored for other rows.
  void addHeaderFill(int64_t row, size_t firstColumn, size_t lastColumn);
  // The same for each header row among rows [firstRow, firstRow + rowCount) (ODS repeated rows).
  void addHeaderFills(int64_t firstRow, int64_t rowCount, size_t firstColumn, size_t lastColumn);

  // A row with content, `repeat` times in a row (ODS number-rows-repeated). `cells` ends with a
  // non-empty cell and is at most maxColumns wide. Rows since the previous call are blank.
  // `row` must be greater than the previous one. False: a fatal error was reported.
  bool addRow(int64_t row, std::span<const SheetCell> cells, int64_t repeat = 1);
  // End of the sheet: trailing blank rows are dropped, a missing header is reported.
  bool finish();

  // "Die Zeile hat mehr als 16.384 Spalten …" for the format readers, which see it first.
  void tooManyColumns(int64_t row);

 private:
  struct HeaderFill {
    int64_t row;
    size_t first;
    size_t last;
  };
  bool deliver(int64_t row, std::span<const SheetCell> cells);
  bool deliverBlankRows(int64_t from, int64_t to);
  void emitHeader();

  const SpreadsheetOptions& options_;
  const SpreadsheetReader::Handlers& handlers_;
  const SpreadsheetLimits& limits_;
  SpreadsheetStats& stats_;
  ErrorSink& errors_;
  std::string sheetName_;

  int64_t lastHeaderRow_ = 0;  // 0 without header
  int64_t lastRow_ = 0;        // the last row delivered, blank or not
  uint64_t cells_ = 0;
  bool headerEmitted_ = false;
  std::vector<std::vector<std::string>> headerData_;
  std::vector<int64_t> headerRowsFound_;
  std::vector<HeaderFill> fills_;
};

}  // namespace opgv::validation::spreadsheet
