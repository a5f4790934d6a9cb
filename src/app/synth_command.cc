#include "app/synth_command.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>
#include <vector>

#include "app/config.h"
#include "app/validate_command.h"
#include "validation/csv_parser.h"
#include "validation/dialect.h"
#include "validation/schema.h"
#include "validation/synth.h"

namespace opgv::app {

namespace {

namespace fs = std::filesystem;
using namespace opgv::validation;

std::string q(const std::string& text) { return "„" + text + "“"; }

void printError(std::ostream& err, const Error& error) {
  err << "Fehler: " << error.message << "\n";
  for (const auto& field : error.fields) {
    err << "  " << (field.field.empty() ? "" : field.field + ": ") << field.message << "\n";
  }
}

bool validSlug(const std::string& slug) {
  if (slug.empty() || slug.size() > 80) return false;
  return std::all_of(slug.begin(), slug.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

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

std::string lower(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
  return std::string(text);
}

// Area ids from a CSV file (UTF-8): the column gebiet_id, PLR_ID, id or ags, else the first.
Result<std::vector<std::string>> readAreas(const std::string& file) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) {
    return fail(ErrorCode::kNotFound, "Die Gebietsdatei " + q(file) + " gibt es nicht oder sie ist keine normale Datei.");
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return fail(ErrorCode::kNotFound, "Die Gebietsdatei " + q(file) + " kann nicht gelesen werden.");
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string text = buffer.str();
  if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
  Dialect dialect = sniffDialect(text.substr(0, 1 << 16), text.size() <= (1 << 16)).dialect;
  dialect.header = true;
  dialect.headerRows = {1};
  std::optional<size_t> column;
  std::vector<std::string> ids;
  CsvParser::Handlers handlers;
  handlers.onHeader = [&](const CsvHeader& header) {
    for (const char* wanted : {"gebiet_id", "plr_id", "id", "ags"}) {
      for (size_t i = 0; i < header.labels.size() && !column; ++i) {
        if (lower(trim(header.labels[i])) == wanted) column = i;
      }
      if (column) break;
    }
    if (!column) column = 0;
  };
  handlers.onRecord = [&](const CsvRecord& record) {
    if (column && *column < record.fields.size()) {
      std::string id = trim(record.fields[*column].value);
      if (!id.empty()) ids.push_back(std::move(id));
    }
  };
  CsvParser parser(dialect, handlers);
  auto status = parser.feed(text);
  if (status) status = parser.finish();
  if (!status) {
    return fail(ErrorCode::kInvalidInput, "Die Gebietsdatei " + q(file) + " kann nicht gelesen werden: " + status.error().message);
  }
  if (ids.empty()) return fail(ErrorCode::kInvalidInput, "Die Gebietsdatei " + q(file) + " enthält keine Gebiets-IDs.");
  return ids;
}

}  // namespace

int runSynth(const SynthArgs& args, std::ostream& out, std::ostream& err) {
  if (args.rows < 0 || args.rows > kSynthMaxRows) {
    err << "Fehler: --rows muss zwischen 0 und " << kSynthMaxRows << " liegen.\n";
    return kExitUsage;
  }
  if (!validSlug(args.model)) {
    err << "Fehler: " << q(args.model) << " ist kein gültiger Modellname (Kleinbuchstaben, Ziffern, Bindestriche).\n";
    return kExitUsage;
  }
  fs::path resources;
  try {
    resources = locateResources(args.resourcesDir);
  } catch (const std::exception& e) {
    err << "Fehler: " << e.what() << "\n";
    return kExitUsage;
  }
  fs::path modelDir = resources / "models" / args.model;
  std::ifstream in(modelDir / "datapackage.json", std::ios::binary);
  if (!in) {
    err << "Fehler: Das Modell " << q(args.model) << " gibt es nicht. Vorhanden: " << modelList(resources / "models") << ".\n";
    return kExitUsage;
  }
  std::stringstream text;
  text << in.rdbuf();
  auto package = parsePackageText(text.str());
  if (!package) {
    printError(err, package.error());
    return kExitUsage;
  }
  SynthOptions options;
  options.rows = args.rows;
  options.seed = args.seed;
  options.resource = args.resource;
  if (!args.areasFile.empty()) {
    auto areas = readAreas(args.areasFile);
    if (!areas) {
      printError(err, areas.error());
      return kExitUsage;
    }
    options.areaIds = std::move(*areas);
  }
  if (auto status = synthesize(*package, modelDir, options, out); !status) {
    printError(err, status.error());
    return kExitUsage;
  }
  return kExitValid;
}

}  // namespace opgv::app
