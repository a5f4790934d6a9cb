#include "features/models/repository.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace opgv::models {

namespace {

namespace fs = std::filesystem;

std::optional<std::string> readText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

std::shared_ptr<const ModelRepository> ModelRepository::load(const fs::path& modelsDir, std::vector<std::string>* problems) {
  auto repository = std::make_shared<ModelRepository>();
  std::error_code ec;
  std::vector<fs::path> dirs;
  for (const auto& entry : fs::directory_iterator(modelsDir, ec)) {
    if (entry.is_directory() && fs::exists(entry.path() / "datapackage.json")) dirs.push_back(entry.path());
  }
  std::sort(dirs.begin(), dirs.end());
  for (const auto& dir : dirs) {
    std::string slug = dir.filename().string();
    auto problem = [&](const std::string& text) {
      if (problems) problems->push_back("Modell „" + slug + "“: " + text);
    };
    auto text = readText(dir / "datapackage.json");
    auto descriptor = nlohmann::json::parse(text.value_or(""), nullptr, false);
    if (!descriptor.is_object()) {
      problem("datapackage.json ist kein gültiges JSON.");
      continue;
    }
    auto package = validation::parsePackage(descriptor);
    if (!package) {
      problem(package.error().message + (package.error().fields.empty() ? "" : " " + package.error().fields[0].field + ": " +
                                                                                  package.error().fields[0].message));
      continue;
    }
    DataModel model;
    model.slug = slug;
    model.title = descriptor.value("title", slug);
    model.description = descriptor.value("description", "");
    model.version = descriptor.value("version", "");
    model.descriptor = descriptor;
    model.package = std::move(*package);
    model.dir = dir;
    model.changelog = readText(dir / "CHANGELOG.md").value_or("");
    model.versions.push_back({model.version, descriptor});
    for (const auto& entry : fs::directory_iterator(dir / "versionen", ec)) {
      auto old = nlohmann::json::parse(readText(entry.path() / "datapackage.json").value_or(""), nullptr, false);
      if (!old.is_object()) {
        problem("Version " + entry.path().filename().string() + " ist kein gültiges JSON.");
        continue;
      }
      model.versions.push_back({old.value("version", entry.path().filename().string()), old});
    }
    std::sort(model.versions.begin(), model.versions.end(),
              [](const ModelVersion& a, const ModelVersion& b) { return compareVersions(a.version, b.version) > 0; });
    repository->models_.push_back(std::move(model));
  }
  return repository;
}

const DataModel* ModelRepository::find(const std::string& slug) const {
  for (const auto& model : models_) {
    if (model.slug == slug) return &model;
  }
  return nullptr;
}

}  // namespace opgv::models
