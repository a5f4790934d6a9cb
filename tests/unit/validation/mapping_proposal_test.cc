// Proposals for mapping a Kommune's export onto a model: names, German synonyms, types, reshaping.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include "validation/import_profile.h"
#include "validation/mapping_proposal.h"

namespace opgv::validation {
namespace {

using nlohmann::json;

SynonymTable synonyms() {
  std::ifstream in(std::string(OPGV_SOURCE_DIR) + "/models/synonyme.json");
  std::stringstream text;
  text << in.rdbuf();
  return SynonymTable::fromJson(json::parse(text.str()));
}

const FieldProposal& proposalFor(const MappingProposal& p, const std::string& field) {
  for (const auto& f : p.fields) {
    if (f.field == field) return f;
  }
  static FieldProposal none;
  return none;
}

TEST(MappingProposal, NormalisesGermanNames) {
  EXPECT_EQ(normaliseName("Straße/Hausnr."), "strasse_hausnr");
  EXPECT_EQ(normaliseName("Gemeindeschlüssel"), "gemeindeschluessel");
  EXPECT_EQ(normaliseName("plrName"), "plr_name");
  EXPECT_EQ(normaliseName("  Ü3 "), "ue3");
  EXPECT_EQ(normaliseName("PLR_ID"), "plr_id");
}

TEST(MappingProposal, KitaExportWithAbbreviationsAndTypes) {
  auto target = *parseSchemaText(R"({"fields":[
    {"name":"einrichtung_id","type":"string","constraints":{"required":true}},
    {"name":"name","type":"string","title":"Name der Einrichtung"},
    {"name":"ags","type":"string"},{"name":"plz","type":"string"},
    {"name":"plaetze_genehmigt","type":"integer"},{"name":"kinder_unter_3","type":"integer"},
    {"name":"stichtag","type":"date","constraints":{"required":true}},{"name":"ganztag","type":"boolean"}]})");
  // true/false columns are booleans for the inference, as in the models themselves.
  EXPECT_EQ(inferTable("ok\ntrue\nfalse\n", true).fields[0].type, "boolean");
  std::string csv = "Kita-Nr;Einrichtungsname;Gemeindeschlüssel;Postleitzahl;Plätze;U3;Stand;Bemerkung\n"
                    "K1;Kita A (fiktiv);09999001;00101;45;12;31.03.2025;ruhig\n"
                    "K2;Kita B (fiktiv);09999001;00102;30;8;31.03.2025;\n";
  auto proposal = proposeMapping(inferTable(csv, true), target, "kindertagesbetreuung", "einrichtungen", synonyms());
  EXPECT_EQ(proposalFor(proposal, "einrichtung_id").column, "Kita-Nr");
  EXPECT_EQ(proposalFor(proposal, "name").column, "Einrichtungsname");
  EXPECT_EQ(proposalFor(proposal, "ags").column, "Gemeindeschlüssel");
  EXPECT_EQ(proposalFor(proposal, "ags").reason, "Synonym von „ags“");
  EXPECT_EQ(proposalFor(proposal, "plz").column, "Postleitzahl");
  EXPECT_EQ(proposalFor(proposal, "plaetze_genehmigt").column, "Plätze");
  EXPECT_EQ(proposalFor(proposal, "kinder_unter_3").column, "U3");
  EXPECT_EQ(proposalFor(proposal, "stichtag").column, "Stand");
  EXPECT_EQ(proposalFor(proposal, "ganztag").column, "");
  EXPECT_EQ(proposal.unusedColumns, std::vector<std::string>{"Bemerkung"});
  EXPECT_DOUBLE_EQ(proposal.score, 1.0);
  // The draft is a valid profile whose source keeps the German formats.
  auto profile = parseProfile(proposal.profile, ".");
  ASSERT_TRUE(profile.has_value()) << profile.error().message << " " << (profile.error().fields.empty() ? "" : profile.error().fields[0].field + " " + profile.error().fields[0].message);
  EXPECT_EQ(profile->dialect->delimiter, ";");
}

// A sample of "9999001"-like ids makes the column look numeric; the text field still gets the text,
// so "09999001" further down keeps its zero.
TEST(MappingProposal, ColumnsForTextFieldsAreReadAsText) {
  auto target = *parseSchemaText(R"({"fields":[{"name":"ags","type":"string"},{"name":"wert","type":"number"}]})");
  std::string csv = "ags;wert\n9999001;1,5\n9999002;2,25\n";
  auto proposal = proposeMapping(inferTable(csv, true), target, "m", "r", synonyms());
  json columns = proposal.profile["source"]["columns"];
  ASSERT_EQ(columns.size(), 2u);
  EXPECT_EQ(columns[0]["type"], "string");
  EXPECT_FALSE(columns[0].contains("groupChar"));
  EXPECT_EQ(columns[1]["type"], "number");  // German numbers still become numbers
  EXPECT_EQ(columns[1]["decimalChar"], ",");
  auto profile = parseProfile(proposal.profile, ".");
  ASSERT_TRUE(profile.has_value()) << profile.error().message;
  auto dir = std::filesystem::temp_directory_path() / "opgv-text-columns";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "in.csv") << csv << "09999003;3\n";
  auto result = runProfile(*profile, target, dir / "in.csv");
  ASSERT_TRUE(result.has_value());
  EXPECT_NE(result->csv.find("09999003,3"), std::string::npos) << result->csv;
  std::filesystem::remove_all(dir);
}

TEST(MappingProposal, RanksModelsByFilledFieldsAndLabels) {
  auto kita = *parseSchemaText(R"({"fields":[{"name":"einrichtung_id","type":"string","constraints":{"required":true}},
    {"name":"plaetze_genehmigt","type":"integer"},{"name":"kinder_unter_3","type":"integer"}]})");
  auto hunde = *parseSchemaText(R"({"fields":[{"name":"ags","type":"string","constraints":{"required":true}},
    {"name":"hunde","type":"integer"},{"name":"steuer_euro","type":"number"}]})");
  std::vector<ModelCandidate> candidates = {
      {"hundesteuer", "bestand", &hunde, {"Öffentliche Ordnung - Hundebestand", "Hundesteuer"}, {}},
      {"kindertagesbetreuung", "einrichtungen", &kita, {"Soziales - Kindertagesstätte", "Kindertagesbetreuung"}, {}}};
  std::string csv = "Kita-Nr;Plätze;U3\nK1;45;12\nK2;30;8\n";
  auto ranked = rankModels(inferTable(csv, true), "Kindertagesstaetten_2025.csv", candidates, synonyms());
  ASSERT_EQ(ranked.size(), 2u);
  EXPECT_EQ(ranked[0].model, "kindertagesbetreuung");
  EXPECT_DOUBLE_EQ(ranked[0].fieldScore, 1.0);
  EXPECT_EQ(ranked[0].label, "Soziales - Kindertagesstätte");
  EXPECT_NE(ranked[0].reason.find("3 von 3 Feldern"), std::string::npos) << ranked[0].reason;
  EXPECT_LT(ranked[1].score, ranked[0].score);
  // The name alone does not make a model fit: the columns count four times as much.
  auto byName = rankModels(inferTable(csv, true), "Hundesteuer.csv", candidates, synonyms());
  EXPECT_EQ(byName[0].model, "kindertagesbetreuung");
}

TEST(MappingProposal, TextColumnsDoNotFillNumberFields) {
  auto target = *parseSchemaText(R"({"fields":[{"name":"anzahl","type":"integer"}]})");
  auto proposal = proposeMapping(inferTable("Anzahl\nviele\nwenige\n", true), target, "m", "r", synonyms());
  EXPECT_EQ(proposalFor(proposal, "anzahl").column, "");
}

TEST(MappingProposal, WideIndicatorColumnsBecomeRowsWhenTheyAreCodes) {
  auto target = *parseSchemaText(R"({"fields":[{"name":"gebiet_id","type":"string","constraints":{"required":true}},
    {"name":"indikator","type":"string","constraints":{"required":true}},{"name":"wert","type":"number"}],
    "foreignKeys":[{"fields":["indikator"],"reference":{"resource":"indikatoren","fields":["code"]}}]})");
  std::string csv = "PLR_ID,S1,S1_SD_GR,S3,S4,KOM\n\"01100101\",4.2,2,8.0,19.4,gültig\n\"01100102\",1.2,1,3.5,8.3,gültig\n";
  auto proposal = proposeMapping(inferTable(csv, true), target, "sozialraum-indikatoren", "indikatorwerte", synonyms(),
                                 {"S1", "S3", "S4", "EW"});
  EXPECT_EQ(proposalFor(proposal, "gebiet_id").column, "PLR_ID");
  EXPECT_EQ(proposal.reshapeColumns, (std::vector<std::string>{"S1", "S3", "S4"}));
  EXPECT_EQ(proposalFor(proposal, "wert").column, "wert");
  EXPECT_EQ(proposalFor(proposal, "indikator").column, "merkmal");
  EXPECT_EQ(proposal.unusedColumns, (std::vector<std::string>{"S1_SD_GR", "KOM"}));
  ASSERT_TRUE(proposal.profile.contains("reshape"));
  EXPECT_EQ(proposal.profile["reshape"]["keep"], json::array({"PLR_ID"}));
  EXPECT_EQ(proposal.profile["fields"]["indikator"]["column"], "merkmal");
  EXPECT_DOUBLE_EQ(proposal.score, 1.0);
  EXPECT_TRUE(parseProfile(proposal.profile, ".").has_value());
}

TEST(MappingProposal, LongRowsBecomeColumnsWhenTheirCodesAreTheModelsFields) {
  auto target = *parseSchemaText(R"({"fields":[{"name":"gebiet_id","type":"string","constraints":{"required":true}},
    {"name":"ew","type":"integer"},{"name":"s1","type":"number"},{"name":"s3","type":"number"},{"name":"s4","type":"number"}],
    "primaryKey":["gebiet_id"]})");
  std::string csv = "PLR_ID;Indikator;Wert;Einheit\n01100101;EW;100;anzahl\n01100101;S1;4,2;prozent\n"
                    "01100101;S3;8,0;prozent\n01100102;EW;300;anzahl\n01100102;S4;1,5;prozent\n01100102;KOM;1;x\n";
  auto proposal = proposeMapping(inferTable(csv, true), target, "sozialraum-indikatoren", "indikatorwerte-breit", synonyms(), {});
  EXPECT_EQ(proposalFor(proposal, "gebiet_id").column, "PLR_ID");
  EXPECT_EQ(proposalFor(proposal, "ew").column, "EW");
  EXPECT_EQ(proposalFor(proposal, "s4").column, "S4");
  EXPECT_EQ(proposalFor(proposal, "s1").reason, "Zeilen mit „S1“ in „Indikator“");
  ASSERT_TRUE(proposal.profile.contains("reshape")) << proposal.profile.dump(2);
  const json& reshape = proposal.profile["reshape"];
  EXPECT_EQ(reshape["direction"], "long-to-wide");
  EXPECT_EQ(reshape["nameColumn"], "Indikator");
  EXPECT_EQ(reshape["valueColumn"], "Wert");
  EXPECT_EQ(reshape["keep"], json::array({"PLR_ID"}));
  EXPECT_EQ(reshape["columns"], json::array({"EW", "S1", "S3", "S4"}));
  EXPECT_EQ(proposal.unusedColumns, (std::vector<std::string>{"Einheit"}));
  EXPECT_DOUBLE_EQ(proposal.score, 1.0);

  // The profile runs: one row per area, the KOM row counted, not taken.
  auto parsed = parseProfile(proposal.profile, ".");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  auto dir = std::filesystem::temp_directory_path() / ("opgv-lang-breit-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "lang.csv") << csv;
  auto result = runProfile(*parsed, target, dir / "lang.csv");
  std::filesystem::remove_all(dir);
  ASSERT_TRUE(result.has_value()) << result.error().message;
  EXPECT_EQ(result->csv, "gebiet_id,ew,s1,s3,s4\n01100101,100,4.2,8.0,\n01100102,300,,,1.5\n");
  bool counted = false;
  for (const auto& note : result->notes) counted = counted || note.find("1 Wert gehört zu keiner") != std::string::npos;
  EXPECT_TRUE(counted);

  // Fewer than three codes that name fields: no reshaping proposed.
  std::string few = "PLR_ID;Indikator;Wert\n01100101;EW;100\n01100101;S1;4,2\n";
  EXPECT_FALSE(proposeMapping(inferTable(few, true), target, "m", "r", synonyms(), {}).profile.contains("reshape"));
}

TEST(MappingProposal, MissingRequiredFieldsAreNamed) {
  auto target = *parseSchemaText(R"({"fields":[{"name":"ags","type":"string","title":"Gemeindeschlüssel",
    "constraints":{"required":true}},{"name":"haushaltsjahr","type":"year","constraints":{"required":true}}]})");
  auto proposal = proposeMapping(inferTable("HHJ;Betrag\n2024;5\n", true), target, "haushalt", "ergebnisplan", synonyms());
  EXPECT_EQ(proposalFor(proposal, "haushaltsjahr").column, "HHJ");
  EXPECT_EQ(proposalFor(proposal, "ags").column, "");
  EXPECT_DOUBLE_EQ(proposal.score, 0.5);
  ASSERT_EQ(proposal.notes.size(), 1u);
  EXPECT_NE(proposal.notes[0].find("„ags“"), std::string::npos);
}

}  // namespace
}  // namespace opgv::validation
