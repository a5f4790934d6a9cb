// TableValidator and validateFile/validateResource: every frictionless error type the table layer
// reports, keys across rows and resources, limits, and the reports.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "validation/key_set.h"
#include "validation/report_format.h"
#include "validation/validate_file.h"
#include "validation/validator.h"

namespace opgv::validation {
namespace {

namespace fs = std::filesystem;

Schema schemaOf(const std::string& json) {
  auto schema = parseSchemaText(json);
  EXPECT_TRUE(schema.has_value()) << (schema ? "" : schema.error().message);
  return *schema;
}

Report validateText(const Schema& schema, const std::string& csv, FileOptions options = {}) {
  TableValidator validator(schema, options.limits);
  auto status = readTableBytes(csv, "test.csv", options, validator);
  EXPECT_TRUE(status.has_value());
  return validator.finish();
}

std::vector<std::string> codesOf(const Report& report) {
  std::vector<std::string> codes;
  for (const auto& e : report.errors) codes.push_back(e.code);
  return codes;
}

const char* kSimple = R"({"fields":[{"name":"id","type":"integer"},{"name":"name","type":"string"},
  {"name":"wert","type":"number"}],"primaryKey":["id"]})";

TEST(Validator, ValidFileHasNoErrorsAndCountsRowsAndBytes) {
  std::string csv = "id,name,wert\n1,a,1.5\n2,b,2\n3,c,\n";
  auto report = validateText(schemaOf(kSimple), csv);
  EXPECT_TRUE(report.valid);
  EXPECT_EQ(report.stats.rows, 3);
  EXPECT_EQ(report.stats.errors, 0);
  EXPECT_EQ(report.stats.bytes, csv.size());
  EXPECT_EQ(report.format, "csv");
  EXPECT_EQ(report.encoding, "utf-8");
}

TEST(Validator, ReportsEachRowErrorWithRowFieldAndColumn) {
  auto report = validateText(schemaOf(kSimple), "id,name,wert\n1,a,x\n1,b,2\n\n4,d\n5,e,1,zu viel\n");
  EXPECT_EQ(codesOf(report),
            (std::vector<std::string>{"type-error", "primary-key", "blank-row", "missing-cell", "extra-cell"}));
  const auto& typeError = report.errors[0];
  EXPECT_EQ(typeError.row, 2);
  EXPECT_EQ(typeError.field, "wert");
  EXPECT_EQ(typeError.fieldNumber, 3);
  EXPECT_EQ(typeError.cell, "x");
  EXPECT_NE(typeError.message.find("Zeile 2, Feld „wert“ (Spalte C)"), std::string::npos) << typeError.message;
  EXPECT_NE(report.errors[1].message.find("kommt schon in Zeile 2 vor"), std::string::npos);
  EXPECT_EQ(report.errors[4].fieldNumber, 4);
  EXPECT_EQ(report.stats.invalidRows, 5);
  EXPECT_FALSE(report.valid);
}

TEST(Validator, HeaderErrors) {
  auto schema = schemaOf(R"({"fields":[{"name":"a"},{"name":"b"},{"name":"c"}]})");
  auto report = validateText(schema, "a,a,,d\n1,2,3,4\n");
  auto codes = codesOf(report);
  EXPECT_NE(std::find(codes.begin(), codes.end(), "duplicate-label"), codes.end());
  EXPECT_NE(std::find(codes.begin(), codes.end(), "blank-label"), codes.end());
  EXPECT_NE(std::find(codes.begin(), codes.end(), "incorrect-label"), codes.end());
}

TEST(Validator, MissingLabelWithFieldsMatchEqual) {
  auto schema = schemaOf(R"({"fields":[{"name":"a"},{"name":"b"}],"fieldsMatch":"equal"})");
  auto report = validateText(schema, "b\n1\n");
  auto codes = codesOf(report);
  EXPECT_NE(std::find(codes.begin(), codes.end(), "missing-label"), codes.end()) << reportToText(report);
}

TEST(Validator, ConstraintErrorsAndRequiredPrimaryKey) {
  auto schema = schemaOf(R"({"fields":[{"name":"id","type":"string"},
    {"name":"n","type":"integer","constraints":{"minimum":0,"maximum":10}}],"primaryKey":["id"]})");
  auto report = validateText(schema, "id,n\n,5\nb,11\n");
  EXPECT_EQ(codesOf(report), (std::vector<std::string>{"constraint-error", "constraint-error"}));
  EXPECT_EQ(report.errors[0].note, "required");
  EXPECT_EQ(report.errors[1].note, "maximum");
}

TEST(Validator, UniqueConstraintAndUniqueKeysSkipNulls) {
  auto schema = schemaOf(R"({"fields":[{"name":"a","type":"integer","constraints":{"unique":true}},
    {"name":"b","type":"string"},{"name":"c","type":"string"}],"uniqueKeys":[["b","c"]]})");
  auto report = validateText(schema, "a,b,c\n1,x,y\n1,x,\n2,x,\n3,x,y\n");
  EXPECT_EQ(codesOf(report), (std::vector<std::string>{"unique-error", "unique-error"}));
  EXPECT_EQ(report.errors[0].row, 3);
  EXPECT_EQ(report.errors[0].note, "unique");
  EXPECT_EQ(report.errors[1].row, 5);
  EXPECT_EQ(report.errors[1].note, "uniqueKeys");
}

TEST(Validator, EqualValuesWrittenDifferentlyAreDuplicates) {
  auto schema = schemaOf(R"({"fields":[{"name":"x","type":"number","constraints":{"unique":true}}]})");
  auto report = validateText(schema, "x\n1.5\n1.50\n");
  EXPECT_EQ(codesOf(report), (std::vector<std::string>{"unique-error"}));
}

TEST(Validator, SelfReferencingForeignKeyAllowsForwardReferences) {
  auto schema = schemaOf(R"({"fields":[{"name":"id","type":"string"},{"name":"parent","type":"string"}],
    "primaryKey":["id"],"foreignKeys":[{"fields":["parent"],"reference":{"fields":["id"]}}]})");
  auto report = validateText(schema, "id,parent\na,\nb,c\nc,a\nd,zz\n");
  EXPECT_EQ(codesOf(report), (std::vector<std::string>{"foreign-key"})) << reportToText(report);
  EXPECT_EQ(report.errors[0].row, 5);
  EXPECT_EQ(report.errors[0].field, "parent");
}

class TempDir {
 public:
  TempDir() {
    path_ = fs::temp_directory_path() / ("opgv-validator-" + std::to_string(std::random_device{}()));
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  fs::path write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name, std::ios::binary) << text;
    return path_ / name;
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

const char* kPackage = R"({"name":"p","resources":[
  {"name":"werte","path":"werte.csv","schema":{"fields":[{"name":"gebiet","type":"string"},
     {"name":"indikator","type":"string"},{"name":"wert","type":"number"}],
     "foreignKeys":[{"fields":["indikator"],"reference":{"resource":"codes","fields":["code"]}}]}},
  {"name":"codes","path":"codes.csv","schema":{"fields":[{"name":"code","type":"string"},{"name":"name","type":"string"}],
     "primaryKey":["code"]}}]})";

TEST(Validator, ForeignKeyToAnotherResourceOfThePackage) {
  TempDir dir;
  dir.write("codes.csv", "code,name\nS1,Arbeitslosigkeit\nS3,Transferbezug\n");
  auto data = dir.write("eigene.csv", "gebiet,indikator,wert\n01,S1,4.2\n01,S9,1\n02,S3,\n");
  auto package = parsePackageText(kPackage);
  ASSERT_TRUE(package.has_value());
  auto report = validateResource(*package, dir.path(), "werte", data);
  ASSERT_TRUE(report.has_value()) << report.error().message;
  EXPECT_EQ(codesOf(*report), (std::vector<std::string>{"foreign-key"}));
  EXPECT_EQ(report->errors[0].row, 3);
  EXPECT_NE(report->errors[0].message.find("„S9“ gibt es in „codes“ (code) nicht"), std::string::npos)
      << report->errors[0].message;
  EXPECT_EQ(report->resource, "werte");
}

TEST(Validator, ForeignKeyTargetWithoutDataIsANoteNotAnError) {
  TempDir dir;
  auto data = dir.write("eigene.csv", "gebiet,indikator,wert\n01,S9,1\n");
  auto package = parsePackageText(kPackage);
  ASSERT_TRUE(package.has_value());
  auto report = validateResource(*package, dir.path(), "werte", data);
  ASSERT_TRUE(report.has_value());
  EXPECT_TRUE(report->valid);
  ASSERT_FALSE(report->notes.empty());
  EXPECT_NE(report->notes.front().find("codes"), std::string::npos);
}

TEST(Validator, ResourcePathsCannotLeaveThePackageFolder) {
  TempDir dir;
  auto package = parsePackageText(R"({"name":"p","resources":[{"name":"r","path":"../../etc/passwd",
    "schema":{"fields":[{"name":"a"}]}}]})");
  ASSERT_TRUE(package.has_value());
  auto report = validateResource(*package, dir.path(), "r", {});
  ASSERT_FALSE(report.has_value());
  EXPECT_NE(report.error().message.find("path"), std::string::npos);
}

TEST(Validator, UnknownResourceNamesTheExistingOnes) {
  auto package = parsePackageText(kPackage);
  ASSERT_TRUE(package.has_value());
  auto report = validateResource(*package, "/tmp", "gibtsnicht", "/tmp/x.csv");
  ASSERT_FALSE(report.has_value());
  EXPECT_NE(report.error().message.find("werte, codes"), std::string::npos);
}

TEST(Validator, KeepsMaxErrorsButCountsAll) {
  std::string csv = "id,name,wert\n";
  for (int i = 0; i < 50; ++i) csv += std::to_string(i) + ",a,x\n";
  FileOptions options;
  options.limits.maxErrors = 10;
  auto report = validateText(schemaOf(kSimple), csv, options);
  EXPECT_EQ(report.errors.size(), 10u);
  EXPECT_EQ(report.stats.errors, 50);
  EXPECT_TRUE(report.truncated);
  EXPECT_EQ(report.errorCounts.at("type-error"), 50);
  EXPECT_NE(reportToText(report).find("weitere 40 Fehler"), std::string::npos);
}

TEST(Validator, KeyMemoryLimitStopsKeyChecksWithOneError) {
  std::string csv = "id,name,wert\n";
  for (int i = 0; i < 5000; ++i) csv += std::to_string(i) + ",a,1\n";
  csv += "1,dup,1\n";
  FileOptions options;
  options.limits.maxKeyBytes = 64 * 1024;
  auto report = validateText(schemaOf(kSimple), csv, options);
  EXPECT_EQ(codesOf(report), (std::vector<std::string>{"limit-error"}));
  EXPECT_EQ(report.stats.rows, 5001);
}

TEST(Validator, CanonicalSpreadsheetCellsIgnoreTheTextFormat) {
  auto schema = schemaOf(R"({"fields":[{"name":"betrag","type":"number","decimalChar":",","groupChar":"."},
    {"name":"datum","type":"date","format":"%d.%m.%Y"},{"name":"ok","type":"boolean","trueValues":["ja"],"falseValues":["nein"]}]})");
  TableValidator validator(schema);
  validator.header({"betrag", "datum", "ok"}, 1, 1);
  std::vector<CellInput> canonical = {{"1234.5", true}, {"2024-12-31", true}, {"true", true}};
  std::vector<CellInput> text = {{"1.234,5"}, {"31.12.2024"}, {"ja"}};
  std::vector<CellInput> wrong = {{"1234.5"}, {"2024-12-31"}, {"true"}};
  std::vector<Value> seen;
  validator.setRowCallback([&](const RowOutcome& outcome) {
    if (outcome.row == 2) seen.assign(outcome.values.begin(), outcome.values.end());
  });
  validator.row(2, 2, canonical);
  validator.row(3, 3, text);
  validator.row(4, 4, wrong);
  auto report = validator.finish();
  EXPECT_EQ(report.stats.errors, 3) << reportToText(report);
  for (const auto& e : report.errors) EXPECT_EQ(e.row, 4);
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(toText(seen[0]), "1234.5");
  EXPECT_EQ(toText(seen[1]), "2024-12-31");
}

TEST(Validator, RowCallbackGetsValuesAndValidity) {
  std::vector<std::pair<int64_t, bool>> rows;
  auto schema = schemaOf(kSimple);
  TableValidator validator(schema);
  validator.setRowCallback([&](const RowOutcome& o) { rows.emplace_back(o.row, o.valid); });
  ASSERT_TRUE(readTableBytes("id,name,wert\n1,a,1\n2,b,x\n", "t.csv", {}, validator));
  validator.finish();
  EXPECT_EQ(rows, (std::vector<std::pair<int64_t, bool>>{{2, true}, {3, false}}));
}

TEST(Validator, SourceErrorsEndTheReport) {
  auto report = validateText(schemaOf(kSimple), "id,name,wert\n1,\"offen,1\n");
  EXPECT_TRUE(report.fatal);
  EXPECT_EQ(codesOf(report), (std::vector<std::string>{"source-error"}));
}

TEST(Validator, EncodingErrorsAndUtf16AreReported) {
  auto bad = validateText(schemaOf(kSimple), "id,name,wert\n1,\xC3\x28,1\n", FileOptions{.encoding = "utf-8"});
  EXPECT_EQ(codesOf(bad), (std::vector<std::string>{"encoding-error"}));
  std::string utf16("\xFF\xFEi\0d\0\n\0", 8);
  auto wide = validateText(schemaOf(kSimple), utf16);
  ASSERT_EQ(codesOf(wide), (std::vector<std::string>{"encoding-error"}));
  EXPECT_NE(wide.errors[0].message.find("UTF-8"), std::string::npos) << wide.errors[0].message;
}

TEST(Validator, EmptyAndHeaderOnlyFiles) {
  auto empty = validateText(schemaOf(kSimple), "");
  EXPECT_EQ(codesOf(empty), (std::vector<std::string>{"source-error"}));
  EXPECT_NE(empty.errors[0].message.find("leer"), std::string::npos);
  auto headerOnly = validateText(schemaOf(kSimple), "id,name,wert\n");
  EXPECT_EQ(codesOf(headerOnly), (std::vector<std::string>{"source-error"}));
  EXPECT_NE(headerOnly.errors[0].message.find("nur die Kopfzeile"), std::string::npos);
}

TEST(Validator, ProgressIsReportedAndCancelStops) {
  std::string csv = "id,name,wert\n";
  while (csv.size() < 3 * (1u << 20)) csv += std::to_string(csv.size()) + ",abcdefgh,1.5\n";
  int calls = 0;
  FileOptions options;
  options.progress = [&](uint64_t done, uint64_t total) {
    ++calls;
    EXPECT_LE(done, total);
    return calls < 2;
  };
  auto report = validateText(schemaOf(kSimple), csv, options);
  EXPECT_EQ(calls, 2);
  EXPECT_TRUE(report.fatal);
  EXPECT_NE(report.errors.back().message.find("abgebrochen"), std::string::npos);
}

TEST(Validator, HtmlReportEscapesCellsAndIsGerman) {
  auto report = validateText(schemaOf(kSimple), "id,name,wert\n1,a,<script>x</script>\n");
  auto html = reportToHtml(report);
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;"), std::string::npos);
  EXPECT_NE(html.find("<html lang=\"de\">"), std::string::npos);
  auto json = reportToJson(report);
  EXPECT_EQ(json["valid"], false);
  EXPECT_EQ(json["stats"]["errors"], 1);
  EXPECT_EQ(json["errors"][0]["code"], "type-error");
  EXPECT_EQ(json["errors"][0]["field"], "wert");
  EXPECT_EQ(json["errors"][0]["row"], 2);
}

TEST(Validator, ChunkSizesDoNotChangeTheReport) {
  // The file reader feeds 1 MiB chunks; records across chunk borders must not change anything.
  std::string csv = "id,name,wert\n";
  for (int i = 0; i < 60000; ++i) csv += std::to_string(i % 59990) + ",\"a,b\n\",x" + std::to_string(i % 3) + "\n";
  auto whole = validateText(schemaOf(kSimple), csv);
  EXPECT_EQ(whole.stats.rows, 60000);
  EXPECT_EQ(whole.errorCounts.at("primary-key"), 10);
  EXPECT_EQ(whole.errorCounts.at("type-error"), 60000);
}

TEST(KeySet, InsertReturnsFirstRowAndStaysCompact) {
  KeySet keys;
  EXPECT_EQ(keys.insert("a", 2), 0);
  EXPECT_EQ(keys.insert("b", 3), 0);
  EXPECT_EQ(keys.insert("a", 9), 2);
  EXPECT_TRUE(keys.contains("b"));
  EXPECT_FALSE(keys.contains("c"));
  for (int i = 0; i < 1000000; ++i) keys.insert("09" + std::to_string(1000000 + i) + "\x1f" "2024-12-31", i + 10);
  EXPECT_EQ(keys.size(), 1000002u);
  EXPECT_EQ(keys.insert("091000123\x1f" "2024-12-31", 5), 133);
  EXPECT_TRUE(keys.contains("091999999\x1f" "2024-12-31"));
  EXPECT_FALSE(keys.contains("092000000\x1f" "2024-12-31"));
  // 20-byte keys: 8-byte slots at a load of 0.48 (17 B per key) + arena (key + 1 + 3 B, in 16 MiB
  // blocks) = about 49 B per key.
  double perKey = static_cast<double>(keys.bytesUsed()) / static_cast<double>(keys.size());
  EXPECT_LT(perKey, 60.0);
  keys.clear();
  EXPECT_EQ(keys.size(), 0u);
  EXPECT_EQ(keys.bytesUsed(), 0u);
  EXPECT_EQ(keys.insert("a", 7), 0);
}

TEST(KeySet, LongKeysNegativeRowsAndManyCollisions) {
  KeySet keys;
  std::string longKey(20u << 20, 'x');  // longer than an arena block
  EXPECT_EQ(keys.insert(longKey, 1), 0);
  EXPECT_EQ(keys.insert(longKey, 2), 1);
  EXPECT_EQ(keys.insert("", 3), 0);
  EXPECT_EQ(keys.insert("", 4), 3);
  EXPECT_EQ(keys.insert("neg", -5), 0);
  EXPECT_EQ(keys.insert("neg", 9), -5);
  longKey.back() = 'y';
  EXPECT_FALSE(keys.contains(longKey));
  for (int i = 0; i < 5000; ++i) EXPECT_EQ(keys.insert(std::string(1 + i % 40, static_cast<char>('a' + i % 26)) + std::to_string(i), i + 1), 0);
  for (int i = 0; i < 5000; ++i) {
    EXPECT_EQ(keys.insert(std::string(1 + i % 40, static_cast<char>('a' + i % 26)) + std::to_string(i), 0), i + 1);
  }
}

TEST(Validator, ColumnLetters) {
  EXPECT_EQ(columnLetters(1), "A");
  EXPECT_EQ(columnLetters(26), "Z");
  EXPECT_EQ(columnLetters(27), "AA");
  EXPECT_EQ(columnLetters(16384), "XFD");
}


TEST(Validator, ForeignKeysWithoutAnyHeaderDoNotCrash) {
  // An empty or unreadable file never reaches the header; finish() must still resolve the keys.
  auto schema = schemaOf(R"({"fields":[{"name":"id"},{"name":"parent"}],"primaryKey":["id"],
    "foreignKeys":[{"fields":["parent"],"reference":{"fields":["id"]}}]})");
  auto empty = validateText(schema, "");
  EXPECT_EQ(codesOf(empty), (std::vector<std::string>{"source-error"}));
  std::string utf16("\xFF\xFEi\0d\0\n\0", 8);
  auto wide = validateText(schema, utf16);
  EXPECT_EQ(codesOf(wide), (std::vector<std::string>{"encoding-error"}));
}

TEST(Validator, ForwardReferenceErrorsCountEachRowOnce) {
  auto schema = schemaOf(R"({"fields":[{"name":"id","type":"integer"},{"name":"parent","type":"integer"}],
    "primaryKey":["id"],"foreignKeys":[{"fields":["parent"],"reference":{"fields":["id"]}}]})");
  // Row 2 is invalid twice (type error and a dangling reference), row 3 only by its reference.
  auto report = validateText(schema, "id,parent\n1,9\nx,8\n3,7\n");
  EXPECT_EQ(report.stats.invalidRows, 3) << reportToText(report);
  auto clean = validateText(schema, "id,parent\n1,\n2,9\n");
  EXPECT_EQ(clean.stats.invalidRows, 1);
}

// Without a row callback the unique keys of a row are inserted one row late (to hide the memory
// latency of the probe); with one, at once. Both must give the same report.
TEST(Validator, DeferredKeyChecksGiveTheSameReportAsImmediateOnes) {
  auto schema = schemaOf(R"({"fields":[{"name":"id","type":"integer"},{"name":"code","type":"string",
    "constraints":{"unique":true}},{"name":"parent","type":"integer"},{"name":"wert","type":"number"}],
    "primaryKey":["id"],"uniqueKeys":[["code","wert"]],
    "foreignKeys":[{"fields":["parent"],"reference":{"fields":["id"]}}]})");
  std::mt19937 random(20261128);
  std::string csv = "id,code,parent,wert\n";
  for (int i = 0; i < 3000; ++i) {
    int kind = static_cast<int>(random() % 20);
    if (kind == 0) {
      csv += "\n";  // blank row between a row and its deferred check
      continue;
    }
    std::string id = std::to_string(random() % 2500);
    std::string code = "C" + std::to_string(random() % 4000);
    std::string parent = random() % 3 == 0 ? "" : std::to_string(random() % 2600);
    std::string wert = kind == 1 ? "x" : std::to_string(random() % 50);
    if (kind == 2) id = "kein-wert";
    csv += id + "," + code + "," + parent + "," + wert + "\n";
  }
  csv += "7,C7,,1\n7,C7,,1\n";  // a duplicate in the very last row is found in finish()

  FileOptions options;
  options.limits.maxErrors = 100000;
  auto deferred = validateText(schema, csv, options);
  TableValidator immediate(schema, options.limits);
  int64_t callbackRows = 0;
  immediate.setRowCallback([&](const RowOutcome&) { ++callbackRows; });
  ASSERT_TRUE(readTableBytes(csv, "test.csv", options, immediate));
  auto direct = immediate.finish();

  EXPECT_GT(callbackRows, 2500);
  EXPECT_GT(deferred.errorCounts["primary-key"], 100);
  EXPECT_GT(deferred.errorCounts["unique-error"], 100);
  EXPECT_GT(deferred.errorCounts["type-error"], 50);
  EXPECT_EQ(deferred.stats.errors, direct.stats.errors);
  EXPECT_EQ(deferred.stats.invalidRows, direct.stats.invalidRows);
  EXPECT_EQ(deferred.errorCounts, direct.errorCounts);
  ASSERT_EQ(deferred.errors.size(), direct.errors.size());
  for (size_t i = 0; i < deferred.errors.size(); ++i) {
    EXPECT_EQ(deferred.errors[i].code, direct.errors[i].code) << i;
    EXPECT_EQ(deferred.errors[i].row, direct.errors[i].row) << i;
    EXPECT_EQ(deferred.errors[i].message, direct.errors[i].message) << i;
  }
  const int64_t lastRow = deferred.stats.rows + 1;  // data rows start at row 2
  bool lastRowDuplicate = false;
  for (const auto& e : deferred.errors) {
    if (e.row == lastRow && e.code == "primary-key") {
      lastRowDuplicate = true;
      EXPECT_NE(e.message.find("(7) kommt schon in Zeile"), std::string::npos) << e.message;
    }
  }
  EXPECT_TRUE(lastRowDuplicate);
}

TEST(Validator, ADuplicateRowWithACellErrorCountsOnceAsInvalid) {
  auto report = validateText(schemaOf(kSimple), "id,name,wert\n1,a,1\n1,b,x\n1,c,2\n2,d,3\n");
  // Within a row, errors are ordered by column: the key (column A) before the number (column C).
  EXPECT_EQ(codesOf(report), (std::vector<std::string>{"primary-key", "type-error", "primary-key"}));
  EXPECT_EQ(report.errors[0].row, 3);
  EXPECT_EQ(report.errors[2].row, 4);
  EXPECT_EQ(report.stats.invalidRows, 2);
}

TEST(Validator, TooLittleKeyMemoryForACodeListSkipsTheForeignKeyInsteadOfFalseErrors) {
  TempDir dir;
  std::string codes = "code,name\n";
  for (int i = 0; i < 20000; ++i) codes += "C" + std::to_string(i) + ",Name " + std::to_string(i) + "\n";
  dir.write("codes.csv", codes);
  auto data = dir.write("eigene.csv", "gebiet,indikator,wert\n01,C19999,1\n");
  auto package = parsePackageText(kPackage);
  ASSERT_TRUE(package.has_value());
  FileOptions options;
  options.limits.maxKeyBytes = 256 * 1024;
  auto report = validateResource(*package, dir.path(), "werte", data, options);
  ASSERT_TRUE(report.has_value());
  EXPECT_TRUE(report->valid) << reportToText(*report);
  ASSERT_FALSE(report->notes.empty());
  EXPECT_NE(report->notes.front().find("Speichergrenze"), std::string::npos) << report->notes.front();
}

}  // namespace
}  // namespace opgv::validation
