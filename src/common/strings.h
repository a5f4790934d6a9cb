#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace opgv::strings {

bool isValidUtf8(std::string_view text);
std::string toLowerAscii(std::string_view text);
std::string toUpperAscii(std::string_view text);
std::string trim(std::string_view text);
// One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break, quotes doubled.
// Values stay exactly as they are (data files must round-trip; no spreadsheet formula guard).
std::string csvField(std::string_view text);
std::vector<std::string> split(std::string_view text, char separator);
bool startsWith(std::string_view text, std::string_view prefix);
// Lower case plus folding of ä/ö/ü/ß so that "Muenchen", "München" and "münchen" compare equal.
std::string foldGerman(std::string_view text);
// Percent-decoding; `plusAsSpace` for application/x-www-form-urlencoded. nullopt on a broken escape.
std::optional<std::string> percentDecode(std::string_view text, bool plusAsSpace);
std::string percentEncode(std::string_view text);
std::string htmlEscape(std::string_view text);
std::string toHex(const unsigned char* data, size_t size);
std::optional<int64_t> parseInt(std::string_view text);
// Unix seconds in UTC with a strftime format; isoDate gives "2026-11-27".
std::string formatUnixTime(int64_t seconds, const char* format);
std::string isoDate(int64_t seconds);
// "2026-11-27" or "2026-11" → "27.11.2026" / "11/2026"; other text is returned unchanged.
std::string germanDate(std::string_view isoDate);
// Counts code points, not bytes, so limits mean what a user sees.
size_t utf8Length(std::string_view text);

}  // namespace opgv::strings
