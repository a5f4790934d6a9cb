// libFuzzer target for everything that decodes untrusted bytes before a handler runs: Poco's
// request-head parser (as the server uses it), request targets, Cookie headers, Content-Type,
// application/x-www-form-urlencoded bodies, percent-decoding and UTF-8 validation.
//
// One input feeds several decoders: it is split at kSeparator (0x1E, ASCII "record separator");
// decoder k gets part k modulo the number of parts, so an input without separator reaches all of
// them. Besides crashes and sanitizer reports, the target checks properties (round trips, a
// reference UTF-8 validator, output invariants) and aborts when one is violated.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "common/strings.h"
#include "http/cookies.h"
#include "http/form.h"
#include "http/poco/poco_fuzz_support.h"

namespace {

using namespace opgv;

constexpr char kSeparator = '\x1e';

[[noreturn]] void violated(const char* property, std::string_view input) {
  std::fprintf(stderr, "Eigenschaft verletzt: %s\nEingabe (%zu Bytes): ", property, input.size());
  for (unsigned char c : input.substr(0, 256)) std::fprintf(stderr, c >= 0x20 && c < 0x7F ? "%c" : "\\x%02x", c);
  std::fprintf(stderr, "\n");
  std::abort();
}

#define CHECK_PROPERTY(cond, input) \
  do {                              \
    if (!(cond)) violated(#cond, input); \
  } while (0)

// Well-formed UTF-8 exactly as in Unicode 15, table 3-7; counts code points.
bool referenceUtf8(std::string_view text, size_t* codePoints) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  size_t n = text.size(), i = 0, count = 0;
  auto in = [&](size_t k, unsigned lo, unsigned hi) { return i + k < n && s[i + k] >= lo && s[i + k] <= hi; };
  while (i < n) {
    unsigned c = s[i];
    size_t len;
    if (c <= 0x7F) {
      len = 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
      if (!in(1, 0x80, 0xBF)) return false;
      len = 2;
    } else if (c == 0xE0) {
      if (!in(1, 0xA0, 0xBF) || !in(2, 0x80, 0xBF)) return false;
      len = 3;
    } else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) {
      if (!in(1, 0x80, 0xBF) || !in(2, 0x80, 0xBF)) return false;
      len = 3;
    } else if (c == 0xED) {
      if (!in(1, 0x80, 0x9F) || !in(2, 0x80, 0xBF)) return false;
      len = 3;
    } else if (c == 0xF0) {
      if (!in(1, 0x90, 0xBF) || !in(2, 0x80, 0xBF) || !in(3, 0x80, 0xBF)) return false;
      len = 4;
    } else if (c >= 0xF1 && c <= 0xF3) {
      if (!in(1, 0x80, 0xBF) || !in(2, 0x80, 0xBF) || !in(3, 0x80, 0xBF)) return false;
      len = 4;
    } else if (c == 0xF4) {
      if (!in(1, 0x80, 0x8F) || !in(2, 0x80, 0xBF) || !in(3, 0x80, 0xBF)) return false;
      len = 4;
    } else {
      return false;
    }
    i += len;
    ++count;
  }
  if (codePoints) *codePoints = count;
  return true;
}

bool hasUpperAscii(std::string_view s) {
  for (char c : s) {
    if (c >= 'A' && c <= 'Z') return true;
  }
  return false;
}

bool hasControl(std::string_view s) {
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7F) return true;
  }
  return false;
}

void fuzzPocoHead(std::string_view part) {
  http::poco::parseRequestHead(reinterpret_cast<const uint8_t*>(part.data()), part.size());
}

void fuzzRequestTarget(std::string_view part) {
  auto target = http::parseRequestTarget(part);
  if (!target) {
    CHECK_PROPERTY(!target.error().message.empty(), part);
    return;
  }
  const auto& [path, query] = *target;
  CHECK_PROPERTY(!path.empty() && path.front() == '/', part);
  CHECK_PROPERTY(strings::isValidUtf8(path), part);
  CHECK_PROPERTY(!hasControl(path) && !hasControl(query), part);
  CHECK_PROPERTY(query.find('#') == std::string::npos, part);
  std::string reencoded;
  for (const auto& segment : strings::split(std::string_view(path).substr(1), '/')) {
    CHECK_PROPERTY(segment != "." && segment != "..", part);
    reencoded += "/" + strings::percentEncode(segment);
  }
  // Normalised paths are a fixed point: encoding and parsing again changes nothing.
  auto again = http::parseRequestTarget(path == "/" ? "/" : reencoded);
  CHECK_PROPERTY(again && again->first == path && again->second.empty(), part);
}

void fuzzCookies(std::string_view part) {
  auto cookies = http::parseCookieHeader(part);
  CHECK_PROPERTY(cookies.size() <= 64, part);
  for (const auto& [name, value] : cookies) {
    CHECK_PROPERTY(!name.empty() && name.find(';') == std::string::npos && name.find('=') == std::string::npos, part);
    CHECK_PROPERTY(value.find(';') == std::string::npos, part);
  }
}

void fuzzContentType(std::string_view part) {
  auto ct = http::parseContentType(part);
  CHECK_PROPERTY(!hasUpperAscii(ct.media_type) && !hasUpperAscii(ct.charset), part);
  CHECK_PROPERTY(ct.media_type == strings::trim(ct.media_type), part);
  CHECK_PROPERTY(ct.media_type.find(';') == std::string::npos, part);
}

void fuzzForm(std::string_view part) {
  http::FormLimits tight{8, 64};
  for (const auto& limits : {http::FormLimits{}, tight}) {
    auto form = http::parseUrlEncoded(part, limits);
    if (!form) {
      CHECK_PROPERTY(!form.error().message.empty(), part);
      continue;
    }
    CHECK_PROPERTY(form->fields.size() <= limits.max_fields, part);
    std::string reencoded;
    for (const auto& [name, value] : form->fields) {
      CHECK_PROPERTY(strings::isValidUtf8(name) && strings::isValidUtf8(value), part);
      CHECK_PROPERTY(value.size() <= limits.max_value_bytes, part);
      CHECK_PROPERTY(form->get(name).has_value(), part);
      if (!reencoded.empty()) reencoded += "&";
      reencoded += strings::percentEncode(name) + "=" + strings::percentEncode(value);
    }
    // Decoding what we encode gives the same fields back.
    auto again = http::parseUrlEncoded(reencoded, limits);
    CHECK_PROPERTY(again && again->fields == form->fields, part);
  }
}

void fuzzText(std::string_view part) {
  size_t codePoints = 0;
  bool valid = strings::isValidUtf8(part);
  CHECK_PROPERTY(valid == referenceUtf8(part, &codePoints), part);
  if (valid) {
    CHECK_PROPERTY(strings::utf8Length(part) == codePoints, part);
    CHECK_PROPERTY(strings::isValidUtf8(strings::foldGerman(part)), part);
  }
  for (bool plusAsSpace : {false, true}) {
    auto roundTrip = strings::percentDecode(strings::percentEncode(part), plusAsSpace);
    CHECK_PROPERTY(roundTrip && *roundTrip == part, part);
    auto decoded = strings::percentDecode(part, plusAsSpace);
    if (decoded) CHECK_PROPERTY(decoded->size() <= part.size(), part);
  }
  auto escaped = strings::htmlEscape(part);
  CHECK_PROPERTY(escaped.find_first_of("<>\"'") == std::string::npos, part);
  auto folded = strings::foldGerman(part);
  CHECK_PROPERTY(!hasUpperAscii(folded), part);
  if (auto n = strings::parseInt(part)) CHECK_PROPERTY(std::to_string(*n) == part || part.front() == '0' || part.front() == '-', part);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    auto pos = input.find(kSeparator, start);
    parts.push_back(input.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start));
    if (pos == std::string_view::npos) break;
    start = pos + 1;
  }
  auto part = [&parts](size_t k) { return parts[k % parts.size()]; };
  fuzzPocoHead(part(0));
  fuzzRequestTarget(part(1));
  fuzzCookies(part(2));
  fuzzContentType(part(3));
  fuzzForm(part(4));
  fuzzText(part(5));
  return 0;
}
