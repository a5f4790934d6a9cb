#include "search/query.h"

#include <gtest/gtest.h>

namespace opgv::search {
namespace {

TEST(SearchQuery, KeepsWordsAndUmlauts) {
  auto q = parseQuery("  Häuser, Straße & Schulen! ");
  ASSERT_EQ(q.words.size(), 3u);
  EXPECT_EQ(q.words[0], "Häuser");
  EXPECT_EQ(q.words[1], "Straße");
  EXPECT_EQ(q.words[2], "Schulen");
  EXPECT_EQ(toFts5Match(q), "\"Häuser\" \"Straße\" \"Schulen\"");
  EXPECT_EQ(toPlainText(q), "Häuser Straße Schulen");
}

TEST(SearchQuery, QuerySyntaxBecomesPlainWords) {
  for (const char* hostile : {"\"unbalanced", "NEAR(a b, 2)", "a* -b +c", "(((x", "a OR b AND NOT c", "a:b ^c {d}",
                              "title:foo", "x'; DROP TABLE users; --", "a & b | !c <-> d"}) {
    auto q = parseQuery(hostile);
    auto match = toFts5Match(q);
    for (const auto& w : q.words) {
      EXPECT_EQ(w.find_first_of("\"*()-+:^{}'&|!<>;"), std::string::npos) << hostile;
    }
    // Only quotes around words remain as syntax.
    size_t quotes = 0;
    for (char c : match) quotes += c == '"';
    EXPECT_EQ(quotes, 2 * q.words.size()) << hostile;
  }
}

TEST(SearchQuery, BoundsHugeInput) {
  std::string big(10 * 1024, 'a');
  auto q = parseQuery(big);
  ASSERT_EQ(q.words.size(), 1u);
  EXPECT_EQ(q.words[0].size(), kMaxWordBytes);
  std::string many;
  for (int i = 0; i < 100; ++i) many += "wort ";
  EXPECT_EQ(parseQuery(many).words.size(), kMaxWords);
}

TEST(SearchQuery, CutsLongWordsAtCodePointBoundaries) {
  std::string word;
  for (int i = 0; i < 40; ++i) word += "ä";  // 80 bytes
  auto q = parseQuery(word);
  ASSERT_EQ(q.words.size(), 1u);
  EXPECT_LE(q.words[0].size(), kMaxWordBytes);
  EXPECT_EQ(q.words[0].size() % 2, 0u);
}

TEST(SearchQuery, InvalidUtf8AndEmptyGiveNoWords) {
  EXPECT_TRUE(parseQuery("").empty());
  EXPECT_TRUE(parseQuery("  ,;. ").empty());
  EXPECT_TRUE(parseQuery("\xC3\x28").empty());
}

}  // namespace
}  // namespace opgv::search
