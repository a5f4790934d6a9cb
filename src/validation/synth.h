#pragma once
// Synthetic test data for a resource of a harmonised model (`opgv synth`): CSV in the model's own
// format, plausible and deterministic per seed, and valid against the resource's Table Schema by
// construction (types, formats, constraints, categories, primaryKey/uniqueKeys, foreignKeys).
//
// What is plausible comes from the model's `synth.json` next to its datapackage.json (format:
// docs/content/model-format.md, „Synthetische Daten“): per field a value list, a distribution
// (normal, lognormal, uniform; optionally tied to a per-area latent factor for correlations), a
// template, an area id, a date range, or a simple rule over other fields of the row (after,
// times, difference, labelOf, fromReference, byCode, byDepth). Fields without a hint get a generic
// generator from their type and constraints; a model without synth.json still gives valid data.
//
// Rows: the key fields (primaryKey, else the first uniqueKey) are iterated as a mixed-radix
// counter over their value domains (area × date × indicator …; dates and years slowest, so all
// areas of the latest date come first, then the primaryKey order, the last field fastest). A
// domain is a list (values, categories, the referenced code list, --areas) or a sequence (template
// with {n}, dates, years, generated area ids); sequences grow first when the row count needs more
// combinations, then shortened lists, last the --areas list (with generated ids). A foreign key to
// the same table makes a tree (first rows are roots, parent = earlier row).
//
// Randomness: std::mt19937_64 and hand-written transforms (inverse normal CDF, multiply-shift
// integers), so the output is byte-identical for the same model, seed and row count on every
// standard library. Output is streamed; memory does not grow with the row count.
//
// Every generated cell is checked with readCell (key values once per value) and drawn again if
// it fails; an optional field whose rule gives nothing valid stays empty, a required one stops
// with a German error (hint errors are found before the first row is written).
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/result.h"
#include "validation/schema.h"

namespace opgv::validation {

inline constexpr int64_t kSynthMaxRows = 10'000'000;

struct SynthOptions {
  int64_t rows = 100;
  uint64_t seed = 1;
  std::string resource;                // empty: the first resource
  std::vector<std::string> areaIds;    // from --areas: for the fields marked "area" in synth.json
};

// Reads `modelDir`/synth.json (if there is one) and writes header and rows to `out`.
Status synthesize(const DataPackage& package, const std::filesystem::path& modelDir, const SynthOptions& options,
                  std::ostream& out);

// The same with the hints given directly (tests, tools); an empty object or null means no hints.
// `modelDir` is still needed for the data files of referenced resources (foreign keys).
Status synthesizeWithHints(const DataPackage& package, const std::filesystem::path& modelDir, const nlohmann::json& hints,
                           const SynthOptions& options, std::ostream& out);

// The synth.json of a model directory as JSON: null when there is none, an error when it is not
// valid JSON.
Result<nlohmann::json> readSynthHints(const std::filesystem::path& modelDir);

// Generates one random string matching `pattern` (the subset the generator understands: literals,
// escapes, \d \w, character classes with ranges, ., quantifiers ? * + {n} {n,} {n,m}). nullopt for
// patterns outside that subset (alternation, groups, negated classes, non-ASCII …).
std::optional<std::string> samplePattern(const std::string& pattern, uint64_t seed);

}  // namespace opgv::validation
