#pragma once
// Drogon-style chunking for the reading layers: every input is fed whole and in chunks of 1, 3, 7
// and 4096 bytes, and all runs must give the same result. Chunk boundaries then fall inside BOMs,
// multi-byte characters, CRLF pairs, doubled quotes and multi-byte delimiters, which is where
// streaming parsers break.
#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "validation/csv_parser.h"
#include "validation/encoding.h"

namespace opgv::validation::csvtest {

inline const std::vector<size_t> kChunkSizes = {0, 1, 3, 7, 4096};  // 0 = whole input

inline std::vector<std::string_view> splitIntoChunks(std::string_view input, size_t size) {
  std::vector<std::string_view> chunks;
  if (size == 0) {
    chunks.push_back(input);
    return chunks;
  }
  for (size_t i = 0; i < input.size(); i += size) chunks.push_back(input.substr(i, size));
  return chunks;
}

// ------------------------------------------------------------------------------- CSV parser

struct ParsedField {
  std::string value;
  bool quoted = false;
  bool null = false;
};

struct ParsedRecord {
  int64_t row = 0;
  int64_t line = 0;
  std::vector<ParsedField> fields;
};

struct ParseResult {
  std::optional<CsvHeader> header;
  std::vector<ParsedRecord> records;
  std::vector<SourceError> errors;  // as delivered to onError, fatal ones included
  bool ok = true;                   // feed() and finish() succeeded
  std::string status;               // the returned error message, if any
  CsvStats stats;

  const SourceError* fatal() const {
    for (const auto& error : errors)
      if (error.fatal) return &error;
    return nullptr;
  }
  std::vector<std::string> values(size_t record) const {
    std::vector<std::string> out;
    for (const auto& field : records.at(record).fields) out.push_back(field.value);
    return out;
  }

  // Everything observable, for comparing runs.
  std::string transcript() const {
    std::ostringstream out;
    if (header) {
      out << "H line=" << header->line << " rows=";
      for (auto row : header->rows) out << row << ',';
      out << " labels=";
      for (const auto& label : header->labels) out << '[' << label << ']';
      out << '\n';
    }
    for (const auto& record : records) {
      out << "R row=" << record.row << " line=" << record.line << ' ';
      for (const auto& field : record.fields)
        out << (field.quoted ? "q" : "") << (field.null ? "n" : "") << '[' << field.value << ']';
      out << '\n';
    }
    for (const auto& error : errors)
      out << "E " << error.code << " row=" << error.row << " line=" << error.line << " offset=" << error.byteOffset
          << " fatal=" << error.fatal << ' ' << error.message << '\n';
    out << "ok=" << ok << ' ' << status << "\nstats rows=" << stats.rows << " data=" << stats.dataRows
        << " blank=" << stats.blankRows << " skipped=" << stats.skippedRows << " lines=" << stats.lines
        << " maxFields=" << stats.maxFields << " lf=" << stats.lf << " crlf=" << stats.crlf << " cr=" << stats.cr;
    // After a fatal error the chunked runs stop feeding, so only a complete run has seen every byte.
    if (ok) out << " bytes=" << stats.bytes;
    out << '\n';
    return out.str();
  }
};

inline ParseResult parseChunks(const std::vector<std::string_view>& chunks, const Dialect& dialect,
                               const CsvLimits& limits = {}) {
  ParseResult result;
  CsvParser::Handlers handlers;
  handlers.onHeader = [&](const CsvHeader& header) {
    EXPECT_FALSE(result.header.has_value()) << "header delivered twice";
    result.header = header;
  };
  handlers.onRecord = [&](const CsvRecord& record) {
    ParsedRecord parsed{record.row, record.line, {}};
    for (const auto& field : record.fields) parsed.fields.push_back({std::string(field.value), field.quoted, field.null});
    result.records.push_back(std::move(parsed));
  };
  handlers.onError = [&](const SourceError& error) { result.errors.push_back(error); };
  CsvParser parser(dialect, std::move(handlers), limits);
  for (std::string_view chunk : chunks) {
    if (auto status = parser.feed(chunk); !status) {
      result.ok = false;
      result.status = status.error().message;
      break;
    }
  }
  if (result.ok) {
    if (auto status = parser.finish(); !status) {
      result.ok = false;
      result.status = status.error().message;
    }
  }
  result.stats = parser.stats();
  return result;
}

// Parses `input` with every chunk size, expects identical transcripts and returns the result.
inline ParseResult parseAllChunkings(std::string_view input, const Dialect& dialect = {},
                                     const CsvLimits& limits = {}) {
  ParseResult reference;
  for (size_t size : kChunkSizes) {
    ParseResult result = parseChunks(splitIntoChunks(input, size), dialect, limits);
    if (size == 0) {
      reference = std::move(result);
    } else {
      EXPECT_EQ(result.transcript(), reference.transcript()) << "chunk size " << size;
    }
  }
  return reference;
}

// ------------------------------------------------------------------------------- transcoder

struct TranscodeResult {
  std::string text;
  std::optional<SourceError> error;
  bool bomRemoved = false;

  std::string transcript() const {
    std::ostringstream out;
    out << "text=" << text << "\nbom=" << bomRemoved;
    if (error)
      out << "\nerror " << error->code << " line=" << error->line << " offset=" << error->byteOffset << ' '
          << error->message;
    return out.str();
  }
};

inline TranscodeResult transcodeChunks(const std::vector<std::string_view>& chunks, Encoding encoding) {
  TranscodeResult result;
  Utf8Transcoder transcoder(encoding);
  bool ok = true;
  for (std::string_view chunk : chunks) {
    if (!transcoder.feed(chunk, result.text)) {
      ok = false;
      break;
    }
  }
  if (ok) ok = transcoder.finish(result.text).has_value();
  EXPECT_EQ(ok, !transcoder.error().has_value());
  result.error = transcoder.error();
  result.bomRemoved = transcoder.bomRemoved();
  return result;
}

inline TranscodeResult transcodeAllChunkings(std::string_view input, Encoding encoding) {
  TranscodeResult reference;
  for (size_t size : kChunkSizes) {
    TranscodeResult result = transcodeChunks(splitIntoChunks(input, size), encoding);
    if (size == 0) {
      reference = std::move(result);
    } else {
      EXPECT_EQ(result.transcript(), reference.transcript()) << "chunk size " << size;
    }
  }
  return reference;
}

inline Dialect dialectWith(std::string delimiter) {
  Dialect dialect;
  dialect.delimiter = std::move(delimiter);
  return dialect;
}

}  // namespace opgv::validation::csvtest
