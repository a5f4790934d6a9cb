// The pattern constraint's fast path must answer exactly like the ECMAScript regex it stands in
// for: differential test over patterns of the shapes real schemas use and random ASCII cells.
#include <gtest/gtest.h>

#include <random>
#include <regex>

#include "validation/constraints.h"

namespace opgv::validation {
namespace {

TEST(Pattern, FastPathAgreesWithTheRegex) {
  const std::vector<std::string> patterns = {
      "[0-9]{8}", "^[0-9]{8}$", "\\d{4}/\\d{2}", "[A-Z]{2}[0-9]+", "[0-9]{5}", "[0-9]{12}", "a*b?c+", "[a-c]{2,3}x*",
      "[^,;]+", "..?", "\\w+@\\w+\\.de", "[0-9]{2,}", "[-+]?[0-9]+", "[0-9]*0", "x{0}y", "\\s*[a-z]+\\s*",
      "[0-9]{1,3}(\\.[0-9]{3})*", "ab|cd", "\\.\\-\\/", "[\\d.]{3}", "[a-]+", "ä[0-9]"};
  std::mt19937_64 random(42);
  const std::string alphabet = "0123456789abcxyzAZ-+.,;/@ _\t";
  for (const auto& pattern : patterns) {
    std::string error;
    auto matcher = PatternMatcher::compile(pattern, &error);
    ASSERT_TRUE(matcher) << pattern << ": " << error;
    std::regex reference(pattern, std::regex::ECMAScript);
    for (int round = 0; round < 3000; ++round) {
      std::string cell;
      size_t length = random() % 16;
      for (size_t i = 0; i < length; ++i) cell += alphabet[random() % alphabet.size()];
      EXPECT_EQ(matcher->matches(cell), std::regex_match(cell, reference)) << pattern << " on „" << cell << "“";
    }
  }
}

TEST(Pattern, TypicalKeysAndNonAsciiCells) {
  std::string error;
  auto ags = PatternMatcher::compile("[0-9]{8}", &error);
  EXPECT_TRUE(ags->matches("09162000"));
  EXPECT_FALSE(ags->matches("0916200"));
  EXPECT_FALSE(ags->matches("091620000"));
  EXPECT_FALSE(ags->matches("0916200x"));
  auto any = PatternMatcher::compile("M.nchen", &error);
  EXPECT_TRUE(any->matches("München"));  // one character, not two bytes: the regex path
  EXPECT_FALSE(any->matches("Mnchen"));
  auto year = PatternMatcher::compile("\\d{4}/\\d{2}", &error);
  EXPECT_TRUE(year->matches("2024/25"));
  EXPECT_FALSE(year->matches("2024/2025"));
}

}  // namespace
}  // namespace opgv::validation
