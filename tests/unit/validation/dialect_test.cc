#include "validation/dialect.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>

namespace opgv::validation {
namespace {

using json = nlohmann::json;

bool hasFieldError(const Error& error, std::string_view field, std::string_view fragment = {}) {
  for (const auto& f : error.fields)
    if (f.field == field && f.message.find(fragment) != std::string::npos) return true;
  return false;
}

// ------------------------------------------------------------------------------- descriptor

TEST(DialectParse, EmptyDescriptorGivesTheSpecDefaults) {
  auto dialect = parseDialect(json::object());
  ASSERT_TRUE(dialect);
  EXPECT_TRUE(dialect->header);
  EXPECT_EQ(dialect->headerRows, std::vector<int64_t>{1});
  EXPECT_EQ(dialect->headerJoin, " ");
  EXPECT_TRUE(dialect->commentRows.empty());
  EXPECT_FALSE(dialect->commentChar);
  EXPECT_EQ(dialect->delimiter, ",");
  EXPECT_EQ(dialect->lineTerminator, "\r\n");
  EXPECT_EQ(dialect->quoteChar, '"');
  EXPECT_TRUE(dialect->doubleQuote);
  EXPECT_FALSE(dialect->escapeChar);
  EXPECT_FALSE(dialect->nullSequence);
  EXPECT_FALSE(dialect->skipInitialSpace);
}

TEST(DialectParse, EveryCsvProperty) {
  auto dialect = parseDialect(json::parse(R"({
    "$schema": "https://datapackage.org/profiles/2.0/tabledialect.json",
    "header": true, "headerRows": [2, 1, 2], "headerJoin": " / ",
    "commentRows": [5], "commentChar": "#",
    "delimiter": ";", "lineTerminator": "\n", "quoteChar": "'", "doubleQuote": false,
    "escapeChar": "\\", "nullSequence": "NA", "skipInitialSpace": true,
    "caseSensitiveHeader": false, "sheetName": "ignored for CSV"
  })"));
  ASSERT_TRUE(dialect) << dialect.error().message;
  EXPECT_EQ(dialect->headerRows, (std::vector<int64_t>{1, 2}));  // sorted, duplicates dropped
  EXPECT_EQ(dialect->headerJoin, " / ");
  EXPECT_EQ(dialect->commentRows, std::vector<int64_t>{5});
  EXPECT_EQ(dialect->commentChar, "#");
  EXPECT_EQ(dialect->delimiter, ";");
  EXPECT_EQ(dialect->lineTerminator, "\n");
  EXPECT_EQ(dialect->quoteChar, '\'');
  EXPECT_FALSE(dialect->doubleQuote);
  EXPECT_EQ(dialect->escapeChar, '\\');
  EXPECT_EQ(dialect->nullSequence, "NA");
  EXPECT_TRUE(dialect->skipInitialSpace);
}

TEST(DialectParse, InvalidValuesAreAllReportedInGerman) {
  auto dialect = parseDialect(json::parse(R"({
    "header": "ja", "headerRows": [0, 1], "delimiter": 59, "quoteChar": "«»",
    "doubleQuote": "yes", "commentRows": "2", "skipInitialSpace": 1
  })"));
  ASSERT_FALSE(dialect);
  const Error& error = dialect.error();
  EXPECT_EQ(error.code, ErrorCode::kInvalidInput);
  EXPECT_NE(error.message.find("dialect-error"), std::string::npos);
  EXPECT_TRUE(hasFieldError(error, "header", "true oder false"));
  EXPECT_TRUE(hasFieldError(error, "headerRows", "ab 1"));
  EXPECT_TRUE(hasFieldError(error, "delimiter", "Zeichenkette"));
  EXPECT_TRUE(hasFieldError(error, "quoteChar", "genau ein Zeichen"));
  EXPECT_TRUE(hasFieldError(error, "doubleQuote"));
  EXPECT_TRUE(hasFieldError(error, "commentRows"));
  EXPECT_TRUE(hasFieldError(error, "skipInitialSpace"));
  EXPECT_EQ(error.fields.size(), 7u);
}

TEST(DialectParse, ContradictionsBetweenProperties) {
  auto same = parseDialect(json::parse(R"({"delimiter": "\"", "escapeChar": "\""})"));
  ASSERT_FALSE(same);
  EXPECT_TRUE(hasFieldError(same.error(), "delimiter", "verschieden"));
  EXPECT_TRUE(hasFieldError(same.error(), "escapeChar", "verschieden"));
  EXPECT_TRUE(hasFieldError(parseDialect(json::parse(R"({"delimiter": ""})")).error(), "delimiter", "leer"));
  EXPECT_TRUE(hasFieldError(parseDialect(json::parse(R"({"delimiter": "a\nb"})")).error(), "delimiter", "Zeilenumbruch"));
  EXPECT_TRUE(hasFieldError(parseDialect(json::parse(R"({"lineTerminator": "\r\r"})")).error(), "lineTerminator"));
  EXPECT_TRUE(hasFieldError(parseDialect(json::parse(R"({"lineTerminator": ","})")).error(), "lineTerminator"));
  EXPECT_TRUE(hasFieldError(parseDialect(json::parse(R"({"commentChar": ""})")).error(), "commentChar", "leer"));
  EXPECT_TRUE(hasFieldError(parseDialect(json::parse(R"({"escapeChar": "ä"})")).error(), "escapeChar", "ASCII"));
  EXPECT_FALSE(parseDialect(json::parse("[1, 2]")));
  EXPECT_TRUE(parseDialect(json::parse(R"({"lineTerminator": ";"})")));  // the spec's own example
  EXPECT_TRUE(parseDialect(json::parse(R"({"delimiter": "||"})")));      // delimiters may be longer
}

TEST(DialectParse, JsonRoundTrip) {
  Dialect d;
  d.delimiter = ";";
  d.headerRows = {1, 2};
  d.headerJoin = "-";
  d.commentChar = "#";
  d.commentRows = {4};
  d.escapeChar = '\\';
  d.nullSequence = "";
  d.skipInitialSpace = true;
  d.lineTerminator = "\n";
  const json out = dialectToJson(d);
  EXPECT_EQ(out["$schema"], "https://datapackage.org/profiles/2.0/tabledialect.json");
  auto back = parseDialect(out);
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(dialectToJson(*back), out);
  EXPECT_EQ(back->nullSequence, "");
}

// ------------------------------------------------------------------------------- sniffer

TEST(DialectSniff, GermanExportWithSemicolonAndDecimalComma) {
  const std::string sample =
      "Gemeinde;AGS;Einwohner;Fläche km²;Stand;Anteil Kinder\r\n"
      "Köln;05315000;1.084.831;405,02;31.12.2021;16,4\r\n"
      "Düsseldorf;05111000;620.523;217,41;31.12.2021;15,9\r\n"
      "Münster;05515000;316.403;303,28;31.12.2021;14,8\r\n"
      "\"Mülheim an der Ruhr; Stadt\";05117000;170.739;91,28;31.12.2021;15,2\r\n"
      "Bonn;05314000;331.885;141,06;31.12.2021;16,1\r\n";
  const DialectGuess guess = sniffDialect(sample, true);
  EXPECT_EQ(guess.dialect.delimiter, ";");
  EXPECT_EQ(guess.dialect.quoteChar, '"');
  EXPECT_TRUE(guess.dialect.header);
  EXPECT_EQ(guess.dialect.lineTerminator, "\r\n");
  EXPECT_EQ(guess.lineEnding, LineEnding::kCrLf);
  EXPECT_EQ(guess.decimalChar, ',');
  EXPECT_EQ(guess.groupChar, '.');
  EXPECT_EQ(guess.fieldCount, 6u);
  EXPECT_EQ(guess.sampleRows, 6);
  EXPECT_GE(guess.confidence, 0.6);
  EXPECT_GE(guess.headerConfidence, 0.9);
  EXPECT_NE(guess.note.find("„;“"), std::string::npos) << guess.note;
}

TEST(DialectSniff, SemicolonBeatsCommaEvenWhenCommaSplitsEvenly) {
  // Every row has the same number of decimal commas, so "," also gives equal field counts;
  // the cells it produces ("1;2") do not look like values.
  const std::string sample = "Wert A;Wert B;Wert C\n1,5;2,5;3,5\n4,5;5,5;6,5\n7,5;8,5;9,5\n";
  const DialectGuess guess = sniffDialect(sample, true);
  EXPECT_EQ(guess.dialect.delimiter, ";");
  EXPECT_EQ(guess.decimalChar, ',');
}

TEST(DialectSniff, CommaFileWithQuotedCommas) {
  const std::string sample =
      "ags,name,einwohner,flaeche_km2\r\n"
      "01001000,\"Flensburg, Stadt\",89357,56.74\r\n"
      "01002000,\"Kiel, Landeshauptstadt\",242041,118.65\r\n"
      "01003000,\"Lübeck, Hansestadt\",210232,214.19\r\n";
  const DialectGuess guess = sniffDialect(sample, true);
  EXPECT_EQ(guess.dialect.delimiter, ",");
  EXPECT_TRUE(guess.dialect.header);
  EXPECT_EQ(guess.decimalChar, '.');
  EXPECT_FALSE(guess.groupChar);
}

TEST(DialectSniff, TabPipeAndSingleQuotes) {
  EXPECT_EQ(sniffDialect("id\tname\tn\n1\tKöln\t3\n2\tBonn\t4\n", true).dialect.delimiter, "\t");
  EXPECT_EQ(sniffDialect("id|name|n\n1|Köln|3\n2|Bonn|4\n", true).dialect.delimiter, "|");
  const DialectGuess single = sniffDialect("id;name;n\n1;'Müller; Hans';3\n2;'Meier; Eva';4\n3;'Kurz';5\n", true);
  EXPECT_EQ(single.dialect.delimiter, ";");
  EXPECT_EQ(single.dialect.quoteChar, '\'');
}

TEST(DialectSniff, HeaderPresence) {
  const DialectGuess none = sniffDialect("1;2,5;31.12.2020\n2;3,5;31.12.2021\n3;4,5;31.12.2022\n", true);
  EXPECT_FALSE(none.dialect.header);
  EXPECT_GE(none.headerConfidence, 0.9);
  const DialectGuess text = sniffDialect("Name;Ort\nMeier;Köln\nSchulz;Bonn\n", true);
  EXPECT_TRUE(text.dialect.header);
  EXPECT_LT(text.headerConfidence, 0.9);  // only text: a guess, and it says so
}

TEST(DialectSniff, LineEndingsAndSkipInitialSpace) {
  EXPECT_EQ(sniffDialect("a;b\n1;2\n", true).dialect.lineTerminator, "\n");
  EXPECT_EQ(sniffDialect("a;b\r1;2\r", true).dialect.lineTerminator, "\r");
  EXPECT_EQ(sniffDialect("a;b\r\n1;2\n", true).lineEnding, LineEnding::kMixed);
  const DialectGuess spaced = sniffDialect("id, name, ort\n1, Meier, Köln\n2, Schulz, Bonn\n", true);
  EXPECT_EQ(spaced.dialect.delimiter, ",");
  EXPECT_TRUE(spaced.dialect.skipInitialSpace);
  EXPECT_FALSE(sniffDialect("id,name\n1,Meier\n2,Schulz\n", true).dialect.skipInitialSpace);
}

TEST(DialectSniff, CutSampleAndBom) {
  std::string sample = "\xEF\xBB\xBFid;wert\n";
  for (int i = 0; i < 50; ++i) sample += std::to_string(i) + ";" + std::to_string(i) + ",5\n";
  sample += "50;\"unvollst";  // the sample ends inside a quoted field
  const DialectGuess guess = sniffDialect(sample, false);
  EXPECT_EQ(guess.dialect.delimiter, ";");
  EXPECT_EQ(guess.sampleRows, 51);
  EXPECT_GE(guess.delimiterConfidence, 0.8);
}

TEST(DialectSniff, NothingToSniff) {
  const DialectGuess empty = sniffDialect("", true);
  EXPECT_DOUBLE_EQ(empty.confidence, 0.0);
  EXPECT_EQ(empty.dialect.delimiter, ",");
  const DialectGuess oneColumn = sniffDialect("name\nKöln\nBonn\n", true);
  EXPECT_LT(oneColumn.delimiterConfidence, 0.5);
}

}  // namespace
}  // namespace opgv::validation
