#pragma once
// The plan of one synthetic resource (synth.h): per field a generator spec read from synth.json
// and the schema, the key domains iterated as a mixed-radix counter, the code lists of referenced
// resources. Built by buildPlan (synth_plan.cc), executed by synth.cc. Internal.
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/result.h"
#include "validation/schema.h"
#include "validation/synth.h"
#include "validation/synth_internal.h"

namespace opgv::validation::synth_detail {

// "Musterweg {n} (fiktiv)": literals and placeholders {n} {n:4} {int:1-120} {word:LIST}
// {field:NAME} {field:NAME:FROM:TO}.
struct Template {
  struct Part {
    enum class Kind : uint8_t { kLiteral, kSeq, kInt, kWord, kField };
    Kind kind = Kind::kLiteral;
    std::string text;
    int width = 0;
    int64_t lo = 0, hi = 0;
    const std::vector<std::string>* words = nullptr;
    size_t field = 0;
    size_t from = 0, to = std::string::npos;
  };
  std::vector<Part> parts;
  bool onlySequence() const;  // literals and {n}: usable for unique keys
};

enum class Kind : uint8_t {
  kGeneric, kValues, kNumeric, kTemplate, kArea, kDateRange, kAfter, kTimes, kDifference, kLabelOf,
  kFromReference, kByCode, kByDepth, kTree, kForeign, kGeo, kList,
};

struct Spec {
  Kind kind = Kind::kGeneric;
  double missingRate = 0;
  // kValues, kByDepth, kList, kForeign: texts (with cumulative weights for kValues)
  std::vector<std::string> values;
  std::vector<double> cumulative;
  int minItems = 1, maxItems = 1;  // kList
  // kNumeric, kTimes, kDifference, generic numbers: range, rounding
  enum class Dist : uint8_t { kNormal, kLognormal, kUniform } dist = Dist::kUniform;
  double p1 = 0, p2 = 0;  // mean/sd, mu/sigma (lognormal, already converted), min/max (uniform)
  double lo = -1e300, hi = 1e300;
  int decimals = 2;
  int latent = -1;  // index into Plan::latents
  double rho = 0;
  // kTemplate
  Template tmpl;
  // kArea: pool size without --areas
  int64_t pool = 10;
  // kDateRange, kAfter (days), kTimes (factor range)
  int64_t dayLo = 0, dayHi = 0;
  double factorLo = 1, factorHi = 1;
  // source fields (kAfter, kTimes, kLabelOf, kFromReference, kByCode: [0]; kDifference: [0] − [1])
  std::vector<size_t> sources;
  std::unordered_map<std::string, std::string> lookup;  // kLabelOf, kFromReference
  std::map<std::string, std::shared_ptr<Spec>> codes;   // kByCode
  std::shared_ptr<Spec> fallback;                       // kByCode: codes not listed
  // kGeo: lon/lat box
  double box[4] = {6.0, 47.3, 15.0, 55.0};
  // kTree: heap layout
  int64_t roots = 1, fanout = 5;
  int stableDim = -1;  // draw from a stream keyed by this key dimension's index
};

// A key dimension (or a unique non-key field): value(i) for 0 <= i < size.
struct Domain {
  enum class Kind : uint8_t { kList, kTemplate, kArea, kDate, kYear, kInteger, kPattern };
  Kind kind = Kind::kList;
  size_t field = 0;
  std::vector<std::string> list;  // kList; kArea: the --areas ids (extended when needed)
  Template tmpl;
  std::string pattern;  // kPattern
  Date start;
  int stepYears = 0, stepMonths = 0, stepDays = 0;
  int64_t intStart = 0, intStep = 1;
  bool areaLong = false;  // generated area ids may carry a "-n" suffix
  int64_t base = 1;
  int64_t capacity = 1;
  int64_t size = 0;
  int growClass = 0;  // 0: sequences, 1: finite lists with a count, 2: --areas lists
  bool listChecked = false;  // every list value was checked against the field at plan time
  std::string value(int64_t i) const;
};

struct FieldPlan {
  const Field* field = nullptr;
  Spec spec;
  int keyDim = -1;     // position in Plan::dims, or -1
  int uniqueDom = -1;  // position in Plan::uniques (unique non-key field), or -1
  bool mayBeMissing = false;
  std::string missingCell;  // written for a missing value
};

struct Plan {
  const Schema* schema = nullptr;
  std::vector<FieldPlan> fields;
  std::vector<size_t> order;  // fields in generation order (sources first)
  std::vector<Domain> dims;
  std::vector<Domain> uniques;
  std::vector<bool> groupDim;  // per dim: part of the latent group (false for byCode selectors)
  std::vector<std::string> latents;
  std::vector<int> latentDims;  // per latent: the one key dim it depends on ("latentKey"), or -1: the group
  bool tree = false;
  int treeRefDim = -1;  // the key dim the self reference points to
  std::map<std::string, std::vector<std::string>> words;  // word lists used by templates (stable addresses)
};

std::string areaId(int64_t n, bool longForm);

// Reads hints and schema into a plan; errors are German (kInvalidInput).
Result<Plan> buildPlan(const DataPackage& package, const Resource& resource, const std::filesystem::path& modelDir,
                       const nlohmann::json& hints, const SynthOptions& options);

// Template rendering needs the row's other values; see synth.cc.

}  // namespace opgv::validation::synth_detail
