#include "validation/csv_parser.h"

#include <algorithm>
#include <cstring>

namespace opgv::validation {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
// A carried record buffer above this size is given back after use, so one huge record does not
// pin its memory for the rest of the file.
constexpr size_t kKeepCapacity = size_t{4} << 20;

enum class Match { kYes, kNo, kNeedMore };

// Does `s` start at b[k]? kNeedMore when the buffer ends inside a possible match.
Match matchAt(const char* b, size_t k, size_t n, std::string_view s, bool eof) {
  const size_t m = std::min(n - k, s.size());
  if (std::memcmp(b + k, s.data(), m) != 0) return Match::kNo;
  if (m < s.size()) return eof ? Match::kNo : Match::kNeedMore;
  return Match::kYes;
}

void releaseIfLarge(std::string& buffer) {
  if (buffer.capacity() > kKeepCapacity) {
    std::string().swap(buffer);
  } else {
    buffer.clear();
  }
}

}  // namespace

LineEnding CsvStats::lineEnding() const {
  const int kinds = (lf > 0 ? 1 : 0) + (crlf > 0 ? 1 : 0) + (cr > 0 ? 1 : 0);
  if (kinds == 0) return LineEnding::kNone;
  if (kinds > 1) return LineEnding::kMixed;
  if (lf > 0) return LineEnding::kLf;
  return crlf > 0 ? LineEnding::kCrLf : LineEnding::kCr;
}

std::vector<std::string> joinHeaderRows(const std::vector<std::vector<std::string>>& rows, std::string_view join) {
  size_t width = 0;
  for (const auto& row : rows) width = std::max(width, row.size());
  std::vector<std::string> labels(width);
  for (size_t r = 0; r < rows.size(); ++r) {
    const bool upper = r + 1 < rows.size();
    std::string_view carried;
    for (size_t c = 0; c < width; ++c) {
      std::string_view cell = c < rows[r].size() ? std::string_view(rows[r][c]) : std::string_view();
      if (upper) {
        if (!cell.empty()) {
          carried = cell;
        } else {
          cell = carried;
        }
      }
      if (cell.empty()) continue;
      if (!labels[c].empty()) labels[c] += join;
      labels[c] += cell;
    }
  }
  return labels;
}

CsvParser::CsvParser(Dialect dialect, Handlers handlers, CsvLimits limits)
    : dialect_(std::move(dialect)), handlers_(std::move(handlers)), limits_(limits) {
  if (auto status = validateDialect(dialect_); !status) {
    SourceError error;
    error.code = std::string(codes::kDialectError);
    error.message = status.error().message;
    for (const auto& field : status.error().fields) error.message += " " + field.message;
    fatal_ = std::move(error);
    return;
  }
  delimiter0_ = dialect_.delimiter[0];
  multiByteDelimiter_ = dialect_.delimiter.size() > 1;
  quote_ = dialect_.quoteChar;
  doubleQuote_ = dialect_.doubleQuote;
  hasEscape_ = dialect_.escapeChar.has_value();
  escape_ = dialect_.escapeChar.value_or('\0');
  hasNull_ = dialect_.nullSequence.has_value();
  customTerminator_ = dialect_.lineTerminator.size() == 1 && dialect_.lineTerminator[0] != '\n' &&
                      dialect_.lineTerminator[0] != '\r';
  terminator_ = customTerminator_ ? dialect_.lineTerminator[0] : '\n';
  skipInitialSpace_ = dialect_.skipInitialSpace;

  for (unsigned char c : {static_cast<unsigned char>(delimiter0_), static_cast<unsigned char>('\n'),
                          static_cast<unsigned char>('\r'), static_cast<unsigned char>('\0')})
    unquotedSpecials_.add(c);
  for (unsigned char c : {static_cast<unsigned char>(quote_), static_cast<unsigned char>('\n'),
                          static_cast<unsigned char>('\r'), static_cast<unsigned char>('\0')})
    quotedSpecials_.add(c);
  if (hasEscape_) {
    unquotedSpecials_.add(static_cast<unsigned char>(escape_));
    quotedSpecials_.add(static_cast<unsigned char>(escape_));
  }
  lineEnds_.add('\n');
  lineEnds_.add('\r');
  if (customTerminator_) {
    unquotedSpecials_.add(static_cast<unsigned char>(terminator_));
    lineEnds_.add(static_cast<unsigned char>(terminator_));
    pieceEnds_.add(static_cast<unsigned char>(terminator_));
  } else {
    pieceEnds_.add('\n');
    pieceEnds_.add('\r');
  }
  if (dialect_.header && !dialect_.headerRows.empty()) lastHeaderRow_ = dialect_.headerRows.back();
  lastSpecialRow_ = std::max(lastHeaderRow_, dialect_.commentRows.empty() ? int64_t{0} : dialect_.commentRows.back());
}

Status CsvParser::fatalStatus() const { return std::unexpected(toError(*fatal_)); }

void CsvParser::setFatal(std::string message, int64_t row, int64_t line, uint64_t offset) {
  SourceError error;
  error.code = std::string(codes::kSourceError);
  error.message = std::move(message);
  error.row = row;
  error.line = line;
  error.byteOffset = offset;
  error.fatal = true;
  if (handlers_.onError) handlers_.onError(error);
  fatal_ = std::move(error);
}

std::string CsvParser::recordTooLargeMessage() const {
  // The same words whatever the parser was doing when the limit was crossed: a chunked run notices
  // the size at a chunk end, a whole-input run at the record end, and both must report alike.
  return describePosition(row_ + 1, recordLine_) + ": Der Datensatz ist größer als " +
         formatByteSize(limits_.maxRecordBytes) +
         ", die Obergrenze für einen einzelnen Datensatz. So lange Datensätze entstehen meist durch ein nicht "
         "geschlossenes Anführungszeichen, ein falsches Zeilenende oder weil die Datei keine CSV-Datei ist. Die "
         "Prüfung wurde hier abgebrochen.";
}

bool CsvParser::pastRecordLimit(uint64_t offset, uint64_t recordStart) {
  // Bytes past the limit are never scanned by a run fed in small chunks (it stops at the chunk
  // end where the record outgrew the limit), so what is found there must become the size error in
  // every run, or the report would depend on how the input was chunked.
  if (offset - recordStart <= limits_.maxRecordBytes) return false;
  setFatal(recordTooLargeMessage(), row_ + 1, recordLine_, recordStart);
  return true;
}

bool CsvParser::checkPartialRecord(uint64_t bytes, uint64_t offset) {
  if (bytes <= limits_.maxRecordBytes) return true;
  setFatal(recordTooLargeMessage(), row_ + 1, recordLine_, offset);
  return false;
}

void CsvParser::fatalNul(size_t k, size_t rs) {
  if (pastRecordLimit(bufferOffset_ + k, bufferOffset_ + rs)) return;
  setFatal(describePosition(row_ + 1, line_) + ", Byte-Position " + formatCount(bufferOffset_ + k) +
               ": Die Datei enthält ein NUL-Byte (ein Zeichen mit dem Wert 0). In Textdateien kommt es nicht vor "
               "– vermutlich ist die Datei in UTF-16 gespeichert oder gar keine CSV-Datei.",
           row_ + 1, line_, bufferOffset_ + k);
}

void CsvParser::reportTextAfterQuote(char c, uint64_t offset, uint64_t recordStart) {
  if (fatal_ || rowErrorReported_) return;
  if (pastRecordLimit(offset, recordStart)) return;
  rowErrorReported_ = true;
  std::string shown;
  if (static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7F) shown = std::string(" („") + c + "“)";
  SourceError error;
  error.code = std::string(codes::kSourceError);
  error.row = row_ + 1;
  error.line = line_;
  error.byteOffset = offset;
  error.fatal = false;
  error.message = describePosition(row_ + 1, line_) + ": In Feld " + formatCount(refs_.size() + 1) +
                  " folgt auf das schließende Anführungszeichen noch Text" + shown +
                  ". Anführungszeichen innerhalb eines Feldes müssen verdoppelt werden (\"\"). Der Wert wurde "
                  "ohne dieses Anführungszeichen übernommen; bitte die Zeile prüfen.";
  if (handlers_.onError) handlers_.onError(error);
}

void CsvParser::countTerminator(const char* b, size_t k) {
  if (customTerminator_) return;
  if (b[k] == '\r') {
    ++line_;
    ++stats_.cr;
  } else {
    if (!prevIsCR(b, k)) ++line_;
    ++stats_.lf;
  }
}

void CsvParser::countDataLineBreak(const char* b, size_t k) {
  if (b[k] == '\r' || !prevIsCR(b, k)) ++line_;
}

void CsvParser::toScratch(const char* b, size_t rs, size_t k) {
  if (!fieldInScratch_) {
    fieldInScratch_ = true;
    scratchBegin_ = scratch_.size();
    scratch_.append(b + rs + fieldBegin_, k - rs - fieldBegin_);
  } else {
    scratch_.append(b + rs + segmentBegin_, k - rs - segmentBegin_);
  }
}

void CsvParser::tooManyFields(uint64_t offset, uint64_t recordStart) {
  if (pastRecordLimit(offset, recordStart)) return;
  setFatal(describePosition(row_ + 1, recordLine_) + ": Der Datensatz hat mehr als " + formatCount(limits_.maxFields) +
               " Felder. Vermutlich ist das Trennzeichen falsch angegeben. Die Prüfung wurde hier abgebrochen.",
           row_ + 1, recordLine_, offset);
}

bool CsvParser::endUnquotedField(const char* b, size_t rs, size_t k) {
  if (refs_.size() >= limits_.maxFields) [[unlikely]] {
    tooManyFields(bufferOffset_ + k, bufferOffset_ + rs);
    return false;
  }
  if (fieldInScratch_) {
    scratch_.append(b + rs + segmentBegin_, k - rs - segmentBegin_);
    refs_.push_back({scratchBegin_, scratch_.size() - scratchBegin_, fieldQuoted_, true});
  } else {
    refs_.push_back({fieldBegin_, k - rs - fieldBegin_, false, false});
  }
  fieldInScratch_ = false;
  fieldQuoted_ = false;
  return true;
}

bool CsvParser::endQuotedField(const char* b, size_t rs) {
  if (refs_.size() >= limits_.maxFields) [[unlikely]] {
    tooManyFields(bufferOffset_ + rs + quoteEnd_, bufferOffset_ + rs);
    return false;
  }
  if (fieldInScratch_) {
    scratch_.append(b + rs + segmentBegin_, quoteEnd_ - segmentBegin_);
    refs_.push_back({scratchBegin_, scratch_.size() - scratchBegin_, true, true});
  } else {
    refs_.push_back({fieldBegin_, quoteEnd_ - fieldBegin_, true, false});
  }
  fieldInScratch_ = false;
  fieldQuoted_ = false;
  return true;
}

bool CsvParser::endRecord(const char* b, size_t rs, size_t end, bool terminated) {
  if (end - rs > limits_.maxRecordBytes) {
    setFatal(recordTooLargeMessage(), row_ + 1, recordLine_, bufferOffset_ + rs);
    return false;
  }
  // Counted only now, so a record rejected above leaves the statistics as a chunked run that never
  // reached its terminator would.
  if (terminated) countTerminator(b, end);
  fields_.resize(refs_.size());
  const char* base = b + rs;
  for (size_t f = 0; f < refs_.size(); ++f) {
    const FieldRef& ref = refs_[f];
    // Member by member: building a CsvField temporary made GCC store bytes and reload them as a
    // word (a store-forwarding stall that cost half of the parse time).
    CsvField& field = fields_[f];
    field.value = std::string_view(ref.inScratch ? scratch_.data() + ref.begin : base + ref.begin, ref.size);
    field.quoted = ref.quoted;
    field.null = hasNull_ && !ref.quoted && field.value == *dialect_.nullSequence;
  }
  const CsvRecord record{row_ + 1, recordLine_, std::span<const CsvField>(fields_.data(), fields_.size())};
  ++row_;
  ++stats_.rows;
  stats_.maxFields = std::max(stats_.maxFields, refs_.size());
  dispatch(record);
  refs_.clear();
  releaseIfLarge(scratch_);
  return !fatal_;
}

void CsvParser::dispatch(const CsvRecord& record) {
  if (record.row <= lastSpecialRow_) {
    const bool comment = std::binary_search(dialect_.commentRows.begin(), dialect_.commentRows.end(), record.row);
    if (record.row <= lastHeaderRow_) {
      if (!comment && std::binary_search(dialect_.headerRows.begin(), dialect_.headerRows.end(), record.row)) {
        if (headerRowsFound_.empty()) headerLine_ = record.line;
        auto& labels = headerData_.emplace_back();
        labels.reserve(record.fields.size());
        for (const CsvField& field : record.fields) labels.emplace_back(field.value);
        headerRowsFound_.push_back(record.row);
      } else {
        ++stats_.skippedRows;  // a comment row, or a row above the last header row (frictionless skips those)
      }
      if (record.row == lastHeaderRow_) emitHeader();
      return;
    }
    if (comment) {
      ++stats_.skippedRows;
      return;
    }
  }
  ++stats_.dataRows;
  if (record.fields.empty()) ++stats_.blankRows;
  if (handlers_.onRecord) handlers_.onRecord(record);
}

void CsvParser::skipRow() {
  ++row_;
  ++stats_.rows;
  ++stats_.skippedRows;
  if (row_ == lastHeaderRow_ && !headerEmitted_) emitHeader();
}

void CsvParser::emitHeader() {
  headerEmitted_ = true;
  if (headerData_.empty()) {
    // frictionless-py would go on with no labels at all; that only produces confusing follow-up
    // errors, so name the cause.
    setFatal("Die Datei enthält keine Kopfzeile: Zeile " + formatCount(static_cast<uint64_t>(lastHeaderRow_)) +
                 ", in der laut Angabe (headerRows) die Spaltennamen stehen, ist eine Kommentarzeile oder wird "
                 "übersprungen. Bitte „headerRows“ auf die Zeile mit den Spaltennamen setzen.",
             lastHeaderRow_, recordLine_, 0);
    return;
  }
  CsvHeader header;
  header.labels = joinHeaderRows(headerData_, dialect_.headerJoin);
  header.rows = std::move(headerRowsFound_);
  header.line = headerLine_;
  headerData_.clear();
  headerRowsFound_.clear();
  if (handlers_.onHeader) handlers_.onHeader(header);
}

// The state machine. `i` is the scan position and `rs` the start of the current record in
// b[0, n); both survive in the caller, which carries b[rs, n) over to the next chunk when a record
// is unfinished. Field positions are kept relative to `rs` so that the move does not touch them.
void CsvParser::run(const char* b, size_t n, size_t& ioI, size_t& ioRs, bool eof) {
  size_t i = ioI;
  size_t rs = ioRs;
  for (;;) {
    switch (state_) {
      case State::kRecordStart: {
        if (i >= n) goto done;
        if (atStreamStart_) {
          const size_t m = std::min(n - i, kBom.size());
          if (std::memcmp(b + i, kBom.data(), m) == 0 && (m == kBom.size() || !eof)) {
            if (m < kBom.size()) goto done;  // wait for the rest of a possible BOM
            i += kBom.size();
            rs = i;
            bomSkipped_ = true;
          }
          atStreamStart_ = false;
          continue;
        }
        const char c = b[i];
        if (!customTerminator_ && c == '\n' && prevIsCR(b, i)) {
          // The LF of a CRLF whose CR already ended the previous record.
          if (stats_.cr > 0) --stats_.cr;
          ++stats_.crlf;
          rs = ++i;
          continue;
        }
        rs = i;
        recordLine_ = line_;
        rowErrorReported_ = false;
        if (isTerminator(c)) {  // a blank line: a record without fields
          if (!endRecord(b, rs, i, true)) goto done;
          rs = ++i;
          continue;
        }
        if (dialect_.commentChar) {
          const Match m = matchAt(b, i, n, *dialect_.commentChar, eof);
          if (m == Match::kNeedMore) goto done;
          if (m == Match::kYes) {
            state_ = State::kComment;
            continue;
          }
        }
        state_ = State::kFieldStart;
        [[fallthrough]];
      }
      case State::kFieldStart: {
        if (skipInitialSpace_) {
          while (i < n && ((b[i] == ' ' && delimiter0_ != ' ') || (b[i] == '\t' && delimiter0_ != '\t'))) ++i;
        }
        if (i >= n) goto done;
        fieldInScratch_ = false;
        if (b[i] == quote_) {
          fieldQuoted_ = true;
          fieldBegin_ = i + 1 - rs;
          quoteLine_ = line_;
          ++i;
          state_ = State::kQuoted;
          continue;
        }
        fieldQuoted_ = false;
        fieldBegin_ = i - rs;
        state_ = State::kUnquoted;
        [[fallthrough]];
      }
      case State::kUnquoted: {
        const char* p = unquotedSpecials_.find(b + i, b + n);
        if (p == b + n) {
          i = n;
          goto done;
        }
        const size_t k = static_cast<size_t>(p - b);
        const char c = *p;
        if (c == delimiter0_) {
          if (multiByteDelimiter_) {
            const Match m = matchAt(b, k, n, dialect_.delimiter, eof);
            if (m == Match::kNeedMore) {
              i = k;
              goto done;
            }
            if (m == Match::kNo) {
              i = k + 1;
              continue;
            }
          }
          if (!endUnquotedField(b, rs, k)) goto done;
          i = k + dialect_.delimiter.size();
          state_ = State::kFieldStart;
          continue;
        }
        if (isTerminator(c)) {
          if (!endUnquotedField(b, rs, k)) goto done;
          if (!endRecord(b, rs, k, true)) goto done;
          rs = i = k + 1;
          state_ = State::kRecordStart;
          continue;
        }
        if (c == '\n' || c == '\r') {  // data, with a custom terminator
          countDataLineBreak(b, k);
          i = k + 1;
          continue;
        }
        if (c == '\0') {
          fatalNul(k, rs);
          goto done;
        }
        // The escape character: the next byte is data, whatever it is.
        toScratch(b, rs, k);
        segmentBegin_ = k + 1 - rs;
        i = k + 1;
        state_ = State::kEscapeUnquoted;
        continue;
      }
      case State::kEscapeUnquoted:
      case State::kEscapeQuoted: {
        if (i >= n) goto done;
        if (b[i] == '\0') {
          fatalNul(i, rs);
          goto done;
        }
        if (b[i] == '\n' || b[i] == '\r') countDataLineBreak(b, i);
        ++i;
        state_ = state_ == State::kEscapeQuoted ? State::kQuoted : State::kUnquoted;
        continue;
      }
      case State::kQuoted: {
        const char* p = quotedSpecials_.find(b + i, b + n);
        if (p == b + n) {
          i = n;
          goto done;
        }
        const size_t k = static_cast<size_t>(p - b);
        const char c = *p;
        if (c == quote_) {
          i = k + 1;
          state_ = State::kQuoteInQuoted;
          continue;
        }
        if (c == '\n' || c == '\r') {
          countDataLineBreak(b, k);
          i = k + 1;
          continue;
        }
        if (c == '\0') {
          fatalNul(k, rs);
          goto done;
        }
        toScratch(b, rs, k);
        segmentBegin_ = k + 1 - rs;
        i = k + 1;
        state_ = State::kEscapeQuoted;
        continue;
      }
      case State::kQuoteInQuoted: {
        // The quote is b[i - 1]; the byte after it decides.
        if (i >= n && !eof) goto done;
        if (i < n && doubleQuote_ && b[i] == quote_) {
          toScratch(b, rs, i);  // keeps the first quote of the pair
          segmentBegin_ = i + 1 - rs;
          ++i;
          state_ = State::kQuoted;
          continue;
        }
        quoteEnd_ = i - 1 - rs;
        state_ = State::kAfterQuoted;
        [[fallthrough]];
      }
      case State::kAfterQuoted: {
        if (i >= n) goto done;
        const char c = b[i];
        if (c == delimiter0_) {
          const Match m = multiByteDelimiter_ ? matchAt(b, i, n, dialect_.delimiter, eof) : Match::kYes;
          if (m == Match::kNeedMore) goto done;
          if (m == Match::kYes) {
            if (!endQuotedField(b, rs)) goto done;
            i += dialect_.delimiter.size();
            state_ = State::kFieldStart;
            continue;
          }
        } else if (isTerminator(c)) {
          if (!endQuotedField(b, rs)) goto done;
          if (!endRecord(b, rs, i, true)) goto done;
          rs = ++i;
          state_ = State::kRecordStart;
          continue;
        } else if (c == '\0') {
          fatalNul(i, rs);
          goto done;
        }
        // Text after the closing quote: report it, then read on like Python's csv module does,
        // with the rest of the field taken literally.
        reportTextAfterQuote(c, bufferOffset_ + i, bufferOffset_ + rs);
        if (fatal_) goto done;
        if (!fieldInScratch_) {
          fieldInScratch_ = true;
          scratchBegin_ = scratch_.size();
          scratch_.append(b + rs + fieldBegin_, quoteEnd_ - fieldBegin_);
        } else {
          scratch_.append(b + rs + segmentBegin_, quoteEnd_ - segmentBegin_);
        }
        segmentBegin_ = i - rs;
        state_ = State::kUnquoted;
        continue;
      }
      case State::kComment: {
        for (;;) {
          const char* p = lineEnds_.find(b + i, b + n);
          if (p == b + n) {
            // Nothing of a comment line is needed later, so nothing is carried over.
            i = n;
            rs = n;
            goto done;
          }
          const size_t k = static_cast<size_t>(p - b);
          if (isTerminator(*p)) {
            countTerminator(b, k);
            rs = i = k + 1;
            state_ = State::kRecordStart;
            skipRow();
            if (fatal_) goto done;
            break;
          }
          countDataLineBreak(b, k);
          i = k + 1;
        }
        continue;
      }
    }
  }
done:
  ioI = i;
  ioRs = rs;
}

Status CsvParser::feed(std::string_view text) {
  if (fatal_) return fatalStatus();
  if (finished_) return opgv::fail(ErrorCode::kInternal, "Interner Fehler beim Lesen der CSV-Datei.", "feed after finish");
  if (text.empty()) return {};
  const char* data = text.data();
  const size_t n = text.size();
  const uint64_t chunkOffset = stats_.bytes;
  stats_.bytes += n;
  size_t off = 0;

  // An unfinished record from earlier chunks: append this chunk piece by piece, each up to the
  // next possible record end, so that only the record itself is copied; once it is complete the
  // rest of the chunk is parsed in place.
  while (!carry_.empty() && off < n) {
    const char* e = pieceEnds_.find(data + off, data + n);
    const size_t until = e == data + n ? n : static_cast<size_t>(e - data) + 1;
    carry_.append(data + off, until - off);
    off = until;
    size_t i = carryPos_, rs = 0;
    bufferOffset_ = carryOffset_;
    basePrevCR_ = carryPrevCR_;
    run(carry_.data(), carry_.size(), i, rs, false);
    if (fatal_) return fatalStatus();
    if (rs >= carry_.size()) {
      releaseIfLarge(carry_);
      carryPos_ = 0;
      break;
    }
    if (rs > 0) {
      carryPrevCR_ = carry_[rs - 1] == '\r';
      carryOffset_ += rs;
      carry_.erase(0, rs);
    }
    carryPos_ = i - rs;
    if (!checkPartialRecord(carry_.size(), carryOffset_)) return fatalStatus();
  }

  if (off < n) {
    size_t i = off, rs = off;
    bufferOffset_ = chunkOffset;
    basePrevCR_ = prevCR_;
    run(data, n, i, rs, false);
    if (fatal_) return fatalStatus();
    if (rs < n) {
      if (!checkPartialRecord(n - rs, chunkOffset + rs)) return fatalStatus();
      carry_.assign(data + rs, n - rs);
      carryPrevCR_ = rs > 0 ? data[rs - 1] == '\r' : prevCR_;
      carryOffset_ = chunkOffset + rs;
      carryPos_ = i - rs;
    }
  }
  prevCR_ = data[n - 1] == '\r';
  lastByte_ = data[n - 1];
  return {};
}

Status CsvParser::finish() {
  if (fatal_) return fatalStatus();
  if (finished_) return {};
  finished_ = true;

  const char* b = nullptr;
  size_t n = 0, i = 0, rs = 0;
  if (!carry_.empty()) {
    b = carry_.data();
    n = carry_.size();
    i = carryPos_;
    bufferOffset_ = carryOffset_;
    basePrevCR_ = carryPrevCR_;
    run(b, n, i, rs, true);
    if (fatal_) return fatalStatus();
  }
  switch (state_) {
    case State::kRecordStart: break;
    case State::kComment:
      skipRow();
      if (fatal_) return fatalStatus();
      break;
    case State::kFieldStart:
      // After a delimiter (or leading spaces) at the very end: one more, empty field.
      fieldInScratch_ = false;
      fieldQuoted_ = false;
      fieldBegin_ = n - rs;
      [[fallthrough]];
    case State::kUnquoted:
      if (!endUnquotedField(b, rs, n) || !endRecord(b, rs, n, false)) return fatalStatus();
      break;
    case State::kQuoteInQuoted:  // run() with eof turns it into kAfterQuoted
    case State::kAfterQuoted:
      if (!endQuotedField(b, rs) || !endRecord(b, rs, n, false)) return fatalStatus();
      break;
    case State::kQuoted:
      setFatal(describePosition(row_ + 1, quoteLine_) + ": Das Anführungszeichen am Anfang von Feld " +
                   formatCount(refs_.size() + 1) +
                   " wird bis zum Dateiende nicht geschlossen. Vermutlich fehlt ein schließendes "
                   "Anführungszeichen, oder ein Anführungszeichen im Text ist nicht verdoppelt (\"\").",
               row_ + 1, quoteLine_, bufferOffset_ + rs + fieldBegin_ - 1);
      return fatalStatus();
    case State::kEscapeUnquoted:
    case State::kEscapeQuoted:
      setFatal(describePosition(row_ + 1, line_) + ": Die Datei endet direkt nach dem Escape-Zeichen „" +
                   std::string(1, escape_) + "“; das Zeichen danach fehlt.",
               row_ + 1, line_, bufferOffset_ + n - 1);
      return fatalStatus();
  }
  state_ = State::kRecordStart;
  releaseIfLarge(carry_);
  releaseIfLarge(scratch_);

  const uint64_t content = stats_.bytes - (bomSkipped_ ? kBom.size() : 0);
  stats_.lines = content == 0 ? 0 : line_ - ((lastByte_ == '\n' || lastByte_ == '\r') ? 1 : 0);
  if (content == 0) {
    setFatal("Die Datei ist leer (" + formatCount(stats_.bytes) + " Byte" +
                 (bomSkipped_ ? ", nur die UTF-8-Kennung" : "") + "). Bitte eine Datei mit Kopfzeile und Daten hochladen.",
             0, 0, 0);
    return fatalStatus();
  }
  if (lastHeaderRow_ > 0 && !headerEmitted_) {
    if (headerData_.empty()) {
      setFatal("Die Datei enthält keine Kopfzeile: erwartet in Zeile " + formatCount(static_cast<uint64_t>(lastHeaderRow_)) +
                   ", die Datei hat aber nur " + formatCount(static_cast<uint64_t>(row_)) + " Zeilen.",
               0, 0, 0);
      return fatalStatus();
    }
    emitHeader();  // fewer header rows than declared: use those that are there
  }
  return {};
}

}  // namespace opgv::validation
