// libFuzzer target for the reading layers of the validation engine: encoding detection, the
// streaming UTF-8 transcoder, the dialect sniffer and the streaming CSV parser.
//
// Input layout: four option bytes, then the file.
//   byte 0: bits 0-1 delimiter , ; \t |   bit 2 quote " or '   bit 3 doubleQuote off
//           bit 4 skipInitialSpace   bits 5-6 header: none, [1], [1,2], [2]   bit 7 escapeChar '\'
//   byte 1: bits 0-1 commentChar none, #, //, %   bits 2-3 nullSequence none, NA, \N, ""
//           bit 4 delimiter doubled (";;")   bit 5 one-byte lineTerminator (";" or "|")
//           bit 6 commentRows [2]   bit 7 tiny limits (256 bytes, 16 fields) instead of 64 KiB/1000
//   byte 2: the fuzz-chosen chunk size (0 = 4096)
//   byte 3: bits 0-2 encoding: detect, utf-8, windows-1252, iso-8859-1, utf-16le, utf-16be
//
// Properties (abort on violation):
//  - the CSV parser gives the same transcript (header, records with row/line/values/quoted/null,
//    errors with code/row/line/offset/fatal/message, feed/finish status, stats) whether the file
//    is fed whole or in chunks of 1, 3, 7 or the fuzz-chosen number of bytes;
//  - records arrive in increasing row order, dataRows/blankRows match what was delivered, no
//    record has more fields than the limit;
//  - the transcoder gives the same text, BOM flag and error for every chunking, and its output is
//    valid UTF-8 when it succeeds;
//  - the sniffer proposes a dialect that validateDialect accepts, with confidences in [0, 1].
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "common/strings.h"
#include "fuzz_common.h"
#include "validation/csv_parser.h"
#include "validation/dialect.h"
#include "validation/encoding.h"

namespace {

using namespace opgv::validation;
using opgv::fuzz::OptionBytes;

constexpr size_t kOptionBytes = 4;

struct Setup {
  Dialect dialect;
  CsvLimits limits;
  size_t chunk = 4096;
  int encoding = 0;
};

Setup readSetup(const OptionBytes& o) {
  Setup s;
  Dialect& d = s.dialect;
  static constexpr char kDelimiters[] = {',', ';', '\t', '|'};
  const char delimiter = kDelimiters[o[0] & 3];
  d.delimiter = std::string(1, delimiter);
  if (o[1] & 0x10) d.delimiter += delimiter;
  d.quoteChar = (o[0] & 4) ? '\'' : '"';
  d.doubleQuote = !(o[0] & 8);
  d.skipInitialSpace = (o[0] & 0x10) != 0;
  switch ((o[0] >> 5) & 3) {
    case 0: d.header = false; break;
    case 1: d.headerRows = {1}; break;
    case 2: d.headerRows = {1, 2}; break;
    case 3: d.headerRows = {2}; break;
  }
  if (o[0] & 0x80) d.escapeChar = '\\';
  static constexpr const char* kComments[] = {nullptr, "#", "//", "%"};
  if (const char* c = kComments[o[1] & 3]) d.commentChar = c;
  static constexpr const char* kNulls[] = {nullptr, "NA", "\\N", ""};
  if (const char* n = kNulls[(o[1] >> 2) & 3]) d.nullSequence = n;
  if (o[1] & 0x20) d.lineTerminator = delimiter == ';' ? "|" : ";";
  if (o[1] & 0x40) d.commentRows = {2};
  if (o[1] & 0x80) {
    s.limits.maxRecordBytes = 256;
    s.limits.maxFields = 16;
  } else {
    s.limits.maxRecordBytes = 64 * 1024;
    s.limits.maxFields = 1000;
  }
  s.chunk = o[2] == 0 ? 4096 : o[2];
  s.encoding = o[3] & 7;
  return s;
}

std::vector<std::string_view> chunksOf(std::string_view input, size_t size) {
  std::vector<std::string_view> out;
  if (size == 0) {
    out.push_back(input);
    return out;
  }
  for (size_t i = 0; i < input.size(); i += size) out.push_back(input.substr(i, size));
  return out;
}

// Everything observable of one parse, as text, plus the structural checks that need the records.
struct ParseRun {
  std::string transcript;
  bool ok = true;
};

ParseRun parse(const std::vector<std::string_view>& chunks, const Setup& setup, std::string_view input) {
  std::ostringstream out;
  int headers = 0;
  int64_t records = 0, blank = 0, lastRow = 0, lastLine = 0;
  std::vector<SourceError> errors;
  CsvParser::Handlers handlers;
  handlers.onHeader = [&](const CsvHeader& header) {
    ++headers;
    out << "H line=" << header.line << " rows=";
    for (auto row : header.rows) out << row << ',';
    out << " labels=";
    for (const auto& label : header.labels) out << '[' << label << ']';
    out << '\n';
  };
  handlers.onRecord = [&](const CsvRecord& record) {
    FUZZ_CHECK(record.row > lastRow, input);
    FUZZ_CHECK(record.line >= lastLine && record.line >= 1, input);
    FUZZ_CHECK(record.fields.size() <= setup.limits.maxFields, input);
    lastRow = record.row;
    lastLine = record.line;
    ++records;
    if (record.fields.empty()) ++blank;
    out << "R row=" << record.row << " line=" << record.line << ' ';
    for (const auto& field : record.fields) {
      FUZZ_CHECK(!(field.quoted && field.null), input);
      out << (field.quoted ? "q" : "") << (field.null ? "n" : "") << '[' << field.value << ']';
    }
    out << '\n';
  };
  handlers.onError = [&](const SourceError& error) { errors.push_back(error); };

  CsvParser parser(setup.dialect, std::move(handlers), setup.limits);
  bool ok = true;
  std::string status;
  for (std::string_view chunk : chunks) {
    if (auto s = parser.feed(chunk); !s) {
      ok = false;
      status = s.error().message;
      break;
    }
  }
  if (ok) {
    if (auto s = parser.finish(); !s) {
      ok = false;
      status = s.error().message;
    }
  }
  FUZZ_CHECK(headers <= 1, input);
  for (const auto& error : errors)
    out << "E " << error.code << " row=" << error.row << " line=" << error.line << " offset=" << error.byteOffset
        << " fatal=" << error.fatal << ' ' << error.message << '\n';
  const CsvStats& st = parser.stats();
  FUZZ_CHECK(st.dataRows == records, input);
  FUZZ_CHECK(st.blankRows == blank, input);
  FUZZ_CHECK(st.maxFields <= setup.limits.maxFields, input);
  // A fatal error is both reported to onError and returned; a failed run has one.
  FUZZ_CHECK(ok == !parser.fatalError().has_value(), input);
  out << "ok=" << ok << ' ' << status << "\nstats rows=" << st.rows << " data=" << st.dataRows
      << " blank=" << st.blankRows << " skipped=" << st.skippedRows << " lines=" << st.lines
      << " maxFields=" << st.maxFields << " lf=" << st.lf << " crlf=" << st.crlf << " cr=" << st.cr
      << " ending=" << lineEndingName(st.lineEnding());
  // After a fatal error the chunked runs stop feeding, so only a complete run has seen every byte.
  if (ok) out << " bytes=" << st.bytes;
  out << '\n';
  return ParseRun{out.str(), ok};
}

struct TranscodeRun {
  std::string text;
  std::string transcript;
  bool ok = true;
};

TranscodeRun transcode(const std::vector<std::string_view>& chunks, Encoding encoding, std::string_view input) {
  TranscodeRun run;
  Utf8Transcoder transcoder(encoding);
  bool ok = true;
  for (std::string_view chunk : chunks) {
    if (!transcoder.feed(chunk, run.text)) {
      ok = false;
      break;
    }
  }
  if (ok) ok = transcoder.finish(run.text).has_value();
  FUZZ_CHECK(ok == !transcoder.error().has_value(), input);
  std::ostringstream out;
  out << "text=" << run.text << "\nbom=" << transcoder.bomRemoved();
  if (const auto& error = transcoder.error())
    out << "\nerror " << error->code << " line=" << error->line << " offset=" << error->byteOffset << ' '
        << error->message;
  run.transcript = out.str();
  run.ok = ok;
  return run;
}

bool unitInterval(double v) { return !std::isnan(v) && v >= 0.0 && v <= 1.0; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const OptionBytes options(input, kOptionBytes);
  const Setup setup = readSetup(options);
  const std::string_view file = options.rest();

  // --- encoding layer
  const EncodingGuess guess = detectEncoding(file, true);
  FUZZ_CHECK(unitInterval(guess.confidence), input);
  (void)detectEncoding(file, false);
  static constexpr Encoding kEncodings[] = {Encoding::kUtf8, Encoding::kWindows1252, Encoding::kIso8859_1,
                                            Encoding::kUtf16Le, Encoding::kUtf16Be};
  const Encoding encoding = setup.encoding == 0 ? guess.encoding : kEncodings[(setup.encoding - 1) % 5];
  const TranscodeRun whole = transcode(chunksOf(file, 0), encoding, input);
  for (size_t chunk : {size_t{1}, size_t{3}, setup.chunk}) {
    const TranscodeRun run = transcode(chunksOf(file, chunk), encoding, input);
    if (run.transcript != whole.transcript)
      opgv::fuzz::violated("Utf8Transcoder: gleiche Ausgabe für jede Stückelung", input, whole.transcript,
                           "chunk=" + std::to_string(chunk) + "\n" + run.transcript);
  }
  if (whole.ok) FUZZ_CHECK(opgv::strings::isValidUtf8(whole.text), input);

  // --- dialect sniffer, on the text the validator would see
  const std::string_view text = whole.ok ? std::string_view(whole.text) : file;
  for (bool complete : {true, false}) {
    const DialectGuess sniffed = sniffDialect(text, complete);
    FUZZ_CHECK(validateDialect(sniffed.dialect).has_value(), input);
    FUZZ_CHECK(unitInterval(sniffed.confidence) && unitInterval(sniffed.delimiterConfidence) &&
                   unitInterval(sniffed.headerConfidence),
               input);
    if (complete) {
      // The proposal must be usable as it is.
      Setup proposed = setup;
      proposed.dialect = sniffed.dialect;
      (void)parse(chunksOf(text, 0), proposed, input);
    }
  }

  // --- CSV parser: the raw bytes (the parser does not care about the encoding), every chunking
  const ParseRun reference = parse(chunksOf(file, 0), setup, input);
  for (size_t chunk : {size_t{1}, size_t{3}, size_t{7}, setup.chunk}) {
    const ParseRun run = parse(chunksOf(file, chunk), setup, input);
    if (run.transcript != reference.transcript)
      opgv::fuzz::violated("CsvParser: gleiches Ergebnis für jede Stückelung", input, reference.transcript,
                           "chunk=" + std::to_string(chunk) + "\n" + run.transcript);
  }
  return 0;
}
