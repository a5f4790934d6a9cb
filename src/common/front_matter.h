#pragma once
// Content files (use cases, Bausteine, later learning units) are Markdown with YAML front matter
// (ADR 0003). This is the one place that reads that format; yaml-cpp stays behind it.
#include <string>

#include <nlohmann/json.hpp>

#include "common/result.h"

namespace opgv {

struct FrontMatterFile {
  nlohmann::json meta;  // the front matter, converted from YAML
  std::string body;     // Markdown below the front matter
};

// `name` is the file name used in the German error messages ("x.md: …").
Result<FrontMatterFile> parseFrontMatter(const std::string& name, const std::string& text);

}  // namespace opgv
