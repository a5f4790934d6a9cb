#include "validation/encoding.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "unit/validation/chunked_input.h"

namespace opgv::validation {
namespace {

using csvtest::transcodeAllChunkings;

std::string fromHex(std::string_view hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) out.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  return out;
}

// "Straße;Größe;Betrag\nKöln;Äußere Grünfläche;€ 1.234,56\n" in Windows-1252.
const std::string kCp1252German =
    "Stra\xDF" "e;Gr\xF6\xDF" "e;Betrag\nK\xF6ln;\xC4u\xDF" "ere Gr\xFCnfl\xE4" "che;\x80 1.234,56\n";
const std::string kUtf8German = "Straße;Größe;Betrag\nKöln;Äußere Grünfläche;€ 1.234,56\n";

// ------------------------------------------------------------------------------- detection

TEST(EncodingDetect, Utf8BomIsCertain) {
  const EncodingGuess guess = detectEncoding("\xEF\xBB\xBFid;name\n1;a\n");
  EXPECT_EQ(guess.encoding, Encoding::kUtf8);
  EXPECT_TRUE(guess.bom);
  EXPECT_DOUBLE_EQ(guess.confidence, 1.0);
}

TEST(EncodingDetect, Utf8WithUmlautsIsConfident) {
  const EncodingGuess guess = detectEncoding(kUtf8German);
  EXPECT_EQ(guess.encoding, Encoding::kUtf8);
  EXPECT_FALSE(guess.bom);
  EXPECT_GE(guess.confidence, 0.95);
  const EncodingGuess one = detectEncoding("Köln\n");
  EXPECT_EQ(one.encoding, Encoding::kUtf8);
  EXPECT_LT(one.confidence, guess.confidence);  // one umlaut could be an accident
}

TEST(EncodingDetect, AsciiOnlySaysItKnowsLittle) {
  const EncodingGuess guess = detectEncoding("id,name\n1,abc\n");
  EXPECT_EQ(guess.encoding, Encoding::kUtf8);
  EXPECT_DOUBLE_EQ(guess.confidence, 0.5);
  EXPECT_NE(guess.note.find("ASCII"), std::string::npos);
}

TEST(EncodingDetect, Utf8CutAtTheEndOfTheSampleIsStillUtf8) {
  const std::string sample = "Gr\xC3\xB6\xC3\x9F" "e;K\xC3";  // "Größe;K" + first byte of "ö"
  EXPECT_EQ(detectEncoding(sample, /*complete=*/false).encoding, Encoding::kUtf8);
  // As a whole file the cut sequence is not UTF-8 any more.
  EXPECT_NE(detectEncoding(sample, /*complete=*/true).encoding, Encoding::kUtf8);
}

TEST(EncodingDetect, Windows1252GermanText) {
  const EncodingGuess guess = detectEncoding(kCp1252German);
  EXPECT_EQ(guess.encoding, Encoding::kWindows1252);
  EXPECT_GE(guess.confidence, 0.9);
  EXPECT_FALSE(guess.note.empty());
}

TEST(EncodingDetect, UmlautsWithoutC1BytesChooseWindows1252) {
  // ISO-8859-1 and Windows-1252 decode this identically; Windows-1252 keeps a later € an €.
  const EncodingGuess guess = detectEncoding("K\xF6ln;M\xFCnchen\n");
  EXPECT_EQ(guess.encoding, Encoding::kWindows1252);
  EXPECT_GE(guess.confidence, 0.9);
}

TEST(EncodingDetect, UnassignedWindows1252BytesMeanIso88591) {
  const EncodingGuess guess = detectEncoding("K\xF6ln\x81;x\n");
  EXPECT_EQ(guess.encoding, Encoding::kIso8859_1);
  EXPECT_LT(guess.confidence, 0.5);
}

TEST(EncodingDetect, Utf16ByBomAndByNulPattern) {
  EXPECT_EQ(detectEncoding(std::string("\xFF\xFEi\0d\0", 6)).encoding, Encoding::kUtf16Le);
  EXPECT_EQ(detectEncoding(std::string("\xFE\xFF\0i\0d", 6)).encoding, Encoding::kUtf16Be);
  const std::string le("i\0d\0;\0n\0a\0m\0e\0\n\0", 16);
  const std::string be("\0i\0d\0;\0n\0a\0m\0e\0\n", 16);
  const EncodingGuess leGuess = detectEncoding(le);
  EXPECT_EQ(leGuess.encoding, Encoding::kUtf16Le);
  EXPECT_FALSE(leGuess.bom);
  EXPECT_GE(leGuess.confidence, 0.9);
  EXPECT_EQ(detectEncoding(be).encoding, Encoding::kUtf16Be);
  EXPECT_FALSE(isSupported(Encoding::kUtf16Le));
}

TEST(EncodingDetect, NamesAndAliases) {
  EXPECT_EQ(encodingFromName("UTF-8").value(), Encoding::kUtf8);
  EXPECT_EQ(encodingFromName("utf8").value(), Encoding::kUtf8);
  EXPECT_EQ(encodingFromName("utf-8-sig").value(), Encoding::kUtf8);
  EXPECT_EQ(encodingFromName("cp1252").value(), Encoding::kWindows1252);
  EXPECT_EQ(encodingFromName(" Windows-1252 ").value(), Encoding::kWindows1252);
  EXPECT_EQ(encodingFromName("latin1").value(), Encoding::kIso8859_1);
  EXPECT_EQ(encodingFromName("ISO_8859-1").value(), Encoding::kIso8859_1);
  EXPECT_EQ(encodingFromName("utf-16").value(), Encoding::kUtf16Le);
  for (Encoding e : {Encoding::kUtf8, Encoding::kWindows1252, Encoding::kIso8859_1, Encoding::kUtf16Le, Encoding::kUtf16Be})
    EXPECT_EQ(encodingFromName(encodingName(e)).value(), e);
  auto unknown = encodingFromName("ebcdic");
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message.find("„ebcdic“ wird nicht unterstützt"), std::string::npos);
}

TEST(EncodingDetect, DeclaredEncodingOverridesDetection) {
  auto chosen = chooseEncoding("iso-8859-1", kUtf8German);
  ASSERT_TRUE(chosen);
  EXPECT_EQ(chosen->encoding, Encoding::kIso8859_1);
  EXPECT_TRUE(chosen->declared);
  EXPECT_DOUBLE_EQ(chosen->confidence, 1.0);
  auto detected = chooseEncoding("", kCp1252German);
  ASSERT_TRUE(detected);
  EXPECT_EQ(detected->encoding, Encoding::kWindows1252);
  EXPECT_FALSE(detected->declared);
  EXPECT_FALSE(chooseEncoding("klingonisch", kUtf8German));
}

// ------------------------------------------------------------------------------- transcoding

TEST(EncodingTranscode, Utf8PassesThroughAndLosesTheBom) {
  const auto result = transcodeAllChunkings("\xEF\xBB\xBF" + kUtf8German, Encoding::kUtf8);
  EXPECT_FALSE(result.error);
  EXPECT_TRUE(result.bomRemoved);
  EXPECT_EQ(result.text, kUtf8German);
  // A BOM is only a BOM at the start; inside the text U+FEFF is kept.
  const auto inner = transcodeAllChunkings("a\xEF\xBB\xBF" "b", Encoding::kUtf8);
  EXPECT_FALSE(inner.bomRemoved);
  EXPECT_EQ(inner.text, "a\xEF\xBB\xBF" "b");
}

TEST(EncodingTranscode, MultiByteSequencesSplitAcrossChunks) {
  // 2-, 3- and 4-byte characters next to each other: the 1/3/7-byte chunks cut through all of them.
  const std::string text = "äöü€„“–𝄞🚪ßÄÖÜ\r\nZeile 2: Größe €\n";
  const auto result = transcodeAllChunkings(text, Encoding::kUtf8);
  EXPECT_FALSE(result.error);
  EXPECT_EQ(result.text, text);
}

TEST(EncodingTranscode, InvalidUtf8NamesOffsetAndLine) {
  // Windows-1252 "Größe" inside an otherwise ASCII UTF-8 file.
  const std::string input = "id;name\n1;abc\n2;Gr\xF6\xDF" "e\n";
  const auto result = transcodeAllChunkings(input, Encoding::kUtf8);
  ASSERT_TRUE(result.error);
  EXPECT_EQ(result.error->code, "encoding-error");
  EXPECT_EQ(result.error->byteOffset, 18u);
  EXPECT_EQ(result.error->line, 3);
  EXPECT_TRUE(result.error->fatal);
  EXPECT_NE(result.error->message.find("Zeile 3"), std::string::npos) << result.error->message;
  EXPECT_NE(result.error->message.find("0xF6"), std::string::npos) << result.error->message;
  EXPECT_NE(result.error->message.find("Windows-1252"), std::string::npos);
  EXPECT_EQ(result.text, "id;name\n1;abc\n2;Gr");  // what came before, nothing replaced
}

TEST(EncodingTranscode, EveryKindOfInvalidSequence) {
  struct Case {
    std::string input;
    uint64_t offset;
    int64_t line;
  };
  const std::vector<Case> cases = {
      {"ab\xC0\xAF", 2, 1},                  // overlong '/'
      {"ab\xC1\xBF", 2, 1},                  // overlong
      {"a\n\xE0\x80\xAF", 2, 2},             // overlong 3-byte
      {"a\r\nb\r\n\xED\xA0\x80", 6, 3},      // UTF-16 surrogate, CRLF counted once
      {"a\rb\r\xF4\x90\x80\x80", 4, 3},      // above U+10FFFF, CR-only lines
      {"x\xF5\x80\x80\x80", 1, 1},           // lead byte that cannot occur
      {"x\x80", 1, 1},                       // lone continuation byte
      {"x\xE2\x82x", 1, 1},                  // sequence cut short by ASCII
      {"\xE2\x82\xAC\xE2\x82", 3, 1},        // ends inside a sequence (found by finish)
      {"\xEF\xBB\xBF\xFF", 3, 1},            // offsets count the BOM
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(::testing::PrintToString(c.input));
    const auto result = transcodeAllChunkings(c.input, Encoding::kUtf8);
    ASSERT_TRUE(result.error);
    EXPECT_EQ(result.error->byteOffset, c.offset);
    EXPECT_EQ(result.error->line, c.line);
  }
}

TEST(EncodingTranscode, TruncatedFileEndsWithAClearError) {
  const auto result = transcodeAllChunkings("abc\xC3", Encoding::kUtf8);
  ASSERT_TRUE(result.error);
  EXPECT_EQ(result.error->byteOffset, 3u);
  EXPECT_NE(result.error->message.find("endet mitten in einem UTF-8-Zeichen"), std::string::npos);
}

TEST(EncodingTranscode, Windows1252UmlautsAndEuro) {
  const auto result = transcodeAllChunkings(kCp1252German, Encoding::kWindows1252);
  EXPECT_FALSE(result.error);
  EXPECT_EQ(result.text, kUtf8German);
}

TEST(EncodingTranscode, Windows1252CompleteTable) {
  // Expected: Python's cp1252 codec over 0x80–0xFF without the five unassigned bytes.
  std::string input;
  for (int b = 0x80; b <= 0xFF; ++b)
    if (b != 0x81 && b != 0x8D && b != 0x8F && b != 0x90 && b != 0x9D) input.push_back(static_cast<char>(b));
  const std::string expected = fromHex(
      "e282ace2809ac692e2809ee280a6e280a0e280a1cb86e280b0c5a0e280b9c592c5bde28098e28099e2809ce2809de280"
      "a2e28093e28094cb9ce284a2c5a1e280bac593c5bec5b8c2a0c2a1c2a2c2a3c2a4c2a5c2a6c2a7c2a8c2a9c2aac2abc2"
      "acc2adc2aec2afc2b0c2b1c2b2c2b3c2b4c2b5c2b6c2b7c2b8c2b9c2bac2bbc2bcc2bdc2bec2bfc380c381c382c383c3"
      "84c385c386c387c388c389c38ac38bc38cc38dc38ec38fc390c391c392c393c394c395c396c397c398c399c39ac39bc3"
      "9cc39dc39ec39fc3a0c3a1c3a2c3a3c3a4c3a5c3a6c3a7c3a8c3a9c3aac3abc3acc3adc3aec3afc3b0c3b1c3b2c3b3c3"
      "b4c3b5c3b6c3b7c3b8c3b9c3bac3bbc3bcc3bdc3bec3bf");
  const auto result = transcodeAllChunkings(input, Encoding::kWindows1252);
  EXPECT_FALSE(result.error);
  EXPECT_EQ(result.text, expected);
  // ASCII, including control characters, is unchanged.
  std::string ascii;
  for (int b = 1; b < 0x80; ++b) ascii.push_back(static_cast<char>(b));
  EXPECT_EQ(transcodeAllChunkings(ascii, Encoding::kWindows1252).text, ascii);
}

TEST(EncodingTranscode, Windows1252UnassignedBytesAreErrors) {
  for (unsigned char b : {0x81, 0x8D, 0x8F, 0x90, 0x9D}) {
    const std::string input = std::string("a;b\nK\xF6ln;") + static_cast<char>(b) + "\n";
    const auto result = transcodeAllChunkings(input, Encoding::kWindows1252);
    ASSERT_TRUE(result.error) << static_cast<int>(b);
    EXPECT_EQ(result.error->code, "encoding-error");
    EXPECT_EQ(result.error->byteOffset, 9u);
    EXPECT_EQ(result.error->line, 2);
    EXPECT_EQ(result.text, "a;b\nKöln;");
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", b);
    EXPECT_NE(result.error->message.find(hex), std::string::npos) << result.error->message;
  }
}

TEST(EncodingTranscode, Iso88591MapsEveryByte) {
  std::string input;
  for (int b = 0x80; b <= 0xFF; ++b) input.push_back(static_cast<char>(b));
  const auto result = transcodeAllChunkings(input, Encoding::kIso8859_1);
  EXPECT_FALSE(result.error);
  ASSERT_EQ(result.text.size(), 256u);
  EXPECT_EQ(result.text.substr(0, 2), "\xC2\x80");             // U+0080, a control character
  EXPECT_EQ(result.text.substr(2 * (0xE4 - 0x80), 2), "ä");
  EXPECT_EQ(transcodeAllChunkings("Gr\xF6\xDF" "e", Encoding::kIso8859_1).text, "Größe");
}

TEST(EncodingTranscode, Utf16IsRejectedWithAHint) {
  const std::string le("\xFF\xFEi\0d\0\n\0", 8);
  for (Encoding declared : {Encoding::kUtf8, Encoding::kWindows1252, Encoding::kUtf16Le}) {
    const auto result = transcodeAllChunkings(le, declared);
    ASSERT_TRUE(result.error);
    EXPECT_EQ(result.error->code, "encoding-error");
    EXPECT_NE(result.error->message.find("UTF-16"), std::string::npos);
    EXPECT_NE(result.error->message.find("bitte als UTF-8 speichern"), std::string::npos);
    EXPECT_TRUE(result.text.empty());
  }
  // Declared UTF-16 without a BOM: still the clear message.
  const auto be = transcodeAllChunkings(std::string("\0i\0d", 4), Encoding::kUtf16Be);
  ASSERT_TRUE(be.error);
  EXPECT_NE(be.error->message.find("Big Endian"), std::string::npos);
}

TEST(EncodingTranscode, BomContradictingTheDeclaredEncoding) {
  const auto result = transcodeAllChunkings("\xEF\xBB\xBFid;name\n", Encoding::kWindows1252);
  ASSERT_TRUE(result.error);
  EXPECT_NE(result.error->message.find("UTF-8-Kennung"), std::string::npos);
}

TEST(EncodingTranscode, EmptyAndTinyInputs) {
  for (Encoding e : {Encoding::kUtf8, Encoding::kWindows1252, Encoding::kIso8859_1}) {
    EXPECT_EQ(transcodeAllChunkings("", e).text, "");
    EXPECT_FALSE(transcodeAllChunkings("", e).error);
    EXPECT_EQ(transcodeAllChunkings("a", e).text, "a");
    EXPECT_EQ(transcodeAllChunkings("\xEF", e).error.has_value(), e == Encoding::kUtf8);
  }
  const auto bomOnly = transcodeAllChunkings("\xEF\xBB\xBF", Encoding::kUtf8);
  EXPECT_FALSE(bomOnly.error);
  EXPECT_TRUE(bomOnly.bomRemoved);
  EXPECT_EQ(bomOnly.text, "");
}

TEST(EncodingTranscode, StaysFailedAfterTheFirstError) {
  Utf8Transcoder transcoder(Encoding::kUtf8);
  std::string out;
  EXPECT_FALSE(transcoder.feed("a\xFF", out));
  EXPECT_FALSE(transcoder.feed("valid", out));
  EXPECT_FALSE(transcoder.finish(out));
  EXPECT_EQ(out, "a");
  ASSERT_TRUE(transcoder.error());
  EXPECT_EQ(transcoder.error()->byteOffset, 1u);
}

}  // namespace
}  // namespace opgv::validation

namespace opgv::validation {
namespace {

TEST(EncodingTranscode, RandomBytesAreChunkingInvariant) {
  // Mostly valid UTF-8 pieces with some stray bytes, so that errors land at every position
  // relative to a chunk boundary.
  const std::vector<std::string> pieces = {"a", "\n", "\r", "\r\n", "ä", "€", "𝄞", "\xEF\xBB\xBF", "\xC3", "\xA4",
                                           "\xE2\x82", "\xF0\x9D", "\x80", "\xFF", "\x81", "\xE4"};
  std::mt19937 rng(1252);
  for (int iteration = 0; iteration < 3000; ++iteration) {
    std::string input;
    const int length = static_cast<int>(rng() % 24);
    for (int k = 0; k < length; ++k) {
      const std::string& piece = pieces[rng() % pieces.size()];
      // Stray bytes are rarer than characters.
      if (piece.size() == 1 && static_cast<unsigned char>(piece[0]) >= 0x80 && rng() % 3 != 0) continue;
      input += piece;
    }
    for (Encoding encoding : {Encoding::kUtf8, Encoding::kWindows1252, Encoding::kIso8859_1}) {
      SCOPED_TRACE(::testing::PrintToString(input) + " " + std::string(encodingName(encoding)));
      const std::string whole = csvtest::transcodeChunks({input}, encoding).transcript();
      std::vector<std::string_view> random;
      for (size_t at = 0; at < input.size();) {
        const size_t take = 1 + rng() % 4;
        random.push_back(std::string_view(input).substr(at, take));
        at += take;
      }
      ASSERT_EQ(csvtest::transcodeChunks(random, encoding).transcript(), whole);
      ASSERT_EQ(csvtest::transcodeChunks(csvtest::splitIntoChunks(input, 1), encoding).transcript(), whole);
      // Valid UTF-8 comes out unchanged (minus a leading BOM).
      if (encoding == Encoding::kUtf8 && !csvtest::transcodeChunks({input}, encoding).error) {
        const std::string expected = input.rfind("\xEF\xBB\xBF", 0) == 0 ? input.substr(3) : input;
        ASSERT_EQ(csvtest::transcodeChunks({input}, encoding).text, expected);
      }
    }
  }
}

}  // namespace
}  // namespace opgv::validation
