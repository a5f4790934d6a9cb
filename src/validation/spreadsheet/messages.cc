#include "validation/spreadsheet/messages.h"

namespace opgv::validation::spreadsheet {
namespace {

SourceError fatalError(std::string message) {
  return SourceError{std::string(codes::kSourceError), std::move(message), 0, 0, 0, true};
}

std::string_view programName(SpreadsheetFormat format) {
  return format == SpreadsheetFormat::kXlsx ? "Excel" : "LibreOffice Calc";
}

std::string partName(std::string_view entry) { return "„" + std::string(entry) + "“"; }

// "5 MB", "12 KB": rounded, for sizes nobody chose (formatByteSize is exact, for limits).
std::string roughByteSize(uint64_t bytes) {
  constexpr uint64_t kKiB = 1024, kMiB = kKiB * 1024, kGiB = kMiB * 1024;
  if (bytes >= kGiB) return formatCount((bytes + kGiB / 2) / kGiB) + " GB";
  if (bytes >= kMiB) return formatCount((bytes + kMiB / 2) / kMiB) + " MB";
  if (bytes >= kKiB) return formatCount((bytes + kKiB / 2) / kKiB) + " KB";
  return formatCount(bytes) + " Byte";
}

}  // namespace

SourceError invalidFileError(SpreadsheetFormat format, std::string_view reason) {
  return fatalError("Die Datei ist keine gültige " + std::string(spreadsheetFormatName(format)) + "-Datei: " +
                    std::string(reason));
}

SourceError passwordProtectedError(SpreadsheetFormat format) {
  std::string message =
      "Die Datei ist mit einem Passwort geschützt und kann deshalb nicht geprüft werden. Bitte ohne Passwort "
      "speichern und erneut hochladen ";
  message += format == SpreadsheetFormat::kXlsx
                 ? "(in Excel: Datei › Informationen › Arbeitsmappe schützen › Mit Kennwort verschlüsseln, das "
                   "Kennwort löschen)."
                 : "(in LibreOffice: Datei › Speichern unter, das Häkchen bei „Mit Kennwort speichern“ entfernen).";
  return fatalError(std::move(message));
}

SourceError oldExcelFormatError() {
  return fatalError(
      "Die Datei ist im alten Excel-Format (.xls, Excel 97–2003) gespeichert oder ein anderes altes "
      "Office-Dokument. Bitte in Excel als „Excel-Arbeitsmappe (*.xlsx)“ speichern und erneut hochladen.");
}

SourceError zipError(const ZipFailure& failure, SpreadsheetFormat format, const SpreadsheetLimits& limits) {
  const std::string program(programName(format));
  switch (failure.problem) {
    case ZipProblem::kNotZip:
      return invalidFileError(format, "Sie ist kein ZIP-Archiv, wie es " + program +
                                          " schreibt. Vermutlich ist es eine andere Datei mit der Endung ." +
                                          std::string(format == SpreadsheetFormat::kXlsx ? "xlsx" : "ods") + " (etwa eine CSV- oder HTML-Datei), oder sie ist beschädigt.");
    case ZipProblem::kCorrupt:
      return invalidFileError(
          format, "Das ZIP-Archiv ist beschädigt oder unvollständig" +
                      (failure.entry.empty() ? std::string() : " (Teil " + partName(failure.entry) + ")") +
                      ". Vielleicht wurde sie nicht vollständig hochgeladen; bitte in " + program +
                      " neu speichern und erneut hochladen.");
    case ZipProblem::kUnreadable:
      return fatalError("Die Datei konnte nicht gelesen werden. Bitte erneut hochladen.");
    case ZipProblem::kEncrypted: return passwordProtectedError(format);
    case ZipProblem::kUnsupported:
      return invalidFileError(format, "Der Teil " + partName(failure.entry) +
                                          " ist mit einem Verfahren komprimiert, das hier nicht gelesen werden kann. "
                                          "Bitte in " + program + " neu speichern und erneut hochladen.");
    case ZipProblem::kEntryTooLarge:
      return fatalError("Die Datei ist zu groß zum Prüfen: Der Teil " + partName(failure.entry) +
                        " ist entpackt größer als " + formatByteSize(limits.maxUncompressedBytes) +
                        ", die Obergrenze je Dateiteil. Bitte die Tabelle aufteilen oder als CSV-Datei hochladen.");
    case ZipProblem::kTotalTooLarge:
      return fatalError("Die Datei ist zu groß zum Prüfen: Ihre Teile sind entpackt zusammen größer als " +
                        formatByteSize(limits.maxUncompressedBytes) +
                        ", die Obergrenze. Bitte die Tabelle aufteilen oder als CSV-Datei hochladen.");
    case ZipProblem::kRatioTooHigh:
      return fatalError("Die Datei wird nicht entpackt: Der Teil " + partName(failure.entry) + " ist mehr als " +
                        formatCount(limits.maxCompressionRatio) + "-fach komprimiert (" + roughByteSize(failure.bytes) +
                        " aus " + roughByteSize(failure.compressedBytes) +
                        "). So stark komprimierte Dateien („ZIP-Bomben“) können den Server lahmlegen und werden "
                        "deshalb abgelehnt. Bitte in " + program + " neu speichern oder als CSV-Datei hochladen.");
  }
  return invalidFileError(format, "Das ZIP-Archiv kann nicht gelesen werden.");
}

SourceError xmlError(const XmlParseFailure& failure, SpreadsheetFormat format, const SpreadsheetLimits& limits,
                     std::string_view part, std::string_view what) {
  if (const auto* zip = std::get_if<ZipFailure>(&failure)) return zipError(*zip, format, limits);
  const std::string program(programName(format));
  const XmlFailure xml = std::holds_alternative<XmlFailure>(failure) ? std::get<XmlFailure>(failure) : XmlFailure{};
  std::string where;
  if (xml.line > 0) {
    where = " in Zeile " + formatCount(static_cast<uint64_t>(xml.line)) + ", Spalte " +
            formatCount(static_cast<uint64_t>(xml.column));
  }
  std::string message = std::string(what) + " kann nicht gelesen werden: Der XML-Inhalt (" + partName(part) + ") ";
  switch (xml.kind) {
    case XmlFailure::Kind::kMalformed:
      message += "ist" + where + " fehlerhaft (Meldung des XML-Parsers: " + xml.detail +
                 "). Die Datei ist beschädigt; bitte in " + program + " neu speichern und erneut hochladen.";
      break;
    case XmlFailure::Kind::kDoctype:
      message += "enthält eine DTD-Deklaration, die in Tabellendateien nicht vorkommt und aus Sicherheitsgründen "
                 "nicht gelesen wird. Bitte in " + program + " neu speichern.";
      break;
    case XmlFailure::Kind::kTooDeep:
      message += "ist" + where + " tiefer als " + formatCount(kMaxXmlDepth) +
                 " Ebenen verschachtelt. So schreibt kein Tabellenprogramm; die Datei ist vermutlich beschädigt.";
      break;
    case XmlFailure::Kind::kTokenTooLarge:
      message += "enthält" + where + " ein einzelnes XML-Element, das größer als " +
                 formatByteSize(kMaxPendingXmlBytes) +
                 " ist. So schreibt kein Tabellenprogramm; die Datei ist vermutlich beschädigt.";
      break;
  }
  return fatalError(std::move(message));
}

}  // namespace opgv::validation::spreadsheet
