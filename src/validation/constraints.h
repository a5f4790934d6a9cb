#pragma once
// Table Schema v2 constraints on logical values (data-standards.md §1.1), missing values and
// categories: everything that can be decided from one cell. `unique` needs the other rows; here
// there is only the per-value part (uniqueKey in value.h, uniqueError below), the cross-row state
// belongs to the table validator.
//
// Failures are DataErrors with code "constraint-error" (note = the constraint, e.g. "minimum") and
// a German message naming the value, the constraint and its limit:
//   „5“ ist kleiner als das Minimum 10 (Bedingung „minimum“).
//
// `pattern` costs: the expression is compiled once per field (std::wregex, ECMAScript syntax) and
// matched over the UTF-32 form of the cell, so "." and [äöü] mean one character, not one byte. A
// match converts the cell (one allocation) and runs libstdc++'s breadth-first executor, which is
// linear in the cell length and does not recurse per character (the default executor overflows
// the stack on cells of a few ten thousand characters). Measured: about 0.3 µs for an 8-digit AGS
// against "[0-9]{8}", ten times the rest of the cell's pipeline (bench/cast_bench.cc,
// BM_ReadCellAgsWithPattern). Back-references are therefore not available; XML-Schema-only syntax
// (\p{L}, \i, \c, character class subtraction) is rejected when the schema is read.
//
// `jsonSchema` (object and array fields) is validated with valijson, JSON Schema draft 7. Remote
// $ref cannot be fetched and make the schema invalid.
#include <compare>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/result.h"
#include "validation/cast.h"
#include "validation/value.h"

namespace opgv::validation {

struct Field;

class PatternMatcher {
 public:
  // nullptr and a German explanation in `error` if the expression cannot be compiled.
  static std::shared_ptr<const PatternMatcher> compile(std::string_view pattern, std::string* error);
  // Implicitly anchored: the whole cell has to match.
  bool matches(std::string_view text) const;
  const std::string& text() const { return text_; }
  ~PatternMatcher();

 private:
  struct Impl;
  PatternMatcher() = default;
  std::string text_;
  std::unique_ptr<Impl> impl_;
};

class JsonSchemaCheck {
 public:
  static std::shared_ptr<const JsonSchemaCheck> compile(const nlohmann::json& schema, std::string* error);
  // nullopt when valid; otherwise where it failed ("/adresse/plz") and valijson's description.
  std::optional<std::string> firstViolation(const nlohmann::json& value) const;
  ~JsonSchemaCheck();

 private:
  struct Impl;
  JsonSchemaCheck() = default;
  std::unique_ptr<Impl> impl_;
};

// The constraints of one field with their limits already cast to the field's type.
struct Constraints {
  bool required = false;
  bool unique = false;
  std::optional<uint64_t> minLength;
  std::optional<uint64_t> maxLength;
  std::optional<Value> minimum;
  std::optional<Value> maximum;
  std::optional<Value> exclusiveMinimum;
  std::optional<Value> exclusiveMaximum;
  std::shared_ptr<const PatternMatcher> pattern;
  std::optional<std::vector<Value>> enumValues;
  // The same values as a hash set when they are all strings (a code list of dozens of codes is
  // then one lookup per cell instead of one comparison per code).
  std::shared_ptr<const std::unordered_set<std::string>> stringEnum;
  std::shared_ptr<const JsonSchemaCheck> jsonSchema;
  nlohmann::json jsonSchemaDescriptor;
};

// Reads the `constraints` object of `field` (type, cast spec and categories must be set already).
// Problems are appended to `errors` with JSON pointers below `pointer` ("/fields/3/constraints").
Constraints parseConstraints(const nlohmann::json& constraints, const Field& field, const std::string& pointer,
                             std::vector<FieldError>& errors);

// Is the raw cell one of the field's missing values (compared before casting, §1.1)?
bool isMissingValue(const Field& field, std::string_view cell);

// One cell of one field: missing value → null (constraint-error if required), otherwise cast
// (type-error), categories and every constraint except unique (constraint-error).
std::expected<Value, DataError> readCell(const Field& field, std::string_view cell);

// Categories and constraints for an already cast, non-null value; `cell` is shown in messages.
std::optional<DataError> checkValue(const Field& field, const Value& value, std::string_view cell);

// Position of `value` in the field's categories, if it is one.
std::optional<size_t> categoryIndex(const Field& field, const Value& value);
// The field's natural order: category order for categoriesOrdered, otherwise compare().
std::partial_ordering compareInField(const Field& field, const Value& a, const Value& b);

// unique-error for a value first seen in row `firstRow` (1-based, as in Frictionless reports).
DataError uniqueError(const Field& field, std::string_view cell, uint64_t firstRow);

}  // namespace opgv::validation
