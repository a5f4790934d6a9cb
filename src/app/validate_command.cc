#include "app/validate_command.h"

#include <unistd.h>

#include <set>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "app/cli_support.h"
#include "validation/encoding.h"
#include "validation/import_profile.h"
#include "validation/infer.h"
#include "validation/mapping_proposal.h"
#include "validation/report_format.h"
#include "validation/schema.h"
#include "validation/validate_file.h"

namespace opgv::app {

namespace {

namespace fs = std::filesystem;
using namespace opgv::validation;

std::string inQuotesDe(const std::string& text) { return "„" + text + "“"; }

void printReport(const Report& report, const std::string& format, std::ostream& out) {
  if (format == "json") {
    out << reportToJson(report).dump(2) << "\n";
  } else if (format == "html") {
    out << reportToHtml(report);
  } else {
    out << reportToText(report);
  }
}

}  // namespace

int runValidate(const ValidateArgs& args, std::ostream& out, std::ostream& err) {
  if (args.format != "text" && args.format != "json" && args.format != "html") {
    err << "Fehler: Unbekanntes Ausgabeformat " << inQuotesDe(args.format) << " (erlaubt: text, json, html).\n";
    return kExitUsage;
  }
  if (!args.schemaPath.empty() && !args.model.empty()) {
    err << "Fehler: Bitte entweder --schema oder --model angeben, nicht beides.\n";
    return kExitUsage;
  }
  std::error_code ec;
  if (!requireRegularFile(args.file, err)) return kExitUsage;
  if (!args.encoding.empty()) {
    if (auto encoding = encodingFromName(args.encoding); !encoding) {
      printError(err, encoding.error());
      return kExitUsage;
    }
  }

  SchemaOptions schemaOptions;
  if (args.germanDefaults) schemaOptions.defaults = germanDefaults();
  FileOptions options;
  options.encoding = args.encoding;
  options.sheet = args.sheet;
  options.limits.maxErrors = static_cast<size_t>(args.maxErrors);
  options.limits.maxKeyBytes = args.maxKeyMemoryMb << 20;

  fs::path descriptorPath = args.schemaPath;
  if (!args.model.empty()) {
    auto resources = resourcesOrReport(args.resourcesDir, err);
    if (!resources) return kExitUsage;
    // Loaded here only to name the model's problem (unknown slug, broken descriptor) before any
    // file is read; the descriptor is read below like a --schema one.
    auto model = loadModel(*resources, args.model);
    if (!model) {
      printError(err, model.error());
      return kExitUsage;
    }
    descriptorPath = model->dir / "datapackage.json";
  }

  Result<Report> report = fail(ErrorCode::kInternal, "");
  if (descriptorPath.empty()) {
    auto sample = sampleTable(args.file, args.sheet, kInferSampleBytes, kInferSampleRows);
    if (!sample) {
      printError(err, sample.error());
      return kExitUsage;
    }
    auto inference = inferTable(sample->text, sample->complete);
    auto schema = parseSchema(inference.schema, schemaOptions);
    if (!schema) {
      printError(err, schema.error());
      return kExitUsage;
    }
    if (sample->format == TableFormat::kCsv) options.dialect = inference.dialect.dialect;
    report = validateFile(args.file, *schema, options);
    if (report) {
      report->notes.insert(report->notes.begin(),
                           "Ohne Schema geprüft: Das Schema wurde aus der Datei abgeleitet (opgv infer); geprüft werden "
                           "Aufbau, Datentypen und Pflichtfelder.");
    }
  } else {
    auto text = readSmallFile(descriptorPath, uint64_t{16} << 20);
    if (!text) {
      printError(err, text.error());
      return kExitUsage;
    }
    auto json = nlohmann::json::parse(*text, nullptr, false);
    if (json.is_discarded()) {
      err << "Fehler: " << inQuotesDe(descriptorPath.string()) << " ist kein gültiges JSON.\n";
      return kExitUsage;
    }
    if (json.is_object() && json.contains("resources")) {
      auto package = parsePackage(json, schemaOptions);
      if (!package) {
        printError(err, package.error());
        return kExitUsage;
      }
      if (auto cycles = detectForeignKeyCycles(*package); !cycles) {
        printError(err, cycles.error());
        return kExitUsage;
      }
      report = validateResource(*package, descriptorPath.parent_path(), args.resource, args.file, options);
    } else {
      if (!args.resource.empty()) {
        err << "Fehler: --resource gilt nur für ein Datenpaket (datapackage.json mit „resources“).\n";
        return kExitUsage;
      }
      auto schema = parseSchema(json, schemaOptions);
      if (!schema) {
        printError(err, schema.error());
        return kExitUsage;
      }
      report = validateFile(args.file, *schema, options);
    }
  }
  if (!report) {
    printError(err, report.error());
    return kExitUsage;
  }
  printReport(*report, args.format, out);
  return report->valid ? kExitValid : kExitInvalid;
}

int runInfer(const InferArgs& args, std::ostream& out, std::ostream& err) {
  std::error_code ec;
  if (!requireRegularFile(args.file, err)) return kExitUsage;
  auto sample = sampleTable(args.file, "", std::min<uint64_t>(args.sampleBytes, kInferSampleBytes), kInferSampleRows);
  if (!sample) {
    printError(err, sample.error());
    return kExitUsage;
  }
  auto inference = inferTable(sample->text, sample->complete);
  out << inferenceToJson(inference).dump(2) << "\n";
  return inference.fields.empty() ? kExitInvalid : kExitValid;
}

int runImport(const ImportArgs& args, std::ostream& out, std::ostream& err) {
  if (args.format != "text" && args.format != "json") {
    err << "Fehler: Unbekanntes Ausgabeformat „" << args.format << "“ (erlaubt: text, json).\n";
    return kExitUsage;
  }
  std::error_code ec;
  if (!requireRegularFile(args.file, err)) return kExitUsage;
  auto resourcesDir = resourcesOrReport(args.resourcesDir, err);
  if (!resourcesDir) return kExitUsage;
  const fs::path& resources = *resourcesDir;
  fs::path profilePath = args.profile;
  if (!fs::exists(profilePath) && validSlug(args.profile)) profilePath = resources / "profiles" / (args.profile + ".json");
  auto profile = loadProfile(profilePath);
  if (!profile) {
    printError(err, profile.error());
    return kExitUsage;
  }
  auto model = loadModel(resources, profile->model);
  if (!model) {
    printError(err, model.error());
    return kExitUsage;
  }
  const Resource* resource = profile->resource.empty() ? (model->package.resources.empty() ? nullptr : &model->package.resources.front())
                                                       : model->package.resource(profile->resource);
  if (!resource || !resource->schema) {
    err << "Fehler: Das Modell „" << profile->model << "“ hat keine Ressource „" << profile->resource << "“ mit Schema.\n";
    return kExitUsage;
  }
  auto result = runProfile(*profile, *resource->schema, args.file);
  if (!result) {
    printError(err, result.error());
    return kExitUsage;
  }

  // The result is validated as a file, the way a GovTech would receive it.
  fs::path outPath = args.out;
  fs::path tempDir;
  if (outPath.empty()) {
    tempDir = fs::temp_directory_path() / ("opgv-import-" + std::to_string(::getpid()));
    fs::create_directories(tempDir, ec);
    outPath = tempDir / "ergebnis.csv";
  }
  {
    std::ofstream file(outPath, std::ios::binary | std::ios::trunc);
    file << result->csv;
    if (!file) {
      err << "Fehler: „" << outPath.string() << "“ kann nicht geschrieben werden.\n";
      return kExitUsage;
    }
  }
  auto targetReport = validateResource(model->package, model->dir, resource->name, outPath);
  if (!tempDir.empty()) fs::remove_all(tempDir, ec);
  if (!targetReport) {
    printError(err, targetReport.error());
    return kExitUsage;
  }
  targetReport->source = args.out.empty() ? "Ergebnis" : fs::path(args.out).filename().string();
  bool valid = result->sourceReport.valid && targetReport->valid;

  std::ostream& reportOut = args.out.empty() ? err : out;
  if (args.out.empty()) out << result->csv;
  if (args.format == "json") {
    nlohmann::json report = {
        {"valid", valid},
        {"profile", {{"name", profile->name}, {"version", profile->version}}},
        {"model", profile->model},
        {"resource", resource->name},
        {"stats",
         {{"sourceRows", result->stats.sourceRows},
          {"outputRows", result->stats.outputRows},
          {"valuesSetMissing", result->stats.valuesSetMissing},
          {"untranslatedCodes", result->stats.untranslatedCodes},
          {"groups", result->stats.groups},
          {"groupsWithoutValue", result->stats.groupsWithoutValue},
          {"groupsSkipped", result->stats.groupsSkipped}}},
        {"notes", result->notes},
        {"source", reportToJson(result->sourceReport)},
        {"result", reportToJson(*targetReport)},
    };
    reportOut << report.dump(2) << "\n";
  } else {
    reportOut << "Import-Profil " << profile->name << " " << profile->version << " → Modell " << profile->model << " ("
              << resource->name << ")\n";
    reportOut << result->stats.sourceRows << " Quellzeilen → " << result->stats.outputRows << " Zeilen im Modell\n";
    for (const auto& note : result->notes) reportOut << "Hinweis: " << note << "\n";
    reportOut << "\nQuelle:\n" << reportToText(result->sourceReport) << "\nErgebnis:\n" << reportToText(*targetReport);
  }
  return valid ? kExitValid : kExitInvalid;
}

int runPropose(const ProposeArgs& args, std::ostream& out, std::ostream& err) {
  std::error_code ec;
  if (!requireRegularFile(args.file, err)) return kExitUsage;
  auto resourcesDir = resourcesOrReport(args.resourcesDir, err);
  if (!resourcesDir) return kExitUsage;
  const fs::path& resources = *resourcesDir;
  auto model = loadModel(resources, args.model);
  if (!model) {
    printError(err, model.error());
    return kExitUsage;
  }
  const Resource* resource = args.resource.empty() ? (model->package.resources.empty() ? nullptr : &model->package.resources.front())
                                                   : model->package.resource(args.resource);
  if (!resource || !resource->schema) {
    err << "Fehler: Das Modell „" << args.model << "“ hat keine Ressource „" << args.resource << "“.\n";
    return kExitUsage;
  }
  auto sample = sampleTable(args.file, "", kInferSampleBytes, kInferSampleRows);
  if (!sample) {
    printError(err, sample.error());
    return kExitUsage;
  }
  auto inference = inferTable(sample->text, sample->complete);
  nlohmann::json synonymsJson = nlohmann::json::object();
  if (auto text = readSmallFile(resources / "models" / "synonyme.json", uint64_t{4} << 20)) {
    synonymsJson = nlohmann::json::parse(*text, nullptr, false);
  }
  std::set<std::string> codes = codeListValues(model->package, model->dir, *resource);
  auto proposal = proposeMapping(inference, *resource->schema, args.model, resource->name, SynonymTable::fromJson(synonymsJson),
                                 codes);
  nlohmann::json fields = nlohmann::json::array();
  for (const auto& f : proposal.fields) {
    fields.push_back({{"field", f.field}, {"column", f.column}, {"score", f.score}, {"reason", f.reason}});
  }
  nlohmann::json result = {{"model", args.model},      {"resource", resource->name}, {"score", proposal.score},
                           {"fields", fields},         {"unusedColumns", proposal.unusedColumns},
                           {"reshapeColumns", proposal.reshapeColumns}, {"notes", proposal.notes},
                           {"profile", proposal.profile}};
  if (!args.profileOut.empty()) {
    std::ofstream file(args.profileOut, std::ios::binary | std::ios::trunc);
    file << proposal.profile.dump(2) << "\n";
    if (!file) {
      err << "Fehler: „" << args.profileOut << "“ kann nicht geschrieben werden.\n";
      return kExitUsage;
    }
  }
  out << result.dump(2) << "\n";
  return proposal.score >= 1.0 ? kExitValid : kExitInvalid;
}

}  // namespace opgv::app
