// Synthetic test data (`opgv synth`): every resource of every model validates against its own
// schema at several sizes and seeds, output is deterministic, missing-value rates, correlations
// and consistency rules hold, --areas and the command's usage errors.
#include <gtest/gtest.h>

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "app/synth_command.h"
#include "validation/constraints.h"
#include "validation/csv_parser.h"
#include "validation/synth.h"
#include "validation/validate_file.h"

namespace opgv::validation {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

fs::path sourceDir() {
  const char* env = std::getenv("OPGV_SOURCE_DIR");
  return env ? fs::path(env) : fs::path(OPGV_SOURCE_DIR);
}
fs::path modelsDir() { return sourceDir() / "models"; }

std::vector<std::string> modelSlugs() {
  std::vector<std::string> slugs;
  for (const auto& entry : fs::directory_iterator(modelsDir())) {
    if (fs::exists(entry.path() / "datapackage.json")) slugs.push_back(entry.path().filename());
  }
  std::sort(slugs.begin(), slugs.end());
  return slugs;
}

DataPackage loadPackage(const std::string& slug) {
  std::ifstream in(modelsDir() / slug / "datapackage.json");
  std::stringstream text;
  text << in.rdbuf();
  auto package = parsePackageText(text.str());
  EXPECT_TRUE(package.has_value()) << slug;
  return *package;
}

std::string synth(const std::string& slug, const std::string& resource, int64_t rows, uint64_t seed,
                  std::vector<std::string> areas = {}) {
  auto package = loadPackage(slug);
  SynthOptions options;
  options.rows = rows;
  options.seed = seed;
  options.resource = resource;
  options.areaIds = std::move(areas);
  std::ostringstream out;
  auto status = synthesize(package, modelsDir() / slug, options, out);
  EXPECT_TRUE(status.has_value()) << slug << "/" << resource << ": " << (status ? "" : status.error().message);
  return out.str();
}

// Parsed CSV: header and rows of cells.
struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  size_t col(const std::string& name) const {
    auto it = std::find(header.begin(), header.end(), name);
    EXPECT_NE(it, header.end()) << name;
    return static_cast<size_t>(it - header.begin());
  }
};

Table parseCsv(const std::string& text) {
  Table table;
  CsvParser::Handlers handlers;
  handlers.onHeader = [&](const CsvHeader& h) { table.header = h.labels; };
  handlers.onRecord = [&](const CsvRecord& r) {
    std::vector<std::string> cells;
    for (const auto& f : r.fields) cells.emplace_back(f.value);
    table.rows.push_back(std::move(cells));
  };
  CsvParser parser(Dialect{}, handlers);
  EXPECT_TRUE(parser.feed(text).has_value());
  EXPECT_TRUE(parser.finish().has_value());
  return table;
}

// Writes `csv` as the resource's file into a copy of the model folder and validates it there, so
// foreign keys to other resources of the package are resolved from their files.
Report validateInModel(const std::string& slug, const std::string& resource, const std::string& csv) {
  static std::atomic<int> counter{0};
  fs::path dir = fs::temp_directory_path() / ("opgv-synth-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  fs::create_directories(dir);
  for (const auto& entry : fs::directory_iterator(modelsDir() / slug)) {
    if (entry.is_regular_file()) fs::copy_file(entry.path(), dir / entry.path().filename());
  }
  auto package = loadPackage(slug);
  const Resource* res = package.resource(resource);
  EXPECT_NE(res, nullptr);
  {
    std::ofstream file(dir / res->descriptor["path"].get<std::string>(), std::ios::binary | std::ios::trunc);
    file << csv;
  }
  auto report = validateResource(package, dir, resource, "");
  fs::remove_all(dir);
  EXPECT_TRUE(report.has_value());
  return report ? *report : Report{};
}

std::string firstErrors(const Report& report) {
  std::string out;
  for (size_t i = 0; i < report.errors.size() && i < 5; ++i) out += report.errors[i].message + "\n";
  for (const auto& note : report.notes) out += "Hinweis: " + note + "\n";
  return out;
}

void expectValid(const std::string& slug, const std::string& resource, const std::string& csv, int64_t rows) {
  auto report = validateInModel(slug, resource, csv);
  if (rows == 0) {
    // The header alone: the validator's only complaint is that there are no data rows.
    EXPECT_EQ(csv.find('\n'), csv.size() - 1);
    ASSERT_LE(report.errors.size(), 1u);
    if (!report.errors.empty()) {
      EXPECT_NE(report.errors[0].message.find("nur die Kopfzeile"), std::string::npos);
    }
    EXPECT_EQ(report.stats.rows, 0);
    return;
  }
  EXPECT_TRUE(report.valid) << slug << "/" << resource << " rows=" << rows << "\n" << firstErrors(report);
  EXPECT_EQ(report.stats.errors, 0);
  EXPECT_EQ(report.stats.rows, rows) << slug << "/" << resource;
  for (const auto& note : report.notes) {
    // validateResource notes a referenced resource it could not read or check.
    for (const char* bad : {"nicht geprüft", "nicht gelesen", "hat selbst"}) {
      EXPECT_EQ(note.find(bad), std::string::npos) << slug << "/" << resource << ": " << note;
    }
  }
}

double pearson(const std::vector<double>& x, const std::vector<double>& y) {
  double mx = 0, my = 0;
  for (size_t i = 0; i < x.size(); ++i) mx += x[i], my += y[i];
  mx /= static_cast<double>(x.size());
  my /= static_cast<double>(y.size());
  double sxy = 0, sxx = 0, syy = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  return sxy / std::sqrt(sxx * syy);
}

json synthHints(const std::string& slug) {
  std::ifstream in(modelsDir() / slug / "synth.json");
  return json::parse(in);
}

// ---------------------------------------------------------------------------------------------

TEST(SynthModels, EveryModelHasSynthHints) {
  auto slugs = modelSlugs();
  EXPECT_EQ(slugs.size(), 9u);
  for (const auto& slug : slugs) {
    auto hints = readSynthHints(modelsDir() / slug);
    ASSERT_TRUE(hints.has_value()) << slug;
    EXPECT_TRUE(hints->is_object()) << slug << " has no synth.json";
    EXPECT_TRUE(hints->contains("quelle")) << slug;
  }
}

TEST(SynthModels, EveryResourceValidatesAtSeveralSizesAndSeeds) {
  for (const auto& slug : modelSlugs()) {
    auto package = loadPackage(slug);
    for (const auto& resource : package.resources) {
      if (!resource.schema) continue;
      for (int64_t rows : {0, 1, 10, 1000, 20000}) {
        for (uint64_t seed : {1u, 20251127u}) {
          SCOPED_TRACE(slug + "/" + resource.name + " rows=" + std::to_string(rows) + " seed=" + std::to_string(seed));
          std::string csv = synth(slug, resource.name, rows, seed);
          expectValid(slug, resource.name, csv, rows);
        }
      }
    }
  }
}

TEST(SynthModels, EveryColumnGetsValues) {
  // A hint that silently produced nothing would leave a column empty.
  for (const auto& slug : modelSlugs()) {
    auto package = loadPackage(slug);
    for (const auto& resource : package.resources) {
      if (!resource.schema) continue;
      auto table = parseCsv(synth(slug, resource.name, 1000, 7));
      ASSERT_EQ(table.rows.size(), 1000u);
      for (size_t c = 0; c < table.header.size(); ++c) {
        size_t filled = 0;
        for (const auto& row : table.rows) filled += !row[c].empty();
        EXPECT_GT(filled, 0u) << slug << "/" << resource.name << "." << table.header[c];
      }
    }
  }
}

TEST(SynthModels, WithoutHintsEveryResourceStillValidates) {
  for (const auto& slug : modelSlugs()) {
    auto package = loadPackage(slug);
    for (const auto& resource : package.resources) {
      if (!resource.schema) continue;
      SynthOptions options;
      options.rows = 300;
      options.resource = resource.name;
      std::ostringstream out;
      auto status = synthesizeWithHints(package, modelsDir() / slug, json(), options, out);
      ASSERT_TRUE(status.has_value()) << slug << "/" << resource.name << ": " << status.error().message;
      expectValid(slug, resource.name, out.str(), 300);
    }
  }
}

TEST(SynthDeterminism, SameSeedSameBytesOtherSeedOtherData) {
  for (const auto& slug : modelSlugs()) {
    auto package = loadPackage(slug);
    for (const auto& resource : package.resources) {
      if (!resource.schema) continue;
      std::string a = synth(slug, resource.name, 500, 3);
      std::string b = synth(slug, resource.name, 500, 3);
      std::string c = synth(slug, resource.name, 500, 4);
      EXPECT_EQ(a, b) << slug << "/" << resource.name;
      EXPECT_NE(a, c) << slug << "/" << resource.name;
      // The first rows of a longer output are the same rows.
      std::string longer = synth(slug, resource.name, 600, 3);
      EXPECT_TRUE(longer.starts_with(a.substr(0, a.find('\n') + 1))) << slug;
    }
  }
}

TEST(SynthDeterminism, KnownFirstRowsDoNotChangeUnnoticed) {
  // Golden check of the transforms (mt19937_64 + own inverse normal CDF): if this changes, the
  // same seed no longer gives the same data as before.
  std::string csv = synth("sozialraum-indikatoren", "indikatorwerte", 3, 1);
  auto table = parseCsv(csv);
  ASSERT_EQ(table.rows.size(), 3u);
  EXPECT_EQ(table.header, (std::vector<std::string>{"gebiet_id", "gebietsebene", "stichtag", "indikator", "wert", "einheit"}));
  EXPECT_EQ(table.rows[0][0], "09999001");
  EXPECT_EQ(table.rows[0][2], "2020-12-31");
  EXPECT_EQ(table.rows[0][3], "EW");
  EXPECT_EQ(table.rows[1][3], "S1");
  EXPECT_EQ(table.rows[1][5], "prozent");
  EXPECT_EQ(table.rows[0][4], "3593");
  EXPECT_EQ(table.rows[1][4], "2.50413");
  EXPECT_EQ(table.rows[2][4], "4.79574");
  EXPECT_EQ(synth("sozialraum-indikatoren", "indikatorwerte", 3, 1), csv);
}

TEST(SynthMissing, RatesMatchTheHintsWithinTwoPoints) {
  struct Case {
    std::string slug, resource, field;
    double rate;
  };
  std::vector<Case> cases = {
      {"raumgliederung", "gebiete", "ags", 0.3},
      {"baustellen", "baustellen", "beschreibung", 0.3},
      {"baustellen", "baustellen", "ende", 0.1},
      {"hundesteuer", "anmeldungen", "abmeldedatum", 0.8},
      {"kindertagesbetreuung", "einrichtungen", "gebiet_id", 0.1},
      {"sozialraum-indikatoren", "indikatorwerte-breit", "s1", 0.0111},
  };
  for (const auto& c : cases) {
    auto table = parseCsv(synth(c.slug, c.resource, 20000, 11));
    size_t col = table.col(c.field), empty = 0;
    for (const auto& row : table.rows) empty += row[col].empty();
    double rate = static_cast<double>(empty) / static_cast<double>(table.rows.size());
    EXPECT_NEAR(rate, c.rate, 0.02) << c.slug << "/" << c.field;
  }
  // Required fields are never left empty, whatever the hint says.
  auto package = parsePackageText(R"({"name":"t","resources":[{"name":"r","path":"r.csv","schema":{"fields":[
    {"name":"id","type":"integer"},{"name":"a","type":"string","constraints":{"required":true}},
    {"name":"b","type":"string"}],"primaryKey":["id"]}}]})");
  ASSERT_TRUE(package.has_value());
  json hints = {{"fields", {{"a", {{"values", {"x"}}, {"missingRate", 0.5}}}, {"b", {{"values", {"y"}}, {"missingRate", 0.25}}}}}};
  SynthOptions options;
  options.rows = 20000;
  std::ostringstream out;
  ASSERT_TRUE(synthesizeWithHints(*package, modelsDir(), hints, options, out).has_value());
  auto table = parseCsv(out.str());
  size_t emptyA = 0, emptyB = 0;
  for (const auto& row : table.rows) emptyA += row[1].empty(), emptyB += row[2].empty();
  EXPECT_EQ(emptyA, 0u);
  EXPECT_NEAR(static_cast<double>(emptyB) / 20000.0, 0.25, 0.02);
}

TEST(SynthCorrelation, StatusIndicatorsAreCorrelatedAsConfigured) {
  auto hints = synthHints("sozialraum-indikatoren");
  auto rho = [&](const std::string& code) { return hints["codes"][code]["rho"].get<double>(); };
  // Long form: one value per area and indicator, pivoted.
  auto table = parseCsv(synth("sozialraum-indikatoren", "indikatorwerte", 48000, 5));
  std::map<std::string, std::map<std::string, double>> byArea;
  for (const auto& row : table.rows) {
    if (!row[4].empty()) byArea[row[0] + "|" + row[2]][row[3]] = std::stod(row[4]);
  }
  std::map<std::string, std::vector<double>> series;
  for (const auto& [area, values] : byArea) {
    if (!values.count("S1") || !values.count("S3") || !values.count("S4")) continue;
    for (const char* code : {"S1", "S3", "S4"}) series[code].push_back(values.at(code));
  }
  ASSERT_GT(series["S1"].size(), 1500u);
  for (auto [a, b] : std::vector<std::pair<std::string, std::string>>{{"S1", "S3"}, {"S1", "S4"}, {"S3", "S4"}}) {
    double configured = rho(a) * rho(b);
    EXPECT_GT(configured, 0.9);
    EXPECT_NEAR(pearson(series[a], series[b]), configured, 0.15) << a << "/" << b;
  }
  // Wide form: the same in one row.
  auto wide = parseCsv(synth("sozialraum-indikatoren", "indikatorwerte-breit", 20000, 5));
  std::vector<double> s1, s4;
  for (const auto& row : wide.rows) {
    if (row[wide.col("s1")].empty() || row[wide.col("s4")].empty()) continue;
    s1.push_back(std::stod(row[wide.col("s1")]));
    s4.push_back(std::stod(row[wide.col("s4")]));
  }
  EXPECT_NEAR(pearson(s1, s4), rho("S1") * rho("S4"), 0.15);
  // An indicator without the factor is not correlated with them.
  std::vector<double> x, d4;
  for (const auto& [area, values] : byArea) {
    if (values.count("S1") && values.count("D4")) x.push_back(values.at("S1")), d4.push_back(values.at("D4"));
  }
  EXPECT_NEAR(pearson(x, d4), 0.0, 0.1);
}

TEST(SynthCorrelation, MeansAndRangesFollowTheMssStatistics) {
  auto hints = synthHints("sozialraum-indikatoren");
  auto table = parseCsv(synth("sozialraum-indikatoren", "indikatorwerte", 24000, 9));
  std::map<std::string, std::vector<double>> values;
  for (const auto& row : table.rows) {
    if (!row[4].empty()) values[row[3]].push_back(std::stod(row[4]));
  }
  for (const char* code : {"EW", "S1", "S3", "S4", "D1", "KI_04", "KI_10"}) {
    const auto& h = hints["codes"][code];
    const json& dist = h.contains("normal") ? h["normal"] : h["lognormal"];
    double mean = 0;
    for (double v : values[code]) {
      mean += v;
      EXPECT_GE(v, h["min"].get<double>());
      EXPECT_LE(v, h["max"].get<double>());
    }
    mean /= static_cast<double>(values[code].size());
    // Clipping at min/max moves the mean a little; within a quarter standard deviation.
    EXPECT_NEAR(mean, dist["mean"].get<double>(), 0.25 * dist["sd"].get<double>()) << code;
  }
}

TEST(SynthConsistency, RulesBetweenFieldsHold) {
  {
    auto t = parseCsv(synth("haushalt", "ergebnisplan", 5000, 2));
    for (const auto& row : t.rows) {
      double e = std::stod(row[t.col("ertraege_euro")]), a = std::stod(row[t.col("aufwendungen_euro")]);
      EXPECT_NEAR(std::stod(row[t.col("saldo_euro")]), e - a, 0.005);
    }
    EXPECT_EQ(t.rows[0][t.col("produktbereich_name")], "Innere Verwaltung");
  }
  {
    auto t = parseCsv(synth("kindertagesbetreuung", "einrichtungen", 5000, 2));
    for (const auto& row : t.rows) {
      long places = std::stol(row[t.col("plaetze_genehmigt")]);
      long kids = std::stol(row[t.col("kinder_unter_3")]) + std::stol(row[t.col("kinder_3_bis_6")]) +
                  std::stol(row[t.col("kinder_schulkind")]);
      EXPECT_LE(kids, places);
      EXPECT_NE(row[t.col("name")].find("(fiktiv)"), std::string::npos);
    }
  }
  {
    // einheit is the indicator's unit from the code list.
    std::map<std::string, std::string> unit;
    auto codes = parseCsv([] {
      std::ifstream in(modelsDir() / "sozialraum-indikatoren" / "indikatoren.csv");
      std::stringstream s;
      s << in.rdbuf();
      return s.str();
    }());
    for (const auto& row : codes.rows) unit[row[0]] = row[3];
    auto t = parseCsv(synth("sozialraum-indikatoren", "indikatorwerte", 2000, 2));
    for (const auto& row : t.rows) EXPECT_EQ(row[5], unit.at(row[3])) << row[3];
  }
  {
    auto t = parseCsv(synth("baustellen", "baustellen", 2000, 2));
    for (const auto& row : t.rows) {
      if (!row[t.col("ende")].empty()) {
        EXPECT_GE(row[t.col("ende")], row[t.col("beginn")]);
      }
      EXPECT_NE(row[t.col("titel")].find(row[t.col("strasse")]), std::string::npos);
      // Geopoints inside Germany, "lon, lat".
      std::string lage = row[t.col("lage")];
      double lon = std::stod(lage.substr(0, lage.find(','))), lat = std::stod(lage.substr(lage.find(',') + 1));
      EXPECT_TRUE(lon >= 6 && lon <= 15 && lat >= 47.3 && lat <= 55) << lage;
      EXPECT_TRUE(row[t.col("ags")].starts_with("099")) << row[t.col("ags")];
    }
  }
  {
    auto t = parseCsv(synth("raumgliederung", "gebiete", 200, 2));
    EXPECT_EQ(t.rows[0][t.col("uebergeordnet_id")], "");
    EXPECT_EQ(t.rows[0][t.col("gebietsebene")], "kreis");
    std::set<std::string> seen;
    for (const auto& row : t.rows) {
      const auto& parent = row[t.col("uebergeordnet_id")];
      if (!parent.empty()) {
        EXPECT_TRUE(seen.count(parent)) << "parent after child: " << parent;
      }
      seen.insert(row[t.col("gebiet_id")]);
    }
  }
  {
    // latentKey: the same school is about as large in every school year.
    auto t = parseCsv(synth("schulen", "schulen", 3000, 2));
    std::vector<double> first, second;
    for (size_t i = 0; i + 1 < t.rows.size(); i += 3) {
      first.push_back(std::stod(t.rows[i][t.col("schueler_anzahl")]));
      second.push_back(std::stod(t.rows[i + 1][t.col("schueler_anzahl")]));
    }
    EXPECT_GT(pearson(first, second), 0.8);
  }
  {
    // Master data of a school stays the same in every school year.
    auto t = parseCsv(synth("schulen", "schulen", 300, 2));
    std::map<std::string, std::string> nameOf;
    for (const auto& row : t.rows) {
      auto [it, inserted] = nameOf.emplace(row[t.col("schul_id")], row[t.col("name")] + row[t.col("lage")]);
      if (!inserted) {
        EXPECT_EQ(it->second, row[t.col("name")] + row[t.col("lage")]);
      }
    }
    EXPECT_EQ(nameOf.size(), 100u);
  }
}

TEST(SynthAreas, RealBerlinPlanungsraeume) {
  fs::path file = "/work/shared/data/berlin-lor/planungsraeume-2021.csv";
  if (!fs::exists(file)) GTEST_SKIP() << "no " << file;
  app::SynthArgs args;
  args.model = "sozialraum-indikatoren";
  args.areasFile = file.string();
  args.resourcesDir = sourceDir().string();
  args.rows = 20000;
  args.seed = 8;
  std::ostringstream out, err;
  ASSERT_EQ(app::runSynth(args, out, err), 0) << err.str();
  auto t = parseCsv(out.str());
  ASSERT_EQ(t.rows.size(), 20000u);
  std::set<std::string> ids, dates;
  for (const auto& row : t.rows) ids.insert(row[0]), dates.insert(row[2]);
  // 542 areas × 24 indicators = 13008 rows per Stichtag: a second Stichtag two years earlier.
  EXPECT_EQ(ids.size(), 542u);
  EXPECT_TRUE(ids.count("01100101"));
  EXPECT_EQ(dates, (std::set<std::string>{"2018-12-31", "2020-12-31"}));
  expectValid("sozialraum-indikatoren", "indikatorwerte", out.str(), 20000);

  // A tree over the real ids; beyond them generated ids.
  args.model = "raumgliederung";
  args.rows = 600;
  std::ostringstream tree;
  ASSERT_EQ(app::runSynth(args, tree, err), 0) << err.str();
  auto g = parseCsv(tree.str());
  EXPECT_EQ(g.rows[0][0], "01100101");
  expectValid("raumgliederung", "gebiete", tree.str(), 600);

  // Non-key area fields (kita gebiet_id) take the given ids.
  args.model = "kindertagesbetreuung";
  args.rows = 1000;
  std::ostringstream kita;
  ASSERT_EQ(app::runSynth(args, kita, err), 0) << err.str();
  auto k = parseCsv(kita.str());
  std::set<std::string> plr;
  {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    for (const auto& row : parseCsv(text.str()).rows) plr.insert(row[0]);
  }
  ASSERT_EQ(plr.size(), 542u);
  size_t filled = 0;
  for (const auto& row : k.rows) {
    const auto& id = row[k.col("gebiet_id")];
    if (id.empty()) continue;
    ++filled;
    EXPECT_TRUE(plr.count(id)) << id;
  }
  EXPECT_GT(filled, 800u);
  expectValid("kindertagesbetreuung", "einrichtungen", kita.str(), 1000);
}

TEST(SynthAreas, AreasFileWithOtherColumnsAndInvalidIds) {
  fs::path dir = fs::temp_directory_path() / ("opgv-synth-areas-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  {
    std::ofstream(dir / "areas.csv") << "name;ags\nA;09162000\nB;09564000\nA;09162000\n";
    std::ofstream(dir / "bad.csv") << "gebiet_id\nkein gültiger Schlüssel\n";
  }
  app::SynthArgs args;
  args.model = "haushalt";
  args.areasFile = (dir / "areas.csv").string();
  args.resourcesDir = sourceDir().string();
  args.rows = 200;
  std::ostringstream out, err;
  ASSERT_EQ(app::runSynth(args, out, err), 0) << err.str();
  auto t = parseCsv(out.str());
  std::set<std::string> ags;
  for (const auto& row : t.rows) ags.insert(row[0]);
  EXPECT_EQ(ags, (std::set<std::string>{"09162000", "09564000"}));
  expectValid("haushalt", "ergebnisplan", out.str(), 200);

  args.areasFile = (dir / "bad.csv").string();
  std::ostringstream out2, err2;
  EXPECT_EQ(app::runSynth(args, out2, err2), 2);
  EXPECT_NE(err2.str().find("--areas"), std::string::npos) << err2.str();
  fs::remove_all(dir);
}

TEST(SynthCommand, UsageErrors) {
  app::SynthArgs args;
  args.resourcesDir = sourceDir().string();
  args.model = "gibt-es-nicht";
  std::ostringstream out, err;
  EXPECT_EQ(app::runSynth(args, out, err), 2);
  EXPECT_NE(err.str().find("sozialraum-indikatoren"), std::string::npos) << err.str();

  for (int64_t rows : {int64_t{-1}, kSynthMaxRows + 1}) {
    args.model = "haushalt";
    args.rows = rows;
    std::ostringstream o, e;
    EXPECT_EQ(app::runSynth(args, o, e), 2);
    EXPECT_NE(e.str().find("--rows"), std::string::npos);
    EXPECT_TRUE(o.str().empty());
  }
  args.rows = 5;
  args.resource = "gibt-es-nicht";
  {
    std::ostringstream o, e;
    EXPECT_EQ(app::runSynth(args, o, e), 2);
    EXPECT_NE(e.str().find("ergebnisplan"), std::string::npos) << e.str();
  }
  args.resource = "";
  args.areasFile = "/gibt/es/nicht.csv";
  {
    std::ostringstream o, e;
    EXPECT_EQ(app::runSynth(args, o, e), 2);
    EXPECT_NE(e.str().find("Gebietsdatei"), std::string::npos) << e.str();
  }
  args.areasFile = "";
  args.model = "../models";
  {
    std::ostringstream o, e;
    EXPECT_EQ(app::runSynth(args, o, e), 2);
  }
  args.model = "hundesteuer";
  args.resource = "bestand";
  {
    std::ostringstream o, e;
    EXPECT_EQ(app::runSynth(args, o, e), 0) << e.str();
    EXPECT_TRUE(o.str().starts_with("ags,jahr,hunde_gesamt,")) << o.str();
    std::string text = o.str();
    EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 6);
  }
}

TEST(SynthHints, BadHintsAreReportedInGerman) {
  auto package = loadPackage("haushalt");
  SynthOptions options;
  for (const json& hints : {json{{"fields", {{"saldo_euro", {{"unbekannt", 1}}}}}},
                            json{{"fields", {{"saldo_euro", {{"difference", {"ertraege_euro"}}}}}}},
                            json{{"fields", {{"planart", {{"values", {"gibt-es-nicht"}}}}}}},
                            json{{"fields", {{"ertraege_euro", {{"normal", {{"mean", 1}}}}}}}},
                            json{{"fields", {{"produktbereich_name", {{"template", "{word:fehlt}"}}}}}},
                            json{{"fields", {{"ertraege_euro", {{"decimals", "zwei"}}}}}},
                            json{{"falsch", 1}}}) {
    std::ostringstream out;
    auto status = synthesizeWithHints(package, modelsDir() / "haushalt", hints, options, out);
    ASSERT_FALSE(status.has_value()) << hints.dump();
    EXPECT_EQ(status.error().code, ErrorCode::kInvalidInput);
    EXPECT_NE(status.error().message.find("synth.json"), std::string::npos) << status.error().message;
    EXPECT_TRUE(out.str().empty());
  }
  // More rows than key combinations.
  auto table = parsePackageText(R"({"name":"t","resources":[{"name":"r","path":"r.csv","schema":{"fields":[
    {"name":"art","type":"string","categories":["a","b"]}],"primaryKey":["art"]}}]})");
  options.rows = 3;
  std::ostringstream out;
  auto status = synthesizeWithHints(*table, modelsDir(), json(), options, out);
  ASSERT_FALSE(status.has_value());
  EXPECT_NE(status.error().message.find("höchstens 2"), std::string::npos) << status.error().message;
}

TEST(SynthPattern, SamplesMatchThePatternsOfTheModels) {
  for (const char* pattern : {"[0-9]{8}", "[0-9]{5}", "[0-9]{12}", "[0-9]{4}/[0-9]{2}", "\\d{4}/\\d{2}", "[A-Z][A-Z0-9_]*",
                              "[0-9A-Za-z][0-9A-Za-z_.-]*", "BST-\\d{3,5}", "[a-z]+\\.[a-z]{2,3}", "x?y+"}) {
    std::string error;
    auto matcher = PatternMatcher::compile(pattern, &error);
    ASSERT_TRUE(matcher) << error;
    for (uint64_t seed = 1; seed <= 50; ++seed) {
      auto sample = samplePattern(pattern, seed);
      ASSERT_TRUE(sample.has_value()) << pattern;
      EXPECT_TRUE(matcher->matches(*sample)) << pattern << " → " << *sample;
    }
  }
  EXPECT_EQ(samplePattern("[0-9]{3}", 5), samplePattern("[0-9]{3}", 5));
  for (const char* unsupported : {"(a|b)", "a|b", "[^0-9]", "\\p{L}+", "ä{2}"}) {
    EXPECT_FALSE(samplePattern(unsupported, 1).has_value()) << unsupported;
  }
  // A generic field with a pattern and no hint is filled from the pattern.
  auto package = parsePackageText(R"({"name":"t","resources":[{"name":"r","path":"r.csv","schema":{"fields":[
    {"name":"id","type":"integer"},{"name":"code","type":"string","constraints":{"required":true,"pattern":"[A-Z]{2}-\\d{4}"}},
    {"name":"betrag","type":"number","constraints":{"exclusiveMinimum":0,"maximum":5}},
    {"name":"tag","type":"date","constraints":{"minimum":"2024-01-01","maximum":"2024-01-31"}},
    {"name":"art","type":"string","constraints":{"enum":["x","y"]}}],"primaryKey":["id"]}}]})");
  ASSERT_TRUE(package.has_value());
  SynthOptions options;
  options.rows = 2000;
  std::ostringstream out;
  ASSERT_TRUE(synthesizeWithHints(*package, modelsDir(), json(), options, out).has_value());
  TableValidator validator(*package->resources[0].schema);
  ASSERT_TRUE(readTableBytes(out.str(), "r.csv", FileOptions{}, validator).has_value());
  auto report = validator.finish();
  EXPECT_TRUE(report.valid) << firstErrors(report);
  EXPECT_EQ(report.stats.rows, 2000);
}

TEST(SynthSpeed, ManyRowsStreamQuickly) {
  // 200,000 rows of the long form; the full million is measured by hand (see the report).
  auto package = loadPackage("sozialraum-indikatoren");
  SynthOptions options;
  options.rows = 200000;
  std::ostringstream out;
  auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(synthesize(package, modelsDir() / "sozialraum-indikatoren", options, out).has_value());
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::string text = out.str();
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 200001);
  EXPECT_LT(seconds, 10.0);
}

}  // namespace
}  // namespace opgv::validation
