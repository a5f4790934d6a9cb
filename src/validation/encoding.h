#pragma once
// Character encodings of uploaded table files. Municipal exports arrive as UTF-8 (with or
// without BOM), Windows-1252 ("ANSI" from Excel on German Windows) or ISO-8859-1, sometimes as
// UTF-16 ("Unicode-Text" from Excel). Everything after this layer works on UTF-8 only.
//
// Detection looks at a sample; the declared encoding (Data Resource `encoding`, CLI option) always
// wins over it. The transcoder never replaces a byte it cannot decode: it stops with an
// `encoding-error` that names the byte offset and line, because a silently changed value is worse
// than a rejected file.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"
#include "validation/source_error.h"

namespace opgv::validation {

enum class Encoding {
  kUtf8,
  kWindows1252,
  kIso8859_1,
  kUtf16Le,  // detected so we can say so clearly; not decoded
  kUtf16Be,
};

// IANA preferred names: "utf-8", "windows-1252", "iso-8859-1", "utf-16le", "utf-16be".
std::string_view encodingName(Encoding encoding);
// Accepts the IANA names and the usual aliases (utf8, utf-8-sig, cp1252, latin1, …), case-insensitive.
Result<Encoding> encodingFromName(std::string_view name);
bool isSupported(Encoding encoding);

struct EncodingGuess {
  Encoding encoding = Encoding::kUtf8;
  bool bom = false;         // the sample starts with the byte order mark of `encoding`
  double confidence = 0.0;  // 0..1; 1 for a BOM or a declared encoding
  bool declared = false;    // taken from the caller, not detected
  std::string note;         // German, one sentence: why this encoding
};

// `complete` says the sample is the whole file, so a multi-byte character cut off at its end is an
// error and not just the end of the sample.
EncodingGuess detectEncoding(std::string_view sample, bool complete = false);

// The explicit override: an empty `declaredName` means detect. An unknown name is an error.
Result<EncodingGuess> chooseEncoding(std::string_view declaredName, std::string_view sample, bool complete = false);

// Streaming conversion to UTF-8. Chunk boundaries may fall anywhere, also inside a multi-byte
// sequence or the BOM. A leading BOM is removed. After the first error the transcoder stays failed
// and every further call returns that error: once the decoding is known to be wrong, every later
// byte is suspect.
class Utf8Transcoder {
 public:
  explicit Utf8Transcoder(Encoding encoding);

  // Appends the UTF-8 text of `bytes` to `out`.
  Status feed(std::string_view bytes, std::string& out);
  // Flushes what a short file left in the BOM check; a sequence cut off by the end of the file is
  // an error.
  Status finish(std::string& out);

  Encoding encoding() const { return encoding_; }
  bool bomRemoved() const { return bomRemoved_; }
  uint64_t bytesRead() const { return offset_; }
  // Structured form (offset, line) of the error that feed()/finish() returned.
  const std::optional<SourceError>& error() const { return error_; }

 private:
  Status processHead(std::string& out);
  Status process(const char* data, size_t size, std::string& out);
  Status processUtf8(const char* data, size_t size, std::string& out);
  Status processSingleByte(const char* data, size_t size, std::string& out);
  Status fail(SourceError error);
  // The error at input offset `offset`; every byte before it has been counted for the line.
  SourceError errorAt(uint64_t offset, std::string message) const;

  Encoding encoding_;
  bool headDone_ = false;
  bool bomRemoved_ = false;
  std::string head_;       // first bytes, held back until we know whether they are a BOM
  uint64_t offset_ = 0;    // offset of the next byte to process (the input position)
  uint64_t lineBreaks_ = 0;
  bool prevCR_ = false;
  std::array<unsigned char, 4> pending_{};  // start of a UTF-8 sequence cut by a chunk boundary
  size_t pendingSize_ = 0;
  uint64_t pendingOffset_ = 0;
  std::optional<SourceError> error_;
};

}  // namespace opgv::validation
