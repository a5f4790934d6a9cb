// libFuzzer target for casting single cells (cast.h) and readCell (constraints.h).
//
// Input layout: byte 0 picks the field (type, format and options such as decimalChar/groupChar,
// German conventions, a strptime pattern, list itemType/delimiter, geopoint format), byte 1 picks
// constraints, missingValues and categories; the rest is the cell. For the "pattern from input"
// fields the rest is "<pattern>\x1f<cell>".
//
// The field is built the way a schema declares it (parseSchema of a field descriptor), so the
// formats go through setFormat and the constraints through parseConstraints. Properties (abort on
// violation):
//  - readCell agrees with isMissingValue, castCell and checkValue;
//  - round trip: a successful cast rendered with toText (the canonical text, value.h) and cast again
//    with the default format of the type gives an equal value (compare() == 0, and the same
//    uniqueKey when the kinds are the same, for lists item by item). Skipped where toText is not
//    canonical for the value: NaN (never equal to itself) and list items whose text contains the
//    list delimiter ",". List itemType and the GeoJSON/TopoJSON choice are kept: they define the
//    value space, not the notation;
//  - notation round trip for the built-in fields: formatValue (the field's own notation, used
//    for limits in messages) cast again with the field's spec gives an equal value (number,
//    integer, boolean, date, time, datetime; %f keeps microseconds only, so nanoseconds are
//    skipped there).
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "fuzz_common.h"
#include "validation/cast.h"
#include "validation/constraints.h"
#include "validation/schema.h"

namespace {

using namespace opgv::validation;
using json = nlohmann::json;
using opgv::fuzz::OptionBytes;

struct FieldConfig {
  const char* descriptor;  // the field without name and constraints
  bool german = false;     // germanDefaults() instead of frictionlessDefaults()
  bool patternFromInput = false;
};

// clang-format off
const FieldConfig kFields[] = {
  {R"({"type":"string"})"},
  {R"({"type":"string","format":"email"})"},
  {R"({"type":"string","format":"uri"})"},
  {R"({"type":"string","format":"binary"})"},
  {R"({"type":"string","format":"uuid"})"},
  {R"({"type":"number"})"},
  {R"({"type":"number"})", true},
  {R"({"type":"number","decimalChar":",","groupChar":".","bareNumber":false})"},
  {R"({"type":"number","groupChar":","})"},
  {R"({"type":"number","decimalChar":",","groupChar":" "})"},
  {R"({"type":"number","groupChar":"'","bareNumber":false})"},
  {R"({"type":"number","decimalChar":"."})", true},
  {R"({"type":"integer"})"},
  {R"({"type":"integer"})", true},
  {R"({"type":"integer","bareNumber":false})"},
  {R"({"type":"integer","groupChar":","})"},
  {R"({"type":"boolean"})"},
  {R"({"type":"boolean"})", true},
  {R"({"type":"boolean","trueValues":["Y","yes","x"],"falseValues":["N","no",""]})"},
  {R"({"type":"date"})"},
  {R"({"type":"date"})", true},
  {R"({"type":"date","format":"any"})"},
  {R"({"type":"date","format":"%d.%m.%Y"})"},
  {R"({"type":"date","format":"%d.%m.%y"})"},
  {R"({"type":"date","format":"%d. %B %Y"})"},
  {R"({"type":"date","format":"%b %d, %Y"})"},
  {R"({"type":"date","format":"%A, %d.%m.%Y"})"},
  {R"({"type":"date","format":"%j/%Y"})"},
  {R"({"type":"date","format":"%Y%m%d"})"},
  {R"({"type":"time"})"},
  {R"({"type":"time"})", true},
  {R"({"type":"time","format":"any"})"},
  {R"({"type":"time","format":"%H:%M"})"},
  {R"({"type":"time","format":"%I:%M %p"})"},
  {R"({"type":"time","format":"%H:%M:%S.%f"})"},
  {R"({"type":"time","format":"%H:%M%z"})"},
  {R"({"type":"time","format":"%H.%M Uhr"})"},
  {R"({"type":"datetime"})"},
  {R"({"type":"datetime"})", true},
  {R"({"type":"datetime","format":"any"})"},
  {R"({"type":"datetime","format":"%d.%m.%Y %H:%M"})"},
  {R"({"type":"datetime","format":"%Y-%m-%dT%H:%M:%S%z"})"},
  {R"({"type":"datetime","format":"%d.%m.%Y %H:%M:%S"})"},
  {R"({"type":"datetime","format":"%a, %d %b %Y %H:%M:%S %z"})"},
  {R"({"type":"year"})"},
  {R"({"type":"yearmonth"})"},
  {R"({"type":"duration"})"},
  {R"({"type":"geopoint"})"},
  {R"({"type":"geopoint","format":"array"})"},
  {R"({"type":"geopoint","format":"object"})"},
  {R"({"type":"geojson"})"},
  {R"({"type":"geojson","format":"topojson"})"},
  {R"({"type":"object"})"},
  {R"({"type":"array"})"},
  {R"({"type":"list"})"},
  {R"({"type":"list","itemType":"integer","delimiter":";"})"},
  {R"({"type":"list","itemType":"number"})"},
  {R"({"type":"list","itemType":"boolean","delimiter":"|"})"},
  {R"({"type":"list","itemType":"date","delimiter":";"})"},
  {R"({"type":"list","itemType":"time"})"},
  {R"({"type":"list","itemType":"datetime","delimiter":" | "})"},
  {R"({"type":"any"})"},
  {R"({})"},
  {R"({"type":"date"})", false, true},
  {R"({"type":"time"})", true, true},
  {R"({"type":"datetime"})", false, true},
};
// clang-format on
constexpr size_t kFieldCount = sizeof(kFields) / sizeof(kFields[0]);

// Limits per type for the range constraints; strings a descriptor would use.
json rangeLimits(FieldType type, bool exclusive) {
  const char* lo = exclusive ? "exclusiveMinimum" : "minimum";
  const char* hi = exclusive ? "exclusiveMaximum" : "maximum";
  switch (type) {
    case FieldType::kInteger: return {{lo, -1000}, {hi, 1000000}};
    case FieldType::kNumber: return {{lo, 0.5}, {hi, "1000000"}};
    case FieldType::kDate: return {{lo, "2000-01-01"}, {hi, "2030-12-31"}};
    case FieldType::kTime: return {{lo, "08:00:00"}, {hi, "18:00:00+01:00"}};
    case FieldType::kDatetime: return {{lo, "2000-01-01T00:00:00"}, {hi, "2030-12-31T23:59:59Z"}};
    case FieldType::kYear: return {{lo, 2000}, {hi, "2030"}};
    case FieldType::kYearmonth: return {{lo, "2000-01"}, {hi, "2030-12"}};
    case FieldType::kDuration: return {{lo, "P0D"}, {hi, "P1Y2M"}};
    default: return {{lo, "b"}};
  }
}

json constraintsFor(unsigned variant, FieldType type, const CastSpec& spec) {
  switch (variant % 8) {
    case 0: return nullptr;
    case 1: return {{"required", true}, {"unique", true}};
    case 2: return {{"minLength", 2}, {"maxLength", 12}};
    case 3: return {{"pattern", "[0-9]{5}|[A-ZÄÖÜ][a-zäöüß]+(-[A-Z][a-z]+)?|.*@.*"}};
    case 4: return {{"enum", json::array({exampleFor(spec), "1", 1, true, "2024-12-31", "ja"})}};
    case 5: return rangeLimits(type, false);
    case 6: return rangeLimits(type, true);
    case 7:
      if (type == FieldType::kArray)
        return {{"jsonSchema", {{"type", "array"}, {"items", {{"type", "integer"}, {"minimum", 0}}}, {"maxItems", 5}}}};
      return {{"jsonSchema",
               {{"type", "object"},
                {"required", {"name"}},
                {"properties", {{"name", {{"type", "string"}, {"pattern", "^[A-Z]"}}}, {"plz", {{"type", "integer"}}}}}}}};
  }
  return nullptr;
}

std::optional<Field> buildField(const json& descriptor, bool german) {
  SchemaOptions options;
  options.defaults = german ? germanDefaults() : frictionlessDefaults();
  auto schema = parseSchema(json{{"fields", json::array({descriptor})}}, options);
  if (!schema || schema->fields.size() != 1) return std::nullopt;
  return std::move(schema->fields.front());
}

bool hasNaN(const Value& v) {
  if (v.kind() == Value::Kind::kNumber) return std::isnan(v.asNumber());
  if (v.kind() == Value::Kind::kList)
    for (const auto& item : v.asList())
      if (hasNaN(item)) return true;
  return false;
}

// Is toText(v) read back by the default format of the type as the same value? See the header.
bool canonicalTextRoundTrips(const Value& v) {
  if (hasNaN(v)) return false;
  if (v.kind() == Value::Kind::kList)
    for (const auto& item : v.asList())
      if (toText(item).find(',') != std::string::npos) return false;
  return true;
}

// Same kind, for lists item by item. A double (more than 18 significant digits) and a decimal can
// compare equal (compare() goes through double there) but keep different unique keys, so the key
// property only holds between values of the same kinds.
bool sameKinds(const Value& a, const Value& b) {
  if (a.kind() != b.kind()) return false;
  if (a.kind() != Value::Kind::kList) return true;
  if (a.asList().size() != b.asList().size()) return false;
  for (size_t i = 0; i < a.asList().size(); ++i)
    if (!sameKinds(a.asList()[i], b.asList()[i])) return false;
  return true;
}

std::string describe(const Value& v) { return std::string(kindName(v.kind())) + " " + toText(v) + " key=" + uniqueKey(v); }

void checkRoundTrip(const Field& field, const Value& v, std::string_view input) {
  if (!canonicalTextRoundTrips(v)) return;
  const std::string text = toText(v);
  CastSpec def = makeCastSpec(field.type());
  def.list.itemType = field.cast.list.itemType;  // the value space of a list, not its notation
  def.geojson = field.cast.geojson;              // GeoJSON vs. TopoJSON likewise
  auto again = castCell(def, text);
  if (!again) opgv::fuzz::violated("toText → castCell(default) liest den Wert wieder", input, describe(v), again.error().message);
  if (compare(v, *again) != 0) opgv::fuzz::violated("toText → castCell(default) gibt einen gleichen Wert", input, describe(v), describe(*again));
  if (sameKinds(v, *again) && uniqueKey(v) != uniqueKey(*again))
    opgv::fuzz::violated("gleiche Werte haben den gleichen uniqueKey", input, describe(v), describe(*again));
}

bool hasFraction(const Value& v) {
  if (v.kind() == Value::Kind::kTime) return v.asTime().nanosecond % 1000 != 0;
  if (v.kind() == Value::Kind::kDateTime) return v.asDateTime().time.nanosecond % 1000 != 0;
  return false;
}

void checkNotation(const Field& field, const Value& v, std::string_view input) {
  switch (field.type()) {
    case FieldType::kNumber:
    case FieldType::kInteger:
    case FieldType::kBoolean:
    case FieldType::kDate:
    case FieldType::kTime:
    case FieldType::kDatetime: break;
    default: return;
  }
  if (hasNaN(v) || hasFraction(v)) return;
  const std::string text = formatValue(v, field.cast);
  auto again = castCell(field.cast, text);
  if (!again) opgv::fuzz::violated("formatValue → castCell(Feld) liest den Wert wieder", input, describe(v) + " als " + text, again.error().message);
  if (compare(v, *again) != 0)
    opgv::fuzz::violated("formatValue → castCell(Feld) gibt einen gleichen Wert", input, describe(v) + " als " + text, describe(*again));
}

void checkReadCell(const Field& field, std::string_view cell, std::string_view input) {
  auto read = readCell(field, cell);
  if (isMissingValue(field, cell)) {
    if (read) FUZZ_CHECK(read->isNull() && !field.constraints.required, input);
    else FUZZ_CHECK(field.constraints.required && read.error().code == kConstraintError, input);
    return;
  }
  auto cast = castCell(field.cast, cell);
  if (!cast) {
    FUZZ_CHECK(!read && read.error().code == kTypeError && read.error().message == cast.error().message, input);
    return;
  }
  const auto problem = checkValue(field, *cast, cell);
  if (read) {
    FUZZ_CHECK(!problem && read->kind() == cast->kind() && uniqueKey(*read) == uniqueKey(*cast), input);
  } else {
    FUZZ_CHECK(problem && read.error().code == kConstraintError && problem->message == read.error().message, input);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const OptionBytes options(input, 2);
  const FieldConfig& config = kFields[options[0] % kFieldCount];
  const unsigned variant = options[1];
  std::string_view cell = options.rest();

  json descriptor = json::parse(config.descriptor);
  descriptor["name"] = "feld";
  if (config.patternFromInput) {
    const size_t split = cell.find('\x1f');
    descriptor["format"] = std::string(cell.substr(0, split));
    cell = split == std::string_view::npos ? std::string_view() : cell.substr(split + 1);
  }
  if ((variant >> 3) & 1) descriptor["missingValues"] = json::array({"", "-", "NA", "k. A."});
  if ((variant >> 4) & 1) {
    const std::string type = descriptor.value("type", "any");
    if (type == "string") descriptor["categories"] = json::array({"a", {{"value", "B"}, {"label", "Be"}}, "1"});
    if (type == "integer") descriptor["categories"] = json::array({1, 2, {{"value", 1000}, {"label", "tausend"}}});
    descriptor["categoriesOrdered"] = ((variant >> 5) & 1) != 0;
  }

  // The plain field first; it always parses, except for a fuzz-chosen pattern that is invalid
  // (categories that do not fit the format, such as "a" for an email field, are dropped).
  auto plain = buildField(descriptor, config.german);
  if (!plain && descriptor.contains("categories")) {
    descriptor.erase("categories");
    descriptor.erase("categoriesOrdered");
    plain = buildField(descriptor, config.german);
  }
  if (!plain) {
    FUZZ_CHECK(config.patternFromInput, input);
    return 0;
  }
  const json constraints = constraintsFor(variant, plain->type(), plain->cast);
  std::optional<Field> constrained;
  if (!constraints.is_null()) {
    json withConstraints = descriptor;
    withConstraints["constraints"] = constraints;
    constrained = buildField(withConstraints, config.german);
  }
  const Field& field = constrained ? *constrained : *plain;

  auto cast = castCell(field.cast, cell);
  if (cast) {
    (void)formatValue(*cast, field.cast);
    (void)toJson(*cast);
    checkRoundTrip(field, *cast, input);
    if (!config.patternFromInput) checkNotation(field, *cast, input);
  } else {
    FUZZ_CHECK(cast.error().code == kTypeError && !cast.error().message.empty(), input);
  }
  checkReadCell(field, cell, input);
  (void)displayCell(cell);
  return 0;
}
