#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace opgv::http {

// RFC 6265 cookie-string parsing; malformed pairs are skipped, never fatal.
std::vector<std::pair<std::string, std::string>> parseCookieHeader(std::string_view header);

}  // namespace opgv::http
