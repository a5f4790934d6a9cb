#pragma once
// Reads use-case files from content/use-cases/ (format: docs/content/use-case-format.md) and
// checks them against the content rules, so that a broken or rule-breaking file is reported with
// its name before anything is imported.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/result.h"

namespace opgv::library {

struct UseCaseFile {
  std::string path;
  nlohmann::json meta;  // the front matter, converted from YAML
  std::string body;     // Markdown below the front matter
  std::vector<std::pair<std::string, std::string>> sections;  // level-2 heading → its Markdown
};

// Parses one file; errors name the file and say what is wrong, in German.
Result<UseCaseFile> parseUseCaseFile(const std::string& path, const std::string& text);
// Checks required fields, vocabularies, heading order and the labelling of fictional content.
std::vector<std::string> validateUseCase(const UseCaseFile& file);
// All *.md files of a directory, sorted by name.
Result<std::vector<UseCaseFile>> loadUseCases(const std::string& directory);

const std::vector<std::string>& themenfelder();
const std::vector<std::string>& barrierenkreislaeufe();

}  // namespace opgv::library
