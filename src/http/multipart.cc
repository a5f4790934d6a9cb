#include "http/multipart.h"

#include <functional>
#include <optional>
#include <utility>

#include "common/strings.h"

namespace opgv::http {
namespace {

constexpr size_t kMaxBoundary = 70;        // RFC 2046, 5.1.1
constexpr size_t kMaxFilenameBytes = 255;  // what common file systems allow for one name
constexpr size_t kMaxKeptExtension = 16;   // ".csv", ".xlsx", ".geojson" survive truncation

std::unexpected<Error> incomplete() {
  return fail(ErrorCode::kMalformed,
              "Die Formulardaten sind unvollständig angekommen (die abschließende Grenzmarke fehlt).");
}

std::unexpected<Error> badHeader() {
  return fail(ErrorCode::kMalformed, "Ein Teil der Formulardaten hat eine fehlerhafte Kopfzeile.");
}

std::unexpected<Error> badUtf8() {
  return fail(ErrorCode::kMalformed, "Die Formulardaten enthalten ungültige Zeichen (kein gültiges UTF-8).");
}

// "50 MiB", "256 KiB", "1000 Bytes": limits as a user would read them.
std::string formatBytes(size_t n) {
  if (n >= (1u << 20) && n % (1u << 20) == 0) return std::to_string(n >> 20) + " MiB";
  if (n >= 1024 && n % 1024 == 0) return std::to_string(n >> 10) + " KiB";
  return std::to_string(n) + " Bytes";
}

bool isSpace(char c) { return c == ' ' || c == '\t'; }

// RFC 2045 tspecials: what a sender has to escape inside a quoted-string (plus '"' and '\').
bool isTSpecial(char c) { return std::string_view("()<>@,;:\\\"/[]?=").find(c) != std::string_view::npos; }

// RFC 2046 bchars: the characters a boundary may consist of (a space only inside, not last).
bool isBoundaryChar(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         std::string_view("'()+_,-./:=? ").find(c) != std::string_view::npos;
}

struct Param {
  std::string name;  // lower-cased
  std::string value;
};

// Parses `; name=value; name="quoted"` parameter lists (Content-Type, Content-Disposition).
// Inside a quoted-string a backslash escapes the next character only if that is a tspecial:
// Internet Explorer sends Windows paths unescaped ("C:\Users\x\a.csv"), and no conforming sender
// escapes letters or digits (the rule Go's mime package uses). nullopt on a syntax error.
std::optional<std::vector<Param>> parseParams(std::string_view s) {
  std::vector<Param> params;
  size_t i = 0;
  auto skipSpace = [&] {
    while (i < s.size() && isSpace(s[i])) ++i;
  };
  while (true) {
    skipSpace();
    if (i == s.size()) break;
    if (s[i] != ';') return std::nullopt;
    ++i;
    skipSpace();
    if (i == s.size()) break;  // a trailing ';' is harmless
    size_t start = i;
    while (i < s.size() && s[i] != '=' && s[i] != ';' && !isSpace(s[i])) ++i;
    if (i == start) return std::nullopt;
    Param p{strings::toLowerAscii(s.substr(start, i - start)), {}};
    skipSpace();
    if (i < s.size() && s[i] == '=') {
      ++i;
      skipSpace();
      if (i < s.size() && s[i] == '"') {
        ++i;
        bool closed = false;
        while (i < s.size()) {
          char c = s[i];
          if (c == '"') {
            closed = true;
            ++i;
            break;
          }
          if (c == '\\' && i + 1 < s.size() && isTSpecial(s[i + 1])) {
            p.value.push_back(s[i + 1]);
            i += 2;
            continue;
          }
          p.value.push_back(c);
          ++i;
        }
        if (!closed) return std::nullopt;
      } else {
        size_t vstart = i;
        while (i < s.size() && s[i] != ';' && !isSpace(s[i])) ++i;
        p.value.assign(s.substr(vstart, i - vstart));
      }
    }
    params.push_back(std::move(p));
  }
  return params;
}

const Param* findParam(const std::vector<Param>& params, std::string_view name) {
  for (const auto& p : params) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

Result<std::string> boundaryFrom(std::string_view contentType) {
  auto semi = contentType.find(';');
  auto media = strings::toLowerAscii(strings::trim(contentType.substr(0, semi)));
  if (media != "multipart/form-data") {
    return fail(ErrorCode::kUnsupportedMediaType, "Erwartet werden Formulardaten im Format multipart/form-data.");
  }
  auto params = parseParams(semi == std::string_view::npos ? std::string_view() : contentType.substr(semi));
  if (!params) {
    return fail(ErrorCode::kMalformed, "Die Angabe Content-Type der Formulardaten ist fehlerhaft.");
  }
  const Param* boundary = nullptr;
  for (const auto& p : *params) {
    if (p.name != "boundary") continue;
    if (boundary) {
      return fail(ErrorCode::kMalformed, "Die Formulardaten haben mehr als eine Grenzmarke (boundary).");
    }
    boundary = &p;
  }
  if (!boundary) {
    return fail(ErrorCode::kMalformed, "Den Formulardaten fehlt die Grenzmarke (boundary) im Content-Type.");
  }
  const std::string& b = boundary->value;
  bool valid = !b.empty() && b.size() <= kMaxBoundary && b.back() != ' ';
  for (char c : b) valid = valid && isBoundaryChar(c);
  if (!valid) {
    return fail(ErrorCode::kMalformed, "Die Grenzmarke (boundary) der Formulardaten ist ungültig.");
  }
  return b;
}

// What follows "--boundary" decides whether it is a delimiter: "--" closes the body, optional
// transport padding (spaces, tabs) plus a line end starts the next part. Anything else is
// content that merely looks like a delimiter.
enum class Delimiter { kNone, kPart, kClose };

Delimiter classify(std::string_view body, size_t after, size_t& next) {
  if (body.size() - after >= 2 && body[after] == '-' && body[after + 1] == '-') return Delimiter::kClose;
  size_t j = after;
  while (j < body.size() && isSpace(body[j])) ++j;
  if (j < body.size() && body[j] == '\n') {
    next = j + 1;
    return Delimiter::kPart;
  }
  if (body.size() - j >= 2 && body[j] == '\r' && body[j + 1] == '\n') {
    next = j + 2;
    return Delimiter::kPart;
  }
  return Delimiter::kNone;
}

std::string latin1ToUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return out;
}

// RFC 5987 ext-value: charset'language'percent-encoded. nullopt for a charset we do not know (the
// plain filename is used then), an error for a broken value.
Result<std::optional<std::string>> decodeExtValue(std::string_view value) {
  auto q1 = value.find('\'');
  auto q2 = q1 == std::string_view::npos ? q1 : value.find('\'', q1 + 1);
  if (q2 == std::string_view::npos) {
    return fail(ErrorCode::kMalformed, "Der Dateiname (filename*) eines Formularteils ist fehlerhaft kodiert.");
  }
  auto charset = strings::toLowerAscii(value.substr(0, q1));
  auto decoded = strings::percentDecode(value.substr(q2 + 1), false);
  if (!decoded) {
    return fail(ErrorCode::kMalformed, "Der Dateiname (filename*) eines Formularteils ist fehlerhaft kodiert.");
  }
  if (charset == "utf-8") return std::optional<std::string>(std::move(*decoded));
  if (charset == "iso-8859-1") return std::optional<std::string>(latin1ToUtf8(*decoded));
  return std::optional<std::string>();
}

// Expects valid UTF-8. Keeps the last path component, drops C0/C1 control characters and the
// bidirectional overrides that can disguise an extension ("rechnung\u202Efdp.exe"), trims spaces.
std::string sanitizeFilename(std::string_view raw) {
  if (auto sep = raw.find_last_of("/\\"); sep != std::string_view::npos) raw = raw.substr(sep + 1);
  std::string out;
  out.reserve(raw.size());
  for (size_t i = 0; i < raw.size();) {
    auto c = static_cast<unsigned char>(raw[i]);
    auto at = [&](size_t k) { return i + k < raw.size() ? static_cast<unsigned char>(raw[i + k]) : 0; };
    if (c < 0x20 || c == 0x7F) {
      i += 1;
    } else if (c == 0xC2 && at(1) >= 0x80 && at(1) <= 0x9F) {  // U+0080–U+009F
      i += 2;
    } else if (c == 0xE2 && ((at(1) == 0x80 && at(2) >= 0xAA && at(2) <= 0xAE) ||  // U+202A–U+202E
                             (at(1) == 0x81 && at(2) >= 0xA6 && at(2) <= 0xA9))) {  // U+2066–U+2069
      i += 3;
    } else {
      out.push_back(raw[i]);
      i += 1;
    }
  }
  out = strings::trim(out);
  if (out == "." || out == "..") out.clear();
  if (out.size() > kMaxFilenameBytes) {
    std::string ext;
    auto dot = out.rfind('.');
    if (dot != std::string::npos && dot > 0 && out.size() - dot <= kMaxKeptExtension) ext = out.substr(dot);
    size_t keep = kMaxFilenameBytes - ext.size();
    // Cut at a character boundary: never leave half a UTF-8 sequence behind.
    while (keep > 0 && (static_cast<unsigned char>(out[keep]) & 0xC0) == 0x80) --keep;
    out = out.substr(0, keep) + ext;
  }
  return out;
}

struct PartHead {
  std::string name;
  std::string filename;
  bool hasFilename = false;
  std::string contentType;
};

Status applyContentDisposition(std::string_view value, PartHead& head) {
  auto semi = value.find(';');
  auto type = strings::toLowerAscii(strings::trim(value.substr(0, semi)));
  if (type != "form-data") {
    return fail(ErrorCode::kMalformed, "Ein Teil der Formulardaten ist nicht als form-data gekennzeichnet.");
  }
  auto params = parseParams(semi == std::string_view::npos ? std::string_view() : value.substr(semi));
  if (!params) return badHeader();
  const Param* name = findParam(*params, "name");
  if (!name || name->value.empty()) {
    return fail(ErrorCode::kMalformed, "Einem Teil der Formulardaten fehlt der Feldname.");
  }
  if (!strings::isValidUtf8(name->value)) return badUtf8();
  head.name = name->value;
  const Param* ext = findParam(*params, "filename*");
  const Param* plain = findParam(*params, "filename");
  if (!ext && !plain) return {};
  std::optional<std::string> filename;
  if (ext) {
    auto decoded = decodeExtValue(ext->value);
    if (!decoded) return std::unexpected(decoded.error());
    filename = std::move(*decoded);
  }
  if (!filename && plain) filename = plain->value;
  if (filename && !strings::isValidUtf8(*filename)) return badUtf8();
  head.hasFilename = true;  // even if only a filename* in an unknown charset came: still a file
  head.filename = filename ? sanitizeFilename(*filename) : std::string();
  return {};
}

// Reads the header block that starts at `pos`; on success `pos` is the first content byte.
Result<PartHead> parseHead(std::string_view body, size_t& pos, const MultipartLimits& limits) {
  PartHead head;
  bool sawDisposition = false;
  std::string* last = nullptr;  // value of the previous header line, for folded continuations
  std::string disposition;
  std::string ignored;
  size_t used = 0;
  while (true) {
    size_t budget = limits.maxHeaderBytes - used;  // bytes this line may still take, its '\n' included
    auto window = body.substr(pos, budget);
    auto nl = window.find('\n');
    if (nl == std::string_view::npos) {
      if (window.size() < budget) return incomplete();
      return fail(ErrorCode::kPayloadTooLarge, "Die Kopfzeilen eines Teils der Formulardaten sind zu lang (höchstens " +
                                                   formatBytes(limits.maxHeaderBytes) + ").");
    }
    auto line = window.substr(0, nl);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    used += nl + 1;
    pos += nl + 1;
    if (line.empty()) break;
    if (isSpace(line.front())) {  // obsolete line folding (RFC 5322): continues the previous value
      if (!last) return badHeader();
      *last += ' ';
      *last += strings::trim(line);
      continue;
    }
    auto colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) return badHeader();
    auto name = line.substr(0, colon);
    for (char c : name) {
      if (isSpace(c) || static_cast<unsigned char>(c) < 0x21 || c == 0x7F) return badHeader();
    }
    auto key = strings::toLowerAscii(name);
    std::string value = strings::trim(line.substr(colon + 1));
    if (key == "content-disposition") {
      if (sawDisposition) {
        return fail(ErrorCode::kMalformed, "Ein Teil der Formulardaten hat mehr als eine Content-Disposition.");
      }
      sawDisposition = true;
      disposition = std::move(value);
      last = &disposition;
    } else if (key == "content-type") {
      head.contentType = std::move(value);
      last = &head.contentType;
    } else {
      // Other headers (Content-Transfer-Encoding is deprecated by RFC 7578 and not sent by
      // browsers) do not change how the content is read.
      ignored = std::move(value);
      last = &ignored;
    }
  }
  if (!sawDisposition) {
    return fail(ErrorCode::kMalformed, "Einem Teil der Formulardaten fehlt die Angabe Content-Disposition.");
  }
  if (auto s = applyContentDisposition(disposition, head); !s) return std::unexpected(s.error());
  return head;
}

}  // namespace

Result<std::vector<MultipartPart>> parseMultipart(std::string_view contentType, std::string_view body,
                                                  const MultipartLimits& limits) {
  auto boundary = boundaryFrom(contentType);
  if (!boundary) return std::unexpected(boundary.error());
  const std::string dashBoundary = "--" + *boundary;

  // The first delimiter: at the very start or at the start of a line after the preamble.
  size_t pos = 0;
  size_t from = 0;
  bool lfOnly = false;
  while (true) {
    auto at = body.find(dashBoundary, from);
    if (at == std::string_view::npos) return incomplete();
    if (at == 0 || body[at - 1] == '\n') {
      size_t next = 0;
      auto kind = classify(body, at + dashBoundary.size(), next);
      if (kind == Delimiter::kClose) return std::vector<MultipartPart>{};
      if (kind == Delimiter::kPart) {
        lfOnly = body[next - 2] != '\r';
        pos = next;
        break;
      }
    }
    from = at + 1;
  }

  // Every further delimiter is the line end plus "--boundary"; its line end belongs to it, not to
  // the content before. A body that starts with bare LF delimiters uses them throughout.
  const std::string needle = (lfOnly ? "\n" : "\r\n") + dashBoundary;
  const std::boyer_moore_horspool_searcher<const char*> searcher(needle.data(), needle.data() + needle.size());
  const char* const begin = body.data();
  const char* const end = body.data() + body.size();

  std::vector<MultipartPart> parts;
  while (true) {
    if (parts.size() >= limits.maxParts) {
      return fail(ErrorCode::kPayloadTooLarge,
                  "Das Formular enthält zu viele Teile (höchstens " + std::to_string(limits.maxParts) + ").");
    }
    auto head = parseHead(body, pos, limits);
    if (!head) return std::unexpected(head.error());

    size_t dataStart = pos;
    size_t dataEnd = 0;
    size_t next = 0;
    Delimiter kind = Delimiter::kNone;
    for (size_t searchFrom = dataStart; kind == Delimiter::kNone;) {
      const char* hit = searcher(begin + searchFrom, end).first;
      if (hit == end) return incomplete();
      dataEnd = static_cast<size_t>(hit - begin);
      kind = classify(body, dataEnd + needle.size(), next);
      searchFrom = dataEnd + 1;
    }

    size_t size = dataEnd - dataStart;
    if (head->hasFilename) {
      if (size > limits.maxFileBytes) {
        return fail(ErrorCode::kPayloadTooLarge,
                    "Die hochgeladene Datei ist zu groß (höchstens " + formatBytes(limits.maxFileBytes) + ").");
      }
    } else if (size > limits.maxFieldBytes) {
      return fail(ErrorCode::kPayloadTooLarge,
                  "Ein Formularfeld ist zu lang (höchstens " + formatBytes(limits.maxFieldBytes) + ").");
    }
    MultipartPart part;
    part.name = std::move(head->name);
    part.contentType = std::move(head->contentType);
    part.data.assign(body.substr(dataStart, size));
    if (head->hasFilename) {
      part.filename = std::move(head->filename);
      // A file input without a chosen file arrives as filename="" and no content: an empty field.
      if (part.filename.empty() && !part.data.empty()) part.filename = "datei";
    }
    if (!part.isFile() && !strings::isValidUtf8(part.data)) return badUtf8();
    parts.push_back(std::move(part));
    if (kind == Delimiter::kClose) break;  // the epilogue is ignored
    pos = next;
  }
  return parts;
}

const MultipartPart* MultipartForm::file(std::string_view name) const {
  for (const auto& f : files) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

Result<MultipartForm> parseMultipartForm(std::string_view contentType, std::string_view body,
                                         const MultipartLimits& limits) {
  auto parts = parseMultipart(contentType, body, limits);
  if (!parts) return std::unexpected(parts.error());
  MultipartForm form;
  for (auto& part : *parts) {
    if (part.isFile()) {
      form.files.push_back(std::move(part));
    } else {
      form.fields.fields.emplace_back(std::move(part.name), std::move(part.data));
    }
  }
  return form;
}

}  // namespace opgv::http
