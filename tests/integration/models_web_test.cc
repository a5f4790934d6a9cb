// The model catalogue pages and downloads as a Daten-Champion uses them, and the derived row
// schemas checked against the models' own example data.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>

#include "features/models/model.h"
#include "features/models/repository.h"
#include "support/http_client.h"
#include "support/test_server.h"
#include "validation/constraints.h"
#include "validation/validate_file.h"

namespace opgv::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

TEST(ModelsWeb, CatalogueDetailVersionsAndDownloads) {
  TestServer server;
  auto port = server.port();
  auto r = request(port, "GET", "/daten/modelle");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("Sozialraum"), std::string::npos);
  EXPECT_NE(r.body.find("/daten/modelle/hundesteuer"), std::string::npos);

  r = request(port, "GET", "/daten/modelle/sozialraum-indikatoren");
  ASSERT_EQ(r.status, 200);
  for (const char* text : {"gebiet_id", "Primärschlüssel: gebiet_id, stichtag, indikator", "Fremdschlüssel: indikator → indikatoren",
                           "Leere Vorlage als Excel-Datei (XLSX) mit Feldbeschreibungen (", "musterdatenkatalog.de",
                           "opgv validate --model sozialraum-indikatoren", "Änderungsprotokoll"}) {
    EXPECT_NE(r.body.find(text), std::string::npos) << text;
  }

  r = request(port, "GET", "/daten/modelle/sozialraum-indikatoren/versionen?von=1.0.0&zu=1.1.0");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("indikatorwerte-breit"), std::string::npos);
  EXPECT_NE(r.body.find("neu je_ew, qm_je_ew"), std::string::npos);
  // The chosen versions stay selected (the attribute was once escaped into "_selected").
  EXPECT_NE(r.body.find("<option value=\"1.0.0\" selected>"), std::string::npos);
  EXPECT_NE(r.body.find("<option value=\"1.1.0\" selected>"), std::string::npos);
  EXPECT_EQ(r.body.find("_selected"), std::string::npos);
  r = request(port, "GET", "/daten/modelle/sozialraum-indikatoren/versionen?von=0.0.1&zu=1.1.0");
  EXPECT_EQ(r.status, 404);
  EXPECT_NE(r.body.find("Bitte zwei vorhandene Versionen"), std::string::npos);

  r = request(port, "GET", "/daten/modelle/sozialraum-indikatoren/vorlage?format=csv");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "\xEF\xBB\xBFgebiet_id,gebietsebene,stichtag,indikator,wert,einheit\r\n");
  EXPECT_NE(r.header("content-disposition").find("sozialraum-indikatoren-indikatorwerte-vorlage.csv"), std::string::npos);
  r = request(port, "GET", "/daten/modelle/sozialraum-indikatoren/vorlage?format=csv&ressource=indikatoren");
  EXPECT_EQ(r.body.substr(3, 10), "code,name,");
  r = request(port, "GET", "/daten/modelle/sozialraum-indikatoren/vorlage?format=pdf");
  EXPECT_EQ(r.status, 422);
  r = request(port, "GET", "/daten/modelle/sozialraum-indikatoren/datapackage.json?version=1.0.0");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(json::parse(r.body)["version"], "1.0.0");
  r = request(port, "GET", "/daten/modelle/gibt-es-nicht");
  EXPECT_EQ(r.status, 404);
}

// The XLSX template opens in LibreOffice Calc with the model's header row.
TEST(ModelsWeb, XlsxTemplateOpensInLibreOffice) {
  if (std::system("command -v soffice >/dev/null 2>&1") != 0) GTEST_SKIP() << "LibreOffice fehlt";
  TestServer server;
  auto r = request(server.port(), "GET", "/daten/modelle/haushalt/vorlage?format=xlsx");
  ASSERT_EQ(r.status, 200);
  fs::path dir = fs::temp_directory_path() / ("opgv-xlsx-" + std::to_string(std::random_device{}()));
  fs::create_directories(dir);
  std::ofstream(dir / "vorlage.xlsx", std::ios::binary) << r.body;
  std::string command = "cd '" + dir.string() + "' && timeout 120 soffice -env:UserInstallation=file://" + dir.string() +
                        "/profil --headless --convert-to csv --outdir '" + dir.string() + "/out' vorlage.xlsx >/dev/null 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0);
  std::ifstream in(dir / "out" / "vorlage.csv");
  std::string header;
  std::getline(in, header);
  EXPECT_EQ(header.substr(0, 22), "ags,haushaltsjahr,plan");
  fs::remove_all(dir);
}

// Every example row, cast by the validator and written as JSON, satisfies the JSON Schema the
// model derives for interfaces: the two descriptions of a row cannot drift apart.
TEST(ModelsWeb, DerivedRowSchemasAcceptTheExamples) {
  auto repository = models::ModelRepository::load(fs::path(sourceDir()) / "models", nullptr);
  ASSERT_GE(repository->all().size(), 9u);
  for (const auto& model : repository->all()) {
    for (const auto& resource : model.package.resources) {
      SCOPED_TRACE(model.slug + "/" + resource.name);
      ASSERT_TRUE(resource.schema.has_value());
      std::string error;
      auto check = validation::JsonSchemaCheck::compile(models::rowJsonSchema(*resource.schema, resource.name), &error);
      ASSERT_TRUE(check) << error;
      validation::TableValidator validator(*resource.schema);
      int rows = 0;
      validator.setRowCallback([&](const validation::RowOutcome& outcome) {
        json row = json::object();
        for (size_t i = 0; i < resource.schema->fields.size(); ++i) {
          row[resource.schema->fields[i].name] = validation::toJson(outcome.values[i]);
        }
        auto violation = check->firstViolation(row);
        EXPECT_FALSE(violation.has_value()) << "Zeile " << outcome.row << ": " << violation.value_or("") << "\n" << row.dump();
        ++rows;
      });
      ASSERT_TRUE(validation::readTable(model.dir / resource.descriptor["path"].get<std::string>(), {}, validator));
      validator.finish();
      EXPECT_GT(rows, 0);
    }
  }
}

TEST(ModelsWeb, VersionDiffNamesFieldAndResourceChanges) {
  json older = json::parse(R"({"version":"1.0.0","resources":[{"name":"a","schema":{"fields":[
    {"name":"x","type":"integer"},{"name":"y","type":"string"}],"primaryKey":["x"]}},{"name":"alt","schema":{"fields":[]}}]})");
  json newer = json::parse(R"({"version":"2.0.0","resources":[{"name":"a","schema":{"fields":[
    {"name":"x","type":"number","constraints":{"minimum":0}},{"name":"z","type":"date"}],"primaryKey":["x","z"]}},{"name":"neu","schema":{"fields":[]}}]})");
  auto diff = models::diffDescriptors(older, newer);
  EXPECT_EQ(diff.resourcesAdded, std::vector<std::string>{"neu"});
  EXPECT_EQ(diff.resourcesRemoved, std::vector<std::string>{"alt"});
  ASSERT_EQ(diff.fields.size(), 3u);
  EXPECT_EQ(diff.fields[0].field, "x");
  EXPECT_EQ(diff.fields[0].kind, "geändert");
  EXPECT_EQ(diff.fields[0].details, (std::vector<std::string>{"Bedingungen: – → {\"minimum\":0}", "Typ: „integer“ → „number“"}));
  EXPECT_EQ(diff.fields[1].field, "z");
  EXPECT_EQ(diff.fields[1].kind, "hinzugefügt");
  EXPECT_EQ(diff.fields[2].field, "y");
  EXPECT_EQ(diff.fields[2].kind, "entfernt");
  ASSERT_EQ(diff.other.size(), 1u);
  EXPECT_NE(diff.other[0].find("primaryKey"), std::string::npos);
  EXPECT_EQ(models::compareVersions("1.10.0", "1.9.0"), 1);
  EXPECT_EQ(models::compareVersions("1.0.0", "1.0.0"), 0);
  EXPECT_EQ(models::compareVersions("0.9", "1.0.0"), -1);
}

}  // namespace
}  // namespace opgv::test
