#pragma once
// Decoding of multipart/form-data bodies (RFC 7578, framing after RFC 2046): HTML forms with
// <input type="file"> and API uploads. The parser works on the complete body (the server has
// read it within the body limit), finds delimiters with a Boyer-Moore-Horspool search and copies
// each part's content exactly once, so files of tens of megabytes cost one extra copy.
//
// Like parseUrlEncoded() it rejects what nothing downstream should have to cope with: a missing
// or invalid boundary, a body cut off before the closing delimiter, parts without a name, field
// values that are not UTF-8, and anything over the limits (ErrorCode::kPayloadTooLarge). File
// contents are passed through byte-exact and never interpreted.
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "http/form.h"

namespace opgv::http {

struct MultipartPart {
  std::string name;         // the form field name (never empty)
  std::string filename;     // file parts: base name only (see below); empty for plain fields
  std::string contentType;  // the part's Content-Type as sent (trimmed), "" if absent
  std::string data;         // raw content, byte-exact
  // A part is a file if it came with a filename. Browsers send a file input without a chosen
  // file as `filename=""` with empty content: that part is a plain (empty) field, so
  // MultipartForm::file() reports no file for it.
  bool isFile() const { return !filename.empty(); }
};

struct MultipartLimits {
  size_t maxParts = 50;
  size_t maxHeaderBytes = 8192;       // header block of one part, line endings included
  size_t maxFieldBytes = 256 << 10;   // value of a non-file field
  size_t maxFileBytes = 50 << 20;     // content of one file part
};

// Parses a complete multipart/form-data body. `contentType` is the request's Content-Type header
// with the boundary parameter (quoted or not, 1–70 characters as in RFC 2046).
//  - Delimiter lines end in CRLF; a body that uses bare LF throughout is accepted too.
//  - Preamble and epilogue are ignored; the closing delimiter `--boundary--` is required.
//  - Part headers: Content-Disposition (form-data; name; filename; filename*, which takes
//    precedence: RFC 5987 `UTF-8''…` or `ISO-8859-1''…`) and Content-Type; names are
//    case-insensitive, other headers are ignored.
//  - Filenames are reduced to their last path component (`C:\Users\x\a.csv` → `a.csv`,
//    `../../etc/passwd` → `passwd`), control characters are dropped and the name is cut to 255
//    bytes (keeping a short extension). A file whose name ends up empty but that has content is
//    called "datei".
Result<std::vector<MultipartPart>> parseMultipart(std::string_view contentType, std::string_view body,
                                                  const MultipartLimits& limits = {});

// The non-file fields as FormData (same type as urlencoded forms, in body order), plus the files.
struct MultipartForm {
  FormData fields;
  std::vector<MultipartPart> files;
  // First file part with this field name, nullptr if none.
  const MultipartPart* file(std::string_view name) const;
};

Result<MultipartForm> parseMultipartForm(std::string_view contentType, std::string_view body,
                                         const MultipartLimits& limits = {});

}  // namespace opgv::http
