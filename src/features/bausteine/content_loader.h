#pragma once
// Reads Baustein files from content/bausteine/ (format: docs/content/baustein-format.md) and
// checks them, so that a broken file is reported by name before anything is imported. The same
// check runs when the Redaktion edits a Baustein in the browser.
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/result.h"

namespace opgv::bausteine {

struct BausteinFile {
  std::string name;        // file name, for messages
  nlohmann::json document; // front matter plus "body"
  std::string source;      // the file as read, for the source hash and the editor
};

Result<BausteinFile> parseBausteinFile(const std::string& name, const std::string& text);
// German problems, each starting with the file name; empty when the file is fine.
// `useCaseSlugs` are the use cases a Baustein may link to.
std::vector<std::string> validateBaustein(const BausteinFile& file, const std::set<std::string>& useCaseSlugs);
// All *.md files of a directory, sorted by name; the first unreadable file ends the load.
Result<std::vector<BausteinFile>> loadBausteine(const std::string& directory);


}  // namespace opgv::bausteine
