// `opgv validate` and `opgv infer` as scripts call them: the exit codes (0 valid, 1 invalid,
// 2 usage or unreadable input) and the JSON report contract
// {"valid","stats":{"rows","errors","bytes","seconds"},"errors":[{"code","row","field","message"}]}.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <random>

#include "support/process.h"
#include "support/test_server.h"

namespace opgv::test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

struct CliRun {
  int code = -1;
  std::string out, err;
};

class ValidateCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = (fs::temp_directory_path() / ("opgv-validate-cli-" + std::to_string(std::random_device{}()))).string();
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ + "/" + name, std::ios::binary) << text;
    return dir_ + "/" + name;
  }
  CliRun run(const std::vector<std::string>& args) {
    OpgvProcess p(args, dir_ + "/run" + std::to_string(++runs_));
    auto code = p.wait(60s);
    if (!code) ADD_FAILURE() << "timeout";
    return CliRun{code.value_or(-1), p.out(), p.err()};
  }
  std::string dir_;
  int runs_ = 0;
};

const char* kSchema = R"({"fields":[{"name":"id","type":"integer"},{"name":"datum","type":"date","format":"%d.%m.%Y"},
  {"name":"betrag","type":"number","decimalChar":",","groupChar":"."}],"primaryKey":["id"]})";

TEST_F(ValidateCli, ValidFileExitsZeroWithTheJsonContract) {
  auto schema = write("schema.json", kSchema);
  auto csv = write("daten.csv", "id;datum;betrag\n1;31.12.2024;1.234,56\n2;01.01.2025;-3,5\n");
  auto r = run({"validate", "--schema", schema, "--format", "json", csv});
  EXPECT_EQ(r.code, 0) << r.err;
  auto json = nlohmann::json::parse(r.out);
  EXPECT_EQ(json["valid"], true);
  EXPECT_EQ(json["stats"]["rows"], 2);
  EXPECT_EQ(json["stats"]["errors"], 0);
  EXPECT_EQ(json["stats"]["bytes"], fs::file_size(csv));
  EXPECT_TRUE(json["stats"]["seconds"].is_number());
  EXPECT_TRUE(json["errors"].is_array());
}

TEST_F(ValidateCli, InvalidFileExitsOneWithPositionedGermanErrors) {
  auto schema = write("schema.json", kSchema);
  auto csv = write("daten.csv", "id;datum;betrag\n1;31.02.2024;1.234,56\n1;01.01.2025;x\n");
  auto r = run({"validate", "--schema", schema, "--format", "json", csv});
  EXPECT_EQ(r.code, 1) << r.err;
  auto json = nlohmann::json::parse(r.out);
  EXPECT_EQ(json["valid"], false);
  EXPECT_EQ(json["stats"]["errors"], 3);
  ASSERT_EQ(json["errors"].size(), 3u);
  for (const auto& e : json["errors"]) {
    for (const char* key : {"code", "row", "field", "message"}) EXPECT_TRUE(e.contains(key)) << key;
  }
  EXPECT_EQ(json["errors"][0]["code"], "type-error");
  EXPECT_EQ(json["errors"][0]["row"], 2);
  EXPECT_EQ(json["errors"][0]["field"], "datum");
  EXPECT_NE(json["errors"][0]["message"].get<std::string>().find("31. Februar"), std::string::npos);
  EXPECT_EQ(json["errors"][1]["code"], "primary-key");
  // The text report is the default.
  auto text = run({"validate", "--schema", schema, csv});
  EXPECT_EQ(text.code, 1);
  EXPECT_NE(text.out.find("UNGÜLTIG"), std::string::npos);
  auto html = run({"validate", "--schema", schema, "--format", "html", csv});
  EXPECT_EQ(html.code, 1);
  EXPECT_NE(html.out.find("<html lang=\"de\">"), std::string::npos);
}

TEST_F(ValidateCli, UsageAndUnreadableInputExitTwo) {
  auto schema = write("schema.json", kSchema);
  auto csv = write("daten.csv", "id;datum;betrag\n1;31.12.2024;1\n");
  EXPECT_EQ(run({"validate", "--schema", schema}).code, 2);                                   // no file
  EXPECT_EQ(run({"validate", "--schema", schema, dir_ + "/gibt-es-nicht.csv"}).code, 2);      // missing file
  EXPECT_EQ(run({"validate", "--schema", dir_ + "/fehlt.json", csv}).code, 2);                // missing schema
  EXPECT_EQ(run({"validate", "--schema", write("kaputt.json", "{\"fields\": ["), csv}).code, 2);  // invalid JSON
  auto badType = run({"validate", "--schema", write("typ.json", R"({"fields":[{"name":"a","type":"zahl"}]})"), csv});
  EXPECT_EQ(badType.code, 2);
  EXPECT_NE(badType.err.find("/fields/0/type"), std::string::npos) << badType.err;
  EXPECT_EQ(run({"validate", "--schema", schema, "--format", "xml", csv}).code, 2);
  EXPECT_EQ(run({"validate", "--model", "gibt-es-nicht", "--resources", sourceDir(), csv}).code, 2);
  EXPECT_EQ(run({"validate", "--model", "../etc", "--resources", sourceDir(), csv}).code, 2);
  EXPECT_EQ(run({"validate", "--schema", schema, "--model", "x", csv}).code, 2);
  EXPECT_EQ(run({"validate", "--gibt-es-nicht", csv}).code, 2);
  EXPECT_EQ(run({"validate", "--schema", schema, dir_}).code, 2);  // a directory
}

TEST_F(ValidateCli, PackageWithCyclicForeignKeysIsAUsageError) {
  auto package = write("datapackage.json", R"({"name":"p","resources":[
    {"name":"a","path":"a.csv","schema":{"fields":[{"name":"x"}],"foreignKeys":[{"fields":["x"],"reference":{"resource":"b","fields":["y"]}}]}},
    {"name":"b","path":"b.csv","schema":{"fields":[{"name":"y"}],"foreignKeys":[{"fields":["y"],"reference":{"resource":"a","fields":["x"]}}]}}]})");
  auto csv = write("a.csv", "x\n1\n");
  auto r = run({"validate", "--schema", package, "--resource", "a", csv});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("„a“ → „b“ → „a“"), std::string::npos) << r.err;
}

TEST_F(ValidateCli, PackageResourceWithForeignKeyToACodeList) {
  auto package = write("datapackage.json", R"({"name":"p","resources":[
    {"name":"werte","path":"werte.csv","schema":{"fields":[{"name":"indikator"},{"name":"wert","type":"number"}],
      "foreignKeys":[{"fields":["indikator"],"reference":{"resource":"codes","fields":["code"]}}]}},
    {"name":"codes","path":"codes.csv","schema":{"fields":[{"name":"code"}],"primaryKey":["code"]}}]})");
  write("codes.csv", "code\nS1\nS3\n");
  auto good = write("gut.csv", "indikator,wert\nS1,1.5\n");
  auto bad = write("schlecht.csv", "indikator,wert\nS2,1.5\n");
  EXPECT_EQ(run({"validate", "--schema", package, "--resource", "werte", good}).code, 0);
  auto r = run({"validate", "--schema", package, "--resource", "werte", "--format", "json", bad});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(nlohmann::json::parse(r.out)["errors"][0]["code"], "foreign-key");
  EXPECT_EQ(run({"validate", "--schema", package, "--resource", "fehlt", good}).code, 2);
}

TEST_F(ValidateCli, WithoutSchemaTheInferredSchemaIsUsed) {
  auto csv = write("export.csv", "AGS;Name;Einwohner;Stichtag\n\"09162000\";München;1.512.491;31.12.2023\n"
                                 "\"09564000\";Nürnberg;526.091;31.12.2023\n");
  auto r = run({"validate", "--format", "json", csv});
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  auto infer = run({"infer", csv});
  ASSERT_EQ(infer.code, 0) << infer.err;
  auto json = nlohmann::json::parse(infer.out);
  EXPECT_EQ(json["dialect"]["delimiter"], ";");
  EXPECT_EQ(json["schema"]["fields"][0]["type"], "string");  // leading zeros stay
  EXPECT_EQ(json["schema"]["fields"][2]["type"], "integer");
  EXPECT_EQ(json["schema"]["fields"][2]["groupChar"], ".");
  EXPECT_EQ(json["schema"]["fields"][3]["type"], "date");
  EXPECT_EQ(json["schema"]["fields"][3]["format"], "%d.%m.%Y");
  EXPECT_GT(json["confidence"].get<double>(), 0.5);
  EXPECT_EQ(run({"infer", dir_ + "/fehlt.csv"}).code, 2);
}

TEST_F(ValidateCli, Windows1252IsDetectedAndCanBeDeclared) {
  auto schema = write("schema.json", R"({"fields":[{"name":"ort"}]})");
  auto csv = write("ansi.csv", std::string("ort\nM\xFCnchen\nK\xF6ln\n"));
  auto r = run({"validate", "--schema", schema, "--format", "json", csv});
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_EQ(nlohmann::json::parse(r.out)["encoding"], "windows-1252");
  auto declared = run({"validate", "--schema", schema, "--encoding", "utf-8", "--format", "json", csv});
  EXPECT_EQ(declared.code, 1);
  EXPECT_EQ(nlohmann::json::parse(declared.out)["errors"][0]["code"], "encoding-error");
  EXPECT_EQ(run({"validate", "--schema", schema, "--encoding", "ebcdic", csv}).code, 2);
}


TEST_F(ValidateCli, ProposeWritesADraftProfileThatImportRuns) {
  auto csv = write("kita.csv",
                   "Kita-Nr;Einrichtungsname;Träger;Straße;PLZ;Ort;Gemeindeschlüssel;Plätze;U3;Ü3;Schulkinder;Ganztag;Stand\n"
                   "K001;Kita Sonnenschein (fiktiv);frei;Musterweg 1;00101;Musterstadt (fiktiv);09999001;45;12;30;0;ja;31.03.2025\n");
  std::string draft = dir_ + "/entwurf.json";
  auto r = run({"propose", "--model", "kindertagesbetreuung", "--resources", sourceDir(), "--profile-out", draft, csv});
  ASSERT_NE(r.code, 2) << r.err;
  auto json = nlohmann::json::parse(r.out);
  EXPECT_EQ(json["model"], "kindertagesbetreuung");
  EXPECT_TRUE(fs::exists(draft));
  EXPECT_EQ(run({"propose", "--model", "gibt-es-nicht", "--resources", sourceDir(), csv}).code, 2);
  EXPECT_EQ(run({"propose", "--model", "kindertagesbetreuung", "--resources", sourceDir(), dir_ + "/fehlt.csv"}).code, 2);
}


TEST_F(ValidateCli, SynthOutputValidatesAgainstItsModelForEveryModel) {
  for (const char* model : {"sozialraum-indikatoren", "raumgliederung", "bevoelkerung-altersgruppen", "kindertagesbetreuung",
                            "schulen", "hundesteuer", "haushalt", "baustellen", "ladesaeulen"}) {
    auto r = run({"synth", model, "--rows", "300", "--seed", "11", "--resources", sourceDir()});
    ASSERT_EQ(r.code, 0) << model << ": " << r.err;
    auto file = write(std::string(model) + ".csv", r.out);
    auto check = run({"validate", "--model", model, "--resources", sourceDir(), "--format", "json", file});
    EXPECT_EQ(check.code, 0) << model << ": " << check.out;
    EXPECT_EQ(nlohmann::json::parse(check.out)["stats"]["rows"], 300) << model;
    EXPECT_EQ(run({"synth", model, "--rows", "300", "--seed", "11", "--resources", sourceDir()}).out, r.out) << model;
  }
  EXPECT_EQ(run({"synth", "gibt-es-nicht", "--resources", sourceDir()}).code, 2);
  EXPECT_EQ(run({"synth", "haushalt", "--rows", "-1", "--resources", sourceDir()}).code, 2);
}


TEST_F(ValidateCli, EmptyAndUtf16FilesAgainstModelsWithForeignKeysAreInvalidNotCrashes) {
  auto empty = write("leer.csv", "");
  auto wide = write("utf16.csv", std::string("\xFF\xFEg\0e\0b\0\n\0", 10));
  for (const char* model : {"sozialraum-indikatoren", "raumgliederung"}) {
    EXPECT_EQ(run({"validate", "--model", model, "--resources", sourceDir(), empty}).code, 1) << model;
    EXPECT_EQ(run({"validate", "--model", model, "--resources", sourceDir(), wide}).code, 1) << model;
  }
}

}  // namespace
}  // namespace opgv::test
