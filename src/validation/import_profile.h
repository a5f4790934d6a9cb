#pragma once
// Import profiles: harmonisation without programming. A profile says how one kind of source file
// (a Kommune's export) becomes rows of a harmonised model: which source columns exist and how to
// read them, which rows' values do not count, whether to reshape wide ↔ long, where every model
// field comes from (a column or a constant, with code-list translation and unit conversion), and
// whether to aggregate fine areas to coarse ones (by id prefix or a mapping table; sum, mean or
// weighted mean). Profiles are JSON files with a semantic version (docs/content/import-profile.md),
// so the same mapping runs again next year, from the UI or `opgv import --profile`.
//
// Nothing is silently dropped: source cells that do not fit their declared type are errors in the
// source report; values set to missing by a condition, codes without translation and groups left
// out of an aggregation are counted in the notes.
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/result.h"
#include "validation/schema.h"
#include "validation/validate_file.h"
#include "validation/validator.h"

namespace opgv::validation {

struct ProfileCondition {
  std::string column;
  std::optional<std::string> equals;     // applies when the cell equals this …
  std::optional<std::string> notEquals;  // … or differs from this
  std::vector<std::string> keep;         // columns whose values stay; all others become missing
};

struct ProfileReshape {
  enum class Direction { kWideToLong, kLongToWide };
  Direction direction = Direction::kWideToLong;
  std::vector<std::string> keep;     // id columns carried along
  std::vector<std::string> columns;  // wide → long: the value columns; long → wide: the new columns
  std::string nameColumn;            // long side: the column that names the variable
  std::string valueColumn;           // long side: the column with the value
};

struct ProfileFieldSource {
  std::optional<std::string> column;
  std::optional<std::string> constant;
  std::map<std::string, std::string> codes;  // code-list translation: source text → target text
  bool codesRequired = false;                // a code without translation is an error, not kept
  std::optional<double> scale;               // unit conversion: value × scale + offset
  std::optional<double> offset;
};

struct ProfileAggregation {
  std::string level;               // value written to levelField, e.g. "prognoseraum"
  std::string areaField;           // model field with the area id
  std::string levelField;          // model field with the area level (may be empty)
  std::optional<size_t> prefix;    // coarse id = first N characters …
  std::filesystem::path table;     // … or a mapping table (CSV) fine → coarse …
  std::string tableFrom, tableTo;
  // … or the same pairs written into the profile (a profile stored in the platform has no file
  // next to it): fine id → coarse id.
  std::vector<std::pair<std::string, std::string>> tableRows;
  std::vector<std::string> groupBy;  // model fields that together with the area form a group
  std::string valueField;
  std::string method = "gewichteter_mittelwert";  // summe, mittelwert, gewichteter_mittelwert, keine
  std::string weightColumn;        // source/long column with the weight (e.g. EW)
  std::string methodBy;            // model field whose value picks a method from `methods`
  std::map<std::string, std::string> methods;
  int decimals = 6;
};

struct ImportProfile {
  std::string name;
  std::string version;
  std::string title;
  std::string description;
  std::string model;
  std::string resource;
  std::string encoding;
  std::optional<Dialect> dialect;
  nlohmann::json sourceSchema;  // Table Schema of the source columns (fieldsMatch subset)
  std::vector<ProfileCondition> conditions;
  std::optional<ProfileReshape> reshape;
  std::vector<std::pair<std::string, ProfileFieldSource>> fields;  // model field → source
  std::optional<ProfileAggregation> aggregation;
  nlohmann::json descriptor;
};

// summe, mittelwert, gewichteter_mittelwert or keine (aggregate.method and aggregate.methods).
bool isAggregationMethod(std::string_view method);

// Reads and checks a profile; relative paths (mapping tables) are resolved against `baseDir`.
Result<ImportProfile> parseProfile(const nlohmann::json& descriptor, const std::filesystem::path& baseDir);
Result<ImportProfile> loadProfile(const std::filesystem::path& path);

struct ImportStats {
  int64_t sourceRows = 0;
  int64_t outputRows = 0;
  int64_t valuesSetMissing = 0;  // by conditions
  int64_t untranslatedCodes = 0;
  int64_t groups = 0;
  int64_t groupsWithoutValue = 0;
  int64_t groupsSkipped = 0;     // method "keine"
};

struct ImportResult {
  Report sourceReport;  // the source file against the profile's source columns
  std::string csv;      // the model rows, in the model's format (header included)
  ImportStats stats;
  std::vector<std::string> notes;  // German
  // For keeping only the valid rows: the source row each output row came from (header = row 1),
  // empty when the profile aggregates (an output row then stands for many source rows) …
  std::vector<int64_t> outputSourceRows;
  // … and the source rows with an error (their cells that did not fit became empty).
  std::vector<int64_t> invalidSourceRows;
};

struct ImportOptions {
  FileOptions file;
};

// Runs the profile on `source` and writes model rows. `target` is the model resource's schema:
// the output has its fields in its order. Validate `csv` against the model afterwards.
Result<ImportResult> runProfile(const ImportProfile& profile, const Schema& target, const std::filesystem::path& source,
                                const ImportOptions& options = {});

}  // namespace opgv::validation
