#pragma once
// ODS (OpenDocument spreadsheet): the sheet list from content.xml and the streaming table reader.
#include <expected>
#include <vector>

#include "validation/spreadsheet.h"
#include "validation/spreadsheet/sheet_rows.h"
#include "validation/spreadsheet/zip_archive.h"

namespace opgv::validation::spreadsheet {

struct OdsBook {
  std::vector<SheetInfo> sheets;
};

// Checks the package (mimetype, encryption in the manifest) and lists the tables of content.xml.
// The list needs one pass over content.xml, because the tables follow each other in it.
std::expected<OdsBook, SourceError> openOdsBook(ZipArchive& archive, const SpreadsheetLimits& limits);

// Streams table `index` of content.xml into `rows`; the tables before it are skipped, those
// after it are not parsed. False: a fatal error has been reported to `errors`.
bool readOdsSheet(const OdsBook& book, ZipArchive& archive, size_t index, const SpreadsheetLimits& limits,
                  SheetRows& rows, ErrorSink& errors);

}  // namespace opgv::validation::spreadsheet
