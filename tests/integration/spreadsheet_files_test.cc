// XLSX and ODS files as spreadsheet programs write them: LibreOffice Calc converts the models'
// example CSVs, and `opgv validate` must read them like the CSVs – text cells with the field's
// formats, typed cells (numbers, dates) in their canonical form – and explain the classic
// accident of a key with leading zeros stored as a number.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>

#include "office/writers.h"
#include "support/process.h"
#include "support/test_server.h"

namespace opgv::test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

class SpreadsheetFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::system("command -v soffice >/dev/null 2>&1") != 0) GTEST_SKIP() << "LibreOffice fehlt";
    dir_ = fs::temp_directory_path() / ("opgv-sheets-" + std::to_string(std::random_device{}()));
    fs::create_directories(dir_ / "in");
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
  }
  // Converts every CSV in in/ to `format` with LibreOffice; `columnFormats` as in the CSV filter
  // ("1/2/2/2": column 1 as text, …; empty: let Calc guess the types).
  void convert(const std::string& format, const std::string& columnFormats, const std::string& outDir) {
    std::string filter = "CSV:44,34,76,1" + (columnFormats.empty() ? std::string() : "," + columnFormats);
    std::string command = "cd '" + dir_.string() + "/in' && timeout 300 soffice -env:UserInstallation=file://" +
                          dir_.string() + "/profil --headless --infilter=\"" + filter + "\" --convert-to " + format +
                          " --outdir '" + dir_.string() + "/" + outDir + "' *.csv >/dev/null 2>&1";
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
  }
  struct Outcome {
    int code = -1;
    nlohmann::json report;
  };
  Outcome validate(const std::vector<std::string>& args) {
    std::vector<std::string> full = {"validate", "--resources", sourceDir(), "--format", "json"};
    full.insert(full.end(), args.begin(), args.end());
    OpgvProcess p(full, (dir_ / ("run" + std::to_string(++runs_))).string());
    Outcome o;
    o.code = p.wait(60s).value_or(-1);
    o.report = nlohmann::json::parse(p.out(), nullptr, false);
    return o;
  }
  fs::path dir_;
  int runs_ = 0;
};

TEST_F(SpreadsheetFiles, EveryModelExampleAsLibreOfficeXlsxAndOdsValidates) {
  // model/resource → example file
  std::vector<std::tuple<std::string, std::string, std::string>> examples;
  for (const auto& entry : fs::directory_iterator(fs::path(sourceDir()) / "models")) {
    if (!fs::exists(entry.path() / "datapackage.json")) continue;
    std::ifstream in(entry.path() / "datapackage.json");
    auto descriptor = nlohmann::json::parse(in);
    for (const auto& resource : descriptor["resources"]) {
      std::string stem = entry.path().filename().string() + "--" + resource["name"].get<std::string>();
      fs::copy_file(entry.path() / resource["path"].get<std::string>(), dir_ / "in" / (stem + ".csv"));
      examples.emplace_back(entry.path().filename().string(), resource["name"], stem);
    }
  }
  ASSERT_GE(examples.size(), 11u);
  std::string columns;
  for (int c = 1; c <= 40; ++c) columns += (c > 1 ? "/" : "") + std::to_string(c) + "/2";
  convert("xlsx", columns, "xlsx");
  convert("ods", columns, "ods");
  for (const auto& [model, resource, stem] : examples) {
    for (const char* format : {"xlsx", "ods"}) {
      SCOPED_TRACE(stem + "." + format);
      auto file = dir_ / format / (stem + "." + format);
      ASSERT_TRUE(fs::exists(file));
      auto o = validate({"--model", model, "--resource", resource, file.string()});
      EXPECT_EQ(o.code, 0) << o.report.dump(2);
      EXPECT_EQ(o.report["format"], format);
      EXPECT_GT(o.report["stats"]["rows"].get<int64_t>(), 0);
    }
  }
}

TEST_F(SpreadsheetFiles, TypedCellsAndLeadingZerosLostInNumberCells) {
  fs::copy_file(fs::path(sourceDir()) / "models" / "haushalt" / "beispiel.csv", dir_ / "in" / "haushalt.csv");
  convert("xlsx", "1/2", "text-ags");  // AGS as text, the rest typed by Calc (years, amounts)
  convert("xlsx", "", "typed");        // everything typed: the AGS 09999001 becomes the number 9999001
  auto good = validate({"--model", "haushalt", (dir_ / "text-ags" / "haushalt.xlsx").string()});
  EXPECT_EQ(good.code, 0) << good.report.dump(2);
  auto bad = validate({"--model", "haushalt", (dir_ / "typed" / "haushalt.xlsx").string()});
  EXPECT_EQ(bad.code, 1);
  ASSERT_FALSE(bad.report["errors"].empty());
  const auto& first = bad.report["errors"][0];
  EXPECT_EQ(first["field"], "ags");
  EXPECT_EQ(first["cell"], "9999001");
  EXPECT_NE(first["message"].get<std::string>().find("führende Nullen"), std::string::npos) << first["message"];
}

TEST_F(SpreadsheetFiles, BrokenAndProtectedFilesAreSourceErrors) {
  auto write = [&](const std::string& name, const std::string& bytes) {
    std::ofstream(dir_ / name, std::ios::binary) << bytes;
    return (dir_ / name).string();
  };
  auto zipHeaderOnly = validate({"--model", "haushalt", write("kaputt.xlsx", std::string("PK\x03\x04kaputt", 10))});
  EXPECT_EQ(zipHeaderOnly.code, 1);
  EXPECT_EQ(zipHeaderOnly.report["errors"][0]["code"], "source-error");
  std::string ole("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  ole += std::string(512, '\0');
  for (char c : std::string("EncryptedPackage")) ole += std::string{c, '\0'};
  auto protectedFile = validate({"--model", "haushalt", write("geschuetzt.xlsx", ole)});
  EXPECT_EQ(protectedFile.code, 1);
  EXPECT_NE(protectedFile.report["errors"][0]["message"].get<std::string>().find("Passwort"), std::string::npos)
      << protectedFile.report.dump(2);
}

TEST_F(SpreadsheetFiles, OurOwnXlsxDownloadsReadBack) {
  office::Workbook workbook;
  office::Sheet sheet{"Daten", {"ags", "haushaltsjahr", "planart", "produktbereich", "produktbereich_name", "ertraege_euro",
                                "aufwendungen_euro", "saldo_euro"}, {}};
  sheet.rows.push_back({{"09999001"}, {"2024", true}, {"ansatz"}, {"11"}, {"Innere Verwaltung"}, {"1500.5", true},
                        {"2500", true}, {"-999.5", true}});
  workbook.sheets.push_back(sheet);
  auto bytes = office::writeXlsx(workbook);
  ASSERT_TRUE(bytes.has_value());
  std::ofstream(dir_ / "eigen.xlsx", std::ios::binary) << *bytes;
  auto o = validate({"--model", "haushalt", (dir_ / "eigen.xlsx").string()});
  EXPECT_EQ(o.code, 0) << o.report.dump(2);
}


TEST_F(SpreadsheetFiles, InferProposeAndSchemalessValidationReadSpreadsheets) {
  fs::copy_file(fs::path(sourceDir()) / "models" / "haushalt" / "beispiel.csv", dir_ / "in" / "haushalt.csv");
  convert("xlsx", "1/2", "xlsx");
  auto file = (dir_ / "xlsx" / "haushalt.xlsx").string();
  auto run = [&](const std::vector<std::string>& args) {
    OpgvProcess p(args, (dir_ / ("run" + std::to_string(++runs_))).string());
    int code = p.wait(60s).value_or(-1);
    return std::make_pair(code, p.out());
  };
  auto [inferCode, inferOut] = run({"infer", file});
  ASSERT_EQ(inferCode, 0);
  auto inferred = nlohmann::json::parse(inferOut);
  ASSERT_EQ(inferred["fields"].size(), 8u);
  EXPECT_EQ(inferred["fields"][0]["type"], "string");  // the AGS stays text
  EXPECT_EQ(inferred["fields"][5]["type"], "number");
  auto schemaless = validate({file});
  EXPECT_EQ(schemaless.code, 0) << schemaless.report.dump(2);
  std::string draft = (dir_ / "entwurf.json").string();
  auto [proposeCode, proposeOut] = run({"propose", "--model", "haushalt", "--resources", sourceDir(), "--profile-out", draft, file});
  EXPECT_EQ(proposeCode, 0) << proposeOut;
  auto [importCode, importOut] =
      run({"import", "--profile", draft, "--resources", sourceDir(), "--out", (dir_ / "ergebnis.csv").string(), file});
  EXPECT_EQ(importCode, 0) << importOut;
}

}  // namespace
}  // namespace opgv::test
