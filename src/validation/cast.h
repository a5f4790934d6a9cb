#pragma once
// Casting one cell (the raw string from a CSV) to the logical value of its Table Schema v2 type
// (data-standards.md §1.1). Every failure is a DataError with code "type-error" and a German
// message that names the value, the expected type and a valid example:
//   „31.02.2024“ ist kein gültiges Datum (erwartet z. B. 31.12.2024). Den 31. Februar gibt es nicht.
//
// Speed: numbers, integers, booleans and dates (default, pattern) are parsed by hand with
// std::from_chars and fixed stack buffers. No std::regex anywhere, and a successful cast of those
// kinds does not allocate; only the error path builds strings. Patterns ("%d.%m.%Y") are compiled
// once per field into a token list.
//
// Deliberate differences from frictionless-py, all on the strict side:
//  * groupChar must separate groups of three digits ("1.234.567"); "3.5" with groupChar "." is a
//    type error instead of silently becoming 35.
//  * integers are int64; anything larger is a type error.
//  * years are 0001–9999 (Python's datetime range) and dates, times and datetimes are checked
//    against the calendar (no 31 February, 29 February only in leap years, no 24:00 or leap second).
#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "validation/value.h"

namespace opgv::validation {

enum class FieldType : uint8_t {
  kString, kNumber, kInteger, kBoolean, kObject, kArray, kList, kDatetime, kDate, kTime, kYear,
  kYearmonth, kDuration, kGeopoint, kGeojson, kAny,
};
std::string_view fieldTypeName(FieldType type);
std::optional<FieldType> parseFieldType(std::string_view name);

enum class StringFormat : uint8_t { kDefault, kEmail, kUri, kBinary, kUuid };
enum class GeoPointFormat : uint8_t { kDefault, kArray, kObject };
enum class GeoJsonFormat : uint8_t { kDefault, kTopoJson };

struct NumberFormat {
  std::string decimalChar = ".";
  std::string groupChar;  // empty: no grouping allowed
  bool bareNumber = true; // false: leading/trailing non-numeric text ("95 %", "€ 95") is stripped
};

struct BooleanFormat {
  std::vector<std::string> trueValues{"true", "True", "TRUE", "1"};
  std::vector<std::string> falseValues{"false", "False", "FALSE", "0"};
};

// A strptime pattern compiled once. Supported directives (as Python's strptime unless noted):
// %Y %y %m %d %H %I %p %M %S %f (1–9 digits) %z (Z, ±hh:mm, ±hhmm) %j %b %B %h (English and
// German month names) %a %A (weekday names, read and ignored) %%. Whitespace in the pattern
// matches one or more whitespace characters, letters match case-insensitively.
class TemporalPattern {
 public:
  struct Token {
    char directive = 0;  // 0: literal text, ' ': whitespace run, otherwise the directive letter
    std::string literal;
  };
  // nullopt and a German explanation in `error` for unknown directives or a pattern without any.
  static std::optional<TemporalPattern> compile(std::string_view pattern, std::string* error);
  const std::string& text() const { return text_; }
  const std::vector<Token>& tokens() const { return tokens_; }
  bool hasDate() const { return hasDate_; }
  bool hasTime() const { return hasTime_; }

 private:
  std::string text_;
  std::vector<Token> tokens_;
  bool hasDate_ = false;
  bool hasTime_ = false;
};

// date, time and datetime: "default" (XML Schema / ISO 8601), "any" (ISO and common German forms,
// never the ambiguous d/m/y with slashes) or a pattern.
struct TemporalFormat {
  enum class Kind : uint8_t { kDefault, kAny, kPattern };
  Kind kind = Kind::kDefault;
  TemporalPattern pattern;  // only for kPattern
};

struct ListFormat {
  std::string delimiter = ",";
  FieldType itemType = FieldType::kString;  // string, integer, boolean, number, datetime, date, time
};

// Everything needed to cast the cells of one field; built once by the schema parser (or
// makeCastSpec) and then only read, so one spec can be shared by threads.
struct CastSpec {
  FieldType type = FieldType::kAny;
  StringFormat stringFormat = StringFormat::kDefault;
  NumberFormat number;
  BooleanFormat boolean;
  TemporalFormat temporal;
  GeoPointFormat geopoint = GeoPointFormat::kDefault;
  GeoJsonFormat geojson = GeoJsonFormat::kDefault;
  ListFormat list;
};

// What applies where a schema says nothing: number separators, boolean words, temporal formats
// (a format string as in a descriptor: "default", "any" or a pattern) and the schema-level
// missingValues.
struct Conventions {
  NumberFormat number;
  BooleanFormat boolean;
  std::string dateFormat = "default";
  std::string timeFormat = "default";
  std::string datetimeFormat = "default";
  std::vector<std::string> missingValues{""};
};
// The Table Schema defaults.
Conventions frictionlessDefaults();
// German conventions: decimalChar ",", groupChar ".", dates "%d.%m.%Y" (31.12.2024), times and
// datetimes "any" (14:30, 14:30:00, 31.12.2024 14:30 and the ISO forms), booleans
// ja/nein, wahr/falsch, j/n, 1/0 (also capitalised and upper case). missingValues stay [""]:
// "-" or "." mean different things in different statistics, so a schema has to say so.
Conventions germanDefaults();

// A spec for `type` with the conventions' defaults and format "default" for the type, except
// date/time/datetime, which take the conventions' format.
CastSpec makeCastSpec(FieldType type, const Conventions& conventions = frictionlessDefaults());
// Applies a descriptor format ("default", "email", "any", "%d.%m.%Y", "array", ...) to `spec`.
// A German message in `error` if the format does not exist for the type.
bool setFormat(CastSpec& spec, std::string_view format, std::string* error);

using CastResult = std::expected<Value, DataError>;

CastResult castString(std::string_view cell, StringFormat format = StringFormat::kDefault);
CastResult castNumber(std::string_view cell, const NumberFormat& format = {});
CastResult castInteger(std::string_view cell, const NumberFormat& format = {});
CastResult castBoolean(std::string_view cell, const BooleanFormat& format = {});
CastResult castDate(std::string_view cell, const TemporalFormat& format = {});
CastResult castTime(std::string_view cell, const TemporalFormat& format = {});
CastResult castDatetime(std::string_view cell, const TemporalFormat& format = {});
CastResult castYear(std::string_view cell);
CastResult castYearmonth(std::string_view cell);
CastResult castDuration(std::string_view cell);
CastResult castGeopoint(std::string_view cell, GeoPointFormat format = GeoPointFormat::kDefault);
CastResult castGeojson(std::string_view cell, GeoJsonFormat format = GeoJsonFormat::kDefault);
CastResult castObject(std::string_view cell);
CastResult castArray(std::string_view cell);
CastResult castList(std::string_view cell, const ListFormat& format = {});
CastResult castAny(std::string_view cell);

// Dispatch on spec.type. Missing values are not handled here (see constraints.h: readCell).
CastResult castCell(const CastSpec& spec, std::string_view cell);

// A value from a descriptor (constraint limits, enum, categories): JSON primitives as they are
// (1.5, true, [13.4, 52.5]) or strings in the field's notation. For date/time/datetime a string in
// the ISO form is accepted as well, so a German field may say "minimum": "2020-01-01".
CastResult castJsonValue(const CastSpec& spec, const nlohmann::json& value);

// A valid example in the spec's notation ("1.234,56", "31.12.2024"), as used in messages.
std::string exampleFor(const CastSpec& spec);
// A value written the way the spec reads it (decimal comma, date pattern); used to show limits in
// constraint messages. Falls back to toText where the spec has no notation of its own.
std::string formatValue(const Value& value, const CastSpec& spec);
// The cell as shown inside „…“ in messages: invalid UTF-8 and control characters replaced, long
// values shortened.
std::string displayCell(std::string_view cell);

}  // namespace opgv::validation
