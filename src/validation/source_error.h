#pragma once
// Errors found while reading a table file (bytes → text → records). They use the frictionless
// error types (`encoding-error`, `source-error`, `dialect-error`) so that the validation report
// can be read with existing Frictionless tooling; the message is German and written for the
// person who exported the file, not for a programmer.
#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"

namespace opgv::validation {

namespace codes {
inline constexpr std::string_view kEncodingError = "encoding-error";
inline constexpr std::string_view kSourceError = "source-error";
inline constexpr std::string_view kDialectError = "dialect-error";
}  // namespace codes

struct SourceError {
  std::string code;         // frictionless error type, see codes::
  std::string message;      // German, complete sentences, already names the position
  int64_t row = 0;          // frictionless row number (header = 1), 0 when not known
  int64_t line = 0;         // physical line, 1-based, 0 when not known
  uint64_t byteOffset = 0;  // 0-based offset in the bytes the reporting stage was fed
  bool fatal = true;        // reading stopped; later rows were not seen
};

// For callers that only speak Result/Status: the German message plus the error type, so the code
// still reaches the user; the positions go to `internal` for the log.
Error toError(const SourceError& error);

// "Zeile 7" or, when quoted line breaks make them differ, "Zeile 7 (Datensatz 5)": people look
// at a text editor (lines) or at Excel (records), and both must find the place.
std::string describePosition(int64_t row, int64_t line);

// German byte size for messages: "64 MB", "512 KB", "1.000 Byte".
std::string formatByteSize(uint64_t bytes);

// German thousands separators: 1234567 → "1.234.567".
std::string formatCount(uint64_t value);

}  // namespace opgv::validation
