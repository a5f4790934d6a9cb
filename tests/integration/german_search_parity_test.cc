// German full-text search behaves the same on both engines: SQLite FTS5 with our german_snowball
// tokenizer and PostgreSQL's 'german' configuration. Result *sets* are compared, not ranks.
#include <gtest/gtest.h>

#include <set>

#include "db/db.h"
#include "search/query.h"
#include "support/test_server.h"

namespace opgv::test {
namespace {

const std::vector<std::pair<int, std::string>> kCorpus = {
    {1, "Sozialraumplanung mit harmonisierten Daten der Stadtteile"},
    {2, "Schulentwicklungsplanung: Prognose der Schülerzahlen an Schulen"},
    {3, "Die Schule am Markt bekommt eine neue Mensa"},
    {4, "Häuser am See"},
    {5, "Ein Haus für Kinder und Familien"},
    {6, "Kita-Platzplanung im Landkreis"},
    {7, "Bücher der Stadtbibliothek"},
    {8, "Zeitungen und Zeitschriften im Lesesaal"},
};

class GermanSearch : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::kPostgres && !postgresAvailable()) GTEST_SKIP() << "kein PostgreSQL (TEST_PG_ADMIN_URL)";
    database_ = std::make_unique<TestDatabase>(GetParam());
    db_ = db::open(database_->url(), 2);
    auto conn = db_->acquire();
    if (GetParam() == Backend::kSqlite) {
      conn->execScript("CREATE VIRTUAL TABLE docs USING fts5(body, tokenize = 'german_snowball')");
      for (const auto& [id, text] : kCorpus) conn->query("INSERT INTO docs (rowid, body) VALUES ($1, $2)", {id, text});
    } else {
      conn->execScript(
          "CREATE TABLE docs (id INTEGER PRIMARY KEY, body TEXT NOT NULL, "
          "tsv tsvector GENERATED ALWAYS AS (to_tsvector('german', body)) STORED)");
      for (const auto& [id, text] : kCorpus) conn->query("INSERT INTO docs (id, body) VALUES ($1, $2)", {id, text});
    }
  }

  std::set<int64_t> find(const std::string& userInput) {
    auto q = search::parseQuery(userInput);
    std::set<int64_t> ids;
    if (q.empty()) return ids;
    db::ResultSet rs = GetParam() == Backend::kSqlite
                           ? db_->query("SELECT rowid FROM docs WHERE docs MATCH $1", {search::toFts5Match(q)})
                           : db_->query("SELECT id FROM docs WHERE tsv @@ plainto_tsquery('german', $1)",
                                        {search::toPlainText(q)});
    for (const auto& r : rs.rows) ids.insert(r.i64(0));
    return ids;
  }

  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<db::Database> db_;
};

TEST_P(GermanSearch, InflectedFormsFindEachOther) {
  EXPECT_EQ(find("Schulen"), (std::set<int64_t>{2, 3}));
  EXPECT_EQ(find("Schule"), (std::set<int64_t>{2, 3}));
  EXPECT_EQ(find("Haus"), (std::set<int64_t>{4, 5}));
  EXPECT_EQ(find("Häuser"), (std::set<int64_t>{4, 5}));
  EXPECT_EQ(find("Hauses"), (std::set<int64_t>{4, 5}));
  EXPECT_EQ(find("Buch"), (std::set<int64_t>{7}));
  EXPECT_EQ(find("Zeitung"), (std::set<int64_t>{8}));
  EXPECT_EQ(find("Stadtteil"), (std::set<int64_t>{1}));
}

TEST_P(GermanSearch, AllWordsAreRequired) {
  EXPECT_EQ(find("Schule Mensa"), (std::set<int64_t>{3}));
  EXPECT_EQ(find("Haus Kinder"), (std::set<int64_t>{5}));
  EXPECT_TRUE(find("Haus Zeitung").empty());
}

TEST_P(GermanSearch, QuerySyntaxIsTreatedAsWords) {
  for (const char* hostile : {"\"Schule", "Schule*", "-Schule", "(Schule", "Schule NEAR Mensa", "Schule OR Haus",
                              "Schule & !Mensa", "Schule:*"}) {
    EXPECT_NO_THROW(find(hostile)) << hostile;
  }
  EXPECT_EQ(find("(Schule"), (std::set<int64_t>{2, 3}));
  EXPECT_NO_THROW(find(std::string(10 * 1024, 'x')));
}

INSTANTIATE_TEST_SUITE_P(Backends, GermanSearch, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) { return std::string(backendName(info.param)); });

}  // namespace
}  // namespace opgv::test
