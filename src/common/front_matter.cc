#include "common/front_matter.h"

#include <yaml-cpp/yaml.h>

#include "common/strings.h"

namespace opgv {
namespace {

// YAML scalars stay strings except where they clearly are numbers or booleans, so that an AGS
// like "01001000" or a date is never turned into a number by accident (it is quoted or not).
nlohmann::json toJson(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Sequence: {
      auto out = nlohmann::json::array();
      for (const auto& item : node) out.push_back(toJson(item));
      return out;
    }
    case YAML::NodeType::Map: {
      auto out = nlohmann::json::object();
      for (const auto& kv : node) out[kv.first.as<std::string>()] = toJson(kv.second);
      return out;
    }
    case YAML::NodeType::Scalar: {
      const auto& text = node.Scalar();
      if (node.Tag() == "!") return text;  // quoted in the file
      if (text == "true") return true;
      if (text == "false") return false;
      // Leading zeros mark identifiers (AGS, PLZ), which stay text even when unquoted.
      bool leadingZero = text.size() > 1 && text[0] == '0' && text[1] != '.';
      if (leadingZero) return text;
      if (auto n = strings::parseInt(text)) return *n;
      try {
        size_t used = 0;
        double d = std::stod(text, &used);
        if (used == text.size() && text.find_first_of("0123456789") != std::string::npos) return d;
      } catch (...) {
      }
      return text;
    }
    default:
      return nullptr;
  }
}

}  // namespace

Result<FrontMatterFile> parseFrontMatter(const std::string& name, const std::string& text) {
  if (!strings::startsWith(text, "---\n")) {
    return fail(ErrorCode::kInvalidInput, name + ": Die Datei beginnt nicht mit „---“ (Front Matter fehlt).");
  }
  auto end = text.find("\n---\n", 3);
  if (end == std::string::npos) {
    return fail(ErrorCode::kInvalidInput, name + ": Das Front Matter wird nicht mit „---“ abgeschlossen.");
  }
  FrontMatterFile file;
  try {
    file.meta = toJson(YAML::Load(text.substr(4, end - 3)));
  } catch (const YAML::Exception& e) {
    return fail(ErrorCode::kInvalidInput,
                name + ": Front Matter ist kein gültiges YAML (Zeile " + std::to_string(e.mark.line + 2) + "): " + e.msg);
  }
  if (!file.meta.is_object()) return fail(ErrorCode::kInvalidInput, name + ": Front Matter ist keine Zuordnung.");
  file.body = text.substr(end + 5);
  return file;
}

}  // namespace opgv
