// Table Schema v2 / Data Package parsing: the typed model, German errors with JSON pointers,
// foreign keys across resources and their cycles, and header mapping by fieldsMatch.
#include "validation/schema.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace opgv::validation {
namespace {

using json = nlohmann::json;

// The "Sozialraum" long table of data-standards.md §4, written the way a Kommune would.
const char* kWertSchema = R"({
  "$schema": "https://datapackage.org/profiles/2.0/tableschema.json",
  "fields": [
    {"name": "raum_id", "type": "string", "constraints": {"pattern": "[0-9]{8}"}},
    {"name": "indikator_id", "type": "string", "title": "Indikator", "description": "Kennung des Indikators"},
    {"name": "stichtag", "type": "date", "format": "%d.%m.%Y", "constraints": {"minimum": "2000-01-01"}},
    {"name": "wert", "type": "number", "decimalChar": ",", "groupChar": ".", "bareNumber": false,
     "missingValues": ["", "-", "."]},
    {"name": "status", "type": "string", "categories": ["ok", "geheimgehalten", "unplausibel"]},
    {"name": "einwohner", "type": "integer", "groupChar": ".", "constraints": {"minimum": 0}},
    {"name": "gueltig", "type": "boolean", "trueValues": ["ja"], "falseValues": ["nein"]},
    {"name": "schlagworte", "type": "list", "delimiter": ";", "itemType": "string"},
    {"name": "ort", "type": "geopoint", "format": "array", "rdfType": "https://schema.org/GeoCoordinates"},
    {"name": "bemerkung"}
  ],
  "missingValues": ["", "k.A."],
  "primaryKey": ["raum_id", "indikator_id", "stichtag"],
  "uniqueKeys": [["raum_id", "indikator_id", "stichtag"]],
  "foreignKeys": [
    {"fields": "indikator_id", "reference": {"resource": "indikator", "fields": "indikator_id"}},
    {"fields": ["raum_id"], "reference": {"resource": "", "fields": ["raum_id"]}}
  ],
  "fieldsMatch": "subset"
})";

Schema parseOk(const json& d, const SchemaOptions& options = {}) {
  auto r = parseSchema(d, options);
  if (!r) {
    std::string all;
    for (const auto& f : r.error().fields) all += f.field + ": " + f.message + "\n";
    ADD_FAILURE() << all;
    return {};
  }
  return *r;
}

// The errors of a schema that must fail, as "pointer: message" lines.
std::vector<FieldError> errorsOf(const json& d, const SchemaOptions& options = {}) {
  auto r = parseSchema(d, options);
  if (r) {
    ADD_FAILURE() << "accepted: " << d.dump();
    return {};
  }
  EXPECT_EQ(r.error().internal, "schema-error");
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput);
  return r.error().fields;
}

const FieldError* at(const std::vector<FieldError>& errors, std::string_view pointer) {
  for (const auto& e : errors)
    if (e.field == pointer) return &e;
  return nullptr;
}

json oneField(json field) { return json{{"fields", json::array({std::move(field)})}}; }

// ---------------------------------------------------------------------------------------------

TEST(SchemaParse, FullMunicipalSchema) {
  Schema s = parseOk(json::parse(kWertSchema));
  ASSERT_EQ(s.fields.size(), 10u);
  EXPECT_EQ(s.profile, "https://datapackage.org/profiles/2.0/tableschema.json");
  EXPECT_EQ(s.fields[0].type(), FieldType::kString);
  ASSERT_TRUE(s.fields[0].constraints.pattern);
  EXPECT_EQ(s.fields[1].title, "Indikator");
  EXPECT_EQ(s.fields[1].description, "Kennung des Indikators");
  EXPECT_EQ(s.fields[2].cast.temporal.kind, TemporalFormat::Kind::kPattern);
  EXPECT_EQ(s.fields[2].format, "%d.%m.%Y");
  EXPECT_EQ(s.fields[2].constraints.minimum->asDate(), (Date{2000, 1, 1}));
  EXPECT_EQ(s.fields[3].cast.number.decimalChar, ",");
  EXPECT_EQ(s.fields[3].cast.number.groupChar, ".");
  EXPECT_FALSE(s.fields[3].cast.number.bareNumber);
  EXPECT_TRUE(s.fields[3].ownMissingValues);
  EXPECT_EQ(s.fields[3].missingValues.size(), 3u);
  EXPECT_EQ(s.fields[4].categories.size(), 3u);
  EXPECT_EQ(s.fields[5].constraints.minimum->asInteger(), 0);
  EXPECT_EQ(s.fields[6].cast.boolean.trueValues, std::vector<std::string>{"ja"});
  EXPECT_EQ(s.fields[7].cast.list.delimiter, ";");
  EXPECT_EQ(s.fields[8].cast.geopoint, GeoPointFormat::kArray);
  EXPECT_EQ(s.fields[8].descriptor["rdfType"], "https://schema.org/GeoCoordinates");
  EXPECT_EQ(s.fields[9].type(), FieldType::kAny);  // §1.1: no type means any
  EXPECT_EQ(s.fields[9].missingValues.size(), 2u);  // the schema's list
  EXPECT_EQ(s.missingValues[1].value, "k.A.");
  EXPECT_EQ(s.primaryKey, (std::vector<std::string>{"raum_id", "indikator_id", "stichtag"}));
  EXPECT_TRUE(s.fields[0].inPrimaryKey);
  EXPECT_TRUE(s.fields[0].constraints.required);  // primary key implies required
  EXPECT_FALSE(s.fields[3].constraints.required);
  ASSERT_EQ(s.uniqueKeys.size(), 1u);
  ASSERT_EQ(s.foreignKeys.size(), 2u);
  EXPECT_EQ(s.foreignKeys[0].resource, "indikator");
  EXPECT_EQ(s.foreignKeys[0].fields, std::vector<std::string>{"indikator_id"});  // v1 single string
  EXPECT_TRUE(s.foreignKeys[1].selfReference());  // v1 "" means the same resource
  EXPECT_EQ(s.fieldsMatch, FieldsMatch::kSubset);
  EXPECT_EQ(s.field("wert"), &s.fields[3]);
  EXPECT_EQ(s.field("fehlt"), nullptr);
}

TEST(SchemaParse, FromTextAndDefaults) {
  auto r = parseSchemaText(R"({"fields": [{"name": "a", "type": "integer"}]})");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->fieldsMatch, FieldsMatch::kExact);
  ASSERT_EQ(r->missingValues.size(), 1u);
  EXPECT_EQ(r->missingValues[0].value, "");  // default [""]
  EXPECT_EQ(r->fields[0].missingValues.size(), 1u);
  EXPECT_TRUE(r->primaryKey.empty());
}

TEST(SchemaParse, EveryTypeAndFormat) {
  json fields = json::array();
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"string", "default"}, {"string", "email"},  {"string", "uri"},     {"string", "binary"},   {"string", "uuid"},
      {"number", "default"}, {"integer", "default"}, {"boolean", "default"}, {"object", "default"}, {"array", "default"},
      {"list", "default"},   {"datetime", "default"}, {"datetime", "any"}, {"datetime", "%Y-%m-%d %H:%M"},
      {"date", "default"},   {"date", "any"},      {"date", "%d.%m.%Y"}, {"time", "default"},    {"time", "any"},
      {"time", "%H:%M"},     {"year", "default"},  {"yearmonth", "default"}, {"duration", "default"},
      {"geopoint", "default"}, {"geopoint", "array"}, {"geopoint", "object"}, {"geojson", "default"},
      {"geojson", "topojson"}, {"any", "default"}, {"string", "fmt:email"}};
  for (size_t i = 0; i < cases.size(); ++i)
    fields.push_back({{"name", "f" + std::to_string(i)}, {"type", cases[i].first}, {"format", cases[i].second}});
  Schema s = parseOk(json{{"fields", fields}});
  ASSERT_EQ(s.fields.size(), cases.size());
  for (size_t i = 0; i < cases.size(); ++i) EXPECT_EQ(fieldTypeName(s.fields[i].type()), cases[i].first);
  EXPECT_EQ(s.fields.back().cast.stringFormat, StringFormat::kEmail);
  EXPECT_EQ(s.fields.back().format, "email");  // "fmt:" stripped
}

TEST(SchemaParse, GermanDefaultsFillWhatTheDescriptorLeavesOut) {
  SchemaOptions german{germanDefaults()};
  Schema s = parseOk(json::parse(R"({"fields": [
      {"name": "betrag", "type": "number"},
      {"name": "anzahl", "type": "integer"},
      {"name": "stichtag", "type": "date"},
      {"name": "iso", "type": "date", "format": "default"},
      {"name": "aktiv", "type": "boolean"},
      {"name": "punkt", "type": "number", "decimalChar": "."}]})"),
                     german);
  EXPECT_DOUBLE_EQ(castCell(s.fields[0].cast, "1.234,56")->toDouble(), 1234.56);
  EXPECT_EQ(castCell(s.fields[1].cast, "10.751")->asInteger(), 10751);
  EXPECT_TRUE(castCell(s.fields[2].cast, "31.12.2024"));
  EXPECT_FALSE(castCell(s.fields[3].cast, "31.12.2024"));  // an explicit format wins
  EXPECT_TRUE(castCell(s.fields[3].cast, "2024-12-31"));
  EXPECT_TRUE(castCell(s.fields[4].cast, "ja")->asBoolean());
  // decimalChar "." without a groupChar drops the default group separator "." instead of clashing.
  EXPECT_EQ(s.fields[5].cast.number.groupChar, "");
  EXPECT_DOUBLE_EQ(castCell(s.fields[5].cast, "1234.5")->toDouble(), 1234.5);
}

TEST(SchemaParse, MissingValuesAsObjectsWithLabels) {
  Schema s = parseOk(json::parse(R"({"fields": [{"name": "a"}],
      "missingValues": [{"value": "", "label": "leer"}, {"value": ".", "label": "geheim"}, "-"]})"));
  ASSERT_EQ(s.missingValues.size(), 3u);
  EXPECT_EQ(s.missingValues[1].label, "geheim");
  EXPECT_EQ(s.missingValues[2].value, "-");
  Schema none = parseOk(json::parse(R"({"fields": [{"name": "a"}], "missingValues": []})"));
  EXPECT_TRUE(none.fields[0].missingValues.empty());
}

TEST(SchemaParse, CategoriesPlainObjectsAndOrdered) {
  Schema s = parseOk(json::parse(R"({"fields": [
      {"name": "ebene", "type": "string", "categories": ["Gemeinde", "Bezirk", "Planungsraum"], "categoriesOrdered": true},
      {"name": "familienstand", "type": "integer",
       "categories": [{"value": 1, "label": "ledig"}, {"value": 2, "label": "verheiratet"}]}]})"));
  EXPECT_TRUE(s.fields[0].categoriesOrdered);
  ASSERT_EQ(s.fields[1].categories.size(), 2u);
  EXPECT_EQ(s.fields[1].categories[1].value.asInteger(), 2);
  EXPECT_EQ(s.fields[1].categories[1].label, "verheiratet");
}

TEST(SchemaParse, ConstraintValuesAreCastToTheFieldType) {
  Schema s = parseOk(json::parse(R"({"fields": [
      {"name": "d", "type": "date", "format": "%d.%m.%Y", "constraints": {"minimum": "01.01.2020", "maximum": "2024-12-31"}},
      {"name": "n", "type": "number", "decimalChar": ",", "constraints": {"exclusiveMinimum": "0,5", "maximum": 100.25}},
      {"name": "t", "type": "time", "constraints": {"minimum": "08:00:00"}},
      {"name": "y", "type": "year", "constraints": {"minimum": 2000, "maximum": "2030"}},
      {"name": "ym", "type": "yearmonth", "constraints": {"minimum": "2020-01"}},
      {"name": "p", "type": "duration", "constraints": {"maximum": "P1Y"}},
      {"name": "s", "type": "string", "constraints": {"enum": ["a", "b"], "minLength": 1, "maxLength": 3}},
      {"name": "o", "type": "object", "constraints": {"jsonSchema": {"type": "object", "required": ["plz"]}}}]})"));
  EXPECT_EQ(s.fields[0].constraints.minimum->asDate(), (Date{2020, 1, 1}));
  EXPECT_EQ(s.fields[0].constraints.maximum->asDate(), (Date{2024, 12, 31}));
  EXPECT_DOUBLE_EQ(s.fields[1].constraints.exclusiveMinimum->toDouble(), 0.5);
  EXPECT_DOUBLE_EQ(s.fields[1].constraints.maximum->toDouble(), 100.25);
  EXPECT_EQ(s.fields[3].constraints.maximum->asYear().value, 2030);
  EXPECT_EQ(s.fields[5].constraints.maximum->asDuration().months, 12);
  EXPECT_EQ(s.fields[6].constraints.enumValues->size(), 2u);
  EXPECT_EQ(*s.fields[6].constraints.maxLength, 3u);
  EXPECT_TRUE(s.fields[7].constraints.jsonSchema);
}

// ---------------------------------------------------------------------------------------------

TEST(SchemaErrors, InvalidJsonNamesLineAndColumn) {
  auto r = parseSchemaText("{\n  \"fields\": [\n    {\"name\": \"a\",}\n  ]\n}");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kMalformed);
  EXPECT_NE(r.error().message.find("kein gültiges JSON (Zeile 3"), std::string::npos) << r.error().message;
  ASSERT_EQ(r.error().fields.size(), 1u);
  EXPECT_EQ(r.error().fields[0].field, "");
  EXPECT_TRUE(r.error().internal.starts_with("schema-error"));
  EXPECT_FALSE(parseSchemaText(""));
}

TEST(SchemaErrors, StructureOfTheDescriptor) {
  EXPECT_TRUE(at(errorsOf(json::array()), ""));
  EXPECT_TRUE(at(errorsOf(json::object()), "/fields"));
  EXPECT_TRUE(at(errorsOf(json{{"fields", "a"}}), "/fields"));
  EXPECT_TRUE(at(errorsOf(json{{"fields", json::array({1})}}), "/fields/0"));
  auto noName = errorsOf(oneField({{"type", "string"}}));
  ASSERT_TRUE(at(noName, "/fields/0/name"));
  EXPECT_NE(at(noName, "/fields/0/name")->message.find("Namen"), std::string::npos);
  EXPECT_TRUE(at(errorsOf(oneField({{"name", ""}})), "/fields/0/name"));
  EXPECT_TRUE(at(errorsOf(oneField({{"name", "a"}, {"title", 5}})), "/fields/0/title"));
}

TEST(SchemaErrors, UnknownTypeAndFormat) {
  auto e = errorsOf(oneField({{"name", "a"}, {"type", "zahl"}}));
  ASSERT_TRUE(at(e, "/fields/0/type"));
  EXPECT_EQ(at(e, "/fields/0/type")->message,
            "Den Typ „zahl“ gibt es nicht. Möglich sind: string, number, integer, boolean, object, array, list, "
            "datetime, date, time, year, yearmonth, duration, geopoint, geojson, any.");
  EXPECT_TRUE(at(errorsOf(oneField({{"name", "a"}, {"type", 5}})), "/fields/0/type"));
  auto f = errorsOf(oneField({{"name", "a"}, {"type", "number"}, {"format", "currency"}}));
  ASSERT_TRUE(at(f, "/fields/0/format"));
  EXPECT_NE(at(f, "/fields/0/format")->message.find("„currency“"), std::string::npos);
  auto d = errorsOf(oneField({{"name", "a"}, {"type", "date"}, {"format", "TT.MM.JJJJ"}}));
  ASSERT_TRUE(at(d, "/fields/0/format"));
  EXPECT_NE(at(d, "/fields/0/format")->message.find("„%d.%m.%Y“"), std::string::npos) << at(d, "/fields/0/format")->message;
  EXPECT_TRUE(at(errorsOf(oneField({{"name", "a"}, {"type", "date"}, {"format", "%d.%m.%E"}})), "/fields/0/format"));
  EXPECT_TRUE(at(errorsOf(oneField({{"name", "a"}, {"type", "string"}, {"format", "phone"}})), "/fields/0/format"));
  EXPECT_TRUE(at(errorsOf(oneField({{"name", "a"}, {"type", "geopoint"}, {"format", "wkt"}})), "/fields/0/format"));
}

TEST(SchemaErrors, TypeSpecificOptions) {
  auto same = errorsOf(oneField({{"name", "a"}, {"type", "number"}, {"decimalChar", ","}, {"groupChar", ","}}));
  EXPECT_TRUE(at(same, "/fields/0/groupChar"));
  EXPECT_TRUE(at(errorsOf(oneField({{"name", "a"}, {"type", "number"}, {"bareNumber", "nein"}})), "/fields/0/bareNumber"));
  EXPECT_TRUE(at(errorsOf(oneField({{"name", "a"}, {"type", "number"}, {"decimalChar", ""}})), "/fields/0/decimalChar"));
  EXPECT_TRUE(at(errorsOf(oneField({{"name", "a"}, {"type", "boolean"}, {"trueValues", "ja"}})), "/fields/0/trueValues"));
  EXPECT_TRUE(at(errorsOf(oneField({{"name", "a"}, {"type", "boolean"}, {"trueValues", {"ja", 1}}})),
                 "/fields/0/trueValues/1"));
  auto overlap = errorsOf(oneField({{"name", "a"}, {"type", "boolean"}, {"trueValues", {"1"}}, {"falseValues", {"1"}}}));
  EXPECT_NE(overlap.at(0).message.find("sowohl in „trueValues“ als auch in „falseValues“"), std::string::npos);
  EXPECT_TRUE(at(errorsOf(oneField({{"name", "a"}, {"type", "list"}, {"itemType", "object"}})), "/fields/0/itemType"));
  EXPECT_TRUE(at(errorsOf(oneField({{"name", "a"}, {"type", "list"}, {"delimiter", ""}})), "/fields/0/delimiter"));
}

TEST(SchemaErrors, ConstraintsThatDoNotFitTheType) {
  auto e = errorsOf(oneField({{"name", "a"}, {"type", "integer"}, {"constraints", {{"minLength", 2}}}}));
  ASSERT_TRUE(at(e, "/fields/0/constraints/minLength"));
  EXPECT_EQ(at(e, "/fields/0/constraints/minLength")->message,
            "Die Bedingung „minLength“ gibt es für den Typ „integer“ nicht (nur für string, array, object, list).");
  EXPECT_TRUE(at(errorsOf(oneField({{"name", "a"}, {"type", "integer"}, {"constraints", {{"pattern", "[0-9]+"}}}})),
                 "/fields/0/constraints/pattern"));
  EXPECT_TRUE(at(errorsOf(oneField({{"name", "a"}, {"type", "string"}, {"constraints", {{"minimum", "a"}}}})),
                 "/fields/0/constraints/minimum"));
  EXPECT_TRUE(at(errorsOf(oneField({{"name", "a"}, {"type", "boolean"}, {"constraints", {{"maximum", true}}}})),
                 "/fields/0/constraints/maximum"));
  EXPECT_TRUE(at(errorsOf(oneField({{"name", "a"}, {"type", "string"}, {"constraints", {{"jsonSchema", json::object()}}}})),
                 "/fields/0/constraints/jsonSchema"));
  auto unknown = errorsOf(oneField({{"name", "a"}, {"type", "string"}, {"constraints", {{"maxValue", 3}}}}));
  ASSERT_TRUE(at(unknown, "/fields/0/constraints/maxValue"));
  EXPECT_NE(at(unknown, "/fields/0/constraints/maxValue")->message.find("gibt es nicht"), std::string::npos);
  EXPECT_TRUE(at(errorsOf(oneField({{"name", "a"}, {"constraints", "required"}})), "/fields/0/constraints"));
}

TEST(SchemaErrors, ConstraintValues) {
  auto notCastable = errorsOf(oneField({{"name", "a"}, {"type", "integer"}, {"constraints", {{"minimum", "zehn"}}}}));
  ASSERT_TRUE(at(notCastable, "/fields/0/constraints/minimum"));
  EXPECT_NE(at(notCastable, "/fields/0/constraints/minimum")->message.find("„zehn“ ist keine gültige Ganzzahl"),
            std::string::npos);
  auto enumItem = errorsOf(oneField({{"name", "a"}, {"type", "date"}, {"constraints", {{"enum", {"2024-01-01", "gestern"}}}}}));
  EXPECT_TRUE(at(enumItem, "/fields/0/constraints/enum/1"));
  EXPECT_FALSE(at(enumItem, "/fields/0/constraints/enum/0"));
  EXPECT_TRUE(at(errorsOf(oneField({{"name", "a"}, {"type", "string"}, {"constraints", {{"enum", json::array()}}}})),
                 "/fields/0/constraints/enum"));
  EXPECT_TRUE(at(errorsOf(oneField({{"name", "a"}, {"type", "string"}, {"constraints", {{"minLength", -1}}}})),
                 "/fields/0/constraints/minLength"));
  EXPECT_TRUE(at(errorsOf(oneField({{"name", "a"}, {"type", "string"}, {"constraints", {{"maxLength", 1.5}}}})),
                 "/fields/0/constraints/maxLength"));
  EXPECT_TRUE(at(errorsOf(oneField({{"name", "a"}, {"type", "string"}, {"constraints", {{"required", "ja"}}}})),
                 "/fields/0/constraints/required"));
  EXPECT_TRUE(at(errorsOf(oneField({{"name", "a"}, {"type", "string"}, {"constraints", {{"minLength", 5}, {"maxLength", 2}}}})),
                 "/fields/0/constraints/minLength"));
  auto range = errorsOf(oneField({{"name", "a"}, {"type", "integer"}, {"constraints", {{"minimum", 10}, {"maximum", 5}}}}));
  ASSERT_TRUE(at(range, "/fields/0/constraints/minimum"));
  EXPECT_NE(at(range, "/fields/0/constraints/minimum")->message.find("Untergrenze 10 liegt über der Obergrenze 5"),
            std::string::npos);
}

TEST(SchemaErrors, PatternsThatCannotBeCompiled) {
  auto check = [](const char* pattern, const char* expected) {
    auto e = errorsOf(oneField({{"name", "a"}, {"type", "string"}, {"constraints", {{"pattern", pattern}}}}));
    auto* error = at(e, "/fields/0/constraints/pattern");
    ASSERT_TRUE(error) << pattern;
    EXPECT_NE(error->message.find(expected), std::string::npos) << error->message;
  };
  check("[abc", "eckige Klammern");
  check("[z-a]", "Zeichenbereich");
  check("(ab", "runde Klammern");
  check("(a)\\1", "Rückverweise");
  check("\\p{L}+", "Unicode-Klassen");
  check("[a-z-[aeiou]]", "Abzüge von Zeichenklassen");
  check("\\i\\c*", "\\i und \\c");
}

TEST(SchemaErrors, JsonSchemaThatValijsonRejects) {
  auto e = errorsOf(oneField({{"name", "a"}, {"type", "object"}, {"constraints", {{"jsonSchema", {{"$ref", "https://example.org/s.json"}}}}}}));
  ASSERT_TRUE(at(e, "/fields/0/constraints/jsonSchema"));
  EXPECT_NE(at(e, "/fields/0/constraints/jsonSchema")->message.find("lässt sich nicht lesen"), std::string::npos);
  EXPECT_TRUE(at(errorsOf(oneField({{"name", "a"}, {"type", "array"}, {"constraints", {{"jsonSchema", "object"}}}})),
                 "/fields/0/constraints/jsonSchema"));
}

TEST(SchemaErrors, CategoriesAndMissingValues) {
  EXPECT_TRUE(at(errorsOf(oneField({{"name", "a"}, {"type", "number"}, {"categories", {1, 2}}})), "/fields/0/categories"));
  EXPECT_TRUE(at(errorsOf(oneField({{"name", "a"}, {"type", "string"}, {"categories", json::array()}})), "/fields/0/categories"));
  EXPECT_TRUE(at(errorsOf(oneField({{"name", "a"}, {"type", "string"}, {"categories", {"x", "x"}}})), "/fields/0/categories/1"));
  EXPECT_TRUE(at(errorsOf(oneField({{"name", "a"}, {"type", "integer"}, {"categories", {1, "zwei"}}})), "/fields/0/categories/1"));
  EXPECT_TRUE(at(errorsOf(json::parse(R"({"fields": [{"name": "a", "type": "string",
      "categories": [{"value": "a", "label": "A"}, {"value": "b", "label": "A"}]}]})")),
                 "/fields/0/categories/1/label"));
  auto notSubset = errorsOf(json::parse(
      R"({"fields": [{"name": "a", "type": "string", "categories": ["x", "y"], "constraints": {"enum": ["x", "z"]}}]})"));
  ASSERT_TRUE(at(notSubset, "/fields/0/constraints/enum/1"));
  EXPECT_NE(at(notSubset, "/fields/0/constraints/enum/1")->message.find("keine der Kategorien"), std::string::npos);
  EXPECT_TRUE(at(errorsOf(json::parse(R"({"fields": [{"name": "a"}], "missingValues": ["-", "-"]})")), "/missingValues/1"));
  EXPECT_TRUE(at(errorsOf(json::parse(R"({"fields": [{"name": "a"}], "missingValues": "-"})")), "/missingValues"));
  EXPECT_TRUE(at(errorsOf(json::parse(R"({"fields": [{"name": "a", "missingValues": [1]}]})")), "/fields/0/missingValues/0"));
}

TEST(SchemaErrors, KeysNamingUnknownFields) {
  auto pk = errorsOf(json::parse(R"({"fields": [{"name": "a"}], "primaryKey": ["a", "b"]})"));
  ASSERT_TRUE(at(pk, "/primaryKey/1"));
  EXPECT_EQ(at(pk, "/primaryKey/1")->message, "Der Primärschlüssel nennt das Feld „b“, das es im Schema nicht gibt.");
  EXPECT_TRUE(at(errorsOf(json::parse(R"({"fields": [{"name": "a"}], "primaryKey": "b"})")), "/primaryKey"));
  EXPECT_TRUE(at(errorsOf(json::parse(R"({"fields": [{"name": "a"}], "primaryKey": []})")), "/primaryKey"));
  EXPECT_TRUE(at(errorsOf(json::parse(R"({"fields": [{"name": "a"}], "uniqueKeys": [["a"], ["c"]]})")), "/uniqueKeys/1/0"));
  EXPECT_TRUE(at(errorsOf(json::parse(R"({"fields": [{"name": "a"}], "uniqueKeys": []})")), "/uniqueKeys"));
  EXPECT_TRUE(at(errorsOf(json::parse(R"({"fields": [{"name": "a"}],
      "foreignKeys": [{"fields": ["x"], "reference": {"resource": "r", "fields": ["id"]}}]})")),
                 "/foreignKeys/0/fields/0"));
  EXPECT_TRUE(at(errorsOf(json::parse(R"({"fields": [{"name": "a"}, {"name": "b"}],
      "foreignKeys": [{"fields": ["a", "b"], "reference": {"resource": "r", "fields": ["id"]}}]})")),
                 "/foreignKeys/0/reference/fields"));
  auto self = errorsOf(json::parse(R"({"fields": [{"name": "parent_id"}],
      "foreignKeys": [{"fields": "parent_id", "reference": {"fields": "raum_id"}}]})"));
  ASSERT_TRUE(at(self, "/foreignKeys/0/reference/fields"));
  EXPECT_NE(at(self, "/foreignKeys/0/reference/fields")->message.find("dieselbe Tabelle"), std::string::npos);
  EXPECT_TRUE(at(errorsOf(json::parse(R"({"fields": [{"name": "a"}], "foreignKeys": [{"fields": "a"}]})")), "/foreignKeys/0"));
  EXPECT_TRUE(at(errorsOf(json::parse(R"({"fields": [{"name": "a"}], "fieldsMatch": "loose"})")), "/fieldsMatch"));
}

TEST(SchemaErrors, AllProblemsAreReportedAtOnce) {
  auto r = parseSchema(json::parse(R"({"fields": [
      {"name": "a", "type": "zahl"},
      {"name": "b", "type": "integer", "constraints": {"minLength": 1}},
      {"type": "string"}],
      "primaryKey": ["c"]})"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().fields.size(), 4u);
  EXPECT_EQ(r.error().message, "Das Table Schema enthält 4 Fehler.");
}

// ---------------------------------------------------------------------------------------------

json resource(const std::string& name, json fields, json foreignKeys = json::array()) {
  json schema{{"fields", std::move(fields)}};
  if (!foreignKeys.empty()) schema["foreignKeys"] = std::move(foreignKeys);
  return json{{"name", name}, {"path", name + ".csv"}, {"schema", schema}};
}

json fk(const std::string& field, const std::string& target, const std::string& targetField) {
  return json{{"fields", field}, {"reference", {{"resource", target}, {"fields", targetField}}}};
}

TEST(SchemaPackage, ForeignKeysAcrossResources) {
  json d{{"name", "sozialraum"},
         {"resources",
          {resource("raumeinheit", json::parse(R"([{"name": "raum_id"}, {"name": "parent_id"}])"),
                    json::array({json::parse(R"({"fields": "parent_id", "reference": {"fields": "raum_id"}})")})),
           resource("indikator", json::parse(R"([{"name": "indikator_id"}])")),
           resource("wert", json::parse(R"([{"name": "raum_id"}, {"name": "indikator_id"}, {"name": "wert"}])"),
                    json::array({fk("raum_id", "raumeinheit", "raum_id"), fk("indikator_id", "indikator", "indikator_id")}))}}};
  auto p = parsePackage(d);
  ASSERT_TRUE(p) << p.error().fields.at(0).message;
  EXPECT_EQ(p->name, "sozialraum");
  ASSERT_EQ(p->resources.size(), 3u);
  EXPECT_EQ(p->resource("wert")->schema->foreignKeys.size(), 2u);
  EXPECT_TRUE(p->resource("raumeinheit")->schema->foreignKeys[0].selfReference());
  EXPECT_TRUE(detectForeignKeyCycles(*p));  // a self-reference is no cycle
}

TEST(SchemaPackage, PackageErrors) {
  auto errors = [](const json& d) {
    auto p = parsePackage(d);
    EXPECT_FALSE(p) << d.dump();
    if (p) return std::vector<FieldError>{};
    EXPECT_EQ(p.error().internal, "package-error");
    return p.error().fields;
  };
  EXPECT_TRUE(at(errors(json::object()), "/resources"));
  EXPECT_TRUE(at(errors(json{{"resources", json::array()}}), "/resources"));
  auto dup = errors(json{{"resources", {resource("a", json::parse(R"([{"name": "x"}])")),
                                        resource("a", json::parse(R"([{"name": "x"}])"))}}});
  EXPECT_TRUE(at(dup, "/resources/1/name"));
  auto unknownTarget = errors(json{{"resources", {resource("a", json::parse(R"([{"name": "x"}])"), json::array({fk("x", "b", "id")}))}}});
  ASSERT_TRUE(at(unknownTarget, "/resources/0/schema/foreignKeys/0/reference/resource"));
  EXPECT_NE(at(unknownTarget, "/resources/0/schema/foreignKeys/0/reference/resource")->message.find("„b“"), std::string::npos);
  auto unknownField = errors(json{{"resources", {resource("a", json::parse(R"([{"name": "x"}])"), json::array({fk("x", "b", "id")})),
                                                 resource("b", json::parse(R"([{"name": "key"}])"))}}});
  EXPECT_TRUE(at(unknownField, "/resources/0/schema/foreignKeys/0/reference/fields"));
  auto nested = errors(json{{"resources", {resource("a", json::parse(R"([{"name": "x", "type": "zahl"}])"))}}});
  EXPECT_TRUE(at(nested, "/resources/0/schema/fields/0/type"));
  auto external = errors(json{{"resources", {json{{"name", "a"}, {"path", "a.csv"}, {"schema", "schema.json"}}}}});
  EXPECT_TRUE(at(external, "/resources/0/schema"));
  auto text = parsePackageText("{\"resources\": [");
  ASSERT_FALSE(text);
  EXPECT_EQ(text.error().code, ErrorCode::kMalformed);
}

TEST(SchemaForeignKeyCycles, ThreeResourcesInACircle) {
  json d{{"resources",
          {resource("a", json::parse(R"([{"name": "id"}, {"name": "b_id"}])"), json::array({fk("b_id", "b", "id")})),
           resource("b", json::parse(R"([{"name": "id"}, {"name": "c_id"}])"), json::array({fk("c_id", "c", "id")})),
           resource("c", json::parse(R"([{"name": "id"}, {"name": "a_id"}])"), json::array({fk("a_id", "a", "id")}))}}};
  auto p = parsePackage(d);
  ASSERT_TRUE(p);  // cycles are legal descriptors; the check is separate
  auto cycles = detectForeignKeyCycles(*p);
  ASSERT_FALSE(cycles);
  EXPECT_EQ(cycles.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(cycles.error().internal, "package-error");
  EXPECT_EQ(cycles.error().message, "Die Fremdschlüssel des Data Package bilden einen Kreis.");
  ASSERT_EQ(cycles.error().fields.size(), 1u);
  EXPECT_EQ(cycles.error().fields[0].field, "/resources/2/schema/foreignKeys/0");
  EXPECT_NE(cycles.error().fields[0].message.find("„a“ → „b“ → „c“ → „a“"), std::string::npos)
      << cycles.error().fields[0].message;
}

TEST(SchemaForeignKeyCycles, ChainsAndSelfReferencesAreFineTwoCirclesAreTwoErrors) {
  json chain{{"resources",
              {resource("a", json::parse(R"([{"name": "id"}, {"name": "b_id"}])"), json::array({fk("b_id", "b", "id")})),
               resource("b", json::parse(R"([{"name": "id"}, {"name": "c_id"}])"), json::array({fk("c_id", "c", "id")})),
               resource("c", json::parse(R"([{"name": "id"}, {"name": "p"}])"), json::array({fk("p", "c", "id")}))}}};
  EXPECT_TRUE(detectForeignKeyCycles(*parsePackage(chain)));
  json two{{"resources",
            {resource("a", json::parse(R"([{"name": "id"}, {"name": "b_id"}])"), json::array({fk("b_id", "b", "id")})),
             resource("b", json::parse(R"([{"name": "id"}, {"name": "a_id"}])"), json::array({fk("a_id", "a", "id")})),
             resource("c", json::parse(R"([{"name": "id"}, {"name": "d_id"}])"), json::array({fk("d_id", "d", "id")})),
             resource("d", json::parse(R"([{"name": "id"}, {"name": "c_id"}, {"name": "a_id"}])"),
                      json::array({fk("c_id", "c", "id"), fk("a_id", "a", "id")}))}}};
  auto r = detectForeignKeyCycles(*parsePackage(two));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().fields.size(), 2u);
  EXPECT_EQ(r.error().message, "Die Fremdschlüssel des Data Package bilden 2 Kreise.");
}

// ---------------------------------------------------------------------------------------------

Schema threeFields(FieldsMatch match) {
  Schema s = parseOk(json::parse(R"({"fields": [{"name": "a"}, {"name": "b"}, {"name": "c"}]})"));
  s.fieldsMatch = match;
  return s;
}

std::vector<std::string> codes(const HeaderMapping& m) {
  std::vector<std::string> out;
  for (const auto& e : m.errors) out.push_back(e.code);
  return out;
}

TEST(SchemaHeader, ExactMapsByPosition) {
  auto ok = mapHeader(threeFields(FieldsMatch::kExact), {"a", "b", "c"});
  EXPECT_TRUE(ok.errors.empty());
  EXPECT_EQ(ok.columnOfField[2], 2u);
  auto swapped = mapHeader(threeFields(FieldsMatch::kExact), {"b", "a", "c"});
  EXPECT_EQ(codes(swapped), (std::vector<std::string>{"incorrect-label", "incorrect-label"}));
  EXPECT_EQ(swapped.errors[0].message, "Spalte 1 heißt „b“, laut Schema steht hier das Feld „a“.");
  EXPECT_EQ(codes(mapHeader(threeFields(FieldsMatch::kExact), {"a", "b"})), std::vector<std::string>{"missing-label"});
  EXPECT_EQ(codes(mapHeader(threeFields(FieldsMatch::kExact), {"a", "b", "c", "d"})), std::vector<std::string>{"extra-label"});
}

TEST(SchemaHeader, NameBasedModes) {
  auto equal = mapHeader(threeFields(FieldsMatch::kEqual), {"c", "a", "b"});
  EXPECT_TRUE(equal.errors.empty());
  EXPECT_EQ(equal.columnOfField[0], 1u);
  EXPECT_EQ(codes(mapHeader(threeFields(FieldsMatch::kEqual), {"c", "a", "x"})),
            (std::vector<std::string>{"missing-label", "extra-label"}));
  // subset: all schema fields present, more columns allowed.
  EXPECT_TRUE(mapHeader(threeFields(FieldsMatch::kSubset), {"x", "c", "b", "a"}).errors.empty());
  EXPECT_EQ(codes(mapHeader(threeFields(FieldsMatch::kSubset), {"a", "b"})), std::vector<std::string>{"missing-label"});
  // superset: only schema columns, fewer allowed.
  EXPECT_TRUE(mapHeader(threeFields(FieldsMatch::kSuperset), {"b"}).errors.empty());
  EXPECT_EQ(codes(mapHeader(threeFields(FieldsMatch::kSuperset), {"b", "x"})), std::vector<std::string>{"extra-label"});
  // partial: at least one.
  auto partial = mapHeader(threeFields(FieldsMatch::kPartial), {"x", "b"});
  EXPECT_TRUE(partial.errors.empty());
  EXPECT_EQ(partial.fieldOfColumn[1], 1u);
  EXPECT_FALSE(partial.fieldOfColumn[0]);
  EXPECT_EQ(codes(mapHeader(threeFields(FieldsMatch::kPartial), {"x", "y"})), std::vector<std::string>{"missing-label"});
}

}  // namespace
}  // namespace opgv::validation
