#include "common/strings.h"
#include "validation/validate_file.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <cstdio>
#include <fstream>
#include <memory>
#include <set>

#include <nlohmann/json.hpp>

#include "validation/encoding.h"
#include "validation/spreadsheet.h"

namespace opgv::validation {

namespace {

namespace fs = std::filesystem;

constexpr size_t kChunk = size_t{1} << 20;
constexpr size_t kSample = size_t{64} << 10;

std::string inQuotesDe(std::string_view text) { return "„" + std::string(text) + "“"; }

bool endsWith(std::string_view text, std::string_view suffix) {
  if (text.size() < suffix.size()) return false;
  for (size_t i = 0; i < suffix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[text.size() - suffix.size() + i])) != suffix[i]) return false;
  }
  return true;
}

// Pulls bytes from a file or from memory, the same way for both.
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Up to `max` bytes; empty at the end.
  virtual std::string_view next(size_t max) = 0;
  virtual uint64_t size() const = 0;
};

class MemorySource : public ByteSource {
 public:
  explicit MemorySource(std::string_view bytes) : bytes_(bytes) {}
  std::string_view next(size_t max) override {
    auto piece = bytes_.substr(pos_, max);
    pos_ += piece.size();
    return piece;
  }
  uint64_t size() const override { return bytes_.size(); }

 private:
  std::string_view bytes_;
  size_t pos_ = 0;
};

class FileSource : public ByteSource {
 public:
  FileSource(std::FILE* file, uint64_t size) : file_(file), size_(size), buffer_(kChunk, '\0') {}
  ~FileSource() override { std::fclose(file_); }
  std::string_view next(size_t max) override {
    size_t n = std::fread(buffer_.data(), 1, std::min(max, buffer_.size()), file_);
    return {buffer_.data(), n};
  }
  uint64_t size() const override { return size_; }

 private:
  std::FILE* file_;
  uint64_t size_;
  std::string buffer_;
};

// The CSV pipeline: transcoder → parser → validator. `head` are bytes already taken from the
// source for detection; they are fed first.
void readCsv(ByteSource& source, std::string head, const std::string& name, const FileOptions& options,
             TableValidator& validator, Report& report) {
  const bool complete = head.size() < kSample;
  auto guess = chooseEncoding(options.encoding, head, complete);
  if (!guess) {
    validator.sourceError(SourceError{std::string(codes::kEncodingError), guess.error().message, 0, 0, 0, true});
    return;
  }
  report.encoding = std::string(encodingName(guess->encoding));
  if (!isSupported(guess->encoding)) {
    validator.sourceError(SourceError{std::string(codes::kEncodingError),
                                      "Die Datei ist als " + std::string(encodingName(guess->encoding)) +
                                          " (Unicode-Text mit 2 Byte je Zeichen) gespeichert. Bitte in Excel "
                                          "„Speichern unter“ → „CSV UTF-8 (durch Trennzeichen getrennt)“ wählen.",
                                      0, 0, 0, true});
    return;
  }
  if (!guess->note.empty()) report.notes.push_back(guess->note);

  Utf8Transcoder transcoder(guess->encoding);
  std::string text;
  auto transcodeFailed = [&](const Status& status) {
    if (status) return false;
    if (transcoder.error()) {
      validator.sourceError(*transcoder.error());
    } else {
      validator.sourceError(SourceError{std::string(codes::kEncodingError), status.error().message, 0, 0, 0, true});
    }
    return true;
  };
  if (transcodeFailed(transcoder.feed(head, text))) return;

  Dialect dialect;
  if (options.dialect) {
    dialect = *options.dialect;
  } else {
    auto sniffed = sniffDialect(text, complete);
    dialect.delimiter = sniffed.dialect.delimiter;
    dialect.quoteChar = sniffed.dialect.quoteChar;
    dialect.skipInitialSpace = sniffed.dialect.skipInitialSpace;
    if (!sniffed.note.empty()) report.notes.push_back(sniffed.note);
  }

  bool sawHeader = !dialect.header;
  int64_t dataRows = 0;
  std::vector<CellInput> cells;
  CsvParser parser(
      dialect,
      CsvParser::Handlers{
          .onRecord =
              [&](const CsvRecord& record) {
                ++dataRows;
                cells.resize(record.fields.size());
                for (size_t i = 0; i < record.fields.size(); ++i) {
                  cells[i] = CellInput{record.fields[i].value, false, record.fields[i].null};
                }
                validator.row(record.row, record.line, cells);
              },
          .onHeader =
              [&](const CsvHeader& header) {
                sawHeader = true;
                validator.header(header.labels, header.rows.empty() ? 1 : header.rows.back(), header.line);
              },
          .onError = [&](const SourceError& error) { validator.sourceError(error); },
      },
      options.csvLimits);

  uint64_t done = head.size();
  if (!parser.feed(text)) return;
  if (dataRows > 0 && source.size() > done) {
    validator.expectRows(static_cast<uint64_t>(dataRows) * source.size() / done * 21 / 20);
  }
  while (true) {
    auto piece = source.next(kChunk);
    if (piece.empty()) break;
    done += piece.size();
    text.clear();
    if (transcodeFailed(transcoder.feed(piece, text))) return;
    if (!parser.feed(text)) return;
    if (options.progress && !options.progress(done, source.size())) {
      validator.sourceError(SourceError{std::string(codes::kSourceError),
                                        "Die Prüfung wurde abgebrochen; Zeilen nach Byte " + formatCount(done) +
                                            " wurden nicht gelesen.",
                                        0, 0, done, true});
      return;
    }
  }
  text.clear();
  if (transcodeFailed(transcoder.finish(text))) return;
  if (!parser.feed(text)) return;
  if (!parser.finish()) return;
  if (sawHeader && dataRows == 0 && dialect.header) {
    validator.sourceError(SourceError{std::string(codes::kSourceError),
                                      "Die Datei " + inQuotesDe(name) +
                                          " enthält nur die Kopfzeile und keine Datenzeilen.",
                                      0, 0, 0, false});
  }
  report.notes.push_back("Gelesen als CSV, Trennzeichen " +
                         (dialect.delimiter == "\t" ? std::string("Tabulator") : inQuotesDe(dialect.delimiter)) +
                         ", Zeilenende " + std::string(lineEndingName(parser.stats().lineEnding())) + ".");
}

}  // namespace

std::string_view tableFormatName(TableFormat format) {
  switch (format) {
    case TableFormat::kCsv: return "csv";
    case TableFormat::kXlsx: return "xlsx";
    case TableFormat::kOds: return "ods";
  }
  return "csv";
}

TableFormat detectTableFormat(std::string_view firstBytes, const std::string& fileName) {
  if (auto sniffed = sniffSpreadsheet(firstBytes)) {
    return *sniffed == SpreadsheetFormat::kOds ? TableFormat::kOds : TableFormat::kXlsx;
  }
  bool zip = firstBytes.substr(0, 4) == std::string_view("PK\x03\x04", 4);
  if (zip) return endsWith(fileName, ".ods") ? TableFormat::kOds : TableFormat::kXlsx;
  if (endsWith(fileName, ".xlsx") || endsWith(fileName, ".xlsm")) return TableFormat::kXlsx;
  if (endsWith(fileName, ".ods")) return TableFormat::kOds;
  return TableFormat::kCsv;
}

namespace {

// XLSX and ODS: typed cells arrive in canonical form and are cast with the Table Schema defaults
// (CellInput::canonical); text cells are cast with the field's own formats, like CSV.
void readSpreadsheet(Result<SpreadsheetReader> opened, const FileOptions& options, TableValidator& validator,
                     Report& report) {
  if (!opened) {
    // open() speaks Result (toError appends the error type); the report has its own code field.
    std::string message = opened.error().message;
    const std::string suffix = " (Fehlerart: " + std::string(codes::kSourceError) + ")";
    if (message.ends_with(suffix)) message.resize(message.size() - suffix.size());
    validator.sourceError(SourceError{std::string(codes::kSourceError), message, 0, 0, 0, true});
    return;
  }
  SpreadsheetOptions sheetOptions;
  sheetOptions.sheet = options.sheet;
  if (options.dialect) {
    sheetOptions.headerRows = options.dialect->header ? options.dialect->headerRows : std::vector<int64_t>{};
    sheetOptions.headerJoin = options.dialect->headerJoin;
  }
  std::vector<CellInput> cells;
  int64_t dataRows = 0;
  size_t headerWidth = 0;
  bool sawHeader = sheetOptions.headerRows.empty();
  SpreadsheetReader::Handlers handlers{
      .onHeader =
          [&](const CsvHeader& header) {
            sawHeader = true;
            headerWidth = header.labels.size();
            validator.header(header.labels, header.rows.empty() ? 1 : header.rows.back(), header.line);
          },
      .onRecord =
          [&](const SheetRecord& record) {
            ++dataRows;
            // A spreadsheet row has no length of its own: it ends at its last filled cell. Empty
            // cells at its end are empty values, not missing cells as in a short CSV line.
            cells.assign(record.cells.empty() ? 0 : std::max(record.cells.size(), headerWidth), CellInput{});
            for (size_t i = 0; i < record.cells.size(); ++i) {
              const SheetCell& cell = record.cells[i];
              bool canonical = cell.kind == CellKind::kNumber || cell.kind == CellKind::kBoolean ||
                               cell.kind == CellKind::kDate || cell.kind == CellKind::kDateTime ||
                               cell.kind == CellKind::kTime;
              cells[i] = CellInput{cell.value, canonical, false};
            }
            validator.row(record.row, record.row, cells);
          },
      .onError = [&](const SourceError& error) { validator.sourceError(error); },
  };
  auto status = opened->read(sheetOptions, handlers);
  if (!status && !opened->fatalError()) {
    validator.sourceError(SourceError{std::string(codes::kSourceError), status.error().message, 0, 0, 0, true});
    return;
  }
  if (!status) return;
  if (sawHeader && dataRows == 0 && !sheetOptions.headerRows.empty()) {
    validator.sourceError(SourceError{std::string(codes::kSourceError),
                                      "Das Tabellenblatt enthält nur die Kopfzeile und keine Datenzeilen.", 0, 0, 0, false});
  }
  std::string sheetName = options.sheet;
  if (sheetName.empty()) {
    for (const auto& sheet : opened->sheets()) {
      if (!sheet.hidden && sheet.worksheet) {
        sheetName = sheet.name;
        break;
      }
    }
  }
  const size_t sheets = opened->sheets().size();
  report.notes.push_back("Gelesen als " + std::string(spreadsheetFormatName(opened->format())) + ", Tabellenblatt „" +
                         sheetName + "“ (" + (sheets == 1 ? std::string("das einzige Blatt der Datei")
                                                             : std::to_string(sheets) + " Blätter in der Datei") + ").");
}

Status readFrom(ByteSource& source, const std::string& name, const FileOptions& options, TableValidator& validator,
                const std::function<Result<SpreadsheetReader>(SpreadsheetFormat)>& openSpreadsheet) {
  Report meta;  // source metadata, handed to the validator at the end
  std::string head;
  while (head.size() < kSample) {
    auto piece = source.next(kSample - head.size());
    if (piece.empty()) break;
    head.append(piece);
  }
  TableFormat format = options.format.value_or(detectTableFormat(head, name));
  meta.source = name;
  meta.format = std::string(tableFormatName(format));
  meta.stats.bytes = source.size();
  if (format != TableFormat::kCsv) {
    readSpreadsheet(openSpreadsheet(format == TableFormat::kOds ? SpreadsheetFormat::kOds : SpreadsheetFormat::kXlsx),
                    options, validator, meta);
  } else {
    readCsv(source, std::move(head), name, options, validator, meta);
  }
  validator.setSourceInfo(meta);
  return {};
}

}  // namespace

Status readTable(const fs::path& path, const FileOptions& options, TableValidator& validator) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    return fail(ErrorCode::kInvalidInput, inQuotesDe(path.string()) + " ist ein Verzeichnis, keine Datei.");
  }
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) {
    return fail(ErrorCode::kNotFound, "Die Datei " + inQuotesDe(path.string()) + " kann nicht gelesen werden: " +
                                          std::string(std::strerror(errno)) + ".");
  }
  uint64_t size = fs::file_size(path, ec);
  if (ec) size = 0;
  FileSource source(file, size);
  return readFrom(source, path.filename().string(), options, validator,
                  [&](SpreadsheetFormat f) { return SpreadsheetReader::open(path.string(), f); });
}

Status readTableBytes(std::string_view bytes, const std::string& name, const FileOptions& options,
                      TableValidator& validator) {
  MemorySource source(bytes);
  return readFrom(source, name, options, validator,
                  [&](SpreadsheetFormat f) { return SpreadsheetReader::openMemory(std::string(bytes), f); });
}

Result<Report> validateFile(const fs::path& path, const Schema& schema, const FileOptions& options) {
  TableValidator validator(schema, options.limits);
  if (options.onRow) validator.setRowCallback(options.onRow);
  auto status = readTable(path, options, validator);
  if (!status) return std::unexpected(status.error());
  return validator.finish();
}

Result<TableSample> sampleTable(const fs::path& path, const std::string& sheet, uint64_t maxBytes, int64_t maxRows) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(ErrorCode::kNotFound, "Die Datei " + inQuotesDe(path.string()) + " kann nicht gelesen werden.");
  std::string head(kSample, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));
  TableSample sample;
  sample.format = detectTableFormat(head, path.filename().string());
  std::error_code ec;
  const uint64_t size = fs::file_size(path, ec);
  if (sample.format == TableFormat::kCsv) {
    sample.text = head;
    if (sample.text.size() < maxBytes) {
      std::string rest(maxBytes - sample.text.size(), '\0');
      in.read(rest.data(), static_cast<std::streamsize>(rest.size()));
      rest.resize(static_cast<size_t>(in.gcount()));
      sample.text += rest;
    } else {
      sample.text.resize(maxBytes);
    }
    sample.complete = !ec && size <= sample.text.size();
    return sample;
  }
  auto reader = SpreadsheetReader::open(
      path.string(), sample.format == TableFormat::kOds ? SpreadsheetFormat::kOds : SpreadsheetFormat::kXlsx);
  if (!reader) return std::unexpected(reader.error());
  int64_t rows = 0;
  bool stopped = false;
  SpreadsheetOptions options;
  options.sheet = sheet;
  options.headerRows = {};
  SpreadsheetReader::Handlers handlers{
      .onHeader = [](const CsvHeader&) {},
      .onRecord =
          [&](const SheetRecord& record) {
            if (rows > maxRows || sample.text.size() > maxBytes) {
              stopped = true;
              return;
            }
            ++rows;
            for (size_t i = 0; i < record.cells.size(); ++i) sample.text += (i ? "," : "") + strings::csvField(record.cells[i].value);
            sample.text += "\n";
          },
      .onError = [](const SourceError&) {},
  };
  auto status = reader->read(options, handlers);
  if (!status) return std::unexpected(status.error());
  sample.complete = !stopped;
  return sample;
}

Result<std::optional<Dialect>> resourceDialect(const Resource& resource) {
  auto it = resource.descriptor.find("dialect");
  if (it == resource.descriptor.end() || !it->is_object()) return std::optional<Dialect>{};
  auto dialect = parseDialect(*it);
  if (!dialect) return std::unexpected(dialect.error());
  return std::optional<Dialect>(*dialect);
}

namespace {

std::optional<std::string> resourcePath(const Resource& resource) {
  auto it = resource.descriptor.find("path");
  if (it == resource.descriptor.end()) return std::nullopt;
  if (it->is_string()) return it->get<std::string>();
  if (it->is_array() && it->size() == 1 && (*it)[0].is_string()) return (*it)[0].get<std::string>();
  return std::nullopt;
}

FileOptions optionsFor(const Resource& resource, const FileOptions& base) {
  FileOptions options = base;
  if (options.encoding.empty()) {
    auto it = resource.descriptor.find("encoding");
    if (it != resource.descriptor.end() && it->is_string()) options.encoding = it->get<std::string>();
  }
  return options;
}

// A resource path must stay inside the package folder: descriptors come from uploads too.
std::optional<fs::path> safeJoin(const fs::path& dir, const std::string& relative) {
  fs::path rel(relative);
  if (rel.is_absolute() || relative.find("://") != std::string::npos) return std::nullopt;
  for (const auto& part : rel) {
    if (part == "..") return std::nullopt;
  }
  return dir / rel;
}

}  // namespace

Result<Report> validateResource(const DataPackage& package, const fs::path& packageDir, const std::string& resourceName,
                                const fs::path& path, const FileOptions& options) {
  const Resource* resource = resourceName.empty() ? (package.resources.empty() ? nullptr : &package.resources.front())
                                                  : package.resource(resourceName);
  if (!resource) {
    std::string names;
    for (const auto& r : package.resources) names += (names.empty() ? "" : ", ") + r.name;
    return fail(ErrorCode::kNotFound, "Die Ressource " + inQuotesDe(resourceName) + " gibt es im Datenpaket nicht (vorhanden: " +
                                          names + ").");
  }
  if (!resource->schema) {
    return fail(ErrorCode::kInvalidInput, "Die Ressource " + inQuotesDe(resource->name) + " hat kein Schema.");
  }
  auto dialect = resourceDialect(*resource);
  if (!dialect) return std::unexpected(dialect.error());
  FileOptions mainOptions = optionsFor(*resource, options);
  if (!mainOptions.dialect && *dialect) mainOptions.dialect = *dialect;

  fs::path dataPath = path;
  if (dataPath.empty()) {
    auto own = resourcePath(*resource);
    auto joined = own ? safeJoin(packageDir, *own) : std::nullopt;
    if (!joined) {
      return fail(ErrorCode::kInvalidInput, "Die Ressource " + inQuotesDe(resource->name) +
                                                " nennt keine lesbare Datei (path); bitte die Datei angeben.");
    }
    dataPath = *joined;
  }

  TableValidator validator(*resource->schema, mainOptions.limits);
  std::vector<std::string> notes;
  std::set<std::string> loaded;
  for (const auto& fk : resource->schema->foreignKeys) {
    if (fk.selfReference() || loaded.count(fk.resource)) continue;
    loaded.insert(fk.resource);
    const Resource* target = package.resource(fk.resource);
    auto targetPath = target ? resourcePath(*target) : std::nullopt;
    auto joined = targetPath ? safeJoin(packageDir, *targetPath) : std::nullopt;
    if (!target || !target->schema || !joined) {
      notes.push_back("Die Daten der Ressource " + inQuotesDe(fk.resource) + " liegen nicht vor; der Fremdschlüssel darauf " +
                      "wurde nicht geprüft.");
      continue;
    }
    auto targetDialect = resourceDialect(*target);
    FileOptions targetOptions = optionsFor(*target, FileOptions{});
    targetOptions.limits = options.limits;
    if (targetDialect && *targetDialect) targetOptions.dialect = **targetDialect;
    TableValidator targetValidator(*target->schema, targetOptions.limits);
    targetValidator.collectKeys(fk.referenceFields);
    auto status = readTable(*joined, targetOptions, targetValidator);
    if (!status) {
      notes.push_back("Die Ressource " + inQuotesDe(fk.resource) + " konnte nicht gelesen werden: " + status.error().message);
      continue;
    }
    Report targetReport = targetValidator.finish();
    if (targetReport.errorCounts.count(std::string(codes::kLimitError))) {
      // Its key set is incomplete: checking against it would report existing values as missing.
      notes.push_back("Der Fremdschlüssel auf " + inQuotesDe(fk.resource) +
                      " wurde nicht geprüft: deren Schlüssel passen nicht in die Speichergrenze (--max-key-memory).");
      continue;
    }
    if (!targetReport.valid) {
      notes.push_back("Die referenzierte Ressource " + inQuotesDe(fk.resource) + " hat selbst " +
                      formatCount(static_cast<uint64_t>(targetReport.stats.errors)) + " Fehler.");
    }
    validator.setReferencedKeys(fk.resource, targetValidator.collectedKeys());
  }
  if (options.onRow) validator.setRowCallback(options.onRow);
  auto status = readTable(dataPath, mainOptions, validator);
  if (!status) return std::unexpected(status.error());
  Report report = validator.finish();
  report.resource = resource->name;
  report.notes.insert(report.notes.begin(), notes.begin(), notes.end());
  return report;
}

}  // namespace opgv::validation
