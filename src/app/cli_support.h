#pragma once
// What the data subcommands (validate, infer, import, propose, synth) share: German error output,
// finding the resources and a model, reading small files. Exit codes: validate_command.h.
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>

#include "common/result.h"
#include "validation/schema.h"

namespace opgv::app {

// "Fehler: …" and one indented line per field error.
void printError(std::ostream& err, const Error& error);

// Lowercase letters, digits and hyphens, at most 80 characters (model and profile names).
bool validSlug(const std::string& slug);

// nullopt (and the German reason on `err`) unless `file` is a regular file.
bool requireRegularFile(const std::string& file, std::ostream& err);

// The resources directory (as for `opgv serve`), or nullopt with the reason on `err`.
std::optional<std::filesystem::path> resourcesOrReport(const std::string& configured, std::ostream& err);

// At most `limit` bytes from the start of a file.
Result<std::string> readSmallFile(const std::filesystem::path& path, uint64_t limit);

struct LoadedModel {
  validation::DataPackage package;
  std::filesystem::path dir;
};
// models/<slug>/datapackage.json; an unknown slug names the models that exist.
Result<LoadedModel> loadModel(const std::filesystem::path& resources, const std::string& slug);

}  // namespace opgv::app
