#include "common/text_diff.h"

#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <string>
#include <vector>

#include "common/strings.h"

namespace opgv::textdiff {

// Readable failure messages. In the type's namespace so gtest finds it by ADL; static keeps it
// local to this test.
static void PrintTo(const DiffPart& part, std::ostream* os) {
  const char* kind = part.change == Change::kSame ? "same" : part.change == Change::kAdded ? "added" : "removed";
  *os << kind << " " << testing::PrintToString(part.text);
}

namespace {

DiffPart same(std::string text) { return {Change::kSame, std::move(text)}; }
DiffPart added(std::string text) { return {Change::kAdded, std::move(text)}; }
DiffPart removed(std::string text) { return {Change::kRemoved, std::move(text)}; }

std::string reconstruct(const std::vector<DiffPart>& parts, Change keep) {
  std::string out;
  for (const DiffPart& part : parts) {
    if (part.change == Change::kSame || part.change == keep) out += part.text;
  }
  return out;
}

// The contract from text_diff.h, checked on every diff the tests produce.
void expectWellFormed(std::string_view before, std::string_view after) {
  SCOPED_TRACE(testing::Message() << "before=" << testing::PrintToString(std::string(before))
                                  << " after=" << testing::PrintToString(std::string(after)));
  const std::vector<DiffPart> parts = diffWords(before, after);
  EXPECT_EQ(reconstruct(parts, Change::kRemoved), before);
  EXPECT_EQ(reconstruct(parts, Change::kAdded), after);
  for (size_t i = 0; i < parts.size(); ++i) {
    EXPECT_FALSE(parts[i].text.empty()) << "part " << i;
    if (strings::isValidUtf8(before) && strings::isValidUtf8(after)) {
      EXPECT_TRUE(strings::isValidUtf8(parts[i].text)) << "part " << i << " splits a character";
    }
    if (i > 0) {
      EXPECT_NE(parts[i].change, parts[i - 1].change) << "unmerged parts at " << i;
      EXPECT_FALSE(parts[i - 1].change == Change::kAdded && parts[i].change == Change::kRemoved)
          << "added before removed at " << i;
    }
  }
}

TEST(TextDiff, SimpleReplacementIsMinimal) {
  EXPECT_EQ(diffWords("a b c", "a x c"),
            (std::vector<DiffPart>{same("a "), removed("b "), added("x "), same("c")}));
}

TEST(TextDiff, InsertionAndDeletion) {
  EXPECT_EQ(diffWords("a c", "a b c"), (std::vector<DiffPart>{same("a "), added("b "), same("c")}));
  EXPECT_EQ(diffWords("a b c", "a c"), (std::vector<DiffPart>{same("a "), removed("b "), same("c")}));
  EXPECT_EQ(diffWords("a b c d e", "a c e"),
            (std::vector<DiffPart>{same("a "), removed("b "), same("c "), removed("d "), same("e")}));
}

TEST(TextDiff, EmptyAndIdenticalInputs) {
  EXPECT_EQ(diffWords("", ""), std::vector<DiffPart>{});
  EXPECT_EQ(diffWords("", "neu"), std::vector<DiffPart>{added("neu")});
  EXPECT_EQ(diffWords("alt", ""), std::vector<DiffPart>{removed("alt")});
  EXPECT_EQ(diffWords("gleich bleibt  es\n", "gleich bleibt  es\n"), std::vector<DiffPart>{same("gleich bleibt  es\n")});
}

TEST(TextDiff, CompletelyDifferentTextsGiveOneRemovedAndOneAddedPart) {
  EXPECT_EQ(diffWords("eins zwei drei", "vier fünf"),
            (std::vector<DiffPart>{removed("eins zwei drei"), added("vier fünf")}));
}

TEST(TextDiff, WhitespaceBelongsToThePrecedingWord) {
  // "b" and "b " are different tokens: a changed trailing space is a change of the word.
  EXPECT_EQ(diffWords("a b", "a b c"), (std::vector<DiffPart>{same("a "), removed("b"), added("b c")}));
  EXPECT_EQ(diffWords("a  b", "a b"), (std::vector<DiffPart>{removed("a  "), added("a "), same("b")}));
  // Leading whitespace is a token of its own.
  EXPECT_EQ(diffWords("  a", "a"), (std::vector<DiffPart>{removed("  "), same("a")}));
}

TEST(TextDiff, Umlauts) {
  EXPECT_EQ(diffWords("Grüße aus Köln", "Grüße aus Düsseldorf"),
            (std::vector<DiffPart>{same("Grüße aus "), removed("Köln"), added("Düsseldorf")}));
  expectWellFormed("Straße – „Zitat“ 🚪 €", "Strasse – „Zitat“ 🚪 € 𝄞");
  expectWellFormed("äöü\u00A0ß", "äöü ß");  // NBSP is not a word boundary, but never split either
}

TEST(TextDiff, ReconstructsHandPickedPairs) {
  const std::vector<std::pair<std::string, std::string>> pairs = {
      {"", ""},
      {" ", ""},
      {"\n\n", "\n"},
      {"a", "a "},
      {"Der Hund bellt.", "Der Hund bellt nicht."},
      {"eins\nzwei\ndrei\n", "eins\ndrei\nvier\n"},
      {"\tEingerückt\r\nmit CRLF\r\n", "Eingerückt\nmit LF\n"},
      {"x x x x x", "x x x"},
      {"a b a b a b", "b a b a"},
      {std::string("a\0b c", 5), std::string("a\0b d", 5)},
      {"\xFF\xFE kaputt", "\xFF kaputt"},  // invalid UTF-8 is diffed byte-wise, still reconstructs
  };
  for (const auto& [before, after] : pairs) {
    expectWellFormed(before, after);
    expectWellFormed(after, before);
  }
}

TEST(TextDiff, ReconstructsRandomEdits) {
  const std::vector<std::string> words = {"der", "die", "das", "Verein", "Satzung", "Grüße", "Straße", "Köln",
                                          "€", "🚪", "„Zitat“", "a", "b", "–", "x"};
  const std::vector<std::string> spaces = {" ", " ", " ", "  ", "\n", "\n\n", "\t", " \n"};
  std::mt19937 random(20240611);
  auto pick = [&random](const std::vector<std::string>& from) {
    return from[std::uniform_int_distribution<size_t>(0, from.size() - 1)(random)];
  };
  auto randomText = [&](size_t wordCount) {
    std::vector<std::string> tokens;
    for (size_t i = 0; i < wordCount; ++i) tokens.push_back(pick(words) + pick(spaces));
    return tokens;
  };
  auto join = [](const std::vector<std::string>& tokens) {
    std::string out;
    for (const auto& t : tokens) out += t;
    return out;
  };
  for (int round = 0; round < 500; ++round) {
    std::vector<std::string> tokens = randomText(std::uniform_int_distribution<size_t>(0, 60)(random));
    std::vector<std::string> edited = tokens;
    const int edits = std::uniform_int_distribution<int>(0, 8)(random);
    for (int e = 0; e < edits; ++e) {
      const size_t at = std::uniform_int_distribution<size_t>(0, edited.size())(random);
      switch (std::uniform_int_distribution<int>(0, 2)(random)) {
        case 0:
          edited.insert(edited.begin() + static_cast<long>(at), pick(words) + pick(spaces));
          break;
        case 1:
          if (at < edited.size()) edited.erase(edited.begin() + static_cast<long>(at));
          break;
        default:
          if (at < edited.size()) edited[at] = pick(words) + pick(spaces);
          break;
      }
    }
    // Sometimes drop the trailing whitespace or add leading whitespace, the edge tokens.
    std::string before = join(tokens);
    std::string after = join(edited);
    if (round % 7 == 0 && !after.empty()) after.pop_back();
    if (round % 11 == 0) before = " " + before;
    expectWellFormed(before, after);
    if (HasFailure()) return;  // one readable failure, not hundreds
  }
}

// A diff of unrelated random texts must still be optimal in the number of unchanged words.
TEST(TextDiff, KeepsALongestCommonSubsequence) {
  std::mt19937 random(7);
  for (int round = 0; round < 200; ++round) {
    std::vector<std::string> a, b;
    for (int i = 0, n = std::uniform_int_distribution<int>(0, 12)(random); i < n; ++i) {
      a.push_back(std::string(1, static_cast<char>('a' + random() % 4)) + " ");
    }
    for (int i = 0, n = std::uniform_int_distribution<int>(0, 12)(random); i < n; ++i) {
      b.push_back(std::string(1, static_cast<char>('a' + random() % 4)) + " ");
    }
    std::vector<std::vector<size_t>> lcs(a.size() + 1, std::vector<size_t>(b.size() + 1, 0));
    for (size_t i = a.size(); i-- > 0;) {
      for (size_t j = b.size(); j-- > 0;) {
        lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    std::string before, after;
    for (const auto& t : a) before += t;
    for (const auto& t : b) after += t;
    size_t sameWords = 0;
    for (const DiffPart& part : diffWords(before, after)) {
      if (part.change == Change::kSame) sameWords += part.text.size() / 2;  // every token is 2 bytes
    }
    EXPECT_EQ(sameWords, lcs[0][0]) << before << " | " << after;
    expectWellFormed(before, after);
  }
}

std::string numberedLines(size_t count, std::string_view prefix) {
  std::string out;
  for (size_t i = 0; i < count; ++i) out += std::string(prefix) + " Zeile " + std::to_string(i) + " mit Text\n";
  return out;
}

TEST(TextDiff, SmallEditInHugeTextStaysWordLevel) {
  std::string before = numberedLines(20000, "alt");
  std::string after = before;
  after.replace(after.find("Zeile 10000 "), 5, "Reihe");
  EXPECT_EQ(diffWords(before, after).size(), 4u);
  expectWellFormed(before, after);
}

TEST(TextDiff, ManyScatteredEditsFallBackToLines) {
  // 1000 lines of 5 words: the differing middle has ~5000 x 5000 word tokens (over the 4 million
  // cell cap) but only ~1000 x 1000 lines, so changed lines are reported as whole lines.
  std::vector<std::string> lines;
  for (int i = 0; i < 1000; ++i) lines.push_back("Zeile " + std::to_string(i) + " mit etwas Text\n");
  std::string before, after;
  int changed = 0;
  for (int i = 0; i < 1000; ++i) {
    before += lines[i];
    if (i % 10 == 5) {
      after += "Zeile " + std::to_string(i) + " mit anderem Text\n";
      ++changed;
    } else {
      after += lines[i];
    }
  }
  const std::vector<DiffPart> parts = diffWords(before, after);
  expectWellFormed(before, after);
  std::vector<std::string> removedTexts;
  for (const DiffPart& part : parts) {
    if (part.change == Change::kRemoved) removedTexts.push_back(part.text);
  }
  ASSERT_EQ(removedTexts.size(), static_cast<size_t>(changed));
  // The word-level common prefix and suffix end mid-line ("Zeile 5 mit " / " Text\n"), so the
  // first and last change are partial lines; every change in between is a whole line, which a
  // word-level diff would have narrowed down to "etwas ".
  EXPECT_EQ(removedTexts.front(), "etwas Text\n");
  EXPECT_EQ(removedTexts.back(), "Zeile 995 mit etwas ");
  for (size_t i = 1; i + 1 < removedTexts.size(); ++i) {
    EXPECT_EQ(removedTexts[i], "Zeile " + std::to_string(10 * i + 5) + " mit etwas Text\n");
  }
}

TEST(TextDiff, HugeUnrelatedTextsFallBackToOneRemovedAndOneAddedPart) {
  const std::string before = numberedLines(5000, "vorher");
  const std::string after = numberedLines(5000, "nachher");
  const auto start = std::chrono::steady_clock::now();
  const std::vector<DiffPart> parts = diffWords(before, after);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  // Only the common suffix "Zeile 4999 mit Text\n" survives; 10000 x 10000 words and 5000 x 5000
  // lines are both over the cap, so the rest is one removed and one added part.
  const std::string suffix = "Zeile 4999 mit Text\n";
  EXPECT_EQ(parts, (std::vector<DiffPart>{removed(before.substr(0, before.size() - suffix.size())),
                                          added(after.substr(0, after.size() - suffix.size())), same(suffix)}));
  EXPECT_LT(elapsed, std::chrono::seconds(2));
  expectWellFormed(before, after);
}

TEST(TextDiff, LargestTableStaysFast) {
  // Just under the cap on both levels: 1999 x 2000 distinct words on one line.
  std::string before, after;
  for (int i = 0; i < 1999; ++i) before += "a" + std::to_string(i) + " ";
  for (int i = 0; i < 2000; ++i) after += (i % 2 ? "a" : "b") + std::to_string(i) + " ";
  const auto start = std::chrono::steady_clock::now();
  expectWellFormed(before, after);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

}  // namespace
}  // namespace opgv::textdiff
