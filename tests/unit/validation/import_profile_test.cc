// Import profiles: parsing with German errors, and every transformation on small tables.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <set>

#include "validation/import_profile.h"

namespace opgv::validation {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class ImportProfileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("opgv-profile-" + std::to_string(std::random_device{}()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
    return dir_ / name;
  }
  ImportResult run(const json& descriptor, const std::string& csv, const Schema& target) {
    auto profile = parseProfile(descriptor, dir_);
    EXPECT_TRUE(profile.has_value()) << (profile ? "" : profile.error().message + " " + (profile.error().fields.empty() ? "" : profile.error().fields[0].field + ": " + profile.error().fields[0].message));
    auto result = runProfile(*profile, target, write("quelle.csv", csv));
    EXPECT_TRUE(result.has_value()) << (result ? "" : result.error().message);
    return *result;
  }
  fs::path dir_;
};

Schema longModel() {
  return *parseSchemaText(R"({"fields":[{"name":"gebiet_id","type":"string"},{"name":"gebietsebene","type":"string"},
    {"name":"stichtag","type":"date"},{"name":"indikator","type":"string"},{"name":"wert","type":"number"},
    {"name":"einheit","type":"string"}]})");
}

json wideProfile() {
  return json::parse(R"({
    "name":"test","version":"1.0.0","model":"sozialraum-indikatoren",
    "source":{"dialect":{"delimiter":";"},"missingValues":["","-"],"columns":[
      {"name":"Gebiet","type":"string"},{"name":"Einwohner","type":"integer","groupChar":"."},
      {"name":"Quote","type":"number","decimalChar":",","groupChar":"."},{"name":"Status"}]},
    "conditions":[{"column":"Status","notEquals":"ok","keep":["Gebiet","Einwohner"]}],
    "reshape":{"direction":"wide-to-long","keep":["Gebiet","Einwohner"],"columns":["Einwohner","Quote"],
               "nameColumn":"indikator","valueColumn":"wert"},
    "fields":{"gebiet_id":"Gebiet","gebietsebene":{"constant":"planungsraum"},"stichtag":{"constant":"2024-12-31"},
              "indikator":{"column":"indikator","codes":{"Einwohner":"EW","Quote":"Q1"}},
              "wert":"wert","einheit":{"column":"indikator","codes":{"Einwohner":"anzahl","Quote":"prozent"},"codesRequired":true}}
  })");
}

TEST_F(ImportProfileTest, WideToLongWithGermanNumbersConstantsAndCodes) {
  auto result = run(wideProfile(), "Gebiet;Einwohner;Quote;Status\n0101;1.200;12,5;ok\n0102;800;-;ok\n0103;50;99,9;klein\n",
                    longModel());
  EXPECT_EQ(result.csv,
            "gebiet_id,gebietsebene,stichtag,indikator,wert,einheit\n"
            "0101,planungsraum,2024-12-31,EW,1200,anzahl\n"
            "0101,planungsraum,2024-12-31,Q1,12.5,prozent\n"
            "0102,planungsraum,2024-12-31,EW,800,anzahl\n"
            "0102,planungsraum,2024-12-31,Q1,,prozent\n"
            "0103,planungsraum,2024-12-31,EW,50,anzahl\n"
            "0103,planungsraum,2024-12-31,Q1,,prozent\n");
  EXPECT_EQ(result.stats.sourceRows, 3);
  EXPECT_EQ(result.stats.outputRows, 6);
  EXPECT_EQ(result.stats.valuesSetMissing, 1);  // 99,9 of the row whose status is not ok
  EXPECT_TRUE(result.sourceReport.valid);
}

TEST_F(ImportProfileTest, WeightedMeanAndSumByIdPrefix) {
  auto profile = wideProfile();
  profile["aggregate"] = json::parse(R"({"level":"bezirk","areaField":"gebiet_id","levelField":"gebietsebene","prefix":2,
    "groupBy":["stichtag","indikator","einheit"],"valueField":"wert","method":"gewichteter_mittelwert",
    "weightColumn":"Einwohner","methodBy":"indikator","methods":{"EW":"summe"},"decimals":4})");
  auto result = run(profile, "Gebiet;Einwohner;Quote;Status\n0101;1.000;10;ok\n0102;3.000;20;ok\n0201;500;-;ok\n0202;100;5;ok\n",
                    longModel());
  // 01: (1000·10 + 3000·20) / 4000 = 17.5; 02: only 0202 has a value → 5.
  EXPECT_EQ(result.csv,
            "gebiet_id,gebietsebene,stichtag,indikator,wert,einheit\n"
            "01,bezirk,2024-12-31,EW,4000,anzahl\n"
            "01,bezirk,2024-12-31,Q1,17.5,prozent\n"
            "02,bezirk,2024-12-31,EW,600,anzahl\n"
            "02,bezirk,2024-12-31,Q1,5,prozent\n");
  EXPECT_EQ(result.stats.groups, 4);
}

TEST_F(ImportProfileTest, MeanByMappingTableAndRowsWithoutArea) {
  write("zuordnung.csv", "fein,grob\n0101,Nord\n0102,Nord\n0201,Sued\n");
  auto profile = wideProfile();
  profile["aggregate"] = json::parse(R"({"level":"stadtteil","areaField":"gebiet_id","levelField":"gebietsebene",
    "table":{"path":"zuordnung.csv","from":"fein","to":"grob"},"groupBy":["stichtag","indikator","einheit"],
    "valueField":"wert","method":"mittelwert"})");
  auto result = run(profile, "Gebiet;Einwohner;Quote;Status\n0101;10;1;ok\n0102;20;2;ok\n0201;30;3;ok\n0999;1;1;ok\n",
                    longModel());
  EXPECT_EQ(result.csv,
            "gebiet_id,gebietsebene,stichtag,indikator,wert,einheit\n"
            "Nord,stadtteil,2024-12-31,EW,15,anzahl\n"
            "Nord,stadtteil,2024-12-31,Q1,1.5,prozent\n"
            "Sued,stadtteil,2024-12-31,EW,30,anzahl\n"
            "Sued,stadtteil,2024-12-31,Q1,3,prozent\n");
  ASSERT_FALSE(result.notes.empty());
  EXPECT_NE(result.notes.back().find("2 Zeilen"), std::string::npos) << result.notes.back();
}

// A profile stored in the platform has no file next to it; its mapping table is written inside.
TEST_F(ImportProfileTest, MappingTableWrittenIntoTheProfile) {
  auto profile = wideProfile();
  profile["aggregate"] = json::parse(R"({"level":"stadtteil","areaField":"gebiet_id","levelField":"gebietsebene",
    "table":{"rows":[["0101","Nord"],["0102","Nord"],["0201","Sued"],["0102","Nord"]]},
    "groupBy":["stichtag","indikator","einheit"],"valueField":"wert","method":"summe"})");
  auto result = run(profile, "Gebiet;Einwohner;Quote;Status\n0101;10;1;ok\n0102;20;2;ok\n0201;30;3;ok\n0999;1;1;ok\n",
                    longModel());
  EXPECT_EQ(result.csv,
            "gebiet_id,gebietsebene,stichtag,indikator,wert,einheit\n"
            "Nord,stadtteil,2024-12-31,EW,30,anzahl\n"
            "Nord,stadtteil,2024-12-31,Q1,3,prozent\n"
            "Sued,stadtteil,2024-12-31,EW,30,anzahl\n"
            "Sued,stadtteil,2024-12-31,Q1,3,prozent\n");
  ASSERT_FALSE(result.notes.empty());
  EXPECT_NE(result.notes.back().find("2 Zeilen ließen sich keinem Gebiet"), std::string::npos) << result.notes.back();

  // An area in two coarse areas, a broken pair, an empty table: each named with its place.
  profile["aggregate"]["table"]["rows"] = json::parse(R"([["0101","Nord"],["0101","Sued"],["0102"],["", "x"]])");
  auto parsed = parseProfile(profile, dir_);
  ASSERT_FALSE(parsed.has_value());
  std::map<std::string, std::string> messages;
  for (const auto& e : parsed.error().fields) messages[e.field] = e.message;
  EXPECT_NE(messages["/aggregate/table/rows/1"].find("„0101“ steht zweimal"), std::string::npos) << parsed.error().message;
  EXPECT_TRUE(messages.contains("/aggregate/table/rows/2"));
  EXPECT_TRUE(messages.contains("/aggregate/table/rows/3"));
  profile["aggregate"]["table"]["rows"] = json::array();
  EXPECT_FALSE(parseProfile(profile, dir_).has_value());
  profile["aggregate"]["table"]["rows"] = json::parse(R"([["0101","Nord"]])");
  profile["aggregate"]["prefix"] = 2;  // both ways at once
  parsed = parseProfile(profile, dir_);
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(parsed.error().fields.back().field, "/aggregate");
}

TEST_F(ImportProfileTest, LongToWideAndUnitConversion) {
  auto target = *parseSchemaText(R"({"fields":[{"name":"gebiet","type":"string"},{"name":"ew","type":"integer"},
    {"name":"anteil","type":"number"}]})");
  auto profile = json::parse(R"({"name":"breit","version":"0.1.0","model":"x",
    "source":{"columns":[{"name":"id"},{"name":"code"},{"name":"v","type":"number"}]},
    "reshape":{"direction":"long-to-wide","keep":["id"],"columns":["EW","P"],"nameColumn":"code","valueColumn":"v"},
    "fields":{"gebiet":"id","ew":"EW","anteil":{"column":"P","scale":0.01}}})");
  auto result = run(profile, "id,code,v\na,EW,100\na,P,12.5\nb,P,50\nb,X,1\n", target);
  EXPECT_EQ(result.csv, "gebiet,ew,anteil\na,100,0.125\nb,,0.5\n");
  ASSERT_FALSE(result.notes.empty());
  EXPECT_NE(result.notes[0].find("1 Wert gehört zu keiner der genannten Spalten und wurde nicht übernommen"), std::string::npos) << result.notes[0];
}

TEST_F(ImportProfileTest, UntranslatedCodesAreCountedNotHidden) {
  auto result = run(wideProfile(), "Gebiet;Einwohner;Quote;Status\n0101;1;2;ok\n", longModel());
  EXPECT_EQ(result.stats.untranslatedCodes, 0);
  auto profile = wideProfile();
  profile["fields"]["einheit"]["codes"].erase("Quote");
  auto missing = run(profile, "Gebiet;Einwohner;Quote;Status\n0101;1;2;ok\n", longModel());
  EXPECT_EQ(missing.stats.untranslatedCodes, 1);
  ASSERT_FALSE(missing.notes.empty());
  EXPECT_NE(missing.notes.back().find("„Quote“"), std::string::npos);
}

TEST_F(ImportProfileTest, SourceTypeErrorsReachTheSourceReport) {
  auto result = run(wideProfile(), "Gebiet;Einwohner;Quote;Status\n0101;viele;2;ok\n", longModel());
  EXPECT_FALSE(result.sourceReport.valid);
  ASSERT_EQ(result.sourceReport.errors.size(), 1u);
  EXPECT_EQ(result.sourceReport.errors[0].field, "Einwohner");
  EXPECT_EQ(result.sourceReport.errors[0].row, 2);
}

TEST_F(ImportProfileTest, InvalidProfilesNameEveryProblem) {
  auto profile = json::parse(R"({"name":"Großes Profil","model":"m","source":{"columns":[{"name":"a","type":"zahl"}]},
    "reshape":{"direction":"quer","columns":[],"nameColumn":"n","valueColumn":"v"},
    "fields":{"x":{"column":"fehlt"},"y":{"column":"a","constant":"1"}},
    "aggregate":{"level":"l","areaField":"x","valueField":"y","method":"median","prefix":2,
                 "table":{"path":"../geheim.csv","from":"a","to":"b"}}})");
  auto parsed = parseProfile(profile, dir_);
  ASSERT_FALSE(parsed.has_value());
  std::set<std::string> pointers;
  for (const auto& e : parsed.error().fields) pointers.insert(e.field);
  for (const char* pointer : {"/name", "/version", "/source/columns/0/type", "/reshape/direction", "/reshape/columns",
                              "/fields/y", "/aggregate/method", "/aggregate/table/path", "/aggregate"}) {
    EXPECT_TRUE(pointers.count(pointer)) << pointer;
  }
  EXPECT_FALSE(parseProfile(json::array(), dir_).has_value());
}

TEST_F(ImportProfileTest, UnknownModelFieldIsAnError) {
  auto profile = wideProfile();
  profile["fields"]["gibtsnicht"] = "Gebiet";
  auto parsed = parseProfile(profile, dir_);
  ASSERT_TRUE(parsed.has_value());
  auto result = runProfile(*parsed, longModel(), write("q.csv", "Gebiet;Einwohner;Quote;Status\n"));
  ASSERT_FALSE(result.has_value());
  EXPECT_NE(result.error().message.find("gibtsnicht"), std::string::npos);
}


TEST_F(ImportProfileTest, TyposAndWrongTypesAreNamedNotIgnored) {
  auto profile = wideProfile();
  profile["feld"] = "Tippfehler";
  profile["version"] = "eins";
  profile["fields"]["einheit"]["codesRequired"] = "ja";
  auto parsed = parseProfile(profile, dir_);
  ASSERT_FALSE(parsed.has_value());
  std::set<std::string> pointers;
  for (const auto& e : parsed.error().fields) pointers.insert(e.field);
  EXPECT_TRUE(pointers.count("/feld"));
  EXPECT_TRUE(pointers.count("/version"));
  EXPECT_TRUE(pointers.count("/fields/einheit/codesRequired"));
}

TEST_F(ImportProfileTest, WeightlessValuesAndBlankedFieldsAreCounted) {
  auto profile = wideProfile();
  profile["aggregate"] = json::parse(R"({"level":"bezirk","areaField":"gebiet_id","levelField":"gebietsebene","prefix":2,
    "groupBy":["indikator","einheit"],"valueField":"wert","method":"gewichteter_mittelwert","weightColumn":"Einwohner",
    "methodBy":"indikator","methods":{"EW":"summe"}})");
  profile["fields"]["stichtag"] = {{"column", "Status"}};
  profile["source"]["columns"][3]["type"] = "date";
  profile["conditions"] = json::array();
  profile["reshape"]["keep"].push_back("Status");
  auto result = run(profile, "Gebiet;Einwohner;Quote;Status\n0101;;10;2024-12-31\n0102;100;20;2023-12-31\n", longModel());
  std::string notes;
  for (const auto& n : result.notes) notes += n + "\n";
  EXPECT_NE(notes.find("1 Wert geht nicht in den gewichteten Mittelwert ein, weil sein Gewicht"), std::string::npos) << notes;
  EXPECT_NE(notes.find("„stichtag“ unterscheidet sich"), std::string::npos) << notes;
}

}  // namespace
}  // namespace opgv::validation
