// The model registry under models/: every model is a valid Data Package whose example files
// validate against it, with the metadata the catalogue relies on (docs/content/model-format.md).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "support/test_server.h"
#include "validation/report_format.h"
#include "validation/schema.h"
#include "validation/validate_file.h"

namespace opgv::test {
namespace {

namespace fs = std::filesystem;
using namespace opgv::validation;

std::string readAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<fs::path> modelDirs() {
  std::vector<fs::path> dirs;
  for (const auto& entry : fs::directory_iterator(fs::path(sourceDir()) / "models")) {
    if (entry.is_directory()) dirs.push_back(entry.path());
  }
  std::sort(dirs.begin(), dirs.end());
  return dirs;
}

TEST(Models, TheIssuesModelsExist) {
  std::set<std::string> slugs;
  for (const auto& dir : modelDirs()) slugs.insert(dir.filename().string());
  for (const char* slug : {"sozialraum-indikatoren", "raumgliederung", "bevoelkerung-altersgruppen", "kindertagesbetreuung",
                           "schulen", "hundesteuer", "haushalt", "baustellen", "ladesaeulen"}) {
    EXPECT_TRUE(slugs.count(slug)) << slug;
  }
}

TEST(Models, EveryModelIsADescribedPackageWhoseExamplesValidate) {
  const std::regex semver(R"(\d+\.\d+\.\d+)");
  const std::regex slug(R"([a-z0-9]+(-[a-z0-9]+)*)");
  for (const auto& dir : modelDirs()) {
    SCOPED_TRACE(dir.filename().string());
    EXPECT_TRUE(std::regex_match(dir.filename().string(), slug));
    auto descriptor = nlohmann::json::parse(readAll(dir / "datapackage.json"));
    auto package = parsePackage(descriptor);
    ASSERT_TRUE(package.has_value()) << package.error().message;
    EXPECT_TRUE(detectForeignKeyCycles(*package).has_value());
    EXPECT_EQ(descriptor["name"], dir.filename().string());
    EXPECT_TRUE(std::regex_match(descriptor.value("version", ""), semver));
    EXPECT_FALSE(descriptor.value("title", "").empty());
    EXPECT_FALSE(descriptor.value("description", "").empty());
    EXPECT_TRUE(descriptor.contains("musterdatenkatalog"));
    EXPECT_TRUE(descriptor.contains("raumbezug"));
    EXPECT_TRUE(fs::exists(dir / "CHANGELOG.md"));
    EXPECT_NE(readAll(dir / "CHANGELOG.md").find(descriptor.value("version", "?")), std::string::npos)
        << "CHANGELOG ohne Eintrag für die aktuelle Version";
    for (const auto& resource : package->resources) {
      SCOPED_TRACE(resource.name);
      ASSERT_TRUE(resource.schema.has_value());
      for (const auto& field : resource.schema->fields) {
        EXPECT_FALSE(field.title.empty()) << field.name;
        EXPECT_GE(field.description.size(), 20u) << "Beschreibung zu kurz: " << field.name;
      }
      auto report = validateResource(*package, dir, resource.name, {});
      ASSERT_TRUE(report.has_value()) << report.error().message;
      EXPECT_TRUE(report->valid) << reportToText(*report);
      EXPECT_GT(report->stats.rows, 0);
    }
  }
}

TEST(Models, OlderVersionsAreValidDescriptorsWithTheSameName) {
  for (const auto& dir : modelDirs()) {
    if (!fs::exists(dir / "versionen")) continue;
    for (const auto& entry : fs::directory_iterator(dir / "versionen")) {
      SCOPED_TRACE(entry.path().string());
      auto descriptor = nlohmann::json::parse(readAll(entry.path() / "datapackage.json"));
      EXPECT_TRUE(parsePackage(descriptor).has_value());
      EXPECT_EQ(descriptor["version"], entry.path().filename().string());
      EXPECT_EQ(descriptor["name"], dir.filename().string());
    }
  }
}

TEST(Models, MusterdatenkatalogUrisAreConceptsOfTheCatalogue) {
  fs::path rdf = fs::path(sourceDir()) / ".." / "shared" / "data" / "musterdatenkatalog" / "musterdatenkatalog_v4.rdf";
  if (!fs::exists(rdf)) GTEST_SKIP() << "Musterdatenkatalog fehlt: " << rdf;
  std::string catalogue = readAll(rdf);
  for (const auto& dir : modelDirs()) {
    auto descriptor = nlohmann::json::parse(readAll(dir / "datapackage.json"));
    for (const auto& entry : descriptor["musterdatenkatalog"]) {
      std::string uri = entry["uri"];
      EXPECT_NE(catalogue.find("rdf:about=\"" + uri + "\""), std::string::npos) << dir.filename() << ": " << uri;
    }
  }
}

TEST(Models, ImportProfilesNameExistingModelsAndParse) {
  for (const auto& entry : fs::directory_iterator(fs::path(sourceDir()) / "profiles")) {
    SCOPED_TRACE(entry.path().filename().string());
    auto descriptor = nlohmann::json::parse(readAll(entry.path()));
    EXPECT_EQ(descriptor["name"].get<std::string>() + ".json", entry.path().filename().string());
    EXPECT_TRUE(fs::exists(fs::path(sourceDir()) / "models" / descriptor["model"].get<std::string>() / "datapackage.json"));
  }
}

}  // namespace
}  // namespace opgv::test
