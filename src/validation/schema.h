#pragma once
// Frictionless Table Schema v2 and the parts of Data Package v2 the validator needs
// (data-standards.md §1.1, §1.3), read from JSON descriptors into a typed model.
//
// Errors: parseSchema/parsePackage collect every problem instead of stopping at the first, as
// Error{kInvalidInput} (kMalformed for text that is not JSON) whose `fields` hold one FieldError
// per problem: `field` is the JSON pointer into the descriptor ("/fields/2/type"), `message` is
// German. `internal` carries the Frictionless error type ("schema-error" or "package-error").
//
// Where a descriptor is silent, SchemaOptions::defaults decide: frictionlessDefaults() gives the
// spec's defaults, germanDefaults() lets a schema written for German data leave out decimalChar,
// groupChar, trueValues/falseValues and the date format.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/result.h"
#include "validation/cast.h"
#include "validation/constraints.h"
#include "validation/value.h"

namespace opgv::validation {

inline constexpr std::string_view kSchemaError = "schema-error";
inline constexpr std::string_view kPackageError = "package-error";

struct MissingValue {
  std::string value;
  std::string label;
};

struct Category {
  Value value;
  std::string label;  // empty if the descriptor gave plain values
};

struct Field {
  std::string name;
  std::string title;
  std::string description;
  std::string format = "default";  // as written, without a v0 "fmt:" prefix
  CastSpec cast;
  Constraints constraints;
  std::vector<MissingValue> missingValues;  // effective list: the field's own or the schema's
  bool ownMissingValues = false;
  std::vector<Category> categories;
  // String categories by value, for a lookup per cell instead of a scan (code lists have dozens).
  std::shared_ptr<const std::unordered_map<std::string, size_t>> stringCategoryIndex;
  bool categoriesOrdered = false;
  bool inPrimaryKey = false;  // implies constraints.required
  nlohmann::json descriptor;  // as written: example, rdfType and additional properties live here

  FieldType type() const { return cast.type; }
};

enum class FieldsMatch : uint8_t { kExact, kEqual, kSubset, kSuperset, kPartial };
std::string_view fieldsMatchName(FieldsMatch match);

struct ForeignKey {
  std::vector<std::string> fields;
  std::string resource;  // empty: the same resource (a v1 "" means the same)
  std::vector<std::string> referenceFields;
  size_t position = 0;                 // index in the descriptor's foreignKeys (invalid ones are left out)
  bool referenceFieldsAsList = true;   // written as a list (not a single string)
  bool selfReference() const { return resource.empty(); }
};

struct Schema {
  std::string profile;  // $schema
  std::vector<Field> fields;
  std::vector<MissingValue> missingValues{{"", ""}};
  std::vector<std::string> primaryKey;
  std::vector<std::vector<std::string>> uniqueKeys;
  std::vector<ForeignKey> foreignKeys;
  FieldsMatch fieldsMatch = FieldsMatch::kExact;
  nlohmann::json descriptor;

  // First field with that name (v1 allowed duplicates).
  const Field* field(std::string_view name) const;
  std::optional<size_t> fieldIndex(std::string_view name) const;
};

struct SchemaOptions {
  Conventions defaults = frictionlessDefaults();
};

// Deepest nesting accepted in descriptor text (parseSchemaText, parsePackageText).
inline constexpr int kMaxJsonDepth = 64;

// Two names, not overloads: nlohmann::json converts implicitly from strings, so an overload on
// std::string_view would make parseSchema(std::string) ambiguous.
Result<Schema> parseSchema(const nlohmann::json& descriptor, const SchemaOptions& options = {});
Result<Schema> parseSchemaText(std::string_view jsonText, const SchemaOptions& options = {});

struct Resource {
  std::string name;
  std::optional<Schema> schema;  // only inline schemas are read in this step
  nlohmann::json descriptor;
};

struct DataPackage {
  std::string name;
  std::vector<Resource> resources;
  nlohmann::json descriptor;

  const Resource* resource(std::string_view name) const;
};

// Reads resources (unique names) and their inline schemas and checks that every foreign key points
// to an existing resource and existing fields with the same number of fields. Cycles are allowed
// here; detectForeignKeyCycles reports them.
Result<DataPackage> parsePackage(const nlohmann::json& descriptor, const SchemaOptions& options = {});
Result<DataPackage> parsePackageText(std::string_view jsonText, const SchemaOptions& options = {});

// Foreign keys between resources must form no cycle: a referenced table has to be validated (and
// loaded) before the tables that point to it, and a cycle leaves no such order. A resource that
// references itself (parent_id → id) is fine and not reported. One FieldError per cycle, at the
// foreign key that closes it, with the path "a → b → c → a".
Status detectForeignKeyCycles(const DataPackage& package);

// Maps the header row of a data file onto the schema according to fieldsMatch. Label problems
// are DataErrors with the Frictionless codes missing-label, extra-label and incorrect-label.
struct HeaderMapping {
  std::vector<std::optional<size_t>> columnOfField;  // per schema field: its column, if any
  std::vector<std::optional<size_t>> fieldOfColumn;  // per column: its schema field, if any
  std::vector<DataError> errors;
};
HeaderMapping mapHeader(const Schema& schema, const std::vector<std::string>& labels);

}  // namespace opgv::validation
