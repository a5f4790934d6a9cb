// libFuzzer target for the descriptor side of the validation engine: Table Schema and Data Package
// JSON (fields, formats, constraints incl. pattern and jsonSchema, categories, missingValues, keys),
// foreign-key cycles, header mapping, Table Dialect descriptors, and readCell with the parsed fields.
//
// The whole input is JSON text (see fuzz/dictionaries/schema.dict). Properties (abort on violation):
//  - parse errors carry a message and at least one FieldError;
//  - a parsed package has consistent foreign keys (same number of fields on both sides, every field
//    named exists) and detectForeignKeyCycles reports a cycle exactly when a topological order of
//    the resources does not exist (checked with Kahn's algorithm);
//  - primary-key fields are required;
//  - mapHeader: columnOfField and fieldOfColumn are inverse; the field names as header give no
//    label errors (unique names, any fieldsMatch; exact also with duplicates); a permutation of them
//    gives exactly one incorrect-label per moved column under exact and no errors under the other
//    modes; a truncated header gives the missing-label errors each mode promises;
//  - readCell agrees with isMissingValue, castCell and checkValue (null, type-error with the cast
//    message, constraint-error, or the cast value);
//  - a Table Dialect that parses validates and survives dialectToJson → parseDialect unchanged.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "fuzz_common.h"
#include "validation/constraints.h"
#include "validation/dialect.h"
#include "validation/schema.h"

namespace {

using namespace opgv::validation;
using json = nlohmann::json;

constexpr size_t kMaxCells = 12;
constexpr size_t kMaxCellBytes = 256;

uint64_t hashOf(std::string_view s) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

void collectStrings(const json& j, std::vector<std::string>& out, int depth = 0) {
  if (out.size() >= kMaxCells || depth > 16) return;
  if (j.is_string()) {
    const auto& s = j.get_ref<const std::string&>();
    if (s.size() <= kMaxCellBytes) out.push_back(s);
  } else if (j.is_structured()) {
    for (const auto& item : j) collectStrings(item, out, depth + 1);
  } else if (j.is_number()) {
    out.push_back(j.dump());
  }
}

void checkErrorShape(const opgv::Error& error, std::string_view input) {
  FUZZ_CHECK(!error.message.empty(), input);
  FUZZ_CHECK(!error.fields.empty(), input);
  for (const auto& field : error.fields) FUZZ_CHECK(!field.message.empty(), input);
}

size_t countCode(const HeaderMapping& m, std::string_view code) {
  return static_cast<size_t>(std::count_if(m.errors.begin(), m.errors.end(),
                                           [&](const DataError& e) { return e.code == code; }));
}

void checkMappingShape(const Schema& schema, const std::vector<std::string>& labels, const HeaderMapping& m,
                       std::string_view input) {
  FUZZ_CHECK(m.columnOfField.size() == schema.fields.size(), input);
  FUZZ_CHECK(m.fieldOfColumn.size() == labels.size(), input);
  for (size_t f = 0; f < m.columnOfField.size(); ++f) {
    if (!m.columnOfField[f]) continue;
    const size_t c = *m.columnOfField[f];
    FUZZ_CHECK(c < labels.size() && m.fieldOfColumn[c] == f, input);
  }
  for (size_t c = 0; c < m.fieldOfColumn.size(); ++c) {
    if (!m.fieldOfColumn[c]) continue;
    const size_t f = *m.fieldOfColumn[c];
    FUZZ_CHECK(f < schema.fields.size() && m.columnOfField[f] == c, input);
  }
  for (const auto& e : m.errors) {
    FUZZ_CHECK(e.code == kMissingLabel || e.code == kExtraLabel || e.code == kIncorrectLabel, input);
    FUZZ_CHECK(!e.message.empty(), input);
  }
}

void checkHeaderMapping(const Schema& schema, std::string_view input) {
  std::vector<std::string> names;
  for (const auto& field : schema.fields) names.push_back(field.name);
  std::vector<std::string> sorted = names;
  std::sort(sorted.begin(), sorted.end());
  const bool unique = std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end();
  const bool exact = schema.fieldsMatch == FieldsMatch::kExact;
  const size_t nf = names.size();

  const HeaderMapping same = mapHeader(schema, names);
  checkMappingShape(schema, names, same, input);
  if (exact || unique) FUZZ_CHECK(same.errors.empty(), input);
  if (exact)
    for (size_t i = 0; i < nf; ++i) FUZZ_CHECK(same.columnOfField[i] == i, input);

  // A permutation of the names, chosen by the input.
  std::vector<std::string> shuffled = names;
  uint64_t h = hashOf(input);
  for (size_t i = shuffled.size(); i > 1; --i) {
    h = h * 6364136223846793005ull + 1442695040888963407ull;
    std::swap(shuffled[i - 1], shuffled[(h >> 33) % i]);
  }
  const HeaderMapping perm = mapHeader(schema, shuffled);
  checkMappingShape(schema, shuffled, perm, input);
  if (exact) {
    size_t moved = 0;
    for (size_t i = 0; i < nf; ++i) moved += shuffled[i] != names[i];
    FUZZ_CHECK(countCode(perm, kIncorrectLabel) == moved && perm.errors.size() == moved, input);
  } else if (unique) {
    FUZZ_CHECK(perm.errors.empty(), input);
    for (size_t f = 0; f < nf; ++f)
      FUZZ_CHECK(perm.columnOfField[f] && shuffled[*perm.columnOfField[f]] == names[f], input);
  }

  // The first k names only.
  const size_t k = nf == 0 ? 0 : (h >> 17) % nf;
  std::vector<std::string> truncated(names.begin(), names.begin() + static_cast<ptrdiff_t>(k));
  const HeaderMapping cut = mapHeader(schema, truncated);
  checkMappingShape(schema, truncated, cut, input);
  if (exact || unique) {
    const size_t missing = countCode(cut, kMissingLabel);
    FUZZ_CHECK(countCode(cut, kExtraLabel) == 0 && countCode(cut, kIncorrectLabel) == 0, input);
    switch (schema.fieldsMatch) {
      case FieldsMatch::kExact:
      case FieldsMatch::kEqual:
      case FieldsMatch::kSubset: FUZZ_CHECK(missing == nf - k, input); break;
      case FieldsMatch::kSuperset: FUZZ_CHECK(missing == 0, input); break;
      case FieldsMatch::kPartial: FUZZ_CHECK(missing == (k == 0 && nf > 0 ? 1u : 0u), input); break;
    }
  }
  // Unknown columns.
  std::vector<std::string> strangers = names;
  strangers.push_back("\x01unbekannt");
  checkMappingShape(schema, strangers, mapHeader(schema, strangers), input);
}

void checkCells(const Field& field, const std::vector<std::string>& cells, std::string_view input) {
  for (const std::string& cell : cells) {
    auto read = readCell(field, cell);
    if (isMissingValue(field, cell)) {
      if (read) {
        FUZZ_CHECK(read->isNull() && !field.constraints.required, input);
      } else {
        FUZZ_CHECK(field.constraints.required && read.error().code == kConstraintError, input);
      }
      continue;
    }
    auto cast = castCell(field.cast, cell);
    if (!cast) {
      FUZZ_CHECK(!read && read.error().code == kTypeError, input);
      FUZZ_CHECK(read.error().message == cast.error().message, input);
      continue;
    }
    const auto problem = checkValue(field, *cast, cell);
    if (read) {
      FUZZ_CHECK(!problem.has_value(), input);
      FUZZ_CHECK(read->kind() == cast->kind() && uniqueKey(*read) == uniqueKey(*cast), input);
      (void)formatValue(*read, field.cast);
      (void)toJson(*read);
      if (field.constraints.unique) (void)uniqueError(field, cell, 2);
    } else {
      FUZZ_CHECK(problem.has_value() && read.error().code == kConstraintError, input);
      FUZZ_CHECK(problem->message == read.error().message, input);
    }
  }
}

void exerciseSchema(const Schema& schema, const std::vector<std::string>& cells, std::string_view input) {
  for (const auto& name : schema.primaryKey) {
    const Field* field = schema.field(name);
    FUZZ_CHECK(field && field->constraints.required && field->inPrimaryKey, input);
  }
  for (const auto& field : schema.fields) FUZZ_CHECK(!field.name.empty(), input);
  checkHeaderMapping(schema, input);
  for (const auto& field : schema.fields) {
    checkCells(field, cells, input);
    (void)exampleFor(field.cast);
  }
}

void checkPackage(const DataPackage& package, std::string_view input) {
  const size_t n = package.resources.size();
  for (size_t i = 0; i < n; ++i) {
    const Resource& r = package.resources[i];
    FUZZ_CHECK(!r.name.empty() && package.resource(r.name) == &r, input);
    if (!r.schema) continue;
    for (const ForeignKey& fk : r.schema->foreignKeys) {
      FUZZ_CHECK(!fk.fields.empty() && fk.fields.size() == fk.referenceFields.size(), input);
      for (const auto& name : fk.fields) FUZZ_CHECK(r.schema->field(name) != nullptr, input);
      const Resource* target = fk.selfReference() ? &r : package.resource(fk.resource);
      FUZZ_CHECK(target && target->schema, input);
      for (const auto& name : fk.referenceFields) FUZZ_CHECK(target->schema->field(name) != nullptr, input);
    }
  }

  // Kahn's algorithm over the references between different resources.
  std::vector<std::vector<size_t>> edges(n);
  std::vector<size_t> indegree(n, 0);
  for (size_t i = 0; i < n; ++i) {
    const auto& schema = package.resources[i].schema;
    if (!schema) continue;
    for (const ForeignKey& fk : schema->foreignKeys) {
      if (fk.selfReference() || fk.resource == package.resources[i].name) continue;
      for (size_t j = 0; j < n; ++j) {
        if (package.resources[j].name != fk.resource) continue;
        edges[i].push_back(j);
        ++indegree[j];
      }
    }
  }
  std::vector<size_t> ready;
  for (size_t i = 0; i < n; ++i)
    if (indegree[i] == 0) ready.push_back(i);
  size_t removed = 0;
  while (!ready.empty()) {
    const size_t v = ready.back();
    ready.pop_back();
    ++removed;
    for (size_t to : edges[v])
      if (--indegree[to] == 0) ready.push_back(to);
  }
  const bool acyclic = removed == n;
  const auto cycles = detectForeignKeyCycles(package);
  FUZZ_CHECK(cycles.has_value() == acyclic, input);
  if (!cycles) checkErrorShape(cycles.error(), input);
}

bool sameDialect(const Dialect& a, const Dialect& b) {
  return a.header == b.header && a.headerRows == b.headerRows && a.headerJoin == b.headerJoin &&
         a.commentRows == b.commentRows && a.commentChar == b.commentChar && a.delimiter == b.delimiter &&
         a.lineTerminator == b.lineTerminator && a.quoteChar == b.quoteChar && a.doubleQuote == b.doubleQuote &&
         a.escapeChar == b.escapeChar && a.nullSequence == b.nullSequence && a.skipInitialSpace == b.skipInitialSpace;
}

void checkDialect(const json& descriptor, std::string_view input) {
  auto dialect = parseDialect(descriptor);
  if (!dialect) {
    checkErrorShape(dialect.error(), input);
    return;
  }
  FUZZ_CHECK(validateDialect(*dialect).has_value(), input);
  auto again = parseDialect(dialectToJson(*dialect));
  FUZZ_CHECK(again && sameDialect(*dialect, *again), input);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  // Cells for readCell: strings and numbers from the input itself, plus typical values.
  std::vector<std::string> cells = {"", "1", "-0,5", "1.234,56", "2024-02-29", "31.12.2024", "14:30", "ja", "NA"};
  const json parsed = json::parse(input.begin(), input.end(), nullptr, false);
  if (!parsed.is_discarded()) {
    collectStrings(parsed, cells);
    if (parsed.is_object()) {
      checkDialect(parsed, input);
      if (auto it = parsed.find("dialect"); it != parsed.end()) checkDialect(*it, input);
    }
  }

  for (const Conventions& defaults : {frictionlessDefaults(), germanDefaults()}) {
    SchemaOptions options;
    options.defaults = defaults;
    auto schema = parseSchemaText(input, options);
    if (!schema) {
      checkErrorShape(schema.error(), input);
      if (parsed.is_discarded()) FUZZ_CHECK(schema.error().code == opgv::ErrorCode::kMalformed, input);
      continue;
    }
    FUZZ_CHECK(!parsed.is_discarded(), input);
    exerciseSchema(*schema, cells, input);
  }

  auto package = parsePackageText(input);
  if (!package) {
    checkErrorShape(package.error(), input);
    return 0;
  }
  checkPackage(*package, input);
  for (const auto& resource : package->resources) {
    if (resource.schema) exerciseSchema(*resource.schema, cells, input);
    if (auto it = resource.descriptor.find("dialect"); it != resource.descriptor.end()) checkDialect(*it, input);
  }
  return 0;
}
