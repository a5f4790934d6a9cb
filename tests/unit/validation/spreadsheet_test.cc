#include "validation/spreadsheet.h"

#include <gtest/gtest.h>
#include <zip.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <unistd.h>

#include "validation/spreadsheet/cell_values.h"
#include "validation/spreadsheet/xlsx.h"

namespace opgv::validation {
namespace {

using namespace spreadsheet;  // NOLINT: the helpers under test
using Values = std::vector<std::string>;

// --- Building files in memory -----------------------------------------------------------------

struct TestEntry {
  std::string name;
  std::string content;
  bool stored = false;
};

std::string makeZip(const std::vector<TestEntry>& entries) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  EXPECT_NE(archive, nullptr) << zip_error_strerror(&error);
  zip_error_fini(&error);
  zip_source_keep(buffer);
  for (const TestEntry& entry : entries) {
    zip_source_t* data = zip_source_buffer(archive, entry.content.data(), entry.content.size(), 0);
    const zip_int64_t index = zip_file_add(archive, entry.name.c_str(), data, ZIP_FL_OVERWRITE);
    EXPECT_GE(index, 0) << entry.name;
    zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), entry.stored ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 0);
  }
  EXPECT_EQ(zip_close(archive), 0);
  zip_stat_t stat;
  zip_stat_init(&stat);
  zip_source_stat(buffer, &stat);
  zip_source_open(buffer);
  std::string bytes(stat.size, '\0');
  zip_source_read(buffer, bytes.data(), stat.size);
  zip_source_close(buffer);
  zip_source_free(buffer);
  return bytes;
}

// Patches a field of every local and central header of `entryName` (the local header starts 30
// bytes before the name, the central one 46 bytes before it).
void patchZipHeaders(std::string& zip, const std::string& entryName, size_t localOffset, size_t centralOffset,
                     uint32_t value, int width) {
  int patched = 0;
  for (size_t pos = zip.find(entryName); pos != std::string::npos; pos = zip.find(entryName, pos + 1)) {
    size_t field = std::string::npos;
    if (pos >= 30 && zip.compare(pos - 30, 4, "PK\x03\x04") == 0) field = pos - 30 + localOffset;
    if (pos >= 46 && zip.compare(pos - 46, 4, "PK\x01\x02") == 0) field = pos - 46 + centralOffset;
    if (field == std::string::npos) continue;
    for (int b = 0; b < width; ++b) zip[field + b] = static_cast<char>((value >> (8 * b)) & 0xFF);
    ++patched;
  }
  EXPECT_EQ(patched, 2) << entryName;
}

constexpr std::string_view kMainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

std::string worksheet(std::string_view sheetData, std::string_view after = "") {
  return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"") +
         std::string(kMainNs) +
         "\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
         "<dimension ref=\"A1\"/><sheetData>" +
         std::string(sheetData) + "</sheetData>" + std::string(after) + "</worksheet>";
}

struct TestSheet {
  std::string name;
  std::string xml;
  std::string state;  // "", "hidden", "veryHidden"
  bool chart = false;
};

struct TestWorkbook {
  std::vector<TestSheet> sheets;
  std::vector<std::string> sharedStrings;  // inner XML of each <si>
  std::vector<int> cellFormats;            // numFmtId of each cellXfs entry; empty: no styles.xml
  std::vector<std::pair<int, std::string>> customFormats;
  bool date1904 = false;
  std::set<std::string> omit;  // entries to leave out
};

std::string buildXlsx(const TestWorkbook& book) {
  std::vector<TestEntry> entries;
  auto add = [&](std::string name, std::string content) {
    if (!book.omit.contains(name)) entries.push_back({std::move(name), std::move(content)});
  };
  add("[Content_Types].xml",
      "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
      "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>");
  add("_rels/.rels",
      "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
      "officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
  std::string workbook = "<?xml version=\"1.0\"?><workbook xmlns=\"" + std::string(kMainNs) +
                         "\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">";
  if (book.date1904) workbook += "<workbookPr date1904=\"1\"/>";
  workbook += "<sheets>";
  std::string rels = "<?xml version=\"1.0\"?><Relationships "
                     "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
  for (size_t i = 0; i < book.sheets.size(); ++i) {
    const TestSheet& sheet = book.sheets[i];
    const std::string id = "rId" + std::to_string(i + 1);
    workbook += "<sheet name=\"" + sheet.name + "\" sheetId=\"" + std::to_string(i + 1) + "\"" +
                (sheet.state.empty() ? "" : " state=\"" + sheet.state + "\"") + " r:id=\"" + id + "\"/>";
    const std::string kind = sheet.chart ? "chartsheet" : "worksheet";
    const std::string part = (sheet.chart ? "chartsheets/sheet" : "worksheets/sheet") + std::to_string(i + 1) + ".xml";
    rels += "<Relationship Id=\"" + id + "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/" +
            kind + "\" Target=\"" + part + "\"/>";
    add("xl/" + part, sheet.xml);
  }
  workbook += "</sheets></workbook>";
  if (!book.sharedStrings.empty()) {
    rels += "<Relationship Id=\"rIdS\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
            "sharedStrings\" Target=\"sharedStrings.xml\"/>";
    std::string sst = "<?xml version=\"1.0\"?><sst xmlns=\"" + std::string(kMainNs) + "\" count=\"" +
                      std::to_string(book.sharedStrings.size()) + "\">";
    for (const auto& si : book.sharedStrings) sst += "<si>" + si + "</si>";
    add("xl/sharedStrings.xml", sst + "</sst>");
  }
  if (!book.cellFormats.empty()) {
    rels += "<Relationship Id=\"rIdY\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
            "styles\" Target=\"/xl/styles.xml\"/>";
    std::string styles = "<?xml version=\"1.0\"?><styleSheet xmlns=\"" + std::string(kMainNs) + "\"><numFmts>";
    for (const auto& [id, code] : book.customFormats) {
      styles += "<numFmt numFmtId=\"" + std::to_string(id) + "\" formatCode=\"" + code + "\"/>";
    }
    // cellStyleXfs must not be mistaken for cellXfs.
    styles += "</numFmts><cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs><cellXfs>";
    for (int id : book.cellFormats) styles += "<xf numFmtId=\"" + std::to_string(id) + "\" applyNumberFormat=\"1\"/>";
    add("xl/styles.xml", styles + "</cellXfs></styleSheet>");
  }
  add("xl/workbook.xml", workbook);
  add("xl/_rels/workbook.xml.rels", rels + "</Relationships>");
  return makeZip(entries);
}

std::string singleSheetXlsx(std::string_view sheetData, std::string_view after = "",
                            std::vector<std::string> sharedStrings = {}) {
  TestWorkbook book;
  book.sheets.push_back({"Tabelle1", worksheet(sheetData, after)});
  book.sharedStrings = std::move(sharedStrings);
  return buildXlsx(book);
}

constexpr std::string_view kOdsNamespaces =
    " xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
    " xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\""
    " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""
    " xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\""
    " xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\""
    " xmlns:calcext=\"urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0\""
    " office:version=\"1.3\"";

std::string odsContent(std::string_view tables, std::string_view automaticStyles = "") {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content" + std::string(kOdsNamespaces) +
         "><office:automatic-styles>" + std::string(automaticStyles) +
         "</office:automatic-styles><office:body><office:spreadsheet>" + std::string(tables) +
         "<table:named-expressions/></office:spreadsheet></office:body></office:document-content>";
}

std::string buildOds(const std::string& content, std::string manifest = {},
                     std::string mimetype = "application/vnd.oasis.opendocument.spreadsheet") {
  if (manifest.empty()) {
    manifest = "<?xml version=\"1.0\"?><manifest:manifest "
               "xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\">"
               "<manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"" + mimetype +
               "\"/><manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>"
               "</manifest:manifest>";
  }
  return makeZip({{"mimetype", mimetype, true}, {"META-INF/manifest.xml", manifest}, {"content.xml", content}});
}

// A table of text rows; "" is an empty cell.
std::string odsTable(std::string_view name, const std::vector<Values>& rows) {
  std::string xml = "<table:table table:name=\"" + std::string(name) + "\">";
  for (const auto& row : rows) {
    xml += "<table:table-row>";
    for (const auto& cell : row) {
      xml += cell.empty() ? "<table:table-cell/>"
                          : "<table:table-cell office:value-type=\"string\"><text:p>" + cell + "</text:p></table:table-cell>";
    }
    xml += "</table:table-row>";
  }
  return xml + "</table:table>";
}

// --- Reading --------------------------------------------------------------------------------

struct SheetRead {
  bool opened = false;
  std::string openError;
  std::vector<SheetInfo> sheets;
  std::optional<CsvHeader> header;
  struct Row {
    int64_t row = 0;
    Values values;
    std::vector<CellKind> kinds;
  };
  std::vector<Row> rows;
  std::vector<SourceError> errors;
  bool ok = false;
  std::string status;
  SpreadsheetStats stats;

  const SourceError* fatal() const {
    for (const auto& error : errors)
      if (error.fatal) return &error;
    return nullptr;
  }
  Values values(size_t i) const { return rows.at(i).values; }
  std::vector<int64_t> rowNumbers() const {
    std::vector<int64_t> numbers;
    for (const auto& row : rows) numbers.push_back(row.row);
    return numbers;
  }
  // Everything a reader delivers, for comparing runs.
  std::string summary() const {
    std::string out = openError + "|" + status + "|";
    if (header) {
      for (const auto& label : header->labels) out += label + ";";
    }
    for (const auto& row : rows) {
      out += "\n" + std::to_string(row.row) + ":";
      for (size_t i = 0; i < row.values.size(); ++i) out += row.values[i] + "/" + std::to_string(int(row.kinds[i])) + ";";
    }
    for (const auto& error : errors) out += "\nE" + error.message;
    return out;
  }
};

SheetRead readBook(const std::string& bytes, SpreadsheetFormat format, const SpreadsheetOptions& options = {},
                   SpreadsheetLimits limits = {}) {
  SheetRead result;
  auto reader = SpreadsheetReader::openMemory(bytes, format, limits);
  if (!reader) {
    result.openError = reader.error().message;
    return result;
  }
  result.opened = true;
  result.sheets = reader->sheets();
  SpreadsheetReader::Handlers handlers;
  handlers.onHeader = [&](const CsvHeader& header) {
    EXPECT_FALSE(result.header.has_value()) << "header delivered twice";
    EXPECT_TRUE(result.rows.empty()) << "header after records";
    result.header = header;
  };
  handlers.onRecord = [&](const SheetRecord& record) {
    SheetRead::Row row;
    row.row = record.row;
    for (const SheetCell& cell : record.cells) {
      row.values.emplace_back(cell.value);
      row.kinds.push_back(cell.kind);
    }
    if (!record.cells.empty()) {
      EXPECT_NE(record.cells.back().kind, CellKind::kEmpty) << "trailing empty cell in row " << record.row;
    }
    result.rows.push_back(std::move(row));
  };
  handlers.onError = [&](const SourceError& error) { result.errors.push_back(error); };
  auto status = reader->read(options, handlers);
  result.ok = status.has_value();
  if (!status) result.status = status.error().message;
  result.stats = reader->stats();
  return result;
}

// Reads with the default chunk size and with chunks of 1 and 7 bytes (chunk boundaries inside
// tags, names, character references and multi-byte characters); all runs must agree.
SheetRead readAllChunkings(const std::string& bytes, SpreadsheetFormat format, const SpreadsheetOptions& options = {},
                           SpreadsheetLimits limits = {}) {
  SheetRead whole = readBook(bytes, format, options, limits);
  for (size_t chunk : {size_t{1}, size_t{7}}) {
    SpreadsheetLimits small = limits;
    small.chunkBytes = chunk;
    EXPECT_EQ(readBook(bytes, format, options, small).summary(), whole.summary()) << "chunk size " << chunk;
  }
  return whole;
}

SpreadsheetOptions headerRows(std::vector<int64_t> rows) {
  SpreadsheetOptions options;
  options.headerRows = std::move(rows);
  return options;
}

bool contains(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

// ============================================================================ value conversions

std::string number(double value) {
  std::string out;
  appendNumber(value, out);
  return out;
}

TEST(SpreadsheetValues, NumbersAreShownAsTheProgramsShowThem) {
  EXPECT_EQ(number(3), "3");
  EXPECT_EQ(number(1234.5), "1234.5");
  EXPECT_EQ(number(-0.25), "-0.25");
  EXPECT_EQ(number(-0.0), "0");
  EXPECT_EQ(number(0.1 + 0.2), "0.3");  // stored as 0.30000000000000004, shown as 0.3
  EXPECT_EQ(number(1.0 / 3.0), "0.333333333333333");
  EXPECT_EQ(number(2.0 / 3.0), "0.666666666666667");
  EXPECT_EQ(number(1e-6), "0.000001");
  EXPECT_EQ(number(123456789012345.0), "123456789012345");
  EXPECT_EQ(number(999999999999999.0), "999999999999999");  // integers stay integers
  EXPECT_EQ(number(1e15), "1e+15");
  EXPECT_EQ(number(1.5e-7), "1.5e-07");
  EXPECT_EQ(number(1.5e300), "1.5e+300");
  EXPECT_EQ(number(4.35), "4.35");
  EXPECT_EQ(number(1234567890123456789.0), "1.23456789012346e+18");  // 15 digits, as Excel shows it
  EXPECT_EQ(number(1e19), "1e+19");

  std::string out;
  EXPECT_TRUE(canonicalNumber(" 1.5E+3 ", out));
  EXPECT_EQ(out, "1500");
  for (std::string_view bad : {"", "abc", "inf", "nan", "1,5", "0x10", "1e999", "--1"}) {
    std::string ignored;
    EXPECT_FALSE(canonicalNumber(bad, ignored)) << bad;
    EXPECT_TRUE(ignored.empty());
  }
}

TEST(SpreadsheetValues, ExcelSerialDatesIncludingTheLotusLeapDay) {
  auto convert = [](double serial, TemporalKind kind, bool date1904 = false) {
    std::string out;
    const CellKind result = serialToTemporal(serial, date1904, kind, out);
    return std::to_string(int(result)) + " " + out;
  };
  const auto date = TemporalKind::kDate;
  EXPECT_EQ(convert(1, date), "4 1900-01-01");
  EXPECT_EQ(convert(59, date), "4 1900-02-28");
  EXPECT_EQ(convert(60, date), "1 1900-02-29");  // the day Lotus invented: text, not a date
  EXPECT_EQ(convert(61, date), "4 1900-03-01");
  EXPECT_EQ(convert(0, date), "1 1900-01-00");
  EXPECT_EQ(convert(45657, date), "4 2024-12-31");
  EXPECT_EQ(convert(45657.75, date), "4 2024-12-31");  // a date format hides the time
  EXPECT_EQ(convert(45657.6041666667, TemporalKind::kDateTime), "5 2024-12-31T14:30:00");
  EXPECT_EQ(convert(45657.99999999, TemporalKind::kDateTime), "5 2025-01-01T00:00:00");  // rounds into the next day
  EXPECT_EQ(convert(0.6041666667, TemporalKind::kTime), "6 14:30:00");
  EXPECT_EQ(convert(1.5, TemporalKind::kTime), "6 12:00:00");
  EXPECT_EQ(convert(2958465, date), "4 9999-12-31");
  EXPECT_EQ(convert(2958466, date), "2 2958466");
  EXPECT_EQ(convert(-1, date), "2 -1");
  EXPECT_EQ(convert(0, date, true), "4 1904-01-01");
  EXPECT_EQ(convert(60, date, true), "4 1904-03-01");
  EXPECT_EQ(convert(44195, date, true), "4 2024-12-31");
}

TEST(SpreadsheetValues, NumberFormatsThatMakeDates) {
  EXPECT_EQ(builtinFormatKind(14), TemporalKind::kDate);
  EXPECT_EQ(builtinFormatKind(17), TemporalKind::kDate);
  EXPECT_EQ(builtinFormatKind(20), TemporalKind::kTime);
  EXPECT_EQ(builtinFormatKind(22), TemporalKind::kDateTime);
  EXPECT_EQ(builtinFormatKind(46), TemporalKind::kTime);
  EXPECT_EQ(builtinFormatKind(0), TemporalKind::kNone);
  EXPECT_EQ(builtinFormatKind(2), TemporalKind::kNone);
  EXPECT_EQ(builtinFormatKind(49), TemporalKind::kNone);

  const std::map<std::string, TemporalKind> codes = {
      {"dd.mm.yyyy", TemporalKind::kDate},
      {"DD.MM.YYYY", TemporalKind::kDate},
      {"d/m/yy;@", TemporalKind::kDate},
      {"mmm yy", TemporalKind::kDate},
      {"mm", TemporalKind::kDate},
      {"[$-407]d. mmmm yyyy", TemporalKind::kDate},
      {"[$-F800]dddd\\, mmmm dd\\, yyyy", TemporalKind::kDate},
      {"yyyy-mm-dd hh:mm:ss", TemporalKind::kDateTime},
      {"dd.mm.yyyy h:mm", TemporalKind::kDateTime},
      {"hh:mm", TemporalKind::kTime},
      {"mm:ss", TemporalKind::kTime},
      {"[h]:mm:ss", TemporalKind::kTime},
      {"[h]:mm", TemporalKind::kTime},
      {"[hh]:mm", TemporalKind::kTime},
      {"[mm]", TemporalKind::kTime},
      {"h:mm AM/PM", TemporalKind::kTime},
      {"General", TemporalKind::kNone},
      {"0.00", TemporalKind::kNone},
      {"#,##0 \"Tage\"", TemporalKind::kNone},
      {"#,##0.00 [$€-407]", TemporalKind::kNone},
      {"[Red]0.00;[Blue]-0.00", TemporalKind::kNone},
      {"0.00E+00", TemporalKind::kNone},
      {"0%", TemporalKind::kNone},
      {"@", TemporalKind::kNone},
      {"\\d0", TemporalKind::kNone},
      {"0_)", TemporalKind::kNone},
      {"0;\"yes\"", TemporalKind::kNone},
  };
  for (const auto& [code, kind] : codes) EXPECT_EQ(classifyFormatCode(code), kind) << code;
}

TEST(SpreadsheetValues, IsoDatesAndOdfDurations) {
  auto iso = [](std::string_view text) {
    std::string out;
    const CellKind kind = isoToTemporal(text, out);
    return std::to_string(int(kind)) + " " + out;
  };
  EXPECT_EQ(iso("2024-12-31"), "4 2024-12-31");
  EXPECT_EQ(iso("2024-12-31T14:30:00"), "5 2024-12-31T14:30:00");
  EXPECT_EQ(iso("2024-12-31T14:30:00Z"), "5 2024-12-31T14:30:00");
  EXPECT_EQ(iso("2024-12-31T23:59:59.999999999"), "5 2025-01-01T00:00:00");
  EXPECT_EQ(iso("2024-02-29T10:00"), "5 2024-02-29T10:00:00");
  EXPECT_EQ(iso("14:30:00"), "6 14:30:00");
  EXPECT_EQ(iso("2023-02-29"), "1 2023-02-29");
  EXPECT_EQ(iso("2024-12-31T14:30:00+01:00"), "1 2024-12-31T14:30:00+01:00");
  EXPECT_EQ(iso("31.12.2024"), "1 31.12.2024");

  auto duration = [](std::string_view text) {
    std::string out;
    const CellKind kind = durationToTime(text, out);
    return std::to_string(int(kind)) + " " + out;
  };
  EXPECT_EQ(duration("PT14H30M00S"), "6 14:30:00");
  EXPECT_EQ(duration("PT01H02M03.6S"), "6 01:02:04");
  EXPECT_EQ(duration("PT38H00M00S"), "1 38:00:00");
  EXPECT_EQ(duration("P1DT2H"), "1 26:00:00");
  EXPECT_EQ(duration("-PT1H"), "1 -01:00:00");
  EXPECT_EQ(duration("P1Y"), "1 P1Y");
  EXPECT_EQ(duration("PT"), "1 PT");
  EXPECT_EQ(duration("14:30"), "1 14:30");
}

TEST(SpreadsheetValues, OoxmlEscapesCellReferencesAndCounts) {
  auto decoded = [](std::string text) {
    decodeOoxmlEscapes(text);
    return text;
  };
  EXPECT_EQ(decoded("Zeile 1_x000D__x000A_Zeile 2"), "Zeile 1\r\nZeile 2");
  EXPECT_EQ(decoded("_x005F_x000D_"), "_x000D_");
  EXPECT_EQ(decoded("_xD83D__xDE00_"), "\xF0\x9F\x98\x80");
  EXPECT_EQ(decoded("a_xD83D_b"), "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(decoded("_x00G1_ _x12_ x000D_"), "_x00G1_ _x12_ x000D_");

  EXPECT_EQ(columnName(0), "A");
  EXPECT_EQ(columnName(25), "Z");
  EXPECT_EQ(columnName(26), "AA");
  EXPECT_EQ(columnName(701), "ZZ");
  EXPECT_EQ(columnName(16383), "XFD");
  for (size_t c : {size_t{0}, size_t{27}, size_t{702}, size_t{16383}}) {
    auto ref = parseCellRef(columnName(c) + "7");
    ASSERT_TRUE(ref);
    EXPECT_EQ(ref->column, c);
    EXPECT_EQ(ref->row, 7);
  }
  EXPECT_EQ(parseCellRef("$c$5")->column, 2u);
  EXPECT_EQ(parseCellRef("XFD1048576")->row, 1048576);
  EXPECT_EQ(parseCellRef("AB")->row, 0);
  EXPECT_FALSE(parseCellRef("1A"));
  EXPECT_FALSE(parseCellRef("A0"));
  EXPECT_FALSE(parseCellRef("A1:B2"));
  EXPECT_FALSE(parseCellRef(""));
  EXPECT_GT(parseCellRef("ZZZZZZZZZZZZZZZZZZZZ1")->column, 1'000'000u);  // saturates, no overflow

  EXPECT_EQ(parseCount(" 42 "), 42);
  EXPECT_EQ(parseCount("99999999999999999999999"), INT64_MAX);
  EXPECT_FALSE(parseCount("-1"));
  EXPECT_FALSE(parseCount(""));
  EXPECT_EQ(resolvePartName("xl/", "worksheets/sheet1.xml"), "xl/worksheets/sheet1.xml");
  EXPECT_EQ(resolvePartName("xl/", "/xl/worksheets/sheet1.xml"), "xl/worksheets/sheet1.xml");
  EXPECT_EQ(resolvePartName("xl/worksheets/", "../sharedStrings.xml"), "xl/sharedStrings.xml");
  EXPECT_EQ(resolvePartName("", "../../x.xml"), "x.xml");
}

// ============================================================================ XLSX cells

TEST(SpreadsheetXlsx, SharedInlineAndRichTextStrings) {
  const std::string data =
      "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c><c r=\"C1\" t=\"s\"><v>2</v></c>"
      "<c r=\"D1\" t=\"s\"><v>3</v></c></row>"
      "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>4</v></c>"
      "<c r=\"B2\" t=\"inlineStr\"><is><t>Inline &amp; direkt</t></is></c>"
      "<c r=\"C2\" t=\"inlineStr\"><is><r><rPr><b/></rPr><t>Fett</t></r><r><t xml:space=\"preserve\"> und normal</t></r></is></c>"
      "<c r=\"D2\" t=\"str\"><f>A2&amp;\"!\"</f><v>Köln!</v></c></row>";
  const std::string xlsx = singleSheetXlsx(
      data, "",
      {"<t>Name</t>", "<t>Straße</t>", "<r><t>Ort</t></r><r><rPr><i/></rPr><t xml:space=\"preserve\">, Kreis</t></r>",
       "<t>東京</t><rPh sb=\"0\" eb=\"2\"><t>トウキョウ</t></rPh><phoneticPr fontId=\"1\"/>",
       "<t xml:space=\"preserve\">  Zeile 1_x000A_Zeile 2  </t>"});
  const SheetRead r = readAllChunkings(xlsx, SpreadsheetFormat::kXlsx);
  ASSERT_TRUE(r.ok) << r.status;
  ASSERT_TRUE(r.header);
  EXPECT_EQ(r.header->labels, (Values{"Name", "Straße", "Ort, Kreis", "東京"}));
  EXPECT_EQ(r.header->rows, std::vector<int64_t>{1});
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.values(0), (Values{"  Zeile 1\nZeile 2  ", "Inline & direkt", "Fett und normal", "Köln!"}));
  EXPECT_EQ(r.rows[0].kinds, std::vector<CellKind>(4, CellKind::kText));
  EXPECT_EQ(r.rows[0].row, 2);
  EXPECT_TRUE(r.errors.empty());
}

TEST(SpreadsheetXlsx, NumbersBooleansAndErrors) {
  const std::string data =
      "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>x</t></is></c></row>"
      "<row r=\"2\"><c r=\"A2\"><v>3</v></c><c r=\"B2\"><v>1234.5</v></c><c r=\"C2\"><v>-0.25</v></c>"
      "<c r=\"D2\"><f>0.1+0.2</f><v>0.30000000000000004</v></c><c r=\"E2\" t=\"n\"><v>1E+3</v></c>"
      "<c r=\"F2\" t=\"b\"><v>1</v></c><c r=\"G2\" t=\"b\"><v>0</v></c><c r=\"H2\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c>"
      "<c r=\"I2\" s=\"0\"/><c r=\"J2\"><v>-0</v></c><c r=\"K2\" t=\"e\"><v>#N/A</v></c><c r=\"L2\" s=\"0\"/></row>";
  const SheetRead r = readAllChunkings(singleSheetXlsx(data), SpreadsheetFormat::kXlsx);
  ASSERT_TRUE(r.ok) << r.status;
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.values(0), (Values{"3", "1234.5", "-0.25", "0.3", "1000", "true", "false", "#DIV/0!", "", "0", "#N/A"}));
  using K = CellKind;
  EXPECT_EQ(r.rows[0].kinds, (std::vector<K>{K::kNumber, K::kNumber, K::kNumber, K::kNumber, K::kNumber, K::kBoolean,
                                             K::kBoolean, K::kError, K::kEmpty, K::kNumber, K::kError}));
  EXPECT_EQ(r.stats.maxColumns, 11u);
}

TEST(SpreadsheetXlsx, DatesFromBuiltinAndCustomNumberFormats) {
  TestWorkbook book;
  // Style indexes: 0 General, 1 built-in date, 2 custom date, 3 built-in datetime, 4 built-in time,
  // 5 custom elapsed time, 6 "0.00" (a number), 7 custom text with a quoted "d".
  book.cellFormats = {0, 14, 164, 22, 21, 165, 2, 166};
  book.customFormats = {{164, "dd.mm.yyyy"}, {165, "[h]:mm"}, {166, "0&quot; d&quot;"}};
  book.sheets.push_back(
      {"Daten", worksheet("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Datum</t></is></c></row>"
                          "<row r=\"2\"><c r=\"A2\" s=\"1\"><v>59</v></c><c r=\"B2\" s=\"1\"><v>60</v></c>"
                          "<c r=\"C2\" s=\"1\"><v>61</v></c><c r=\"D2\" s=\"2\"><v>45657</v></c>"
                          "<c r=\"E2\" s=\"3\"><v>45657.604166666664</v></c><c r=\"F2\" s=\"4\"><v>0.6041666666666666</v></c>"
                          "<c r=\"G2\" s=\"5\"><v>0.25</v></c><c r=\"H2\" s=\"6\"><v>45657</v></c>"
                          "<c r=\"I2\" s=\"7\"><v>5</v></c><c r=\"J2\" s=\"0\"><v>45657</v></c>"
                          "<c r=\"K2\" s=\"99\"><v>45657</v></c>"
                          "<c r=\"L2\" t=\"d\"><v>2024-12-31T00:00:00</v></c><c r=\"M2\" t=\"d\" s=\"1\"><v>2024-12-31T00:00:00</v></c>"
                          "<c r=\"N2\" s=\"2\"><v>abc</v></c></row>")});
  const SheetRead r = readAllChunkings(buildXlsx(book), SpreadsheetFormat::kXlsx);
  ASSERT_TRUE(r.ok) << r.status;
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.values(0), (Values{"1900-02-28", "1900-02-29", "1900-03-01", "2024-12-31", "2024-12-31T14:30:00",
                                 "14:30:00", "06:00:00", "45657", "5", "45657", "45657", "2024-12-31T00:00:00",
                                 "2024-12-31", "abc"}));
  using K = CellKind;
  EXPECT_EQ(r.rows[0].kinds, (std::vector<K>{K::kDate, K::kText, K::kDate, K::kDate, K::kDateTime, K::kTime, K::kTime,
                                             K::kNumber, K::kNumber, K::kNumber, K::kNumber, K::kDateTime, K::kDate,
                                             K::kText}));
}

TEST(SpreadsheetXlsx, Date1904Workbooks) {
  TestWorkbook book;
  book.date1904 = true;
  book.cellFormats = {0, 14};
  book.sheets.push_back({"Mac", worksheet("<row r=\"1\"><c r=\"A1\" s=\"1\"><v>0</v></c><c r=\"B1\" s=\"1\"><v>44195</v></c>"
                                          "<c r=\"C1\"><v>44195</v></c></row>")});
  const SheetRead r = readBook(buildXlsx(book), SpreadsheetFormat::kXlsx, headerRows({}));
  ASSERT_TRUE(r.ok) << r.status;
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.values(0), (Values{"1904-01-01", "2024-12-31", "44195"}));
}

TEST(SpreadsheetXlsx, SparseCellsAndRowsKeepTheirNumbers) {
  const std::string data =
      "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>id</t></is></c><c r=\"C2\" t=\"inlineStr\"><is><t>name</t></is></c></row>"
      "<row r=\"3\"><c r=\"A3\"><v>1</v></c><c r=\"D3\" t=\"inlineStr\"><is><t>weit rechts</t></is></c></row>"
      "<row r=\"6\"><c r=\"B6\"><v>2</v></c></row>"
      "<row><c><v>3</v></c><c><v>4</v></c><c r=\"E7\"><v>5</v></c><c><v>6</v></c></row>"  // row 7, sequential cells
      "<row r=\"8\" s=\"1\" customFormat=\"1\"><c r=\"A8\" s=\"1\"/></row>"                   // formatted, blank
      "<row r=\"9\"><c r=\"A9\"><v>7</v></c></row>"
      "<row r=\"20\"><c r=\"B20\" s=\"1\"/></row><row r=\"1000\" ht=\"20\"/>";  // trailing blank rows
  const SheetRead r = readAllChunkings(singleSheetXlsx(data), SpreadsheetFormat::kXlsx, headerRows({2}));
  ASSERT_TRUE(r.ok) << r.status;
  ASSERT_TRUE(r.header);
  EXPECT_EQ(r.header->labels, (Values{"id", "", "name"}));
  EXPECT_EQ(r.header->rows, std::vector<int64_t>{2});
  EXPECT_EQ(r.rowNumbers(), (std::vector<int64_t>{3, 4, 5, 6, 7, 8, 9}));
  EXPECT_EQ(r.values(0), (Values{"1", "", "", "weit rechts"}));
  EXPECT_EQ(r.rows[0].kinds[1], CellKind::kEmpty);
  EXPECT_TRUE(r.values(1).empty());
  EXPECT_TRUE(r.values(2).empty());
  EXPECT_EQ(r.values(3), (Values{"", "2"}));
  EXPECT_EQ(r.values(4), (Values{"3", "4", "", "", "5", "6"}));
  EXPECT_TRUE(r.values(5).empty());
  EXPECT_EQ(r.values(6), (Values{"7"}));
  EXPECT_EQ(r.stats.rows, 9);
  EXPECT_EQ(r.stats.dataRows, 7);
  EXPECT_EQ(r.stats.blankRows, 3);
  EXPECT_EQ(r.stats.skippedRows, 1);  // row 1, above the header
  EXPECT_EQ(r.stats.maxColumns, 6u);
}

TEST(SpreadsheetXlsx, WithoutHeaderEveryRowIsARecord) {
  const SheetRead r = readBook(singleSheetXlsx("<row r=\"1\"><c><v>1</v></c></row><row r=\"3\"><c><v>2</v></c></row>"),
                               SpreadsheetFormat::kXlsx, headerRows({}));
  ASSERT_TRUE(r.ok) << r.status;
  EXPECT_FALSE(r.header);
  EXPECT_EQ(r.rowNumbers(), (std::vector<int64_t>{1, 2, 3}));
}

TEST(SpreadsheetXlsx, HeaderBelowTitleRows) {
  const std::string data =
      "<row r=\"1\"><c t=\"inlineStr\"><is><t>Bevölkerung 2023</t></is></c></row>"
      "<row r=\"3\"><c t=\"inlineStr\"><is><t>Gemeinde</t></is></c><c t=\"inlineStr\"><is><t>Einwohner</t></is></c></row>"
      "<row r=\"4\"><c t=\"inlineStr\"><is><t>Bonn</t></is></c><c><v>335975</v></c></row>";
  const SheetRead r = readBook(singleSheetXlsx(data), SpreadsheetFormat::kXlsx, headerRows({3}));
  ASSERT_TRUE(r.ok) << r.status;
  EXPECT_EQ(r.header->labels, (Values{"Gemeinde", "Einwohner"}));
  EXPECT_EQ(r.header->line, 3);
  EXPECT_EQ(r.rowNumbers(), std::vector<int64_t>{4});
  EXPECT_EQ(r.stats.skippedRows, 2);
}

TEST(SpreadsheetXlsx, MergedHeaderCellsAreFilledAndJoined) {
  // Gemeinde | Einwohner (B1:C1)  | Fläche      Gemeinde and Fläche merged over both header rows
  //          | 2023   | 2024      |
  const std::string data =
      "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c><c r=\"C1\" s=\"1\"/>"
      "<c r=\"D1\" t=\"s\"><v>2</v></c></row>"
      "<row r=\"2\"><c r=\"A2\" s=\"1\"/><c r=\"B2\"><v>2023</v></c><c r=\"C2\"><v>2024</v></c><c r=\"D2\" s=\"1\"/></row>"
      "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>Bonn</t></is></c><c r=\"B3\"><v>335975</v></c>"
      "<c r=\"C3\" s=\"1\"/><c r=\"D3\"><v>141.06</v></c></row>";
  const std::string merges =
      "<mergeCells count=\"4\"><mergeCell ref=\"A1:A2\"/><mergeCell ref=\"B1:C1\"/><mergeCell ref=\"D1:D2\"/>"
      "<mergeCell ref=\"B3:C3\"/></mergeCells><pageMargins left=\"0.7\" right=\"0.7\"/>";
  const std::string xlsx = singleSheetXlsx(data, merges, {"<t>Gemeinde</t>", "<t>Einwohner</t>", "<t>Fläche</t>"});
  SpreadsheetOptions options = headerRows({1, 2});
  const SheetRead r = readAllChunkings(xlsx, SpreadsheetFormat::kXlsx, options);
  ASSERT_TRUE(r.ok) << r.status;
  EXPECT_EQ(r.header->labels, (Values{"Gemeinde", "Einwohner 2023", "Einwohner 2024", "Fläche"}));
  EXPECT_EQ(r.header->rows, (std::vector<int64_t>{1, 2}));
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.values(0), (Values{"Bonn", "335975", "", "141.06"}));  // data rows are not filled

  // One header row: the merge shows "Einwohner" over both columns.
  const SheetRead single = readAllChunkings(xlsx, SpreadsheetFormat::kXlsx, headerRows({1}));
  ASSERT_TRUE(single.ok) << single.status;
  EXPECT_EQ(single.header->labels, (Values{"Gemeinde", "Einwohner", "Einwohner", "Fläche"}));

  options.headerJoin = " – ";
  const SheetRead joined = readBook(xlsx, SpreadsheetFormat::kXlsx, options);
  EXPECT_EQ(joined.header->labels[1], "Einwohner – 2023");
}

TEST(SpreadsheetXlsx, PrefixedElementsAndMergesInAnyNamespacePrefix) {
  // Some generators write every element with a prefix; names, not prefixes, count.
  const std::string sheet =
      "<?xml version=\"1.0\"?><x:worksheet xmlns:x=\"http://purl.oclc.org/ooxml/spreadsheetml/main\"><x:sheetData>"
      "<x:row r=\"1\"><x:c r=\"A1\" t=\"inlineStr\"><x:is><x:t>Kreis</x:t></x:is></x:c></x:row>"
      "<x:row r=\"2\"><x:c r=\"A2\"><x:v>7</x:v></x:c></x:row></x:sheetData>"
      "<x:mergeCells><x:mergeCell ref=\"A1:C1\"/></x:mergeCells></x:worksheet>";
  TestWorkbook book;
  book.sheets.push_back({"Strict", sheet});
  const SheetRead r = readAllChunkings(buildXlsx(book), SpreadsheetFormat::kXlsx);
  ASSERT_TRUE(r.ok) << r.status;
  EXPECT_EQ(r.header->labels, (Values{"Kreis", "Kreis", "Kreis"}));
  EXPECT_EQ(r.values(0), (Values{"7"}));
}

TEST(SpreadsheetXlsx, SheetsByNameIndexAndVisibility) {
  TestWorkbook book;
  book.sheets.push_back({"Schlüssel", worksheet("<row r=\"1\"><c t=\"inlineStr\"><is><t>versteckt</t></is></c></row>"), "hidden"});
  book.sheets.push_back({"Diagramm", "<chartsheet/>", "", true});
  book.sheets.push_back({"Daten", worksheet("<row r=\"1\"><c t=\"inlineStr\"><is><t>sichtbar</t></is></c></row>")});
  book.sheets.push_back({"Intern", worksheet("<row r=\"1\"><c t=\"inlineStr\"><is><t>intern</t></is></c></row>"), "veryHidden"});
  const std::string xlsx = buildXlsx(book);

  SheetRead r = readBook(xlsx, SpreadsheetFormat::kXlsx);
  ASSERT_TRUE(r.ok) << r.status;
  ASSERT_EQ(r.sheets.size(), 4u);
  EXPECT_TRUE(r.sheets[0].hidden);
  EXPECT_FALSE(r.sheets[1].worksheet);
  EXPECT_FALSE(r.sheets[2].hidden);
  EXPECT_TRUE(r.sheets[3].hidden);
  EXPECT_EQ(r.header->labels, Values{"sichtbar"});  // the first visible worksheet

  SpreadsheetOptions options;
  options.sheet = "schlüssel";  // ASCII case folding is enough here: only "S" differs
  r = readBook(xlsx, SpreadsheetFormat::kXlsx, options);
  ASSERT_TRUE(r.ok) << r.status;
  EXPECT_EQ(r.header->labels, Values{"versteckt"});

  options.sheet.clear();
  options.sheetIndex = 4;
  r = readBook(xlsx, SpreadsheetFormat::kXlsx, options);
  EXPECT_EQ(r.header->labels, Values{"intern"});

  options.sheetIndex.reset();
  options.sheet = "Einwohner";
  r = readBook(xlsx, SpreadsheetFormat::kXlsx, options);
  ASSERT_FALSE(r.ok);
  ASSERT_TRUE(r.fatal());
  EXPECT_EQ(r.fatal()->message,
            "Das Tabellenblatt „Einwohner“ gibt es in der Datei nicht. Vorhanden sind „Schlüssel“ (ausgeblendet), "
            "„Diagramm“, „Daten“, „Intern“ (ausgeblendet).");
  EXPECT_EQ(r.fatal()->code, "source-error");
  EXPECT_TRUE(contains(r.status, "Einwohner"));

  options.sheet = "Diagramm";
  r = readBook(xlsx, SpreadsheetFormat::kXlsx, options);
  ASSERT_TRUE(r.fatal());
  EXPECT_TRUE(contains(r.fatal()->message, "Diagramm- oder Dialogblatt")) << r.fatal()->message;

  options.sheet.clear();
  options.sheetIndex = 9;
  r = readBook(xlsx, SpreadsheetFormat::kXlsx, options);
  ASSERT_TRUE(r.fatal());
  EXPECT_TRUE(contains(r.fatal()->message, "nur 4 Tabellenblätter, angegeben ist Nummer 9")) << r.fatal()->message;
}

TEST(SpreadsheetXlsx, EmptySheetAndMissingHeader) {
  SheetRead r = readBook(singleSheetXlsx(""), SpreadsheetFormat::kXlsx);
  ASSERT_TRUE(r.fatal());
  EXPECT_EQ(r.fatal()->message, "Tabellenblatt „Tabelle1“ ist leer. Bitte das Tabellenblatt mit Kopfzeile und Daten angeben.");
  r = readBook(singleSheetXlsx("<row r=\"1\"><c><v>1</v></c></row>"), SpreadsheetFormat::kXlsx, headerRows({5}));
  ASSERT_TRUE(r.fatal());
  EXPECT_TRUE(contains(r.fatal()->message, "keine Kopfzeile: erwartet in Zeile 5")) << r.fatal()->message;
  // Fewer header rows than declared: those present are used, as for CSV.
  r = readBook(singleSheetXlsx("<row r=\"1\"><c t=\"inlineStr\"><is><t>a</t></is></c></row>"), SpreadsheetFormat::kXlsx,
               headerRows({1, 2}));
  ASSERT_TRUE(r.ok) << r.status;
  EXPECT_EQ(r.header->labels, Values{"a"});
  r = readBook(singleSheetXlsx("<row r=\"1\"><c><v>1</v></c></row>"), SpreadsheetFormat::kXlsx, headerRows({2, 1}));
  ASSERT_TRUE(r.fatal());
  EXPECT_EQ(r.fatal()->code, "dialect-error");
}

TEST(SpreadsheetXlsx, TenThousandColumns) {
  std::string header = "<row r=\"1\">", data = "<row r=\"2\">";
  for (int c = 0; c < 10'000; ++c) {
    header += "<c t=\"inlineStr\"><is><t>f" + std::to_string(c) + "</t></is></c>";
    data += "<c><v>" + std::to_string(c) + "</v></c>";
  }
  const SheetRead r = readBook(singleSheetXlsx(header + "</row>" + data + "</row>"), SpreadsheetFormat::kXlsx);
  ASSERT_TRUE(r.ok) << r.status;
  ASSERT_EQ(r.header->labels.size(), 10'000u);
  EXPECT_EQ(r.header->labels.back(), "f9999");
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0].values.size(), 10'000u);
  EXPECT_EQ(r.rows[0].values[9'999], "9999");
  EXPECT_EQ(r.stats.maxColumns, 10'000u);
}

TEST(SpreadsheetXlsx, ColumnsBeyondTheLimitAreFatal) {
  SheetRead r = readBook(singleSheetXlsx("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row><row r=\"2\"><c r=\"XFE2\"><v>1</v></c></row>"),
                         SpreadsheetFormat::kXlsx);
  ASSERT_TRUE(r.fatal());
  EXPECT_EQ(r.fatal()->message,
            "Tabellenblatt „Tabelle1“, Zeile 2: Die Zeile reicht über Spalte 16.384 hinaus (mehr Spalten, als Excel und "
            "LibreOffice kennen). Die Datei ist vermutlich beschädigt; die Prüfung wurde hier abgebrochen.");
  EXPECT_EQ(r.fatal()->row, 2);
  SpreadsheetLimits limits;
  limits.maxColumns = 3;
  r = readBook(singleSheetXlsx("<row r=\"1\"><c/><c/><c/><c><v>4</v></c></row>"), SpreadsheetFormat::kXlsx, {}, limits);
  ASSERT_TRUE(r.fatal());
  EXPECT_TRUE(contains(r.fatal()->message, "über Spalte 3 hinaus"));
  r = readBook(singleSheetXlsx("<row r=\"1\"><c r=\"ZZZZZZZZZZZZZZZZ1\"><v>4</v></c></row>"), SpreadsheetFormat::kXlsx);
  ASSERT_TRUE(r.fatal());
}

TEST(SpreadsheetXlsx, RowsBeyondTheLimitOrOutOfOrderAreFatal) {
  SheetRead r = readBook(singleSheetXlsx("<row r=\"5\"><c><v>1</v></c></row><row r=\"3\"><c><v>2</v></c></row>"),
                         SpreadsheetFormat::kXlsx);
  ASSERT_TRUE(r.fatal());
  EXPECT_TRUE(contains(r.fatal()->message, "nicht in aufsteigender Reihenfolge")) << r.fatal()->message;
  r = readBook(singleSheetXlsx("<row r=\"1\"><c><v>1</v></c></row><row r=\"1048577\"><c><v>2</v></c></row>"),
               SpreadsheetFormat::kXlsx);
  ASSERT_TRUE(r.fatal());
  EXPECT_TRUE(contains(r.fatal()->message, "hinter Zeile 1.048.576")) << r.fatal()->message;
  // A blank row far out is harmless (and not delivered).
  r = readBook(singleSheetXlsx("<row r=\"1\"><c><v>1</v></c></row><row r=\"99999999\"/>"), SpreadsheetFormat::kXlsx);
  EXPECT_TRUE(r.ok) << r.status;
  r = readBook(singleSheetXlsx("<row r=\"x1\"><c><v>1</v></c></row>"), SpreadsheetFormat::kXlsx);
  ASSERT_TRUE(r.fatal());
  EXPECT_TRUE(contains(r.fatal()->message, "Zeilennummer „x1“ ist ungültig")) << r.fatal()->message;
}

TEST(SpreadsheetXlsx, OverlongCellTextIsCutAndReported) {
  SpreadsheetLimits limits;
  limits.maxCellBytes = 16;
  const std::string data =
      "<row r=\"1\"><c t=\"s\"><v>0</v></c><c t=\"inlineStr\"><is><t>Ä123456789012345678</t></is></c></row>";
  const SheetRead r =
      readAllChunkings(singleSheetXlsx(data, "", {"<t>ÄÖÜäöüßÄÖÜäöüß</t>"}), SpreadsheetFormat::kXlsx, headerRows({}), limits);
  ASSERT_TRUE(r.ok) << r.status;
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.values(0), (Values{"ÄÖÜäöüßÄ", "Ä12345678901234"}));  // cut at a character boundary
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_FALSE(r.errors[0].fatal);
  EXPECT_EQ(r.errors[0].message,
            "Tabellenblatt „Tabelle1“, Zelle A1: Der Inhalt ist länger als 16 Byte und wurde für die Prüfung gekürzt. "
            "Excel erlaubt höchstens 32.767 Zeichen je Zelle.");
  EXPECT_EQ(r.errors[1].row, 1);
}

TEST(SpreadsheetXlsx, BrokenSharedStringReferenceIsReportedNotFatal) {
  const SheetRead r = readBook(singleSheetXlsx("<row r=\"1\"><c t=\"s\"><v>7</v></c><c t=\"s\"><v>0</v></c></row>", "",
                                               {"<t>da</t>"}),
                               SpreadsheetFormat::kXlsx, headerRows({}));
  ASSERT_TRUE(r.ok) << r.status;
  EXPECT_EQ(r.values(0), (Values{"", "da"}));
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_TRUE(contains(r.errors[0].message, "Zelle A1: Die Zelle verweist auf den gemeinsamen Text Nr. 7"));
}

TEST(SpreadsheetXlsx, TwoHundredThousandRowsAreStreamed) {
  constexpr int kRows = 200'000;
  std::string data = "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>";
  data.reserve(size_t{kRows} * 64);
  for (int r = 2; r <= kRows + 1; ++r) {
    const std::string n = std::to_string(r);
    data += "<row r=\"" + n + "\"><c r=\"A" + n + "\"><v>" + n + "</v></c><c r=\"B" + n + "\" t=\"s\"><v>2</v></c></row>";
  }
  const std::string xlsx = singleSheetXlsx(data, "", {"<t>id</t>", "<t>text</t>", "<t>gleich</t>"});
  auto reader = SpreadsheetReader::openMemory(xlsx, SpreadsheetFormat::kXlsx);
  ASSERT_TRUE(reader) << reader.error().message;
  int64_t records = 0, lastRow = 0;
  bool valuesRight = true;
  SpreadsheetReader::Handlers handlers;
  handlers.onRecord = [&](const SheetRecord& record) {
    ++records;
    lastRow = record.row;
    valuesRight = valuesRight && record.cells.size() == 2 && record.cells[0].value == std::to_string(record.row) &&
                  record.cells[1].value == "gleich";
  };
  const auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(reader->read({}, handlers));
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(records, kRows);
  EXPECT_EQ(lastRow, kRows + 1);
  EXPECT_TRUE(valuesRight);
  EXPECT_EQ(reader->stats().dataRows, kRows);
  EXPECT_GT(reader->stats().uncompressedBytes, data.size());
  EXPECT_LT(reader->stats().compressedBytes, reader->stats().uncompressedBytes);
  std::printf("[ info ] %d XLSX rows (%.1f MB sheet XML) read in %.2f s\n", kRows, double(data.size()) / 1e6, seconds);
}

TEST(SpreadsheetXlsx, MalformedXmlIsFatalWithSheetAndLine) {
  const std::string sheet = worksheet("<row r=\"1\"><c><v>1</v></c></row>\n<row r=\"2\"><c><v>2</v></row>");
  TestWorkbook book;
  book.sheets.push_back({"Kaputt", sheet});
  const SheetRead r = readBook(buildXlsx(book), SpreadsheetFormat::kXlsx, headerRows({}));
  ASSERT_TRUE(r.fatal());
  EXPECT_TRUE(contains(r.fatal()->message, "Tabellenblatt „Kaputt“ kann nicht gelesen werden: Der XML-Inhalt "
                                           "(„xl/worksheets/sheet1.xml“) ist in Zeile 3, Spalte"))
      << r.fatal()->message;
  EXPECT_TRUE(contains(r.fatal()->message, "mismatched tag")) << r.fatal()->message;
  EXPECT_EQ(r.rows.size(), 1u);  // row 1 was complete before the error
}

TEST(SpreadsheetXlsx, DtdsAreRefusedSoNoEntityCanExpand) {
  const std::string laughs =
      "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;\">"
      "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]><worksheet><sheetData><row><c t=\"inlineStr\"><is><t>"
      "&lol3;</t></is></c></row></sheetData></worksheet>";
  TestWorkbook book;
  book.sheets.push_back({"Lol", laughs});
  const SheetRead r = readBook(buildXlsx(book), SpreadsheetFormat::kXlsx);
  ASSERT_TRUE(r.fatal());
  EXPECT_TRUE(contains(r.fatal()->message, "DTD-Deklaration")) << r.fatal()->message;
}

TEST(SpreadsheetXlsx, DeepNestingAndEndlessTokensAreRefused) {
  std::string nested;
  for (int i = 0; i < 300; ++i) nested += "<a>";
  for (int i = 0; i < 300; ++i) nested += "</a>";
  TestWorkbook book;
  book.sheets.push_back({"Tief", worksheet("<row r=\"1\"><c><v>1</v></c>" + nested + "</row>")});
  SheetRead r = readBook(buildXlsx(book), SpreadsheetFormat::kXlsx, headerRows({}));
  ASSERT_TRUE(r.fatal());
  EXPECT_TRUE(contains(r.fatal()->message, "tiefer als 256 Ebenen")) << r.fatal()->message;

  // One attribute of 2 MiB: expat would buffer it whole.
  TestWorkbook longToken;
  longToken.sheets.push_back(
      {"Lang", worksheet("<row r=\"1\" x=\"" + std::string(size_t{2} << 20, 'x') + "\"><c><v>1</v></c></row>")});
  SpreadsheetLimits noRatio;
  noRatio.maxCompressionRatio = 0;  // the attribute compresses 1000:1; here the XML limit is tested
  r = readBook(buildXlsx(longToken), SpreadsheetFormat::kXlsx, headerRows({}), noRatio);
  ASSERT_TRUE(r.fatal());
  EXPECT_TRUE(contains(r.fatal()->message, "größer als 1 MB")) << r.fatal()->message;
}

// ============================================================================ XLSX container

TEST(SpreadsheetContainer, NotAZipOrCorruptZip) {
  SheetRead r = readBook("id;name\n1;Bonn\n", SpreadsheetFormat::kXlsx);
  EXPECT_FALSE(r.opened);
  EXPECT_TRUE(contains(r.openError, "Die Datei ist keine gültige XLSX-Datei: Sie ist kein ZIP-Archiv, wie es Excel "
                                    "schreibt."))
      << r.openError;
  EXPECT_TRUE(contains(r.openError, "(Fehlerart: source-error)")) << r.openError;

  r = readBook("", SpreadsheetFormat::kOds);
  EXPECT_TRUE(contains(r.openError, "keine gültige ODS-Datei: Sie ist leer")) << r.openError;

  const std::string xlsx = singleSheetXlsx("<row r=\"1\"><c><v>1</v></c></row>");
  r = readBook(xlsx.substr(0, xlsx.size() / 2), SpreadsheetFormat::kXlsx);
  EXPECT_FALSE(r.opened);
  EXPECT_TRUE(contains(r.openError, "keine gültige XLSX-Datei")) << r.openError;

  std::mt19937 random(7);
  std::string noise(4096, '\0');
  for (char& c : noise) c = static_cast<char>(random());
  noise.replace(0, 4, "PK\x03\x04");
  r = readBook(noise, SpreadsheetFormat::kXlsx);
  EXPECT_FALSE(r.opened);
  EXPECT_TRUE(contains(r.openError, "keine gültige XLSX-Datei")) << r.openError;
}

TEST(SpreadsheetContainer, DamagedDeflateStreamInsideAnIntactDirectory) {
  std::string xlsx = singleSheetXlsx("<row r=\"1\"><c><v>1</v></c></row>" + std::string(5000, ' '));
  // Overwrite the middle of the sheet's compressed data.
  const size_t name = xlsx.find("xl/worksheets/sheet1.xml");
  ASSERT_NE(name, std::string::npos);
  for (size_t i = name + 40; i < name + 60; ++i) xlsx[i] = '\x5A';
  const SheetRead r = readBook(xlsx, SpreadsheetFormat::kXlsx, headerRows({}));
  ASSERT_TRUE(r.opened) << r.openError;
  ASSERT_TRUE(r.fatal());
  EXPECT_TRUE(contains(r.fatal()->message, "keine gültige XLSX-Datei") ||
              contains(r.fatal()->message, "kann nicht gelesen werden"))
      << r.fatal()->message;
}

TEST(SpreadsheetContainer, PasswordProtectedAndOldExcelFiles) {
  std::string cfb("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  cfb += std::string(1016, '\0');
  const std::string name = "EncryptedPackage";
  for (char c : name) {
    cfb.push_back(c);
    cfb.push_back('\0');
  }
  cfb += std::string(512, '\0');
  const std::string expected =
      "Die Datei ist mit einem Passwort geschützt und kann deshalb nicht geprüft werden. Bitte ohne Passwort speichern";
  SheetRead r = readBook(cfb, SpreadsheetFormat::kXlsx);
  EXPECT_TRUE(contains(r.openError, expected)) << r.openError;

  std::string xls("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  xls += std::string(2048, '\0');
  r = readBook(xls, SpreadsheetFormat::kXlsx);
  EXPECT_TRUE(contains(r.openError, "alten Excel-Format (.xls, Excel 97–2003)")) << r.openError;
  EXPECT_TRUE(contains(r.openError, "Bitte in Excel als „Excel-Arbeitsmappe (*.xlsx)“ speichern")) << r.openError;

  // The same through open(path), with the stream name beyond the first MiB.
  const auto path = std::filesystem::temp_directory_path() / ("opgv-spreadsheet-" + std::to_string(::getpid()) + ".xlsx");
  {
    std::string big("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
    big += std::string((size_t{1} << 20) - 10, '\0');  // the name straddles the first chunk boundary
    for (char c : name) {
      big.push_back(c);
      big.push_back('\0');
    }
    std::ofstream(path, std::ios::binary) << big;
  }
  auto reader = SpreadsheetReader::open(path.string(), SpreadsheetFormat::kXlsx);
  ASSERT_FALSE(reader);
  EXPECT_TRUE(contains(reader.error().message, expected)) << reader.error().message;
  std::filesystem::remove(path);

  // ZIP-level encryption (the flag bit of an entry).
  std::string zipped = singleSheetXlsx("<row r=\"1\"><c><v>1</v></c></row>");
  patchZipHeaders(zipped, "xl/worksheets/sheet1.xml", 6, 8, 0x0001, 2);
  r = readBook(zipped, SpreadsheetFormat::kXlsx);
  EXPECT_TRUE(contains(r.openError, expected)) << r.openError;
}

TEST(SpreadsheetContainer, OpenFromAFile) {
  const auto path = std::filesystem::temp_directory_path() / ("opgv-spreadsheet-ok-" + std::to_string(::getpid()) + ".xlsx");
  std::ofstream(path, std::ios::binary) << singleSheetXlsx("<row r=\"1\"><c t=\"inlineStr\"><is><t>a</t></is></c></row>"
                                                           "<row r=\"2\"><c><v>1</v></c></row>");
  auto reader = SpreadsheetReader::open(path.string(), SpreadsheetFormat::kXlsx);
  ASSERT_TRUE(reader) << reader.error().message;
  EXPECT_EQ(reader->format(), SpreadsheetFormat::kXlsx);
  int records = 0;
  SpreadsheetReader::Handlers handlers;
  handlers.onRecord = [&](const SheetRecord&) { ++records; };
  EXPECT_TRUE(reader->read({}, handlers));
  EXPECT_EQ(records, 1);
  // Reading again works, and moving the reader keeps it usable.
  SpreadsheetReader moved = std::move(*reader);
  EXPECT_TRUE(moved.read({}, handlers));
  EXPECT_EQ(records, 2);
  std::filesystem::remove(path);
  EXPECT_FALSE(SpreadsheetReader::open(path.string(), SpreadsheetFormat::kXlsx));
}

TEST(SpreadsheetContainer, MissingPartsAndWrongFormat) {
  TestWorkbook book;
  book.sheets.push_back({"A", worksheet("<row r=\"1\"><c><v>1</v></c></row>")});
  book.omit = {"xl/workbook.xml"};
  SheetRead r = readBook(buildXlsx(book), SpreadsheetFormat::kXlsx);
  EXPECT_TRUE(contains(r.openError, "keine gültige XLSX-Datei: Der Teil „xl/workbook.xml“ mit der Liste der "
                                    "Tabellenblätter fehlt."))
      << r.openError;

  book.omit = {"xl/worksheets/sheet1.xml"};
  r = readBook(buildXlsx(book), SpreadsheetFormat::kXlsx);
  ASSERT_TRUE(r.opened) << r.openError;
  ASSERT_TRUE(r.fatal());
  EXPECT_TRUE(contains(r.fatal()->message, "Tabellenblatt „A“ fehlt in der Datei (der Teil „xl/worksheets/sheet1.xml“"))
      << r.fatal()->message;

  book.omit = {"xl/_rels/workbook.xml.rels"};
  r = readBook(buildXlsx(book), SpreadsheetFormat::kXlsx);
  EXPECT_TRUE(contains(r.openError, "„xl/_rels/workbook.xml.rels“")) << r.openError;

  const std::string ods = buildOds(odsContent(odsTable("T", {{"a"}})));
  r = readBook(ods, SpreadsheetFormat::kXlsx);
  EXPECT_TRUE(contains(r.openError, "OpenDocument-Datei")) << r.openError;
  r = readBook(buildXlsx(TestWorkbook{{{"A", worksheet("")}}}), SpreadsheetFormat::kOds);
  EXPECT_TRUE(contains(r.openError, "keine gültige ODS-Datei: Sie ist eine Excel-Datei")) << r.openError;
}

TEST(SpreadsheetContainer, ZipBombsAreStoppedByDeclaredSize) {
  // 5 MiB of markup padding in the sheet, limit 1 MiB.
  const std::string padded = "<row r=\"1\"><c><v>1</v></c></row>" + std::string(size_t{5} << 20, ' ');
  SpreadsheetLimits limits;
  limits.maxUncompressedBytes = size_t{1} << 20;
  SheetRead r = readBook(singleSheetXlsx(padded), SpreadsheetFormat::kXlsx, {}, limits);
  ASSERT_TRUE(r.opened) << r.openError;
  ASSERT_TRUE(r.fatal());
  EXPECT_EQ(r.fatal()->message,
            "Die Datei ist zu groß zum Prüfen: Der Teil „xl/worksheets/sheet1.xml“ ist entpackt größer als 1 MB, die "
            "Obergrenze je Dateiteil. Bitte die Tabelle aufteilen oder als CSV-Datei hochladen.");

  // Default size limit, but the spaces compress about 1000:1.
  r = readBook(singleSheetXlsx(padded), SpreadsheetFormat::kXlsx);
  ASSERT_TRUE(r.fatal());
  EXPECT_TRUE(contains(r.fatal()->message, "Die Datei wird nicht entpackt: Der Teil „xl/worksheets/sheet1.xml“ ist "
                                           "mehr als 100-fach komprimiert"))
      << r.fatal()->message;
  EXPECT_TRUE(contains(r.fatal()->message, "ZIP-Bomben")) << r.fatal()->message;

  // Many parts that are each under the limit but together over it.
  TestWorkbook book;
  const std::string half = "<row r=\"1\"><c><v>1</v></c></row>" + std::string(size_t{600} << 10, ' ');
  book.sheets.push_back({"A", worksheet(half)});
  book.sharedStrings = {"<t>" + std::string(size_t{600} << 10, 'x') + "</t>"};
  limits.maxCompressionRatio = 0;  // off, to reach the total
  limits.maxSharedStringsBytes = size_t{1} << 30;
  limits.maxCellBytes = size_t{1} << 30;
  r = readBook(buildXlsx(book), SpreadsheetFormat::kXlsx, headerRows({}), limits);
  ASSERT_TRUE(r.fatal());
  EXPECT_TRUE(contains(r.fatal()->message, "Ihre Teile sind entpackt zusammen größer als 1 MB")) << r.fatal()->message;
}

TEST(SpreadsheetContainer, ZipBombsWithLyingSizesAreStoppedWhileInflating) {
  const std::string padded = "<row r=\"1\"><c><v>1</v></c></row>" + std::string(size_t{5} << 20, ' ');
  std::string xlsx = singleSheetXlsx(padded);
  patchZipHeaders(xlsx, "xl/worksheets/sheet1.xml", 22, 24, 1000, 4);  // claims 1000 bytes
  SpreadsheetLimits limits;
  limits.maxUncompressedBytes = size_t{1} << 20;
  SheetRead r = readBook(xlsx, SpreadsheetFormat::kXlsx, headerRows({}), limits);
  ASSERT_TRUE(r.opened) << r.openError;
  ASSERT_TRUE(r.fatal());
  // The per-part or the total limit, whichever is reached first (the small parts count too).
  EXPECT_TRUE(contains(r.fatal()->message, "Die Datei ist zu groß zum Prüfen")) << r.fatal()->message;
  EXPECT_TRUE(contains(r.fatal()->message, "größer als 1 MB")) << r.fatal()->message;

  r = readBook(xlsx, SpreadsheetFormat::kXlsx, headerRows({}));
  ASSERT_TRUE(r.fatal());
  EXPECT_TRUE(contains(r.fatal()->message, "mehr als 100-fach komprimiert")) << r.fatal()->message;
  EXPECT_LE(r.stats.uncompressedBytes, (size_t{1} << 20) + (size_t{64} << 10) + 4096);  // stopped right after 1 MiB
}

TEST(SpreadsheetContainer, SharedStringsAreBounded) {
  SpreadsheetLimits limits;
  limits.maxSharedStringsBytes = 1000;
  std::vector<std::string> strings(200, "<t>zwanzig Zeichen...</t>");
  const SheetRead r = readBook(singleSheetXlsx("<row r=\"1\"><c t=\"s\"><v>0</v></c></row>", "", strings),
                               SpreadsheetFormat::kXlsx, {}, limits);
  ASSERT_TRUE(r.fatal());
  EXPECT_TRUE(contains(r.fatal()->message, "mehr als 1.000 Byte Text in der Liste gemeinsamer Texte")) << r.fatal()->message;
}

TEST(SpreadsheetContainer, RandomlyDamagedFilesNeverCrash) {
  TestWorkbook book;
  book.cellFormats = {0, 14};
  book.sheets.push_back({"Daten", worksheet("<row r=\"1\"><c t=\"s\"><v>0</v></c><c t=\"s\"><v>1</v></c></row>"
                                            "<row r=\"2\"><c s=\"1\"><v>45000</v></c><c t=\"inlineStr\"><is><t>x</t></is></c></row>",
                                            "<mergeCells><mergeCell ref=\"A1:B1\"/></mergeCells>")});
  book.sharedStrings = {"<t>a</t>", "<r><t>b</t></r>"};
  const std::string xlsx = buildXlsx(book);
  const std::string ods = buildOds(odsContent(
      "<table:table table:name=\"T\"><table:table-row table:number-rows-repeated=\"2\"><table:table-cell "
      "office:value-type=\"float\" office:value=\"1\" table:number-columns-repeated=\"3\"/></table:table-row></table:table>"));
  std::mt19937 random(42);
  int opened = 0;
  for (int round = 0; round < 300; ++round) {
    const bool useOds = round % 2 == 1;
    std::string bytes = useOds ? ods : xlsx;
    const int flips = 1 + static_cast<int>(random() % 8);
    for (int f = 0; f < flips; ++f) bytes[random() % bytes.size()] = static_cast<char>(random());
    SpreadsheetLimits limits;
    limits.chunkBytes = 1 + random() % 64;
    const SheetRead r = readBook(bytes, useOds ? SpreadsheetFormat::kOds : SpreadsheetFormat::kXlsx, {}, limits);
    opened += r.opened ? 1 : 0;
    if (!r.opened) {
      EXPECT_FALSE(r.openError.empty());
    } else if (!r.ok) {
      ASSERT_TRUE(r.fatal()) << r.status;
    }
  }
  EXPECT_GT(opened, 0);
}

// ============================================================================ ODS

std::string odsRow(std::string_view cells, std::string_view attributes = "") {
  return "<table:table-row" + std::string(attributes) + ">" + std::string(cells) + "</table:table-row>";
}

TEST(SpreadsheetOds, ValuesOfEveryType) {
  const std::string cells =
      "<table:table-cell office:value-type=\"float\" office:value=\"3\" calcext:value-type=\"float\"><text:p>3</text:p></table:table-cell>"
      "<table:table-cell office:value-type=\"float\" office:value=\"0.30000000000000004\"><text:p>0,3</text:p></table:table-cell>"
      "<table:table-cell office:value-type=\"percentage\" office:value=\"0.25\"><text:p>25 %</text:p></table:table-cell>"
      "<table:table-cell office:value-type=\"currency\" office:currency=\"EUR\" office:value=\"-1234.5\"><text:p>-1.234,50 €</text:p></table:table-cell>"
      "<table:table-cell office:value-type=\"date\" office:date-value=\"2024-12-31\"><text:p>31.12.24</text:p></table:table-cell>"
      "<table:table-cell office:value-type=\"date\" office:date-value=\"2024-12-31T14:29:59.999999999\"><text:p>x</text:p></table:table-cell>"
      "<table:table-cell office:value-type=\"time\" office:time-value=\"PT14H30M00S\"><text:p>14:30</text:p></table:table-cell>"
      "<table:table-cell office:value-type=\"boolean\" office:boolean-value=\"true\"><text:p>WAHR</text:p></table:table-cell>"
      "<table:table-cell office:value-type=\"string\"><text:p>Zeile 1</text:p><text:p>Zeile <text:span text:style-name=\"T1\">2</text:span></text:p></table:table-cell>"
      "<table:table-cell office:value-type=\"string\"><text:p>a<text:s text:c=\"3\"/>b<text:tab/>c<text:line-break/>d</text:p></table:table-cell>"
      "<table:table-cell office:value-type=\"string\"><office:annotation><text:p>Kommentar</text:p></office:annotation>"
      "<text:p>mit Kommentar</text:p></table:table-cell>"
      "<table:table-cell table:formula=\"of:=1/0\" office:value-type=\"string\" office:string-value=\"\" calcext:value-type=\"error\"><text:p>#DIV/0!</text:p></table:table-cell>"
      "<table:table-cell><text:p>ohne Typ</text:p></table:table-cell>"
      "<table:table-cell office:value-type=\"string\"><text:p>\n   viel   \n  Platz  </text:p></table:table-cell>"
      "<table:table-cell office:value-type=\"string\"><text:p><text:a xlink:href=\"https://example.org\" "
      "xmlns:xlink=\"http://www.w3.org/1999/xlink\">Link</text:a> <text:span>und</text:span> mehr</text:p></table:table-cell>";
  const std::string content = odsContent("<table:table table:name=\"Werte\"><table:table-column table:number-columns-repeated=\"20\"/>" +
                                         odsRow(cells) + "</table:table>");
  const SheetRead r = readAllChunkings(buildOds(content), SpreadsheetFormat::kOds, headerRows({}));
  ASSERT_TRUE(r.ok) << r.status;
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.values(0), (Values{"3", "0.3", "0.25", "-1234.5", "2024-12-31", "2024-12-31T14:30:00", "14:30:00", "true",
                                 "Zeile 1\nZeile 2", "a   b\tc\nd", "mit Kommentar", "#DIV/0!", "ohne Typ",
                                 "viel Platz", "Link und mehr"}));
  using K = CellKind;
  EXPECT_EQ(r.rows[0].kinds, (std::vector<K>{K::kNumber, K::kNumber, K::kNumber, K::kNumber, K::kDate, K::kDateTime,
                                             K::kTime, K::kBoolean, K::kText, K::kText, K::kText, K::kError, K::kText,
                                             K::kText, K::kText}));
  EXPECT_EQ(r.sheets.size(), 1u);
  EXPECT_EQ(r.sheets[0].name, "Werte");
}

TEST(SpreadsheetOds, RepeatedRowsAndColumnsWithoutMaterialisingTrailingEmptiness) {
  const std::string empty16k = "<table:table-cell table:number-columns-repeated=\"16384\"/>";
  const std::string table =
      "<table:table table:name=\"Tabelle1\">"
      "<table:table-column table:number-columns-repeated=\"1024\"/>" +
      odsRow("<table:table-cell office:value-type=\"string\"><text:p>a</text:p></table:table-cell>"
             "<table:table-cell/>"
             "<table:table-cell office:value-type=\"string\"><text:p>c</text:p></table:table-cell>"
             "<table:table-cell table:number-columns-repeated=\"16381\"/>") +
      odsRow("<table:table-cell office:value-type=\"float\" office:value=\"1\" table:number-columns-repeated=\"3\"/>"
             "<table:table-cell table:number-columns-repeated=\"16381\"/>",
             " table:number-rows-repeated=\"2\"") +
      odsRow(empty16k, " table:number-rows-repeated=\"2\"") +  // two blank rows between data
      odsRow("<table:table-cell table:number-columns-repeated=\"2\"/>"
             "<table:table-cell office:value-type=\"float\" office:value=\"9\"/>" + empty16k) +
      "<table:table-row-group>" + odsRow(empty16k, " table:number-rows-repeated=\"1048570\"") +
      "</table:table-row-group></table:table>";
  const auto start = std::chrono::steady_clock::now();
  const SheetRead r = readAllChunkings(buildOds(odsContent(table)), SpreadsheetFormat::kOds);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(r.ok) << r.status;
  EXPECT_EQ(r.header->labels, (Values{"a", "", "c"}));
  EXPECT_EQ(r.rowNumbers(), (std::vector<int64_t>{2, 3, 4, 5, 6}));
  EXPECT_EQ(r.values(0), (Values{"1", "1", "1"}));
  EXPECT_EQ(r.values(1), (Values{"1", "1", "1"}));
  EXPECT_TRUE(r.values(2).empty());
  EXPECT_TRUE(r.values(3).empty());
  EXPECT_EQ(r.values(4), (Values{"", "", "9"}));
  EXPECT_EQ(r.stats.rows, 6);
  EXPECT_EQ(r.stats.maxColumns, 3u);
  EXPECT_LT(seconds, 5.0);  // three runs; the million empty rows cost nothing
}

TEST(SpreadsheetOds, SpannedHeaderCellsAndCoveredCells) {
  const std::string table =
      "<table:table table:name=\"Bevölkerung\">" +
      odsRow("<table:table-cell office:value-type=\"string\" table:number-rows-spanned=\"2\"><text:p>Gemeinde</text:p></table:table-cell>"
             "<table:table-cell office:value-type=\"string\" table:number-columns-spanned=\"2\"><text:p>Einwohner</text:p></table:table-cell>"
             "<table:covered-table-cell/>") +
      odsRow("<table:covered-table-cell/>"
             "<table:table-cell office:value-type=\"float\" office:value=\"2023\"><text:p>2023</text:p></table:table-cell>"
             "<table:table-cell office:value-type=\"float\" office:value=\"2024\"><text:p>2024</text:p></table:table-cell>") +
      odsRow("<table:table-cell office:value-type=\"string\"><text:p>Bonn</text:p></table:table-cell>"
             "<table:table-cell office:value-type=\"float\" office:value=\"335975\" table:number-columns-spanned=\"2\"/>"
             "<table:covered-table-cell/>") +
      "</table:table>";
  const SheetRead r = readAllChunkings(buildOds(odsContent(table)), SpreadsheetFormat::kOds, headerRows({1, 2}));
  ASSERT_TRUE(r.ok) << r.status;
  EXPECT_EQ(r.header->labels, (Values{"Gemeinde", "Einwohner 2023", "Einwohner 2024"}));
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.values(0), (Values{"Bonn", "335975"}));  // data rows are not filled
  EXPECT_EQ(r.rows[0].row, 3);
}

TEST(SpreadsheetOds, TablesByNameIndexAndHiddenStyle) {
  const std::string styles =
      "<style:style style:name=\"ta1\" style:family=\"table\"><style:table-properties table:display=\"true\"/></style:style>"
      "<style:style style:name=\"ta2\" style:family=\"table\"><style:table-properties table:display=\"false\"/></style:style>";
  const std::string tables =
      "<table:table table:name=\"Versteckt\" table:style-name=\"ta2\">" + odsRow("<table:table-cell office:value-type=\"string\"><text:p>h</text:p></table:table-cell>") +
      "</table:table>" + odsTable("Erste", {{"e"}, {"1"}}) + odsTable("Zweite", {{"z"}, {"2"}, {"3"}});
  const std::string ods = buildOds(odsContent(tables, styles));
  SheetRead r = readBook(ods, SpreadsheetFormat::kOds);
  ASSERT_TRUE(r.ok) << r.status;
  ASSERT_EQ(r.sheets.size(), 3u);
  EXPECT_TRUE(r.sheets[0].hidden);
  EXPECT_FALSE(r.sheets[1].hidden);
  EXPECT_EQ(r.header->labels, Values{"e"});

  SpreadsheetOptions options;
  options.sheet = "Zweite";
  r = readAllChunkings(ods, SpreadsheetFormat::kOds, options);
  ASSERT_TRUE(r.ok) << r.status;
  EXPECT_EQ(r.header->labels, Values{"z"});
  EXPECT_EQ(r.rows.size(), 2u);

  options.sheet.clear();
  options.sheetIndex = 1;
  r = readBook(ods, SpreadsheetFormat::kOds, options);
  EXPECT_EQ(r.header->labels, Values{"h"});

  options.sheetIndex.reset();
  options.sheet = "Dritte";
  r = readBook(ods, SpreadsheetFormat::kOds, options);
  ASSERT_TRUE(r.fatal());
  EXPECT_EQ(r.fatal()->message, "Das Tabellenblatt „Dritte“ gibt es in der Datei nicht. Vorhanden sind „Versteckt“ "
                                "(ausgeblendet), „Erste“, „Zweite“.");
}

TEST(SpreadsheetOds, RepetitionBombsAreBounded) {
  // A row with content repeated beyond the last row.
  std::string table = "<table:table table:name=\"T\">" +
                      odsRow("<table:table-cell office:value-type=\"float\" office:value=\"1\"/>",
                             " table:number-rows-repeated=\"2000000\"") +
                      "</table:table>";
  SheetRead r = readBook(buildOds(odsContent(table)), SpreadsheetFormat::kOds, headerRows({}));
  ASSERT_TRUE(r.fatal());
  EXPECT_TRUE(contains(r.fatal()->message, "hinter Zeile 1.048.576")) << r.fatal()->message;
  EXPECT_TRUE(r.rows.empty());

  // 16,384 columns × 1,000,000 rows of content: the cell limit ends it early. (Only counted here:
  // copying 100 million cells would measure the test, not the reader.)
  table = "<table:table table:name=\"T\">" +
          odsRow("<table:table-cell office:value-type=\"float\" office:value=\"1\" table:number-columns-repeated=\"16384\"/>",
                 " table:number-rows-repeated=\"1000000\"") +
          "</table:table>";
  auto reader = SpreadsheetReader::openMemory(buildOds(odsContent(table)), SpreadsheetFormat::kOds);
  ASSERT_TRUE(reader) << reader.error().message;
  uint64_t cells = 0;
  std::string fatal;
  SpreadsheetReader::Handlers handlers;
  handlers.onRecord = [&](const SheetRecord& record) { cells += record.cells.size(); };
  handlers.onError = [&](const SourceError& error) { fatal = error.message; };
  const auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(reader->read(headerRows({}), handlers));
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 10.0);
  EXPECT_LE(cells, 100'000'000u);
  EXPECT_TRUE(contains(fatal, "enthält mehr als 100.000.000 Zellen")) << fatal;

  // Content after more than 16,384 columns.
  table = "<table:table table:name=\"T\">" +
          odsRow("<table:table-cell table:number-columns-repeated=\"99999\"/>"
                 "<table:table-cell office:value-type=\"float\" office:value=\"1\"/>") +
          "</table:table>";
  r = readBook(buildOds(odsContent(table)), SpreadsheetFormat::kOds, headerRows({}));
  ASSERT_TRUE(r.fatal());
  EXPECT_TRUE(contains(r.fatal()->message, "über Spalte 16.384 hinaus")) << r.fatal()->message;

  // A billion spaces.
  table = "<table:table table:name=\"T\">" +
          odsRow("<table:table-cell office:value-type=\"string\"><text:p>a<text:s text:c=\"1000000000\"/>b</text:p></table:table-cell>") +
          "</table:table>";
  r = readBook(buildOds(odsContent(table)), SpreadsheetFormat::kOds, headerRows({}));
  ASSERT_TRUE(r.ok) << r.status;
  EXPECT_EQ(r.values(0)[0].size(), size_t{32} << 10);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_TRUE(contains(r.errors[0].message, "Zelle A1: Der Inhalt ist länger als 32 KB")) << r.errors[0].message;
}

TEST(SpreadsheetOds, PasswordProtectedAndOtherOdfDocuments) {
  const std::string manifest =
      "<?xml version=\"1.0\"?><manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\">"
      "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\" manifest:size=\"1234\">"
      "<manifest:encryption-data manifest:checksum-type=\"SHA1/1K\" manifest:checksum=\"x\"/></manifest:file-entry>"
      "</manifest:manifest>";
  SheetRead r = readBook(buildOds("\x12\x34 encrypted bytes", manifest), SpreadsheetFormat::kOds);
  EXPECT_TRUE(contains(r.openError, "mit einem Passwort geschützt")) << r.openError;
  EXPECT_TRUE(contains(r.openError, "Mit Kennwort speichern")) << r.openError;

  r = readBook(buildOds(odsContent(""), {}, "application/vnd.oasis.opendocument.text"), SpreadsheetFormat::kOds);
  EXPECT_TRUE(contains(r.openError, "ein anderes OpenDocument-Dokument")) << r.openError;

  r = readBook(buildOds(odsContent("")), SpreadsheetFormat::kOds);
  EXPECT_TRUE(contains(r.openError, "Sie enthält keine Tabelle")) << r.openError;

  r = readBook(buildOds("<office:document-content><unclosed>"), SpreadsheetFormat::kOds);
  EXPECT_TRUE(contains(r.openError, "Die Liste der Tabellen kann nicht gelesen werden: Der XML-Inhalt (\u201econtent.xml\u201c)"))
      << r.openError;
}

TEST(SpreadsheetOds, EmptyTableAndBlankHeaderRow) {
  SheetRead r = readBook(buildOds(odsContent("<table:table table:name=\"Leer\">" +
                                             odsRow("<table:table-cell table:number-columns-repeated=\"1024\"/>",
                                                    " table:number-rows-repeated=\"1048576\"") +
                                             "</table:table>")),
                         SpreadsheetFormat::kOds);
  ASSERT_TRUE(r.fatal());
  EXPECT_EQ(r.fatal()->message, "Tabellenblatt „Leer“ ist leer. Bitte das Tabellenblatt mit Kopfzeile und Daten angeben.");

  r = readBook(buildOds(odsContent(odsTable("T", {{""}, {"x"}}))), SpreadsheetFormat::kOds);
  ASSERT_TRUE(r.ok) << r.status;
  EXPECT_TRUE(r.header->labels.empty());
  EXPECT_EQ(r.rowNumbers(), std::vector<int64_t>{2});
}

// ============================================================================ sniffing

TEST(SpreadsheetSniff, RecognisesFormatsFromTheFirstBytes) {
  const std::string xlsx = singleSheetXlsx("<row r=\"1\"><c><v>1</v></c></row>");
  const std::string ods = buildOds(odsContent(odsTable("T", {{"a"}})));
  EXPECT_EQ(sniffSpreadsheet(std::string_view(xlsx).substr(0, 4096)), SpreadsheetFormat::kXlsx);
  EXPECT_EQ(sniffSpreadsheet(xlsx), SpreadsheetFormat::kXlsx);
  EXPECT_EQ(sniffSpreadsheet(std::string_view(ods).substr(0, 200)), SpreadsheetFormat::kOds);
  EXPECT_EQ(sniffSpreadsheet(buildOds(odsContent(""), {}, "application/vnd.oasis.opendocument.text")), std::nullopt);
  EXPECT_EQ(sniffSpreadsheet(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0", 10)), SpreadsheetFormat::kXlsx);
  EXPECT_EQ(sniffSpreadsheet("id;name\n1;Bonn\n"), std::nullopt);
  EXPECT_EQ(sniffSpreadsheet(""), std::nullopt);
  EXPECT_EQ(sniffSpreadsheet("PK\x03\x04"), std::nullopt);
  const std::string docx = makeZip({{"[Content_Types].xml", "<Types/>"}, {"word/document.xml", "<w:document/>"}});
  EXPECT_EQ(sniffSpreadsheet(docx), std::nullopt);
  const std::string onlyTypes = makeZip({{"[Content_Types].xml", std::string(100, 'x')}});
  EXPECT_EQ(sniffSpreadsheet(onlyTypes), SpreadsheetFormat::kXlsx);
}

}  // namespace
}  // namespace opgv::validation
