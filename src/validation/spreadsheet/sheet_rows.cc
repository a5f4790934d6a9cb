#include "validation/spreadsheet/sheet_rows.h"

#include <algorithm>

namespace opgv::validation::spreadsheet {
namespace {

// Header fills beyond this many are ignored: real headers have a few dozen merges, a hostile
// sheet could declare millions.
constexpr size_t kMaxHeaderFills = 65'536;

}  // namespace

void ErrorSink::report(SourceError error) {
  if (error.fatal && fatal_) return;  // only the first fatal error counts; later ones are echoes
  if (onError_) onError_(error);
  if (error.fatal) fatal_ = std::move(error);
}

void ErrorSink::fatal(std::string message, int64_t row) {
  report(SourceError{std::string(codes::kSourceError), std::move(message), row, row, 0, true});
}

void ErrorSink::warn(std::string message, int64_t row) {
  report(SourceError{std::string(codes::kSourceError), std::move(message), row, row, 0, false});
}

std::string sheetLabel(std::string_view sheetName) { return "Tabellenblatt „" + std::string(sheetName) + "“"; }

SheetRows::SheetRows(const SpreadsheetOptions& options, const SpreadsheetReader::Handlers& handlers,
                     const SpreadsheetLimits& limits, SpreadsheetStats& stats, ErrorSink& errors, std::string sheetName)
    : options_(options),
      handlers_(handlers),
      limits_(limits),
      stats_(stats),
      errors_(errors),
      sheetName_(std::move(sheetName)) {
  if (!options_.headerRows.empty()) lastHeaderRow_ = options_.headerRows.back();
}

bool SheetRows::isHeaderRow(int64_t row) const {
  return row <= lastHeaderRow_ && std::binary_search(options_.headerRows.begin(), options_.headerRows.end(), row);
}

void SheetRows::addHeaderFill(int64_t row, size_t firstColumn, size_t lastColumn) {
  if (lastColumn <= firstColumn || fills_.size() >= kMaxHeaderFills || !isHeaderRow(row)) return;
  fills_.push_back({row, firstColumn, std::min(lastColumn, limits_.maxColumns - 1)});
}

void SheetRows::addHeaderFills(int64_t firstRow, int64_t rowCount, size_t firstColumn, size_t lastColumn) {
  for (int64_t row : options_.headerRows) {
    if (row >= firstRow && row - firstRow < rowCount) addHeaderFill(row, firstColumn, lastColumn);
  }
}

void SheetRows::tooManyColumns(int64_t row) {
  errors_.fatal(sheetLabel(sheetName_) + ", Zeile " + formatCount(static_cast<uint64_t>(row)) +
                    ": Die Zeile reicht über Spalte " + formatCount(limits_.maxColumns) + " hinaus (mehr Spalten, als " +
                    "Excel und LibreOffice kennen). Die Datei ist vermutlich beschädigt; die Prüfung wurde hier "
                    "abgebrochen.",
                row);
}

bool SheetRows::addRow(int64_t row, std::span<const SheetCell> cells, int64_t repeat) {
  if (errors_.failed()) return false;
  const int64_t lastOfRepeat = row + std::max<int64_t>(repeat, 1) - 1;
  if (row <= lastRow_ || lastOfRepeat > limits_.maxRows || lastOfRepeat < row) {
    if (row <= lastRow_) {
      errors_.fatal(sheetLabel(sheetName_) + ": Die Zeilen stehen nicht in aufsteigender Reihenfolge (Zeile " +
                        formatCount(static_cast<uint64_t>(row)) + " folgt auf Zeile " +
                        formatCount(static_cast<uint64_t>(lastRow_)) + "). Die Datei ist vermutlich beschädigt.",
                    row);
    } else {
      errors_.fatal(sheetLabel(sheetName_) + ": Es gibt Inhalte hinter Zeile " +
                        formatCount(static_cast<uint64_t>(limits_.maxRows)) +
                        ", der letzten Zeile, die Excel und LibreOffice kennen. Die Datei ist vermutlich beschädigt; "
                        "die Prüfung wurde hier abgebrochen.",
                    std::min(row, limits_.maxRows));
    }
    return false;
  }
  if (cells.size() > limits_.maxColumns) {
    tooManyColumns(row);
    return false;
  }
  if (!deliverBlankRows(lastRow_ + 1, row - 1)) return false;
  for (int64_t r = row; r <= lastOfRepeat; ++r) {
    if (!deliver(r, cells)) return false;
  }
  return true;
}

bool SheetRows::deliverBlankRows(int64_t from, int64_t to) {
  for (int64_t r = from; r <= to; ++r) {
    if (!deliver(r, {})) return false;
  }
  return true;
}

bool SheetRows::deliver(int64_t row, std::span<const SheetCell> cells) {
  lastRow_ = row;
  stats_.rows = row;
  if (row <= lastHeaderRow_) {
    if (isHeaderRow(row)) {
      auto& labels = headerData_.emplace_back();
      labels.reserve(cells.size());
      for (const SheetCell& cell : cells) labels.emplace_back(cell.value);
      headerRowsFound_.push_back(row);
    } else {
      ++stats_.skippedRows;  // above the last header row, as frictionless skips them
    }
    if (row == lastHeaderRow_) emitHeader();
    return !errors_.failed();
  }
  cells_ += cells.size();
  if (cells_ > limits_.maxCells) {
    errors_.fatal(sheetLabel(sheetName_) + " enthält mehr als " + formatCount(limits_.maxCells) +
                      " Zellen; so große Tabellen können hier nicht geprüft werden. Die Prüfung wurde in Zeile " +
                      formatCount(static_cast<uint64_t>(row)) + " abgebrochen.",
                  row);
    return false;
  }
  ++stats_.dataRows;
  if (cells.empty()) ++stats_.blankRows;
  stats_.maxColumns = std::max(stats_.maxColumns, cells.size());
  if (handlers_.onRecord) handlers_.onRecord(SheetRecord{row, cells});
  return !errors_.failed();
}

void SheetRows::emitHeader() {
  headerEmitted_ = true;
  // A merge shows its value across all its columns; the CSV export of such a sheet has the value
  // once and empty cells after it. Only the merge's top row is filled: filling the rows below
  // too would turn a vertically merged "Gemeinde" over two header rows into "Gemeinde Gemeinde".
  for (const HeaderFill& fill : fills_) {
    const auto found = std::find(headerRowsFound_.begin(), headerRowsFound_.end(), fill.row);
    if (found == headerRowsFound_.end()) continue;
    auto& labels = headerData_[static_cast<size_t>(found - headerRowsFound_.begin())];
    if (fill.first >= labels.size() || labels[fill.first].empty()) continue;
    if (labels.size() <= fill.last) labels.resize(fill.last + 1);
    for (size_t c = fill.first + 1; c <= fill.last; ++c) labels[c] = labels[fill.first];
  }
  CsvHeader header;
  header.labels = joinHeaderRows(headerData_, options_.headerJoin);
  header.rows = std::move(headerRowsFound_);
  header.line = header.rows.empty() ? 0 : header.rows.front();
  headerData_.clear();
  headerRowsFound_.clear();
  if (handlers_.onHeader) handlers_.onHeader(header);
}

bool SheetRows::finish() {
  if (errors_.failed()) return false;
  if (lastRow_ == 0) {
    errors_.fatal(sheetLabel(sheetName_) + " ist leer. Bitte das Tabellenblatt mit Kopfzeile und Daten angeben.");
    return false;
  }
  if (lastHeaderRow_ > 0 && !headerEmitted_) {
    if (headerData_.empty()) {
      errors_.fatal(sheetLabel(sheetName_) + " enthält keine Kopfzeile: erwartet in Zeile " +
                    formatCount(static_cast<uint64_t>(lastHeaderRow_)) + ", das Tabellenblatt hat aber nur " +
                    formatCount(static_cast<uint64_t>(lastRow_)) + " Zeilen mit Inhalt.");
      return false;
    }
    emitHeader();  // fewer header rows than declared: use those that are there, as for CSV
  }
  return !errors_.failed();
}

}  // namespace opgv::validation::spreadsheet
