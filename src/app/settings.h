#pragma once
// Configuration precedence: command-line flag > environment variable (OPGV_…) > config file
// (INI style "key = value") > built-in default. Resolved here, independent of the CLI parser.
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "app/config.h"
#include "common/result.h"

namespace opgv::app {

// The keys, as used in the config file; flags are "--<key>", env vars "OPGV_<KEY with _>".
const std::vector<std::string>& settingKeys();
std::string envNameFor(const std::string& key);

using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;
EnvLookup processEnvironment();

Result<std::map<std::string, std::string>> parseConfigFile(const std::string& path);

Result<Config> resolveConfig(const std::map<std::string, std::string>& flags, const EnvLookup& env,
                             const std::string& configFile);

}  // namespace opgv::app
