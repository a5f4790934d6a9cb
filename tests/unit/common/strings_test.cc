#include "common/strings.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>

namespace opgv::strings {
namespace {

std::string bytes(std::initializer_list<unsigned> values) {
  std::string out;
  for (unsigned v : values) out.push_back(static_cast<char>(v));
  return out;
}

TEST(StringsUtf8, AcceptsAsciiUmlautsAndAllSequenceLengths) {
  EXPECT_TRUE(isValidUtf8(""));
  EXPECT_TRUE(isValidUtf8("Hallo Welt"));
  EXPECT_TRUE(isValidUtf8("Grüße aus Köln, Straße"));     // 2 bytes
  EXPECT_TRUE(isValidUtf8("€ – „Zitat“"));                 // 3 bytes
  EXPECT_TRUE(isValidUtf8("🚪 𝄞"));                        // 4 bytes
  EXPECT_TRUE(isValidUtf8(std::string("a\0b", 3)));        // NUL is valid UTF-8 (rejected elsewhere)
  // Boundaries of each length.
  EXPECT_TRUE(isValidUtf8(bytes({0x7F})));
  EXPECT_TRUE(isValidUtf8(bytes({0xC2, 0x80})));              // U+0080
  EXPECT_TRUE(isValidUtf8(bytes({0xDF, 0xBF})));              // U+07FF
  EXPECT_TRUE(isValidUtf8(bytes({0xE0, 0xA0, 0x80})));        // U+0800
  EXPECT_TRUE(isValidUtf8(bytes({0xED, 0x9F, 0xBF})));        // U+D7FF, just below the surrogates
  EXPECT_TRUE(isValidUtf8(bytes({0xEE, 0x80, 0x80})));        // U+E000, just above
  EXPECT_TRUE(isValidUtf8(bytes({0xEF, 0xBF, 0xBF})));        // U+FFFF
  EXPECT_TRUE(isValidUtf8(bytes({0xF0, 0x90, 0x80, 0x80})));  // U+10000
  EXPECT_TRUE(isValidUtf8(bytes({0xF4, 0x8F, 0xBF, 0xBF})));  // U+10FFFF
}

TEST(StringsUtf8, RejectsOverlongEncodings) {
  EXPECT_FALSE(isValidUtf8(bytes({0xC0, 0xAF})));              // '/' in two bytes
  EXPECT_FALSE(isValidUtf8(bytes({0xC1, 0xBF})));
  EXPECT_FALSE(isValidUtf8(bytes({0xC0, 0x80})));              // "modified UTF-8" NUL
  EXPECT_FALSE(isValidUtf8(bytes({0xE0, 0x80, 0xAF})));        // '/' in three bytes
  EXPECT_FALSE(isValidUtf8(bytes({0xE0, 0x9F, 0xBF})));        // U+07FF in three bytes
  EXPECT_FALSE(isValidUtf8(bytes({0xF0, 0x80, 0x80, 0xAF})));  // '/' in four bytes
  EXPECT_FALSE(isValidUtf8(bytes({0xF0, 0x8F, 0xBF, 0xBF})));  // U+FFFF in four bytes
}

TEST(StringsUtf8, RejectsSurrogatesAndBeyondUnicode) {
  EXPECT_FALSE(isValidUtf8(bytes({0xED, 0xA0, 0x80})));        // U+D800
  EXPECT_FALSE(isValidUtf8(bytes({0xED, 0xBF, 0xBF})));        // U+DFFF
  // CESU-8 style pair for U+1F600.
  EXPECT_FALSE(isValidUtf8(bytes({0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80})));
  EXPECT_FALSE(isValidUtf8(bytes({0xF4, 0x90, 0x80, 0x80})));  // U+110000
  EXPECT_FALSE(isValidUtf8(bytes({0xF5, 0x80, 0x80, 0x80})));
  EXPECT_FALSE(isValidUtf8(bytes({0xF8, 0x88, 0x80, 0x80, 0x80})));  // 5-byte form
  EXPECT_FALSE(isValidUtf8(bytes({0xFE})));
  EXPECT_FALSE(isValidUtf8(bytes({0xFF})));
}

TEST(StringsUtf8, RejectsTruncatedAndStrayBytes) {
  EXPECT_FALSE(isValidUtf8(bytes({0xC3})));                    // "ä" cut after the lead byte
  EXPECT_FALSE(isValidUtf8("abc" + bytes({0xE2, 0x82})));      // "€" cut at the end
  EXPECT_FALSE(isValidUtf8(bytes({0xF0, 0x9F, 0x9A})));        // emoji cut
  EXPECT_FALSE(isValidUtf8(bytes({0x80})));                    // lone continuation byte
  EXPECT_FALSE(isValidUtf8("a" + bytes({0xBF}) + "b"));
  EXPECT_FALSE(isValidUtf8(bytes({0xC3, 0x41})));              // lead byte followed by ASCII
  EXPECT_FALSE(isValidUtf8(bytes({0xE2, 0x28, 0xA1})));
  EXPECT_FALSE(isValidUtf8("Stra" + bytes({0xDF}) + "e"));     // Latin-1 "Straße"
}

TEST(StringsPercentDecode, DecodesEscapesAndPlus) {
  EXPECT_EQ(percentDecode("a%20b", false), "a b");
  EXPECT_EQ(percentDecode("%C3%A4%c3%b6", false), "äö");  // either case of hex digits
  EXPECT_EQ(percentDecode("a+b", true), "a b");
  EXPECT_EQ(percentDecode("a+b", false), "a+b");            // '+' is literal in paths
  EXPECT_EQ(percentDecode("%2B", true), "+");               // encoded plus stays a plus
  EXPECT_EQ(percentDecode("100%25", false), "100%");
  EXPECT_EQ(percentDecode("", false), "");
  EXPECT_EQ(percentDecode("%00", false), std::string(1, '\0'));
  EXPECT_EQ(percentDecode("%41%42", false), "AB");
}

TEST(StringsPercentDecode, RejectsBrokenEscapes) {
  EXPECT_FALSE(percentDecode("%", false));
  EXPECT_FALSE(percentDecode("abc%", false));
  EXPECT_FALSE(percentDecode("%4", false));
  EXPECT_FALSE(percentDecode("a%4", true));
  EXPECT_FALSE(percentDecode("%zz", false));
  EXPECT_FALSE(percentDecode("%4g", false));
  EXPECT_FALSE(percentDecode("%g4", false));
  EXPECT_FALSE(percentDecode("%%41", false));
  EXPECT_FALSE(percentDecode("% 4", false));
}

TEST(StringsPercentDecode, RoundTripsWithPercentEncode) {
  const std::string original = "Grüße & Co/Ä?=+ 100% 🚪\t";
  auto encoded = percentEncode(original);
  EXPECT_EQ(encoded.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~%"),
            std::string::npos);
  EXPECT_EQ(percentDecode(encoded, true), original);
}

TEST(StringsFoldGerman, FoldsUmlautsSharpSAndCase) {
  EXPECT_EQ(foldGerman("München"), "muenchen");
  EXPECT_EQ(foldGerman("MÜNCHEN"), "muenchen");
  EXPECT_EQ(foldGerman("Muenchen"), "muenchen");
  EXPECT_EQ(foldGerman("münchen"), foldGerman("MUENCHEN"));
  EXPECT_EQ(foldGerman("Äpfel Öl Übel"), "aepfel oel uebel");
  EXPECT_EQ(foldGerman("Straße"), "strasse");
  EXPECT_EQ(foldGerman("Gießen"), foldGerman("Giessen"));
  EXPECT_EQ(foldGerman(""), "");
  // Other non-ASCII characters pass through unchanged and stay valid UTF-8.
  EXPECT_EQ(foldGerman("Île-de-France é"), "Île-de-france é");
  EXPECT_TRUE(isValidUtf8(foldGerman("Ålesund Øre ÿ Ü")));
  // A lone 0xC3 at the end is not folded (and not read past the end).
  EXPECT_EQ(foldGerman(bytes({'A', 0xC3})), bytes({'a', 0xC3}));
}

TEST(StringsParseInt, AcceptsDecimalIntegersOnly) {
  EXPECT_EQ(parseInt("0"), 0);
  EXPECT_EQ(parseInt("42"), 42);
  EXPECT_EQ(parseInt("-17"), -17);
  EXPECT_EQ(parseInt("007"), 7);
  EXPECT_EQ(parseInt("9223372036854775807"), std::numeric_limits<int64_t>::max());
  EXPECT_EQ(parseInt("-9223372036854775808"), std::numeric_limits<int64_t>::min());
  EXPECT_FALSE(parseInt(""));
  EXPECT_FALSE(parseInt("-"));
  EXPECT_FALSE(parseInt("+5"));
  EXPECT_FALSE(parseInt(" 5"));
  EXPECT_FALSE(parseInt("5 "));
  EXPECT_FALSE(parseInt("5x"));
  EXPECT_FALSE(parseInt("1.5"));
  EXPECT_FALSE(parseInt("1e3"));
  EXPECT_FALSE(parseInt("0x10"));
  EXPECT_FALSE(parseInt("9223372036854775808"));   // overflow
  EXPECT_FALSE(parseInt("-9223372036854775809"));
  EXPECT_FALSE(parseInt("99999999999999999999999"));
}

TEST(StringsMisc, TrimSplitLengthEscape) {
  EXPECT_EQ(trim("  a b \t\r\n"), "a b");
  EXPECT_EQ(trim(" \t "), "");
  EXPECT_EQ(split("a,,b,", ','), (std::vector<std::string>{"a", "", "b", ""}));
  EXPECT_EQ(split("", ','), (std::vector<std::string>{""}));
  EXPECT_EQ(utf8Length("Grüße 🚪"), 7u);
  EXPECT_EQ(htmlEscape("<a href=\"x\">'&'</a>"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  EXPECT_EQ(toLowerAscii("ÄBC"), "Äbc");  // only ASCII is lowered
  EXPECT_EQ(toUpperAscii("titel.äb"), "TITEL.äB");  // only ASCII is raised
  EXPECT_EQ(csvField("a,b"), "\"a,b\"");
  EXPECT_EQ(csvField("sagt \"ja\""), "\"sagt \"\"ja\"\"\"");
  EXPECT_EQ(csvField("=1+1"), "=1+1");  // data round-trips: no formula guard here
  EXPECT_EQ(csvField("zeile\nzwei"), "\"zeile\nzwei\"");
  EXPECT_TRUE(startsWith("/api/v1", "/api/"));
  EXPECT_FALSE(startsWith("/ap", "/api/"));
}

}  // namespace
}  // namespace opgv::strings
