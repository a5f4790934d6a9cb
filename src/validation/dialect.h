#pragma once
// Table Dialect v2 (datapackage.org/standard/table-dialect) for delimited text: how a CSV file is
// written, independent of its schema and of its encoding. Also the sniffer that proposes a dialect
// for a file nobody described, which is the normal case for municipal exports.
#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace opgv::validation {

// Line endings as found in a file (the record terminators outside quotes).
enum class LineEnding { kNone, kLf, kCrLf, kCr, kMixed };
// "LF", "CRLF", "CR", "gemischt", "keins".
std::string_view lineEndingName(LineEnding ending);

struct Dialect {
  bool header = true;
  std::vector<int64_t> headerRows{1};  // 1-based row numbers, ascending, no duplicates
  std::string headerJoin = " ";
  std::vector<int64_t> commentRows;    // 1-based row numbers, ascending, no duplicates
  std::optional<std::string> commentChar;  // a physical line starting with it is skipped
  std::string delimiter = ",";         // may be longer than one byte
  // What the descriptor declares. Reading accepts LF, CRLF and CR (and mixtures) whatever is
  // declared, like Python's csv module and thus frictionless-py; only a one-byte terminator other
  // than CR/LF (the spec's `;` example) changes how records end.
  std::string lineTerminator = "\r\n";
  char quoteChar = '"';
  bool doubleQuote = true;
  std::optional<char> escapeChar;
  std::optional<std::string> nullSequence;  // an unquoted field equal to it is null
  bool skipInitialSpace = false;            // skips spaces and tabs (unless tab is the delimiter)
};

// Reads a Table Dialect descriptor (v1 CSV Dialect properties included). All problems are
// reported at once, one FieldError per property, German; the error type is `dialect-error`.
// Properties for other formats (sheetName, table, …) and unknown properties are ignored.
Result<Dialect> parseDialect(const nlohmann::json& descriptor);
// Same checks for a Dialect built in code.
Status validateDialect(const Dialect& dialect);
// The descriptor with every CSV property spelled out, for `opgv infer` and stored resources.
nlohmann::json dialectToJson(const Dialect& dialect);

struct DialectGuess {
  Dialect dialect;
  double confidence = 0.0;           // overall, 0..1: delimiter and quoting, weighted with the header guess
  double delimiterConfidence = 0.0;  // 0..1
  double headerConfidence = 0.0;     // 0..1
  LineEnding lineEnding = LineEnding::kNone;
  // Number format seen in the cells, for schema inference: ',' for German "1.234,56".
  std::optional<char> decimalChar;
  std::optional<char> groupChar;
  int64_t sampleRows = 0;    // non-blank records in the sample with the chosen dialect
  size_t fieldCount = 0;     // the most frequent number of fields per record
  std::string note;          // German, one or two sentences on how the proposal came about
};

// Proposes delimiter (`;` `,` tab `|`), quote character (`"` or `'`), header presence,
// skipInitialSpace and the number format from a UTF-8 sample (a leading BOM is ignored). Without
// `complete`, a record cut off at the end of the sample is not used. Only the first 1 MiB is read.
DialectGuess sniffDialect(std::string_view utf8Sample, bool complete = false);

}  // namespace opgv::validation
