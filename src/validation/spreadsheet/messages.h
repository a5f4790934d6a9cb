#pragma once
// German messages for problems with the container and the XML parts, shared by XLSX and ODS.
#include <string>
#include <string_view>

#include "validation/source_error.h"
#include "validation/spreadsheet.h"
#include "validation/spreadsheet/xml_stream.h"
#include "validation/spreadsheet/zip_archive.h"

namespace opgv::validation::spreadsheet {

// "Die Datei ist keine gültige XLSX-Datei: " + reason
SourceError invalidFileError(SpreadsheetFormat format, std::string_view reason);
SourceError passwordProtectedError(SpreadsheetFormat format);
// An OLE compound file (D0 CF 11 E0) that is not an encrypted OOXML package: an old .xls.
SourceError oldExcelFormatError();
SourceError zipError(const ZipFailure& failure, SpreadsheetFormat format, const SpreadsheetLimits& limits);
// `what` names the part for people: "Tabellenblatt „Daten“", "Die Liste der Tabellenblätter".
SourceError xmlError(const XmlParseFailure& failure, SpreadsheetFormat format, const SpreadsheetLimits& limits,
                     std::string_view part, std::string_view what);

}  // namespace opgv::validation::spreadsheet
