// Constraints on logical values, missing values and categories: readCell() for one field.
#include "validation/constraints.h"

#include <gtest/gtest.h>

#include <string>

#include "validation/schema.h"

namespace opgv::validation {
namespace {

using json = nlohmann::json;

Schema schemaOf(const std::string& text, const SchemaOptions& options = {}) {
  auto r = parseSchemaText(text, options);
  if (!r) {
    std::string all = r.error().message + "\n";
    for (const auto& f : r.error().fields) all += f.field + ": " + f.message + "\n";
    ADD_FAILURE() << all;
    return {};
  }
  return *r;
}

Field fieldOf(const json& field, const SchemaOptions& options = {}) {
  Schema s = schemaOf(json{{"fields", json::array({field})}}.dump(), options);
  return s.fields.empty() ? Field{} : s.fields[0];
}

// Message of a constraint-error for `constraint`, or a failure.
std::string violation(const Field& field, std::string_view cell, std::string_view constraint) {
  auto r = readCell(field, cell);
  if (r) {
    ADD_FAILURE() << "accepted „" << cell << "“ for " << constraint;
    return {};
  }
  EXPECT_EQ(r.error().code, "constraint-error") << r.error().message;
  EXPECT_TRUE(r.error().note.starts_with(constraint)) << r.error().note;
  EXPECT_NE(r.error().message.find("„" + std::string(constraint) + "“"), std::string::npos) << r.error().message;
  return r.error().message;
}

void accepts(const Field& field, std::string_view cell) {
  auto r = readCell(field, cell);
  EXPECT_TRUE(r) << "„" << cell << "“: " << (r ? "" : r.error().message);
}

TEST(ConstraintRequired, MissingValueInRequiredField) {
  Field f = fieldOf({{"name", "ags"}, {"type", "string"}, {"constraints", {{"required", true}}}});
  EXPECT_EQ(violation(f, "", "required"),
            "Im Feld „ags“ fehlt der Wert, aber es ist ein Pflichtfeld (Bedingung „required“).");
  accepts(f, "05315000");
  Field optional = fieldOf({{"name", "ags"}, {"type", "string"}});
  auto r = readCell(optional, "");
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->isNull());
}

TEST(ConstraintRequired, PrimaryKeyImpliesRequired) {
  Schema s = schemaOf(R"({"fields": [{"name": "raum_id", "type": "string"}], "primaryKey": "raum_id"})");
  auto message = violation(s.fields[0], "", "required");
  EXPECT_NE(message.find("Primärschlüssel"), std::string::npos) << message;
}

TEST(ConstraintUnique, PerValueKeyAndMessage) {
  Field f = fieldOf({{"name", "wert"}, {"type", "number"}, {"decimalChar", ","}, {"constraints", {{"unique", true}}}});
  EXPECT_TRUE(f.constraints.unique);
  // The cross-row state is the table validator's; equal values must give equal keys.
  EXPECT_EQ(uniqueKey(*readCell(f, "1,5")), uniqueKey(*readCell(f, "1,50")));
  EXPECT_NE(uniqueKey(*readCell(f, "1,5")), uniqueKey(*readCell(f, "1,51")));
  auto e = uniqueError(f, "1,50", 7);
  EXPECT_EQ(e.code, "unique-error");
  EXPECT_EQ(e.note, "unique");
  EXPECT_EQ(e.message,
            "„1,50“ kommt im Feld „wert“ mehrfach vor, zuerst in Zeile 7; die Werte müssen eindeutig sein "
            "(Bedingung „unique“).");
}

TEST(ConstraintLength, CodePointsNotBytes) {
  Field f = fieldOf({{"name", "ort"}, {"type", "string"}, {"constraints", {{"minLength", 4}, {"maxLength", 6}}}});
  accepts(f, "Köln");    // 5 bytes, 4 characters
  accepts(f, "Gießen");  // 7 bytes, 6 characters
  EXPECT_EQ(violation(f, "Ulm", "minLength"),
            "„Ulm“ ist zu kurz: 3 Zeichen, mindestens 4 sind verlangt (Bedingung „minLength“).");
  EXPECT_EQ(violation(f, "Düsseldorf", "maxLength"),
            "„Düsseldorf“ ist zu lang: 10 Zeichen, höchstens 6 sind erlaubt (Bedingung „maxLength“).");
  accepts(f, "🚪🚪🚪🚪");  // four code points, 16 bytes
}

TEST(ConstraintLength, ListsArraysObjects) {
  Field list = fieldOf({{"name", "l"}, {"type", "list"}, {"constraints", {{"maxLength", 2}}}});
  accepts(list, "a,b");
  EXPECT_NE(violation(list, "a,b,c", "maxLength").find("3 Einträge"), std::string::npos);
  Field array = fieldOf({{"name", "a"}, {"type", "array"}, {"constraints", {{"minLength", 1}}}});
  violation(array, "[]", "minLength");
  Field object = fieldOf({{"name", "o"}, {"type", "object"}, {"constraints", {{"maxLength", 1}}}});
  EXPECT_NE(violation(object, R"({"a": 1, "b": 2})", "maxLength").find("2 Eigenschaften"), std::string::npos);
}

TEST(ConstraintRange, IntegersAndGermanNumbers) {
  Field i = fieldOf({{"name", "einwohner"}, {"type", "integer"}, {"constraints", {{"minimum", 0}, {"maximum", 4000000}}}},
                    SchemaOptions{germanDefaults()});
  accepts(i, "0");
  accepts(i, "3.755.251");
  EXPECT_EQ(violation(i, "-1", "minimum"), "„-1“ ist kleiner als das Minimum 0 (Bedingung „minimum“).");
  EXPECT_EQ(violation(i, "4.000.001", "maximum"), "„4.000.001“ ist größer als das Maximum 4.000.000 (Bedingung „maximum“).");
  Field n = fieldOf({{"name", "quote"}, {"type", "number"}, {"constraints", {{"exclusiveMinimum", 0}, {"exclusiveMaximum", "100,5"}}}},
                    SchemaOptions{germanDefaults()});
  accepts(n, "0,001");
  accepts(n, "100,49");
  EXPECT_EQ(violation(n, "0", "exclusiveMinimum"), "„0“ muss größer als 0 sein (Bedingung „exclusiveMinimum“).");
  EXPECT_EQ(violation(n, "100,5", "exclusiveMaximum"), "„100,5“ muss kleiner als 100,5 sein (Bedingung „exclusiveMaximum“).");
  violation(n, "NaN", "exclusiveMinimum");  // NaN satisfies no bound
  Field exact = fieldOf({{"name", "x"}, {"type", "number"}, {"constraints", {{"maximum", 0.3}}}});
  accepts(exact, "0.3");  // exact decimals: 0.1 + 0.2 style rounding does not bite
  violation(exact, "0.30000000000000001", "maximum");
}

TEST(ConstraintRange, DatesTimesAndDatetimes) {
  Field d = fieldOf({{"name", "stichtag"}, {"type", "date"}, {"constraints", {{"minimum", "2020-01-01"}, {"maximum", "31.12.2024"}}}},
                    SchemaOptions{germanDefaults()});
  accepts(d, "01.01.2020");
  accepts(d, "29.02.2024");
  EXPECT_EQ(violation(d, "31.12.2019", "minimum"),
            "„31.12.2019“ liegt vor dem frühesten erlaubten Wert 01.01.2020 (Bedingung „minimum“).");
  EXPECT_EQ(violation(d, "01.01.2025", "maximum"),
            "„01.01.2025“ liegt nach dem spätesten erlaubten Wert 31.12.2024 (Bedingung „maximum“).");
  Field t = fieldOf({{"name", "beginn"}, {"type", "time"}, {"constraints", {{"minimum", "08:00:00"}, {"exclusiveMaximum", "18:00:00"}}}});
  accepts(t, "08:00:00");
  violation(t, "07:59:59", "minimum");
  EXPECT_EQ(violation(t, "18:00:00", "exclusiveMaximum"), "„18:00:00“ muss vor 18:00:00 liegen (Bedingung „exclusiveMaximum“).");
  Field dt = fieldOf({{"name", "zeit"}, {"type", "datetime"}, {"constraints", {{"maximum", "2024-12-31T23:59:59+01:00"}}}});
  accepts(dt, "2024-12-31T22:59:59Z");
  violation(dt, "2024-12-31T23:00:00Z", "maximum");  // one second later as an instant
}

TEST(ConstraintRange, YearsYearmonthsDurations) {
  Field y = fieldOf({{"name", "jahr"}, {"type", "year"}, {"constraints", {{"minimum", 1990}, {"maximum", "2030"}}}});
  accepts(y, "2024");
  violation(y, "1989", "minimum");
  violation(y, "2031", "maximum");
  Field ym = fieldOf({{"name", "monat"}, {"type", "yearmonth"}, {"constraints", {{"exclusiveMinimum", "2023-12"}}}});
  accepts(ym, "2024-01");
  violation(ym, "2023-12", "exclusiveMinimum");
  Field p = fieldOf({{"name", "dauer"}, {"type", "duration"}, {"constraints", {{"minimum", "PT1H"}, {"maximum", "P1D"}}}});
  accepts(p, "PT90M");
  accepts(p, "PT24H");
  violation(p, "PT59M", "minimum");
  violation(p, "P1DT1S", "maximum");
}

TEST(ConstraintPattern, AnchoredAndUnicodeAware) {
  Field ags = fieldOf({{"name", "ags"}, {"type", "string"}, {"constraints", {{"pattern", "[0-9]{8}"}}}});
  accepts(ags, "05315000");
  EXPECT_EQ(violation(ags, "5315000", "pattern"),
            "„5315000“ entspricht nicht dem vorgegebenen Muster „[0-9]{8}“ (Bedingung „pattern“).");
  violation(ags, "053150001", "pattern");  // implicitly anchored
  violation(ags, "x05315000", "pattern");
  Field four = fieldOf({{"name", "n"}, {"type", "string"}, {"constraints", {{"pattern", ".{4}"}}}});
  accepts(four, "Köln");  // "." is one character, not one byte
  Field umlaut = fieldOf({{"name", "n"}, {"type", "string"}, {"constraints", {{"pattern", "[A-Za-zäöüÄÖÜß ]+"}}}});
  accepts(umlaut, "Bad Dürkheim");
  accepts(umlaut, "Großräschen");
  violation(umlaut, "Bad-Dürkheim", "pattern");
  violation(umlaut, std::string("\xC3", 1), "pattern");  // broken UTF-8 never matches a class
}

TEST(ConstraintPattern, LongCellsDoNotExhaustTheStack) {
  Field f = fieldOf({{"name", "t"}, {"type", "string"}, {"constraints", {{"pattern", "(a|b)*c?"}}}});
  accepts(f, std::string(200000, 'a'));  // libstdc++'s default executor would recurse per character
  violation(f, std::string(200000, 'a') + "x", "pattern");
}

TEST(ConstraintEnum, ComparedAfterCasting) {
  Field n = fieldOf({{"name", "stufe"}, {"type", "integer"}, {"constraints", {{"enum", {1, 2, "3"}}}}});
  accepts(n, "3");
  accepts(n, "+2");
  EXPECT_EQ(violation(n, "4", "enum"), "„4“ ist nicht erlaubt; erlaubt sind „1“, „2“, „3“ (Bedingung „enum“).");
  Field g = fieldOf({{"name", "anteil"}, {"type", "number"}, {"constraints", {{"enum", {"1,5", 2.25}}}}},
                    SchemaOptions{germanDefaults()});
  accepts(g, "1,50");
  accepts(g, "2,25");
  EXPECT_NE(violation(g, "1,6", "enum").find("„1,5“, „2,25“"), std::string::npos);
  Field d = fieldOf({{"name", "tag"}, {"type", "date"}, {"constraints", {{"enum", {"2024-12-24", "2024-12-31"}}}}},
                    SchemaOptions{germanDefaults()});
  accepts(d, "31.12.2024");
  EXPECT_NE(violation(d, "30.12.2024", "enum").find("„24.12.2024“, „31.12.2024“"), std::string::npos);
  Field b = fieldOf({{"name", "ok"}, {"type", "boolean"}, {"constraints", {{"enum", {true}}}}}, SchemaOptions{germanDefaults()});
  accepts(b, "ja");
  violation(b, "nein", "enum");
}

TEST(ConstraintJsonSchema, ObjectsAndArrays) {
  Field o = fieldOf(json::parse(R"({"name": "adresse", "type": "object", "constraints": {"jsonSchema":
      {"type": "object", "required": ["plz"], "properties": {"plz": {"type": "string", "pattern": "^[0-9]{5}$"}}}}})"));
  accepts(o, R"({"plz": "50667", "ort": "Köln"})");
  EXPECT_EQ(violation(o, R"({"ort": "Köln"})", "jsonSchema"),
            "„{\"ort\": \"Köln\"}“ entspricht nicht dem JSON Schema des Feldes (Bedingung „jsonSchema“).");
  auto r = readCell(o, R"({"plz": "5066"})");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "constraint-error");
  EXPECT_TRUE(r.error().note.starts_with("jsonSchema")) << r.error().note;
  EXPECT_NE(r.error().message.find("Stelle /plz"), std::string::npos) << r.error().message;
  Field a = fieldOf(json::parse(R"({"name": "werte", "type": "array", "constraints": {"jsonSchema":
      {"type": "array", "items": {"type": "number"}, "maxItems": 3}}})"));
  accepts(a, "[1, 2.5]");
  EXPECT_FALSE(readCell(a, R"([1, "zwei"])"));
  EXPECT_FALSE(readCell(a, "[1, 2, 3, 4]"));
}

TEST(ConstraintMissingValues, FieldListReplacesSchemaList) {
  Schema s = schemaOf(R"({"fields": [
      {"name": "wert", "type": "integer", "missingValues": ["k.A."]},
      {"name": "anzahl", "type": "integer"},
      {"name": "text", "type": "string", "missingValues": []}],
      "missingValues": ["", "-"]})");
  // Field-level list: only "k.A." is missing there, no merge with the schema's list (§1.1).
  EXPECT_TRUE(readCell(s.fields[0], "k.A.")->isNull());
  EXPECT_EQ(readCell(s.fields[0], "-").error().code, "type-error");
  EXPECT_EQ(readCell(s.fields[0], "").error().code, "type-error");
  // Schema-level list for the other fields.
  EXPECT_TRUE(readCell(s.fields[1], "-")->isNull());
  EXPECT_TRUE(readCell(s.fields[1], "")->isNull());
  EXPECT_EQ(readCell(s.fields[1], "k.A.").error().code, "type-error");
  // [] means no null conversion: the empty string stays a string.
  auto empty = readCell(s.fields[2], "");
  ASSERT_TRUE(empty);
  EXPECT_FALSE(empty->isNull());
  EXPECT_EQ(empty->asString(), "");
  // Comparison is on the raw cell, before casting and without trimming.
  EXPECT_EQ(readCell(s.fields[1], " -").error().code, "type-error");
  EXPECT_TRUE(isMissingValue(s.fields[1], "-"));
  EXPECT_FALSE(isMissingValue(s.fields[0], "-"));
}

TEST(ConstraintMissingValues, EmptyCellWithoutMissingValueIsATypeError) {
  Schema s = schemaOf(R"({"fields": [{"name": "n", "type": "number"}], "missingValues": []})");
  auto r = readCell(s.fields[0], "");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "type-error");
  EXPECT_NE(r.error().message.find("Die Zelle ist leer."), std::string::npos);
}

TEST(ConstraintCategories, ValueMustBeACategory) {
  Field s = fieldOf(json::parse(R"({"name": "status", "type": "string", "categories": ["ok", "geheimgehalten"]})"));
  accepts(s, "ok");
  auto r = readCell(s, "OK");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "constraint-error");
  EXPECT_EQ(r.error().note, "categories");
  EXPECT_EQ(r.error().message, "„OK“ ist keine der erlaubten Kategorien: „ok“, „geheimgehalten“.");
  Field i = fieldOf(json::parse(R"({"name": "stand", "type": "integer",
      "categories": [{"value": 1, "label": "ledig"}, {"value": 2, "label": "verheiratet"}]})"));
  accepts(i, "2");
  auto bad = readCell(i, "3");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message, "„3“ ist keine der erlaubten Kategorien: „1“ (ledig), „2“ (verheiratet).");
  EXPECT_TRUE(readCell(i, "")->isNull());  // missing values are not categories
}

TEST(ConstraintCategories, OrderedCategoriesCompareByPosition) {
  Field f = fieldOf(json::parse(R"({"name": "schulnote", "type": "string",
      "categories": ["sehr gut", "gut", "befriedigend", "ausreichend", "mangelhaft", "ungenügend"],
      "categoriesOrdered": true, "constraints": {"maximum": "ausreichend"}})"));
  EXPECT_EQ(compareInField(f, Value::string("sehr gut"), Value::string("gut")), std::partial_ordering::less);
  EXPECT_EQ(compareInField(f, Value::string("mangelhaft"), Value::string("befriedigend")), std::partial_ordering::greater);
  EXPECT_EQ(categoryIndex(f, Value::string("gut")), 1u);
  accepts(f, "befriedigend");
  violation(f, "mangelhaft", "maximum");  // alphabetically it would be smaller
  Field unordered = fieldOf(json::parse(R"({"name": "x", "type": "string", "categories": ["b", "a"]})"));
  EXPECT_EQ(compareInField(unordered, Value::string("b"), Value::string("a")), std::partial_ordering::greater);
}

TEST(ConstraintCheckValue, AppliesToCastValues) {
  Field f = fieldOf({{"name", "n"}, {"type", "integer"}, {"constraints", {{"minimum", 10}}}});
  EXPECT_FALSE(checkValue(f, Value::integer(10), "10"));
  auto e = checkValue(f, Value::integer(9), "9");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->note, "minimum");
  // A type error comes first: constraints only see cast values.
  EXPECT_EQ(readCell(f, "neun").error().code, "type-error");
}

}  // namespace
}  // namespace opgv::validation
