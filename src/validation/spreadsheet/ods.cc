#include "validation/spreadsheet/ods.h"

#include <algorithm>
#include <limits>
#include <string>
#include <unordered_set>

#include "validation/spreadsheet/cell_values.h"
#include "validation/spreadsheet/messages.h"
#include "validation/spreadsheet/xml_stream.h"

namespace opgv::validation::spreadsheet {
namespace {

constexpr std::string_view kOfficeNs = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
constexpr std::string_view kTableNs = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
constexpr std::string_view kTextNs = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
constexpr std::string_view kStyleNs = "urn:oasis:names:tc:opendocument:xmlns:style:1.0";
// LibreOffice marks error cells (#DIV/0! …) only in its own extension namespace.
constexpr std::string_view kCalcExtNs = "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0";
constexpr std::string_view kSpreadsheetMimeType = "application/vnd.oasis.opendocument.spreadsheet";
constexpr std::string_view kContentPart = "content.xml";

constexpr size_t kMaxTables = 10'000;
constexpr size_t kMaxHiddenStyles = 10'000;
constexpr uint64_t kMaxManifestBytes = uint64_t{4} << 20;
// Repetition counts saturate here; anything near it is far beyond every row and column limit.
constexpr int64_t kCountCap = std::numeric_limits<int64_t>::max() / 4;

int64_t saturatingAdd(int64_t a, int64_t b) { return a > kCountCap - b ? kCountCap : a + b; }

int64_t repetition(const XmlAttributes& attributes, std::string_view local) {
  const auto value = attributes.get(local, kTableNs);
  if (!value) return 1;
  return std::clamp<int64_t>(parseCount(*value).value_or(1), 1, kCountCap);
}

class OdsIndexHandler final : public XmlHandler {
 public:
  struct Table {
    std::string name;
    std::string style;
  };
  std::vector<Table> tables;
  std::unordered_set<std::string> hiddenStyles;

  void startElement(const XmlName& name, const XmlAttributes& attributes) override {
    ++depth_;
    if (name.is(kStyleNs, "style")) {
      if (attributes.get("family", kStyleNs) == std::optional<std::string_view>("table")) {
        tableStyle_ = attributes.get("name", kStyleNs).value_or("");
        styleDepth_ = depth_;
      }
    } else if (name.is(kStyleNs, "table-properties") && styleDepth_ > 0 && depth_ == styleDepth_ + 1) {
      if (attributes.get("display", kTableNs) == std::optional<std::string_view>("false") &&
          hiddenStyles.size() < kMaxHiddenStyles) {
        hiddenStyles.insert(tableStyle_);
      }
    } else if (name.is(kOfficeNs, "spreadsheet")) {
      spreadsheetDepth_ = depth_;
    } else if (name.is(kTableNs, "table") && spreadsheetDepth_ > 0 && depth_ == spreadsheetDepth_ + 1 &&
               tables.size() < kMaxTables) {
      tables.push_back({std::string(attributes.get("name", kTableNs).value_or("")),
                        std::string(attributes.get("style-name", kTableNs).value_or(""))});
    }
  }
  void endElement(const XmlName&) override {
    if (depth_ == styleDepth_) styleDepth_ = 0;
    if (depth_ == spreadsheetDepth_) requestStop();  // settings after the tables are not needed
    --depth_;
  }
  void characters(std::string_view) override {}

 private:
  int depth_ = 0;
  int styleDepth_ = 0;
  int spreadsheetDepth_ = 0;
  std::string tableStyle_;
};

class OdsSheetHandler final : public XmlHandler {
 public:
  OdsSheetHandler(size_t target, const SpreadsheetLimits& limits, SheetRows& rows, ErrorSink& errors)
      : target_(target), limits_(limits), rows_(rows), errors_(errors) {}

  void startElement(const XmlName& name, const XmlAttributes& attributes) override {
    if (skip_ > 0) {
      ++skip_;
      return;
    }
    State next = State::kSkip;
    switch (stack_.back()) {
      case State::kStart: next = State::kRoot; break;
      case State::kRoot:
        if (name.is(kOfficeNs, "body")) next = State::kBody;
        break;
      case State::kBody:
        if (name.is(kOfficeNs, "spreadsheet")) next = State::kSpreadsheet;
        break;
      case State::kSpreadsheet:
        // Other tables are skipped whole, without callbacks for their content.
        if (name.is(kTableNs, "table") && tableIndex_++ == target_) next = State::kTable;
        break;
      case State::kTable:
      case State::kRowGroup:
        if (name.is(kTableNs, "table-row")) {
          beginRow(attributes);
          next = State::kRow;
        } else if (name.ns == kTableNs &&
                   (name.local == "table-header-rows" || name.local == "table-row-group" || name.local == "table-rows")) {
          next = State::kRowGroup;
        }
        break;
      case State::kRow:
        if (name.ns == kTableNs && (name.local == "table-cell" || name.local == "covered-table-cell")) {
          beginCell(attributes);
          next = State::kCell;
        }
        break;
      case State::kCell:
        // Only paragraphs are the cell's text; annotations (comments), shapes and images are not.
        if (name.ns == kTextNs && (name.local == "p" || name.local == "h")) {
          beginParagraph();
          next = State::kParagraph;
        }
        break;
      case State::kParagraph:
      case State::kSpan: next = inlineElement(name, attributes); break;
      default: break;
    }
    if (next == State::kSkip) {
      skip_ = 1;
    } else {
      stack_.push_back(next);
    }
  }

  void endElement(const XmlName&) override {
    if (skip_ > 0) {
      --skip_;
      return;
    }
    const State ending = stack_.back();
    stack_.pop_back();
    switch (ending) {
      case State::kTable: requestStop(); break;  // the tables after it are not needed
      case State::kRow: endRow(); break;
      case State::kCell: endCell(); break;
      default: break;
    }
  }

  void characters(std::string_view data) override {
    if (skip_ > 0 || (stack_.back() != State::kParagraph && stack_.back() != State::kSpan)) return;
    // ODF 1.2 §6.1.2: tabs, line breaks and runs of spaces collapse to one space, and white space
    // at the start and end of a paragraph is ignored; real spaces are written as text:s.
    scratch_.clear();
    for (char c : data) {
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        if (paragraphHasText_) pendingSpace_ = true;
        continue;
      }
      if (pendingSpace_) {
        scratch_.push_back(' ');
        pendingSpace_ = false;
      }
      scratch_.push_back(c);
      paragraphHasText_ = true;
    }
    appendCapped(text_, scratch_, limits_.maxCellBytes, truncated_);
  }

  bool found() const { return tableIndex_ > target_; }

 private:
  enum class State : uint8_t {
    kStart, kRoot, kBody, kSpreadsheet, kTable, kRowGroup, kRow, kCell, kParagraph, kSpan, kMarker, kSkip,
  };
  enum class ValueType : uint8_t { kNone, kNumber, kDate, kTime, kBoolean, kString, kOther };
  struct Slot {
    size_t offset = 0;
    size_t size = 0;
    CellKind kind = CellKind::kEmpty;
  };

  State inlineElement(const XmlName& name, const XmlAttributes& attributes) {
    if (name.ns != kTextNs) return State::kSkip;  // shapes and frames (draw:*), office:annotation
    if (name.local == "s") {
      // Only as many spaces as still fit (one more marks the cut): a file with a million
      // <text:s text:c="1000000000"/> must not make a million huge strings.
      const uint64_t room = limits_.maxCellBytes > text_.size() ? limits_.maxCellBytes - text_.size() : 0;
      const uint64_t count = static_cast<uint64_t>(
          std::max<int64_t>(parseCount(attributes.get("c", kTextNs).value_or("1")).value_or(1), 1));
      literal(std::string(static_cast<size_t>(std::min(count, room + 1)), ' '));
      return State::kMarker;
    }
    if (name.local == "tab") {
      literal("\t");
      return State::kMarker;
    }
    if (name.local == "line-break") {
      literal("\n");
      return State::kMarker;
    }
    // Footnotes and ruby annotations are not part of the paragraph's text (ODF 1.2 §6.1.1).
    if (name.local == "note" || name.local == "ruby-text") return State::kSkip;
    return State::kSpan;  // span, a, ruby-base, fields (sheet-name, date …): their text counts
  }

  void literal(std::string_view text) {
    if (pendingSpace_) {
      appendCapped(text_, " ", limits_.maxCellBytes, truncated_);
      pendingSpace_ = false;
    }
    appendCapped(text_, text, limits_.maxCellBytes, truncated_);
    paragraphHasText_ = true;
  }

  void beginParagraph() {
    if (paragraphs_++ > 0) appendCapped(text_, "\n", limits_.maxCellBytes, truncated_);
    pendingSpace_ = false;
    paragraphHasText_ = false;
  }

  void beginRow(const XmlAttributes& attributes) {
    rowRepeat_ = repetition(attributes, "number-rows-repeated");
    column_ = 0;
    pendingEmpty_ = 0;
    arena_.clear();
    slots_.clear();
  }

  void beginCell(const XmlAttributes& attributes) {
    columnRepeat_ = repetition(attributes, "number-columns-repeated");
    columnSpan_ = repetition(attributes, "number-columns-spanned");
    isError_ = attributes.get("value-type", kCalcExtNs) == std::optional<std::string_view>("error");
    const std::string_view type = attributes.get("value-type", kOfficeNs).value_or("");
    typedValue_.clear();
    stringValue_.clear();
    if (type == "float" || type == "percentage" || type == "currency") {
      valueType_ = ValueType::kNumber;
      typedValue_ = attributes.get("value", kOfficeNs).value_or("");
    } else if (type == "date") {
      valueType_ = ValueType::kDate;
      typedValue_ = attributes.get("date-value", kOfficeNs).value_or("");
    } else if (type == "time") {
      valueType_ = ValueType::kTime;
      typedValue_ = attributes.get("time-value", kOfficeNs).value_or("");
    } else if (type == "boolean") {
      valueType_ = ValueType::kBoolean;
      typedValue_ = attributes.get("boolean-value", kOfficeNs).value_or("");
    } else {
      valueType_ = type.empty() ? ValueType::kNone : type == "string" ? ValueType::kString : ValueType::kOther;
    }
    if (const auto value = attributes.get("string-value", kOfficeNs)) {
      bool ignored = false;
      appendCapped(stringValue_, *value, limits_.maxCellBytes, ignored);
    }
    text_.clear();
    truncated_ = false;
    paragraphs_ = 0;
  }

  int64_t currentRow() const { return nextRow_; }

  // The value of the cell that just ended, appended to arena_.
  CellKind convertValue() {
    auto asText = [&]() {
      arena_ += text_.empty() ? stringValue_ : text_;
      return CellKind::kText;
    };
    if (isError_) {
      arena_ += text_.empty() ? stringValue_ : text_;
      return CellKind::kError;
    }
    switch (valueType_) {
      case ValueType::kNumber:
        if (canonicalNumber(typedValue_, arena_)) return CellKind::kNumber;
        return asText();
      case ValueType::kDate:
        if (typedValue_.empty()) return asText();
        return isoToTemporal(typedValue_, arena_);
      case ValueType::kTime:
        if (typedValue_.empty()) return asText();
        return durationToTime(typedValue_, arena_);
      case ValueType::kBoolean:
        if (typedValue_ == "true" || typedValue_ == "1") {
          arena_ += "true";
          return CellKind::kBoolean;
        }
        if (typedValue_ == "false" || typedValue_ == "0") {
          arena_ += "false";
          return CellKind::kBoolean;
        }
        return asText();
      case ValueType::kString:
      case ValueType::kOther:
      case ValueType::kNone:
        // Without a value type a cell is empty for LibreOffice, but hand-written files put plain
        // paragraphs in cells; their text is what a reader sees.
        return asText();
    }
    return asText();
  }

  void endCell() {
    const size_t begin = arena_.size();
    CellKind kind = convertValue();
    if (truncated_) {
      errors_.warn(sheetLabel(rows_.sheetName()) + ", Zelle " + columnName(static_cast<size_t>(column_ + pendingEmpty_)) +
                       std::to_string(currentRow()) + ": Der Inhalt ist länger als " +
                       formatByteSize(limits_.maxCellBytes) + " und wurde für die Prüfung gekürzt.",
                   currentRow());
    }
    const size_t size = arena_.size() - begin;
    if (size == 0) {
      arena_.resize(begin);
      // Empty cells are only counted: rows end in thousands of repeated empty cells.
      pendingEmpty_ = saturatingAdd(pendingEmpty_, columnRepeat_);
      return;
    }
    const int64_t start = saturatingAdd(column_, pendingEmpty_);
    if (saturatingAdd(start, columnRepeat_) > static_cast<int64_t>(limits_.maxColumns)) {
      rows_.tooManyColumns(std::min(currentRow(), limits_.maxRows));
      abort();
      return;
    }
    if (arena_.size() > limits_.maxRowBytes) {
      errors_.fatal(sheetLabel(rows_.sheetName()) + ", Zeile " + formatCount(static_cast<uint64_t>(currentRow())) +
                        ": Die Zeile enthält mehr als " + formatByteSize(limits_.maxRowBytes) +
                        " Text, mehr als hier geprüft werden kann.",
                    currentRow());
      abort();
      return;
    }
    slots_.resize(static_cast<size_t>(start));
    slots_.insert(slots_.end(), static_cast<size_t>(columnRepeat_), Slot{begin, size, kind});
    if (columnSpan_ > 1) {
      rows_.addHeaderFills(currentRow(), rowRepeat_, static_cast<size_t>(start),
                           static_cast<size_t>(std::min<int64_t>(start + columnSpan_ - 1, kCountCap)));
    }
    column_ = start + columnRepeat_;
    pendingEmpty_ = 0;
  }

  void endRow() {
    const int64_t row = currentRow();
    nextRow_ = saturatingAdd(nextRow_, rowRepeat_);
    if (slots_.empty()) return;  // blank (trailing empty cells are never materialised)
    cells_.resize(slots_.size());
    for (size_t i = 0; i < slots_.size(); ++i) {
      const Slot& slot = slots_[i];
      cells_[i] = slot.kind == CellKind::kEmpty ? SheetCell{}
                                                : SheetCell{std::string_view(arena_.data() + slot.offset, slot.size), slot.kind};
    }
    if (!rows_.addRow(row, cells_, rowRepeat_)) abort();
  }

  const size_t target_;
  const SpreadsheetLimits& limits_;
  SheetRows& rows_;
  ErrorSink& errors_;
  std::vector<State> stack_{State::kStart};
  int skip_ = 0;
  size_t tableIndex_ = 0;

  int64_t nextRow_ = 1;
  int64_t rowRepeat_ = 1;
  int64_t column_ = 0;        // materialised columns of the row
  int64_t pendingEmpty_ = 0;  // empty cells after them, materialised only if content follows

  int64_t columnRepeat_ = 1;
  int64_t columnSpan_ = 1;
  ValueType valueType_ = ValueType::kNone;
  bool isError_ = false;
  std::string typedValue_;
  std::string stringValue_;
  std::string text_;
  std::string scratch_;
  bool truncated_ = false;
  int paragraphs_ = 0;
  bool pendingSpace_ = false;
  bool paragraphHasText_ = false;

  std::string arena_;
  std::vector<Slot> slots_;
  std::vector<SheetCell> cells_;
};

}  // namespace

std::expected<OdsBook, SourceError> openOdsBook(ZipArchive& archive, const SpreadsheetLimits& limits) {
  constexpr SpreadsheetFormat kFormat = SpreadsheetFormat::kOds;
  if (const auto mimeEntry = archive.find("mimetype")) {
    auto mime = archive.readAll(*mimeEntry, 4096);
    if (!mime) return std::unexpected(zipError(mime.error(), kFormat, limits));
    const std::string_view type(*mime);
    if (type.substr(0, kSpreadsheetMimeType.size()) != kSpreadsheetMimeType) {
      if (type.starts_with("application/vnd.oasis.opendocument.")) {
        return std::unexpected(invalidFileError(kFormat, "Sie ist ein anderes OpenDocument-Dokument (zum Beispiel ein "
                                                         "Text oder eine Präsentation), keine Tabelle."));
      }
      return std::unexpected(invalidFileError(kFormat, "Ihr Inhaltstyp (mimetype) ist nicht der einer ODS-Tabelle."));
    }
  } else if (archive.find("xl/workbook.xml") || archive.find("[Content_Types].xml")) {
    return std::unexpected(invalidFileError(kFormat, "Sie ist eine Excel-Datei (Office Open XML), keine ODS-Tabelle. "
                                                     "Bitte als XLSX-Datei hochladen."));
  }
  // An encrypted ODF package is a normal ZIP whose parts are encrypted by ODF itself; the
  // manifest says so.
  if (const auto manifestEntry = archive.find("META-INF/manifest.xml")) {
    auto manifest = archive.readAll(*manifestEntry, kMaxManifestBytes);
    if (manifest && manifest->find("encryption-data") != std::string::npos) {
      return std::unexpected(passwordProtectedError(kFormat));
    }
  }
  const auto content = archive.find(kContentPart);
  if (!content) {
    return std::unexpected(invalidFileError(kFormat, "Der Teil „content.xml“ mit den Tabellen fehlt. Bitte in "
                                                     "LibreOffice neu speichern und erneut hochladen."));
  }
  OdsIndexHandler index;
  auto parsed = parseXmlEntry(archive, *content, index, limits.chunkBytes);
  if (!parsed) return std::unexpected(xmlError(parsed.error(), kFormat, limits, content->name, "Die Liste der Tabellen"));
  if (index.tables.empty()) return std::unexpected(invalidFileError(kFormat, "Sie enthält keine Tabelle."));
  OdsBook book;
  for (const auto& table : index.tables) {
    SheetInfo info;
    info.name = table.name;
    info.hidden = !table.style.empty() && index.hiddenStyles.contains(table.style);
    book.sheets.push_back(std::move(info));
  }
  return book;
}

bool readOdsSheet(const OdsBook&, ZipArchive& archive, size_t index, const SpreadsheetLimits& limits, SheetRows& rows,
                  ErrorSink& errors) {
  const auto content = archive.find(kContentPart);
  if (!content) {
    errors.fatal("Der Teil „content.xml“ mit den Tabellen fehlt.");
    return false;
  }
  OdsSheetHandler handler(index, limits, rows, errors);
  auto parsed = parseXmlEntry(archive, *content, handler, limits.chunkBytes);
  if (!parsed) {
    if (!std::holds_alternative<HandlerAborted>(parsed.error())) {
      errors.report(xmlError(parsed.error(), SpreadsheetFormat::kOds, limits, content->name, sheetLabel(rows.sheetName())));
    }
    return false;
  }
  if (errors.failed()) return false;
  if (!handler.found()) {
    errors.fatal(sheetLabel(rows.sheetName()) + " fehlt in content.xml. Die Datei ist beschädigt.");
    return false;
  }
  return rows.finish();
}

}  // namespace opgv::validation::spreadsheet
