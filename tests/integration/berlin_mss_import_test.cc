// Acceptance of issue 5 on real data: the three raw tables of the Berlin Monitoring Soziale
// Stadtentwicklung 2021 (../shared/data/berlin-mss-2021/raw/) go through the repository's import
// profiles into the Sozialraum-Indikatoren model, aggregated from the 542 Planungsräume to the 58
// Prognoseräume (weighted by EW), and the result validates without errors. The data is not in the
// repository (licence unverified for redistribution), so the test skips where it is missing.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>

#include "support/process.h"
#include "support/test_server.h"

namespace opgv::test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

fs::path rawDir() { return fs::path(sourceDir()) / ".." / "shared" / "data" / "berlin-mss-2021" / "raw"; }

struct Imported {
  int code = -1;
  nlohmann::json report;
  std::map<std::string, std::string> values;  // "gebiet|indikator" → wert
  std::set<std::string> areas;
  size_t rows = 0;
};

class BerlinMssImport : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(rawDir() / "mss_2021_index_indikatoren.csv")) GTEST_SKIP() << "Berlin-MSS-Daten fehlen: " << rawDir();
    dir_ = fs::temp_directory_path() / ("opgv-mss-" + std::to_string(std::random_device{}()));
    fs::create_directories(dir_);
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
  }
  Imported run(const std::string& profile, const std::string& table) {
    fs::path out = dir_ / (profile + ".csv");
    OpgvProcess p({"import", "--profile", profile, "--resources", sourceDir(), "--format", "json", "--out", out.string(),
                   (rawDir() / table).string()},
                  (dir_ / profile).string());
    Imported result;
    result.code = p.wait(60s).value_or(-1);
    result.report = nlohmann::json::parse(p.out(), nullptr, false);
    std::ifstream in(out);
    std::string line;
    std::getline(in, line);
    EXPECT_EQ(line, "gebiet_id,gebietsebene,stichtag,indikator,wert,einheit");
    while (std::getline(in, line)) {
      std::vector<std::string> cells;
      std::stringstream ss(line);
      for (std::string cell; std::getline(ss, cell, ',');) cells.push_back(cell);
      if (cells.size() == 5) cells.push_back("");
      EXPECT_EQ(cells.size(), 6u) << line;
      if (cells.size() < 6) continue;
      EXPECT_EQ(cells[1], "prognoseraum");
      EXPECT_EQ(cells[2], "2020-12-31");
      result.areas.insert(cells[0]);
      result.values[cells[0] + "|" + cells[3]] = cells[4];
      ++result.rows;
    }
    return result;
  }
  fs::path dir_;
};

TEST_F(BerlinMssImport, IndexIndicatorsAggregateToThe58PrognoseraeumeAndValidate) {
  auto r = run("berlin-mss-2021-index-indikatoren-prognoseraeume", "mss_2021_index_indikatoren.csv");
  ASSERT_EQ(r.code, 0) << r.report.dump(2);
  EXPECT_EQ(r.report["valid"], true);
  EXPECT_EQ(r.report["source"]["stats"]["rows"], 542);
  EXPECT_EQ(r.report["source"]["stats"]["errors"], 0);
  EXPECT_EQ(r.report["result"]["stats"]["errors"], 0);
  EXPECT_EQ(r.areas.size(), 58u);
  EXPECT_EQ(r.rows, 58u * 9);  // EW, S1–S4, D1–D4
  // Hand-computed from the raw file (Σ EW·S1 / Σ EW over the Planungsräume 0110xxxx, all „gültig“):
  // (3419·4.22594 + 1791·1.15858 + 5211·5.31544 + 4636·6.18102 + 2573·2.8826 + 1803·2.15613 +
  //  8312·2.76734 + 6967·1.37665 + 12352·2.93421 + 9903·3.87555 + 9013·6.76912 + 9422·3.08821 +
  //  10779·2.85963 + 5178·1.88818 + 12593·2.05154 + 13443·2.08215) / 117395 = 3.2022796…
  EXPECT_EQ(r.values["0110|S1"], "3.20228");
  // Prognoseraum 1010, S4 (Kinderarmut): 10100205 is „ungültig (Ausreißer)“ (-9999) and carries no
  // weight; the other 15: Σ EW·S4 / Σ EW = 3,664,169.25… / 110,246 = 33.2363011…
  EXPECT_EQ(r.values["1010|S4"], "33.2363");
  // S2 and D2 are empty in the 2021 data: no value, but the rows are there (nothing dropped).
  EXPECT_EQ(r.values["0110|S2"], "");
}

TEST_F(BerlinMssImport, ContextIndicatorsAndIndicesToo) {
  auto kontext = run("berlin-mss-2021-kontext-indikatoren-prognoseraeume", "mss_2021_kontext_indikatoren.csv");
  ASSERT_EQ(kontext.code, 0) << kontext.report.dump(2);
  EXPECT_EQ(kontext.areas.size(), 58u);
  EXPECT_EQ(kontext.rows, 58u * 18);  // EW and KI_01–KI_17
  // Einwohner of Prognoseraum 0340: the sum over its 14 Planungsräume (03400831 has no EW) = 91,667.
  EXPECT_EQ(kontext.values["0340|EW"], "91667");
  auto indizes = run("berlin-mss-2021-indizes-prognoseraeume", "mss_2021_indizes.csv");
  ASSERT_EQ(indizes.code, 0) << indizes.report.dump(2);
  EXPECT_EQ(indizes.rows, 58u);  // only EW: index classes cannot be averaged (noted in the report)
  EXPECT_EQ(indizes.values["0340|EW"], "91667");
  EXPECT_EQ(indizes.report["stats"]["groupsSkipped"], 3 * 58);
  EXPECT_NE(indizes.report["notes"].dump().find("SI_N"), std::string::npos);
}

}  // namespace
}  // namespace opgv::test
