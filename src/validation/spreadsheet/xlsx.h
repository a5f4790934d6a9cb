#pragma once
// XLSX (Office Open XML SpreadsheetML, transitional and strict): workbook, relationships, shared
// strings, number formats and the streaming worksheet reader.
#include <cstdint>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "validation/spreadsheet.h"
#include "validation/spreadsheet/cell_values.h"
#include "validation/spreadsheet/sheet_rows.h"
#include "validation/spreadsheet/zip_archive.h"

namespace opgv::validation::spreadsheet {

// The shared-string table: all strings in one buffer.
class SharedStrings {
 public:
  size_t size() const { return ends_.size(); }
  std::string_view at(size_t index) const {
    const size_t begin = index == 0 ? 0 : ends_[index - 1];
    return std::string_view(text_).substr(begin, ends_[index] - begin);
  }
  // Longer than maxCellBytes in the file, cut when loaded.
  bool truncated(size_t index) const;

  // Bytes held, the per-string bookkeeping included (what maxSharedStringsBytes bounds).
  uint64_t bytes() const { return text_.size() + ends_.size() * sizeof(size_t); }
  void add(std::string_view text, bool truncated);

 private:
  std::string text_;
  std::vector<size_t> ends_;
  std::vector<size_t> truncated_;  // ascending indices
};

struct XlsxBook {
  std::vector<SheetInfo> sheets;
  std::vector<std::string> sheetParts;  // ZIP entry of each sheet, parallel to `sheets`
  bool date1904 = false;
  std::string sharedStringsPart;  // empty when the workbook has none
  std::string stylesPart;

  // Loaded on the first read().
  bool detailsLoaded = false;
  SharedStrings sharedStrings;
  std::vector<TemporalKind> cellFormatKinds;  // per cellXfs entry (the `s` attribute of a cell)
};

// Reads the workbook's sheet list (via _rels/.rels, the workbook part and its relationships).
std::expected<XlsxBook, SourceError> openXlsxBook(ZipArchive& archive, const SpreadsheetLimits& limits);

// Streams sheet `index` into `rows`. False: a fatal error has been reported to `errors`.
bool readXlsxSheet(XlsxBook& book, ZipArchive& archive, size_t index, const SpreadsheetLimits& limits,
                   SheetRows& rows, ErrorSink& errors);

// Resolves a relationship target against the directory of the part that refers to it:
// ("xl/", "worksheets/sheet1.xml") → "xl/worksheets/sheet1.xml"; "/xl/x.xml" is absolute.
std::string resolvePartName(std::string_view baseDirectory, std::string_view target);

}  // namespace opgv::validation::spreadsheet
