#include "app/cli_support.h"

#include <algorithm>
#include <fstream>
#include <ostream>
#include <sstream>
#include <vector>

#include "app/config.h"

namespace opgv::app {

namespace fs = std::filesystem;

namespace {

std::string modelList(const fs::path& modelsDir) {
  std::vector<std::string> slugs;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(modelsDir, ec)) {
    if (entry.is_directory() && fs::exists(entry.path() / "datapackage.json")) slugs.push_back(entry.path().filename());
  }
  std::sort(slugs.begin(), slugs.end());
  std::string out;
  for (const auto& slug : slugs) out += (out.empty() ? "" : ", ") + slug;
  return out.empty() ? "keine" : out;
}

}  // namespace

void printError(std::ostream& err, const Error& error) {
  err << "Fehler: " << error.message << "\n";
  for (const auto& field : error.fields) {
    if (field.message == error.message) continue;
    err << "  " << (field.field.empty() ? "" : field.field + ": ") << field.message << "\n";
  }
}

bool validSlug(const std::string& slug) {
  if (slug.empty() || slug.size() > 80) return false;
  return std::all_of(slug.begin(), slug.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

bool requireRegularFile(const std::string& file, std::ostream& err) {
  std::error_code ec;
  if (fs::is_regular_file(file, ec)) return true;
  err << "Fehler: Die Datei „" << file << "“ gibt es nicht oder sie ist keine normale Datei.\n";
  return false;
}

std::optional<fs::path> resourcesOrReport(const std::string& configured, std::ostream& err) {
  try {
    return fs::path(locateResources(configured));
  } catch (const std::exception& e) {
    err << "Fehler: " << e.what() << "\n";
    return std::nullopt;
  }
}

Result<std::string> readSmallFile(const fs::path& path, uint64_t limit) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(ErrorCode::kNotFound, "Die Datei „" + path.string() + "“ kann nicht gelesen werden.");
  std::string text;
  text.resize(limit);
  in.read(text.data(), static_cast<std::streamsize>(limit));
  text.resize(static_cast<size_t>(in.gcount()));
  return text;
}

Result<LoadedModel> loadModel(const fs::path& resources, const std::string& slug) {
  if (!validSlug(slug)) {
    return fail(ErrorCode::kInvalidInput,
                "„" + slug + "“ ist kein gültiger Modellname (Kleinbuchstaben, Ziffern, Bindestriche).");
  }
  fs::path dir = resources / "models" / slug;
  std::ifstream in(dir / "datapackage.json", std::ios::binary);
  if (!in) {
    return fail(ErrorCode::kNotFound,
                "Das Modell „" + slug + "“ gibt es nicht. Vorhanden: " + modelList(resources / "models") + ".");
  }
  std::stringstream text;
  text << in.rdbuf();
  auto package = validation::parsePackageText(text.str());
  if (!package) return std::unexpected(package.error());
  return LoadedModel{std::move(*package), dir};
}

}  // namespace opgv::app
