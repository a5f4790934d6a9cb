// Lints the use cases in content/use-cases/ against the content rules: valid front matter and
// headings, known vocabularies, fictional places labelled, real places only with a source, every
// KPI with a source; and the coverage the library needs (issue 3).
#include <gtest/gtest.h>

#include <set>

#include "features/library/content_loader.h"
#include "support/test_server.h"

namespace opgv::library {
namespace {

TEST(UseCaseContent, EveryFileFollowsTheRules) {
  auto files = loadUseCases(test::sourceDir() + "/content/use-cases");
  ASSERT_TRUE(files) << files.error().message;
  EXPECT_GE(files->size(), 30u);
  for (const auto& f : *files) {
    for (const auto& problem : validateUseCase(f)) ADD_FAILURE() << problem;
  }
}

TEST(UseCaseContent, CoversThemenfelderTypesAndSizes) {
  auto files = loadUseCases(test::sourceDir() + "/content/use-cases");
  ASSERT_TRUE(files);
  std::set<std::string> themen, typen, klassen;
  for (const auto& f : *files) {
    for (const auto& t : f.meta["themenfeld"]) themen.insert(t.get<std::string>());
    for (const auto& k : f.meta["kommunen"]) {
      if (k.contains("verwaltungstyp")) typen.insert(k["verwaltungstyp"].get<std::string>());
      if (k.contains("einwohner") && k["einwohner"].is_number()) {
        auto n = k["einwohner"].get<int64_t>();
        klassen.insert(n < 20000 ? "klein" : n <= 100000 ? "mittel" : "gross");
      }
    }
  }
  EXPECT_EQ(themen.size(), themenfelder().size());
  EXPECT_EQ(typen.size(), 4u);
  EXPECT_EQ(klassen.size(), 3u);
}

TEST(UseCaseContent, RejectsBrokenAndRuleBreakingFiles) {
  EXPECT_FALSE(parseUseCaseFile("x.md", "kein front matter"));
  EXPECT_FALSE(parseUseCaseFile("x.md", "---\nslug: [offen\n---\n"));
  auto file = parseUseCaseFile("beispiel.md",
                               "---\nslug: beispiel\ntitle: T\nsummary: S\nlicence: CC-BY-4.0\nlast_reviewed: 2026-11-27\n"
                               "example: false\nthemenfeld: [Soziales]\nstatus: im_betrieb\nzusammenarbeitsform: data_pooling\n"
                               "kommunen:\n  - name: Musterstadt\n    fictional: true\n    verwaltungstyp: gemeinde\n"
                               "  - name: Köln\n    fictional: false\n"
                               "wirkung:\n  - kennzahl: K\n    vorher: 1\n    nachher: 2\n"
                               "huerden: []\npersonenbezug: {betroffen: false}\naufwand: {}\nprojektweg: []\n---\n"
                               "## Ausgangslage\n");
  ASSERT_TRUE(file);
  auto problems = validateUseCase(*file);
  auto has = [&](const std::string& needle) {
    return std::any_of(problems.begin(), problems.end(), [&](const auto& p) { return p.find(needle) != std::string::npos; });
  };
  EXPECT_TRUE(has("ohne „(fiktiv)“"));
  EXPECT_TRUE(has("„example“ ist nicht true"));
  EXPECT_TRUE(has("echte Kommune „Köln“ ohne Quelle"));
  EXPECT_TRUE(has("Kennzahl ohne Quelle"));
  EXPECT_TRUE(has("Überschriften"));
}

TEST(UseCaseContent, QuotedKeysStayText) {
  auto file = parseUseCaseFile("a.md", "---\nags: \"01001000\"\nzahl: 42\nplz: 01067\n---\n");
  ASSERT_TRUE(file);
  EXPECT_EQ(file->meta["ags"], "01001000");
  EXPECT_EQ(file->meta["zahl"], 42);
  EXPECT_EQ(file->meta["plz"], "01067");
}

}  // namespace
}  // namespace opgv::library
