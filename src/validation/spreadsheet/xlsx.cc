#include "validation/spreadsheet/xlsx.h"

#include <algorithm>
#include <cstring>
#include <unordered_map>

#include "validation/spreadsheet/messages.h"
#include "validation/spreadsheet/xml_stream.h"

namespace opgv::validation::spreadsheet {
namespace {

// Bounds for lists a hostile workbook could make arbitrarily long; real files stay far below.
constexpr size_t kMaxRelationships = 100'000;
constexpr size_t kMaxSheets = 10'000;
constexpr size_t kMaxNumberFormats = 100'000;
constexpr size_t kMaxCellFormats = 1'000'000;  // Excel itself allows 64,000

constexpr std::string_view kRelationshipsNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr std::string_view kStrictRelationshipsNs = "http://purl.oclc.org/ooxml/officeDocument/relationships";

bool endsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

bool isBlank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && isBlank(text.front())) text.remove_prefix(1);
  while (!text.empty() && isBlank(text.back())) text.remove_suffix(1);
  return text;
}

// "xl/workbook.xml" → "xl/_rels/workbook.xml.rels"
std::string relationshipsPartOf(std::string_view part) {
  const size_t slash = part.rfind('/');
  const std::string_view directory = slash == std::string_view::npos ? std::string_view() : part.substr(0, slash + 1);
  const std::string_view file = slash == std::string_view::npos ? part : part.substr(slash + 1);
  return std::string(directory) + "_rels/" + std::string(file) + ".rels";
}

std::string directoryOf(std::string_view part) {
  const size_t slash = part.rfind('/');
  return slash == std::string_view::npos ? std::string() : std::string(part.substr(0, slash + 1));
}

// Elements the handlers do not know are skipped with their whole subtree.
class SkippingHandler : public XmlHandler {
 protected:
  int skip_ = 0;
};

struct Relationship {
  std::string id;
  std::string type;
  std::string target;
  bool external = false;
};

class RelationshipsHandler final : public XmlHandler {
 public:
  std::vector<Relationship> relationships;

  void startElement(const XmlName& name, const XmlAttributes& attributes) override {
    if (!name.is("Relationship") || relationships.size() >= kMaxRelationships) return;
    Relationship relationship;
    relationship.id = attributes.get("Id").value_or("");
    relationship.type = attributes.get("Type").value_or("");
    relationship.target = attributes.get("Target").value_or("");
    relationship.external = attributes.get("TargetMode") == std::optional<std::string_view>("External");
    relationships.push_back(std::move(relationship));
  }
  void endElement(const XmlName&) override {}
  void characters(std::string_view) override {}

  const Relationship* byId(std::string_view id) const {
    for (const auto& relationship : relationships)
      if (relationship.id == id && !relationship.external) return &relationship;
    return nullptr;
  }
  const Relationship* byType(std::string_view typeSuffix) const {
    for (const auto& relationship : relationships)
      if (endsWith(relationship.type, typeSuffix) && !relationship.external) return &relationship;
    return nullptr;
  }
};

class WorkbookHandler final : public XmlHandler {
 public:
  struct Sheet {
    std::string name;
    std::string state;
    std::string relationshipId;
  };
  bool date1904 = false;
  std::vector<Sheet> sheets;

  void startElement(const XmlName& name, const XmlAttributes& attributes) override {
    if (name.is("workbookPr")) {
      const auto flag = attributes.get("date1904");
      date1904 = flag == std::optional<std::string_view>("1") || flag == std::optional<std::string_view>("true");
    } else if (name.is("sheet") && sheets.size() < kMaxSheets) {
      Sheet sheet;
      sheet.name = attributes.get("name").value_or("");
      sheet.state = attributes.get("state").value_or("visible");
      sheet.relationshipId =
          attributes.get("id", kRelationshipsNs).value_or(attributes.get("id", kStrictRelationshipsNs).value_or(""));
      sheets.push_back(std::move(sheet));
    }
  }
  void endElement(const XmlName& name) override {
    if (name.is("sheets")) requestStop();  // defined names, calculation settings etc. are not needed
  }
  void characters(std::string_view) override {}
};

class SharedStringsHandler final : public SkippingHandler {
 public:
  SharedStringsHandler(SharedStrings& out, const SpreadsheetLimits& limits, ErrorSink& errors)
      : out_(out), limits_(limits), errors_(errors) {}

  void startElement(const XmlName& name, const XmlAttributes&) override {
    if (skip_ > 0) {
      ++skip_;
      return;
    }
    State next = State::kSkip;
    switch (stack_.back()) {
      case State::kStart: next = State::kTable; break;
      case State::kTable:
        if (name.is("si")) {
          current_.clear();
          truncated_ = false;
          next = State::kItem;
        }
        break;
      // Phonetic runs (rPh, the furigana of Japanese text) are not part of the text.
      case State::kItem: next = name.is("t") ? State::kText : name.is("r") ? State::kRun : State::kSkip; break;
      case State::kRun: next = name.is("t") ? State::kText : State::kSkip; break;
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
    if (ending != State::kItem) return;
    decodeOoxmlEscapes(current_);
    out_.add(current_, truncated_);
    if (out_.bytes() > limits_.maxSharedStringsBytes) {
      errors_.fatal("Die Datei enthält mehr als " + formatByteSize(limits_.maxSharedStringsBytes) +
                    " Text in der Liste gemeinsamer Texte (xl/sharedStrings.xml), mehr als hier geprüft werden kann. "
                    "Bitte die Tabelle aufteilen oder als CSV-Datei hochladen.");
      abort();
    }
  }

  void characters(std::string_view text) override {
    if (skip_ == 0 && stack_.back() == State::kText) appendCapped(current_, text, limits_.maxCellBytes, truncated_);
  }

 private:
  enum class State : uint8_t { kStart, kTable, kItem, kRun, kText, kSkip };
  SharedStrings& out_;
  const SpreadsheetLimits& limits_;
  ErrorSink& errors_;
  std::vector<State> stack_{State::kStart};
  std::string current_;
  bool truncated_ = false;
};

class StylesHandler final : public XmlHandler {
 public:
  std::unordered_map<int64_t, TemporalKind> customFormats;
  std::vector<int64_t> cellFormatIds;

  void startElement(const XmlName& name, const XmlAttributes& attributes) override {
    ++depth_;
    if (depth_ == 2) {
      section_ = name.is("numFmts") ? Section::kNumberFormats : name.is("cellXfs") ? Section::kCellFormats : Section::kNone;
    } else if (depth_ == 3 && section_ == Section::kNumberFormats && name.is("numFmt")) {
      const auto id = parseCount(attributes.get("numFmtId").value_or(""));
      if (id && customFormats.size() < kMaxNumberFormats) {
        customFormats[*id] = classifyFormatCode(attributes.get("formatCode").value_or(""));
      }
    } else if (depth_ == 3 && section_ == Section::kCellFormats && name.is("xf") &&
               cellFormatIds.size() < kMaxCellFormats) {
      cellFormatIds.push_back(parseCount(attributes.get("numFmtId").value_or("0")).value_or(0));
    }
  }
  void endElement(const XmlName&) override {
    if (depth_ == 2) section_ = Section::kNone;
    --depth_;
  }
  void characters(std::string_view) override {}

 private:
  enum class Section : uint8_t { kNone, kNumberFormats, kCellFormats };
  int depth_ = 0;
  Section section_ = Section::kNone;
};

// Finds <mergeCell ref="B1:C1"/> (with any prefix) in the raw bytes of a worksheet, without an XML
// parser: the merges follow the rows, and this pass only costs the inflating. Character data
// cannot hold a literal '<', so "<mergeCell" or "<x:mergeCell" always starts an element.
class MergeScanner {
 public:
  explicit MergeScanner(SheetRows& rows) : rows_(rows) {}

  void feed(std::string_view chunk) {
    static constexpr std::string_view kName = "mergeCell";
    window_.append(chunk);
    size_t pos = 0;
    size_t consumed = 0;
    size_t unfinished = std::string::npos;
    for (;;) {
      const void* found = memmem(window_.data() + pos, window_.size() - pos, kName.data(), kName.size());
      if (found == nullptr) break;
      const size_t hit = static_cast<size_t>(static_cast<const char*>(found) - window_.data());
      pos = hit + kName.size();
      const size_t open = tagOpen(hit);
      if (open == std::string::npos) continue;
      if (pos >= window_.size()) {
        unfinished = open;
        break;
      }
      const char next = window_[pos];
      if (!isBlank(next) && next != '/' && next != '>') continue;  // <mergeCells>
      const size_t close = window_.find('>', pos);
      if (close == std::string::npos) {
        unfinished = open;
        break;
      }
      element(std::string_view(window_).substr(pos, close - pos));
      pos = consumed = close + 1;
    }
    // Keep an unfinished element (if it is of sane size), or else a tail long enough to hold the
    // start of one ("<prefix:mergeCel"), but nothing already handled.
    static constexpr size_t kTail = 80;
    static constexpr size_t kMaxElement = 4096;
    size_t keep = window_.size() > kTail ? window_.size() - kTail : 0;
    if (unfinished != std::string::npos && window_.size() - unfinished <= kMaxElement) keep = unfinished;
    keep = std::max(keep, consumed);
    window_.erase(0, keep);
  }

 private:
  static bool isNameChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
           c == '.';
  }

  // Where the tag of the name at `hit` opens ('<' or '<prefix:'), npos if it is not a tag name.
  size_t tagOpen(size_t hit) const {
    if (hit == 0) return std::string::npos;
    if (window_[hit - 1] == '<') return hit - 1;
    if (window_[hit - 1] != ':') return std::string::npos;
    size_t k = hit - 1;
    while (k > 0 && hit - k < 64 && isNameChar(window_[k - 1])) --k;
    if (k == 0 || k == hit - 1 || window_[k - 1] != '<') return std::string::npos;
    return k - 1;
  }

  void element(std::string_view attributes) {
    for (size_t i = attributes.find("ref"); i != std::string_view::npos; i = attributes.find("ref", i + 3)) {
      if (i == 0 || !isBlank(attributes[i - 1])) continue;
      size_t j = i + 3;
      while (j < attributes.size() && isBlank(attributes[j])) ++j;
      if (j >= attributes.size() || attributes[j] != '=') continue;
      ++j;
      while (j < attributes.size() && isBlank(attributes[j])) ++j;
      if (j >= attributes.size() || (attributes[j] != '"' && attributes[j] != '\'')) continue;
      const size_t end = attributes.find(attributes[j], j + 1);
      if (end == std::string_view::npos) return;
      range(attributes.substr(j + 1, end - j - 1));
      return;
    }
  }

  void range(std::string_view ref) {
    const size_t colon = ref.find(':');
    if (colon == std::string_view::npos) return;
    const auto first = parseCellRef(ref.substr(0, colon));
    const auto last = parseCellRef(ref.substr(colon + 1));
    if (!first || !last || first->row == 0 || last->row == 0) return;
    rows_.addHeaderFill(std::min(first->row, last->row), std::min(first->column, last->column),
                        std::max(first->column, last->column));
  }

  SheetRows& rows_;
  std::string window_;
};

class XlsxSheetHandler final : public SkippingHandler {
 public:
  XlsxSheetHandler(const XlsxBook& book, const SpreadsheetLimits& limits, SheetRows& rows, ErrorSink& errors)
      : book_(book), limits_(limits), rows_(rows), errors_(errors) {}

  void startElement(const XmlName& name, const XmlAttributes& attributes) override {
    if (skip_ > 0) {
      ++skip_;
      return;
    }
    State next = State::kSkip;
    switch (stack_.back()) {
      case State::kStart: next = State::kWorksheet; break;
      case State::kWorksheet:
        if (name.is("sheetData")) next = State::kSheetData;
        break;
      case State::kSheetData:
        if (name.is("row")) {
          beginRow(attributes);
          next = State::kRow;
        }
        break;
      case State::kRow:
        if (name.is("c")) {
          beginCell(attributes);
          next = State::kCell;
        }
        break;
      case State::kCell:
        if (name.is("v")) {
          next = State::kValue;
        } else if (name.is("is")) {
          hasInlineString_ = true;
          next = State::kInlineString;
        }
        break;
      // Phonetic runs (rPh) are not part of the text.
      case State::kInlineString: next = name.is("t") ? State::kText : name.is("r") ? State::kRun : State::kSkip; break;
      case State::kRun: next = name.is("t") ? State::kText : State::kSkip; break;
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
      case State::kCell: endCell(); break;
      case State::kRow: endRow(); break;
      case State::kSheetData: requestStop(); break;  // merges, print settings etc. follow; not needed here
      default: break;
    }
  }

  void characters(std::string_view text) override {
    if (skip_ > 0) return;
    if (stack_.back() == State::kValue) {
      appendCapped(value_, text, limits_.maxCellBytes, truncated_);
    } else if (stack_.back() == State::kText) {
      appendCapped(inline_, text, limits_.maxCellBytes, truncated_);
    }
  }

 private:
  enum class State : uint8_t { kStart, kWorksheet, kSheetData, kRow, kCell, kValue, kInlineString, kRun, kText, kSkip };
  enum class CellType : uint8_t { kNumber, kSharedString, kInlineString, kFormulaString, kBoolean, kError, kIsoDate };
  struct Slot {
    const char* external = nullptr;  // into the shared strings, else into arena_
    size_t offset = 0;
    size_t size = 0;
    CellKind kind = CellKind::kEmpty;
  };

  std::string cellName() const { return columnName(column_) + std::to_string(row_); }

  void fatal(std::string message) {
    errors_.fatal(sheetLabel(rows_.sheetName()) + ", " + std::move(message), row_);
    abort();
  }

  void beginRow(const XmlAttributes& attributes) {
    int64_t number = lastRowElement_ + 1;
    if (const auto r = attributes.get("r")) {
      const auto parsed = parseCount(*r);
      if (!parsed || *parsed == 0) {
        row_ = number;
        fatal("Zeile " + formatCount(static_cast<uint64_t>(number)) + ": Die Zeilennummer „" +
              std::string(r->substr(0, 40)) + "“ ist ungültig. Die Datei ist beschädigt.");
        return;
      }
      number = *parsed;
    }
    if (number <= lastRowElement_) {
      row_ = number;
      fatal("Zeile " + formatCount(static_cast<uint64_t>(number)) + ": Die Zeilen stehen nicht in aufsteigender "
            "Reihenfolge (vorher kam Zeile " + formatCount(static_cast<uint64_t>(lastRowElement_)) +
            "). Die Datei ist beschädigt.");
      return;
    }
    row_ = lastRowElement_ = number;
    nextColumn_ = 0;
    arena_.clear();
    slots_.clear();
  }

  void beginCell(const XmlAttributes& attributes) {
    column_ = nextColumn_;
    if (const auto ref = attributes.get("r")) {
      if (const auto parsed = parseCellRef(*ref)) column_ = parsed->column;
    }
    if (column_ >= limits_.maxColumns) {
      rows_.tooManyColumns(row_);
      abort();
      return;
    }
    nextColumn_ = column_ + 1;
    const std::string_view type = attributes.get("t").value_or("n");
    type_ = type == "s"           ? CellType::kSharedString
            : type == "inlineStr" ? CellType::kInlineString
            : type == "str"       ? CellType::kFormulaString
            : type == "b"         ? CellType::kBoolean
            : type == "e"         ? CellType::kError
            : type == "d"         ? CellType::kIsoDate
                                  : CellType::kNumber;
    style_ = static_cast<size_t>(parseCount(attributes.get("s").value_or("0")).value_or(0));
    value_.clear();
    inline_.clear();
    truncated_ = false;
    hasInlineString_ = false;
  }

  TemporalKind styleKind() const {
    return style_ < book_.cellFormatKinds.size() ? book_.cellFormatKinds[style_] : TemporalKind::kNone;
  }

  void endCell() {
    const size_t begin = arena_.size();
    std::string_view external;
    bool isExternal = false;
    CellKind kind = CellKind::kEmpty;
    // Some writers put an inline string into a cell without t="inlineStr".
    if (hasInlineString_ && (type_ == CellType::kNumber || type_ == CellType::kFormulaString)) {
      type_ = CellType::kInlineString;
    }
    switch (type_) {
      case CellType::kSharedString: {
        if (trimmed(value_).empty()) break;
        const auto index = parseCount(value_);
        const SharedStrings& strings = book_.sharedStrings;
        if (!index || static_cast<uint64_t>(*index) >= strings.size()) {
          errors_.warn(sheetLabel(rows_.sheetName()) + ", Zelle " + cellName() +
                           ": Die Zelle verweist auf den gemeinsamen Text Nr. " + std::string(trimmed(value_).substr(0, 20)) +
                           ", den die Datei nicht enthält. Die Zelle wird als leer gelesen; die Datei ist beschädigt.",
                       row_);
          break;
        }
        external = strings.at(static_cast<size_t>(*index));
        isExternal = true;
        kind = CellKind::kText;
        if (strings.truncated(static_cast<size_t>(*index))) truncated_ = true;
        break;
      }
      case CellType::kInlineString:
      case CellType::kFormulaString: {
        std::string& text = type_ == CellType::kInlineString && hasInlineString_ ? inline_ : value_;
        decodeOoxmlEscapes(text);
        arena_ += text;
        kind = CellKind::kText;
        break;
      }
      case CellType::kBoolean: {
        const std::string_view value = trimmed(value_);
        if (value.empty()) break;
        if (value == "1" || value == "true") {
          arena_ += "true";
          kind = CellKind::kBoolean;
        } else if (value == "0" || value == "false") {
          arena_ += "false";
          kind = CellKind::kBoolean;
        } else {
          arena_ += value_;
          kind = CellKind::kText;
        }
        break;
      }
      case CellType::kError:
        arena_ += value_;
        kind = CellKind::kError;
        break;
      case CellType::kIsoDate: {
        if (trimmed(value_).empty()) break;
        kind = isoToTemporal(value_, arena_);
        const TemporalKind shown = styleKind();
        if (kind == CellKind::kDateTime && shown == TemporalKind::kDate) {
          arena_.resize(begin + 10);
          kind = CellKind::kDate;
        } else if (kind == CellKind::kDateTime && shown == TemporalKind::kTime) {
          arena_.erase(begin, 11);
          kind = CellKind::kTime;
        }
        break;
      }
      case CellType::kNumber: {
        if (trimmed(value_).empty()) break;
        const auto number = parseNumber(value_);
        if (!number) {
          arena_ += value_;
          kind = CellKind::kText;
        } else if (const TemporalKind shown = styleKind(); shown != TemporalKind::kNone) {
          kind = serialToTemporal(*number, book_.date1904, shown, arena_);
        } else {
          appendNumber(*number, arena_);
          kind = CellKind::kNumber;
        }
        break;
      }
    }
    if (truncated_) {
      errors_.warn(sheetLabel(rows_.sheetName()) + ", Zelle " + cellName() + ": Der Inhalt ist länger als " +
                       formatByteSize(limits_.maxCellBytes) +
                       " und wurde für die Prüfung gekürzt. Excel erlaubt höchstens 32.767 Zeichen je Zelle.",
                   row_);
    }
    const size_t size = isExternal ? external.size() : arena_.size() - begin;
    if (size == 0) {
      arena_.resize(begin);
      return;
    }
    if (arena_.size() > limits_.maxRowBytes) {
      fatal("Zeile " + formatCount(static_cast<uint64_t>(row_)) + ": Die Zeile enthält mehr als " +
            formatByteSize(limits_.maxRowBytes) + " Text, mehr als hier geprüft werden kann.");
      return;
    }
    if (slots_.size() <= column_) slots_.resize(column_ + 1);
    slots_[column_] = isExternal ? Slot{external.data(), 0, size, kind} : Slot{nullptr, begin, size, kind};
  }

  void endRow() {
    size_t width = slots_.size();
    while (width > 0 && slots_[width - 1].kind == CellKind::kEmpty) --width;
    if (width == 0) return;  // blank: delivered only if a row with content follows
    cells_.resize(width);
    for (size_t i = 0; i < width; ++i) {
      const Slot& slot = slots_[i];
      const char* data = slot.external != nullptr ? slot.external : arena_.data() + slot.offset;
      cells_[i] = slot.kind == CellKind::kEmpty ? SheetCell{} : SheetCell{std::string_view(data, slot.size), slot.kind};
    }
    if (!rows_.addRow(row_, std::span<const SheetCell>(cells_.data(), width))) abort();
  }

  const XlsxBook& book_;
  const SpreadsheetLimits& limits_;
  SheetRows& rows_;
  ErrorSink& errors_;
  std::vector<State> stack_{State::kStart};

  int64_t row_ = 0;
  int64_t lastRowElement_ = 0;
  size_t nextColumn_ = 0;
  size_t column_ = 0;
  CellType type_ = CellType::kNumber;
  size_t style_ = 0;
  std::string value_;   // <v>
  std::string inline_;  // <is><t>, runs concatenated
  bool hasInlineString_ = false;
  bool truncated_ = false;

  std::string arena_;  // the row's converted values
  std::vector<Slot> slots_;
  std::vector<SheetCell> cells_;
};

using PartResult = std::optional<SourceError>;

PartResult parsePart(ZipArchive& archive, const ZipEntry& entry, XmlHandler& handler, const SpreadsheetLimits& limits,
                     std::string_view what) {
  auto parsed = parseXmlEntry(archive, entry, handler, limits.chunkBytes);
  if (parsed) return std::nullopt;
  return xmlError(parsed.error(), SpreadsheetFormat::kXlsx, limits, entry.name, what);
}

}  // namespace

bool SharedStrings::truncated(size_t index) const {
  return std::binary_search(truncated_.begin(), truncated_.end(), index);
}

void SharedStrings::add(std::string_view text, bool truncated) {
  if (truncated) truncated_.push_back(ends_.size());
  text_.append(text);
  ends_.push_back(text_.size());
}

std::string resolvePartName(std::string_view baseDirectory, std::string_view target) {
  std::string path = !target.empty() && target.front() == '/' ? std::string(target.substr(1))
                                                              : std::string(baseDirectory) + std::string(target);
  std::vector<std::string> segments;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    const std::string segment = path.substr(start, slash - start);
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(segment);
    }
    start = slash + 1;
  }
  std::string resolved;
  for (const auto& segment : segments) {
    if (!resolved.empty()) resolved += '/';
    resolved += segment;
  }
  return resolved;
}

std::expected<XlsxBook, SourceError> openXlsxBook(ZipArchive& archive, const SpreadsheetLimits& limits) {
  constexpr SpreadsheetFormat kFormat = SpreadsheetFormat::kXlsx;
  // The package relationships name the workbook part; nearly always xl/workbook.xml.
  std::string workbookPart = "xl/workbook.xml";
  if (const auto packageRels = archive.find("_rels/.rels")) {
    RelationshipsHandler rels;
    if (auto error = parsePart(archive, *packageRels, rels, limits, "Das Inhaltsverzeichnis der Datei")) {
      return std::unexpected(std::move(*error));
    }
    if (const Relationship* office = rels.byType("/officeDocument")) workbookPart = resolvePartName("", office->target);
  }
  const auto workbookEntry = archive.find(workbookPart);
  if (!workbookEntry) {
    if (archive.find("content.xml") || archive.find("mimetype")) {
      return std::unexpected(invalidFileError(kFormat, "Sie ist eine OpenDocument-Datei (zum Beispiel eine ODS-Tabelle "
                                                       "aus LibreOffice), keine Excel-Arbeitsmappe. Bitte als ODS-Datei "
                                                       "hochladen oder in Excel als .xlsx speichern."));
    }
    if (archive.find("word/document.xml") || archive.find("ppt/presentation.xml")) {
      return std::unexpected(invalidFileError(kFormat, "Sie ist ein Word- oder PowerPoint-Dokument, keine "
                                                       "Excel-Arbeitsmappe."));
    }
    return std::unexpected(invalidFileError(kFormat, "Der Teil „" + workbookPart +
                                                         "“ mit der Liste der Tabellenblätter fehlt. Bitte in Excel "
                                                         "neu speichern und erneut hochladen."));
  }
  WorkbookHandler workbook;
  if (auto error = parsePart(archive, *workbookEntry, workbook, limits, "Die Liste der Tabellenblätter")) {
    return std::unexpected(std::move(*error));
  }
  RelationshipsHandler rels;
  const std::string relsPart = relationshipsPartOf(workbookEntry->name);
  if (const auto relsEntry = archive.find(relsPart)) {
    if (auto error = parsePart(archive, *relsEntry, rels, limits, "Die Verweise der Arbeitsmappe")) {
      return std::unexpected(std::move(*error));
    }
  } else {
    return std::unexpected(invalidFileError(kFormat, "Der Teil „" + relsPart +
                                                         "“, der die Tabellenblätter ihren Dateiteilen zuordnet, fehlt. "
                                                         "Bitte in Excel neu speichern und erneut hochladen."));
  }
  if (workbook.sheets.empty()) {
    return std::unexpected(invalidFileError(kFormat, "Die Arbeitsmappe enthält kein Tabellenblatt."));
  }

  const std::string baseDirectory = directoryOf(workbookEntry->name);
  XlsxBook book;
  book.date1904 = workbook.date1904;
  for (const auto& sheet : workbook.sheets) {
    SheetInfo info;
    info.name = sheet.name;
    info.hidden = sheet.state == "hidden" || sheet.state == "veryHidden";
    std::string part;
    if (const Relationship* target = rels.byId(sheet.relationshipId)) {
      info.worksheet = endsWith(target->type, "/worksheet");
      part = resolvePartName(baseDirectory, target->target);
    }
    book.sheets.push_back(std::move(info));
    book.sheetParts.push_back(std::move(part));
  }
  // Writers that forget the relationship still use the usual names.
  auto partOf = [&](std::string_view typeSuffix, std::string_view fallback) -> std::string {
    if (const Relationship* target = rels.byType(typeSuffix)) return resolvePartName(baseDirectory, target->target);
    return archive.find(fallback) ? std::string(fallback) : std::string();
  };
  book.sharedStringsPart = partOf("/sharedStrings", "xl/sharedStrings.xml");
  book.stylesPart = partOf("/styles", "xl/styles.xml");
  return book;
}

namespace {

bool loadDetails(XlsxBook& book, ZipArchive& archive, const SpreadsheetLimits& limits, ErrorSink& errors) {
  if (book.detailsLoaded) return true;
  if (const auto entry = book.sharedStringsPart.empty() ? std::nullopt : archive.find(book.sharedStringsPart)) {
    SharedStringsHandler handler(book.sharedStrings, limits, errors);
    auto parsed = parseXmlEntry(archive, *entry, handler, limits.chunkBytes);
    if (!parsed) {
      if (!std::holds_alternative<HandlerAborted>(parsed.error())) {
        errors.report(xmlError(parsed.error(), SpreadsheetFormat::kXlsx, limits, entry->name,
                               "Die Liste der gemeinsamen Texte"));
      }
      book.sharedStrings = SharedStrings();
      return false;
    }
  }
  if (const auto entry = book.stylesPart.empty() ? std::nullopt : archive.find(book.stylesPart)) {
    StylesHandler handler;
    if (auto error = parsePart(archive, *entry, handler, limits, "Die Formatvorlagen")) {
      errors.report(std::move(*error));
      book.sharedStrings = SharedStrings();
      return false;
    }
    book.cellFormatKinds.reserve(handler.cellFormatIds.size());
    for (int64_t id : handler.cellFormatIds) {
      const auto custom = handler.customFormats.find(id);
      book.cellFormatKinds.push_back(custom != handler.customFormats.end() ? custom->second
                                                                           : builtinFormatKind(static_cast<int>(std::min<int64_t>(id, 1'000'000))));
    }
  }
  book.detailsLoaded = true;
  return true;
}

}  // namespace

bool readXlsxSheet(XlsxBook& book, ZipArchive& archive, size_t index, const SpreadsheetLimits& limits,
                   SheetRows& rows, ErrorSink& errors) {
  if (!loadDetails(book, archive, limits, errors)) return false;
  const std::string& part = book.sheetParts[index];
  const auto entry = part.empty() ? std::nullopt : archive.find(part);
  if (!entry) {
    errors.fatal(sheetLabel(rows.sheetName()) + " fehlt in der Datei" +
                 (part.empty() ? std::string() : " (der Teil „" + part + "“ ist nicht vorhanden)") +
                 ". Die Datei ist beschädigt; bitte in Excel neu speichern und erneut hochladen.");
    return false;
  }
  if (rows.hasHeader()) {
    MergeScanner scanner(rows);
    auto scanned = streamEntry(archive, *entry, limits.chunkBytes, [&](std::string_view chunk) {
      scanner.feed(chunk);
      return true;
    });
    if (!scanned) {
      errors.report(zipError(scanned.error(), SpreadsheetFormat::kXlsx, limits));
      return false;
    }
  }
  XlsxSheetHandler handler(book, limits, rows, errors);
  auto parsed = parseXmlEntry(archive, *entry, handler, limits.chunkBytes);
  if (!parsed) {
    if (!std::holds_alternative<HandlerAborted>(parsed.error())) {
      errors.report(xmlError(parsed.error(), SpreadsheetFormat::kXlsx, limits, entry->name, sheetLabel(rows.sheetName())));
    }
    return false;
  }
  if (errors.failed()) return false;
  return rows.finish();
}

}  // namespace opgv::validation::spreadsheet
