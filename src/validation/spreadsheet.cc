#include "validation/spreadsheet.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <variant>

#include "validation/spreadsheet/messages.h"
#include "validation/spreadsheet/ods.h"
#include "validation/spreadsheet/sheet_rows.h"
#include "validation/spreadsheet/xlsx.h"
#include "validation/spreadsheet/zip_archive.h"

namespace opgv::validation {

using spreadsheet::ErrorSink;
using spreadsheet::SheetRows;
using spreadsheet::ZipArchive;
using spreadsheet::ZipFailure;

namespace {

constexpr std::string_view kZipMagic = "PK\x03\x04";
constexpr std::string_view kCompoundFileMagic = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
// The stream names of an encrypted OOXML package (MS-OFFCRYPTO) in the compound file's directory,
// UTF-16LE.
constexpr std::string_view kEncryptedPackageName =
    std::string_view("E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0", 32);
constexpr size_t kMaxListedSheets = 20;

std::unexpected<Error> failWith(const SourceError& error) { return std::unexpected(toError(error)); }

// A password-protected XLSX is not a ZIP at all: Excel wraps the encrypted package in an OLE
// compound file, the container of the old .xls format.
SourceError compoundFileError(bool encrypted) {
  return encrypted ? spreadsheet::passwordProtectedError(SpreadsheetFormat::kXlsx) : spreadsheet::oldExcelFormatError();
}

bool containsEncryptedPackage(std::string_view bytes) {
  return std::search(bytes.begin(), bytes.end(), kEncryptedPackageName.begin(), kEncryptedPackageName.end()) !=
         bytes.end();
}

uint16_t readLe16(std::string_view bytes, size_t offset) {
  return static_cast<uint16_t>(static_cast<unsigned char>(bytes[offset]) |
                               (static_cast<unsigned char>(bytes[offset + 1]) << 8));
}
uint32_t readLe32(std::string_view bytes, size_t offset) {
  return static_cast<uint32_t>(readLe16(bytes, offset)) | (static_cast<uint32_t>(readLe16(bytes, offset + 2)) << 16);
}

bool equalsIgnoringAsciiCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
           return lower(x) == lower(y);
         });
}

std::string listSheets(const std::vector<SheetInfo>& sheets) {
  std::string list;
  for (size_t i = 0; i < sheets.size() && i < kMaxListedSheets; ++i) {
    if (i > 0) list += ", ";
    list += "„" + sheets[i].name + "“";
    if (sheets[i].hidden) list += " (ausgeblendet)";
  }
  if (sheets.size() > kMaxListedSheets) list += " und " + formatCount(sheets.size() - kMaxListedSheets) + " weitere";
  return list;
}

std::expected<size_t, std::string> selectSheet(const std::vector<SheetInfo>& sheets, const SpreadsheetOptions& options) {
  std::optional<size_t> index;
  if (!options.sheet.empty()) {
    for (size_t i = 0; i < sheets.size() && !index; ++i)
      if (sheets[i].name == options.sheet) index = i;
    // Excel treats sheet names case-insensitively, so "daten" names the sheet "Daten".
    for (size_t i = 0; i < sheets.size() && !index; ++i)
      if (equalsIgnoringAsciiCase(sheets[i].name, options.sheet)) index = i;
    if (!index) {
      return std::unexpected("Das Tabellenblatt „" + options.sheet + "“ gibt es in der Datei nicht. Vorhanden " +
                             (sheets.size() == 1 ? "ist " : "sind ") + listSheets(sheets) + ".");
    }
  } else if (options.sheetIndex) {
    const int wanted = *options.sheetIndex;
    if (wanted < 1 || static_cast<size_t>(wanted) > sheets.size()) {
      return std::unexpected("Die Datei hat " + std::string(sheets.size() == 1 ? "nur ein Tabellenblatt" : "nur " + formatCount(sheets.size()) + " Tabellenblätter") +
                             ", angegeben ist Nummer " + std::to_string(wanted) + ". Vorhanden " +
                             (sheets.size() == 1 ? "ist " : "sind ") + listSheets(sheets) + ".");
    }
    index = static_cast<size_t>(wanted - 1);
  } else {
    // What the person sees first when opening the file; hidden sheets are usually lookup tables.
    for (size_t i = 0; i < sheets.size() && !index; ++i)
      if (sheets[i].worksheet && !sheets[i].hidden) index = i;
    for (size_t i = 0; i < sheets.size() && !index; ++i)
      if (sheets[i].worksheet) index = i;
    if (!index) return std::unexpected(std::string("Die Datei enthält kein Tabellenblatt mit Daten, nur Diagramme."));
  }
  if (!sheets[*index].worksheet) {
    return std::unexpected("Das Blatt „" + sheets[*index].name +
                           "“ ist ein Diagramm- oder Dialogblatt und enthält keine Tabelle. Bitte ein Tabellenblatt "
                           "angeben; vorhanden sind " + listSheets(sheets) + ".");
  }
  return *index;
}

std::optional<std::string> headerRowsProblem(const std::vector<int64_t>& headerRows) {
  for (size_t i = 0; i < headerRows.size(); ++i) {
    if (headerRows[i] < 1 || (i > 0 && headerRows[i] <= headerRows[i - 1])) {
      return std::string("„headerRows“ muss Zeilennummern ab 1 in aufsteigender Reihenfolge ohne Wiederholung "
                         "enthalten.");
    }
  }
  return std::nullopt;
}

}  // namespace

std::string_view spreadsheetFormatName(SpreadsheetFormat format) {
  return format == SpreadsheetFormat::kXlsx ? "XLSX" : "ODS";
}

std::string_view cellKindName(CellKind kind) {
  switch (kind) {
    case CellKind::kEmpty: return "leer";
    case CellKind::kText: return "Text";
    case CellKind::kNumber: return "Zahl";
    case CellKind::kBoolean: return "Wahrheitswert";
    case CellKind::kDate: return "Datum";
    case CellKind::kDateTime: return "Datum mit Uhrzeit";
    case CellKind::kTime: return "Uhrzeit";
    case CellKind::kError: return "Fehlerwert";
  }
  return "leer";
}

using Book = std::variant<spreadsheet::XlsxBook, spreadsheet::OdsBook>;

namespace {

struct OpenedBook {
  ZipArchive archive;
  Book book;
  std::vector<SheetInfo> sheets;
};

Result<OpenedBook> openBook(std::expected<ZipArchive, ZipFailure> archive, SpreadsheetFormat format,
                            const SpreadsheetLimits& limits) {
  if (!archive) return failWith(spreadsheet::zipError(archive.error(), format, limits));
  if (archive->hasEncryptedEntry()) return failWith(spreadsheet::passwordProtectedError(format));
  if (format == SpreadsheetFormat::kXlsx) {
    auto book = spreadsheet::openXlsxBook(*archive, limits);
    if (!book) return failWith(book.error());
    std::vector<SheetInfo> sheets = book->sheets;
    return OpenedBook{std::move(*archive), std::move(*book), std::move(sheets)};
  }
  auto book = spreadsheet::openOdsBook(*archive, limits);
  if (!book) return failWith(book.error());
  std::vector<SheetInfo> sheets = book->sheets;
  return OpenedBook{std::move(*archive), std::move(*book), std::move(sheets)};
}

}  // namespace

struct SpreadsheetReader::Impl {
  Impl(SpreadsheetFormat format, SpreadsheetLimits limits, OpenedBook opened)
      : format(format),
        limits(limits),
        archive(std::move(opened.archive)),
        book(std::move(opened.book)),
        sheets(std::move(opened.sheets)) {
    updateByteStats();
  }

  SpreadsheetFormat format;
  SpreadsheetLimits limits;
  ZipArchive archive;
  Book book;
  std::vector<SheetInfo> sheets;
  SpreadsheetStats stats;
  std::optional<SourceError> fatal;

  void updateByteStats() {
    stats.compressedBytes = archive.compressedBytesRead();
    stats.uncompressedBytes = archive.inflatedBytes();
  }
};

SpreadsheetReader::SpreadsheetReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SpreadsheetReader::SpreadsheetReader(SpreadsheetReader&&) noexcept = default;
SpreadsheetReader& SpreadsheetReader::operator=(SpreadsheetReader&&) noexcept = default;
SpreadsheetReader::~SpreadsheetReader() = default;

Result<SpreadsheetReader> SpreadsheetReader::openMemory(std::string bytes, SpreadsheetFormat format,
                                                        SpreadsheetLimits limits) {
  if (bytes.empty()) {
    return failWith(spreadsheet::invalidFileError(format, "Sie ist leer (0 Byte)."));
  }
  if (std::string_view(bytes).starts_with(kCompoundFileMagic)) {
    return failWith(compoundFileError(containsEncryptedPackage(bytes)));
  }
  auto opened = openBook(ZipArchive::openMemory(std::move(bytes), limits), format, limits);
  if (!opened) return std::unexpected(std::move(opened.error()));
  return SpreadsheetReader(std::make_unique<Impl>(format, limits, std::move(*opened)));
}

Result<SpreadsheetReader> SpreadsheetReader::open(const std::string& path, SpreadsheetFormat format,
                                                  SpreadsheetLimits limits) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return fail(ErrorCode::kNotFound, "Die Datei konnte nicht geöffnet werden.", "cannot open " + path);
  char magic[8] = {};
  file.read(magic, sizeof magic);
  const std::string_view head(magic, static_cast<size_t>(file.gcount()));
  if (head.empty()) return failWith(spreadsheet::invalidFileError(format, "Sie ist leer (0 Byte)."));
  if (head == kCompoundFileMagic) {
    // Look through the whole file for the stream name, in chunks that overlap by its length.
    file.clear();
    file.seekg(0);
    std::string chunk(size_t{1} << 20, '\0');
    std::string carry;
    bool encrypted = false;
    while (!encrypted && file) {
      file.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
      const std::string window = carry + chunk.substr(0, static_cast<size_t>(file.gcount()));
      encrypted = containsEncryptedPackage(window);
      carry = window.substr(window.size() > kEncryptedPackageName.size() ? window.size() - kEncryptedPackageName.size() : 0);
    }
    return failWith(compoundFileError(encrypted));
  }
  file.close();
  auto opened = openBook(ZipArchive::openFile(path, limits), format, limits);
  if (!opened) return std::unexpected(std::move(opened.error()));
  return SpreadsheetReader(std::make_unique<Impl>(format, limits, std::move(*opened)));
}

SpreadsheetFormat SpreadsheetReader::format() const { return impl_->format; }
const std::vector<SheetInfo>& SpreadsheetReader::sheets() const { return impl_->sheets; }
const SpreadsheetStats& SpreadsheetReader::stats() const { return impl_->stats; }
const std::optional<SourceError>& SpreadsheetReader::fatalError() const { return impl_->fatal; }

Status SpreadsheetReader::read(const SpreadsheetOptions& options, const Handlers& handlers) {
  Impl& impl = *impl_;
  impl.fatal.reset();
  impl.stats = SpreadsheetStats{};
  ErrorSink errors(handlers.onError);
  auto finish = [&]() -> Status {
    impl.updateByteStats();
    if (!errors.failed()) return {};
    impl.fatal = errors.fatalError();
    return failWith(*impl.fatal);
  };

  if (auto problem = headerRowsProblem(options.headerRows)) {
    errors.report(SourceError{std::string(codes::kDialectError), std::move(*problem), 0, 0, 0, true});
    return finish();
  }
  const auto index = selectSheet(impl.sheets, options);
  if (!index) {
    errors.fatal(index.error());
    return finish();
  }
  SheetRows rows(options, handlers, impl.limits, impl.stats, errors, impl.sheets[*index].name);
  bool ok = false;
  if (auto* xlsx = std::get_if<spreadsheet::XlsxBook>(&impl.book)) {
    ok = spreadsheet::readXlsxSheet(*xlsx, impl.archive, *index, impl.limits, rows, errors);
  } else {
    ok = spreadsheet::readOdsSheet(std::get<spreadsheet::OdsBook>(impl.book), impl.archive, *index, impl.limits, rows,
                                   errors);
  }
  if (!ok && !errors.failed()) {
    errors.fatal(spreadsheet::sheetLabel(impl.sheets[*index].name) + " konnte nicht gelesen werden.");
  }
  return finish();
}

std::optional<SpreadsheetFormat> sniffSpreadsheet(std::string_view firstBytes) {
  if (firstBytes.starts_with(kCompoundFileMagic)) return SpreadsheetFormat::kXlsx;  // open() explains it
  if (!firstBytes.starts_with(kZipMagic)) return std::nullopt;
  // Walk the local file headers that fit into the bytes we have. An ODF package starts with the
  // stored entry "mimetype", so its content is right there.
  size_t offset = 0;
  bool sawContentTypes = false;
  while (offset + 30 <= firstBytes.size() && firstBytes.substr(offset, 4) == kZipMagic) {
    const uint16_t flags = readLe16(firstBytes, offset + 6);
    const uint32_t compressedSize = readLe32(firstBytes, offset + 18);
    const uint16_t nameLength = readLe16(firstBytes, offset + 26);
    const uint16_t extraLength = readLe16(firstBytes, offset + 28);
    if (offset + 30 + nameLength > firstBytes.size()) break;
    const std::string_view name = firstBytes.substr(offset + 30, nameLength);
    const size_t dataOffset = offset + 30 + nameLength + extraLength;
    if (name == "mimetype") {
      const std::string_view type = dataOffset < firstBytes.size() ? firstBytes.substr(dataOffset) : std::string_view();
      return type.starts_with("application/vnd.oasis.opendocument.spreadsheet") ? std::optional(SpreadsheetFormat::kOds)
                                                                                : std::nullopt;
    }
    if (name.starts_with("xl/")) return SpreadsheetFormat::kXlsx;
    if (name.starts_with("word/") || name.starts_with("ppt/")) return std::nullopt;
    if (name == "[Content_Types].xml") sawContentTypes = true;
    if ((flags & 0x08) != 0) break;  // sizes follow the data: the next header cannot be found
    offset = dataOffset + compressedSize;
  }
  // Headers we could not walk to: look for the names anywhere in the bytes.
  if (firstBytes.find("xl/") != std::string_view::npos) return SpreadsheetFormat::kXlsx;
  if (firstBytes.find("word/") != std::string_view::npos || firstBytes.find("ppt/") != std::string_view::npos) {
    return std::nullopt;
  }
  if (sawContentTypes || firstBytes.find("[Content_Types].xml") != std::string_view::npos) return SpreadsheetFormat::kXlsx;
  return std::nullopt;
}

}  // namespace opgv::validation
