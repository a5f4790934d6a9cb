#pragma once
// Streaming CSV parser (RFC 4180 plus the Table Dialect options) for UTF-8 text. Feed it chunks of
// any size with arbitrary boundaries; it calls back once per record. Memory is bounded by the
// largest record (plus one chunk for files without any line break), and each record is limited
// (CsvLimits), so a 100 MB line or a quote that is never closed ends with a clear error instead of
// eating memory.
//
// Decisions where RFC 4180 and real files disagree (all reported as frictionless `source-error`):
// - Line endings: LF, CRLF and CR all end a record, also mixed in one file; stats() counts them.
// - A quote inside an unquoted field (`12" Zoll`) is taken literally: quoting only starts at the
//   beginning of a field, so nothing is ambiguous and Python's csv module (frictionless-py) reads
//   it the same way. No error.
// - Text after the closing quote of a quoted field (`"Sagt "Hallo" laut"`) is ambiguous: most
//   likely an inner quote that should have been doubled. It is an error for that row (not fatal);
//   the value is read as Python does (quoted part + rest, `Sagt Hallo" laut"`) so that counting
//   rows and fields goes on.
// - A quote opened and not closed before the end of the file, NUL bytes, and a record over the
//   byte limit are fatal: nothing after them can be trusted.
// - commentChar works on physical lines (the raw line starts with it), as the spec says;
//   commentRows, headerRows and row numbers count records the way frictionless-py does (every
//   record, blank and comment ones included, header = row 1).
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "validation/byte_scan.h"
#include "validation/dialect.h"
#include "validation/source_error.h"

namespace opgv::validation {

struct CsvField {
  std::string_view value;  // unescaped text; valid only during the callback
  bool quoted = false;     // written in quotes: "" is an empty string, an empty unquoted field is "missing"
  bool null = false;       // unquoted and equal to Dialect::nullSequence
};

struct CsvRecord {
  int64_t row = 0;   // frictionless row number: 1-based over all records of the file (header = 1)
  int64_t line = 0;  // physical line (1-based) where the record starts
  std::span<const CsvField> fields;  // empty for a blank line (the validator's `blank-row`)
};

struct CsvHeader {
  std::vector<std::string> labels;  // header rows combined, see joinHeaderRows
  std::vector<int64_t> rows;        // row numbers of the header rows found in the file
  int64_t line = 0;                 // line of the first of them
};

struct CsvLimits {
  uint64_t maxRecordBytes = uint64_t{64} << 20;
  size_t maxFields = 100'000;
};

struct CsvStats {
  uint64_t bytes = 0;       // UTF-8 bytes fed (a leading BOM included)
  int64_t rows = 0;         // all records: header, comment, blank and data rows
  int64_t dataRows = 0;     // records delivered to onRecord, blank ones included
  int64_t blankRows = 0;
  int64_t skippedRows = 0;  // commentRows, commentChar lines, rows above the last header row
  int64_t lines = 0;        // physical lines
  size_t maxFields = 0;
  uint64_t lf = 0, crlf = 0, cr = 0;  // record terminators by kind
  LineEnding lineEnding() const;
};

// Several header rows become one label per column. Upper rows are filled to the right where they
// are empty, because a spreadsheet exports a merged cell as the value followed by empty cells
// (the spec's example: "fruit" over "id,name" gives "fruit id", "fruit name"); then the non-empty
// parts are joined with `join`.
std::vector<std::string> joinHeaderRows(const std::vector<std::vector<std::string>>& rows, std::string_view join);

class CsvParser {
 public:
  struct Handlers {
    std::function<void(const CsvRecord&)> onRecord;  // data rows, blank rows included
    std::function<void(const CsvHeader&)> onHeader;  // once, after the last header row
    // Every error, fatal or not. Fatal ones are also returned by feed()/finish().
    std::function<void(const SourceError&)> onError;
  };

  // An invalid dialect is reported as `dialect-error` by the first feed()/finish().
  CsvParser(Dialect dialect, Handlers handlers, CsvLimits limits = {});

  Status feed(std::string_view text);
  // End of input: delivers the last record, reports an unterminated quote, an empty file or a
  // missing header.
  Status finish();

  const CsvStats& stats() const { return stats_; }
  const Dialect& dialect() const { return dialect_; }
  const std::optional<SourceError>& fatalError() const { return fatal_; }

 private:
  enum class State : uint8_t {
    kRecordStart,
    kFieldStart,
    kUnquoted,
    kQuoted,
    kQuoteInQuoted,  // a quote inside a quoted field: closing, or the first of a doubled pair
    kAfterQuoted,
    kEscapeUnquoted,
    kEscapeQuoted,
    kComment,
  };
  struct FieldRef {
    size_t begin = 0;  // relative to the record start in the current buffer, or into scratch_
    size_t size = 0;
    bool quoted = false;
    bool inScratch = false;
  };

  void run(const char* b, size_t n, size_t& ioI, size_t& ioRs, bool eof);
  bool prevIsCR(const char* b, size_t k) const { return k > 0 ? b[k - 1] == '\r' : basePrevCR_; }
  bool isTerminator(char c) const { return customTerminator_ ? c == terminator_ : (c == '\n' || c == '\r'); }
  void countTerminator(const char* b, size_t k);
  void countDataLineBreak(const char* b, size_t k);
  void toScratch(const char* b, size_t rs, size_t k);
  bool endUnquotedField(const char* b, size_t rs, size_t k);
  bool endQuotedField(const char* b, size_t rs);
  bool endRecord(const char* b, size_t rs, size_t end, bool terminated);
  void dispatch(const CsvRecord& record);
  void skipRow();
  void fatalNul(size_t k, size_t rs);
  // True (and the size error set) when `offset` lies past the record size limit.
  bool pastRecordLimit(uint64_t offset, uint64_t recordStart);
  [[gnu::noinline, gnu::cold]] void tooManyFields(uint64_t offset, uint64_t recordStart);
  std::string recordTooLargeMessage() const;
  void emitHeader();
  void reportTextAfterQuote(char c, uint64_t offset, uint64_t recordStart);
  void setFatal(std::string message, int64_t row, int64_t line, uint64_t offset);
  Status fatalStatus() const;
  bool checkPartialRecord(uint64_t bytes, uint64_t offset);

  Dialect dialect_;
  Handlers handlers_;
  CsvLimits limits_;

  // Dialect, prepared for the scanner.
  detail::ByteSet unquotedSpecials_;
  detail::ByteSet quotedSpecials_;
  detail::ByteSet lineEnds_;   // where a comment line may end (and line breaks to count)
  detail::ByteSet pieceEnds_;  // where a carried record may end: its chunk is appended up to there
  char delimiter0_ = ',';
  bool multiByteDelimiter_ = false;
  char quote_ = '"';
  bool doubleQuote_ = true;
  bool hasEscape_ = false;
  bool hasNull_ = false;
  char escape_ = 0;
  bool customTerminator_ = false;
  char terminator_ = 0;
  bool skipInitialSpace_ = false;
  int64_t lastHeaderRow_ = 0;    // 0 without header
  int64_t lastSpecialRow_ = 0;   // rows up to here may be header or comment rows

  // Stream position.
  State state_ = State::kRecordStart;
  std::string carry_;  // the record that started in an earlier chunk, from its first byte
  size_t carryPos_ = 0;
  bool carryPrevCR_ = false;
  bool basePrevCR_ = false;  // the byte before the current buffer was CR
  bool prevCR_ = false;      // the last byte fed so far was CR
  char lastByte_ = 0;
  bool atStreamStart_ = true;
  bool bomSkipped_ = false;
  bool finished_ = false;
  int64_t line_ = 1;
  int64_t recordLine_ = 1;
  int64_t row_ = 0;
  uint64_t bufferOffset_ = 0;  // stream offset of the current buffer's first byte
  uint64_t carryOffset_ = 0;   // stream offset of carry_[0]

  // The field being read.
  size_t fieldBegin_ = 0;
  size_t quoteEnd_ = 0;      // closing quote, relative to the record start
  size_t segmentBegin_ = 0;  // not yet copied part of a field that needs unescaping
  size_t scratchBegin_ = 0;
  bool fieldQuoted_ = false;
  bool fieldInScratch_ = false;
  int64_t quoteLine_ = 0;
  bool rowErrorReported_ = false;

  std::vector<FieldRef> refs_;
  std::string scratch_;
  std::vector<CsvField> fields_;

  std::vector<std::vector<std::string>> headerData_;
  std::vector<int64_t> headerRowsFound_;
  int64_t headerLine_ = 0;
  bool headerEmitted_ = false;

  CsvStats stats_;
  std::optional<SourceError> fatal_;
};

}  // namespace opgv::validation
