// libFuzzer target for the XLSX/ODS reader (src/validation/spreadsheet.h). The first byte picks
// the format and options (sheet by index, header rows, tiny limits); the rest is the file. Every
// input must end in records or a German source-error, never a crash, a hang or unbounded memory.
// Properties: a read that fails says why; reading with 64 KiB and with 7-byte inflate steps gives
// the same header, records and errors whenever both succeed; every delivered row and cell is
// within the limits.
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_common.h"
#include "validation/spreadsheet.h"

namespace {

using namespace opgv::validation;

struct Seen {
  std::vector<std::string> header;
  std::vector<std::string> rows;  // row number, then kind:value per cell
  std::vector<std::string> errors;
  bool ok = false;
  bool opened = false;
};

Seen readAll(const std::string& bytes, SpreadsheetFormat format, uint8_t options, size_t chunk) {
  Seen seen;
  SpreadsheetLimits limits;
  limits.chunkBytes = chunk;
  if (options & 0x10) {
    limits.maxUncompressedBytes = 1 << 20;
    limits.maxColumns = 64;
    limits.maxRows = 200;
    limits.maxCellBytes = 256;
    limits.maxCells = 5000;
  } else {
    limits.maxUncompressedBytes = 32 << 20;
    limits.maxCells = 200'000;
  }
  auto reader = SpreadsheetReader::openMemory(bytes, format, limits);
  if (!reader) {
    FUZZ_CHECK(!reader.error().message.empty(), bytes);
    seen.errors.push_back(reader.error().message);
    return seen;
  }
  seen.opened = true;
  SpreadsheetOptions read;
  if (options & 0x20) read.sheetIndex = 1 + (options & 0x01);
  if (options & 0x40) read.headerRows = {1, 2};
  if (options & 0x80) read.headerRows = {};
  SpreadsheetReader::Handlers handlers{
      .onHeader = [&](const CsvHeader& header) { seen.header = header.labels; },
      .onRecord =
          [&](const SheetRecord& record) {
            FUZZ_CHECK(record.cells.size() <= limits.maxColumns, bytes);
            std::string row = std::to_string(record.row);
            for (const auto& cell : record.cells) {
              FUZZ_CHECK(cell.value.size() <= limits.maxCellBytes, bytes);
              row += '|' + std::string(cellKindName(cell.kind)) + ':' + std::string(cell.value);
            }
            seen.rows.push_back(std::move(row));
          },
      .onError = [&](const SourceError& error) {
        FUZZ_CHECK(!error.message.empty(), bytes);
        seen.errors.push_back(error.code + ":" + error.message);
      },
  };
  seen.ok = reader->read(read, handlers).has_value();
  return seen;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const uint8_t options = data[0];
  const std::string bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  const SpreadsheetFormat format = (options & 0x08) ? SpreadsheetFormat::kOds : SpreadsheetFormat::kXlsx;
  Seen large = readAll(bytes, format, options, 64 << 10);
  Seen small = readAll(bytes, format, options, 7);
  // For files read without error, the inflate step size must not change anything. A damaged
  // deflate stream may be noticed at different points (zlib in a large step; expat in the garbage
  // first, or not at all when the reader stops early with a small step), so for those only the
  // absence of crashes, hangs and unbounded memory is checked (ASan/UBSan, -rss_limit_mb).
  if (large.ok && small.ok) {
    FUZZ_CHECK(large.header == small.header, bytes);
    FUZZ_CHECK(large.rows == small.rows, bytes);
    FUZZ_CHECK(large.errors == small.errors, bytes);
  }
  if (!large.ok) FUZZ_CHECK(!large.errors.empty(), bytes);
  if (!small.ok) FUZZ_CHECK(!small.errors.empty(), bytes);
  (void)sniffSpreadsheet(bytes);
  return 0;
}
