#include "app/synth_command.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>
#include <vector>

#include "app/cli_support.h"
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
  auto resources = resourcesOrReport(args.resourcesDir, err);
  if (!resources) return kExitUsage;
  auto model = loadModel(*resources, args.model);
  if (!model) {
    printError(err, model.error());
    return kExitUsage;
  }
  const fs::path& modelDir = model->dir;
  const DataPackage* package = &model->package;
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
