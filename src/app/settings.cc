#include "app/settings.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <fstream>

#include "common/strings.h"

namespace opgv::app {

const std::vector<std::string>& settingKeys() {
  static const std::vector<std::string> keys = {
      "listen", "data-dir", "db", "resources", "threads", "log-level", "base-url", "trusted-proxies",
      "max-body-bytes", "max-upload-bytes", "smtp-host", "smtp-port", "smtp-user", "smtp-password", "smtp-from"};
  return keys;
}

std::string envNameFor(const std::string& key) {
  std::string name = "OPGV_";
  for (char c : key) name.push_back(c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  return name;
}

EnvLookup processEnvironment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* v = std::getenv(name.c_str());
    if (!v) return std::nullopt;
    return std::string(v);
  };
}

Result<std::map<std::string, std::string>> parseConfigFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return fail(ErrorCode::kNotFound, "Konfigurationsdatei nicht lesbar: " + path);
  std::map<std::string, std::string> values;
  std::string line;
  int number = 0;
  const auto& known = settingKeys();
  while (std::getline(in, line)) {
    ++number;
    auto text = strings::trim(line);
    if (text.empty() || text[0] == '#' || text[0] == ';' || text[0] == '[') continue;
    auto eq = text.find('=');
    if (eq == std::string::npos) {
      return fail(ErrorCode::kInvalidInput, path + ":" + std::to_string(number) + ": erwartet „schlüssel = wert“");
    }
    auto key = strings::trim(text.substr(0, eq));
    auto value = strings::trim(text.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      return fail(ErrorCode::kInvalidInput, path + ":" + std::to_string(number) + ": unbekannter Schlüssel „" + key + "“");
    }
    values[key] = value;
  }
  return values;
}

Result<Config> resolveConfig(const std::map<std::string, std::string>& flags, const EnvLookup& env,
                             const std::string& configFile) {
  std::map<std::string, std::string> file;
  if (!configFile.empty()) {
    auto parsed = parseConfigFile(configFile);
    if (!parsed) return std::unexpected(parsed.error());
    file = *parsed;
  }
  auto pick = [&](const std::string& key) -> std::optional<std::string> {
    if (auto it = flags.find(key); it != flags.end()) return it->second;
    if (auto v = env(envNameFor(key))) return v;
    if (auto it = file.find(key); it != file.end()) return it->second;
    return std::nullopt;
  };
  Config c;
  // `max` keeps the value inside the target type: "threads = 3000000000" must not wrap to a
  // negative int.
  auto number = [&](const std::string& key, auto& target, int64_t max) -> Status {
    if (auto v = pick(key)) {
      auto n = strings::parseInt(*v);
      if (!n || *n <= 0 || *n > max) {
        return fail(ErrorCode::kInvalidInput, "„" + key + "“ muss eine positive Zahl bis " + std::to_string(max) +
                                                  " sein, erhalten: " + *v);
      }
      target = static_cast<std::remove_reference_t<decltype(target)>>(*n);
    }
    return {};
  };
  if (auto v = pick("listen")) c.listen = *v;
  if (auto v = pick("data-dir")) c.data_dir = *v;
  if (auto v = pick("db")) c.db_url = *v;
  if (auto v = pick("resources")) c.resources_dir = *v;
  if (auto v = pick("log-level")) c.log_level = *v;
  if (auto v = pick("base-url")) c.base_url = *v;
  if (auto v = pick("trusted-proxies")) c.trusted_proxies = *v;
  if (auto v = pick("smtp-host")) c.smtp.host = *v;
  if (auto v = pick("smtp-user")) c.smtp.user = *v;
  if (auto v = pick("smtp-password")) c.smtp.password = *v;
  if (auto v = pick("smtp-from")) c.smtp.from = *v;
  if (auto s = number("threads", c.threads, 4096); !s) return std::unexpected(s.error());
  if (auto s = number("smtp-port", c.smtp.port, 65535); !s) return std::unexpected(s.error());
  if (auto s = number("max-body-bytes", c.max_body_bytes, int64_t{1} << 32); !s) return std::unexpected(s.error());
  if (auto s = number("max-upload-bytes", c.max_upload_bytes, int64_t{1} << 30); !s) return std::unexpected(s.error());
  return c;
}

}  // namespace opgv::app
