#include "validation/encoding.h"

#include <algorithm>
#include <cstring>

#include "common/strings.h"
#include "validation/byte_scan.h"

namespace opgv::validation {
namespace {

// Windows-1252 0x80–0x9F (code points; 0 = not assigned). The rest of the upper half equals
// ISO-8859-1 and thus the code point. Checked against Python's cp1252 codec in the tests.
constexpr std::array<char32_t, 32> kCp1252C1 = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,  // 80–87
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,       // 88–8F
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  // 90–97
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,  // 98–9F
};

struct Utf8Char {
  uint8_t size = 0;  // 0 = byte not assigned in this encoding
  std::array<char, 3> bytes{};
};

Utf8Char encodeUtf8(char32_t cp) {
  Utf8Char out;
  if (cp < 0x80) {
    out.size = 1;
    out.bytes[0] = static_cast<char>(cp);
  } else if (cp < 0x800) {
    out.size = 2;
    out.bytes[0] = static_cast<char>(0xC0 | (cp >> 6));
    out.bytes[1] = static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out.size = 3;
    out.bytes[0] = static_cast<char>(0xE0 | (cp >> 12));
    out.bytes[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out.bytes[2] = static_cast<char>(0x80 | (cp & 0x3F));
  }
  return out;
}

// UTF-8 of the bytes 0x80–0xFF, built once.
struct HighHalfTable {
  std::array<Utf8Char, 128> chars;
  explicit HighHalfTable(bool windows1252) {
    for (int b = 0x80; b <= 0xFF; ++b) {
      char32_t cp = static_cast<char32_t>(b);
      if (windows1252 && b < 0xA0) cp = kCp1252C1[static_cast<size_t>(b - 0x80)];
      chars[static_cast<size_t>(b - 0x80)] = cp == 0 ? Utf8Char{} : encodeUtf8(cp);
    }
  }
};

const HighHalfTable& highHalf(Encoding encoding) {
  static const HighHalfTable cp1252(true);
  static const HighHalfTable latin1(false);
  return encoding == Encoding::kWindows1252 ? cp1252 : latin1;
}

enum class Utf8Stop { kEnd, kInvalid, kTruncated };

// Index of the first byte that does not begin a complete, valid UTF-8 sequence (RFC 3629: no
// overlong forms, no surrogates, nothing above U+10FFFF). kTruncated means the bytes from there
// to the end are a valid but unfinished sequence.
size_t scanUtf8(const unsigned char* p, size_t n, Utf8Stop& stop) {
  size_t i = 0;
  for (;;) {
    i = static_cast<size_t>(reinterpret_cast<const unsigned char*>(detail::findNonAscii(
                                reinterpret_cast<const char*>(p + i), reinterpret_cast<const char*>(p + n))) -
                            p);
    if (i >= n) {
      stop = Utf8Stop::kEnd;
      return n;
    }
    const unsigned c = p[i];
    size_t len = 0;
    unsigned lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c == 0xE0) {
      len = 3, lo = 0xA0;
    } else if (c == 0xED) {
      len = 3, hi = 0x9F;
    } else if (c >= 0xE1 && c <= 0xEF) {
      len = 3;
    } else if (c == 0xF0) {
      len = 4, lo = 0x90;
    } else if (c >= 0xF1 && c <= 0xF3) {
      len = 4;
    } else if (c == 0xF4) {
      len = 4, hi = 0x8F;
    } else {
      stop = Utf8Stop::kInvalid;
      return i;
    }
    for (size_t k = 1; k < len; ++k) {
      if (i + k >= n) {
        stop = Utf8Stop::kTruncated;
        return i;
      }
      const unsigned d = p[i + k];
      if (d < (k == 1 ? lo : 0x80u) || d > (k == 1 ? hi : 0xBFu)) {
        stop = Utf8Stop::kInvalid;
        return i;
      }
    }
    i += len;
  }
}

std::string hexBytes(const unsigned char* p, size_t n) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    if (i > 0) out.push_back(' ');
    out += "0x";
    out.push_back(kHex[p[i] >> 4]);
    out.push_back(kHex[p[i] & 0xF]);
  }
  return out;
}

// The bytes of a broken sequence for the message: from the lead byte up to the first byte that
// does not fit. Fixed by the rules, not by what the current chunk happens to hold, so the message
// is the same however the file was cut into chunks.
size_t brokenSequenceLength(const unsigned char* p, size_t n) {
  const unsigned c = p[0];
  size_t len = 0;
  unsigned lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 1;
  }
  for (size_t k = 1; k < len && k < n; ++k) {
    const unsigned d = p[k];
    if (d < (k == 1 ? lo : 0x80u) || d > (k == 1 ? hi : 0xBFu)) return k + 1;
  }
  return std::min(len, n);
}

const char* utf16Message(Encoding encoding) {
  return encoding == Encoding::kUtf16Be
             ? "Die Datei ist in UTF-16 (Big Endian) gespeichert. Diese Kodierung wird nicht unterstützt – bitte "
               "als UTF-8 speichern, z. B. in Excel mit „Speichern unter“ → „CSV UTF-8 (durch Trennzeichen "
               "getrennt)“."
             : "Die Datei ist in UTF-16 gespeichert (in Excel „Unicode-Text“). Diese Kodierung wird nicht "
               "unterstützt – bitte als UTF-8 speichern, z. B. in Excel mit „Speichern unter“ → „CSV UTF-8 "
               "(durch Trennzeichen getrennt)“.";
}

bool startsWith(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kUtf16LeBom = "\xFF\xFE";
constexpr std::string_view kUtf16BeBom = "\xFE\xFF";

std::string percent(double share) { return std::to_string(static_cast<int>(share * 100.0 + 0.5)) + " %"; }

}  // namespace

std::string_view encodingName(Encoding encoding) {
  switch (encoding) {
    case Encoding::kUtf8: return "utf-8";
    case Encoding::kWindows1252: return "windows-1252";
    case Encoding::kIso8859_1: return "iso-8859-1";
    case Encoding::kUtf16Le: return "utf-16le";
    case Encoding::kUtf16Be: return "utf-16be";
  }
  return "utf-8";
}

Result<Encoding> encodingFromName(std::string_view name) {
  std::string key = strings::toLowerAscii(strings::trim(name));
  std::replace(key.begin(), key.end(), '_', '-');
  if (key == "utf-8" || key == "utf8" || key == "utf-8-sig" || key == "unicode-1-1-utf-8") return Encoding::kUtf8;
  if (key == "windows-1252" || key == "cp1252" || key == "win-1252" || key == "x-cp1252" || key == "ansi")
    return Encoding::kWindows1252;
  if (key == "iso-8859-1" || key == "iso8859-1" || key == "latin1" || key == "latin-1" || key == "l1" ||
      key == "iso-ir-100" || key == "cp819" || key == "ibm819")
    return Encoding::kIso8859_1;
  if (key == "utf-16" || key == "utf-16le" || key == "utf16" || key == "utf16le") return Encoding::kUtf16Le;
  if (key == "utf-16be" || key == "utf16be") return Encoding::kUtf16Be;
  return opgv::fail(ErrorCode::kInvalidInput,
                    "Die Kodierung „" + std::string(name) +
                        "“ wird nicht unterstützt. Möglich sind utf-8, windows-1252 und iso-8859-1.",
                    "unknown encoding name");
}

bool isSupported(Encoding encoding) { return encoding != Encoding::kUtf16Le && encoding != Encoding::kUtf16Be; }

EncodingGuess detectEncoding(std::string_view sample, bool complete) {
  EncodingGuess guess;
  if (startsWith(sample, kUtf8Bom)) {
    guess.bom = true;
    guess.confidence = 1.0;
    guess.note = "Die Datei beginnt mit der UTF-8-Kennung (BOM).";
    return guess;
  }
  if (startsWith(sample, kUtf16LeBom) || startsWith(sample, kUtf16BeBom)) {
    guess.encoding = sample[0] == '\xFF' ? Encoding::kUtf16Le : Encoding::kUtf16Be;
    guess.bom = true;
    guess.confidence = 1.0;
    guess.note = "Die Datei beginnt mit der UTF-16-Kennung (BOM).";
    return guess;
  }

  // UTF-16 without BOM: text in Latin script has a NUL in every other byte. Single NUL bytes in an
  // otherwise 8-bit file are left to the CSV parser, which names their line.
  {
    const size_t n = std::min<size_t>(sample.size(), 4096) & ~size_t{1};
    size_t evenNul = 0, oddNul = 0;
    for (size_t i = 0; i < n; i += 2) {
      evenNul += sample[i] == '\0';
      oddNul += sample[i + 1] == '\0';
    }
    const double pairs = static_cast<double>(n / 2);
    if (n >= 4) {
      const double odd = static_cast<double>(oddNul) / pairs, even = static_cast<double>(evenNul) / pairs;
      if (odd >= 0.3 && even <= 0.05) {
        guess.encoding = Encoding::kUtf16Le;
        guess.confidence = std::min(1.0, 0.5 + odd / 2);
        guess.note = "Jedes zweite Byte ist NUL (" + percent(odd) + "): typisch für UTF-16 (Little Endian).";
        return guess;
      }
      if (even >= 0.3 && odd <= 0.05) {
        guess.encoding = Encoding::kUtf16Be;
        guess.confidence = std::min(1.0, 0.5 + even / 2);
        guess.note = "Jedes zweite Byte ist NUL (" + percent(even) + "): typisch für UTF-16 (Big Endian).";
        return guess;
      }
    }
  }

  const auto* bytes = reinterpret_cast<const unsigned char*>(sample.data());
  Utf8Stop stop = Utf8Stop::kEnd;
  const size_t validUpTo = scanUtf8(bytes, sample.size(), stop);
  if (stop == Utf8Stop::kEnd || (stop == Utf8Stop::kTruncated && !complete)) {
    size_t multiByte = 0;
    for (size_t i = 0; i < validUpTo; ++i) multiByte += (bytes[i] & 0xC0) == 0xC0;
    if (multiByte == 0) {
      // ASCII decodes the same in every supported encoding; the choice only matters for bytes
      // after the sample, so say how little we know.
      guess.confidence = 0.5;
      guess.note = "Die Stichprobe enthält nur ASCII-Zeichen; UTF-8 wird angenommen.";
    } else {
      // A Windows-1252 text only forms valid multi-byte sequences by accident ("Ã¤"), and every
      // further one makes that less likely.
      guess.confidence = multiByte >= 3 ? 0.99 : (multiByte == 2 ? 0.97 : 0.9);
      guess.note = "Gültiges UTF-8 mit " + formatCount(multiByte) + " Nicht-ASCII-Zeichen.";
    }
    return guess;
  }

  // Not UTF-8, so a single-byte encoding. Windows-1252 and ISO-8859-1 differ only in 0x80–0x9F:
  // printable characters (€, „, “, –) in Windows-1252, control characters nobody types in
  // ISO-8859-1. Five of these bytes are unassigned in Windows-1252; only ISO-8859-1 can decode them.
  size_t high = 0, typical = 0, c1Assigned = 0, c1Unassigned = 0;
  for (unsigned char b : sample) {
    if (b < 0x80) continue;
    ++high;
    if (b < 0xA0) (kCp1252C1[b - 0x80] == 0 ? c1Unassigned : c1Assigned) += 1;
    switch (b) {
      case 0xC4: case 0xD6: case 0xDC: case 0xE4: case 0xF6: case 0xFC: case 0xDF:  // ÄÖÜäöüß
      case 0x80: case 0x84: case 0x93: case 0x96: case 0xA7: case 0xB0:              // € „ “ – § °
        ++typical;
        break;
      default: break;
    }
  }
  const std::string where = "Ab Byte-Position " + formatCount(validUpTo) + " ist die Datei kein gültiges UTF-8";
  const double share = high > 0 ? static_cast<double>(typical) / static_cast<double>(high) : 0.0;
  if (c1Unassigned > 0 && c1Assigned == 0) {
    guess.encoding = Encoding::kIso8859_1;
    guess.confidence = 0.4;
    guess.note = where + "; sie enthält Steuerzeichen (0x80–0x9F), die nur ISO-8859-1 darstellen kann.";
    return guess;
  }
  guess.encoding = Encoding::kWindows1252;
  if (c1Unassigned > 0) {
    // Neither encoding fits; the transcoder will name the first unassigned byte.
    guess.confidence = 0.3;
    guess.note = where + "; auch als Windows-1252 enthält sie nicht belegte Bytes.";
    return guess;
  }
  // Without bytes in 0x80–0x9F both encodings decode the sample identically; Windows-1252 is the
  // safer choice for the rest of the file (a later € must not turn into a control character).
  guess.confidence = std::min(0.95, 0.6 + 0.35 * share + (c1Assigned > 0 ? 0.05 : 0.0));
  guess.note = where + "; " + percent(share) +
               " der Sonderzeichen sind typisch deutsch (Umlaute, ß, €) in Windows-1252-Kodierung.";
  return guess;
}

Result<EncodingGuess> chooseEncoding(std::string_view declaredName, std::string_view sample, bool complete) {
  if (strings::trim(declaredName).empty()) return detectEncoding(sample, complete);
  auto encoding = encodingFromName(declaredName);
  if (!encoding) return std::unexpected(encoding.error());
  EncodingGuess guess;
  guess.encoding = *encoding;
  guess.declared = true;
  guess.confidence = 1.0;
  guess.bom = *encoding == Encoding::kUtf8 && startsWith(sample, kUtf8Bom);
  guess.note = "Die Kodierung „" + std::string(encodingName(*encoding)) + "“ ist angegeben.";
  return guess;
}

// ---------------------------------------------------------------------------------- transcoder

Utf8Transcoder::Utf8Transcoder(Encoding encoding) : encoding_(encoding) {}

Status Utf8Transcoder::fail(SourceError error) {
  error_ = std::move(error);
  return std::unexpected(toError(*error_));
}

SourceError Utf8Transcoder::errorAt(uint64_t offset, std::string message) const {
  SourceError error;
  error.code = std::string(codes::kEncodingError);
  error.line = static_cast<int64_t>(lineBreaks_ + 1);
  error.byteOffset = offset;
  error.message = describePosition(0, error.line) + ", Byte-Position " + formatCount(offset) + ": " + message;
  error.fatal = true;
  return error;
}

Status Utf8Transcoder::feed(std::string_view bytes, std::string& out) {
  if (error_) return std::unexpected(toError(*error_));
  if (!headDone_) {
    const size_t take = std::min(bytes.size(), size_t{3} - head_.size());
    head_.append(bytes.substr(0, take));
    bytes.remove_prefix(take);
    // Wait while the bytes so far could still become a BOM.
    const bool couldBeBom = (head_.size() < 3 && startsWith(kUtf8Bom, head_)) ||
                            (head_.size() < 2 && (startsWith(kUtf16LeBom, head_) || startsWith(kUtf16BeBom, head_)));
    if (couldBeBom) return {};
    if (auto status = processHead(out); !status) return status;
  }
  return process(bytes.data(), bytes.size(), out);
}

Status Utf8Transcoder::finish(std::string& out) {
  if (error_) return std::unexpected(toError(*error_));
  if (!headDone_) {
    if (auto status = processHead(out); !status) return status;
  }
  if (pendingSize_ > 0) {
    return fail(errorAt(pendingOffset_, "Die Datei endet mitten in einem UTF-8-Zeichen (" +
                                            hexBytes(pending_.data(), pendingSize_) +
                                            "). Vermutlich wurde sie beim Speichern oder Hochladen abgeschnitten."));
  }
  return {};
}

Status Utf8Transcoder::processHead(std::string& out) {
  headDone_ = true;
  std::string head = std::move(head_);
  head_.clear();
  if (!isSupported(encoding_) || startsWith(head, kUtf16LeBom) || startsWith(head, kUtf16BeBom)) {
    const Encoding shown = isSupported(encoding_) ? (head[0] == '\xFF' ? Encoding::kUtf16Le : Encoding::kUtf16Be)
                                                  : encoding_;
    SourceError error = errorAt(0, utf16Message(shown));
    error.message = utf16Message(shown);
    return fail(std::move(error));
  }
  size_t skip = 0;
  if (startsWith(head, kUtf8Bom)) {
    if (encoding_ != Encoding::kUtf8) {
      SourceError error = errorAt(0, "");
      error.message = "Die Datei beginnt mit der UTF-8-Kennung (BOM), als Kodierung ist aber „" +
                      std::string(encodingName(encoding_)) + "“ angegeben. Bitte „utf-8“ angeben.";
      return fail(std::move(error));
    }
    skip = 3;
    bomRemoved_ = true;
    offset_ = 3;
  }
  return process(head.data() + skip, head.size() - skip, out);
}

Status Utf8Transcoder::process(const char* data, size_t size, std::string& out) {
  if (size == 0) return {};
  return encoding_ == Encoding::kUtf8 ? processUtf8(data, size, out) : processSingleByte(data, size, out);
}

Status Utf8Transcoder::processUtf8(const char* data, size_t size, std::string& out) {
  const auto* p = reinterpret_cast<const unsigned char*>(data);
  size_t n = size;
  if (pendingSize_ > 0) {
    // Complete the sequence that the previous chunk cut off; it needs at most three more bytes.
    std::array<unsigned char, 8> joined{};
    std::memcpy(joined.data(), pending_.data(), pendingSize_);
    const size_t take = std::min(n, size_t{4} - pendingSize_);
    std::memcpy(joined.data() + pendingSize_, p, take);
    Utf8Stop stop = Utf8Stop::kEnd;
    const size_t valid = scanUtf8(joined.data(), pendingSize_ + take, stop);
    if (valid == 0 && stop == Utf8Stop::kTruncated) {
      std::memcpy(pending_.data(), joined.data(), pendingSize_ + take);
      pendingSize_ += take;
      offset_ += take;
      return {};
    }
    if (valid == 0) {
      const size_t len = brokenSequenceLength(joined.data(), pendingSize_ + take);
      return fail(errorAt(pendingOffset_, "Die Bytefolge " + hexBytes(joined.data(), len) +
                                              " ist kein gültiges UTF-8. Vermutlich ist die Datei in "
                                              "Windows-1252 („ANSI“) oder ISO-8859-1 gespeichert. Bitte die "
                                              "Kodierung angeben oder die Datei als UTF-8 speichern."));
    }
    // `valid` may run past the first sequence into ASCII of this chunk; take just the sequence.
    const unsigned lead = joined[0];
    const size_t len = lead >= 0xF0 ? 4 : (lead >= 0xE0 ? 3 : 2);
    out.append(reinterpret_cast<const char*>(joined.data()), len);
    lineBreaks_ += detail::countLineBreaks(reinterpret_cast<const char*>(joined.data()), len, prevCR_);
    const size_t used = len - pendingSize_;
    pendingSize_ = 0;
    p += used;
    n -= used;
    offset_ += used;
  }
  Utf8Stop stop = Utf8Stop::kEnd;
  const size_t valid = scanUtf8(p, n, stop);
  out.append(reinterpret_cast<const char*>(p), valid);
  lineBreaks_ += detail::countLineBreaks(reinterpret_cast<const char*>(p), valid, prevCR_);
  if (stop == Utf8Stop::kTruncated) {
    pendingSize_ = n - valid;
    std::memcpy(pending_.data(), p + valid, pendingSize_);
    pendingOffset_ = offset_ + valid;
    offset_ += n;
    return {};
  }
  if (stop == Utf8Stop::kInvalid) {
    const size_t len = brokenSequenceLength(p + valid, n - valid);
    return fail(errorAt(offset_ + valid, "Die Bytefolge " + hexBytes(p + valid, len) +
                                             " ist kein gültiges UTF-8. Vermutlich ist die Datei in Windows-1252 "
                                             "(„ANSI“) oder ISO-8859-1 gespeichert. Bitte die Kodierung angeben "
                                             "oder die Datei als UTF-8 speichern."));
  }
  offset_ += n;
  return {};
}

Status Utf8Transcoder::processSingleByte(const char* data, size_t size, std::string& out) {
  const HighHalfTable& table = highHalf(encoding_);
  const char* p = data;
  const char* end = data + size;
  while (p < end) {
    const char* q = detail::findNonAscii(p, end);
    out.append(p, static_cast<size_t>(q - p));
    if (q == end) break;
    const auto b = static_cast<unsigned char>(*q);
    const Utf8Char& c = table.chars[b - 0x80];
    if (c.size == 0) {
      lineBreaks_ += detail::countLineBreaks(data, static_cast<size_t>(q - data), prevCR_);
      const uint64_t at = offset_ + static_cast<uint64_t>(q - data);
      return fail(errorAt(at, "Das Byte " + hexBytes(&b, 1) +
                                  " ist in Windows-1252 nicht belegt. Vermutlich ist die Datei in einer anderen "
                                  "Kodierung gespeichert; bitte die Kodierung prüfen und angeben."));
    }
    out.append(c.bytes.data(), c.size);
    p = q + 1;
  }
  lineBreaks_ += detail::countLineBreaks(data, size, prevCR_);
  offset_ += size;
  return {};
}

}  // namespace opgv::validation
