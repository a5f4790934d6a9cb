#include "http/cookies.h"

#include "common/strings.h"

namespace opgv::http {

std::vector<std::pair<std::string, std::string>> parseCookieHeader(std::string_view header) {
  std::vector<std::pair<std::string, std::string>> out;
  for (auto& part : strings::split(header, ';')) {
    auto item = strings::trim(part);
    auto eq = item.find('=');
    if (eq == std::string::npos || eq == 0) continue;
    auto name = strings::trim(item.substr(0, eq));
    auto value = strings::trim(item.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    if (out.size() >= 64) break;
    out.emplace_back(std::move(name), std::move(value));
  }
  return out;
}

}  // namespace opgv::http
